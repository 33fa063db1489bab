package linkage_test

import (
	"testing"

	"github.com/vnlink/vnlink/linkage"
)

// BenchmarkEstimateU samples u from 1,000,000 pairs of 20,000 synthetic
// people (deduplication) and of 10,000 × 10,000 (linkage): all of them
// (MinCount above the cap) on one worker and on GOMAXPROCS, and with the
// default stopping rule, which may stop early.
func BenchmarkEstimateU(b *testing.B) {
	ps := syntheticPeople(5, 20_000, 0)
	qs := syntheticPeople(6, 10_000, 0)
	for _, bc := range []struct {
		name        string
		left, right []person
		opt         linkage.SampleOptions
	}{
		{"dedupe", ps, nil, linkage.SampleOptions{MinCount: linkage.MaxSamplePairs}},
		{"dedupe/workers=1", ps, nil, linkage.SampleOptions{MinCount: linkage.MaxSamplePairs, Workers: 1}},
		{"dedupe/stop", ps, nil, linkage.SampleOptions{}},
		{"link", ps[:10_000], qs, linkage.SampleOptions{MinCount: linkage.MaxSamplePairs}},
		{"link/workers=1", ps[:10_000], qs, linkage.SampleOptions{MinCount: linkage.MaxSamplePairs, Workers: 1}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			m := newPersonModel()
			opt := bc.opt
			opt.Pairs, opt.Seed = 1_000_000, 1
			var pairs int64
			for b.Loop() {
				s, err := m.EstimateUSample(bc.left, bc.right, opt)
				if err != nil {
					b.Fatal(err)
				}
				pairs += s.Pairs
			}
			b.ReportMetric(float64(pairs)/b.Elapsed().Seconds(), "pairs/s")
		})
	}
}
