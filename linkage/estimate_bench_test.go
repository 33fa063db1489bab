package linkage_test

import (
	"testing"

	"github.com/vnlink/vnlink/linkage"
)

// BenchmarkEstimateU samples u from 1,000,000 pairs of 20,000 synthetic
// people (deduplication) and of 10,000 × 10,000 (linkage): all of them
// (MinCount above the cap) on one worker and on GOMAXPROCS, and with the
// stopping rule of a fixed cap, which may stop early; and with the zero
// options, the adaptive sample (each comparison until settled, at most
// DefaultPairs(records) pairs).
func BenchmarkEstimateU(b *testing.B) {
	ps := syntheticPeople(5, 20_000, 0)
	qs := syntheticPeople(6, 10_000, 0)
	for _, bc := range []struct {
		name        string
		left, right []person
		opt         linkage.SampleOptions
	}{
		{"dedupe", ps, nil, linkage.SampleOptions{Pairs: 1_000_000, MinCount: linkage.MaxSamplePairs}},
		{"dedupe/workers=1", ps, nil, linkage.SampleOptions{Pairs: 1_000_000, MinCount: linkage.MaxSamplePairs, Workers: 1}},
		{"dedupe/stop", ps, nil, linkage.SampleOptions{Pairs: 1_000_000}},
		{"dedupe/adaptive", ps, nil, linkage.SampleOptions{}},
		{"dedupe/adaptive/workers=1", ps, nil, linkage.SampleOptions{Workers: 1}},
		{"link", ps[:10_000], qs, linkage.SampleOptions{Pairs: 1_000_000, MinCount: linkage.MaxSamplePairs}},
		{"link/workers=1", ps[:10_000], qs, linkage.SampleOptions{Pairs: 1_000_000, MinCount: linkage.MaxSamplePairs, Workers: 1}},
		{"link/adaptive", ps[:10_000], qs, linkage.SampleOptions{}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			m := newPersonModel()
			opt := bc.opt
			opt.Seed = 1
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

// BenchmarkEstimateUFEBRL4 estimates u for FEBRL4 (dataset4a × dataset4b,
// 5,000 × 5,000 records) with the schema of this package's FEBRL test and
// the zero options (seed 1), as an unsupervised FEBRL run does; skipped
// without the data.
func BenchmarkEstimateUFEBRL4(b *testing.B) {
	left, right := loadFEBRL(b, "dataset4a.csv"), loadFEBRL(b, "dataset4b.csv")
	m, err := linkage.NewModel(febrlComparisons()...)
	if err != nil {
		b.Fatal(err)
	}
	var pairs int64
	for b.Loop() {
		s, err := m.EstimateUSample(left, right, linkage.SampleOptions{Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		pairs += s.Pairs
	}
	b.ReportMetric(float64(pairs)/float64(b.N), "pairs/op")
}
