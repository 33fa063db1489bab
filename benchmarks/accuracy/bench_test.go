package accuracy

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/vnlink/vnlink/blocking"
	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

type scoringSetup struct {
	recs  []vnperson.Record
	pairs []linkage.Pair
	model *linkage.Model[vnperson.Record]
}

var (
	setupOnce sync.Once
	setup     scoringSetup
	setupErr  error
)

// scoring prepares the 5,000-person commune's EHR extract, trains the default
// model and collects the candidate pairs of the default blocking plan.
func scoring(b *testing.B) *scoringSetup {
	setupOnce.Do(func() {
		c := smallCommune(b)
		setup.recs, _ = vnperson.Prepare(c.EHR, Options().Prepare)
		setup.model, setupErr = vnperson.Train(setup.recs, nil, Options())
		if setupErr != nil {
			return
		}
		var bl *blocking.Blocker[vnperson.Record]
		bl, setupErr = blocking.New(blocking.Options{}, vnperson.DefaultRules()...)
		if setupErr != nil {
			return
		}
		var cands *blocking.Candidates
		cands, setupErr = bl.Dedupe(setup.recs)
		if setupErr != nil {
			return
		}
		for p := range cands.Pairs() {
			setup.pairs = append(setup.pairs, p)
		}
	})
	if setupErr != nil {
		b.Fatal(setupErr)
	}
	return &setup
}

// BenchmarkScore scores the candidate pairs of the synthetic commune with the
// default person comparisons on one goroutine; one op is one pair.
func BenchmarkScore(b *testing.B) {
	s := scoring(b)
	var sink float64
	i := 0
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		p := s.pairs[i]
		sink += s.model.Score(&s.recs[p.A], &s.recs[p.B])
		if i++; i == len(s.pairs) {
			i = 0
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
	_ = sink
}

// BenchmarkScoreParallel scores the same pairs on GOMAXPROCS goroutines; one
// op is one pair, and pairs/s is the total throughput.
func BenchmarkScoreParallel(b *testing.B) {
	s := scoring(b)
	var next atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		var sink float64
		i := int(next.Add(1)*7919) % len(s.pairs)
		for pb.Next() {
			p := s.pairs[i]
			sink += s.model.Score(&s.recs[p.A], &s.recs[p.B])
			if i++; i == len(s.pairs) {
				i = 0
			}
		}
		_ = sink
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
	b.ReportMetric(float64(runtime.GOMAXPROCS(0)), "procs")
}

// BenchmarkPrepare prepares the EHR extract of the synthetic commune (about
// 4,900 records); records/s is the throughput.
func BenchmarkPrepare(b *testing.B) {
	c := smallCommune(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		vnperson.Prepare(c.EHR, Options().Prepare)
	}
	b.ReportMetric(float64(b.N*len(c.EHR))/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkDedupe runs the whole unsupervised deduplication of the
// synthetic commune's EHR extract: preparation, training, blocking, scoring,
// clustering.
func BenchmarkDedupe(b *testing.B) {
	c := smallCommune(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := vnperson.Dedupe(c.EHR, Options()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(c.EHR))/b.Elapsed().Seconds(), "records/s")
}

func TestScoringAllocatesNothing(t *testing.T) {
	c := smallCommune(t)
	recs, _ := vnperson.Prepare(c.EHR[:300], Options().Prepare)
	m, err := vnperson.Train(recs, nil, vnperson.Options{USamplePairs: 10_000})
	if err != nil {
		t.Fatal(err)
	}
	var sink float64
	allocs := testing.AllocsPerRun(5, func() {
		for i := range recs {
			for j := i + 1; j < len(recs); j++ {
				sink += m.Score(&recs[i], &recs[j])
			}
		}
	})
	if allocs != 0 {
		t.Errorf("scoring allocates %v times per run, want 0", allocs)
	}
	_ = sink
}
