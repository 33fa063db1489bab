package linkage_test

import (
	"math"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/linkage"
)

// cityValues returns 2,000 records over values distinct values, a
// function making a one-level model ("same" value), and the level's u
// counted exhaustively over all the pairs.
func cityValues(t *testing.T, values int) ([]cityRecord, func() *linkage.Model[cityRecord], float64) {
	t.Helper()
	recs := make([]cityRecord, 2000)
	for i := range recs {
		recs[i].City = "v" + strconv.Itoa(i%values)
	}
	same := func() *linkage.Model[cityRecord] {
		m, err := linkage.NewModel(linkage.Custom("city", nil,
			linkage.Level[cityRecord]{Label: "same", Match: func(a, b *cityRecord) bool { return a.City == b.City }}))
		require.NoError(t, err)
		return m
	}
	exhaustive := same()
	s, err := exhaustive.EstimateUSample(recs, nil, linkage.SampleOptions{Pairs: 2_000_000})
	require.NoError(t, err)
	require.True(t, s.Exhaustive)
	return recs, same, uOf(exhaustive)[0][0]
}

// TestEstimateUAdaptiveUnbiased checks that the adaptive sample's u is
// unbiased for a level it stops on: 2,000 records take 333 values (six
// each, a few seven), so two distinct records agree with u ≈ 0.003,
// counted exhaustively over the 1,999,000 pairs; the adaptive sample stops
// after about 3,300 pairs, when the level has been counted
// AdaptiveMinCount times. Averaged over 400 seeds the estimate must come
// within 4% of the exhaustive u (about 2.3 standard errors of the mean);
// the share counted at the stopping chunk, K/N, exceeds it by about 7%.
func TestEstimateUAdaptiveUnbiased(t *testing.T) {
	recs, same, want := cityValues(t, 333)

	const seeds = 400
	var mean float64
	for seed := range uint64(seeds) {
		m := same()
		s, err := m.EstimateUSample(recs, nil, linkage.SampleOptions{Seed: seed})
		require.NoError(t, err)
		require.True(t, s.Stopped)
		mean += uOf(m)[0][0] / seeds
	}
	t.Logf("exhaustive u %.6f, mean of %d adaptive estimates %.6f (%+.1f%%)", want, seeds, mean, 100*(mean/want-1))
	assert.InEpsilon(t, want, mean, 0.04)
}

// TestEstimateUAdaptiveCommonLevels checks that a common level, settled in
// its comparison's first chunk with hundreds of counts, keeps the
// precision of all of them rather than of its first AdaptiveMinCount:
// 2,000 records of 3 values (u ≈ 1/3); over 50 seeds the mean absolute
// relative error must stay below 10% (about 3.5% from 1,024 pairs; the
// first 10 counts alone would give about 25%).
func TestEstimateUAdaptiveCommonLevels(t *testing.T) {
	recs, same, want := cityValues(t, 3)

	const seeds = 50
	var mae float64
	for seed := range uint64(seeds) {
		m := same()
		s, err := m.EstimateUSample(recs, nil, linkage.SampleOptions{Seed: seed})
		require.NoError(t, err)
		require.EqualValues(t, linkage.AdaptiveChunk, s.Pairs)
		mae += math.Abs(uOf(m)[0][0]/want-1) / seeds
	}
	t.Logf("exhaustive u %.4f, mean absolute relative error of %d adaptive estimates %.1f%%", want, seeds, 100*mae)
	assert.Less(t, mae, 0.10)
}
