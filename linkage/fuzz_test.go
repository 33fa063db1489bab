package linkage_test

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/linkage"
)

// fuzzPeople are the records the fuzz targets score.
var fuzzPeople = syntheticPeople(11, 30, 10)

// scoresOf returns the scores of every pair of fuzzPeople, with a check
// that each is a number and that its explanation adds up to it.
func scoresOf(t *testing.T, m *linkage.Model[person]) []float64 {
	t.Helper()
	var ws []float64
	for i := range fuzzPeople {
		for j := i; j < len(fuzzPeople); j++ {
			a, b := &fuzzPeople[i], &fuzzPeople[j]
			w := m.Score(a, b)
			require.False(t, math.IsNaN(w) || math.IsInf(w, 0), "pair %d, %d: weight %v", i, j, w)
			require.Equal(t, math.Float64bits(w), math.Float64bits(m.Explain(a, b).Weight), "pair %d, %d: explanation differs from score", i, j)
			ws = append(ws, w)
		}
	}
	return ws
}

// FuzzLoadModel loads arbitrary JSON as a model: it never panics, errors
// are *Error values, and a model that loads scores every pair with a finite
// weight, saves, and loads back to the same parameters and bit-identical
// scores.
func FuzzLoadModel(f *testing.F) {
	m := newPersonModel()
	p := m.Params()
	p.Threshold = 2.5
	p.TermFrequencies = map[string]*linkage.TFTable{"given": {Counts: map[string]uint64{"lan": 2, "mai": 1}, Total: 3}}
	if err := m.SetParams(p); err != nil {
		f.Fatal(err)
	}
	good, err := json.Marshal(m)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"version":1}`))
	f.Add([]byte(`{"version":1,"prior":0.5,"comparisons":[{"name":"given","levels":[]}]}`))
	f.Add([]byte(`{"version":1,"prior":1e400}`))
	f.Add([]byte(`{"version":2,"prior":0.5}`))
	f.Add([]byte(`{"version":1,"prior":0.5,"term_frequencies":{"given":null}}`))
	f.Add([]byte(`[1,2`))
	f.Add([]byte(`null`))
	f.Add(good[:len(good)/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := linkage.LoadModel(data, personComparisons()...)
		if err != nil {
			var le *linkage.Error
			require.True(t, errors.As(err, &le), "error %v is not an *Error", err)
			require.Nil(t, m)
			return
		}
		ws := scoresOf(t, m)
		saved, err := json.Marshal(m)
		require.NoError(t, err)
		again, err := linkage.LoadModel(saved, personComparisons()...)
		require.NoError(t, err)
		assert.Equal(t, m.Params(), again.Params())
		assert.Equal(t, ws, scoresOf(t, again))
	})
}

// FuzzSetParams sets arbitrary numbers as parameters: values outside their
// ranges (NaN and infinities included) are refused with ErrInvalid and
// leave the model unchanged; accepted ones give finite weights whose
// explanations add up, and survive a JSON round trip.
func FuzzSetParams(f *testing.F) {
	f.Add(0.001, 0.0, 0.9, 0.01, 0.5, 0.001, true)
	f.Add(0.5, 3.0, 1.0, 0.0, 1.0, 0.0, false)
	f.Add(math.NaN(), 0.0, 0.9, 0.01, 0.5, 0.001, false)
	f.Add(0.1, math.Inf(1), 0.9, 0.01, 0.5, 0.001, false)
	f.Add(0.1, 0.0, math.NaN(), 0.01, 0.5, 0.001, true)
	f.Add(0.1, 0.0, 0.9, math.Inf(-1), 0.5, 0.001, true)
	f.Add(0.1, 0.0, 0.9, 0.01, math.NaN(), math.Inf(1), true)
	f.Add(1e-300, -1e300, 0.0, 1.0, 0.0, 1.0, true)
	f.Fuzz(func(t *testing.T, prior, threshold, mExact, uExact, tfWeight, tfMin float64, tf bool) {
		m := newPersonModel()
		before := m.Params()
		p := m.Params()
		p.Prior, p.Threshold = prior, threshold
		p.Comparisons[0].Levels[0].M, p.Comparisons[0].Levels[0].U = mExact, uExact
		p.Comparisons[0].Levels[1].TermFrequency = tf
		p.Comparisons[0].TFWeight, p.Comparisons[0].TFMinimum = tfWeight, tfMin
		p.Comparisons[3].Levels[1].M = mExact // a template without TF
		if err := m.SetParams(p); err != nil {
			require.ErrorIs(t, err, linkage.ErrInvalid)
			require.Equal(t, before, m.Params())
			return
		}
		for _, x := range []float64{prior, threshold, mExact, uExact, tfWeight, tfMin} {
			require.False(t, math.IsNaN(x) || math.IsInf(x, 0), "SetParams accepted %v", x)
		}
		ws := scoresOf(t, m)
		saved, err := json.Marshal(m)
		require.NoError(t, err)
		again, err := linkage.LoadModel(saved, personComparisons()...)
		require.NoError(t, err)
		assert.Equal(t, ws, scoresOf(t, again))
	})
}

// FuzzTrainEM trains on arbitrary pattern counts, with and without an
// excluded comparison: it never panics, and a run that succeeds leaves
// parameters that SetParams accepts.
func FuzzTrainEM(f *testing.F) {
	f.Add([]byte{1, 0, 0, 5, 2, 1, 0, 9}, uint8(0), true)
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 1}, uint8(3), false)
	f.Add([]byte{1, 2}, uint8(1), true)
	f.Add([]byte{}, uint8(0), false)
	f.Fuzz(func(t *testing.T, data []byte, exclude uint8, shortCounts bool) {
		m := newPersonModel()
		var pats linkage.Patterns
		for i := 0; i+3 < len(data); i += 4 {
			// Three bytes of pattern reach every comparison's bits (18 in
			// all) and beyond; the fourth byte is the count, 255 meaning NaN.
			pat := uint64(data[i]) | uint64(data[i+1])<<8 | uint64(data[i+2])<<16
			n := float64(data[i+3]) - 8
			if data[i+3] == 255 {
				n = math.NaN()
			}
			pats.Patterns = append(pats.Patterns, pat)
			pats.Counts = append(pats.Counts, n)
		}
		if shortCounts && len(pats.Counts) > 0 {
			pats.Counts = pats.Counts[1:]
		}
		round := linkage.TrainingRound{Patterns: pats}
		names := []string{"given", "family", "birth", "city", "postcode", "phone", "nickname"}
		if int(exclude) < len(names) {
			round.Exclude = []string{names[exclude]}
		}
		res, err := m.TrainEM([]linkage.TrainingRound{round}, linkage.EMOptions{MaxIterations: 20, EstimateU: exclude%2 == 0})
		if err != nil {
			var le *linkage.Error
			require.True(t, errors.As(err, &le), "error %v is not an *Error", err)
			return
		}
		require.Len(t, res, 1)
		require.NoError(t, m.SetParams(m.Params()))
		scoresOf(t, m)
	})
}
