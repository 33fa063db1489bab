package accuracy

import (
	"testing"

	"github.com/vnlink/vnlink/blocking"
	"github.com/vnlink/vnlink/linkage/linkagetest"
	"github.com/vnlink/vnlink/linkage/vnperson"
	"github.com/vnlink/vnlink/vnname"
)

// TestNameComparisonMatchesVnname checks, on real-looking data, that the
// default name comparison (which skips vnname.Compare when it can prove the
// answer) gives exactly the level of vnname.Compare: on every candidate pair
// of the synthetic commune's EHR extract and on every pair of its first 500
// records.
func TestNameComparisonMatchesVnname(t *testing.T) {
	c := smallCommune(t)
	recs, _ := vnperson.Prepare(c.EHR, Options().Prepare)
	name := vnperson.NameComparison()
	check := func(a, b int32) {
		want := int(vnname.Compare(&recs[a].Name, &recs[b].Name))
		if got := name.Level(&recs[a], &recs[b]); got != want {
			t.Fatalf("records %d and %d: level %d, vnname.Compare %d", a, b, got, want)
		}
	}
	b, err := blocking.New(blocking.Options{}, vnperson.DefaultRules()...)
	if err != nil {
		t.Fatal(err)
	}
	cands, err := b.Dedupe(recs)
	if err != nil {
		t.Fatal(err)
	}
	for p := range cands.Pairs() {
		check(p.A, p.B)
	}
	for i := int32(0); i < 500; i++ {
		for j := i + 1; j < 500; j++ {
			check(i, j)
		}
	}
}

// TestComparisonsConformOnCommune runs the linkagetest conformance checks of
// every default comparison on 200 records of the synthetic EHR extract.
func TestComparisonsConformOnCommune(t *testing.T) {
	c := smallCommune(t)
	recs, _ := vnperson.Prepare(c.EHR[:linkagetest.MaxRecords], Options().Prepare)
	for _, cmp := range vnperson.DefaultComparisons() {
		t.Run(cmp.Name, func(t *testing.T) {
			linkagetest.CheckComparison(t, cmp, recs)
		})
	}
}
