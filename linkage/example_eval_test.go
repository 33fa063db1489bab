package linkage_test

import (
	"fmt"

	"github.com/vnlink/vnlink/linkage"
)

// Scoring a deduplication: six records of three people, where the
// prediction merged two people and split another.
func ExampleEvaluateClusters() {
	truth := []int32{1, 1, 2, 2, 3, 3}
	predicted := []int32{0, 0, 0, 0, 4, 5}
	m, err := linkage.EvaluateClusters(predicted, truth)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("clusters %d predicted, %d true\n", m.PredictedClusters, m.TrueClusters)
	fmt.Printf("pairs %d predicted, %d true, %d correct\n", m.PredictedPairs, m.TruePairs, m.CorrectPairs)
	fmt.Printf("pairwise P=%.3f R=%.3f F1=%.3f\n", m.Pairwise.Precision, m.Pairwise.Recall, m.Pairwise.F1)
	fmt.Printf("B-cubed  P=%.3f R=%.3f F1=%.3f\n", m.BCubed.Precision, m.BCubed.Recall, m.BCubed.F1)
	// Output:
	// clusters 3 predicted, 3 true
	// pairs 6 predicted, 3 true, 2 correct
	// pairwise P=0.333 R=0.667 F1=0.444
	// B-cubed  P=0.667 R=0.833 F1=0.741
}

// Scoring a link between two files: the first left record is correctly
// linked, the second wrongly, and the third has no partner and was
// correctly left alone.
func ExampleEvaluateLinks() {
	left := []int32{10, 20, 30}
	right := []int32{10, 20, 40}
	links := []linkage.Pair{{A: 0, B: 0}, {A: 1, B: 2}}
	m, err := linkage.EvaluateLinks(links, left, right)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("links %d predicted, %d true, %d correct\n", m.PredictedLinks, m.TrueLinks, m.CorrectLinks)
	fmt.Printf("P=%.2f R=%.2f F1=%.2f\n", m.Links.Precision, m.Links.Recall, m.Links.F1)
	fmt.Printf("left: %d without partner, %d correctly unlinked\n", m.LeftWithoutPartner, m.LeftCorrectlyUnlinked)
	// Output:
	// links 2 predicted, 2 true, 1 correct
	// P=0.50 R=0.50 F1=0.50
	// left: 1 without partner, 1 correctly unlinked
}

// The worst errors of a clustering, by record id.
func ExampleSummarizeErrors() {
	ids := []string{"ehr-1", "ehr-2", "ehr-3", "ehr-4", "ehr-5"}
	truth := []int32{1, 1, 2, 3, 3}
	predicted := []int32{7, 7, 7, 8, 9}
	s, err := linkage.SummarizeErrors(ids, predicted, truth, 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range s.FalseMerges {
		fmt.Println("false merge:", g.Pairs, "wrong pairs", g.Parts)
	}
	for _, g := range s.FalseSplits {
		fmt.Println("false split:", g.Pairs, "missed pairs", g.Parts)
	}
	// Output:
	// false merge: 2 wrong pairs [[ehr-1 ehr-2] [ehr-3]]
	// false split: 1 missed pairs [[ehr-4] [ehr-5]]
}
