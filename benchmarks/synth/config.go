package synth

import (
	"strconv"
	"strings"
)

// Config describes one synthetic commune and the files its health station
// holds. Start from DefaultConfig and change fields; Validate reports every
// problem at once. Rates are probabilities in [0, 1].
type Config struct {
	// Seed selects the population and every noise draw. The same Config
	// always gives byte-identical files.
	Seed uint64
	// People is the number of people in the population registry.
	People int
	// Gone is the number of people no longer in the registry (moved away
	// or dead) who still have EHR rows, as a fraction of People.
	Gone float64

	// EHRCoverage is the share of registry people with at least one EHR
	// record.
	EHRCoverage float64
	// EHRDuplicates is the share of covered people with more than one EHR
	// record; a quarter of them have three, the rest two.
	EHRDuplicates float64
	// NewbornUnderParent is the share of EHR records of babies born in the
	// last year that carry the mother's name ("Con bà Nguyễn Thị Lan")
	// instead of the baby's own.
	NewbornUnderParent float64

	// BHYT asks for a BHXH/BHYT list.
	BHYT bool
	// BHYTCoverage is the share of insured registry people on the BHYT list.
	BHYTCoverage float64

	// Twins is the share of births that are twins (same parents, same birth
	// date, different given names).
	Twins float64
	// FatherSonSameName is the share of sons given their father's full name.
	FatherSonSameName float64

	// Communes selects the city mode when it is above 0: the people live
	// in that many communes of Hà Nội (units of the list from 1 July 2025,
	// taken from normalize.DefaultUnits: xã Ngọc Hồi first, then the
	// others in a seeded random order), with sizes skewed by CommuneSkew.
	// Communes 1 is the dense case: everyone in xã Ngọc Hồi, with the
	// city's hamlets. 0, the default, is the single commune of the package
	// doc, whose files do not depend on any of the city fields.
	Communes int
	// CommuneSkew is the Zipf exponent s of commune sizes in city mode:
	// the k-th commune gets a share of the households proportional to
	// 1/k^s (0: equal sizes; 0.8, CityConfig's, makes the first of 20
	// communes about 11 times the last). At most 4.
	CommuneSkew float64
	// Moved is the share of registry households that moved from another
	// commune (city mode, two communes or more): their EHR rows written
	// before the move carry the address of the previous commune, the
	// registry the new one.
	Moved float64
	// TwoStations is the share of covered registry people with one more
	// EHR row, written at the station of another commune with their
	// temporary address there (city mode, two communes or more).
	TwoStations float64

	// EHRNoise and BHYTNoise are the per-record noise rates of the two
	// files. The registry is clean.
	EHRNoise, BHYTNoise Noise
}

// Noise holds the per-record probability of each kind of damage. Each
// field is drawn independently for every record, except the four text
// encodings (NFD, TCVN3, VNI, Mojibake), of which at most one is applied:
// their sum must not exceed 1.
type Noise struct {
	// Names.
	NoDiacritics float64 // all marks removed, đ written d: "Nguyen Van Hung"
	Upper        float64 // upper case: "NGUYỄN VĂN HÙNG"
	NFD          float64 // decomposed Unicode (NFD) instead of NFC
	TCVN3        float64 // TCVN3 (ABC) legacy encoding read as Windows-1252
	VNI          float64 // VNI-Windows legacy encoding read as Windows-1252
	Mojibake     float64 // UTF-8 bytes read as Windows-1252
	ToneStyle    float64 // new tone placement: "hoà", "Thuỷ" instead of "hòa", "Thủy"
	Typo         float64 // one substitution, insertion, deletion or transposition
	DropMiddle   float64 // middle name left out
	NameVariant  float64 // Hoàng/Huỳnh, Vũ/Võ, Ly/Li-style variant spellings
	Spaces       float64 // doubled or trailing spaces

	// Birth dates.
	DateMissing float64 // empty
	DateFormat  float64 // one of the other formats instead of dd/mm/yyyy
	YearOnly    float64 // only the year is known: "1987"
	DaySwap     float64 // day and month swapped (when both are at most 12)
	DateTypo    float64 // one digit replaced

	// Sex.
	SexMissing  float64 // empty
	SexSpelling float64 // another spelling: "nu", "NỮ", "F", "2", …

	// National ID.
	IDMissing  float64 // empty
	IDOldCMND  float64 // the old 9-digit CMND instead of the CCCD, when the person had one
	IDTypo     float64 // one digit replaced
	IDLostZero float64 // leading zeros lost in a spreadsheet
	// IDParent: a child under 14 carries the CCCD of a parent (the
	// mother's, else the father's), as when the parent's card is written
	// on the child's record. It is 0 in the default noise, so that the
	// default files stay as they were; the hard-case measurements turn it
	// on.
	IDParent float64

	// BHYT card.
	InsuranceMissing  float64 // empty (for insured people)
	InsuranceReissued float64 // an older card: another object code, same BHXH number
	InsuranceShort    float64 // only the 10-digit BHXH number

	// Phone.
	PhoneMissing float64 // empty
	PhoneOld     float64 // the pre-2018 11-digit number, for prefixes that changed
	PhoneFormat  float64 // spaces, dots, +84, lost leading zero, …

	// Address.
	AddressMissing float64 // empty
	AddressOld     float64 // pre-reform address although the record is recent
	AddressAbbrev  float64 // abbreviations: "Th.", "X.", "H.", "HN"
	AddressText    float64 // text noise: no diacritics, upper case, tone style or a typo

	// Ethnicity.
	EthnicityMissing  float64 // empty
	EthnicitySpelling float64 // code ("01") or another case
}

// DefaultEHRNoise returns the noise rates of a typical EHR extract.
func DefaultEHRNoise() Noise {
	return Noise{
		NoDiacritics: 0.08, Upper: 0.10, NFD: 0.03, TCVN3: 0.01, VNI: 0.01, Mojibake: 0.01,
		ToneStyle: 0.10, Typo: 0.04, DropMiddle: 0.02, NameVariant: 0.01, Spaces: 0.03,
		DateMissing: 0.01, DateFormat: 0.30, YearOnly: 0.02, DaySwap: 0.02, DateTypo: 0.01,
		SexMissing: 0.02, SexSpelling: 0.30,
		IDMissing: 0.20, IDOldCMND: 0.05, IDTypo: 0.01, IDLostZero: 0.05,
		InsuranceMissing: 0.15, InsuranceReissued: 0.10, InsuranceShort: 0.05,
		PhoneMissing: 0.15, PhoneOld: 0.05, PhoneFormat: 0.25,
		AddressMissing: 0.03, AddressOld: 0.15, AddressAbbrev: 0.30, AddressText: 0.15,
		EthnicityMissing: 0.10, EthnicitySpelling: 0.20,
	}
}

// DefaultBHYTNoise returns the noise rates of a typical BHXH/BHYT list:
// names mostly upper case, few national IDs, often an old address.
func DefaultBHYTNoise() Noise {
	return Noise{
		NoDiacritics: 0.05, Upper: 0.60, NFD: 0.01, TCVN3: 0.02, VNI: 0.01, Mojibake: 0.01,
		ToneStyle: 0.10, Typo: 0.01, DropMiddle: 0.005, NameVariant: 0.005, Spaces: 0.01,
		DateMissing: 0, DateFormat: 0.20, YearOnly: 0.03, DaySwap: 0.01, DateTypo: 0.005,
		SexMissing: 0, SexSpelling: 0.20,
		IDMissing: 0.40, IDOldCMND: 0.10, IDTypo: 0.005, IDLostZero: 0.05,
		InsuranceMissing: 0, InsuranceReissued: 0, InsuranceShort: 0,
		PhoneMissing: 0.50, PhoneOld: 0.10, PhoneFormat: 0.20,
		AddressMissing: 0.02, AddressOld: 0.60, AddressAbbrev: 0.30, AddressText: 0.10,
		EthnicityMissing: 0.30, EthnicitySpelling: 0.30,
	}
}

// DefaultConfig returns the configuration of one commune of 50,000 people
// with seed 1.
func DefaultConfig() Config {
	return Config{
		Seed:               1,
		People:             50_000,
		Gone:               0.03,
		EHRCoverage:        0.88,
		EHRDuplicates:      0.06,
		NewbornUnderParent: 0.5,
		BHYT:               true,
		BHYTCoverage:       0.92,
		Twins:              0.015,
		FatherSonSameName:  0.005,
		EHRNoise:           DefaultEHRNoise(),
		BHYTNoise:          DefaultBHYTNoise(),
	}
}

// MaxPeople is the largest population Config accepts. Up to it, every
// CCCD, CMND and BHXH number is unique (the CMND sequence, seven digits
// after the province prefix 01, is the first to run out).
const MaxPeople = 10_000_000

// ConfigError lists every problem Validate found.
type ConfigError struct {
	Problems []string // one sentence per problem, naming the field
}

// Error joins the problems with "; ".
func (e *ConfigError) Error() string {
	return "synth: invalid config: " + strings.Join(e.Problems, "; ")
}

// Validate reports every problem of c at once as a *ConfigError, or nil.
func (c *Config) Validate() error {
	var p []string
	if c.People < 1 || c.People > MaxPeople {
		p = append(p, "People must be between 1 and "+strconv.Itoa(MaxPeople))
	}
	rate := func(name string, v float64) {
		if !(v >= 0 && v <= 1) {
			p = append(p, name+" must be in [0, 1]")
		}
	}
	rate("Gone", c.Gone)
	rate("EHRCoverage", c.EHRCoverage)
	rate("EHRDuplicates", c.EHRDuplicates)
	rate("NewbornUnderParent", c.NewbornUnderParent)
	rate("BHYTCoverage", c.BHYTCoverage)
	rate("Twins", c.Twins)
	rate("FatherSonSameName", c.FatherSonSameName)
	rate("Moved", c.Moved)
	rate("TwoStations", c.TwoStations)
	if c.Communes < 0 || c.Communes > MaxCommunes() {
		p = append(p, "Communes must be between 0 and "+strconv.Itoa(MaxCommunes()))
	}
	if !(c.CommuneSkew >= 0 && c.CommuneSkew <= 4) {
		p = append(p, "CommuneSkew must be in [0, 4]")
	}
	c.EHRNoise.validate("EHRNoise", rate, &p)
	c.BHYTNoise.validate("BHYTNoise", rate, &p)
	if len(p) > 0 {
		return &ConfigError{Problems: p}
	}
	return nil
}

func (n *Noise) validate(prefix string, rate func(string, float64), p *[]string) {
	fields := []struct {
		name string
		v    float64
	}{
		{"NoDiacritics", n.NoDiacritics}, {"Upper", n.Upper}, {"NFD", n.NFD},
		{"TCVN3", n.TCVN3}, {"VNI", n.VNI}, {"Mojibake", n.Mojibake},
		{"ToneStyle", n.ToneStyle}, {"Typo", n.Typo}, {"DropMiddle", n.DropMiddle},
		{"NameVariant", n.NameVariant}, {"Spaces", n.Spaces},
		{"DateMissing", n.DateMissing}, {"DateFormat", n.DateFormat}, {"YearOnly", n.YearOnly},
		{"DaySwap", n.DaySwap}, {"DateTypo", n.DateTypo},
		{"SexMissing", n.SexMissing}, {"SexSpelling", n.SexSpelling},
		{"IDMissing", n.IDMissing}, {"IDOldCMND", n.IDOldCMND}, {"IDTypo", n.IDTypo},
		{"IDLostZero", n.IDLostZero}, {"IDParent", n.IDParent},
		{"InsuranceMissing", n.InsuranceMissing}, {"InsuranceReissued", n.InsuranceReissued},
		{"InsuranceShort", n.InsuranceShort},
		{"PhoneMissing", n.PhoneMissing}, {"PhoneOld", n.PhoneOld}, {"PhoneFormat", n.PhoneFormat},
		{"AddressMissing", n.AddressMissing}, {"AddressOld", n.AddressOld},
		{"AddressAbbrev", n.AddressAbbrev}, {"AddressText", n.AddressText},
		{"EthnicityMissing", n.EthnicityMissing}, {"EthnicitySpelling", n.EthnicitySpelling},
	}
	for _, f := range fields {
		rate(prefix+"."+f.name, f.v)
	}
	if n.NFD+n.TCVN3+n.VNI+n.Mojibake > 1 {
		*p = append(*p, prefix+": NFD+TCVN3+VNI+Mojibake must not exceed 1")
	}
}
