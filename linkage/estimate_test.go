package linkage_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/linkage"
)

// cityRecord has one field, so u can be counted by hand.
type cityRecord struct{ City string }

func cityModel(t *testing.T) *linkage.Model[cityRecord] {
	t.Helper()
	m, err := linkage.NewModel(linkage.Exact("city", func(r *cityRecord) string { return r.City }))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func uOf[R any](m *linkage.Model[R]) [][]float64 {
	var out [][]float64
	for _, c := range m.Params().Comparisons {
		var us []float64
		for _, l := range c.Levels {
			us = append(us, l.U)
		}
		out = append(out, us)
	}
	return out
}

func TestEstimateUExactForSmallInputs(t *testing.T) {
	// Pairs of {a, a, b, c, ""}: 10 pairs, 4 involve the empty value (null),
	// of the other 6 one agrees (a, a): u = 1/6, 5/6.
	recs := []cityRecord{{"a"}, {"a"}, {"b"}, {"c"}, {""}}
	m := cityModel(t)
	if err := m.EstimateU(recs, nil, linkage.SampleOptions{Pairs: 10}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]float64{{1.0 / 6, 5.0 / 6}}, uOf(m), cmpopts.EquateApprox(0, 1e-15)); diff != "" {
		t.Errorf("dedupe (-want +got)\n%s", diff)
	}
	// Link {a, b} with {a, a, c}: 6 pairs, 2 agree.
	left, right := []cityRecord{{"a"}, {"b"}}, []cityRecord{{"a"}, {"a"}, {"c"}}
	if err := m.EstimateU(left, right, linkage.SampleOptions{}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]float64{{2.0 / 6, 4.0 / 6}}, uOf(m), cmpopts.EquateApprox(0, 1e-15)); diff != "" {
		t.Errorf("link (-want +got)\n%s", diff)
	}
}

func TestEstimateUDeterministicBySeed(t *testing.T) {
	ps := syntheticPeople(21, 2000, 0)
	run := func(seed uint64) [][]float64 {
		m := newPersonModel()
		if err := m.EstimateU(ps, nil, linkage.SampleOptions{Pairs: 20000, Seed: seed}); err != nil {
			t.Fatal(err)
		}
		return uOf(m)
	}
	a, b, c := run(1), run(1), run(2)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("same seed, different u (-first +second)\n%s", diff)
	}
	if cmp.Equal(a, c) {
		t.Error("different seeds gave identical u")
	}
	// The sample estimates the exact value: 5 cities drawn uniformly agree
	// with probability 1/5.
	if diff := cmp.Diff(0.2, a[3][0], cmpopts.EquateApprox(0, 0.02)); diff != "" {
		t.Errorf("u(city exact) (-want +got)\n%s", diff)
	}
}

func TestEstimateUErrors(t *testing.T) {
	m := cityModel(t)
	if err := m.EstimateU([]cityRecord{{"a"}}, nil, linkage.SampleOptions{}); !errorsIs(err, linkage.ErrNoData) {
		t.Errorf("one record: error = %v, want ErrNoData", err)
	}
}

func TestEstimateMFromLabels(t *testing.T) {
	recs := []cityRecord{{"a"}, {"a"}, {"b"}, {"a"}, {""}}
	m := cityModel(t)
	// Labelled matches: (0,1) agree, (0,3) agree, (1,2) disagree, (0,4) null.
	labels := []linkage.Pair{{A: 0, B: 1}, {A: 0, B: 3}, {A: 1, B: 2}, {A: 0, B: 4}}
	if err := m.EstimateMFromLabels(recs, nil, slices.Values(labels)); err != nil {
		t.Fatal(err)
	}
	var got []float64
	for _, l := range m.Params().Comparisons[0].Levels {
		got = append(got, l.M)
	}
	if diff := cmp.Diff([]float64{2.0 / 3, 1.0 / 3}, got, cmpopts.EquateApprox(0, 1e-15)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	if err := m.EstimateMFromLabels(recs, nil, slices.Values([]linkage.Pair{})); !errorsIs(err, linkage.ErrNoData) {
		t.Errorf("no labels: error = %v, want ErrNoData", err)
	}
	if err := m.EstimateMFromLabels(recs, nil, slices.Values([]linkage.Pair{{A: 0, B: 9}})); !errorsIs(err, linkage.ErrInvalid) {
		t.Errorf("bad index: error = %v, want ErrInvalid", err)
	}
}

func TestEstimatePriorFromRule(t *testing.T) {
	recs := []cityRecord{{"a"}, {"a"}, {"b"}, {"b"}, {"c"}}
	m := cityModel(t)
	rule := func(a, b *cityRecord) bool { return a.City == b.City }
	// 2 of the candidate pairs satisfy the rule; 10 possible pairs; recall 0.8:
	// λ = (2/0.8)/10 = 0.25.
	cands := []linkage.Pair{{A: 0, B: 1}, {A: 2, B: 3}, {A: 0, B: 2}}
	got, err := m.EstimatePriorFromRule(recs, nil, slices.Values(cands), rule, 0.8)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(0.25, got, cmpopts.EquateApprox(0, 1e-15)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	if m.Params().Prior != got {
		t.Errorf("model prior %v, returned %v", m.Params().Prior, got)
	}
	for _, recall := range []float64{0, -1, 1.5} {
		if _, err := m.EstimatePriorFromRule(recs, nil, slices.Values(cands), rule, recall); !errorsIs(err, linkage.ErrInvalid) {
			t.Errorf("recall %v: error = %v, want ErrInvalid", recall, err)
		}
	}
	never := func(a, b *cityRecord) bool { return false }
	if _, err := m.EstimatePriorFromRule(recs, nil, slices.Values(cands), never, 1); !errorsIs(err, linkage.ErrNoData) {
		t.Errorf("no hits: error = %v, want ErrNoData", err)
	}
}

// keyed has a categorical key and a name, for u from frequencies.
type keyed struct{ City, Name string }

func keyedModel(t *testing.T) *linkage.Model[keyed] {
	t.Helper()
	m, err := linkage.NewModel(
		linkage.Exact("city", func(r *keyed) string { return r.City }),
		linkage.JaroWinklerLevels("name", func(r *keyed) string { return r.Name }, 0.9),
	)
	require.NoError(t, err)
	return m
}

// keyedRecords returns n records with skewed cities (one in missing
// records missing, 0 for none) and names.
func keyedRecords(seed uint64, n, missing int) []keyed {
	rng := rand.New(rand.NewPCG(seed, 3))
	cities := []string{"ha noi", "ha noi", "ha noi", "hai phong", "hai phong", "nam dinh", "hue", "vinh"}
	rs := make([]keyed, n)
	for i := range rs {
		rs[i] = keyed{City: cities[rng.IntN(len(cities))], Name: givenNames[rng.IntN(len(givenNames))]}
		if missing > 0 && rng.IntN(missing) == 0 {
			rs[i].City = ""
		}
	}
	return rs
}

// TestEstimateUFrequenciesMatchExhaustive checks that the exact level's u
// from key frequencies equals the share counted over every pair, when the
// other levels are sampled.
func TestEstimateUFrequenciesMatchExhaustive(t *testing.T) {
	tests := []struct {
		name        string
		left, right []keyed
		tol         float64 // relative, on u of the exact levels
	}{
		// No missing key: P(not null) = 1 exactly, so the two agree to
		// rounding.
		{"dedupe", keyedRecords(1, 300, 0), nil, 1e-12},
		{"link", keyedRecords(2, 200, 0), keyedRecords(3, 150, 0), 1e-12},
		// Missing cities: P(not null) is sampled, 20,000 pairs.
		{"dedupe with missing keys", keyedRecords(4, 300, 5), nil, 0.03},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exhaustive, sampled := keyedModel(t), keyedModel(t)
			s, err := exhaustive.EstimateUSample(tt.left, tt.right, linkage.SampleOptions{Pairs: 100_000})
			require.NoError(t, err)
			require.True(t, s.Exhaustive)
			s, err = sampled.EstimateUSample(tt.left, tt.right, linkage.SampleOptions{Pairs: 20_000, MinCount: linkage.MaxSamplePairs, Seed: 9})
			require.NoError(t, err)
			require.False(t, s.Exhaustive)
			require.EqualValues(t, 20_000, s.Pairs)
			want, got := uOf(exhaustive), uOf(sampled)
			for i := range want {
				assert.InEpsilon(t, want[i][0], got[i][0], tt.tol, "comparison %d, exact level", i)
				sum := 0.0
				for _, u := range got[i] {
					sum += u
				}
				assert.InDelta(t, 1, sum, 1e-12, "comparison %d: u sums to %v", i, sum)
			}
			// The name's other levels are sampled: close, not equal.
			assert.InDelta(t, want[1][2], got[1][2], 0.02)
		})
	}
}

// TestEstimateUWorkersIndependent checks that the estimate is bit for bit
// the same for any number of workers, with and without early stopping.
func TestEstimateUWorkersIndependent(t *testing.T) {
	ps := syntheticPeople(21, 2000, 200)
	for _, opt := range []linkage.SampleOptions{
		{Pairs: 200_000, MinCount: linkage.MaxSamplePairs, Seed: 3},
		{Pairs: 1_000_000, MinCount: 50, Seed: 3},
		{Pairs: 3_000_000, Seed: 4}, // exhaustive: 2.4 M pairs
		{Seed: 5},                   // adaptive, at most 65,536 pairs
	} {
		var first [][]float64
		var firstSample linkage.USample
		for _, w := range []int{1, 4, 3} {
			m := newPersonModel()
			opt.Workers = w
			s, err := m.EstimateUSample(ps, nil, opt)
			require.NoError(t, err)
			if first == nil {
				first, firstSample = uOf(m), s
				continue
			}
			require.Equal(t, firstSample, s, "workers %d", w)
			require.Equal(t, first, uOf(m), "workers %d: u differs from 1 worker", w)
		}
	}
}

func TestEstimateUStopsWhenStable(t *testing.T) {
	recs := make([]cityRecord, 2000)
	for i := range recs {
		recs[i].City = []string{"a", "b", "c"}[i%3]
	}
	m := cityModel(t)
	s, err := m.EstimateUSample(recs, nil, linkage.SampleOptions{Pairs: 1_000_000, MinCount: 100})
	require.NoError(t, err)
	// The exact level comes from frequencies; the else level is seen
	// thousands of times in the first chunk.
	assert.Equal(t, linkage.USample{Pairs: linkage.SampleChunk, Stopped: true}, s)
	// Exactly Σ n_v(n_v−1) / (n(n−1)) with n_v = 667, 667, 666.
	want := (2*667*666 + 666*665) / (2000.0 * 1999)
	assert.InDelta(t, want, uOf(m)[0][0], 1e-15)
	s, err = m.EstimateUSample(recs, nil, linkage.SampleOptions{Pairs: 50_000, MinCount: 50_001})
	require.NoError(t, err)
	assert.Equal(t, linkage.USample{Pairs: 50_000}, s)
}

// TestEstimateUFloor checks that a level never counted gets 1/(2·pairs),
// taken from the others, and that FixU is kept.
func TestEstimateUFloor(t *testing.T) {
	rare := linkage.Custom("city", nil,
		linkage.Level[cityRecord]{Label: "never", Match: func(a, b *cityRecord) bool { return a.City == "zzz" && b.City == "zzz" }},
		linkage.Level[cityRecord]{Label: "same", Match: func(a, b *cityRecord) bool { return a.City == b.City }},
	)
	m, err := linkage.NewModel(rare)
	require.NoError(t, err)
	recs := keyedCities(1000)
	_, err = m.EstimateUSample(recs, nil, linkage.SampleOptions{Pairs: 20_000, MinCount: linkage.MaxSamplePairs})
	require.NoError(t, err)
	u := uOf(m)[0]
	assert.InDelta(t, 1/(2*20_000.0), u[0], 1e-18)
	assert.InDelta(t, 1, u[0]+u[1]+u[2], 1e-12)
	// Exhaustive: the floor is 1/(2·all pairs).
	_, err = m.EstimateUSample(recs[:100], nil, linkage.SampleOptions{Pairs: 20_000})
	require.NoError(t, err)
	assert.InDelta(t, 1/(2*4950.0), uOf(m)[0][0], 1e-18)

	// A fixed exact level keeps its u; the key is then not used.
	cm := cityModel(t)
	p := cm.Params()
	p.Comparisons[0].Levels[0].U, p.Comparisons[0].Levels[1].U = 0.3, 0.7
	p.Comparisons[0].Levels[0].FixU = true
	require.NoError(t, cm.SetParams(p))
	require.NoError(t, cm.EstimateU(recs, nil, linkage.SampleOptions{Pairs: 20_000}))
	assert.InDeltaSlice(t, []float64{0.3, 0.7}, uOf(cm)[0], 1e-15)
}

func keyedCities(n int) []cityRecord {
	rs := keyedRecords(7, n, 0)
	out := make([]cityRecord, n)
	for i := range rs {
		out[i].City = rs[i].City
	}
	return out
}

func TestSampleOptionsValidate(t *testing.T) {
	tests := []struct {
		name string
		opt  linkage.SampleOptions
		errs int
	}{
		{"zero", linkage.SampleOptions{}, 0},
		{"limits", linkage.SampleOptions{Pairs: linkage.MaxSamplePairs, MinCount: linkage.MaxSamplePairs, Workers: linkage.MaxWorkers}, 0},
		{"negative pairs", linkage.SampleOptions{Pairs: -1}, 1},
		{"too many pairs", linkage.SampleOptions{Pairs: linkage.MaxSamplePairs + 1}, 1},
		{"negative count", linkage.SampleOptions{MinCount: -5}, 1},
		{"absurd count", linkage.SampleOptions{MinCount: linkage.MaxSamplePairs + 1}, 1},
		{"negative workers", linkage.SampleOptions{Workers: -1}, 1},
		{"too many workers", linkage.SampleOptions{Workers: linkage.MaxWorkers + 1}, 1},
		{"all at once", linkage.SampleOptions{Pairs: -1, MinCount: -1, Workers: -1}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.opt.Validate()
			if tt.errs == 0 {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, linkage.ErrInvalid)
			assert.Len(t, strings.Split(err.Error(), "\n"), tt.errs)
			// EstimateU refuses the same options.
			require.ErrorIs(t, cityModel(t).EstimateU([]cityRecord{{"a"}, {"b"}}, nil, tt.opt), linkage.ErrInvalid)
		})
	}
}

func TestEstimateUDefaultPairsScaleWithInput(t *testing.T) {
	assert.Equal(t, linkage.MinDefaultSamplePairs, linkage.DefaultPairs(10))
	assert.Equal(t, 16*10_000, linkage.DefaultPairs(10_000))
	assert.Equal(t, linkage.DefaultSamplePairs, linkage.DefaultPairs(10_000_000))

	// Names that never agree exactly and never stop the sampling early
	// (MinCount above the cap): the default draws the cap for the records.
	rng := rand.New(rand.NewPCG(1, 2))
	name := func() cityRecord {
		b := make([]byte, 8)
		for i := range b {
			b[i] = byte('a' + rng.IntN(26))
		}
		return cityRecord{string(b)}
	}
	m, err := linkage.NewModel(linkage.JaroWinklerLevels("name", func(r *cityRecord) string { return r.City }, 0.9))
	require.NoError(t, err)
	for _, tc := range []struct {
		left, right int
		want        int64
	}{
		{5_000, 0, 5_000 * linkage.SamplePairsPerRecord},
		{3_000, 4_000, 7_000 * linkage.SamplePairsPerRecord},
		{1_000, 1_000, linkage.MinDefaultSamplePairs},
	} {
		var left, right []cityRecord
		for range tc.left {
			left = append(left, name())
		}
		for range tc.right {
			right = append(right, name())
		}
		s, err := m.EstimateUSample(left, right, linkage.SampleOptions{MinCount: linkage.MaxSamplePairs})
		require.NoError(t, err)
		assert.Equal(t, tc.want, s.Pairs, "left %d right %d", tc.left, tc.right)
		assert.False(t, s.Exhaustive)
	}
}

// TestEstimateUAdaptiveWorkersIndependent checks the adaptive sample (zero
// Pairs and MinCount) on linkage too, with more workers than chunks ahead.
func TestEstimateUAdaptiveWorkersIndependent(t *testing.T) {
	ps, qs := syntheticPeople(22, 3000, 0), syntheticPeople(23, 2500, 300)
	var first [][]float64
	var firstSample linkage.USample
	for _, w := range []int{1, 2, 3, 16} {
		m := newPersonModel()
		s, err := m.EstimateUSample(ps, qs, linkage.SampleOptions{Seed: 8, Workers: w})
		require.NoError(t, err)
		require.NotNil(t, s.ComparisonPairs)
		if first == nil {
			first, firstSample = uOf(m), s
			continue
		}
		require.Equal(t, firstSample, s, "workers %d", w)
		require.Equal(t, first, uOf(m), "workers %d: u differs from 1 worker", w)
	}
}

// TestEstimateUAdaptiveStops checks the adaptive stopping rule: a
// comparison whose levels are all common settles after its first chunk; a
// level never seen settles once 3/u_res pairs are counted (u_res = 1/n
// when deduplicating, 1/max(L, R) when linking); a level of u near u_res
// keeps its comparison in the sample until the cap.
func TestEstimateUAdaptiveStops(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	word := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('a' + rng.IntN(26))
		}
		return string(b)
	}
	recs := func(n int, kind func(i int) string) []cityRecord {
		out := make([]cityRecord, n)
		for i := range out {
			out[i].City = kind(i)
		}
		return out
	}
	three := func(i int) string { return []string{"a", "b", "c"}[i%3] }
	random := func(int) string { return word(12) }
	// One value in 4,000 is "zz": two agree with u ≈ 1/4000² · n_zz², far
	// below 1/n.
	never := linkage.Custom("city", nil,
		linkage.Level[cityRecord]{Label: "never", Match: func(a, b *cityRecord) bool { return a.City == "zz" && b.City == "zz" }},
		linkage.Level[cityRecord]{Label: "same", Match: func(a, b *cityRecord) bool { return a.City == b.City }},
	)
	tests := []struct {
		name        string
		comps       []linkage.Comparison[cityRecord]
		left, right []cityRecord
		// want: the pairs drawn, and by comparison those counted (0: any
		// value in [lo, hi]).
		lo, hi  int64
		stopped bool
	}{
		{"common levels settle in one chunk",
			[]linkage.Comparison[cityRecord]{linkage.Exact("city", func(r *cityRecord) string { return r.City })},
			recs(5000, three), nil, linkage.AdaptiveChunk, linkage.AdaptiveChunk, true},
		{"an unseen level settles at 3n pairs (dedupe)",
			[]linkage.Comparison[cityRecord]{never},
			recs(5000, three), nil, 3 * 5000, 3*5000 + linkage.AdaptiveChunk, true},
		{"an unseen level settles at 3·max(L, R) pairs (link)",
			[]linkage.Comparison[cityRecord]{never},
			recs(3000, three), recs(6000, three), 3 * 6000, 3*6000 + linkage.AdaptiveChunk, true},
		{"random strings: Jaro–Winkler levels rarer than 1/n",
			[]linkage.Comparison[cityRecord]{linkage.JaroWinklerLevels("name", func(r *cityRecord) string { return r.City }, 0.9, 0.7)},
			recs(5000, random), nil, 3 * 5000, int64(linkage.DefaultPairs(5000)) - 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := linkage.NewModel(tt.comps...)
			require.NoError(t, err)
			s, err := m.EstimateUSample(tt.left, tt.right, linkage.SampleOptions{Seed: 2})
			require.NoError(t, err)
			assert.Equal(t, tt.stopped, s.Stopped)
			assert.False(t, s.Exhaustive)
			assert.GreaterOrEqual(t, s.Pairs, tt.lo)
			assert.LessOrEqual(t, s.Pairs, tt.hi)
			require.Len(t, s.ComparisonPairs, len(tt.comps))
			assert.Equal(t, s.Pairs, slices.Max(s.ComparisonPairs))
			for _, c := range m.Params().Comparisons {
				sum := 0.0
				for _, l := range c.Levels {
					assert.Positive(t, l.U, "%s/%s", c.Name, l.Label)
					sum += l.U
				}
				assert.InDelta(t, 1, sum, 1e-12, c.Name)
			}
		})
	}

	// Two comparisons: the common one leaves the sample after one chunk,
	// the other keeps being counted; its u comes from its own pairs.
	m, err := linkage.NewModel(
		linkage.Exact("city", func(r *keyed) string { return r.City }),
		linkage.JaroWinklerLevels("name", func(r *keyed) string { return r.Name }, 0.9),
	)
	require.NoError(t, err)
	ks := keyedRecords(11, 5000, 0)
	for i := range ks {
		ks[i].Name = word(10)
	}
	s, err := m.EstimateUSample(ks, nil, linkage.SampleOptions{Seed: 3})
	require.NoError(t, err)
	require.Len(t, s.ComparisonPairs, 2)
	assert.EqualValues(t, linkage.AdaptiveChunk, s.ComparisonPairs[0])
	assert.Greater(t, s.ComparisonPairs[1], s.ComparisonPairs[0])
	assert.Equal(t, s.Pairs, s.ComparisonPairs[1])

	// A level whose u sits at u_res settles once counted
	// AdaptiveMinCount times: half the records take one of 2,500 values,
	// the others are unique, so u ≈ 1/4 · 1/2500 = 1/n for n = 10,000
	// records, expected 10 times in 100,000 pairs.
	near := make([]cityRecord, 10_000)
	for i := range near {
		if i%2 == 0 {
			near[i].City = "v" + strconv.Itoa(rng.IntN(2500))
		} else {
			near[i].City = word(12)
		}
	}
	cm, err := linkage.NewModel(linkage.Custom("city", nil,
		linkage.Level[cityRecord]{Label: "same", Match: func(a, b *cityRecord) bool { return a.City == b.City }}))
	require.NoError(t, err)
	s, err = cm.EstimateUSample(near, nil, linkage.SampleOptions{Seed: 4})
	require.NoError(t, err)
	assert.True(t, s.Stopped)
	assert.Greater(t, s.Pairs, int64(30_000))
	assert.Less(t, s.Pairs, int64(linkage.DefaultPairs(len(near))))
	assert.InEpsilon(t, 1e-4, uOf(cm)[0][0], 4/math.Sqrt(linkage.AdaptiveMinCount))
}

// TestEstimateUAdaptiveClose checks that the adaptive sample's u is close
// to the exhaustive count on an input small enough to count: within the
// relative error the stopping rule allows for the sampled levels, and
// equal for the exact level from frequencies.
func TestEstimateUAdaptiveClose(t *testing.T) {
	ps := syntheticPeople(31, 1500, 100) // 1,600 records: 1.28 M pairs
	exhaustive, adaptive := newPersonModel(), newPersonModel()
	s, err := exhaustive.EstimateUSample(ps, nil, linkage.SampleOptions{Pairs: 2_000_000})
	require.NoError(t, err)
	require.True(t, s.Exhaustive)
	s, err = adaptive.EstimateUSample(ps, nil, linkage.SampleOptions{Seed: 1})
	require.NoError(t, err)
	require.False(t, s.Exhaustive)
	want, got := uOf(exhaustive), uOf(adaptive)
	comps := exhaustive.Comparisons()
	for i := range want {
		for k := range want[i] {
			label := comps[i].Name + "/" + comps[i].Levels[k].Label
			if want[i][k] < 1.0/1600 {
				// Rarer than u_res: only bounded, within a factor 30.
				assert.Less(t, got[i][k], 30/1600.0, label)
				continue
			}
			// Counted at least 10 times: within 4 standard errors.
			assert.InEpsilon(t, want[i][k], got[i][k], 4/math.Sqrt(linkage.AdaptiveMinCount), label)
		}
	}
}
