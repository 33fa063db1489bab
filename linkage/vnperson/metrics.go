package vnperson

import (
	"cmp"
	"slices"
)

// Metrics are the figures a station reports on its campaign, for the
// whole commune and for each hamlet.
type Metrics struct {
	Overall Figures `json:"overall"`
	// Hamlets hold the same figures per hamlet (the person's hamlet: the
	// registry's when linked), sorted by hamlet; "" gathers the people
	// whose address names none.
	Hamlets []HamletFigures `json:"hamlets"`
}

// HamletFigures are the figures of one hamlet.
type HamletFigures struct {
	Hamlet string `json:"hamlet"`
	Figures
}

// Figures are counts and shares over one population. Shares are 0 when
// their denominator is.
type Figures struct {
	// RegistryPeople are the people of the registry; Covered those with at
	// least one health record; Coverage = Covered / RegistryPeople.
	RegistryPeople int     `json:"registry_people"`
	Covered        int     `json:"covered"`
	Coverage       float64 `json:"coverage"`
	// MissingRecords = RegistryPeople − Covered: records to create.
	MissingRecords int `json:"missing_records"`
	// EHRRows are the health records; Verified those linked to a registry
	// person; VerifiedShare = Verified / EHRRows.
	EHRRows       int     `json:"ehr_rows"`
	Verified      int     `json:"verified"`
	VerifiedShare float64 `json:"verified_share"`
	// EHRPeople are the distinct people among the health records.
	EHRPeople int `json:"ehr_people"`
	// The duplicate rate, in its two readings: ExtraRows = EHRRows −
	// EHRPeople (the records a merge removes) over EHRRows, and the people
	// with two or more records over EHRPeople.
	ExtraRows            int     `json:"extra_rows"`
	DuplicateRowRate     float64 `json:"duplicate_row_rate"`
	PeopleWithDuplicates int     `json:"people_with_duplicates"`
	DuplicatePeopleRate  float64 `json:"duplicate_people_rate"`
	// Unmatched counts the people with health records and no registry
	// record, each once however many records they have (the rows of
	// Reconciliation.Unmatched: a duplicate group counts as the record it
	// keeps).
	Unmatched int `json:"unmatched"`
	// Corrections count the fields to correct, by kind, and the health
	// records with at least one correction that is not of form only.
	Corrections         CorrectionCounts `json:"corrections"`
	RowsToCorrect       int              `json:"rows_to_correct"`
	RowsToCorrectAtAll  int              `json:"rows_to_correct_any_kind"`
	NewFromBHYT         int              `json:"new_from_bhyt"`
	PoliceNoID          int              `json:"police_no_id"`
	PoliceMalformedID   int              `json:"police_malformed_id"`
	PoliceIDDiffers     int              `json:"police_id_details_differ"`
	Fields              []FieldFigures   `json:"fields"`
	ReviewPairs         int              `json:"review_pairs,omitempty"`
	UnresolvedDecisions int              `json:"unresolved_decisions,omitempty"`
}

// CorrectionCounts count corrections by kind.
type CorrectionCounts struct {
	Value    int `json:"value"`
	Missing  int `json:"missing"`
	Outdated int `json:"outdated"`
	Form     int `json:"form"`
}

// FieldFigures say, for one field of the health records, how many rows
// hold a value (Present) and how many a value that reads (Valid), and
// their shares over ALL health records — the campaign's reading: a field
// valid on 96% of the rows that have it but present on 78% is valid on
// 75% of the records.
type FieldFigures struct {
	Field        string  `json:"field"`
	Present      int     `json:"present"`
	Valid        int     `json:"valid"`
	PresentShare float64 `json:"present_share"`
	ValidShare   float64 `json:"valid_share"`
}

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// metrics computes the figures from People and the worklists.
func (res *Reconciliation) metrics(ehrPerson []int) Metrics {
	byHamlet := map[string]*Figures{}
	fig := func(h string) *Figures {
		f := byHamlet[h]
		if f == nil {
			f = &Figures{}
			byHamlet[h] = f
		}
		return f
	}
	var all Figures
	both := func(h string, do func(f *Figures)) {
		do(&all)
		do(fig(h))
	}
	for pi := range res.People {
		g := &res.People[pi]
		both(g.Hamlet, func(f *Figures) {
			if g.Registry >= 0 {
				f.RegistryPeople++
				if len(g.EHR) > 0 {
					f.Covered++
					f.Verified += len(g.EHR)
				}
			}
			if len(g.EHR) > 0 {
				f.EHRPeople++
				f.EHRRows += len(g.EHR)
				if len(g.EHR) > 1 {
					f.PeopleWithDuplicates++
				}
				if g.Registry < 0 {
					f.Unmatched++
				}
			}
		})
	}
	for _, m := range res.NewFromBHYT {
		both(m.Hamlet, func(f *Figures) { f.NewFromBHYT++ })
	}
	anyKind, notForm := map[int]bool{}, map[int]bool{}
	for _, c := range res.Corrections {
		both(c.Hamlet, func(f *Figures) {
			switch c.Kind {
			case CorrectValue:
				f.Corrections.Value++
			case CorrectMissing:
				f.Corrections.Missing++
			case CorrectOutdated:
				f.Corrections.Outdated++
			case CorrectForm:
				f.Corrections.Form++
			}
			if !anyKind[c.EHR] {
				f.RowsToCorrectAtAll++
			}
			if c.Kind != CorrectForm && !notForm[c.EHR] {
				f.RowsToCorrect++
			}
		})
		anyKind[c.EHR] = true
		if c.Kind != CorrectForm {
			notForm[c.EHR] = true
		}
	}
	for _, c := range res.PoliceChecks {
		both(c.Hamlet, func(f *Figures) {
			switch c.Kind {
			case PoliceNoID:
				f.PoliceNoID++
			case PoliceMalformedID:
				f.PoliceMalformedID++
			case PoliceIDDiffers:
				f.PoliceIDDiffers++
			}
		})
	}
	// Field validity over all health records.
	fieldsOf := map[*Figures][]FieldFigures{}
	for r := range res.EHR.People {
		h := res.People[ehrPerson[r]].Hamlet
		p, d := &res.EHR.People[r], &res.EHR.Display[r]
		both(h, func(f *Figures) {
			ff := fieldsOf[f]
			if ff == nil {
				ff = make([]FieldFigures, len(validityFields))
				for i, v := range validityFields {
					ff[i].Field = v.field
				}
			}
			for i, v := range validityFields {
				present, valid := v.check(p, d)
				if present {
					ff[i].Present++
				}
				if valid {
					ff[i].Valid++
				}
			}
			fieldsOf[f] = ff
		})
	}
	finish := func(f *Figures) {
		f.MissingRecords = f.RegistryPeople - f.Covered
		f.Coverage = share(f.Covered, f.RegistryPeople)
		f.VerifiedShare = share(f.Verified, f.EHRRows)
		f.ExtraRows = f.EHRRows - f.EHRPeople
		f.DuplicateRowRate = share(f.ExtraRows, f.EHRRows)
		f.DuplicatePeopleRate = share(f.PeopleWithDuplicates, f.EHRPeople)
		f.Fields = fieldsOf[f]
		for i := range f.Fields {
			f.Fields[i].PresentShare = share(f.Fields[i].Present, f.EHRRows)
			f.Fields[i].ValidShare = share(f.Fields[i].Valid, f.EHRRows)
		}
	}
	finish(&all)
	all.ReviewPairs, all.UnresolvedDecisions = len(res.Review), res.UnresolvedDecisions
	m := Metrics{Overall: all}
	for h, f := range byHamlet {
		finish(f)
		m.Hamlets = append(m.Hamlets, HamletFigures{Hamlet: h, Figures: *f})
	}
	slices.SortFunc(m.Hamlets, func(a, b HamletFigures) int { return cmp.Compare(a.Hamlet, b.Hamlet) })
	return m
}

// validityFields say, per field, whether a health record holds a value and
// whether it reads.
var validityFields = []struct {
	field string
	check func(p *Person, d *Display) (present, valid bool)
}{
	{FieldFullName, func(p *Person, d *Display) (bool, bool) { return p.FullName != "", d.FullName != "" }},
	{FieldBirthDate, func(p *Person, d *Display) (bool, bool) { return p.BirthDate != "", d.BirthDate != "" }},
	{FieldSex, func(p *Person, d *Display) (bool, bool) { return p.Sex != "", d.Sex != "" }},
	{FieldNationalID, func(p *Person, d *Display) (bool, bool) {
		return p.NationalID != "", p.NationalID != "" && (d.NationalID != "" || d.OldID != "")
	}},
	{FieldInsuranceID, func(p *Person, d *Display) (bool, bool) { return p.InsuranceID != "", d.InsuranceID != "" }},
	{FieldPhone, func(p *Person, d *Display) (bool, bool) { return p.Phone != "", d.Phone != "" }},
	{FieldAddress, func(p *Person, d *Display) (bool, bool) { return p.Address != "", d.Address != "" }},
	{FieldEthnicity, func(p *Person, d *Display) (bool, bool) { return p.Ethnicity != "", d.Ethnicity != "" }},
}
