package linkage_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/vnlink/vnlink/linkage"
)

// cityRecord has one field, so u can be counted by hand.
type cityRecord struct{ City string }

func cityModel(t *testing.T) *linkage.Model[cityRecord] {
	t.Helper()
	m, err := linkage.NewModel(linkage.Exact("city", func(r *cityRecord) string { return r.City }))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func uOf[R any](m *linkage.Model[R]) [][]float64 {
	var out [][]float64
	for _, c := range m.Params().Comparisons {
		var us []float64
		for _, l := range c.Levels {
			us = append(us, l.U)
		}
		out = append(out, us)
	}
	return out
}

func TestEstimateUExactForSmallInputs(t *testing.T) {
	// Pairs of {a, a, b, c, ""}: 10 pairs, 4 involve the empty value (null),
	// of the other 6 one agrees (a, a): u = 1/6, 5/6.
	recs := []cityRecord{{"a"}, {"a"}, {"b"}, {"c"}, {""}}
	m := cityModel(t)
	if err := m.EstimateU(recs, nil, linkage.SampleOptions{Pairs: 10}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]float64{{1.0 / 6, 5.0 / 6}}, uOf(m), cmpopts.EquateApprox(0, 1e-15)); diff != "" {
		t.Errorf("dedupe (-want +got)\n%s", diff)
	}
	// Link {a, b} with {a, a, c}: 6 pairs, 2 agree.
	left, right := []cityRecord{{"a"}, {"b"}}, []cityRecord{{"a"}, {"a"}, {"c"}}
	if err := m.EstimateU(left, right, linkage.SampleOptions{}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]float64{{2.0 / 6, 4.0 / 6}}, uOf(m), cmpopts.EquateApprox(0, 1e-15)); diff != "" {
		t.Errorf("link (-want +got)\n%s", diff)
	}
}

func TestEstimateUDeterministicBySeed(t *testing.T) {
	ps := syntheticPeople(21, 2000, 0)
	run := func(seed uint64) [][]float64 {
		m := newPersonModel()
		if err := m.EstimateU(ps, nil, linkage.SampleOptions{Pairs: 20000, Seed: seed}); err != nil {
			t.Fatal(err)
		}
		return uOf(m)
	}
	a, b, c := run(1), run(1), run(2)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("same seed, different u (-first +second)\n%s", diff)
	}
	if cmp.Equal(a, c) {
		t.Error("different seeds gave identical u")
	}
	// The sample estimates the exact value: 5 cities drawn uniformly agree
	// with probability 1/5.
	if diff := cmp.Diff(0.2, a[3][0], cmpopts.EquateApprox(0, 0.02)); diff != "" {
		t.Errorf("u(city exact) (-want +got)\n%s", diff)
	}
}

func TestEstimateUErrors(t *testing.T) {
	m := cityModel(t)
	if err := m.EstimateU([]cityRecord{{"a"}}, nil, linkage.SampleOptions{}); !errorsIs(err, linkage.ErrNoData) {
		t.Errorf("one record: error = %v, want ErrNoData", err)
	}
}

func TestEstimateMFromLabels(t *testing.T) {
	recs := []cityRecord{{"a"}, {"a"}, {"b"}, {"a"}, {""}}
	m := cityModel(t)
	// Labelled matches: (0,1) agree, (0,3) agree, (1,2) disagree, (0,4) null.
	labels := []linkage.Pair{{A: 0, B: 1}, {A: 0, B: 3}, {A: 1, B: 2}, {A: 0, B: 4}}
	if err := m.EstimateMFromLabels(recs, nil, slices.Values(labels)); err != nil {
		t.Fatal(err)
	}
	var got []float64
	for _, l := range m.Params().Comparisons[0].Levels {
		got = append(got, l.M)
	}
	if diff := cmp.Diff([]float64{2.0 / 3, 1.0 / 3}, got, cmpopts.EquateApprox(0, 1e-15)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	if err := m.EstimateMFromLabels(recs, nil, slices.Values([]linkage.Pair{})); !errorsIs(err, linkage.ErrNoData) {
		t.Errorf("no labels: error = %v, want ErrNoData", err)
	}
	if err := m.EstimateMFromLabels(recs, nil, slices.Values([]linkage.Pair{{A: 0, B: 9}})); !errorsIs(err, linkage.ErrInvalid) {
		t.Errorf("bad index: error = %v, want ErrInvalid", err)
	}
}

func TestEstimatePriorFromRule(t *testing.T) {
	recs := []cityRecord{{"a"}, {"a"}, {"b"}, {"b"}, {"c"}}
	m := cityModel(t)
	rule := func(a, b *cityRecord) bool { return a.City == b.City }
	// 2 of the candidate pairs satisfy the rule; 10 possible pairs; recall 0.8:
	// λ = (2/0.8)/10 = 0.25.
	cands := []linkage.Pair{{A: 0, B: 1}, {A: 2, B: 3}, {A: 0, B: 2}}
	got, err := m.EstimatePriorFromRule(recs, nil, slices.Values(cands), rule, 0.8)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(0.25, got, cmpopts.EquateApprox(0, 1e-15)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	if m.Params().Prior != got {
		t.Errorf("model prior %v, returned %v", m.Params().Prior, got)
	}
	for _, recall := range []float64{0, -1, 1.5} {
		if _, err := m.EstimatePriorFromRule(recs, nil, slices.Values(cands), rule, recall); !errorsIs(err, linkage.ErrInvalid) {
			t.Errorf("recall %v: error = %v, want ErrInvalid", recall, err)
		}
	}
	never := func(a, b *cityRecord) bool { return false }
	if _, err := m.EstimatePriorFromRule(recs, nil, slices.Values(cands), never, 1); !errorsIs(err, linkage.ErrNoData) {
		t.Errorf("no hits: error = %v, want ErrNoData", err)
	}
}
