package linkage_test

import (
	"encoding/json"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vnlink/vnlink/linkage"
)

func TestExplainTotalEqualsScore(t *testing.T) {
	ps := syntheticPeople(11, 150, 50)
	m := newPersonModel()
	if err := m.EstimateU(ps, nil, linkage.SampleOptions{Seed: 4}); err != nil {
		t.Fatal(err)
	}
	for _, p := range allPairs(len(ps)) {
		a, b := &ps[p.A], &ps[p.B]
		e := m.Explain(a, b)
		w := m.Score(a, b)
		if math.Float64bits(e.Weight) != math.Float64bits(w) {
			t.Fatalf("pair %v: explanation total %v, score %v", p, e.Weight, w)
		}
		sum := e.PriorWeight
		for _, r := range e.Rows {
			sum += r.Weight
		}
		if math.Float64bits(sum) != math.Float64bits(w) {
			t.Fatalf("pair %v: rows sum to %v, score %v", p, sum, w)
		}
		if e.Probability != linkage.Probability(w) {
			t.Fatalf("pair %v: probability %v, want %v", p, e.Probability, linkage.Probability(w))
		}
	}
}

func TestExplainRows(t *testing.T) {
	m := newPersonModel()
	a := person{Given: "lan", Family: "nguyen", Birth: 30000, City: "ha noi", Postcode: "10000", GivenTF: 0.01}
	b := person{Given: "lan", Family: "nguyen", Birth: 30001, City: "", Postcode: "10001", Phone: "0912345678", GivenTF: 0.01}
	e := m.Explain(&a, &b)
	type row struct {
		Comparison, Label string
		Level             int
		TF                bool
	}
	var got []row
	for _, r := range e.Rows {
		got = append(got, row{r.Comparison, r.Label, r.Level, r.TFAdjustment != 0})
	}
	want := []row{
		{"given", "exact", 1, true},
		{"family", "exact", 1, false},
		{"birth", "diff<=1", 2, false},
		{"city", "null", 0, false},
		{"postcode", "levenshtein<=1", 2, false},
		{"phone", "null", 0, false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	// Text and JSON forms carry labels and numbers, never record values.
	data, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	for _, form := range []string{e.String(), string(data)} {
		for _, v := range []string{"lan", "nguyen", "ha noi", "10000", "0912345678"} {
			if strings.Contains(form, v) {
				t.Errorf("explanation contains the record value %q", v)
			}
		}
	}
	if !regexp.MustCompile(`(?m)^postcode +levenshtein<=1 `).MatchString(e.String()) {
		t.Errorf("text explanation lacks the postcode row:\n%s", e)
	}
}
