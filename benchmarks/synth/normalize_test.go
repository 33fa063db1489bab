package synth_test

import (
	"testing"

	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/vnlink/vnlink/normalize"
)

// TestNormalizeReadsNoisyRows checks the contract between the generator
// and package normalize: every kind of damage the generator makes to a
// field is one that normalize's parsers undo, so that the field parses back
// to the person's true value. Legacy encodings may be ambiguous for short
// names (TCVN3 "Vò" is also a correct word), so a small share may fail.
//
// Not checked: IDLostZero. A CCCD born in Hà Nội ("001…") loses two zeros
// and becomes ten digits, which ParseNationalID does not (yet) repair.
func TestNormalizeReadsNoisyRows(t *testing.T) {
	tests := []struct {
		name     string
		noise    synth.Noise
		maxShare float64 // share of rows allowed to fail
	}{
		{"clean", synth.Noise{}, 0},
		{"date formats", synth.Noise{DateFormat: 1}, 0},
		{"sex spellings", synth.Noise{SexSpelling: 1}, 0},
		{"old CMND", synth.Noise{IDOldCMND: 1}, 0},
		{"reissued card", synth.Noise{InsuranceReissued: 1}, 0},
		{"BHXH number only", synth.Noise{InsuranceShort: 1}, 0},
		{"old phones", synth.Noise{PhoneOld: 1}, 0},
		{"phone formats", synth.Noise{PhoneFormat: 1}, 0},
		{"ethnicity spellings", synth.Noise{EthnicitySpelling: 1}, 0},
		{"NFD", synth.Noise{NFD: 1}, 0},
		{"upper case", synth.Noise{Upper: 1}, 0},
		{"tone style", synth.Noise{ToneStyle: 1}, 0},
		{"mojibake", synth.Noise{Mojibake: 1}, 0},
		{"TCVN3", synth.Noise{TCVN3: 1}, 0.03},
		{"VNI", synth.Noise{VNI: 1}, 0.03},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := synth.DefaultConfig()
			cfg.People = 800
			cfg.BHYT = false
			cfg.NewbornUnderParent = 0
			cfg.EHRNoise = tt.noise
			var rows []synth.Record
			pop, _, err := synth.Generate(cfg, func(r *synth.Record) error {
				if r.File == synth.EHR {
					rows = append(rows, *r)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			failed := map[string]int{}
			for i := range rows {
				r := &rows[i]
				p := &pop.People[r.Person]
				for field, ok := range checkRow(r, p) {
					if !ok {
						failed[field]++
					}
				}
			}
			for field, n := range failed {
				if share := float64(n) / float64(len(rows)); share > tt.maxShare {
					t.Errorf("%s: %d of %d rows do not parse back to the true value", field, n, len(rows))
				}
			}
		})
	}
}

// checkRow reports, per field, whether normalize reads the row's value as
// the person's true one. Empty values are missing, not wrong.
func checkRow(r *synth.Record, p *synth.Person) map[string]bool {
	ok := map[string]bool{}
	d, err := normalize.ParseDate(r.BirthDate)
	ok["birth_date"] = err == nil && d.Year() == int(p.BirthYear) && d.Month() == int(p.BirthMonth) && d.Day() == int(p.BirthDay)

	sex, err := normalize.ParseSex(r.Sex)
	want := normalize.SexUnknown
	if p.Sex == synth.Male {
		want, _ = normalize.ParseSex("Nam")
	} else {
		want, _ = normalize.ParseSex("Nữ")
	}
	ok["sex"] = err == nil && sex == want && want != normalize.SexUnknown

	id, err := normalize.ParseNationalID(r.NationalID)
	cccd, _ := normalize.ParseNationalID(p.NationalID())
	cmnd, _ := normalize.ParseNationalID(p.OldID())
	ok["national_id"] = r.NationalID == "" || err == nil && (id == cccd || !cmnd.IsZero() && id == cmnd)

	ins, err := normalize.ParseInsuranceID(r.InsuranceID)
	ok["insurance_id"] = r.InsuranceID == "" || err == nil && ins.BHXH() == p.BHXHNumber()

	phone, err := normalize.ParsePhone(r.Phone)
	truePhone, _ := normalize.ParsePhone(p.Phone())
	ok["phone"] = r.Phone == "" || err == nil && phone == truePhone

	ok["full_name"] = normalize.Key(normalize.Text(r.FullName)) == normalize.Key(normalize.Text(p.FullName()))

	eth, err := normalize.ParseEthnicity(r.Ethnicity)
	trueEth, _ := normalize.ParseEthnicity(p.Ethnicity())
	ok["ethnicity"] = r.Ethnicity == "" || err == nil && eth == trueEth
	return ok
}
