package linkage_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/linkage"
)

// levelRecord is a record that carries its comparison levels directly, so
// that pairs can be simulated from a known model: comparison i of the pair
// (a, b) has level b.L[i] (record a is a shared dummy).
type levelRecord struct{ L [4]int }

func levelComparisons() []linkage.Comparison[levelRecord] {
	names := []string{"c0", "c1", "c2", "c3"}
	var cs []linkage.Comparison[levelRecord]
	for i, name := range names {
		cs = append(cs, linkage.Classified(name, func(a, b *levelRecord) int {
			return max(a.L[i], b.L[i]) // a is the all-zero dummy
		}, "agree", "close", "else"))
	}
	return cs
}

// trueParams are the parameters the simulation draws from.
var (
	trueM     = [4][3]float64{{0.85, 0.1, 0.05}, {0.7, 0.2, 0.1}, {0.9, 0.05, 0.05}, {0.6, 0.3, 0.1}}
	trueU     = [4][3]float64{{0.02, 0.08, 0.9}, {0.05, 0.15, 0.8}, {0.01, 0.04, 0.95}, {0.1, 0.2, 0.7}}
	truePrior = 0.2
)

func draw(rng *rand.Rand, probs [3]float64) int {
	x := rng.Float64()
	for k, p := range probs {
		if x < p {
			return k + 1
		}
		x -= p
	}
	return 3
}

// simulate returns a dummy record followed by n records whose levels
// (with the dummy) are drawn from the true model; 5% of levels are null.
func simulate(seed uint64, n int) []levelRecord {
	rng := rand.New(rand.NewPCG(seed, 99))
	recs := make([]levelRecord, n+1)
	for j := 1; j <= n; j++ {
		match := rng.Float64() < truePrior
		for i := range 4 {
			if rng.Float64() < 0.05 {
				continue // null
			}
			if match {
				recs[j].L[i] = draw(rng, trueM[i])
			} else {
				recs[j].L[i] = draw(rng, trueU[i])
			}
		}
	}
	return recs
}

func dummyPairs(n int) []linkage.Pair {
	ps := make([]linkage.Pair, n)
	for j := range ps {
		ps[j] = linkage.Pair{A: 0, B: int32(j + 1)}
	}
	return ps
}

func TestEMRecoversSimulatedModel(t *testing.T) {
	const n = 120_000
	recs := simulate(42, n)
	m, err := linkage.NewModel(levelComparisons()...)
	if err != nil {
		t.Fatal(err)
	}
	p := m.Params()
	p.Prior = 0.5
	if err := m.SetParams(p); err != nil {
		t.Fatal(err)
	}
	pats := m.CountPatterns(recs, nil, slices.Values(dummyPairs(n)), 2)
	res, err := m.TrainEM([]linkage.TrainingRound{{Patterns: pats}}, linkage.EMOptions{EstimateU: true, EstimatePrior: true, Tolerance: 1e-9, MaxIterations: 500})
	if err != nil {
		t.Fatal(err)
	}
	if !res[0].Converged {
		t.Errorf("EM did not converge in %d iterations", res[0].Iterations)
	}
	got := m.Params()
	type est struct{ M, U [4][3]float64 }
	var g est
	for i, c := range got.Comparisons {
		for k, l := range c.Levels {
			g.M[i][k], g.U[i][k] = l.M, l.U
		}
	}
	want := est{M: trueM, U: trueU}
	if diff := cmp.Diff(want, g, cmpopts.EquateApprox(0, 0.015)); diff != "" {
		t.Errorf("estimated m, u (-want +got)\n%s", diff)
	}
	if diff := cmp.Diff(truePrior, got.Prior, cmpopts.EquateApprox(0, 0.01)); diff != "" {
		t.Errorf("estimated prior (-want +got)\n%s", diff)
	}
}

func TestEMPatternsEqualExpandedPairs(t *testing.T) {
	const n = 5000
	recs := simulate(7, n)
	m1, _ := linkage.NewModel(levelComparisons()...)
	m2, _ := linkage.NewModel(levelComparisons()...)
	pairs := dummyPairs(n)
	pats := m1.CountPatterns(recs, nil, slices.Values(pairs), 2)
	if len(pats.Patterns) >= n/10 {
		t.Fatalf("%d distinct patterns for %d pairs: aggregation did not happen", len(pats.Patterns), n)
	}
	var expanded linkage.Patterns
	for _, p := range pairs {
		expanded.Patterns = append(expanded.Patterns, m2.Pattern(&recs[p.A], &recs[p.B]))
		expanded.Counts = append(expanded.Counts, 1)
	}
	opt := linkage.EMOptions{EstimateU: true, EstimatePrior: true, MaxIterations: 30}
	r1, err1 := m1.TrainEM([]linkage.TrainingRound{{Patterns: pats}}, opt)
	r2, err2 := m2.TrainEM([]linkage.TrainingRound{{Patterns: expanded}}, opt)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if r1[0].Iterations != r2[0].Iterations {
		t.Errorf("iterations: patterns %d, expanded %d", r1[0].Iterations, r2[0].Iterations)
	}
	if diff := cmp.Diff(m2.Params(), m1.Params(), cmpopts.EquateApprox(0, 1e-10)); diff != "" {
		t.Errorf("patterns vs expanded pairs (-expanded +patterns)\n%s", diff)
	}
}

func TestEMExclusionAndRounds(t *testing.T) {
	const n = 50_000
	recs := simulate(8, n)
	m, _ := linkage.NewModel(levelComparisons()...)
	p := m.Params()
	p.Prior = 0.3
	for i := range p.Comparisons {
		for k := range p.Comparisons[i].Levels {
			p.Comparisons[i].Levels[k].U = trueU[i][k]
		}
	}
	// A hand-fixed m on c3's first level must survive training.
	p.Comparisons[3].Levels[0].M = 0.55
	p.Comparisons[3].Levels[0].FixM = true
	if err := m.SetParams(p); err != nil {
		t.Fatal(err)
	}
	start := m.Params()
	pats := m.CountPatterns(recs, nil, slices.Values(dummyPairs(n)), 2)
	rounds := []linkage.TrainingRound{
		{Patterns: pats, Exclude: []string{"c0"}},
		{Patterns: pats, Exclude: []string{"c1", "c0"}},
	}
	res, err := m.TrainEM(rounds, linkage.EMOptions{MaxIterations: 10_000})
	if err != nil {
		t.Fatal(err)
	}
	for r, rr := range res {
		if rr.Rejected != "" || !rr.Converged {
			t.Fatalf("round %d: converged %v, rejected %q; the test needs both rounds used", r+1, rr.Converged, rr.Rejected)
		}
	}
	got := m.Params()
	// c0 was excluded from every round: unchanged.
	if diff := cmp.Diff(start.Comparisons[0], got.Comparisons[0]); diff != "" {
		t.Errorf("excluded comparison changed (-want +got)\n%s", diff)
	}
	// c1 was estimated in round 1 only, and excluded (unchanged) in round 2.
	if diff := cmp.Diff(start.Comparisons[1], res[1].Params.Comparisons[1]); diff != "" {
		t.Errorf("round 2 changed an excluded comparison (-want +got)\n%s", diff)
	}
	if diff := cmp.Diff(res[0].Params.Comparisons[1], got.Comparisons[1]); diff != "" {
		t.Errorf("c1 should take round 1's estimate (-want +got)\n%s", diff)
	}
	// c2 is the average of both rounds.
	for k, l := range got.Comparisons[2].Levels {
		want := (res[0].Params.Comparisons[2].Levels[k].M + res[1].Params.Comparisons[2].Levels[k].M) / 2
		if l.M != want {
			t.Errorf("c2 level %d: m = %v, want the average %v", k, l.M, want)
		}
	}
	// The fixed m stays, the free levels share the rest.
	c3 := got.Comparisons[3].Levels
	if c3[0].M != 0.55 {
		t.Errorf("fixed m changed to %v", c3[0].M)
	}
	if sum := c3[0].M + c3[1].M + c3[2].M; math.Abs(sum-1) > 1e-12 {
		t.Errorf("c3 m sums to %v", sum)
	}
	// u is not estimated by default.
	for i := range got.Comparisons {
		for k, l := range got.Comparisons[i].Levels {
			if l.U != trueU[i][k] {
				t.Errorf("u of %s level %d changed", got.Comparisons[i].Name, k)
			}
		}
	}
}

func TestTrainEMErrors(t *testing.T) {
	m, _ := linkage.NewModel(levelComparisons()...)
	pats := linkage.Patterns{Patterns: []uint64{1}, Counts: []float64{3}}
	tests := []struct {
		name   string
		rounds []linkage.TrainingRound
		want   error
	}{
		{"no rounds", nil, linkage.ErrNoData},
		{"unknown exclusion", []linkage.TrainingRound{{Patterns: pats, Exclude: []string{"nope"}}}, linkage.ErrMismatch},
		{"empty patterns", []linkage.TrainingRound{{}}, linkage.ErrNoData},
		{"ragged", []linkage.TrainingRound{{Patterns: linkage.Patterns{Patterns: []uint64{1, 2}, Counts: []float64{1}}}}, linkage.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := m.TrainEM(tt.rounds, linkage.EMOptions{})
			if !errorsIs(err, tt.want) {
				t.Errorf("TrainEM error = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestCountPatternsDeterministic(t *testing.T) {
	ps := syntheticPeople(2, 120, 40)
	m := newPersonModel()
	pairs := allPairs(len(ps))
	want := map[uint64]float64{}
	for _, p := range pairs {
		want[m.Pattern(&ps[p.A], &ps[p.B])]++
	}
	for _, workers := range []int{1, 2, 5} {
		got := m.CountPatterns(ps, nil, slices.Values(pairs), workers)
		if !slices.IsSorted(got.Patterns) {
			t.Errorf("workers=%d: patterns not sorted", workers)
		}
		gotMap := map[uint64]float64{}
		for i, p := range got.Patterns {
			gotMap[p] = got.Counts[i]
		}
		if diff := cmp.Diff(want, gotMap); diff != "" {
			t.Errorf("workers=%d (-want +got)\n%s", workers, diff)
		}
	}
}

func TestPatternLevels(t *testing.T) {
	ps := syntheticPeople(2, 30, 10)
	m := newPersonModel()
	cs := m.Comparisons()
	for _, p := range allPairs(len(ps)) {
		a, b := &ps[p.A], &ps[p.B]
		pat := m.Pattern(a, b)
		for i := range cs {
			if got, want := m.PatternLevel(pat, i), cs[i].Level(a, b); got != want {
				t.Fatalf("pair %v comparison %d: pattern level %d, want %d", p, i, got, want)
			}
		}
	}
}

// BenchmarkEM measures the two stages of EM training on 10 million pairs:
// aggregating pairs into pattern counts (CountPatterns, which computes six
// comparisons per pair) and the EM iterations over the patterns.
func BenchmarkEM(b *testing.B) {
	const nPairs = 10_000_000
	ps := syntheticPeople(9, 4000, 1000)
	m := newPersonModel()
	pairSeq := func(yield func(linkage.Pair) bool) {
		n := int32(len(ps))
		var a, c int32 = 0, 1
		for range nPairs {
			if !yield(linkage.Pair{A: a, B: c}) {
				return
			}
			c++
			if c == n {
				a++
				c = a + 1
			}
		}
	}
	b.Run("aggregate-10M", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m.CountPatterns(ps, nil, pairSeq, 0)
		}
		b.ReportMetric(float64(nPairs)*float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
	})
	pats := m.CountPatterns(ps, nil, pairSeq, 0)
	b.Run("em-patterns", func(b *testing.B) {
		b.ReportAllocs()
		start := m.Params()
		for b.Loop() {
			if err := m.SetParams(start); err != nil {
				b.Fatal(err)
			}
			if _, err := m.TrainEM([]linkage.TrainingRound{{Patterns: pats}}, linkage.EMOptions{EstimateU: true, EstimatePrior: true}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(pats.Patterns)), "patterns")
	})
}

// TestEMRejectsRounds checks that a round that does not converge, or that
// claims more matches than its MaxMatches, is left out of the average
// and reported, and that a comparison trained only by rejected rounds
// still takes their estimate.
func TestEMRejectsRounds(t *testing.T) {
	const n = 20_000
	recs := simulate(9, n)
	setup := func() *linkage.Model[levelRecord] {
		m, _ := linkage.NewModel(levelComparisons()...)
		p := m.Params()
		p.Prior = 0.3
		for i := range p.Comparisons {
			for k := range p.Comparisons[i].Levels {
				p.Comparisons[i].Levels[k].U = trueU[i][k]
			}
		}
		if err := m.SetParams(p); err != nil {
			t.Fatal(err)
		}
		return m
	}
	m := setup()
	pats := m.CountPatterns(recs, nil, slices.Values(dummyPairs(n)), 2)
	// Round 1 trains c1..c3 and is sound; round 2 trains c0..c2 but
	// claims more matches than it may hold.
	good := linkage.TrainingRound{Patterns: pats, Exclude: []string{"c0"}}
	bad := linkage.TrainingRound{Patterns: pats, Exclude: []string{"c3"}, MaxMatches: 1}
	res, err := m.TrainEM([]linkage.TrainingRound{good, bad}, linkage.EMOptions{MaxIterations: 10_000})
	require.NoError(t, err)
	require.Empty(t, res[0].Rejected)
	require.Equal(t, linkage.RejectTooManyMatch, res[1].Rejected)
	assert.Greater(t, res[1].Matches, 1.0)
	got := m.Params()
	// c1, c2: the sound round alone.
	for _, c := range []int{1, 2} {
		assert.Equal(t, res[0].Params.Comparisons[c], got.Comparisons[c], "comparison c%d", c)
	}
	// c0 was trained by the rejected round only: its estimate is kept.
	assert.Equal(t, res[1].Params.Comparisons[0], got.Comparisons[0])

	// One iteration never meets the tolerance.
	m = setup()
	res, err = m.TrainEM([]linkage.TrainingRound{good}, linkage.EMOptions{MaxIterations: 1})
	require.NoError(t, err)
	assert.False(t, res[0].Converged)
	assert.Equal(t, linkage.RejectNotConverged, res[0].Rejected)

	_, err = m.TrainEM([]linkage.TrainingRound{{Patterns: pats, MaxMatches: -1}}, linkage.EMOptions{})
	require.ErrorIs(t, err, linkage.ErrInvalid)
}
