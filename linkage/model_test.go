package linkage_test

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/linkage"
)

func TestProbability(t *testing.T) {
	tests := []struct {
		name string
		w    float64
		want float64
	}{
		{"zero", 0, 0.5},
		{"one bit", 1, 2.0 / 3},
		{"minus one bit", -1, 1.0 / 3},
		{"+10", 10, 1024.0 / 1025},
		{"-10", -10, 1.0 / 1025},
		{"+1000", 1000, 1},
		{"-1000", -1000, math.Exp2(-1000)},
		{"-1074", -1074, math.SmallestNonzeroFloat64},
		{"-2000", -2000, 0},
		{"+Inf", math.Inf(1), 1},
		{"-Inf", math.Inf(-1), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := linkage.Probability(tt.w)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(1e-15, 0)); diff != "" {
				t.Errorf("Probability(%v) (-want +got)\n%s", tt.w, diff)
			}
			if tt.w > -1000 && tt.w < 1000 {
				back := linkage.WeightForProbability(got)
				if diff := cmp.Diff(tt.w, back, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
					t.Errorf("WeightForProbability(Probability(%v)) (-want +got)\n%s", tt.w, diff)
				}
			}
		})
	}
}

// twoLevel is a record with a single field, for hand-computed models.
type twoLevel struct{ V string }

func TestHandComputedWeights(t *testing.T) {
	cmpV := linkage.Exact("v", func(r *twoLevel) string { return r.V })
	m, err := linkage.NewModel(cmpV)
	if err != nil {
		t.Fatal(err)
	}
	p := m.Params()
	p.Prior = 0.01
	p.Comparisons[0].Levels[0].M, p.Comparisons[0].Levels[0].U = 0.9, 0.1
	p.Comparisons[0].Levels[1].M, p.Comparisons[0].Levels[1].U = 0.1, 0.9
	if err := m.SetParams(p); err != nil {
		t.Fatal(err)
	}
	prior := math.Log2(0.01 / 0.99)
	tests := []struct {
		name       string
		a, b       twoLevel
		wantWeight float64
	}{
		{"agree", twoLevel{"x"}, twoLevel{"x"}, prior + math.Log2(9)},
		{"disagree", twoLevel{"x"}, twoLevel{"y"}, prior - math.Log2(9)},
		{"missing", twoLevel{""}, twoLevel{"y"}, prior},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := m.Score(&tt.a, &tt.b)
			if diff := cmp.Diff(tt.wantWeight, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
				t.Errorf("weight (-want +got)\n%s", diff)
			}
		})
	}
	// P(match | agree) = 0.01·0.9 / (0.01·0.9 + 0.99·0.1) = 1/12.
	a, b := twoLevel{"x"}, twoLevel{"x"}
	if diff := cmp.Diff(1.0/12, linkage.Probability(m.Score(&a, &b)), cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("probability (-want +got)\n%s", diff)
	}
}

func TestLevelWeightClamps(t *testing.T) {
	got := []float64{linkage.LevelWeight(0, 0.5), linkage.LevelWeight(0.5, 0), linkage.LevelWeight(0, 0)}
	want := []float64{math.Log2(linkage.ProbabilityFloor / 0.5), math.Log2(0.5 / linkage.ProbabilityFloor), 0}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestJSONRoundTripBitIdentical(t *testing.T) {
	ps := syntheticPeople(3, 150, 50)
	m := newPersonModel()
	if err := m.EstimateU(ps, nil, linkage.SampleOptions{Seed: 1}); err != nil {
		t.Fatal(err)
	}
	pairs := allPairs(len(ps))
	pats := m.CountPatterns(ps, nil, slices.Values(pairs), 2)
	if _, err := m.TrainEM([]linkage.TrainingRound{{Patterns: pats}}, linkage.EMOptions{}); err != nil {
		t.Fatal(err)
	}
	p := m.Params()
	p.Threshold = 3.5
	p.Comparisons[0].Levels[1].TermFrequency = true // fuzzy level too
	p.Comparisons[0].TFWeight = 0.75
	p.TermFrequencies = map[string]*linkage.TFTable{"given": linkage.NewTFTable(func(yield func(string) bool) {
		for _, r := range ps {
			if !yield(r.Given) {
				return
			}
		}
	})}
	if err := m.SetParams(p); err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := linkage.LoadModel(data, personComparisons()...)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(m.Params(), loaded.Params()); diff != "" {
		t.Errorf("params after round trip (-want +got)\n%s", diff)
	}
	for _, p := range pairs {
		w1, w2 := m.Score(&ps[p.A], &ps[p.B]), loaded.Score(&ps[p.A], &ps[p.B])
		if math.Float64bits(w1) != math.Float64bits(w2) {
			t.Fatalf("pair %v: score %v before, %v after the JSON round trip", p, w1, w2)
		}
	}
}

func TestLoadModelMismatch(t *testing.T) {
	m := newPersonModel()
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	renamed := personComparisons()
	renamed[1].Name = "surname"
	fewerLevels := personComparisons()
	fewerLevels[0] = linkage.JaroWinklerLevels("given", func(p *person) string { return p.Given }, 0.9)
	relabelled := personComparisons()
	relabelled[3].Levels[0].Label = "same"
	tests := []struct {
		name  string
		data  string
		comps []linkage.Comparison[person]
		want  error
	}{
		{"renamed comparison", string(data), renamed, linkage.ErrMismatch},
		{"fewer levels", string(data), fewerLevels, linkage.ErrMismatch},
		{"relabelled level", string(data), relabelled, linkage.ErrMismatch},
		{"missing comparison", string(data), personComparisons()[:5], linkage.ErrMismatch},
		{"bad version", strings.Replace(string(data), `"version":1`, `"version":9`, 1), personComparisons(), linkage.ErrMismatch},
		{"malformed", string(data[:len(data)/2]), personComparisons(), linkage.ErrInvalid},
		{"prior out of range", strings.Replace(string(data), `"prior":0.001`, `"prior":1.5`, 1), personComparisons(), linkage.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := linkage.LoadModel([]byte(tt.data), tt.comps...)
			if !errors.Is(err, tt.want) {
				t.Fatalf("LoadModel error = %v, want %v", err, tt.want)
			}
			var le *linkage.Error
			if !errors.As(err, &le) {
				t.Fatalf("error %T is not a *linkage.Error", err)
			}
		})
	}
}

func TestNewModelInvalid(t *testing.T) {
	get := func(p *person) string { return p.City }
	noElse := linkage.Comparison[person]{Name: "x", Levels: []linkage.Level[person]{{Label: "a", Match: func(a, b *person) bool { return true }}}}
	dup := linkage.Comparison[person]{Name: "x", Levels: []linkage.Level[person]{{Label: "a"}, {Label: "a"}}}
	tests := []struct {
		name  string
		comps []linkage.Comparison[person]
	}{
		{"none", nil},
		{"empty name", []linkage.Comparison[person]{linkage.Exact("", get)}},
		{"duplicate names", []linkage.Comparison[person]{linkage.Exact("c", get), linkage.Exact("c", get)}},
		{"no else level", []linkage.Comparison[person]{noElse}},
		{"duplicate labels", []linkage.Comparison[person]{dup}},
		{"no levels", []linkage.Comparison[person]{{Name: "x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := linkage.NewModel(tt.comps...); !errors.Is(err, linkage.ErrInvalid) {
				t.Errorf("NewModel error = %v, want ErrInvalid", err)
			}
		})
	}
}

func TestTermFrequencyWeight(t *testing.T) {
	m := newPersonModel()
	p := m.Params()
	lp := &p.Comparisons[0].Levels[0]
	lp.M, lp.U = 0.9, 0.01
	if err := m.SetParams(p); err != nil {
		t.Fatal(err)
	}
	rare := person{Given: "xuan", GivenTF: 0.002}
	common := person{Given: "anh", GivenTF: 0.2}
	tiny := person{Given: "zz", GivenTF: 1e-6}
	unknown := person{Given: "yy"}
	tests := []struct {
		name string
		r    person
		want float64
	}{
		{"rare", rare, math.Log2(0.9 / 0.002)},
		{"common", common, math.Log2(0.9 / 0.2)},
		{"below minimum", tiny, math.Log2(0.9 / 0.001)},
		{"unknown", unknown, math.Log2(0.9 / 0.01)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := m.Explain(&tt.r, &tt.r)
			if diff := cmp.Diff(tt.want, e.Rows[0].Weight, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
				t.Errorf("given-name weight (-want +got)\n%s", diff)
			}
		})
	}
}

// TestTermFrequencyFuzzyLevel checks that a fuzzy level uses the larger
// (more common) of the two frequencies, scaled by TFWeight.
func TestTermFrequencyFuzzyLevel(t *testing.T) {
	m := newPersonModel()
	p := m.Params()
	lp := &p.Comparisons[0].Levels[1] // jaro_winkler>=0.92
	lp.M, lp.U, lp.TermFrequency = 0.1, 0.02, true
	p.Comparisons[0].TFWeight = 0.5
	if err := m.SetParams(p); err != nil {
		t.Fatal(err)
	}
	a := person{Given: "thuy", GivenTF: 0.05}
	b := person{Given: "thuyy", GivenTF: 0.0001}
	e := m.Explain(&a, &b)
	if e.Rows[0].Label != "jaro_winkler>=0.92" {
		t.Fatalf("level %q, want jaro_winkler>=0.92", e.Rows[0].Label)
	}
	base := math.Log2(0.1 / 0.02)
	adj := 0.5 * math.Log2(0.02/0.05)
	got := []float64{e.Rows[0].TFAdjustment, e.Rows[0].Weight}
	want := []float64{adj, base + adj}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	if swapped := m.Explain(&b, &a); swapped.Weight != e.Weight {
		t.Errorf("weight not symmetric: %v vs %v", e.Weight, swapped.Weight)
	}
}

func TestTFTable(t *testing.T) {
	tab := linkage.NewTFTable(slices.Values([]string{"anh", "anh", "", "lan", "anh", "minh"}))
	got := []float64{tab.Frequency("anh"), tab.Frequency("lan"), tab.Frequency("x"), tab.Frequency("")}
	want := []float64{0.6, 0.2, 0, 0}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-15)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	var nilTable *linkage.TFTable
	if f := nilTable.Frequency("anh"); f != 0 {
		t.Errorf("nil table frequency = %v, want 0", f)
	}
}

// A saved model may carry top-level fields other than the parameters
// (vnperson's pretrained files open with a "provenance" object): they are
// ignored, and the parameters load exactly.
func TestLoadModelIgnoresProvenance(t *testing.T) {
	m := newPersonModel()
	data, err := json.Marshal(m)
	require.NoError(t, err)
	tests := []struct {
		name string
		data string
	}{
		{"first", `{"provenance":{"recipe":"r","config":{"People":5,"Seed":1},"steps":["a","b"]},` + string(data[1:])},
		{"last", string(data[:len(data)-1]) + `,"provenance":{"model":"link"}}`},
		{"null", `{"provenance":null,` + string(data[1:])},
		{"other note", `{"note":"trained on station 3",` + string(data[1:])},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loaded, err := linkage.LoadModel([]byte(tt.data), personComparisons()...)
			require.NoError(t, err)
			assert.Empty(t, cmp.Diff(m.Params(), loaded.Params()), "params (-want +got)")
			again, err := json.Marshal(loaded)
			require.NoError(t, err)
			assert.Equal(t, string(data), string(again), "MarshalJSON after loading")
		})
	}
	// The extra field does not hide errors in the parameters.
	bad := `{"provenance":{},` + strings.Replace(string(data[1:]), `"version":1`, `"version":9`, 1)
	_, err = linkage.LoadModel([]byte(bad), personComparisons()...)
	assert.ErrorIs(t, err, linkage.ErrMismatch)
}
