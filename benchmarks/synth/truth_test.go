package synth

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDefaultFilesUnchanged pins the four files of the default
// configuration at 3,000 people to the hashes they had before the truth of
// the noise was added: recording the truth must not move a single draw.
func TestDefaultFilesUnchanged(t *testing.T) {
	cfg := DefaultConfig()
	cfg.People = 3000
	var reg, ehr, bhyt, truth, ft, hc bytes.Buffer
	_, err := WriteCSV(cfg, Outputs{Registry: &reg, EHR: &ehr, BHYT: &bhyt, Truth: &truth, FieldTruth: &ft, HardCases: &hc})
	require.NoError(t, err)
	sum := func(b *bytes.Buffer) string { s := sha256.Sum256(b.Bytes()); return hex.EncodeToString(s[:]) }
	got := []string{sum(&reg), sum(&ehr), sum(&bhyt), sum(&truth)}
	want := []string{
		"13de65eeadf24ebd7fd9f1f8be1b64bc3cad0216d436fd8ee024d6ecd5d65825",
		"62b49785aae75de557f34398dffa30fcb3faee521d78374e8902b5b2a6bd1fa6",
		"242f2d8362712d6389f952d84f2749ec2e05dcfe14d049943d446015cb3d4269",
		"533627de1e266849084943a4a162dbcab125868e9fd3cbae039661ba84817cac",
	}
	assert.Equal(t, want, got, "registry, ehr, bhyt, truth")
	assert.True(t, strings.HasPrefix(ft.String(), "file,record_id,field,kind,cause\n"))
	assert.True(t, strings.HasPrefix(hc.String(), "file,record_id,hard_case\n"))
}

// cleanValues returns the registry values of the person of r, in the order
// of fieldOrder.
func cleanValues(pop *Population, r *Record) [8]string {
	p := &pop.People[r.Person]
	return [8]string{p.FullName(), p.BirthDate(), sexName(p.Sex), p.NationalID(), p.InsuranceID(),
		p.Phone(), address(&pop.Hamlets[pop.Households[p.Household].Hamlet], false), p.Ethnicity()}
}

func writtenValues(r *Record) [8]string {
	return [8]string{r.FullName, r.BirthDate, r.Sex, r.NationalID, r.InsuranceID, r.Phone, r.Address, r.Ethnicity}
}

// TestCorruptedIsExact checks, on every row of a commune with all the noise
// on, that a field is listed in Corrupted exactly when its written value
// differs from the registry's, in field order, with a kind and a cause.
func TestCorruptedIsExact(t *testing.T) {
	cfg := smallConfig(2000, 11)
	cfg.EHRNoise.IDParent = 0.3
	var rows, listed int
	kinds := map[NoiseKind]int{}
	pop, err := NewPopulation(cfg)
	require.NoError(t, err)
	_, err = pop.generate(cfg, func(r *Record) error {
		if r.File == Registry {
			require.Empty(t, r.Corrupted)
			return nil
		}
		rows++
		clean, written := cleanValues(pop, r), writtenValues(r)
		var want []string
		for i := range clean {
			if clean[i] != written[i] {
				want = append(want, fieldOrder[i])
			}
		}
		var got []string
		for _, c := range r.Corrupted {
			got = append(got, c.Field)
			require.NotZero(t, c.Kind, "row %s field %s", r.ID, c.Field)
			require.NotEmpty(t, c.Cause, "row %s field %s", r.ID, c.Field)
			kinds[c.Kind]++
		}
		listed += len(got)
		require.Equal(t, want, got, "row %s", r.ID)
		return nil
	})
	require.NoError(t, err)
	require.Greater(t, rows, 3000)
	for k := NoiseValue; k <= NoiseForm; k++ {
		assert.Greater(t, kinds[k], 50, "kind %s", k)
	}
	t.Logf("%d rows, %d damaged fields, kinds %v", rows, listed, kinds)
}

// TestNoiseKindOfEachNoise turns on one noise at a time and checks the kind
// it gives its field.
func TestNoiseKindOfEachNoise(t *testing.T) {
	tests := []struct {
		name   string
		noise  Noise
		field  string
		cause  string
		kind   NoiseKind
		milder NoiseKind // another kind the same cause may give, 0 if none
	}{
		{"typo", Noise{Typo: 1}, FieldFullName, "Typo", NoiseValue, NoiseForm}, // a mark only: ễ for ê
		{"drop middle", Noise{DropMiddle: 1}, FieldFullName, "DropMiddle", NoiseValue, 0},
		{"variant", Noise{NameVariant: 1}, FieldFullName, "NameVariant", NoiseValue, NoiseForm}, // Thủy/Thuỷ
		{"upper", Noise{Upper: 1}, FieldFullName, "Upper", NoiseForm, 0},
		{"no diacritics", Noise{NoDiacritics: 1}, FieldFullName, "NoDiacritics", NoiseForm, 0},
		{"TCVN3", Noise{TCVN3: 1}, FieldFullName, "TCVN3", NoiseForm, 0},
		{"tone style", Noise{ToneStyle: 1}, FieldFullName, "ToneStyle", NoiseForm, 0},
		{"date missing", Noise{DateMissing: 1}, FieldBirthDate, "DateMissing", NoiseMissing, 0},
		{"year only", Noise{YearOnly: 1}, FieldBirthDate, "YearOnly", NoiseMissing, 0},
		{"day swap", Noise{DaySwap: 1}, FieldBirthDate, "DaySwap", NoiseValue, 0},
		{"date format", Noise{DateFormat: 1}, FieldBirthDate, "DateFormat", NoiseForm, 0},
		{"date typo", Noise{DateTypo: 1}, FieldBirthDate, "DateTypo", NoiseValue, 0},
		{"sex missing", Noise{SexMissing: 1}, FieldSex, "SexMissing", NoiseMissing, 0},
		{"sex spelling", Noise{SexSpelling: 1}, FieldSex, "SexSpelling", NoiseForm, 0},
		{"id missing", Noise{IDMissing: 1}, FieldNationalID, "IDMissing", NoiseMissing, 0},
		{"cmnd", Noise{IDOldCMND: 1}, FieldNationalID, "IDOldCMND", NoiseOutdated, 0},
		{"id typo", Noise{IDTypo: 1}, FieldNationalID, "IDTypo", NoiseValue, 0},
		{"lost zero", Noise{IDLostZero: 1}, FieldNationalID, "IDLostZero", NoiseForm, 0},
		{"parent cccd", Noise{IDParent: 1}, FieldNationalID, "IDParent", NoiseValue, 0},
		{"card missing", Noise{InsuranceMissing: 1}, FieldInsuranceID, "InsuranceMissing", NoiseMissing, 0},
		{"card reissued", Noise{InsuranceReissued: 1}, FieldInsuranceID, "InsuranceReissued", NoiseOutdated, 0},
		{"card short", Noise{InsuranceShort: 1}, FieldInsuranceID, "InsuranceShort", NoiseOutdated, 0},
		{"phone missing", Noise{PhoneMissing: 1}, FieldPhone, "PhoneMissing", NoiseMissing, 0},
		{"phone old", Noise{PhoneOld: 1}, FieldPhone, "PhoneOld", NoiseOutdated, 0},
		{"phone format", Noise{PhoneFormat: 1}, FieldPhone, "PhoneFormat", NoiseForm, 0},
		{"address missing", Noise{AddressMissing: 1}, FieldAddress, "AddressMissing", NoiseMissing, 0},
		{"address old", Noise{AddressOld: 1}, FieldAddress, "AddressOld", NoiseOutdated, 0},
		{"address abbrev", Noise{AddressAbbrev: 1}, FieldAddress, "AddressAbbrev", NoiseForm, 0},
		{"ethnicity missing", Noise{EthnicityMissing: 1}, FieldEthnicity, "EthnicityMissing", NoiseMissing, 0},
		{"ethnicity spelling", Noise{EthnicitySpelling: 1}, FieldEthnicity, "EthnicitySpelling", NoiseForm, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := smallConfig(400, 5)
			cfg.BHYT, cfg.EHRNoise = false, tt.noise
			var hits int
			_, _, err := Generate(cfg, func(r *Record) error {
				for _, c := range r.Corrupted {
					switch c.Cause {
					case "NewbornUnderParent", "CreatedBeforeReform":
						continue // not noise: the plan's
					}
					require.Equal(t, tt.field, c.Field, "row %s", r.ID)
					switch {
					case c.Cause == tt.cause && c.Kind == tt.kind:
						hits++
					case c.Cause == tt.cause:
						require.Equal(t, tt.milder, c.Kind, "row %s", r.ID)
					default:
						// Another cause may only be a milder side effect.
						require.Greater(t, c.Kind, tt.kind, "row %s cause %s", r.ID, c.Cause)
					}
				}
				if tt.cause == "IDParent" {
					require.Equal(t, r.Hard.Has(HardParentCCCD), len(r.Corrupted) > 0 && hasCause(r, "IDParent"))
				}
				return nil
			})
			require.NoError(t, err)
			require.Greater(t, hits, 5)
		})
	}
}

func hasCause(r *Record, cause string) bool {
	for _, c := range r.Corrupted {
		if c.Cause == cause {
			return true
		}
	}
	return false
}

func TestNoiseNote(t *testing.T) {
	var n noiseNote
	n.note(NoiseForm, "a")
	n.note(NoiseValue, "b")
	n.note(NoiseOutdated, "c")
	assert.Equal(t, noiseNote{NoiseValue, "b"}, n, "the most severe kind wins")
	var nilNote *noiseNote
	nilNote.note(NoiseValue, "x") // must not panic
	for k, s := range map[NoiseKind]string{NoiseValue: "value", NoiseMissing: "missing",
		NoiseOutdated: "outdated", NoiseForm: "form", 9: "kind(9)"} {
		assert.Equal(t, s, k.String())
	}
}

func TestPersonHardCases(t *testing.T) {
	cfg := smallConfig(4000, 3)
	cfg.FatherSonSameName = 0.2
	pop, err := NewPopulation(cfg)
	require.NoError(t, err)
	h := personHardCases(pop)
	byDate, byYear := map[string]int{}, map[string]int{}
	for i := range pop.People {
		p := &pop.People[i]
		byDate[p.FullName()+"|"+p.BirthDate()]++
		byYear[p.FullName()+"|"+p.BirthDate()[6:]]++
	}
	counts := map[HardCase]int{}
	for i := range pop.People {
		p := &pop.People[i]
		assert.Equal(t, p.Twin != None, h[i].Has(HardTwin), "person %d", i)
		assert.Equal(t, byDate[p.FullName()+"|"+p.BirthDate()] > 1, h[i].Has(HardSameNameBirthDate), "person %d", i)
		assert.Equal(t, byYear[p.FullName()+"|"+p.BirthDate()[6:]] > 1, h[i].Has(HardSameNameBirthYear), "person %d", i)
		if p.Father != None && pop.People[p.Father].FullName() == p.FullName() {
			assert.True(t, h[i].Has(HardFatherSonSameName) && h[p.Father].Has(HardFatherSonSameName), "person %d", i)
		}
		for _, c := range HardCases {
			if h[i].Has(c) {
				counts[c]++
			}
		}
	}
	for _, c := range []HardCase{HardTwin, HardFatherSonSameName, HardSameNameBirthYear} {
		assert.Greater(t, counts[c], 10, "family %s", c)
	}
	assert.Equal(t, "twin|same_name_birth_year", (HardTwin | HardSameNameBirthYear).String())
	assert.Equal(t, "", HardCase(0).String())
	assert.False(t, HardCase(0).Has(0))
}
