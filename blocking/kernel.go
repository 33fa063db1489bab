package blocking

// gathered holds, for the records at consecutive positions of a block, what
// the duplicate check needs from each rule: st is 0 when the record has no
// key (or no rank) in the rule, 1 when it has exactly one (v is the key, or
// the rank for a sorted-neighbourhood rule), 2 when it has several (the
// check then reads the rule's key lists).
type gathered struct {
	st [][]uint8
	v  [][]uint64
}

func (g *gathered) reset(rules, n int) {
	for len(g.st) < rules {
		g.st = append(g.st, nil)
		g.v = append(g.v, nil)
	}
	for j := 0; j < rules; j++ {
		if cap(g.st[j]) < n {
			g.st[j] = make([]uint8, n, max(n, 2*cap(g.st[j])))
			g.v[j] = make([]uint64, n, max(n, 2*cap(g.v[j])))
		}
		g.st[j] = g.st[j][:n]
		g.v[j] = g.v[j][:n]
	}
}

// fill gathers rule j for slots and returns how many have a key, and how
// many have several.
func (g *gathered) fill(r *ruleIndex, j int, slots []int32) (have, multi int) {
	st, v := g.st[j], g.v[j]
	if r.kind == kindSorted {
		for i, s := range slots {
			if rk := r.rank[s]; rk >= 0 {
				st[i], v[i] = 1, uint64(rk)
				have++
			} else {
				st[i] = 0
			}
		}
		return have, 0
	}
	if r.off == nil {
		for i, s := range slots {
			if b := r.blk[s]; b >= 0 {
				st[i], v[i] = 1, uint64(b)
				have++
			} else {
				st[i] = 0
			}
		}
		return have, 0
	}
	for i, s := range slots {
		lo, hi := r.off[s], r.off[s+1]
		switch {
		case hi == lo:
			st[i] = 0
		case hi == lo+1:
			st[i], v[i] = 1, uint64(r.blk[lo])
			have++
		default:
			st[i], v[i] = 2, uint64(r.blk[lo])
			have++
			multi++
		}
	}
	return have, multi
}

// How runPart tests whether an earlier rule produced a pair.
const (
	checkNone     = iota // no earlier rule can have: emit every pair
	checkOneExact        // one earlier exact rule, one key per record
	checkAll             // the general test, worker.seen
)

// worker generates the pairs of tasks into out. It is owned by one
// goroutine.
type worker struct {
	c       *Candidates
	rows    gathered
	cols    gathered
	act     []int // rules to check for the current part
	out     []Pair
	flushAt int               // > 0: out holds this many pairs, flushed when full; 0: out grows
	flush   func([]Pair) bool // receives full buffers; false stops
}

func newWorker(c *Candidates, flushAt int, flush func([]Pair) bool) *worker {
	w := &worker{c: c, flushAt: flushAt, flush: flush}
	if flushAt > 0 {
		w.out = make([]Pair, 0, flushAt)
	}
	// Size the scratch once for the largest unit, so that generation
	// never grows it.
	most := 0
	for i := range c.rules {
		most = max(most, c.rules[i].maxUnitRecords)
	}
	w.rows.reset(len(c.rules), most)
	w.cols.reset(len(c.rules), most)
	w.act = make([]int, 0, len(c.rules))
	return w
}

// runTask appends the pairs of t to w.out, flushing on the way when
// configured. It returns false when a flush asked to stop.
func (w *worker) runTask(t task) bool {
	r := &w.c.rules[t.rule]
	if t.part >= 0 {
		g := w.c.geometry(r, int(t.b0), int(t.part))
		g.r0, g.r1 = t.r0, t.r1
		return w.runPart(int(t.rule), int(t.b0), &g)
	}
	parts := w.c.numParts(r)
	for b := t.b0; b < t.b1; b++ {
		for p := 0; p < parts; p++ {
			g := w.c.geometry(r, int(b), p)
			if g.r1 > g.r0 && !w.runPart(int(t.rule), int(b), &g) {
				return false
			}
		}
	}
	return true
}

// runPart emits the pairs of one part that no earlier rule (and no earlier
// key of the same rule) produces.
func (w *worker) runPart(k int, b int, g *partGeometry) bool {
	c := w.c
	rk := &c.rules[k]
	rowSlots := g.rowArr[g.r0:g.r1]
	var colSlots []int32
	colBase := g.c0
	if g.tri {
		colBase = g.r0
		colSlots = g.colArr[g.r0:g.c1]
	} else {
		colSlots = g.colArr[g.c0:g.c1]
	}
	if len(colSlots) == 0 || len(rowSlots) == 0 {
		return true
	}
	// Which rules can have produced a pair of this part already?
	w.act = w.act[:0]
	nr := k + 1
	w.cols.reset(nr, len(colSlots))
	if !g.tri {
		w.rows.reset(nr, len(rowSlots))
	}
	anyMulti := false
	for j := 0; j <= k; j++ {
		rj := &c.rules[j]
		if j == k && (rk.kind == kindSorted || !rk.multi[b]) {
			break // no pair of this block shares two keys of rule k
		}
		ch, cm := w.cols.fill(rj, j, colSlots)
		rh, rm := ch, cm
		if !g.tri {
			rh, rm = w.rows.fill(rj, j, rowSlots)
		}
		if j == k {
			if rm > 0 && cm > 0 && (!g.tri || cm > 1) {
				w.act = append(w.act, j)
			}
			continue
		}
		if rh > 0 && ch > 0 && (!g.tri || ch > 1) {
			w.act = append(w.act, j)
			anyMulti = anyMulti || rm > 0 || cm > 0
		}
	}
	// The common case gets an inlined test: one earlier exact rule whose
	// records here have at most one key each, so one word comparison says
	// whether the pair shares its key.
	check := checkNone
	var ast, bst []uint8
	var av, bv []uint64
	// Row position i is gathered at i-g.r0: in w.rows, or in w.cols when
	// rows and columns are one array (then colBase == g.r0 too).
	A := &w.rows
	if g.tri {
		A = &w.cols
	}
	switch {
	case len(w.act) == 1 && w.act[0] != k && c.rules[w.act[0]].kind == kindExact && !anyMulti:
		j := w.act[0]
		check = checkOneExact
		ast, av, bst, bv = A.st[j], A.v[j], w.cols.st[j], w.cols.v[j]
	case len(w.act) > 0:
		check = checkAll
	}
	rule := uint8(k)
	link := c.mode == Link
	nl := int32(c.nLeft)
	for i := g.r0; i < g.r1; i++ {
		sa := g.rowArr[i]
		ia := int(i - g.r0)
		q := g.c0
		if g.tri {
			q = i + 1
		}
		for q < g.c1 {
			// Write straight into the free part of the buffer.
			if len(w.out) == cap(w.out) {
				if !w.makeRoom() {
					return false
				}
			}
			free := w.out[len(w.out):cap(w.out)]
			end := g.c1
			if room := int32(len(free)); end-q > room {
				end = q + room
			}
			n := 0
			for ; q < end; q++ {
				sb := g.colArr[q]
				switch check {
				case checkOneExact:
					ib := int(q - colBase)
					if av[ia] == bv[ib] && ast[ia]&bst[ib] == 1 {
						continue
					}
				case checkAll:
					if w.seen(k, int32(b), A, ia, &w.cols, int(q-colBase), sa, sb) {
						continue
					}
				}
				switch {
				case !link:
					free[n] = Pair{A: min(sa, sb), B: max(sa, sb), Rule: rule}
				case g.swap:
					free[n] = Pair{A: sb, B: sa - nl, Rule: rule}
				default:
					free[n] = Pair{A: sa, B: sb - nl, Rule: rule}
				}
				n++
			}
			w.out = w.out[:len(w.out)+n]
		}
	}
	return true
}

// makeRoom empties a full buffer: hands it to flush, or grows it when the
// worker keeps a task's whole output. It returns false when flush asked to
// stop.
func (w *worker) makeRoom() bool {
	if w.flushAt == 0 {
		w.out = append(w.out, Pair{})[:len(w.out)]
		return true
	}
	if !w.flush(w.out) {
		return false
	}
	w.out = w.out[:0]
	return true
}

// seen reports whether the pair (sa, sb) at gathered positions ia of A and
// ib of B is produced by a rule in w.act before rule k's block b.
func (w *worker) seen(k int, b int32, A *gathered, ia int, B *gathered, ib int, sa, sb int32) bool {
	for _, j := range w.act {
		x, y := A.st[j][ia], B.st[j][ib]
		if x == 0 || y == 0 {
			continue
		}
		rj := &w.c.rules[j]
		if j == k {
			// Both records have several keys in this rule: the pair
			// belongs to the block of their first shared key.
			if x == 2 && y == 2 && rj.firstShared(sa, sb) != b {
				return true
			}
			continue
		}
		if rj.kind == kindSorted {
			u, v := A.v[j][ia], B.v[j][ib]
			if u > v {
				u, v = v, u
			}
			if v-u < uint64(rj.window) && !rj.skip[u] {
				return true
			}
			continue
		}
		if x == 1 && y == 1 {
			if A.v[j][ia] == B.v[j][ib] {
				return true
			}
			continue
		}
		if rj.share(sa, sb) {
			return true
		}
	}
	return false
}

// share reports whether slots a and b share an effective key of an exact
// rule.
func (r *ruleIndex) share(a, b int32) bool {
	_, ok := r.firstCommon(a, b)
	return ok
}

// firstShared returns the first block (of the smallest key) that slots a
// and b share.
func (r *ruleIndex) firstShared(a, b int32) int32 {
	k, _ := r.firstCommon(a, b)
	return k
}

// firstCommon returns the first block (in key order: blocks are numbered
// so) that slots a and b share, the test PairedEarlier makes on keys.
func (r *ruleIndex) firstCommon(a, b int32) (int32, bool) {
	b0, ok := smallestShared(r.slotBlocks(a), r.slotBlocks(b))
	if !ok {
		return -1, false
	}
	return b0, true
}

// produces reports whether rule r pairs slots a and b.
func (r *ruleIndex) produces(a, b int32) bool {
	if r.kind == kindExact {
		return r.share(a, b)
	}
	u, v := r.rank[a], r.rank[b]
	if u < 0 || v < 0 {
		return false
	}
	if u > v {
		u, v = v, u
	}
	return v-u < r.window && !r.skip[u]
}
