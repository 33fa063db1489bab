package blocking

import (
	"cmp"
	"maps"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// TestSkippedBlocksAreAccounted checks that nothing is dropped silently:
// with SkipOversize, each rule's pairs without a cap equal its pairs with
// the cap plus the pairs of its reported oversized blocks.
func TestSkippedBlocksAreAccounted(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 100; i++ {
		sc := randomScenario(rng)
		sc.opts = Options{MaxBlockSize: NoBlockCap}
		free := sc.run(t).Counts()
		sc.opts = Options{MaxBlockSize: 2 + rng.IntN(6), Oversize: SkipOversize}
		c := sc.run(t)
		capped := c.Counts()
		got := make([]int64, len(capped))
		for j, rc := range capped {
			got[j] = rc.Comparisons
		}
		for _, o := range c.Oversized() {
			if o.Action != ActionSkipped || o.SubBlock {
				t.Fatalf("case %d: %+v, want a skipped block", i, o)
			}
			if o.Size <= sc.opts.MaxBlockSize {
				t.Fatalf("case %d: reported block of size %d under the cap %d", i, o.Size, sc.opts.MaxBlockSize)
			}
			got[o.Rule] += o.Pairs
		}
		want := make([]int64, len(free))
		for j, rc := range free {
			want[j] = rc.Comparisons
		}
		if diff := gocmp.Diff(want, got); diff != "" {
			t.Fatalf("case %d: uncapped comparisons vs capped+oversized (-want +got):\n%s", i, diff)
		}
	}
}

func TestOversizePolicies(t *testing.T) {
	// 6 records share b=0; secondary keys split them 3/2/1.
	recs := []rec{
		{b: 0, sec: []int64{1}}, {b: 0, sec: []int64{1}}, {b: 0, sec: []int64{1}},
		{b: 0, sec: []int64{2}}, {b: 0, sec: []int64{2}},
		{b: 0},
		{b: 5}, {b: 5},
	}
	sub := func(s int64) Key { return derive(KeyOfInts(0), KeyOfInts(s)) }
	tests := []struct {
		name      string
		opts      Options
		ruleCap   int // the rule's own MaxBlockSize; 0: none
		wantPairs []Pair
		wantOver  []OversizeBlock
	}{
		{
			name:      "no cap",
			opts:      Options{MaxBlockSize: NoBlockCap},
			wantPairs: nil, // checked by count below
		},
		{
			name:      "skip",
			opts:      Options{MaxBlockSize: 5, Oversize: SkipOversize},
			wantPairs: []Pair{{A: 6, B: 7}},
			wantOver:  []OversizeBlock{{Rule: 0, RuleName: "b", Key: KeyOfInts(0), Size: 6, Pairs: 15, Action: ActionSkipped}},
		},
		{
			name:      "split (the default policy)",
			opts:      Options{MaxBlockSize: 5},
			wantPairs: []Pair{{A: 0, B: 1}, {A: 0, B: 2}, {A: 1, B: 2}, {A: 3, B: 4}, {A: 6, B: 7}},
			wantOver:  []OversizeBlock{{Rule: 0, RuleName: "b", Key: KeyOfInts(0), Size: 6, Pairs: 15, Action: ActionSplit}},
		},
		{
			name:      "split, sub-block still too big",
			opts:      Options{MaxBlockSize: 2, Oversize: SplitOversize},
			wantPairs: []Pair{{A: 3, B: 4}, {A: 6, B: 7}},
			wantOver: []OversizeBlock{
				{Rule: 0, RuleName: "b", Key: KeyOfInts(0), Size: 6, Pairs: 15, Action: ActionSplit},
				{Rule: 0, RuleName: "b", Key: sub(1), Size: 3, Pairs: 3, Action: ActionSkipped, SubBlock: true},
			},
		},
		{
			name:      "rule cap tighter than the default",
			ruleCap:   5,
			wantPairs: []Pair{{A: 0, B: 1}, {A: 0, B: 2}, {A: 1, B: 2}, {A: 3, B: 4}, {A: 6, B: 7}},
			wantOver:  []OversizeBlock{{Rule: 0, RuleName: "b", Key: KeyOfInts(0), Size: 6, Pairs: 15, Action: ActionSplit}},
		},
		{
			name:      "options cap tighter than the rule's",
			opts:      Options{MaxBlockSize: 5},
			ruleCap:   100,
			wantPairs: []Pair{{A: 0, B: 1}, {A: 0, B: 2}, {A: 1, B: 2}, {A: 3, B: 4}, {A: 6, B: 7}},
			wantOver:  []OversizeBlock{{Rule: 0, RuleName: "b", Key: KeyOfInts(0), Size: 6, Pairs: 15, Action: ActionSplit}},
		},
		{
			name:      "NoBlockCap turns the rule's cap off too",
			opts:      Options{MaxBlockSize: NoBlockCap},
			ruleCap:   2,
			wantPairs: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rule := Exact("b", keysB).SplitBy(keysSec)
			if tt.ruleCap != 0 {
				rule = rule.MaxBlockSize(tt.ruleCap)
			}
			b, err := New(tt.opts, rule)
			if err != nil {
				t.Fatal(err)
			}
			c, err := b.Dedupe(recs)
			if err != nil {
				t.Fatal(err)
			}
			got := sortPairs(slices.Collect(c.Pairs()))
			if tt.wantPairs == nil {
				if len(got) != 16 {
					t.Errorf("got %d pairs, want 16", len(got))
				}
			} else if diff := gocmp.Diff(tt.wantPairs, got); diff != "" {
				t.Errorf("pairs (-want +got):\n%s", diff)
			}
			if diff := gocmp.Diff(tt.wantOver, c.Oversized()); diff != "" {
				t.Errorf("Oversized (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRuleMaxBlockSizeValidated(t *testing.T) {
	_, err := New(Options{}, Exact("b", keysB).MaxBlockSize(1))
	require.ErrorIs(t, err, ErrInvalidRule)
	require.ErrorContains(t, err, "rule MaxBlockSize below 2")
}

func TestSortedNeighbourhoodWindow(t *testing.T) {
	// Distinct values a < b < c < d; "b" twice. Record 5 has no sort key.
	recs := []rec{{s: "c"}, {s: "a"}, {s: "b"}, {s: "d"}, {s: "b"}, {}}
	tests := []struct {
		window int
		want   []Pair
	}{
		{1, []Pair{{A: 2, B: 4}}},
		{2, []Pair{{A: 0, B: 2}, {A: 0, B: 3}, {A: 0, B: 4}, {A: 1, B: 2}, {A: 1, B: 4}, {A: 2, B: 4}}},
		{4, []Pair{{A: 0, B: 1}, {A: 0, B: 2}, {A: 0, B: 3}, {A: 0, B: 4}, {A: 1, B: 2}, {A: 1, B: 3}, {A: 1, B: 4},
			{A: 2, B: 3}, {A: 2, B: 4}, {A: 3, B: 4}}},
	}
	for _, tt := range tests {
		t.Run("window "+itoa(tt.window), func(t *testing.T) {
			b, err := New(Options{}, SortedNeighbourhood("s", tt.window, sortKeyS))
			if err != nil {
				t.Fatal(err)
			}
			c, err := b.Dedupe(recs)
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(tt.want, sortPairs(slices.Collect(c.Pairs()))); diff != "" {
				t.Errorf("pairs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestHotPathsDoNotAllocate(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	recs := randomRecs(rng, 500)
	b, err := New(Options{MaxBlockSize: 150, Oversize: SplitOversize},
		Exact("a", keysA).SplitBy(keysSec), SortedNeighbourhood("s", 2, sortKeyS), Exact("b", keysB))
	if err != nil {
		t.Fatal(err)
	}
	c, err := b.Dedupe(recs)
	if err != nil {
		t.Fatal(err)
	}
	c.tasks = c.planTasks(200)
	var n int64
	w := newWorker(c, batchSize, func(batch []Pair) bool { n += int64(len(batch)); return true })
	all := func() {
		for _, tk := range c.tasks {
			w.runTask(tk)
		}
		w.out = w.out[:0]
	}
	all() // warm the worker's scratch buffers
	if n == 0 {
		t.Fatal("no pairs generated")
	}
	if a := testing.AllocsPerRun(3, all); a != 0 {
		t.Errorf("pair generation allocates %v times per pass, want 0", a)
	}
	if a := testing.AllocsPerRun(100, func() { c.FirstRule(1, 2); c.Produces(2, 3, 4) }); a != 0 {
		t.Errorf("FirstRule/Produces allocate %v times, want 0", a)
	}
	// Pairs allocates its worker once per call, never per pair: a full
	// pass allocates as much as a pass stopped after the first pair.
	pairs := 0
	full := testing.AllocsPerRun(3, func() {
		pairs = 0
		for range c.Pairs() {
			pairs++
		}
	})
	first := testing.AllocsPerRun(3, func() {
		for range c.Pairs() {
			break
		}
	})
	if pairs < 10000 || full != first {
		t.Errorf("Pairs: %v allocations for %d pairs, %v for one pair; want equal", full, pairs, first)
	}
}

func TestSortEntries(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	gen := func(n, distinct int, slotOrder bool) []entry {
		es := make([]entry, 0, n)
		for s := 0; len(es) < n; s++ {
			for k := rng.IntN(3); k > 0; k-- {
				// Keys spread over all 64 bits, repeated within a record.
				es = append(es, entry{Key(rng.Uint64N(uint64(distinct)) * 0x9e3779b97f4a7c15), int32(s)})
			}
		}
		if !slotOrder {
			rng.Shuffle(len(es), func(i, j int) { es[i], es[j] = es[j], es[i] })
		}
		return es
	}
	tests := []struct {
		name string
		es   []entry
	}{
		{"small", gen(100, 10, true)},
		{"slot order, radix", gen(20000, 500, true)},
		{"shuffled, fallback", gen(20000, 500, false)},
		{"one key", gen(5000, 1, true)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := slices.Clone(tt.es)
			slices.SortFunc(want, compareEntries)
			want = slices.Compact(want)
			// The radix sort alone is stable on keys.
			stable := slices.Clone(tt.es)
			slices.SortStableFunc(stable, func(a, b entry) int { return cmp.Compare(a.key, b.key) })
			if len(tt.es) > 0 {
				radix := slices.Clone(tt.es)
				radixSortByKey(radix)
				if !slices.Equal(stable, radix) {
					t.Errorf("radixSortByKey is not a stable sort by key")
				}
			}
			got := sortEntries(slices.Clone(tt.es))
			if !slices.Equal(want, got) { // cmp.Diff only on failure: it is slow on long slices
				t.Errorf("sortEntries (-want +got):\n%s", gocmp.Diff(want, got, gocmp.AllowUnexported(entry{})))
			}
		})
	}
}

// TestPairsMatchBruteForceLarge runs the reference comparison on inputs
// large enough for the radix sort and for tasks that cut blocks by rows.
func TestPairsMatchBruteForceLarge(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for i := 0; i < 4; i++ {
		sc := randomScenario(rng)
		// Spread the values so that blocks stay small while rules have
		// thousands of keys.
		spread := func(rs []rec) []rec {
			for i := range rs {
				r := &rs[i]
				for j := range r.as {
					r.as[j] += 5 * int64(rng.IntN(60))
				}
				if r.b >= 0 {
					r.b += 5 * int64(rng.IntN(60))
				}
				if r.s != "" {
					r.s += string(rune('a' + rng.IntN(26)))
				}
			}
			return rs
		}
		sc.left = spread(randomRecs(rng, 2000))
		if sc.link {
			sc.right = spread(randomRecs(rng, 1500))
		}
		c := sc.run(t)
		c.tasks = c.planTasks(5000)
		got := collect(t, c, slices.Collect(c.Pairs()))
		// maps.Equal first: cmp.Diff is slow on large maps.
		if want := sc.bruteForce(); !maps.Equal(want, got) {
			t.Fatalf("case %d (link=%v, opts=%+v, rules=%v): pairs (-want +got):\n%s", i, sc.link, sc.opts, c.RuleNames(), gocmp.Diff(want, got))
		}
	}
}

func TestOptionsBlockCap(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want int
	}{
		{"zero value: the default cap", Options{}, DefaultMaxBlockSize},
		{"explicit cap", Options{MaxBlockSize: 7}, 7},
		{"no cap", Options{MaxBlockSize: NoBlockCap}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, tt.opts.BlockCap())
		})
	}
	require.Equal(t, SplitOversize, Options{}.Oversize, "splitting is the default policy")
}

// TestHugeBlockIsBounded checks that by default a block of 100,000 records
// sharing one key costs a bounded number of pairs, with no error: split by
// the secondary key when the rule has one (keeping exactly the pairs that
// agree on it), skipped otherwise, and reported either way.
func TestHugeBlockIsBounded(t *testing.T) {
	const n, parts = 100_000, 250 // 400 records per secondary key
	recs := make([]rec, n)
	for i := range recs {
		recs[i] = rec{b: 1, sec: []int64{int64(i % parts)}}
	}
	recs[n-1].sec = nil // no secondary key: leaves the split block
	tests := []struct {
		name       string
		opts       Options
		rule       Rule[rec]
		wantPairs  int64
		wantAction OversizeAction
		wantSkip   int // sub-blocks still over the cap
	}{
		{
			name:       "split by the secondary key (default)",
			rule:       Exact("b", keysB).SplitBy(keysSec),
			wantPairs:  (parts-1)*400*399/2 + 399*398/2, // the last key lost the record without one
			wantAction: ActionSplit,
		},
		{
			name:       "no secondary key: skipped",
			rule:       Exact("b", keysB),
			wantAction: ActionSkipped,
		},
		{
			name:       "skip policy",
			opts:       Options{Oversize: SkipOversize},
			rule:       Exact("b", keysB).SplitBy(keysSec),
			wantAction: ActionSkipped,
		},
		{
			name:       "split parts still over the cap: skipped too",
			opts:       Options{MaxBlockSize: 300},
			rule:       Exact("b", keysB).SplitBy(keysSec),
			wantAction: ActionSplit,
			wantSkip:   parts,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := New(tt.opts, tt.rule)
			require.NoError(t, err)
			c, err := b.Dedupe(recs)
			require.NoError(t, err)
			var got int64
			for p := range c.Pairs() {
				if recs[p.A].sec[0] != recs[p.B].sec[0] {
					t.Fatalf("pair %v disagrees on the secondary key", p)
				}
				got++
			}
			require.Equal(t, tt.wantPairs, got)
			// cap² per part, parts = secondary keys: linear in n.
			capSize := int64(tt.opts.BlockCap())
			require.LessOrEqual(t, got, capSize*capSize*parts)
			require.LessOrEqual(t, got, capSize*n)
			over := c.Oversized()
			require.NotEmpty(t, over)
			require.Equal(t, OversizeBlock{Rule: 0, RuleName: "b", Key: KeyOfInts(1), Size: n,
				Pairs: n * (n - 1) / 2, Action: tt.wantAction}, over[0])
			require.Len(t, over[1:], tt.wantSkip)
			for _, o := range over[1:] {
				require.True(t, o.SubBlock && o.Action == ActionSkipped, "%+v", o)
			}
		})
	}
}

// TestOnlyEqualsRuleAlone checks that Candidates.Only(k) gives exactly the
// pairs, counts and oversized blocks of a Blocker holding rule k alone.
func TestOnlyEqualsRuleAlone(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for i := 0; i < 200; i++ {
		sc := randomScenario(rng)
		c := sc.run(t)
		for k, r := range sc.rules {
			alone := sc
			alone.rules = []Rule[rec]{r}
			want := alone.run(t)
			got := c.Only(k)
			require.Equal(t, want.RuleNames(), got.RuleNames(), "case %d rule %d", i, k)
			require.Equal(t, slices.Collect(want.Pairs()), slices.Collect(got.Pairs()), "case %d rule %d pairs", i, k)
			require.Equal(t, want.Counts(), got.Counts(), "case %d rule %d counts", i, k)
			require.Equal(t, want.Oversized(), got.Oversized(), "case %d rule %d oversized", i, k)
		}
	}
}

// TestParallelBuildEqualsSerial checks that building the rules on several
// goroutines (inputs of parallelBuildRecords records or more) gives the
// same pairs, counts and oversized blocks, in the same order, as building
// them one after the other.
func TestParallelBuildEqualsSerial(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	// Keys from wide ranges, so blocks are small, but value 0 is common
	// enough to make blocks over the caps.
	gen := func(n int) []rec {
		rs := make([]rec, n)
		for i := range rs {
			wide := func() int64 {
				if rng.IntN(50) == 0 {
					return 0
				}
				return 1 + int64(rng.IntN(n/2))
			}
			rs[i] = rec{as: []int64{wide()}, b: wide(), sec: []int64{int64(rng.IntN(40))}}
			if rng.IntN(3) > 0 {
				rs[i].as = append(rs[i].as, wide())
			}
			rs[i].s = strconv.Itoa(int(wide()))
		}
		return rs
	}
	for _, link := range []bool{false, true} {
		sc := scenario{link: link, left: gen(parallelBuildRecords + 500)}
		if link {
			sc.right = gen(parallelBuildRecords)
		}
		sc.rules = []Rule[rec]{
			Exact("a", keysA).SplitBy(keysSec),
			Exact("b", keysB).MaxBlockSize(50),
			SortedNeighbourhood("s", 2, sortKeyS),
			Exact("a2", keysA),
		}
		sc.opts = Options{MaxBlockSize: 100}
		prev := runtime.GOMAXPROCS(1)
		serial := sc.run(t)
		runtime.GOMAXPROCS(4)
		parallel := sc.run(t)
		runtime.GOMAXPROCS(prev)
		require.Equal(t, serial.Counts(), parallel.Counts(), "link %v", link)
		require.Equal(t, serial.Oversized(), parallel.Oversized(), "link %v", link)
		require.NotEmpty(t, serial.Oversized(), "link %v: the test needs oversized blocks", link)
		require.Equal(t, slices.Collect(serial.Pairs()), slices.Collect(parallel.Pairs()), "link %v", link)
	}
}
