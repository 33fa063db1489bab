package blocking

import (
	"bytes"
	"cmp"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Mode says whether pairs are drawn from one source or across two.
type Mode uint8

const (
	// Dedupe pairs records of one source with each other: Pair.A < Pair.B.
	Dedupe Mode = iota
	// Link pairs a record of the left source (Pair.A) with one of the
	// right source (Pair.B), never two records of the same source.
	Link
)

// String returns "dedupe" or "link".
func (m Mode) String() string {
	if m == Link {
		return "link"
	}
	return "dedupe"
}

// Pair is a candidate pair, by record index. In [Dedupe] mode A < B, both
// indexes into the one source. In [Link] mode A indexes the left source and
// B the right one. Rule is the index of the first rule that produces the
// pair (Splink's match_key).
type Pair struct {
	A, B int32
	Rule uint8
}

// Candidates is the prepared blocking of one input: every record's keys per
// rule and the blocks they form. Pairs are not stored: [Candidates.Pairs],
// [Candidates.Batches] and [Candidates.ForEachBatch] generate them block by
// block, so memory is bounded by the blocks, not by the number of pairs.
// A Candidates is immutable and safe for concurrent use.
type Candidates struct {
	mode   Mode
	nLeft  int // records of the only (dedupe) or left (link) source
	nRight int // records of the right source (link), 0 in dedupe mode
	opts   Options
	rules  []ruleIndex
	over   []OversizeBlock
	tasks  []task
	// maxTaskPairs bounds the output of one task, to size buffers once.
	maxTaskPairs int64
}

// ruleIndex is one prepared rule. Records are addressed by slot: in dedupe
// mode the slot is the record index; in link mode left records have slots
// 0..nLeft-1 and right records nLeft..nLeft+nRight-1.
//
// Blocks (exact rules) or groups of equal sort keys (sorted neighbourhood)
// are numbered in key order. In dedupe mode block b holds the slots
// mem[start[b]:start[b+1]]; in link mode the left slots memL[startL[b]:
// startL[b+1]] and the right slots memR[startR[b]:startR[b+1]].
type ruleIndex struct {
	name   string
	kind   ruleKind
	window int32
	cap    int             // the cap in effect for the rule; 0: none
	over   []OversizeBlock // the rule's oversized blocks, while it is built

	// exact rules: each slot's blocks (indices into blockKey), ascending:
	// blk[off[s]:off[s+1]], or, when no slot has two (off nil), blk[s]
	// alone, -1 for none (see slotBlocks).
	off []int32
	blk []int32

	// sorted neighbourhood: rank of each slot's group, -1 when missing;
	// skip[g] is true when the window anchored at group g is oversized.
	rank []int32
	skip []bool

	blockKey       []Key
	mem, start     []int32
	memL, startL   []int32
	memR, startR   []int32
	comparisons    int64 // pairs implied by block sizes
	pairBlocks     int   // blocks or windows that produce at least one pair
	maxUnitRecords int   // most records one unit's gather may touch
	// multi[b] is true when a record of block b has several keys in this
	// (exact) rule, so its pairs need the within-rule test.
	multi []bool
}

// numBlocks returns the number of blocks or groups.
func (ri *ruleIndex) numBlocks() int { return len(ri.blockKey) }

// Dedupe prepares the blocking of one source: it runs every rule's key
// function once per record and builds the blocks. Pairs are then drawn from
// the returned Candidates. The only error is ErrTooLarge.
func (b *Blocker[R]) Dedupe(records []R) (*Candidates, error) {
	return b.prepare(Dedupe, records, nil)
}

// Link prepares the blocking of two sources (e.g. health records against a
// population register); pairs always join a left record with a right one.
// The only error is ErrTooLarge.
func (b *Blocker[R]) Link(left, right []R) (*Candidates, error) {
	return b.prepare(Link, left, right)
}

func (b *Blocker[R]) prepare(mode Mode, left, right []R) (*Candidates, error) {
	n := len(left) + len(right)
	if n >= math.MaxInt32 {
		return nil, &RuleError{Index: -1, Reason: "more than 2^31-2 records", Err: ErrTooLarge}
	}
	c := &Candidates{mode: mode, nLeft: len(left), nRight: len(right), opts: b.opts}
	record := func(slot int) *R {
		if slot < len(left) {
			return &left[slot]
		}
		return &right[slot-len(left)]
	}
	c.rules = make([]ruleIndex, len(b.rules))
	errs := make([]error, len(b.rules))
	build := func(i int) {
		r := &b.rules[i]
		ri := &c.rules[i]
		ri.name, ri.kind, ri.window = r.name, r.kind, int32(r.window)
		ri.cap = b.opts.ruleCap(r.maxSize)
		switch r.kind {
		case kindExact:
			var split func(slot int, dst []Key) []Key
			if r.split != nil && b.opts.Oversize == SplitOversize {
				split = func(slot int, dst []Key) []Key { return r.split(record(slot), dst) }
			}
			errs[i] = c.buildExact(i, n, func(slot int, dst []Key) []Key { return r.keys(record(slot), dst) }, split)
		case kindSorted:
			errs[i] = c.buildSorted(i, n, func(slot int, dst []byte) []byte { return r.sortKey(record(slot), dst) })
		}
	}
	// The rules are independent: build them on up to GOMAXPROCS
	// goroutines, each rule on one, taking the next rule when done.
	workers := min(runtime.GOMAXPROCS(0), len(b.rules), max(1, maxBuildSlots/max(n, 1)))
	if workers <= 1 || n < parallelBuildRecords {
		for i := range b.rules {
			build(i)
		}
	} else {
		var next atomic.Int32
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for i := int(next.Add(1)) - 1; i < len(b.rules); i = int(next.Add(1)) - 1 {
					build(i)
				}
			})
		}
		wg.Wait()
	}
	for i := range c.rules {
		if errs[i] != nil {
			return nil, errs[i]
		}
		c.over = append(c.over, c.rules[i].over...)
		c.rules[i].over = nil
	}
	c.tasks = c.planTasks(taskPairs)
	return c, nil
}

// parallelBuildRecords is the input size from which the rules are built on
// several goroutines; below it a goroutine costs more than it saves.
const parallelBuildRecords = 4096

// maxBuildSlots bounds the slots of the rules built at once (the records
// times the rules in progress): a rule's build holds its entries, a sort
// buffer, and the secondary-key entries of its oversized blocks with theirs,
// up to about 150 bytes a slot while it runs, on top of the indexes kept.
// With 1<<24 the builds in flight hold at most about 2.5 GB whatever the
// number of cores. On 8.7 million people linked to 8.7 million (17.3
// million slots) the rules are then built one at a time: the builds' share
// of the live heap at its peak fell from 3.7 to 0.6 GB (two rules at a time
// before, on two cores), the peak itself from 9.4 to 8.4 GB (the indexes of
// the rules built, 2.1 GB, and the records, 5.0 GB, stay). From 8.4 million
// slots down, at least two rules are built at once.
const maxBuildSlots = 1 << 24

// entry is one (key, slot) membership.
type entry struct {
	key  Key
	slot int32
}

func compareEntries(a, b entry) int {
	if c := cmp.Compare(a.key, b.key); c != 0 {
		return c
	}
	return cmp.Compare(a.slot, b.slot)
}

// sortEntries sorts by key then slot and removes duplicates. Entries are
// made in slot order, so a stable radix sort on the key alone usually
// leaves them sorted by (key, slot); a check confirms it and a comparison
// sort takes over when not (a hash collision merging runs made apart).
func sortEntries(es []entry) []entry {
	if len(es) < 1024 {
		slices.SortFunc(es, compareEntries)
	} else {
		radixSortByKey(es)
		if !slices.IsSortedFunc(es, compareEntries) {
			slices.SortFunc(es, compareEntries)
		}
	}
	return slices.Compact(es)
}

// radixSortByKey sorts entries by key, stably, with a least-significant-
// digit radix sort on 16-bit digits; a digit that all keys share costs one
// counting pass and no move.
func radixSortByKey(es []entry) {
	const bits = 16
	count := make([]int, 1<<bits)
	buf := make([]entry, len(es))
	src, dst := es, buf
	for shift := 0; shift < 64; shift += bits {
		clear(count)
		for _, e := range src {
			count[(e.key>>shift)&(1<<bits-1)]++
		}
		if count[(src[0].key>>shift)&(1<<bits-1)] == len(src) {
			continue
		}
		pos := 0
		for d, n := range count {
			count[d] = pos
			pos += n
		}
		for _, e := range src {
			d := (e.key >> shift) & (1<<bits - 1)
			dst[count[d]] = e
			count[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &es[0] {
		copy(es, src)
	}
}

// blockSides counts the records of a run of entries on each side.
func (c *Candidates) blockSides(run []entry) (l, r int) {
	if c.mode == Dedupe {
		return len(run), 0
	}
	// Left slots sort first within a run.
	l, _ = slices.BinarySearchFunc(run, int32(c.nLeft), func(e entry, s int32) int { return cmp.Compare(e.slot, s) })
	return l, len(run) - l
}

// blockPairs is the number of pairs a block with l and r records yields.
func (c *Candidates) blockPairs(l, r int) int64 {
	if c.mode == Dedupe {
		return int64(l) * int64(l-1) / 2
	}
	return int64(l) * int64(r)
}

// forRuns calls fn for each run of equal keys in sorted entries.
func forRuns(es []entry, fn func(run []entry)) {
	for i := 0; i < len(es); {
		j := i + 1
		for j < len(es) && es[j].key == es[i].key {
			j++
		}
		fn(es[i:j])
		i = j
	}
}

func (c *Candidates) buildExact(ri int, n int, keys, split func(slot int, dst []Key) []Key) error {
	r := &c.rules[ri]
	es := make([]entry, 0, n)
	var buf []Key
	for s := 0; s < n; s++ {
		buf = keys(s, buf[:0])
		for _, k := range buf {
			es = append(es, entry{k, int32(s)})
		}
	}
	if len(es) >= math.MaxInt32 {
		return &RuleError{Index: ri, Name: r.name, Reason: "more than 2^31-2 keys", Err: ErrTooLarge}
	}
	es = sortEntries(es)
	maxSize := r.cap
	// Filter in place: a run is copied to or below where it was read.
	kept := es[:0]
	var extra []entry
	forRuns(es, func(run []entry) {
		l, rr := c.blockSides(run)
		p := c.blockPairs(l, rr)
		if p == 0 {
			return
		}
		if maxSize > 0 && len(run) > maxSize {
			ob := OversizeBlock{Rule: ri, RuleName: r.name, Key: run[0].key, Size: len(run), Pairs: p, Action: ActionSkipped}
			if split != nil {
				ob.Action = ActionSplit
				for _, e := range run {
					buf = split(int(e.slot), buf[:0])
					for _, k := range buf {
						extra = append(extra, entry{derive(e.key, k), e.slot})
					}
				}
			}
			r.over = append(r.over, ob)
			return
		}
		kept = append(kept, run...)
	})
	if extra != nil {
		extra = sortEntries(extra)
		n0 := len(kept)
		forRuns(extra, func(run []entry) {
			l, rr := c.blockSides(run)
			p := c.blockPairs(l, rr)
			if p == 0 {
				return
			}
			if len(run) > maxSize {
				r.over = append(r.over, OversizeBlock{Rule: ri, RuleName: r.name, Key: run[0].key, Size: len(run), Pairs: p, Action: ActionSkipped, SubBlock: true})
				return
			}
			kept = append(kept, run...)
		})
		if len(kept) > n0 {
			kept = sortEntries(kept)
		}
	}
	// Blocks, then each slot's blocks, ascending because kept is in key
	// order: one int32 per slot when no slot has two keys, else in CSR
	// form.
	c.layoutBlocks(r, kept)
	r.slotIndex(n, kept)
	for b := range r.blockKey {
		l, rr := c.sides(r, b)
		r.comparisons += c.blockPairs(l, rr)
		r.maxUnitRecords = max(r.maxUnitRecords, l+rr)
	}
	r.pairBlocks = r.numBlocks()
	r.multi = make([]bool, r.numBlocks())
	isMulti := func(s int32) bool { return len(r.slotBlocks(s)) > 1 }
	for b := range r.multi {
		if c.mode == Dedupe {
			r.multi[b] = slices.ContainsFunc(r.mem[r.start[b]:r.start[b+1]], isMulti)
		} else {
			r.multi[b] = slices.ContainsFunc(r.memL[r.startL[b]:r.startL[b+1]], isMulti) &&
				slices.ContainsFunc(r.memR[r.startR[b]:r.startR[b+1]], isMulti)
		}
	}
	return nil
}

// slotIndex fills r.off and r.blk from the n slots' entries es, sorted by
// key and laid out in blocks (layoutBlocks).
func (r *ruleIndex) slotIndex(n int, es []entry) {
	count := make([]int32, n+1)
	multi := false
	for _, e := range es {
		count[e.slot+1]++
		multi = multi || count[e.slot+1] > 1
	}
	if !multi {
		r.off, r.blk = nil, count[:n] // reused: one block or none per slot
		for s := range r.blk {
			r.blk[s] = -1
		}
		b := int32(0)
		forRuns(es, func(run []entry) {
			for _, e := range run {
				r.blk[e.slot] = b
			}
			b++
		})
		return
	}
	for s := 0; s < n; s++ {
		count[s+1] += count[s]
	}
	r.off, r.blk = count, make([]int32, len(es))
	fill := slices.Clone(r.off[:n])
	b := int32(0)
	forRuns(es, func(run []entry) {
		for _, e := range run {
			r.blk[fill[e.slot]] = b
			fill[e.slot]++
		}
		b++
	})
}

// slotBlocks returns the blocks of slot s of an exact rule, ascending.
func (r *ruleIndex) slotBlocks(s int32) []int32 {
	if r.off != nil {
		return r.blk[r.off[s]:r.off[s+1]]
	}
	if r.blk[s] < 0 {
		return nil
	}
	return r.blk[s : s+1]
}

// layoutBlocks fills the block arrays from entries sorted by group key.
func (c *Candidates) layoutBlocks(r *ruleIndex, es []entry) {
	nb := 0
	forRuns(es, func([]entry) { nb++ })
	r.blockKey = make([]Key, 0, nb)
	if c.mode == Dedupe {
		r.mem = make([]int32, len(es))
		r.start = make([]int32, 0, nb+1)
		for i, e := range es {
			r.mem[i] = e.slot
		}
		pos := int32(0)
		forRuns(es, func(run []entry) {
			r.blockKey = append(r.blockKey, run[0].key)
			r.start = append(r.start, pos)
			pos += int32(len(run))
		})
		r.start = append(r.start, pos)
		return
	}
	nLeft := 0
	for _, e := range es {
		if int(e.slot) < c.nLeft {
			nLeft++
		}
	}
	r.memL = make([]int32, 0, nLeft)
	r.memR = make([]int32, 0, len(es)-nLeft)
	r.startL = make([]int32, 0, nb+1)
	r.startR = make([]int32, 0, nb+1)
	forRuns(es, func(run []entry) {
		r.blockKey = append(r.blockKey, run[0].key)
		r.startL = append(r.startL, int32(len(r.memL)))
		r.startR = append(r.startR, int32(len(r.memR)))
		for _, e := range run {
			if int(e.slot) < c.nLeft {
				r.memL = append(r.memL, e.slot)
			} else {
				r.memR = append(r.memR, e.slot)
			}
		}
	})
	r.startL = append(r.startL, int32(len(r.memL)))
	r.startR = append(r.startR, int32(len(r.memR)))
}

// sides returns the number of left and right records of block or group b
// (in dedupe mode, the records and 0).
func (c *Candidates) sides(r *ruleIndex, b int) (l, rr int) {
	if c.mode == Dedupe {
		return int(r.start[b+1] - r.start[b]), 0
	}
	return int(r.startL[b+1] - r.startL[b]), int(r.startR[b+1] - r.startR[b])
}

func (c *Candidates) buildSorted(ri int, n int, sortKey func(slot int, dst []byte) []byte) error {
	r := &c.rules[ri]
	var arena, buf []byte
	offs := make([]int, n+1)
	for s := 0; s < n; s++ {
		// Through a scratch slice, so a function that ignores dst cannot
		// corrupt the arena.
		buf = sortKey(s, buf[:0])
		arena = append(arena, buf...)
		offs[s+1] = len(arena)
	}
	val := func(s int32) []byte { return arena[offs[s]:offs[s+1]] }
	order := make([]int32, 0, n)
	for s := 0; s < n; s++ {
		if offs[s+1] > offs[s] {
			order = append(order, int32(s))
		}
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c := bytes.Compare(val(a), val(b)); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	// Groups of equal values, keyed by the hash of the value for reports.
	es := make([]entry, len(order))
	r.rank = make([]int32, n)
	for s := range r.rank {
		r.rank[s] = -1
	}
	g := int32(-1)
	for i, s := range order {
		if i == 0 || !bytes.Equal(val(s), val(order[i-1])) {
			g++
		}
		r.rank[s] = g
		// The entry key is the group number, so runs are the groups.
		es[i] = entry{Key(g), s}
	}
	c.layoutBlocks(r, es)
	// layoutBlocks stored group numbers as keys; store the value hashes.
	for i, s := range order {
		if i == 0 || r.rank[s] != r.rank[order[i-1]] {
			var h Hasher
			h.WriteBytes(val(s))
			r.blockKey[r.rank[s]] = h.Key()
		}
	}
	G := r.numBlocks()
	r.skip = make([]bool, G)
	w := int(r.window)
	maxSize := r.cap
	for a := 0; a < G; a++ {
		end := min(a+w, G)
		l, rr := c.windowSides(r, a, end)
		p := c.windowPairs(r, a, end)
		if p == 0 {
			continue
		}
		if maxSize > 0 && l+rr > maxSize {
			r.skip[a] = true
			r.over = append(r.over, OversizeBlock{Rule: ri, RuleName: r.name, Key: r.blockKey[a], Size: l + rr, Pairs: p, Action: ActionSkipped})
			continue
		}
		r.comparisons += p
		r.pairBlocks++
		r.maxUnitRecords = max(r.maxUnitRecords, l+rr)
	}
	return nil
}

// windowSides counts the left and right records of groups [a, end).
func (c *Candidates) windowSides(r *ruleIndex, a, end int) (l, rr int) {
	if c.mode == Dedupe {
		return int(r.start[end] - r.start[a]), 0
	}
	return int(r.startL[end] - r.startL[a]), int(r.startR[end] - r.startR[a])
}

// windowPairs is the number of pairs anchored at group a: pairs within
// group a and pairs between group a and groups a+1..end-1.
func (c *Candidates) windowPairs(r *ruleIndex, a, end int) int64 {
	if c.mode == Dedupe {
		ga := int64(r.start[a+1] - r.start[a])
		rest := int64(r.start[end] - r.start[a+1])
		return ga*(ga-1)/2 + ga*rest
	}
	la := int64(r.startL[a+1] - r.startL[a])
	ra := int64(r.startR[a+1] - r.startR[a])
	return la*int64(r.startR[end]-r.startR[a]) + ra*int64(r.startL[end]-r.startL[a+1])
}
