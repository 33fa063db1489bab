package linkage_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/vnlink/vnlink/linkage"
)

var approx = cmpopts.EquateApprox(0, 1e-12)

func TestEvaluateClustersHandComputed(t *testing.T) {
	tests := []struct {
		name        string
		pred, truth []int32
		want        linkage.ClusterMetrics
	}{
		{
			// truth {0,1,2} {3,4}; predicted {0,1} {2,3} {4}.
			name:  "mixed",
			truth: []int32{0, 0, 0, 1, 1},
			pred:  []int32{0, 0, 1, 1, 2},
			want: linkage.ClusterMetrics{
				Records: 5, PredictedClusters: 3, TrueClusters: 2, PredictedSingletons: 1,
				PredictedPairs: 2, TruePairs: 4, CorrectPairs: 1,
				Pairwise: linkage.PrecisionRecall{Precision: 0.5, Recall: 0.25, F1: 1.0 / 3},
				// precision (2²/2 + 1/2 + 1/2 + 1/1)/5, recall (2²/3 + 1/3 + 1/2 + 1/2)/5
				BCubed: linkage.PrecisionRecall{Precision: 0.8, Recall: 8.0 / 15, F1: 2 * 0.8 * (8.0 / 15) / (0.8 + 8.0/15)},
			},
		},
		{
			name:  "all singletons",
			truth: []int32{7, 7, 7, 9},
			pred:  []int32{0, 1, 2, 3},
			want: linkage.ClusterMetrics{
				Records: 4, PredictedClusters: 4, TrueClusters: 2, PredictedSingletons: 4, TrueSingletons: 1,
				TruePairs: 3,
				Pairwise:  linkage.PrecisionRecall{Precision: 1, Recall: 0, F1: 0},
				// recall (1/3·3 + 1)/4
				BCubed: linkage.PrecisionRecall{Precision: 1, Recall: 0.5, F1: 2 * 0.5 / 1.5},
			},
		},
		{
			name:  "one big cluster",
			truth: []int32{1, 1, 2, 2},
			pred:  []int32{5, 5, 5, 5},
			want: linkage.ClusterMetrics{
				Records: 4, PredictedClusters: 1, TrueClusters: 2,
				PredictedPairs: 6, TruePairs: 2, CorrectPairs: 2,
				Pairwise: linkage.PrecisionRecall{Precision: 2.0 / 6, Recall: 1, F1: 0.5},
				BCubed:   linkage.PrecisionRecall{Precision: 0.5, Recall: 1, F1: 2 * 0.5 / 1.5},
			},
		},
		{
			name:  "extreme labels",
			truth: []int32{math.MaxInt32, math.MaxInt32, math.MinInt32},
			pred:  []int32{math.MinInt32, math.MinInt32, -1},
			want: linkage.ClusterMetrics{
				Records: 3, PredictedClusters: 2, TrueClusters: 2, PredictedSingletons: 1, TrueSingletons: 1,
				PredictedPairs: 1, TruePairs: 1, CorrectPairs: 1,
				Pairwise: linkage.PrecisionRecall{Precision: 1, Recall: 1, F1: 1},
				BCubed:   linkage.PrecisionRecall{Precision: 1, Recall: 1, F1: 1},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := linkage.EvaluateClusters(tt.pred, tt.truth)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, approx); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// randomLabels returns n labels drawn from k values.
func randomLabels(r *rand.Rand, n, k int) []int32 {
	l := make([]int32, n)
	for i := range l {
		l[i] = int32(r.IntN(k))
	}
	return l
}

// bruteForce computes the pairwise and B-cubed scores by enumerating pairs.
func bruteForce(pred, truth []int32) (pairwise, bcubed linkage.PrecisionRecall) {
	var tp, pp, tt float64
	var bp, br float64
	for i := range pred {
		var samePred, sameTruth, both float64
		for j := range pred {
			sp, st := pred[i] == pred[j], truth[i] == truth[j]
			if sp {
				samePred++
			}
			if st {
				sameTruth++
			}
			if sp && st {
				both++
			}
			if j > i {
				if sp {
					pp++
				}
				if st {
					tt++
				}
				if sp && st {
					tp++
				}
			}
		}
		bp += both / samePred
		br += both / sameTruth
	}
	pairwise = linkage.PrecisionRecall{Precision: 1, Recall: 1}
	if pp > 0 {
		pairwise.Precision = tp / pp
	}
	if tt > 0 {
		pairwise.Recall = tp / tt
	}
	if s := pairwise.Precision + pairwise.Recall; s > 0 {
		pairwise.F1 = 2 * pairwise.Precision * pairwise.Recall / s
	}
	n := float64(len(pred))
	bcubed = linkage.PrecisionRecall{Precision: bp / n, Recall: br / n}
	bcubed.F1 = 2 * bcubed.Precision * bcubed.Recall / (bcubed.Precision + bcubed.Recall)
	return pairwise, bcubed
}

func TestEvaluateClustersProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 50 {
		n := 1 + r.IntN(120)
		truth := randomLabels(r, n, 1+r.IntN(n))
		pred := randomLabels(r, n, 1+r.IntN(n))
		got, err := linkage.EvaluateClusters(pred, truth)
		if err != nil {
			t.Fatal(err)
		}
		pw, b3 := bruteForce(pred, truth)
		if diff := cmp.Diff([]linkage.PrecisionRecall{pw, b3}, []linkage.PrecisionRecall{got.Pairwise, got.BCubed}, approx); diff != "" {
			t.Fatalf("trial %d: contingency vs enumeration (-brute +got):\n%s", trial, diff)
		}

		perfect, _ := linkage.EvaluateClusters(truth, truth)
		one := linkage.PrecisionRecall{Precision: 1, Recall: 1, F1: 1}
		if perfect.TruePairs > 0 {
			if diff := cmp.Diff([]linkage.PrecisionRecall{one, one}, []linkage.PrecisionRecall{perfect.Pairwise, perfect.BCubed}, approx); diff != "" {
				t.Fatalf("trial %d: perfect prediction (-want +got):\n%s", trial, diff)
			}
		}

		singles := make([]int32, n)
		for i := range singles {
			singles[i] = int32(i)
		}
		s, _ := linkage.EvaluateClusters(singles, truth)
		if s.Pairwise.Precision != 1 || (s.TruePairs > 0 && (s.Pairwise.Recall != 0 || s.Pairwise.F1 != 0)) {
			t.Fatalf("trial %d: all singletons scored %+v", trial, s.Pairwise)
		}

		// Every wrong pair belongs to exactly one false merge, every missed
		// pair to exactly one false split.
		ids := make([]string, n)
		sum, err := linkage.SummarizeErrors(ids, pred, truth, n)
		if err != nil {
			t.Fatal(err)
		}
		var merged, split int64
		for _, g := range sum.FalseMerges {
			merged += g.Pairs
		}
		for _, g := range sum.FalseSplits {
			split += g.Pairs
		}
		if merged != got.PredictedPairs-got.CorrectPairs || split != got.TruePairs-got.CorrectPairs {
			t.Fatalf("trial %d: confusion pairs %d merged, %d split; metrics say %d, %d", trial, merged, split,
				got.PredictedPairs-got.CorrectPairs, got.TruePairs-got.CorrectPairs)
		}

		// Shuffling the records changes nothing, to the bit; renaming the
		// labels changes only the order of floating-point sums.
		perm := r.Perm(n)
		p2, t2 := make([]int32, n), make([]int32, n)
		p3, t3 := make([]int32, n), make([]int32, n)
		for i, j := range perm {
			p2[i], t2[i] = pred[j], truth[j]
			p3[i], t3[i] = pred[j]*7-1000, -truth[j]
		}
		shuffled, _ := linkage.EvaluateClusters(p2, t2)
		if diff := cmp.Diff(got, shuffled); diff != "" {
			t.Fatalf("trial %d: shuffled (-original +shuffled):\n%s", trial, diff)
		}
		renamed, _ := linkage.EvaluateClusters(p3, t3)
		if diff := cmp.Diff(got, renamed, approx); diff != "" {
			t.Fatalf("trial %d: relabelled (-original +relabelled):\n%s", trial, diff)
		}
	}
}

func TestEvaluateClustersErrors(t *testing.T) {
	tests := []struct {
		name        string
		pred, truth []int32
		want        error
	}{
		{"length", []int32{1}, []int32{1, 2}, linkage.ErrInvalid},
		{"empty", nil, nil, linkage.ErrNoData},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := linkage.EvaluateClusters(tt.pred, tt.truth)
			var le *linkage.Error
			if !errors.Is(err, tt.want) || !errors.As(err, &le) {
				t.Errorf("got %v, want an *Error wrapping %v", err, tt.want)
			}
		})
	}
}

func TestEvaluateLinks(t *testing.T) {
	// Left entities 1 2 3 4 4; right entities 1 2 2 5.
	left := []int32{1, 2, 3, 4, 4}
	right := []int32{1, 2, 2, 5}
	links := []linkage.Pair{{A: 0, B: 0}, {A: 1, B: 1}, {A: 1, B: 1}, {A: 2, B: 2}, {A: 3, B: 3}}
	got, err := linkage.EvaluateLinks(links, left, right)
	if err != nil {
		t.Fatal(err)
	}
	want := linkage.LinkMetrics{
		Left: 5, Right: 4,
		PredictedLinks: 4, TrueLinks: 3, CorrectLinks: 2,
		Links:              linkage.PrecisionRecall{Precision: 0.5, Recall: 2.0 / 3, F1: 2 * 0.5 * (2.0 / 3) / (0.5 + 2.0/3)},
		LeftWithoutPartner: 3, RightWithoutPartner: 1,
		LeftCorrectlyUnlinked: 1, RightCorrectlyUnlinked: 0,
	}
	if diff := cmp.Diff(want, got, approx); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	none, err := linkage.EvaluateLinks(nil, left, right)
	if err != nil {
		t.Fatal(err)
	}
	if none.Links != (linkage.PrecisionRecall{Precision: 1, Recall: 0, F1: 0}) || none.LeftCorrectlyUnlinked != 3 {
		t.Errorf("no links: %+v", none)
	}

	_, err = linkage.EvaluateLinks([]linkage.Pair{{A: 0, B: 4}}, left, right)
	if !errors.Is(err, linkage.ErrInvalid) {
		t.Errorf("out-of-range link: got %v, want ErrInvalid", err)
	}
}

func TestSummarizeErrors(t *testing.T) {
	ids := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	truth := []int32{1, 1, 1, 2, 2, 3, 4, 4}
	// Cluster 10 merges entities 1 and 2 (a b c + d); entity 4 is split
	// between clusters 20 and 30; cluster 30 also merges entity 3.
	pred := []int32{10, 10, 10, 10, 40, 30, 20, 30}
	got, err := linkage.SummarizeErrors(ids, pred, truth, 5)
	if err != nil {
		t.Fatal(err)
	}
	want := linkage.ConfusionSummary{
		FalseMerges: []linkage.ConfusionGroup{
			{Label: 10, Pairs: 3, Parts: [][]string{{"a", "b", "c"}, {"d"}}},
			{Label: 30, Pairs: 1, Parts: [][]string{{"f"}, {"h"}}},
		},
		FalseSplits: []linkage.ConfusionGroup{
			{Label: 2, Pairs: 1, Parts: [][]string{{"d"}, {"e"}}},
			{Label: 4, Pairs: 1, Parts: [][]string{{"g"}, {"h"}}},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	top, _ := linkage.SummarizeErrors(ids, pred, truth, 1)
	if len(top.FalseMerges) != 1 || top.FalseMerges[0].Label != 10 || len(top.FalseSplits) != 1 {
		t.Errorf("worst 1: %+v", top)
	}
	if _, err := linkage.SummarizeErrors(ids[:2], pred, truth, 1); !errors.Is(err, linkage.ErrInvalid) {
		t.Errorf("length mismatch: got %v, want ErrInvalid", err)
	}
}

func TestEvaluateClustersAllocations(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{10, 10_000} {
		truth := randomLabels(r, n, n/2)
		pred := randomLabels(r, n, n/2)
		allocs := testing.AllocsPerRun(5, func() {
			if _, err := linkage.EvaluateClusters(pred, truth); err != nil {
				t.Fatal(err)
			}
		})
		// The packed sort keys only.
		if allocs > 1 {
			t.Errorf("n=%d: %v allocations, want 1 whatever n", n, allocs)
		}
	}
}

func BenchmarkEvaluateClusters(b *testing.B) {
	const n = 1_000_000
	r := rand.New(rand.NewPCG(3, 4))
	truth := randomLabels(r, n, n/3)
	pred := make([]int32, n)
	for i := range pred {
		pred[i] = truth[i]
		if r.IntN(20) == 0 {
			pred[i] = int32(r.IntN(n))
		}
	}
	ids := make([]string, n)
	b.Run("EvaluateClusters", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := linkage.EvaluateClusters(pred, truth); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("SummarizeErrors", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := linkage.SummarizeErrors(ids, pred, truth, 10); err != nil {
				b.Fatal(err)
			}
		}
	})
	left, right := truth[:n/2], truth[n/2:]
	links := make([]linkage.Pair, 0, n/2)
	for i := range n / 2 {
		links = append(links, linkage.Pair{A: int32(i), B: int32(r.IntN(n / 2))})
	}
	b.Run("EvaluateLinks", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := linkage.EvaluateLinks(links, left, right); err != nil {
				b.Fatal(err)
			}
		}
	})
}
