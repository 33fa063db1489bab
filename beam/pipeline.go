package vnbeam

import (
	"cmp"
	"context"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"

	"github.com/vnlink/vnlink/blocking"
	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

func init() {
	beam.RegisterType(reflect.TypeOf((*nameRef)(nil)).Elem())
	register.DoFn2x0[Row, func(string, nameRef)](&foldFn{})
	register.Emitter2[string, nameRef]()
	register.Function3x0[string, nameRef, func(int)](birthYearOf)
	register.Emitter1[int]()
	register.DoFn5x0[string, func(*nameRef) bool, int, func(*int, *int) bool, func(string, float64)](&freqFn{})
	register.Iter1[nameRef]()
	register.Iter2[int, int]()
	register.Iter1[string]()
	register.Emitter2[string, float64]()
	register.DoFn1x2[Row, string, Row](&refFn{})
	register.DoFn4x0[string, func(*Row) bool, func(*float64) bool, func(string, rowF)](&keysFn{})
	register.Iter1[Row]()
	register.Iter1[float64]()
	register.Emitter2[string, rowF]()
	register.DoFn3x0[string, int, func(string)](&overFn{})
	register.Emitter1[string]()
	register.DoFn4x1[string, rowF, func(*string) bool, func(string, rowF), error](&splitFn{})
	register.DoFn4x0[string, rowF, func(*string) bool, func(string, rowF)](&dropFn{})
	register.Iter1[string]()
	register.DoFn6x1[context.Context, string, func(*rowF) bool, func(*string) bool, func(*string) bool, func(scoredLink), error](&blockFn{})
	register.Iter1[rowF]()
	register.Emitter1[scoredLink]()
	register.Function2x1[scoredLink, scoredLink, scoredLink](bestOfLeft)
	register.Function1x2[scoredLink, int64, scoredLink](byLeft)
	register.Function1x1[scoredLink, Pair](linkOf)
	register.DoFn4x1[context.Context, string, func(*scoredLink) bool, func(Member), error](&clusterFn{})
	register.Iter1[scoredLink]()
	register.Emitter1[Member]()
}

// Dedupe adds to s the deduplication of rows (a PCollection of Row, each
// Index given once) and returns the links (a PCollection of Pair) and the
// clusters of the linked rows (a PCollection of Member). A row without a
// link is a cluster of its own and is not listed. On the same rows and
// model (Config.Model, and vnperson.Options.Model set to it), the links and
// clusters are those of vnperson.Dedupe: the same pairs with the same rule
// and the same weight, bit for bit, and the same partition.
func Dedupe(s beam.Scope, rows beam.PCollection, cfg Config) (links, clusters beam.PCollection, err error) {
	st, err := cfg.settings()
	if err != nil {
		return beam.PCollection{}, beam.PCollection{}, err
	}
	links, clusters = build(s.Scope("vnlink.Dedupe"), st, rows)
	return links, clusters, nil
}

// Link adds to s the linkage of left (an EHR extract, say) with right (the
// population register), both PCollections of Row indexed within their own
// input, and returns the links (Pair.A a left index, Pair.B a right one)
// and the clusters of the linked rows of both sides. On the same rows and
// model they are those of vnperson.Link: by default each left row keeps
// only its best link (Config.AllLinks keeps them all).
func Link(s beam.Scope, left, right beam.PCollection, cfg Config) (links, clusters beam.PCollection, err error) {
	st, err := cfg.settings()
	if err != nil {
		return beam.PCollection{}, beam.PCollection{}, err
	}
	st.Link = true
	links, clusters = build(s.Scope("vnlink.Link"), st, left, right)
	return links, clusters, nil
}

// build adds the pipeline over one input (Dedupe) or two (Link).
func build(s beam.Scope, st settings, inputs ...beam.PCollection) (links, clusters beam.PCollection) {
	unique := scorePairs(s, st, withFrequencies(s, st, inputs...), false)
	if st.Link && !st.AllLinks {
		unique = beam.DropKey(s, beam.CombinePerKey(s.Scope("BestPerLeft"), bestOfLeft, beam.ParDo(s, byLeft, unique)))
	}
	links = beam.ParDo(s, linkOf, unique)
	clusters = beam.ParDo(s.Scope("Cluster"), &clusterFn{S: st}, beam.GroupByKey(s, byComponent(s, st, unique)))
	return links, clusters
}

// withFrequencies returns the rows of one input (Dedupe) or two (Link,
// the second the right one) joined with their name frequencies: the
// CoGroupByKey, by ref, of the rows and of their frequencies.
func withFrequencies(s beam.Scope, st settings, inputs ...beam.PCollection) beam.PCollection {
	var folds, keyed []beam.PCollection
	for side, rows := range inputs {
		right := side == 1
		folds = append(folds, beam.ParDo(s, &foldFn{S: st, Right: right}, rows))
		keyed = append(keyed, beam.ParDo(s, &refFn{Right: right}, rows))
	}
	freqs := nameFrequencies(s, beam.Flatten(s, folds...))
	return beam.CoGroupByKey(s, beam.Flatten(s, keyed...), freqs)
}

// scorePairs returns the candidate pairs of the rows of joined (made by
// withFrequencies) scoring at least st.MinWeight, each once, tagged with
// the first rule that produces it (a PCollection of scoredLink): pairs of
// a left and a right row when st.Link, else pairs of two rows, of the left
// rows only when leftOnly. Each pair is scored once, in the block package
// blocking produces it from (blocking.PairedEarlier).
func scorePairs(s beam.Scope, st settings, joined beam.PCollection, leftOnly bool) beam.PCollection {
	byBlock := beam.ParDo(s.Scope("BlockKeys"), &keysFn{S: st, LeftOnly: leftOnly}, joined)
	bounded, over, overSub := boundBlocks(s.Scope("BoundBlocks"), st, byBlock)
	return beam.ParDo(s.Scope("ScoreBlocks"), &blockFn{S: st}, beam.GroupByKey(s, bounded),
		beam.SideInput{Input: over}, beam.SideInput{Input: overSub})
}

// nameFrequencies returns KV<string, float64>: the ref of every row whose
// name has a folded key and the key's frequency among the rows born in the
// row's year, as vnperson.Prepare computes Record.NameFrequency over one
// call. folds are KV<string, nameRef>: folded key, ref and birth year.
func nameFrequencies(s beam.Scope, folds beam.PCollection) beam.PCollection {
	s = s.Scope("NameFrequencies")
	total := stats.CountElms(s, folds)
	years := stats.Count(s, beam.ParDo(s, birthYearOf, folds))
	return beam.ParDo(s, &freqFn{}, beam.GroupByKey(s, folds), beam.SideInput{Input: total}, beam.SideInput{Input: years})
}

// nameRef is the ref of a row with a name and its birth year, 0 when
// unknown (the year of a valid date is at least 1).
type nameRef struct {
	Ref  string
	Year int
}

// foldFn emits the folded name key of a row with its ref and birth year,
// nothing for a row without a name.
type foldFn struct {
	S     settings
	Right bool
}

func (f *foldFn) ProcessElement(r Row, emit func(string, nameRef)) {
	rec := f.S.prepare([]Row{r}, nil)
	if k := rec[0].Name.Fold(); k != "" {
		n := nameRef{Ref: ref(f.Right, r.Index)}
		if !rec[0].Birth.IsZero() {
			n.Year = rec[0].Birth.Year()
		}
		emit(k, n)
	}
}

// birthYearOf emits the birth year of a fold, nothing when it is unknown.
func birthYearOf(_ string, n nameRef, emit func(int)) {
	if n.Year != 0 {
		emit(n.Year)
	}
}

// freqFn gives every row of a name key the key's frequency among the rows
// of its birth year, linkage.GroupFrequency with
// vnperson.NameYearStrength of the key's counts overall and in the year
// (none without a year: linkage.RelativeFrequency of its count), as
// vnperson's Record.NameFrequency is computed.
type freqFn struct {
	// ofYear counts the rows with a name born in each year, from the side
	// input (the same for every key).
	ofYear map[int]uint64
}

func (f *freqFn) ProcessElement(_ string, refs func(*nameRef) bool, total int, years func(*int, *int) bool, emit func(string, float64)) {
	if f.ofYear == nil {
		f.ofYear = map[int]uint64{}
		var y, n int
		for years(&y, &n) {
			f.ofYear[y] = uint64(n)
		}
	}
	var rows []nameRef
	inYear := map[int]uint64{}
	var r nameRef
	for refs(&r) {
		rows = append(rows, r)
		if r.Year != 0 {
			inYear[r.Year]++
		}
	}
	for _, r := range rows {
		var c, n uint64 // 0 without a year: the overall frequency
		if r.Year != 0 {
			c, n = inYear[r.Year], f.ofYear[r.Year]
		}
		emit(r.Ref, linkage.GroupFrequency(uint64(len(rows)), uint64(total), c, n, vnperson.NameYearStrength))
	}
}

// refFn keys a row by its ref.
type refFn struct{ Right bool }

func (f *refFn) ProcessElement(r Row) (string, Row) { return ref(f.Right, r.Index), r }

// keysFn joins a row with its name frequency and emits it under every
// block key of every rule: "rule:key", each key once per row and rule;
// with LeftOnly, left rows only.
type keysFn struct {
	S        settings
	LeftOnly bool
	rules    []blocking.Rule[vnperson.Record]
}

func (f *keysFn) Setup() { f.rules = vnperson.DefaultRules() }

func (f *keysFn) ProcessElement(key string, rows func(*Row) bool, freqs func(*float64) bool, emit func(string, rowF)) {
	var r Row
	if !rows(&r) || (f.LeftOnly && key[0] == 'R') {
		return
	}
	var freq float64
	freqs(&freq)
	rec := f.S.prepare([]Row{r}, nil)
	var keys []blocking.Key
	for i, rule := range f.rules {
		keys = rule.Keys(&rec[0], keys[:0])
		slices.Sort(keys)
		for _, k := range slices.Compact(keys) {
			emit(blockKey(i, k), rowF{Row: r, Right: key[0] == 'R', Freq: freq})
		}
	}
}

// blockKey is the grouping key of block k of rule i.
func blockKey(i int, k blocking.Key) string {
	return strconv.Itoa(i) + ":" + k.String()
}

// boundBlocks returns the rows keyed by block (KV<string, rowF>) with the
// oversized blocks of package blocking taken apart before any grouping, so
// that no worker is sent a block above its rule's cap (a hot key: a
// placeholder ID shared by 100,000 rows, everyone born in one year in a
// big ward). The sizes of the blocks are counted (a combine, computed in
// parts before the shuffle); a block above its rule's cap is split by the
// rule's secondary key (Rule.SplitKeys) into sub-blocks keyed
// "rule:key/secondary", or dropped when the rule has none; the sub-blocks
// are counted in turn and those above the cap dropped. This is what
// blocking.Blocker does with an oversized block (in link mode the cap
// counts the rows of both sides, as there). The sets of oversized keys
// (over: blocks; overSub: sub-blocks "rule:key/secondary") reach the
// workers as side inputs: one key per oversized block. They are returned
// with the bounded blocks: the scoring reads them to know which blocks
// each record of a block is in (blockFn.blockKeys).
func boundBlocks(s beam.Scope, st settings, keyed beam.PCollection) (bounded, over, overSub beam.PCollection) {
	over = beam.ParDo(s, &overFn{S: st}, stats.Count(s, beam.DropValue(s, keyed)))
	split := beam.ParDo(s, &splitFn{S: st}, keyed, beam.SideInput{Input: over})
	overSub = beam.ParDo(s, &overFn{S: st}, stats.Count(s, beam.DropValue(s, split)))
	return beam.ParDo(s, &dropFn{}, split, beam.SideInput{Input: overSub}), over, overSub
}

// ruleOf returns the rule index of a block key.
func ruleOf(key string, rules int) (int, error) {
	i, err := strconv.Atoi(key[:max(strings.IndexByte(key, ':'), 0)])
	if err != nil || i < 0 || i >= rules {
		return 0, fmt.Errorf("vnbeam: block key without a valid rule index (%d rules)", rules)
	}
	return i, nil
}

// overFn emits the keys of the blocks with more rows than their rule's cap.
type overFn struct {
	S     settings
	rules []blocking.Rule[vnperson.Record]
}

func (f *overFn) Setup() { f.rules = vnperson.DefaultRules() }

func (f *overFn) ProcessElement(key string, n int, emit func(string)) {
	i, err := ruleOf(key, len(f.rules))
	if err != nil {
		return // not a key of keysFn's: blockFn reports it
	}
	if limit := f.rules[i].Cap(blocking.Options{MaxBlockSize: f.S.MaxBlockSize}); limit > 0 && n > limit {
		emit(key)
	}
}

// keySet returns the keys of an iterable side input as a set.
func keySet(keys func(*string) bool) map[string]bool {
	set := map[string]bool{}
	var k string
	for keys(&k) {
		set[k] = true
	}
	return set
}

// splitFn passes the rows of blocks within their cap, and sends those of
// an oversized block to its sub-blocks, one per secondary key of the row
// (none when the rule has no secondary key).
type splitFn struct {
	S     settings
	rules []blocking.Rule[vnperson.Record]
	over  map[string]bool
}

func (f *splitFn) Setup() { f.rules = vnperson.DefaultRules() }

func (f *splitFn) ProcessElement(key string, r rowF, over func(*string) bool, emit func(string, rowF)) error {
	if f.over == nil {
		f.over = keySet(over)
	}
	if !f.over[key] {
		emit(key, r)
		return nil
	}
	i, err := ruleOf(key, len(f.rules))
	if err != nil {
		return err
	}
	if !f.rules[i].HasSplit() {
		return nil
	}
	rec := f.S.prepare([]Row{r.Row}, nil)
	keys := f.rules[i].SplitKeys(&rec[0], nil)
	slices.Sort(keys)
	for _, k := range slices.Compact(keys) {
		emit(subBlockKey(key, k), r)
	}
	return nil
}

// subBlockKey is the grouping key of the sub-block of secondary key k of
// the oversized block of grouping key key.
func subBlockKey(key string, k blocking.Key) string { return key + "/" + k.String() }

// parseBlockKey returns the block of a grouping key (blockKey, or
// subBlockKey when split).
func parseBlockKey(key string, rules int) (rk ruleKey, split bool, err error) {
	if rk.Rule, err = ruleOf(key, rules); err != nil {
		return ruleKey{}, false, err
	}
	main, sub, split := strings.Cut(key[strings.IndexByte(key, ':')+1:], "/")
	k, err := strconv.ParseUint(main, 16, 64)
	if err != nil {
		return ruleKey{}, false, fmt.Errorf("vnbeam: block key without a valid key")
	}
	rk.Key = blocking.Key(k)
	if split {
		sec, err := strconv.ParseUint(sub, 16, 64)
		if err != nil {
			return ruleKey{}, false, fmt.Errorf("vnbeam: block key without a valid secondary key")
		}
		rk.Sec = blocking.Key(sec)
	}
	return rk, split, nil
}

// dropFn drops the rows of the sub-blocks above the cap.
type dropFn struct{ over map[string]bool }

func (f *dropFn) ProcessElement(key string, r rowF, over func(*string) bool, emit func(string, rowF)) {
	if f.over == nil {
		f.over = keySet(over)
	}
	if !f.over[key] {
		emit(key, r)
	}
}

// PairsScored is the name of the pipeline's counter of the pairs the model
// scores (namespace "vnlink"): a measure of the scoring's work, the figure
// to size workers by.
const PairsScored = "pairs_scored"

// pairsScored counts the pairs scored, over all blocks.
var pairsScored = beam.NewCounter("vnlink", PairsScored)

// blockFn scores the pairs of one block or sub-block (boundBlocks keeps
// them within their rule's cap): in link mode only pairs of a left and a
// right row, and only the pairs package blocking produces from this block,
// not those it produces from an earlier one (blocking.PairedEarlier: an
// earlier rule, or a smaller key of the same rule, pairs them), so that
// every candidate pair is scored once. Pairs at or above the threshold are
// emitted.
type blockFn struct {
	S     settings
	rules []blocking.Rule[vnperson.Record]
	model *linkage.Model[vnperson.Record]
	// over and overSub are the oversized blocks and sub-blocks, from the
	// side inputs (the same for every block), by rule and key.
	over, overSub map[ruleKey]bool
}

// ruleKey is a block of package blocking: a rule index and the block's key
// (for a sub-block, the block's and the secondary key).
type ruleKey struct {
	Rule     int
	Key, Sec blocking.Key
}

// ruleKeySet parses the grouping keys of an iterable side input of
// oversized blocks (blockKey) or sub-blocks (subBlockKey) into a set.
func ruleKeySet(keys func(*string) bool, rules int) (map[ruleKey]bool, error) {
	set := map[ruleKey]bool{}
	var k string
	for keys(&k) {
		rk, _, err := parseBlockKey(k, rules)
		if err != nil {
			return nil, err
		}
		set[rk] = true
	}
	return set, nil
}

func (f *blockFn) Setup() error {
	f.rules = vnperson.DefaultRules()
	m, err := vnperson.LoadModel(f.S.Model)
	f.model = m
	return err
}

func (f *blockFn) ProcessElement(ctx context.Context, key string, members func(*rowF) bool, over, overSub func(*string) bool, emit func(scoredLink)) error {
	rk, split, err := parseBlockKey(key, len(f.rules))
	if err != nil {
		return err
	}
	ruleIdx, blockK := rk.Rule, rk.Key
	if split {
		blockK = blocking.SubBlockKey(rk.Key, rk.Sec)
	}
	if f.over == nil {
		if f.over, err = ruleKeySet(over, len(f.rules)); err != nil {
			return err
		}
		if f.overSub, err = ruleKeySet(overSub, len(f.rules)); err != nil {
			return err
		}
	}
	rule := f.rules[ruleIdx]
	var block []rowF
	var m rowF
	for members(&m) {
		block = append(block, m)
	}
	// Left rows first, each side in index order: the order package
	// blocking reads a block in.
	slices.SortFunc(block, func(x, y rowF) int {
		return cmp.Or(boolCompare(x.Right, y.Right), cmp.Compare(x.Row.Index, y.Row.Index))
	})
	all := make([]int, len(block))
	for i := range all {
		all[i] = i
	}
	if !f.yields(block, all) {
		return nil
	}
	rows := make([]Row, len(block))
	freqs := make([]float64, len(block))
	for i := range block {
		rows[i], freqs[i] = block[i].Row, block[i].Freq
	}
	recs := f.S.prepare(rows, freqs)
	var people []vnperson.Person // for the canonical order of Dedupe's pairs
	if !f.S.Link {
		people = make([]vnperson.Person, len(block))
		for i := range block {
			people[i] = block[i].Row.Person()
		}
	}
	if limit := rule.Cap(blocking.Options{MaxBlockSize: f.S.MaxBlockSize}); limit > 0 && len(block) > limit {
		// boundBlocks sends no such block; skipped, as a blocking.Blocker
		// skips a sub-block over the cap.
		return nil
	}
	// The blocks of rules 0..ruleIdx each record is in.
	keys := make([][][]blocking.Key, len(block))
	for i := range recs {
		keys[i] = make([][]blocking.Key, ruleIdx+1)
		for j := range keys[i] {
			keys[i][j] = f.blockKeys(j, &recs[i])
		}
	}
	pairsScored.Inc(ctx, f.pairs(ruleIdx, blockK, block, recs, keys, people, all, emit))
	return nil
}

// blockKeys returns the keys of the blocks record rec is in under rule j,
// ascending, as blocking.PairedEarlier reads them: each key of the rule
// whose block is within the cap, and for an oversized block split by the
// rule's secondary key, the sub-block key (blocking.SubBlockKey) of each
// secondary key whose sub-block is within the cap.
func (f *blockFn) blockKeys(j int, rec *vnperson.Record) []blocking.Key {
	rule := f.rules[j]
	own := rule.Keys(rec, nil)
	if len(own) > 1 {
		slices.Sort(own)
		own = slices.Compact(own)
	}
	out := make([]blocking.Key, 0, len(own))
	var secs []blocking.Key
	split := false
	for _, k := range own {
		if !f.over[ruleKey{Rule: j, Key: k}] {
			out = append(out, k)
			continue
		}
		if !split {
			secs = rule.SplitKeys(rec, nil)
			slices.Sort(secs)
			secs = slices.Compact(secs)
			split = true
		}
		for _, sec := range secs {
			if !f.overSub[ruleKey{Rule: j, Key: k, Sec: sec}] {
				out = append(out, blocking.SubBlockKey(k, sec))
			}
		}
	}
	if split {
		// Sub-block keys are hashes: sorted anew.
		slices.Sort(out)
		out = slices.Compact(out)
	}
	return out
}

// yields reports whether the rows at positions members form at least one
// pair: two rows, and in link mode one of each side.
func (f *blockFn) yields(block []rowF, members []int) bool {
	if len(members) < 2 {
		return false
	}
	if !f.S.Link {
		return true
	}
	// members are in block order: left rows first.
	return !block[members[0]].Right && block[members[len(members)-1]].Right
}

// pairs scores the pairs of the rows at positions members (in block order)
// and emits those at or above st.MinWeight (the threshold, but for
// Reconcile). In dedupe mode the record first in vnperson's canonical
// order (people are the block's rows as persons) is scored first, as
// Dedupe does (Reconcile: a health record before a BHYT row, see
// leftFirst); in link mode the left record. A pair that package blocking
// produces from an earlier block (keys: the blocks of each row,
// blockKeys) is skipped. It returns the number of pairs scored.
func (f *blockFn) pairs(rule int, key blocking.Key, block []rowF, recs []vnperson.Record, keys [][][]blocking.Key, people []vnperson.Person, members []int, emit func(scoredLink)) (scored int64) {
	for x, i := range members {
		for _, j := range members[x+1:] {
			lo, hi := &block[i].Row, &block[j].Row // lo: left, or the smaller index
			a, b := i, j
			if f.S.Link {
				if block[i].Right || !block[j].Right {
					continue
				}
			}
			if blocking.PairedEarlier(keys[i], keys[j], rule, key) {
				continue
			}
			if !f.S.Link && !f.S.leftFirst(lo.Index, hi.Index) && vnperson.CompareCanonical(&people[i], &people[j], int(lo.Index), int(hi.Index)) > 0 {
				a, b = j, i
			}
			w := f.model.Score(&recs[a], &recs[b])
			scored++
			if w < f.S.MinWeight {
				continue
			}
			emit(scoredLink{Pair: Pair{A: lo.Index, B: hi.Index, Rule: rule, Weight: w}, RowA: *lo, RowB: *hi})
		}
	}
	return scored
}

func boolCompare(x, y bool) int {
	switch {
	case x == y:
		return 0
	case y:
		return -1
	}
	return 1
}

func byLeft(l scoredLink) (int64, scoredLink) { return l.Pair.A, l }

// bestOfLeft keeps, of two links of one left row, the one vnperson.Link
// keeps: the higher weight, then the right row first in the canonical
// order.
func bestOfLeft(x, y scoredLink) scoredLink {
	if c := cmp.Compare(y.Pair.Weight, x.Pair.Weight); c != 0 {
		if c > 0 {
			return y
		}
		return x
	}
	px, py := x.RowB.Person(), y.RowB.Person()
	if vnperson.CompareCanonical(&py, &px, int(y.RowB.Index), int(x.RowB.Index)) < 0 {
		return y
	}
	return x
}

func linkOf(l scoredLink) Pair { return l.Pair }

// clusterFn clusters the links of one connected component (byComponent),
// as vnperson.Dedupe and Link cluster all of them: linkage.Cluster,
// refusing merges that would join two records with different valid
// CCCDs. Dedupe clusters its records numbered in canonical order and Link
// in input order, left rows first; ties of weight are broken in that
// numbering, so the component's records are numbered in the same relative
// order. It emits every linked row with its cluster.
type clusterFn struct{ S settings }

func (f *clusterFn) ProcessElement(_ context.Context, _ string, links func(*scoredLink) bool, emit func(Member)) error {
	var all []scoredLink
	type node struct {
		row   Row
		right bool
	}
	byRef := map[string]node{}
	var l scoredLink
	for links(&l) {
		all = append(all, l)
		byRef[ref(false, l.RowA.Index)] = node{l.RowA, false}
		byRef[ref(f.S.Link, l.RowB.Index)] = node{l.RowB, f.S.Link}
	}
	nodes := make([]node, 0, len(byRef))
	for _, n := range byRef {
		nodes = append(nodes, n)
	}
	if f.S.Link {
		slices.SortFunc(nodes, func(x, y node) int {
			return cmp.Or(boolCompare(x.right, y.right), cmp.Compare(x.row.Index, y.row.Index))
		})
	} else {
		people := make(map[int64]vnperson.Person, len(nodes))
		for _, n := range nodes {
			people[n.row.Index] = n.row.Person()
		}
		slices.SortFunc(nodes, func(x, y node) int {
			px, py := people[x.row.Index], people[y.row.Index]
			return vnperson.CompareCanonical(&px, &py, int(x.row.Index), int(y.row.Index))
		})
	}
	local := make(map[string]int32, len(nodes))
	rows := make([]Row, len(nodes))
	for i, n := range nodes {
		local[ref(n.right, n.row.Index)] = int32(i)
		rows[i] = n.row
	}
	recs := f.S.prepare(rows, nil)
	scored := make([]linkage.ScoredPair, len(all))
	for i, l := range all {
		a, b := local[ref(false, l.Pair.A)], local[ref(f.S.Link, l.Pair.B)]
		if a > b {
			a, b = b, a
		}
		scored[i] = linkage.ScoredPair{A: a, B: b, Rule: uint8(l.Pair.Rule), Weight: l.Pair.Weight}
	}
	var co linkage.ClusterOptions
	if !f.S.AllowCCCD {
		co.Separate = func(a, b int32) bool { return vnperson.CannotLink(&recs[a], &recs[b]) }
	}
	labels := linkage.Cluster(len(nodes), scored, co)
	// The label is the smallest input index in the cluster: left rows
	// come before right ones in vnperson's numbering.
	smallest := map[int32]node{}
	for i, lab := range labels {
		n := nodes[i]
		if s, ok := smallest[lab]; !ok || cmp.Or(boolCompare(n.right, s.right), cmp.Compare(n.row.Index, s.row.Index)) < 0 {
			smallest[lab] = n
		}
	}
	for i, lab := range labels {
		s := smallest[lab]
		emit(Member{Index: nodes[i].row.Index, Right: nodes[i].right, Cluster: s.row.Index, ClusterRight: s.right})
	}
	return nil
}
