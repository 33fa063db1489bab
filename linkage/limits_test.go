package linkage_test

import (
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/linkage"
)

// TestSetParamsRejectsNonFinite checks that NaN and infinite parameters
// are refused with ErrInvalid, and that a refused call leaves the model as
// it was.
func TestSetParamsRejectsNonFinite(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name string
		edit func(p *linkage.Params)
		want string
	}{
		{"prior NaN", func(p *linkage.Params) { p.Prior = nan }, "prior must lie strictly between 0 and 1"},
		{"prior Inf", func(p *linkage.Params) { p.Prior = inf }, "prior must lie strictly between 0 and 1"},
		{"threshold NaN", func(p *linkage.Params) { p.Threshold = nan }, "threshold must be a finite number"},
		{"threshold +Inf", func(p *linkage.Params) { p.Threshold = inf }, "threshold must be a finite number"},
		{"threshold -Inf", func(p *linkage.Params) { p.Threshold = -inf }, "threshold must be a finite number"},
		{"m NaN", func(p *linkage.Params) { p.Comparisons[1].Levels[0].M = nan }, "m and u must lie in [0, 1]"},
		{"u Inf", func(p *linkage.Params) { p.Comparisons[2].Levels[1].U = inf }, "m and u must lie in [0, 1]"},
		{"tf weight NaN", func(p *linkage.Params) { p.Comparisons[0].TFWeight = nan }, "term-frequency weight and minimum"},
		{"tf minimum Inf", func(p *linkage.Params) { p.Comparisons[0].TFMinimum = inf }, "term-frequency weight and minimum"},
		{"tf table null", func(p *linkage.Params) { p.TermFrequencies = map[string]*linkage.TFTable{"given": nil} }, `table "given": missing (null)`},
		{"tf table over total", func(p *linkage.Params) {
			p.TermFrequencies = map[string]*linkage.TFTable{"given": {Counts: map[string]uint64{"lan": 3}, Total: 2}}
		}, "counts add up to more than the total"},
		{"tf table overflow", func(p *linkage.Params) {
			p.TermFrequencies = map[string]*linkage.TFTable{"given": {Counts: map[string]uint64{"lan": math.MaxUint64, "mai": 2}, Total: math.MaxUint64}}
		}, "counts overflow"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newPersonModel()
			before := m.Params()
			p := m.Params()
			tt.edit(&p)
			err := m.SetParams(p)
			require.ErrorIs(t, err, linkage.ErrInvalid)
			assert.Contains(t, err.Error(), tt.want)
			assert.Equal(t, before, m.Params(), "a refused SetParams changed the model")
		})
	}
	t.Run("tf table of an unknown comparison", func(t *testing.T) {
		m := newPersonModel()
		p := m.Params()
		p.TermFrequencies = map[string]*linkage.TFTable{"nickname": {}}
		assert.ErrorIs(t, m.SetParams(p), linkage.ErrMismatch)
	})
	t.Run("population table with a larger total", func(t *testing.T) {
		m := newPersonModel()
		p := m.Params()
		p.TermFrequencies = map[string]*linkage.TFTable{"given": {Counts: map[string]uint64{"lan": 3}, Total: 1000}}
		assert.NoError(t, m.SetParams(p))
	})
}

func TestScoreOptionsValidate(t *testing.T) {
	tests := []struct {
		name string
		opt  linkage.ScoreOptions
		want []string // substrings of the one error; nil for valid
	}{
		{"zero", linkage.ScoreOptions{}, nil},
		{"limits", linkage.ScoreOptions{Workers: linkage.MaxWorkers, BatchSize: linkage.MaxBatchSize, MinWeight: math.Inf(-1)}, nil},
		{"keep nothing", linkage.ScoreOptions{MinWeight: math.Inf(1)}, nil},
		{"workers 100000", linkage.ScoreOptions{Workers: 100000}, []string{"worker count 100000 is outside [0, 1024]"}},
		{"workers negative", linkage.ScoreOptions{Workers: -1}, []string{"worker count -1"}},
		{"batch too large", linkage.ScoreOptions{BatchSize: 1 << 20}, []string{"batch size 1048576 is outside [0, 65536]"}},
		{"batch negative", linkage.ScoreOptions{BatchSize: -5}, []string{"batch size -5"}},
		{"min weight NaN", linkage.ScoreOptions{MinWeight: math.NaN()}, []string{"minimum weight is NaN"}},
		{"all at once", linkage.ScoreOptions{Workers: 2000, BatchSize: -1, MinWeight: math.NaN()}, []string{"worker count 2000", "batch size -1", "minimum weight is NaN"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.opt.Validate()
			if tt.want == nil {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, linkage.ErrInvalid)
			var le *linkage.Error
			require.ErrorAs(t, err, &le)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

// TestScoringPanicsOnBadOptions checks that scoring and counting refuse an
// absurd worker count at once, instead of allocating buffers for it.
func TestScoringPanicsOnBadOptions(t *testing.T) {
	ps := syntheticPeople(1, 20, 0)
	m := newPersonModel()
	pairs := slices.Values(allPairs(len(ps)))
	bad := linkage.ScoreOptions{Workers: 100000}
	msg := bad.Validate().Error()
	assert.PanicsWithValue(t, msg, func() { m.ScorePairs(ps, nil, pairs, bad) })
	assert.PanicsWithValue(t, msg, func() { m.ScorePairs(ps, nil, pairs, linkage.ScoreOptions{Workers: 100000}) })
	assert.PanicsWithValue(t, "linkage.CountPatterns: worker count 100000 is outside [0, 1024]", func() { m.CountPatterns(ps, nil, pairs, 100000) })
	assert.PanicsWithValue(t, "linkage.CountPatterns: worker count -2 is outside [0, 1024]", func() { m.CountPatterns(ps, nil, pairs, -2) })
	assert.Panics(t, func() { m.ScorePairs(ps, nil, pairs, linkage.ScoreOptions{MinWeight: math.NaN()}) })
}

// TestTrainEMChecksRounds checks that malformed training rounds are
// reported by round, never with a panic.
func TestTrainEMChecksRounds(t *testing.T) {
	ps := syntheticPeople(3, 100, 30)
	m := newPersonModel()
	good := m.CountPatterns(ps, nil, slices.Values(allPairs(len(ps))), 1)
	bits := m.PatternBits()
	tests := []struct {
		name   string
		rounds []linkage.TrainingRound
		opt    linkage.EMOptions
		is     error
		want   string
	}{
		{"counts shorter, with exclusion", []linkage.TrainingRound{{Patterns: linkage.Patterns{Patterns: good.Patterns, Counts: good.Counts[:1]}, Exclude: []string{"city"}}}, linkage.EMOptions{}, linkage.ErrInvalid, "round 1: patterns and counts differ in length"},
		{"counts longer", []linkage.TrainingRound{{Patterns: good}, {Patterns: linkage.Patterns{Patterns: good.Patterns[:1], Counts: good.Counts}}}, linkage.EMOptions{}, linkage.ErrInvalid, "round 2: patterns and counts differ"},
		{"level out of range", []linkage.TrainingRound{{Patterns: linkage.Patterns{Patterns: []uint64{7}, Counts: []float64{1}}}}, linkage.EMOptions{}, linkage.ErrInvalid, `level 7 of comparison "given" is out of range [0, 4]`},
		{"bits beyond the model", []linkage.TrainingRound{{Patterns: linkage.Patterns{Patterns: []uint64{1 << bits}, Counts: []float64{1}}}}, linkage.EMOptions{}, linkage.ErrInvalid, "bits beyond the model"},
		{"negative count", []linkage.TrainingRound{{Patterns: linkage.Patterns{Patterns: []uint64{1, 2}, Counts: []float64{3, -1}}}}, linkage.EMOptions{}, linkage.ErrInvalid, "count 2 is not a finite number"},
		{"NaN count", []linkage.TrainingRound{{Patterns: linkage.Patterns{Patterns: []uint64{1}, Counts: []float64{math.NaN()}}}}, linkage.EMOptions{}, linkage.ErrInvalid, "count 1 is not a finite number"},
		{"infinite total", []linkage.TrainingRound{{Patterns: linkage.Patterns{Patterns: []uint64{1, 2}, Counts: []float64{math.MaxFloat64, math.MaxFloat64}}}}, linkage.EMOptions{}, linkage.ErrInvalid, "counts add up to more"},
		{"no pairs", []linkage.TrainingRound{{Patterns: linkage.Patterns{Patterns: []uint64{1}, Counts: []float64{0}}}}, linkage.EMOptions{}, linkage.ErrNoData, "round 1 has no pairs"},
		{"unknown exclusion", []linkage.TrainingRound{{Patterns: good, Exclude: []string{"nickname"}}}, linkage.EMOptions{}, linkage.ErrMismatch, "excludes unknown comparison"},
		{"no rounds", nil, linkage.EMOptions{}, linkage.ErrNoData, "no training rounds"},
		{"tolerance NaN", []linkage.TrainingRound{{Patterns: good}}, linkage.EMOptions{Tolerance: math.NaN()}, linkage.ErrInvalid, "tolerance"},
		{"tolerance negative", []linkage.TrainingRound{{Patterns: good}}, linkage.EMOptions{Tolerance: -1}, linkage.ErrInvalid, "tolerance"},
		{"iterations negative", []linkage.TrainingRound{{Patterns: good}}, linkage.EMOptions{MaxIterations: -1}, linkage.ErrInvalid, "maximum iterations -1"},
		{"iterations too many", []linkage.TrainingRound{{Patterns: good}}, linkage.EMOptions{MaxIterations: linkage.MaxEMIterations + 1}, linkage.ErrInvalid, "maximum iterations"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := m.Params()
			_, err := m.TrainEM(tt.rounds, tt.opt)
			require.ErrorIs(t, err, tt.is)
			assert.Contains(t, err.Error(), tt.want)
			assert.Equal(t, before, m.Params(), "a refused TrainEM changed the model")
		})
	}
	_, err := m.TrainEM([]linkage.TrainingRound{{Patterns: good, Exclude: []string{"city"}}}, linkage.EMOptions{})
	assert.NoError(t, err, "the well-formed round")
}

func TestEstimatorsCheckArguments(t *testing.T) {
	ps := syntheticPeople(3, 50, 0)
	m := newPersonModel()
	for _, n := range []int{-1, linkage.MaxSamplePairs + 1} {
		err := m.EstimateU(ps, nil, linkage.SampleOptions{Pairs: n})
		assert.ErrorIs(t, err, linkage.ErrInvalid, "Pairs %d", n)
	}
	_, err := m.EstimatePriorFromRule(ps, nil, slices.Values(allPairs(10)), nil, 0.9)
	assert.ErrorIs(t, err, linkage.ErrInvalid, "nil rule")
	_, err = m.EstimatePriorFromRule(ps, nil, slices.Values(allPairs(10)), func(a, b *person) bool { return true }, math.NaN())
	assert.ErrorIs(t, err, linkage.ErrInvalid, "NaN recall")
}

// TestZeroModel checks that the zero Model scores without panicking and
// that its estimators and loaders return errors.
func TestZeroModel(t *testing.T) {
	var m linkage.Model[person]
	a, b := person{Given: "lan"}, person{Given: "lan"}
	assert.Equal(t, 0.0, m.Score(&a, &b))
	assert.Equal(t, uint64(0), m.Pattern(&a, &b))
	assert.Equal(t, 0, m.PatternBits())
	assert.Empty(t, m.Comparisons())
	e := m.Explain(&a, &b)
	assert.Empty(t, e.Rows)
	assert.Equal(t, 0.0, e.Weight)
	ps := []person{a, b}
	pairs := []linkage.Pair{{A: 0, B: 1}}
	assert.Len(t, slices.Collect(m.ScorePairs(ps, nil, slices.Values(pairs), linkage.ScoreOptions{})), 1)
	assert.Equal(t, []float64{1}, m.CountPatterns(ps, nil, slices.Values(pairs), 1).Counts)
	_, err := m.MarshalJSON()
	assert.NoError(t, err)

	p := linkage.Params{Prior: 0.1}
	for name, err := range map[string]error{
		"SetParams":             m.SetParams(p),
		"UnmarshalJSON":         m.UnmarshalJSON([]byte(`{"version":1,"prior":0.1,"comparisons":[]}`)),
		"EstimateU":             m.EstimateU(ps, nil, linkage.SampleOptions{}),
		"EstimateMFromLabels":   m.EstimateMFromLabels(ps, nil, slices.Values(pairs)),
		"TrainEM":               second(m.TrainEM([]linkage.TrainingRound{{Patterns: linkage.Patterns{Patterns: []uint64{0}, Counts: []float64{1}}}}, linkage.EMOptions{})),
		"EstimatePriorFromRule": second(m.EstimatePriorFromRule(ps, nil, slices.Values(pairs), func(a, b *person) bool { return true }, 1)),
	} {
		require.ErrorIs(t, err, linkage.ErrInvalid, name)
		assert.Contains(t, err.Error(), "model has no comparisons", name)
	}
}

func second[T any](_ T, err error) error { return err }

func TestTFTableNil(t *testing.T) {
	var tf *linkage.TFTable
	assert.Equal(t, 0.0, tf.Frequency("lan"))
	assert.PanicsWithValue(t, "linkage: TFTable.Add on a nil *TFTable", func() { tf.Add("lan") })
	var zero linkage.TFTable
	zero.Add("lan")
	zero.Add("")
	assert.Equal(t, 1.0, zero.Frequency("lan"))
}

func TestPatternLevelPanicsOutOfRange(t *testing.T) {
	m := newPersonModel()
	assert.Panics(t, func() { m.PatternLevel(0, len(m.Comparisons())) })
	assert.Panics(t, func() { m.PatternLevel(0, -1) })
	assert.NotPanics(t, func() { m.PatternLevel(0, len(m.Comparisons())-1) })
}
