package accuracy_test

import (
	"fmt"

	"github.com/vnlink/vnlink/benchmarks/accuracy"
	"github.com/vnlink/vnlink/benchmarks/synth"
)

// Score the field corrections of a reconciliation of a small commune
// against the truth of the noise, and the people found among the twins.
func ExampleScoreCorrections() {
	cfg := synth.DefaultConfig()
	cfg.People = 1000
	c, err := accuracy.GenerateCommune(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	_, res, err := accuracy.Reconcile(c)
	if err != nil {
		fmt.Println(err)
		return
	}
	m := accuracy.ScoreCorrections(c, res)
	fmt.Println("scored kinds:", accuracy.ScoredKinds)
	fmt.Println("field-right precision and recall above 0.95:",
		m.Overall.Field.Precision > 0.95, m.Overall.Field.Recall > 0.95)
	for _, h := range accuracy.ScoreHardCases(c, res) {
		if h.Family == "twin" {
			fmt.Println("twin rows placed right above 0.9:", h.PlacedRight > 0.9)
		}
	}
	// Output:
	// scored kinds: [value missing outdated]
	// field-right precision and recall above 0.95: true true
	// twin rows placed right above 0.9: true
}
