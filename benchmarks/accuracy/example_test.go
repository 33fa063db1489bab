package accuracy_test

import (
	"fmt"

	"github.com/vnlink/vnlink/benchmarks/accuracy"
	"github.com/vnlink/vnlink/benchmarks/synth"
)

func ExampleDedupeEHR() {
	cfg := synth.DefaultConfig()
	cfg.People = 1000
	c, err := accuracy.GenerateCommune(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	m, _, err := accuracy.DedupeEHR(c)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d EHR records, %d true duplicate pairs, pairwise F1 at least 0.95: %v\n",
		m.Records, m.TruePairs, m.Pairwise.F1 >= 0.95)
	// Output:
	// 972 EHR records, 58 true duplicate pairs, pairwise F1 at least 0.95: true
}
