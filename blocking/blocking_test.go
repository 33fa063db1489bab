package blocking

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

// rec is a test record: a multi-valued key field (as, possibly empty), a
// single key field (b, -1 when missing), a sort key (s, "" when missing)
// and secondary keys for splitting (sec).
type rec struct {
	as  []int64
	b   int64
	s   string
	sec []int64
}

func keysA(r *rec, dst []Key) []Key {
	for _, a := range r.as {
		dst = append(dst, KeyOfInts(a))
	}
	return dst
}

func keysB(r *rec, dst []Key) []Key {
	if r.b < 0 {
		return dst
	}
	return append(dst, KeyOfInts(r.b))
}

func keysSec(r *rec, dst []Key) []Key {
	for _, a := range r.sec {
		dst = append(dst, KeyOfInts(a))
	}
	return dst
}

func sortKeyS(r *rec, dst []byte) []byte { return append(dst, r.s...) }

// scenario is one random test case.
type scenario struct {
	left, right []rec
	link        bool
	rules       []Rule[rec]
	opts        Options
}

func randomRecs(rng *rand.Rand, n int) []rec {
	rs := make([]rec, n)
	letters := []string{"a", "b", "c", "d", "e", "ab", "ba", "abc"}
	for i := range rs {
		r := &rs[i]
		for k := rng.IntN(3); k > 0; k-- {
			r.as = append(r.as, int64(rng.IntN(5)))
		}
		r.b = int64(rng.IntN(5)) - 1
		if rng.IntN(5) > 0 {
			r.s = letters[rng.IntN(len(letters))]
		}
		for k := rng.IntN(3); k > 0; k-- {
			r.sec = append(r.sec, int64(rng.IntN(3)))
		}
	}
	return rs
}

func randomScenario(rng *rand.Rand) scenario {
	var sc scenario
	sc.link = rng.IntN(2) == 1
	sc.left = randomRecs(rng, rng.IntN(30))
	if sc.link {
		sc.right = randomRecs(rng, rng.IntN(30))
	}
	all := []Rule[rec]{
		Exact("a", keysA).SplitBy(keysSec),
		Exact("b", keysB),
		SortedNeighbourhood("s", 1+rng.IntN(3), sortKeyS),
		Exact("a2", keysA),
	}
	rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	sc.rules = all[:1+rng.IntN(len(all))]
	switch rng.IntN(4) {
	case 0: // the default cap, above every block here
	case 1:
		sc.opts.MaxBlockSize = NoBlockCap
	default:
		sc.opts.MaxBlockSize = 2 + rng.IntN(10)
	}
	sc.opts.Oversize = OversizePolicy(rng.IntN(2))
	return sc
}

func (sc *scenario) run(t testing.TB) *Candidates {
	t.Helper()
	b, err := New(sc.opts, sc.rules...)
	if err != nil {
		t.Fatal(err)
	}
	var c *Candidates
	if sc.link {
		c, err = b.Link(sc.left, sc.right)
	} else {
		c, err = b.Dedupe(sc.left)
	}
	if err != nil {
		t.Fatal(err)
	}
	return c
}

type pairKey struct{ A, B int32 }

// bruteForce computes the expected pairs straight from the definitions,
// with maps and without hashing sub-block keys.
func (sc *scenario) bruteForce() map[pairKey]uint8 {
	nl := len(sc.left)
	n := nl + len(sc.right)
	rec := func(s int) *rec {
		if s < nl {
			return &sc.left[s]
		}
		return &sc.right[s-nl]
	}
	cross := func(a, b int) bool { return !sc.link || (a < nl) != (b < nl) }
	pairsOf := func(members []int) (size int, pairs [][2]int) {
		for i, a := range members {
			for _, b := range members[i+1:] {
				if a != b && cross(a, b) {
					pairs = append(pairs, [2]int{a, b})
				}
			}
		}
		return len(members), pairs
	}
	maxSize := sc.opts.BlockCap()
	capped := func(size int) bool { return maxSize > 0 && size > maxSize }
	ruleSets := make([]map[pairKey]bool, len(sc.rules))
	for j, r := range sc.rules {
		set := map[pairKey]bool{}
		add := func(a, b int) {
			if a > b {
				a, b = b, a
			}
			if sc.link {
				b -= nl
			}
			set[pairKey{int32(a), int32(b)}] = true
		}
		switch r.kind {
		case kindExact:
			blocks := map[Key][]int{}
			for s := 0; s < n; s++ {
				for _, k := range slices.Compact(slices.Sorted(slices.Values(r.keys(rec(s), nil)))) {
					blocks[k] = append(blocks[k], s)
				}
			}
			for k, members := range blocks {
				size, ps := pairsOf(members)
				if len(ps) == 0 {
					continue
				}
				if !capped(size) {
					for _, p := range ps {
						add(p[0], p[1])
					}
					continue
				}
				if sc.opts.Oversize != SplitOversize || r.split == nil {
					continue
				}
				sub := map[Key][]int{}
				for _, s := range members {
					for _, k2 := range slices.Compact(slices.Sorted(slices.Values(r.split(rec(s), nil)))) {
						sub[k2] = append(sub[k2], s)
					}
				}
				_ = k
				for _, sm := range sub {
					size, ps := pairsOf(sm)
					if capped(size) {
						continue
					}
					for _, p := range ps {
						add(p[0], p[1])
					}
				}
			}
		case kindSorted:
			vals := map[string]bool{}
			for s := 0; s < n; s++ {
				if v := string(r.sortKey(rec(s), nil)); v != "" {
					vals[v] = true
				}
			}
			distinct := slices.Sorted(func(yield func(string) bool) {
				for v := range vals {
					if !yield(v) {
						return
					}
				}
			})
			ranks := make([]int, n)
			for s := range ranks {
				ranks[s] = -1
				if v := string(r.sortKey(rec(s), nil)); v != "" {
					ranks[s] = sort.SearchStrings(distinct, v)
				}
			}
			rank := func(s int) int { return ranks[s] }
			// window anchored at g: records with rank in [g, g+w)
			skip := make([]bool, len(distinct))
			for g := range distinct {
				var members []int
				for s := 0; s < n; s++ {
					if rk := rank(s); rk >= g && rk < g+r.window {
						members = append(members, s)
					}
				}
				size := len(members)
				anchored := 0
				for _, a := range members {
					for _, b := range members {
						if a < b && cross(a, b) && (rank(a) == g || rank(b) == g) {
							anchored++
						}
					}
				}
				skip[g] = anchored > 0 && capped(size)
			}
			for a := 0; a < n; a++ {
				for b := a + 1; b < n; b++ {
					ra, rb := rank(a), rank(b)
					if ra < 0 || rb < 0 || !cross(a, b) {
						continue
					}
					if max(ra, rb)-min(ra, rb) < r.window && !skip[min(ra, rb)] {
						add(a, b)
					}
				}
			}
		}
		ruleSets[j] = set
	}
	want := map[pairKey]uint8{}
	for j := len(sc.rules) - 1; j >= 0; j-- {
		for p := range ruleSets[j] {
			want[p] = uint8(j)
		}
	}
	return want
}

// collect gathers pairs into a map, failing on a repeated pair.
func collect(t *testing.T, c *Candidates, pairs []Pair) map[pairKey]uint8 {
	t.Helper()
	got := map[pairKey]uint8{}
	left, right := c.Len()
	for _, p := range pairs {
		k := pairKey{p.A, p.B}
		if _, dup := got[k]; dup {
			t.Errorf("pair %v produced twice", k)
		}
		if c.Mode() == Dedupe {
			if p.A >= p.B {
				t.Errorf("dedupe pair %v: want A < B", k)
			}
			if _, dup := got[pairKey{p.B, p.A}]; dup {
				t.Errorf("dedupe pair %v produced in both orders", k)
			}
			if p.A < 0 || int(p.B) >= left {
				t.Errorf("dedupe pair %v out of range", k)
			}
		} else if p.A < 0 || p.B < 0 || int(p.A) >= left || int(p.B) >= right {
			t.Errorf("link pair %v out of range", k)
		}
		got[k] = p.Rule
	}
	return got
}

func TestPairsMatchBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 250; i++ {
		sc := randomScenario(rng)
		c := sc.run(t)
		want := sc.bruteForce()
		got := collect(t, c, slices.Collect(c.Pairs()))
		if diff := gocmp.Diff(want, got); diff != "" {
			t.Fatalf("case %d (link=%v, opts=%+v, rules=%v): pairs (-want +got):\n%s", i, sc.link, sc.opts, c.RuleNames(), diff)
		}
		// FirstRule agrees with the reference on every pair, candidate or not.
		left, right := c.Len()
		nb := right
		if !sc.link {
			nb = left
		}
		viaFirst := map[pairKey]uint8{}
		for a := int32(-1); a <= int32(left); a++ {
			for b := int32(-1); b <= int32(nb); b++ {
				r, ok := c.FirstRule(a, b)
				if ok && (sc.link || a < b) {
					viaFirst[pairKey{a, b}] = uint8(r)
				}
				if !sc.link {
					if r2, ok2 := c.FirstRule(b, a); r2 != r || ok2 != ok {
						t.Fatalf("case %d: FirstRule not symmetric on (%d, %d)", i, a, b)
					}
				}
			}
		}
		if diff := gocmp.Diff(want, viaFirst); diff != "" {
			t.Fatalf("case %d: FirstRule (-want +got):\n%s", i, diff)
		}
	}
}

func sortPairs(ps []Pair) []Pair {
	slices.SortFunc(ps, func(x, y Pair) int {
		if c := cmp.Compare(x.A, y.A); c != 0 {
			return c
		}
		return cmp.Compare(x.B, y.B)
	})
	return ps
}

func TestPairsIndependentOfInputOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 100; i++ {
		sc := randomScenario(rng)
		base := sortPairs(slices.Collect(sc.run(t).Pairs()))
		// Permute both sources; perm[new] = old.
		permL := rng.Perm(len(sc.left))
		permR := rng.Perm(len(sc.right))
		sc2 := sc
		sc2.left = make([]rec, len(sc.left))
		for nw, old := range permL {
			sc2.left[nw] = sc.left[old]
		}
		sc2.right = make([]rec, len(sc.right))
		for nw, old := range permR {
			sc2.right[nw] = sc.right[old]
		}
		var back []Pair
		for p := range sc2.run(t).Pairs() {
			a := int32(permL[p.A])
			var b int32
			if sc.link {
				b = int32(permR[p.B])
			} else {
				b = int32(permL[p.B])
				a, b = min(a, b), max(a, b)
			}
			back = append(back, Pair{A: a, B: b, Rule: p.Rule})
		}
		if diff := gocmp.Diff(base, sortPairs(back)); diff != "" {
			t.Fatalf("case %d: pairs after permutation (-want +got):\n%s", i, diff)
		}
	}
}

func TestBatchesOrderEqualsPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 60; i++ {
		sc := randomScenario(rng)
		c := sc.run(t)
		c.tasks = c.planTasks(int64(1 + rng.IntN(8))) // many small tasks, split blocks
		want := slices.Collect(c.Pairs())
		for _, workers := range []int{1, 2, 3, 8} {
			var got []Pair
			for batch := range c.Batches(workers) {
				got = append(got, batch...)
			}
			if diff := gocmp.Diff(want, got); diff != "" {
				t.Fatalf("case %d, %d workers: Batches (-want +got):\n%s", i, workers, diff)
			}
			var all []Pair
			var mu = make(chan struct{}, 1)
			c.ForEachBatch(workers, func(_ int, batch []Pair) bool {
				mu <- struct{}{}
				all = append(all, batch...)
				<-mu
				return true
			})
			if diff := gocmp.Diff(sortPairs(slices.Clone(want)), sortPairs(all)); diff != "" {
				t.Fatalf("case %d, %d workers: ForEachBatch (-want +got):\n%s", i, workers, diff)
			}
		}
	}
}

func TestEarlyStop(t *testing.T) {
	recs := make([]rec, 200)
	for i := range recs {
		recs[i] = rec{b: int64(i % 3)}
	}
	b, err := New(Options{}, Exact("b", keysB))
	if err != nil {
		t.Fatal(err)
	}
	c, err := b.Dedupe(recs)
	if err != nil {
		t.Fatal(err)
	}
	c.tasks = c.planTasks(50)
	tests := []struct {
		name string
		run  func() int
	}{
		{"Pairs", func() int {
			n := 0
			for range c.Pairs() {
				n++
				if n == 7 {
					break
				}
			}
			return n
		}},
		{"Batches", func() int {
			n := 0
			for range c.Batches(2) {
				n++
				if n == 7 {
					break
				}
			}
			return n
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := gocmp.Diff(7, tt.run()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	t.Run("ForEachBatch", func(t *testing.T) {
		calls := make(chan int, 1000)
		c.ForEachBatch(2, func(id int, batch []Pair) bool {
			calls <- id
			return false
		})
		// Each worker stops after its first refused batch at most.
		if n := len(calls); n < 1 || n > 2 {
			t.Errorf("ForEachBatch called fn %d times after stop, want 1 or 2", n)
		}
	})
}
