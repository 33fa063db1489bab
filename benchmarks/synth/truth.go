package synth

import (
	"slices"
	"strings"
)

// This file holds the truth of the noise: which fields of an EHR or BHYT
// row the generator damaged and how, and which rows belong to a hard case.

// Field names of FieldNoise. They are, character for character, the values
// of the Field constants of package linkage/vnperson (vnperson.FieldFullName
// is "full_name", …), so that the truth can be joined with a
// reconciliation's corrections; synth does not import vnperson, and a test
// of package benchmarks/accuracy checks that the two sets agree.
const (
	FieldFullName    = "full_name"
	FieldBirthDate   = "birth_date"
	FieldSex         = "sex"
	FieldNationalID  = "national_id"
	FieldInsuranceID = "insurance_id"
	FieldPhone       = "phone"
	FieldAddress     = "address"
	FieldEthnicity   = "ethnicity"
)

// NoiseKind says how the noise changed a field, in the terms of
// vnperson.CorrectionKind (same names, same order).
type NoiseKind uint8

// Kinds of noise, from the most to the least severe. When several kinds of
// noise hit one field, the field gets the most severe.
const (
	// NoiseValue: the content is wrong: a typo, a dropped middle name, a
	// variant spelling, the mother's name on a newborn's record, another
	// date (day and month swapped, a digit typo), another ID number (a
	// digit typo, a parent's CCCD).
	NoiseValue NoiseKind = iota + 1
	// NoiseMissing: emptied, or less precise: a year-only birth date.
	NoiseMissing
	// NoiseOutdated: an old CMND instead of the CCCD, an older BHYT card
	// (another object code, or only the BHXH number), a pre-2018 phone
	// prefix, a pre-2025 address.
	NoiseOutdated
	// NoiseForm: only the writing changed: case, diacritics, tone-mark
	// placement, legacy encodings and mojibake, NFD, spacing, a date
	// format, a sex or ethnicity spelling, a phone format, address
	// abbreviations, leading zeros lost.
	NoiseForm
)

var noiseKindNames = [...]string{"", "value", "missing", "outdated", "form"}

// String returns "value", "missing", "outdated" or "form", the names of
// vnperson.CorrectionKind.
func (k NoiseKind) String() string {
	if k > 0 && int(k) < len(noiseKindNames) {
		return noiseKindNames[k]
	}
	return "kind(" + string(rune('0'+k)) + ")"
}

// FieldNoise is one field of a row that differs from the person's registry
// value, with the kind of the difference.
type FieldNoise struct {
	Field string // one of the Field constants
	Kind  NoiseKind
	// Cause names what decided Kind: a Noise field ("Typo", "DateFormat",
	// "IDOldCMND", …), "NewbornUnderParent", or "CreatedBeforeReform" for
	// the old address of an EHR record written before the reform.
	Cause string
}

// noiseNote accumulates the kind of one field while its noise is drawn;
// the zero value means unchanged. A nil *noiseNote ignores every note.
type noiseNote struct {
	kind  NoiseKind
	cause string
}

// note records kind k with its cause unless a more severe kind is noted.
func (n *noiseNote) note(k NoiseKind, cause string) {
	if n != nil && (n.kind == 0 || k < n.kind) {
		n.kind, n.cause = k, cause
	}
}

// HardCase is a set of hard-case families a row belongs to.
type HardCase uint16

// Hard-case families. The first four are properties of the person (every
// row of the person has them), the last two of the row.
const (
	// HardTwin: the person is a twin (same parents, same birth date).
	HardTwin HardCase = 1 << iota
	// HardFatherSonSameName: a father and son with the same full name
	// (both of them are flagged).
	HardFatherSonSameName
	// HardSameNameBirthDate: another person has the same full name and
	// the same birth date.
	HardSameNameBirthDate
	// HardSameNameBirthYear: another person has the same full name and
	// birth year (a superset of HardSameNameBirthDate).
	HardSameNameBirthYear
	// HardNewbornUnderParent: the row carries the mother's name
	// ("Con bà …").
	HardNewbornUnderParent
	// HardParentCCCD: the row carries a parent's CCCD instead of the
	// person's own (Noise.IDParent).
	HardParentCCCD
	// HardMoved: the household moved from another commune (city mode,
	// Config.Moved) and the EHR row, written before the move, carries the
	// address of the previous commune.
	HardMoved
	// HardTwoStations: an extra EHR row of the person written at the
	// station of another commune (city mode, Config.TwoStations), with the
	// temporary address there: a true duplicate across communes.
	HardTwoStations
	hardCaseEnd
)

// HardCases lists every hard-case family, in order.
var HardCases = []HardCase{HardTwin, HardFatherSonSameName, HardSameNameBirthDate,
	HardSameNameBirthYear, HardNewbornUnderParent, HardParentCCCD, HardMoved, HardTwoStations}

var hardCaseNames = []string{"twin", "father_son_same_name", "same_name_birth_date",
	"same_name_birth_year", "newborn_under_parent", "parent_cccd",
	"moved", "two_stations"}

// Has reports whether h includes every family of c.
func (h HardCase) Has(c HardCase) bool { return h&c == c && c != 0 }

// String returns the names of the families of h joined by "|"
// ("twin|same_name_birth_year"), or "" for none.
func (h HardCase) String() string {
	var names []string
	for i, c := range HardCases {
		if h.Has(c) {
			names = append(names, hardCaseNames[i])
		}
	}
	return strings.Join(names, "|")
}

// personHardCases returns the person-level hard-case families of every
// person of pop. It sorts packed keys instead of building a map, so that ten
// million people cost 80 MB while it runs.
func personHardCases(pop *Population) []HardCase {
	ppl := pop.People
	h := make([]HardCase, len(ppl))
	for i := range ppl {
		p := &ppl[i]
		if p.Twin != None {
			h[i] |= HardTwin
		}
		if f := p.Father; f != None && sameName(p, &ppl[f]) {
			h[i] |= HardFatherSonSameName
			h[f] |= HardFatherSonSameName
		}
	}
	flagShared(ppl, h, HardSameNameBirthDate, func(p *Person) uint64 {
		return nameKey(p)<<25 | uint64(p.BirthYear)<<9 | uint64(p.BirthMonth)<<5 | uint64(p.BirthDay)
	})
	flagShared(ppl, h, HardSameNameBirthYear, func(p *Person) uint64 {
		return nameKey(p)<<16 | uint64(p.BirthYear)
	})
	return h
}

func sameName(a, b *Person) bool {
	return a.family == b.family && a.middle == b.middle && a.given == b.given
}

// nameKey packs the three name indices in 39 bits (13 each; the
// vocabulary is checked to fit at init).
func nameKey(p *Person) uint64 {
	return uint64(p.family)<<26 | uint64(p.middle)<<13 | uint64(p.given)
}

// flagShared adds flag to every person whose key is shared with another
// person.
func flagShared(ppl []Person, h []HardCase, flag HardCase, key func(*Person) uint64) {
	sorted := make([]uint64, len(ppl))
	for i := range ppl {
		sorted[i] = key(&ppl[i])
	}
	slices.Sort(sorted)
	shared := map[uint64]bool{}
	for i := 1; i < len(sorted); i++ {
		if sorted[i] == sorted[i-1] {
			shared[sorted[i]] = true
		}
	}
	for i := range ppl {
		if shared[key(&ppl[i])] {
			h[i] |= flag
		}
	}
}

func init() {
	if len(vocabulary) >= 1<<13 {
		panic("synth: vocabulary too large for nameKey")
	}
}
