package vnperson_test

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/benchmarks/accuracy"
	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

// communeEHR returns the prepared EHR rows of a synthetic commune of
// people people.
func communeEHR(t *testing.T, people int) []vnperson.Record {
	t.Helper()
	cfg := synth.DefaultConfig()
	cfg.People = people
	c, err := accuracy.GenerateCommune(cfg)
	require.NoError(t, err)
	ps := c.EHR
	recs, _ := vnperson.Prepare(ps, vnperson.PrepareOptions{Today: time.Date(synth.RefYear+1, time.January, 1, 0, 0, 0, 0, time.UTC)})
	return recs
}

// TestEstimateUStableAcrossSeeds checks that u, and so every weight, moves
// by less than half a bit between seeds 0 and 1 on a commune of 3,000
// people, for every level seen on at least 300 sampled pairs (at 300 the
// standard deviation of the difference is 0.12 bit) and for the exact
// levels taken from value frequencies (CCCD, BHXH, name, phone, birth
// date), however rare.
func TestEstimateUStableAcrossSeeds(t *testing.T) {
	if testing.Short() {
		t.Skip("samples 2 × 300,000 pairs")
	}
	recs := communeEHR(t, 3000)
	const pairs = 300_000
	run := func(seed uint64) linkage.Params {
		m, err := vnperson.DefaultModel()
		require.NoError(t, err)
		s, err := m.EstimateUSample(recs, nil, linkage.SampleOptions{Pairs: pairs, Seed: seed})
		require.NoError(t, err)
		require.False(t, s.Exhaustive)
		return m.Params()
	}
	p0, p1 := run(0), run(1)
	fromKeys := map[string]string{
		vnperson.CompareNationalID: "cccd_exact", vnperson.CompareBHXH: "exact",
		vnperson.ComparePhone: "exact", vnperson.CompareBirthDate: "exact",
		vnperson.CompareName: "exact",
	}
	checked := 0
	for i, c := range p0.Comparisons {
		for k, l0 := range c.Levels {
			l1 := p1.Comparisons[i].Levels[k]
			keyed := fromKeys[c.Name] == l0.Label
			if !keyed && min(l0.U, l1.U)*pairs < 300 {
				continue
			}
			checked++
			diff := math.Abs(linkage.LevelWeight(l0.M, l0.U) - linkage.LevelWeight(l1.M, l1.U))
			limit := 0.5
			if keyed {
				limit = 0.05 // only P(not null) is sampled
			}
			assert.Less(t, diff, limit, "%s/%s: weights %v bits apart", c.Name, l0.Label, diff)
		}
	}
	assert.GreaterOrEqual(t, checked, 20)
}
