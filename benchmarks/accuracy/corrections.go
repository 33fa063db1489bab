package accuracy

import (
	"cmp"
	"slices"

	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

// This file scores the field corrections of a reconciliation against the
// generator's truth of which fields it damaged (synth.Record.Corrupted), and
// the people found in the hard cases (synth.Record.Hard).

// Kind names of corrections and of the truth: the names of
// vnperson.CorrectionKind and synth.NoiseKind, which agree.
const (
	kindValue    = "value"
	kindMissing  = "missing"
	kindOutdated = "outdated"
	kindForm     = "form"
	kindNone     = "none" // the field is unchanged, or no correction was proposed
)

// ScoredKinds are the correction kinds CorrectionMetrics scores: a change
// of form is not a correction a clerk has to make.
var ScoredKinds = []string{kindValue, kindMissing, kindOutdated}

// CorrectionFigures score the corrections of one kind (or of all scored
// kinds together).
//
// A predicted correction is one of Reconciliation.Corrections with a scored
// kind (value, missing or outdated); a true one is a field of an EHR row in
// the truth (synth.Record.Corrupted) with a scored kind, on a row whose
// person is in the registry and for which the reconciliation has a value
// to correct to (see CorrectionMetrics.NoReference). Two measures:
//
//   - field right: the prediction names a row and field the truth has
//     damaged with any scored kind;
//   - field and kind right: the kinds agree too.
//
// For one kind K, precision is over the predictions of kind K and recall
// over the true corrections of kind K; a prediction of another scored kind
// on a true K field counts for the field-right recall of K but not for its
// kind-right recall.
type CorrectionFigures struct {
	Predicted, True int
	// FieldRight counts predictions whose field is truly damaged
	// (precision numerator); FieldFound counts true corrections that have
	// a prediction of a scored kind (recall numerator).
	FieldRight, FieldFound int
	// KindRight counts predictions whose field and kind are right; it is
	// the numerator of both kind-right scores.
	KindRight int
	// Field scores field right, Kind field and kind right.
	Field, Kind linkage.PrecisionRecall
}

// Confusion counts row fields by the kind in the truth and the kind of the
// proposed correction (kindNone for no change or no correction), over the
// scored rows.
type Confusion map[ConfusionCell]int

// ConfusionCell is one cell of a Confusion: a field (a vnperson Field
// constant), the true kind and the predicted kind.
type ConfusionCell struct {
	Field, Truth, Predicted string
}

// ErrorCause is one kind of scoring error, by field, cause (the synth noise
// that damaged the field, or "" when the truth has none), true and
// predicted kind, and whether the EHR row was placed with its true
// registry person.
type ErrorCause struct {
	Field, Cause, Truth, Predicted string
	RowLinkedRight                 bool
}

// CorrectionMetrics are the figures of the field corrections of a
// reconciliation.
type CorrectionMetrics struct {
	// Overall scores the three scored kinds together; ByKind each of them.
	Overall CorrectionFigures
	ByKind  map[string]CorrectionFigures
	// Rows counts the scored EHR rows: those of people in the registry.
	Rows int
	// NoReference counts damaged fields left out of the truth because the
	// reconciliation has nothing to correct them to: an insurance number
	// of a person with no row on the BHYT list (the registry holds none).
	NoReference int
	// Confusion counts every field of the scored rows by true and
	// predicted kind.
	Confusion Confusion
	// Errors counts the false positives (predicted kind scored, truth form
	// or none) and false negatives (truth scored, predicted form or none)
	// of the field-right measure, by cause.
	Errors map[ErrorCause]int
}

// fieldNames are the fields scored, in the order of vnperson.Display.
var fieldNames = []string{vnperson.FieldFullName, vnperson.FieldBirthDate, vnperson.FieldSex,
	vnperson.FieldNationalID, vnperson.FieldInsuranceID, vnperson.FieldPhone, vnperson.FieldAddress,
	vnperson.FieldEthnicity}

func scored(kind string) bool {
	return kind == kindValue || kind == kindMissing || kind == kindOutdated
}

func precisionRecall(correct, predicted, actual int) linkage.PrecisionRecall {
	pr := linkage.PrecisionRecall{Precision: 1, Recall: 1}
	if predicted > 0 {
		pr.Precision = float64(correct) / float64(predicted)
	}
	if actual > 0 {
		pr.Recall = float64(correct) / float64(actual)
	}
	if pr.Precision+pr.Recall > 0 {
		pr.F1 = 2 * pr.Precision * pr.Recall / (pr.Precision + pr.Recall)
	}
	return pr
}

// rowField is one field of one EHR row.
type rowField struct {
	row   int
	field string
}

// ScoreCorrections scores res.Corrections against the truth of c.
func ScoreCorrections(c *Commune, res *vnperson.Reconciliation) CorrectionMetrics {
	m := CorrectionMetrics{ByKind: map[string]CorrectionFigures{}, Confusion: Confusion{},
		Errors: map[ErrorCause]int{}}
	regRow := c.registryRowOf()
	onBHYT := map[int32]bool{}
	for _, p := range c.BHYTTruth {
		onBHYT[p] = true
	}
	linkedTo := c.linkedRegistryRow(res)

	type truthEntry struct{ kind, cause string }
	truth := map[rowField]truthEntry{}
	rows := map[int]bool{}
	for r, p := range c.EHRTruth {
		if _, ok := regRow[p]; !ok {
			continue
		}
		rows[r] = true
		for _, fn := range c.EHRCorrupted[r] {
			if fn.Field == synth.FieldInsuranceID && !onBHYT[p] {
				m.NoReference++
				continue
			}
			truth[rowField{r, fn.Field}] = truthEntry{fn.Kind.String(), fn.Cause}
		}
	}
	m.Rows = len(rows)
	pred := map[rowField]string{}
	for _, k := range res.Corrections {
		if rows[k.EHR] {
			pred[rowField{k.EHR, k.Field}] = k.Kind.String()
		}
	}

	var all CorrectionFigures
	byKind := map[string]*CorrectionFigures{}
	for _, k := range ScoredKinds {
		byKind[k] = &CorrectionFigures{}
	}
	for r := range rows {
		right := linkedTo[r] == regRow[c.EHRTruth[r]]
		for _, f := range fieldNames {
			key := rowField{r, f}
			te, hasTruth := truth[key]
			tk := kindNone
			if hasTruth {
				tk = te.kind
			}
			pk, hasPred := pred[key]
			if !hasPred {
				pk = kindNone
			}
			m.Confusion[ConfusionCell{f, tk, pk}]++
			if scored(pk) {
				all.Predicted++
				byKind[pk].Predicted++
			}
			if scored(tk) {
				all.True++
				byKind[tk].True++
			}
			switch {
			case scored(pk) && scored(tk):
				all.FieldRight++
				all.FieldFound++
				byKind[pk].FieldRight++
				byKind[tk].FieldFound++
				if pk == tk {
					all.KindRight++
					byKind[pk].KindRight++
				}
			case scored(pk) || scored(tk):
				m.Errors[ErrorCause{f, te.cause, tk, pk, right}]++
			}
		}
	}
	finish := func(f *CorrectionFigures) {
		f.Field = precisionRecall(f.FieldRight, f.Predicted, f.True)
		if f.True > 0 {
			f.Field.Recall = float64(f.FieldFound) / float64(f.True)
		}
		f.Field.F1 = 0
		if p, r := f.Field.Precision, f.Field.Recall; p+r > 0 {
			f.Field.F1 = 2 * p * r / (p + r)
		}
		f.Kind = precisionRecall(f.KindRight, f.Predicted, f.True)
	}
	finish(&all)
	m.Overall = all
	for k, f := range byKind {
		finish(f)
		m.ByKind[k] = *f
	}
	return m
}

// registryRowOf maps each registry person to their registry row.
func (c *Commune) registryRowOf() map[int32]int {
	m := make(map[int32]int, len(c.RegistryTruth))
	for i, p := range c.RegistryTruth {
		m[p] = i
	}
	return m
}

// linkedRegistryRow returns, for each EHR row, the registry row its person
// was placed with, or -1.
func (c *Commune) linkedRegistryRow(res *vnperson.Reconciliation) []int {
	out := make([]int, len(c.EHR))
	for i := range out {
		out[i] = -1
	}
	for _, g := range res.People {
		for _, r := range g.EHR {
			out[r] = g.Registry
		}
	}
	return out
}

// HardCaseFigures score a reconciliation on the EHR rows of one hard-case
// family.
type HardCaseFigures struct {
	Family string
	// Rows counts the EHR rows of the family.
	Rows int
	// Duplicates scores pairs of EHR rows put in one person, over the pairs
	// with at least one row of the family; PredictedPairs, TruePairs and
	// CorrectPairs are its counts.
	Duplicates                              linkage.PrecisionRecall
	PredictedPairs, TruePairs, CorrectPairs int64
	// Links scores the links of the family's rows to registry rows;
	// PlacedRight is the share of the family's rows placed with their
	// true registry person, or with none when the person is not in the
	// registry.
	Links                                   linkage.PrecisionRecall
	PredictedLinks, TrueLinks, CorrectLinks int
	PlacedRight                             float64
}

// ScoreHardCases scores res on the EHR rows of each hard-case family of
// synth.HardCases that has rows in c.
func ScoreHardCases(c *Commune, res *vnperson.Reconciliation) []HardCaseFigures {
	regRow := c.registryRowOf()
	linked := c.linkedRegistryRow(res)
	predLabel := make([]int, len(c.EHR))
	for pi, g := range res.People {
		for _, r := range g.EHR {
			predLabel[r] = pi
		}
	}
	var out []HardCaseFigures
	for _, fam := range synth.HardCases {
		h := HardCaseFigures{Family: fam.String()}
		in := make([]bool, len(c.EHR))
		for r, hc := range c.EHRHard {
			in[r] = hc.Has(fam)
		}
		for r := range c.EHR {
			if !in[r] {
				continue
			}
			h.Rows++
			want, inReg := regRow[c.EHRTruth[r]]
			if !inReg {
				want = -1
			}
			if linked[r] >= 0 {
				h.PredictedLinks++
			}
			if inReg {
				h.TrueLinks++
			}
			if linked[r] >= 0 && linked[r] == want {
				h.CorrectLinks++
			}
			if linked[r] == want {
				h.PlacedRight++
			}
		}
		if h.Rows == 0 {
			continue
		}
		h.PlacedRight /= float64(h.Rows)
		h.Links = precisionRecall(h.CorrectLinks, h.PredictedLinks, h.TrueLinks)
		h.PredictedPairs = familyPairs(predLabel, nil, in)
		h.TruePairs = familyPairs(nil, c.EHRTruth, in)
		h.CorrectPairs = familyPairs(predLabel, c.EHRTruth, in)
		h.Duplicates = precisionRecall(int(h.CorrectPairs), int(h.PredictedPairs), int(h.TruePairs))
		out = append(out, h)
	}
	return out
}

// familyPairs counts the pairs of rows with at least one row in the family
// that share a predicted label (pred) and a true person (truth); a nil
// slice is no constraint. A group of n rows, f of them in the family, has
// C(n,2) - C(n-f,2) such pairs.
func familyPairs(pred []int, truth []int32, in []bool) int64 {
	type cell struct {
		p int
		t int32
	}
	n, f := map[cell]int64{}, map[cell]int64{}
	for r := range in {
		var k cell
		if pred != nil {
			k.p = pred[r]
		}
		if truth != nil {
			k.t = truth[r]
		}
		n[k]++
		if in[r] {
			f[k]++
		}
	}
	var s int64
	for k, nk := range n {
		rest := nk - f[k]
		s += nk*(nk-1)/2 - rest*(rest-1)/2
	}
	return s
}

// sortedErrors returns the error causes of m, most frequent first.
func sortedErrors(m map[ErrorCause]int) []ErrorCause {
	keys := make([]ErrorCause, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b ErrorCause) int {
		return cmp.Or(cmp.Compare(m[b], m[a]), cmp.Compare(a.Field, b.Field), cmp.Compare(a.Cause, b.Cause),
			cmp.Compare(a.Truth, b.Truth), cmp.Compare(a.Predicted, b.Predicted))
	})
	return keys
}
