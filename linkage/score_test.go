package linkage_test

import (
	"iter"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vnlink/vnlink/linkage"
)

// sequentialScores scores pairs one by one and keeps those ≥ min.
func sequentialScores(m *linkage.Model[person], ps []person, pairs []linkage.Pair, minWeight float64) []linkage.ScoredPair {
	var out []linkage.ScoredPair
	for _, p := range pairs {
		if w := m.Score(&ps[p.A], &ps[p.B]); w >= minWeight {
			out = append(out, linkage.ScoredPair{A: p.A, B: p.B, Weight: w})
		}
	}
	return out
}

func TestScorePairsMatchesSequential(t *testing.T) {
	ps := syntheticPeople(5, 120, 40)
	m := newPersonModel()
	pairs := allPairs(len(ps))
	tests := []struct {
		name string
		opt  linkage.ScoreOptions
	}{
		{"defaults", linkage.ScoreOptions{}},
		{"one worker", linkage.ScoreOptions{Workers: 1}},
		{"small batches", linkage.ScoreOptions{Workers: 3, BatchSize: 7}},
		{"all pairs", linkage.ScoreOptions{Workers: 2, BatchSize: 100, MinWeight: math.Inf(-1)}},
		{"high threshold", linkage.ScoreOptions{Workers: 2, MinWeight: 10}},
		{"unordered", linkage.ScoreOptions{Workers: 4, BatchSize: 33, Unordered: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := sequentialScores(m, ps, pairs, tt.opt.MinWeight)
			got := slices.Collect(m.ScorePairs(ps, nil, slices.Values(pairs), tt.opt))
			if tt.opt.Unordered {
				byPair := func(x, y linkage.ScoredPair) int {
					if x.A != y.A {
						return int(x.A - y.A)
					}
					return int(x.B - y.B)
				}
				slices.SortFunc(got, byPair)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestScorePairsLinkMode(t *testing.T) {
	ps := syntheticPeople(6, 80, 40)
	left, right := ps[:80], ps[80:]
	m := newPersonModel()
	if err := m.EstimateU(left, right, linkage.SampleOptions{Seed: 1}); err != nil {
		t.Fatal(err)
	}
	var pairs []linkage.Pair
	for a := range left {
		for b := range right {
			pairs = append(pairs, linkage.Pair{A: int32(a), B: int32(b)})
		}
	}
	var want []linkage.ScoredPair
	for _, p := range pairs {
		if w := m.Score(&left[p.A], &right[p.B]); w >= 0 {
			want = append(want, linkage.ScoredPair{A: p.A, B: p.B, Weight: w})
		}
	}
	got := slices.Collect(m.ScorePairs(left, right, slices.Values(pairs), linkage.ScoreOptions{Workers: 2, BatchSize: 64}))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	if len(got) < 30 {
		t.Errorf("only %d of the 40 planted duplicates score ≥ 0", len(got))
	}
}

func TestScorePairsEarlyStop(t *testing.T) {
	ps := syntheticPeople(5, 200, 0)
	m := newPersonModel()
	pairs := allPairs(len(ps))
	n := 0
	for range m.ScorePairs(ps, nil, slices.Values(pairs), linkage.ScoreOptions{Workers: 2, BatchSize: 10, MinWeight: math.Inf(-1)}) {
		n++
		if n == 25 {
			break
		}
	}
	if n != 25 {
		t.Errorf("got %d pairs before stopping, want 25", n)
	}
}

func TestScorePairsPanicsOutOfRange(t *testing.T) {
	ps := syntheticPeople(5, 10, 0)
	m := newPersonModel()
	defer func() {
		r := recover()
		if s, ok := r.(string); !ok || !strings.Contains(s, "out of range") {
			t.Errorf("recovered %v, want an out-of-range panic", r)
		}
	}()
	for range m.ScorePairs(ps, nil, slices.Values([]linkage.Pair{{A: 0, B: 10}}), linkage.ScoreOptions{}) {
	}
}

func TestScoreAllocatesNothing(t *testing.T) {
	ps := syntheticPeople(5, 50, 20)
	m := newPersonModel()
	pairs := allPairs(len(ps))
	i := 0
	if n := testing.AllocsPerRun(1000, func() {
		p := pairs[i%len(pairs)]
		i++
		m.Score(&ps[p.A], &ps[p.B])
		m.Pattern(&ps[p.A], &ps[p.B])
	}); n != 0 {
		t.Errorf("Score and Pattern allocate %v times per pair, want 0", n)
	}
}

// TestScorePairsAllocationsDoNotGrowWithPairs checks that ScorePairs
// allocates per call (buffers, made as needed up to 2·workers+2,
// goroutines), not per pair.
func TestScorePairsAllocationsDoNotGrowWithPairs(t *testing.T) {
	ps := syntheticPeople(5, 200, 0)
	m := newPersonModel()
	pairs := allPairs(len(ps)) // 19,900 pairs
	cycle := func(n int) iter.Seq[linkage.Pair] {
		return func(yield func(linkage.Pair) bool) {
			for i := range n {
				if !yield(pairs[i%len(pairs)]) {
					return
				}
			}
		}
	}
	run := func(n int) float64 {
		return testing.AllocsPerRun(5, func() {
			for range m.ScorePairs(ps, nil, cycle(n), linkage.ScoreOptions{Workers: 2, MinWeight: math.Inf(-1)}) {
			}
		})
	}
	few, small, large := run(100), run(50_000), run(200_000)
	if large > small+8 {
		t.Errorf("ScorePairs made %v allocations for 50,000 pairs and %v for 200,000 pairs: allocations grow with pairs", small, large)
	}
	// 100 pairs fill one batch: one batch's buffers, not 2·workers+2.
	if few > small-4 {
		t.Errorf("ScorePairs made %v allocations for 100 pairs and %v for 50,000: buffers are not made as needed", few, small)
	}
}

func BenchmarkScore(b *testing.B) {
	ps := syntheticPeople(9, 2000, 500)
	m := newPersonModel()
	pairs := allPairs(400)
	b.Run("sequential", func(b *testing.B) {
		b.ReportAllocs()
		var sink float64
		for i := 0; b.Loop(); i++ {
			p := pairs[i%len(pairs)]
			sink += m.Score(&ps[p.A], &ps[p.B])
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
		_ = sink
	})
	b.Run("ScorePairs", func(b *testing.B) {
		b.ReportAllocs()
		// One op = one pair: the iterator hands out b.N pairs.
		seq := func(yield func(linkage.Pair) bool) {
			for i := range b.N {
				if !yield(pairs[i%len(pairs)]) {
					return
				}
			}
		}
		b.ResetTimer()
		n := 0
		for range m.ScorePairs(ps, nil, seq, linkage.ScoreOptions{}) {
			n++
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
	})
}
