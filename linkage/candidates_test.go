package linkage_test

import (
	"cmp"
	"math"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/vnlink/vnlink/blocking"
	"github.com/vnlink/vnlink/linkage"
)

func personBlocker(t testing.TB) *blocking.Blocker[person] {
	t.Helper()
	b, err := blocking.New(blocking.Options{},
		blocking.Exact("city", func(p *person, dst []blocking.Key) []blocking.Key {
			return append(dst, blocking.KeyOf(p.City))
		}),
		blocking.Exact("family", func(p *person, dst []blocking.Key) []blocking.Key {
			return append(dst, blocking.KeyOf(p.Family))
		}),
	)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func byPairOrder(x, y linkage.ScoredPair) int {
	if c := cmp.Compare(x.A, y.A); c != 0 {
		return c
	}
	return cmp.Compare(x.B, y.B)
}

func TestScoreCandidates(t *testing.T) {
	ps := syntheticPeople(17, 200, 50)
	m := newPersonModel()
	cands, err := personBlocker(t).Dedupe(ps)
	if err != nil {
		t.Fatal(err)
	}
	all := linkage.ScoreOptions{Workers: 2, MinWeight: math.Inf(-1)}
	want := slices.Collect(m.ScorePairs(ps, nil, cands.Pairs(), all))
	if len(want) == 0 || !slices.ContainsFunc(want, func(s linkage.ScoredPair) bool { return s.Rule == 1 }) {
		t.Fatalf("expected pairs from both rules, got %d pairs", len(want))
	}
	got := slices.Collect(m.ScoreCandidates(ps, nil, cands, all))
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("ordered (-want +got)\n%s", diff)
	}
	unordered := all
	unordered.Unordered = true
	unordered.BatchSize = 100
	got = slices.Collect(m.ScoreCandidates(ps, nil, cands, unordered))
	slices.SortFunc(got, byPairOrder)
	sorted := slices.Clone(want)
	slices.SortFunc(sorted, byPairOrder)
	if diff := gocmp.Diff(sorted, got); diff != "" {
		t.Errorf("unordered (-want +got)\n%s", diff)
	}
	// Stopping early.
	n := 0
	for range m.ScoreCandidates(ps, nil, cands, unordered) {
		n++
		if n == 10 {
			break
		}
	}
	if n != 10 {
		t.Errorf("stopped after %d pairs, want 10", n)
	}
}

func TestCountCandidates(t *testing.T) {
	ps := syntheticPeople(18, 300, 80)
	m := newPersonModel()
	cands, err := personBlocker(t).Dedupe(ps)
	if err != nil {
		t.Fatal(err)
	}
	for _, rule := range []int{-1, 0, 1} {
		pairs := func(yield func(linkage.Pair) bool) {
			for p := range cands.Pairs() {
				if (rule < 0 || int(p.Rule) == rule) && !yield(p) {
					return
				}
			}
		}
		want := m.CountPatterns(ps, nil, pairs, 1)
		got := m.CountCandidates(ps, nil, cands, rule, 2)
		if diff := gocmp.Diff(want, got); diff != "" {
			t.Errorf("rule %d (-want +got)\n%s", rule, diff)
		}
	}
}

func TestScoreCandidatesLink(t *testing.T) {
	ps := syntheticPeople(19, 150, 60)
	left, right := ps[:150], ps[150:]
	m := newPersonModel()
	cands, err := personBlocker(t).Link(left, right)
	if err != nil {
		t.Fatal(err)
	}
	opt := linkage.ScoreOptions{Workers: 2, MinWeight: math.Inf(-1)}
	want := slices.Collect(m.ScorePairs(left, right, cands.Pairs(), opt))
	got := slices.Collect(m.ScoreCandidates(left, right, cands, opt))
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// BenchmarkScoreCandidates scores the candidates of a blocking on city
// (five large blocks) with pairs generated and scored on the same workers.
func BenchmarkScoreCandidates(b *testing.B) {
	ps := syntheticPeople(9, 2000, 500)
	m := newPersonModel()
	bl, err := blocking.New(blocking.Options{}, blocking.Exact("city", func(p *person, dst []blocking.Key) []blocking.Key {
		return append(dst, blocking.KeyOf(p.City))
	}))
	if err != nil {
		b.Fatal(err)
	}
	cands, err := bl.Dedupe(ps)
	if err != nil {
		b.Fatal(err)
	}
	total := 0
	for range cands.Pairs() {
		total++
	}
	for _, unordered := range []bool{false, true} {
		name := "ordered"
		if unordered {
			name = "unordered"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for range m.ScoreCandidates(ps, nil, cands, linkage.ScoreOptions{Unordered: unordered}) {
				}
			}
			b.ReportMetric(float64(total)*float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
		})
	}
}

// TestScoreProgress checks ScoreOptions.Progress: counts that only grow,
// ending at the number of pairs scored (not only those yielded), in the
// ordered and unordered modes.
func TestScoreProgress(t *testing.T) {
	ps := syntheticPeople(19, 300, 60)
	m := newPersonModel()
	cands, err := personBlocker(t).Dedupe(ps)
	if err != nil {
		t.Fatal(err)
	}
	total := int64(0)
	for range cands.Pairs() {
		total++
	}
	for _, unordered := range []bool{false, true} {
		var reports []int64
		opt := linkage.ScoreOptions{Workers: 2, BatchSize: 64, MinWeight: math.Inf(1), Unordered: unordered,
			Progress: func(n int64) { reports = append(reports, n) }}
		for range m.ScoreCandidates(ps, nil, cands, opt) {
			t.Fatal("no pair reaches an infinite weight")
		}
		if len(reports) == 0 {
			t.Fatalf("unordered %v: no progress reported", unordered)
		}
		if !slices.IsSorted(reports) {
			t.Errorf("unordered %v: counts go down: %v", unordered, reports)
		}
		if last := reports[len(reports)-1]; last != total {
			t.Errorf("unordered %v: last count %d, want the %d pairs scored", unordered, last, total)
		}
		if !unordered && len(reports) < int(total/64) {
			t.Errorf("ordered: %d reports for %d batches", len(reports), total/64)
		}
	}
}
