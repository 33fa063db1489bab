package accuracy

import (
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

func TestFieldNamesMatchVnperson(t *testing.T) {
	got := []string{synth.FieldFullName, synth.FieldBirthDate, synth.FieldSex, synth.FieldNationalID,
		synth.FieldInsuranceID, synth.FieldPhone, synth.FieldAddress, synth.FieldEthnicity}
	assert.Equal(t, fieldNames, got)
	for k := vnperson.CorrectValue; k <= vnperson.CorrectForm; k++ {
		assert.Equal(t, k.String(), synth.NoiseKind(k).String(), "kind %d", k)
	}
}

// TestScoreCorrectionsCounts scores hand-made corrections of a commune of
// three EHR rows (persons 0 and 1 in the registry, person 2 gone).
func TestScoreCorrectionsCounts(t *testing.T) {
	c := &Commune{
		Registry: make([]vnperson.Person, 2), RegistryTruth: []int32{0, 1},
		EHR: make([]vnperson.Person, 3), EHRTruth: []int32{0, 1, 2},
		BHYTTruth: []int32{0},
		EHRCorrupted: [][]synth.FieldNoise{
			{{Field: synth.FieldBirthDate, Kind: synth.NoiseValue, Cause: "DaySwap"},
				{Field: synth.FieldPhone, Kind: synth.NoiseOutdated, Cause: "PhoneOld"},
				{Field: synth.FieldSex, Kind: synth.NoiseForm, Cause: "SexSpelling"}},
			{{Field: synth.FieldNationalID, Kind: synth.NoiseMissing, Cause: "IDMissing"},
				{Field: synth.FieldInsuranceID, Kind: synth.NoiseMissing, Cause: "InsuranceMissing"}}, // no BHYT row
			{{Field: synth.FieldFullName, Kind: synth.NoiseValue, Cause: "Typo"}}, // gone: not scored
		},
	}
	res := &vnperson.Reconciliation{
		People: []vnperson.PersonGroup{{Registry: 0, EHR: []int{0}}, {Registry: 1, EHR: []int{1}}, {Registry: -1, EHR: []int{2}}},
		Corrections: []vnperson.Correction{
			{EHR: 0, Field: vnperson.FieldBirthDate, Kind: vnperson.CorrectValue},     // right
			{EHR: 0, Field: vnperson.FieldPhone, Kind: vnperson.CorrectValue},         // field right, kind wrong
			{EHR: 0, Field: vnperson.FieldSex, Kind: vnperson.CorrectValue},           // false positive (truth form)
			{EHR: 0, Field: vnperson.FieldAddress, Kind: vnperson.CorrectForm},        // form: not a prediction
			{EHR: 1, Field: vnperson.FieldEthnicity, Kind: vnperson.CorrectMissing},   // false positive (truth none)
			{EHR: 2, Field: vnperson.FieldFullName, Kind: vnperson.CorrectValue},      // row not scored
			{EHR: 1, Field: vnperson.FieldInsuranceID, Kind: vnperson.CorrectMissing}, // no reference: false positive
		},
	}
	m := ScoreCorrections(c, res)
	assert.Equal(t, 2, m.Rows)
	assert.Equal(t, 1, m.NoReference)
	o := m.Overall
	assert.Equal(t, []int{5, 3, 2, 2, 1}, []int{o.Predicted, o.True, o.FieldRight, o.FieldFound, o.KindRight})
	assert.InDelta(t, 2.0/5, o.Field.Precision, 1e-12)
	assert.InDelta(t, 2.0/3, o.Field.Recall, 1e-12)
	assert.InDelta(t, 1.0/5, o.Kind.Precision, 1e-12)
	v, out := m.ByKind["value"], m.ByKind["outdated"]
	assert.Equal(t, []int{3, 1, 2, 1, 1}, []int{v.Predicted, v.True, v.FieldRight, v.FieldFound, v.KindRight})
	assert.Equal(t, []int{0, 1, 0, 1, 0}, []int{out.Predicted, out.True, out.FieldRight, out.FieldFound, out.KindRight})
	assert.Equal(t, 1.0, out.Field.Recall)
	assert.Equal(t, 0.0, out.Kind.Recall)
	assert.Equal(t, 1, m.Confusion[ConfusionCell{vnperson.FieldPhone, "outdated", "value"}])
	assert.Equal(t, 1, m.Confusion[ConfusionCell{vnperson.FieldNationalID, "missing", "none"}])
	assert.Equal(t, 1, m.Errors[ErrorCause{vnperson.FieldSex, "SexSpelling", "form", "value", true}])
	assert.Equal(t, 1, m.Errors[ErrorCause{vnperson.FieldNationalID, "IDMissing", "missing", "none", true}])
	var cells int
	for _, n := range m.Confusion {
		cells += n
	}
	assert.Equal(t, 2*len(fieldNames), cells, "every field of every scored row")
}

func TestFamilyPairs(t *testing.T) {
	pred := []int{0, 0, 0, 1, 1, 2}
	truth := []int32{5, 5, 6, 6, 6, 7}
	in := []bool{true, false, false, false, true, false}
	brute := func(usePred, useTruth bool) int64 {
		var n int64
		for i := range in {
			for j := i + 1; j < len(in); j++ {
				if (in[i] || in[j]) && (!usePred || pred[i] == pred[j]) && (!useTruth || truth[i] == truth[j]) {
					n++
				}
			}
		}
		return n
	}
	assert.Equal(t, brute(true, false), familyPairs(pred, nil, in))
	assert.Equal(t, brute(false, true), familyPairs(nil, truth, in))
	assert.Equal(t, brute(true, true), familyPairs(pred, truth, in))
}

// correctionFloors are the least figures a commune must reach.
type correctionFloors struct {
	precision, recall float64 // overall, field right
	kindPrecision     float64 // overall, field and kind right
	// placedRight is the least share of EHR rows placed with their true
	// registry person, by hard-case family (HardCase.String).
	placedRight map[string]float64
}

// checkCorrections reconciles c, logs the correction and hard-case figures
// and asserts the floors.
func checkCorrections(t *testing.T, c *Commune, floors correctionFloors) {
	t.Helper()
	_, res, err := Reconcile(c)
	require.NoError(t, err)
	m := ScoreCorrections(c, res)
	t.Log("\n" + correctionTable(m))
	t.Log("\n" + confusionTable(m))
	t.Log("\n" + errorTable(m, 40))
	hard := ScoreHardCases(c, res)
	t.Log("\n" + hardCaseTable(hard))
	assert.GreaterOrEqual(t, m.Overall.Field.Precision, floors.precision, "field-right precision")
	assert.GreaterOrEqual(t, m.Overall.Field.Recall, floors.recall, "field-right recall")
	assert.GreaterOrEqual(t, m.Overall.Kind.Precision, floors.kindPrecision, "field-and-kind-right precision")
	seen := map[string]bool{}
	for _, h := range hard {
		seen[h.Family] = true
		if f, ok := floors.placedRight[h.Family]; ok {
			assert.GreaterOrEqual(t, h.PlacedRight, f, "%s rows placed right", h.Family)
		}
	}
	for fam := range floors.placedRight {
		assert.True(t, seen[fam], "no EHR rows of family %s", fam)
	}
}

// TestReconcileCorrections scores the field corrections of Reconcile (kinds
// value, missing and outdated) against the generator's truth, and the
// people found in the hard cases. The 3,000-person communes always run; the
// 50,000-person ones with VNLINK_ACCURACY=1. Floors sit a little below the
// values measured (see benchmarks/README.md), so that a regression fails.
func TestReconcileCorrections(t *testing.T) {
	parentCCCD := func(cfg synth.Config) synth.Config {
		cfg.EHRNoise.IDParent = 0.05
		return cfg
	}
	small := map[string]float64{"twin": 0.9, "father_son_same_name": 0.9, "same_name_birth_year": 0.98,
		"newborn_under_parent": 0.7}
	full := map[string]float64{"twin": 0.99, "father_son_same_name": 0.99, "same_name_birth_date": 0.99,
		"same_name_birth_year": 0.995, "newborn_under_parent": 0.88}
	with := func(m map[string]float64, fam string, f float64) map[string]float64 {
		out := maps.Clone(m)
		out[fam] = f
		return out
	}
	tests := []struct {
		name   string
		people int
		adjust func(synth.Config) synth.Config
		full   bool
		floors correctionFloors
	}{
		// Measured: precision 0.9900, recall 0.9977, kind precision 0.9714.
		{"3k", 3000, nil, false, correctionFloors{0.985, 0.99, 0.965, small}},
		// Measured: 0.9902, 0.9957, 0.9734; parent_cccd placed right 0.9130.
		{"3k_parent_cccd", 3000, parentCCCD, false, correctionFloors{0.985, 0.99, 0.965,
			with(small, "parent_cccd", 0.85)}},
		// Measured: 0.9896, 0.9974, 0.9705.
		{"50k", 50_000, nil, true, correctionFloors{0.985, 0.995, 0.965, full}},
		// Measured: 0.9898, 0.9969, 0.9705; parent_cccd placed right 0.9497.
		{"50k_parent_cccd", 50_000, parentCCCD, true, correctionFloors{0.985, 0.995, 0.965,
			with(full, "parent_cccd", 0.93)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.full && (os.Getenv("VNLINK_ACCURACY") == "" || testing.Short()) {
				t.Skip("set VNLINK_ACCURACY=1 to measure the 50,000-person commune")
			}
			cfg := synth.DefaultConfig()
			cfg.People = tt.people
			if tt.adjust != nil {
				cfg = tt.adjust(cfg)
			}
			c, err := GenerateCommune(cfg)
			require.NoError(t, err)
			checkCorrections(t, c, tt.floors)
		})
	}
}

// correctionTable renders the figures of m as a Markdown table.
func correctionTable(m CorrectionMetrics) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d scored EHR rows; %d damaged insurance numbers without a BHYT row left out\n\n", m.Rows, m.NoReference)
	b.WriteString("| kind | predicted | true | precision (field) | recall (field) | precision (field+kind) | recall (field+kind) |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|\n")
	row := func(name string, f CorrectionFigures) {
		fmt.Fprintf(&b, "| %s | %d | %d | %.4f | %.4f | %.4f | %.4f |\n", name, f.Predicted, f.True,
			f.Field.Precision, f.Field.Recall, f.Kind.Precision, f.Kind.Recall)
	}
	for _, k := range ScoredKinds {
		row(k, m.ByKind[k])
	}
	row("**all**", m.Overall)
	return b.String()
}

// confusionTable renders the confusion of m by field: rows true kind,
// columns predicted kind.
func confusionTable(m CorrectionMetrics) string {
	kinds := []string{kindValue, kindMissing, kindOutdated, kindForm, kindNone}
	var b strings.Builder
	b.WriteString("| field | truth \\ predicted | value | missing | outdated | form | none |\n")
	b.WriteString("|---|---|---:|---:|---:|---:|---:|\n")
	for _, f := range fieldNames {
		for _, tk := range kinds {
			var cells []string
			total := 0
			for _, pk := range kinds {
				n := m.Confusion[ConfusionCell{f, tk, pk}]
				total += n
				cells = append(cells, fmt.Sprint(n))
			}
			if total == 0 || tk == kindNone && m.Confusion[ConfusionCell{f, tk, kindNone}] == total {
				continue
			}
			fmt.Fprintf(&b, "| %s | %s | %s |\n", f, tk, strings.Join(cells, " | "))
		}
	}
	return b.String()
}

// errorTable renders the n most frequent error causes of m.
func errorTable(m CorrectionMetrics, n int) string {
	var b strings.Builder
	b.WriteString("| errors | field | cause | truth | predicted | row placed right |\n|---:|---|---|---|---|---|\n")
	keys := sortedErrors(m.Errors)
	for _, k := range keys[:min(n, len(keys))] {
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %v |\n", m.Errors[k], k.Field, k.Cause, k.Truth, k.Predicted, k.RowLinkedRight)
	}
	return b.String()
}

// hardCaseTable renders the hard-case figures as a Markdown table.
func hardCaseTable(hs []HardCaseFigures) string {
	var b strings.Builder
	b.WriteString("| family | EHR rows | dup. pairs true | dup. precision | dup. recall | links true | link precision | link recall | placed right |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	hs = slices.Clone(hs)
	for _, h := range hs {
		fmt.Fprintf(&b, "| %s | %d | %d | %.4f | %.4f | %d | %.4f | %.4f | %.4f |\n", h.Family, h.Rows, h.TruePairs,
			h.Duplicates.Precision, h.Duplicates.Recall, h.TrueLinks, h.Links.Precision, h.Links.Recall, h.PlacedRight)
	}
	return b.String()
}
