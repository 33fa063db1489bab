package vnperson

import "github.com/vnlink/vnlink/blocking"

// Blocking rule names of the default plan, in order.
const (
	RuleNationalID     = "national_id"
	RuleBHXH           = "bhxh"
	RuleBirthYearWard  = "birth_year_ward"
	RuleGivenBirthYear = "given_phonetic_birth_year"
	RuleFamilyGiven    = "family_given_folded"
	RulePhoneGivenInit = "phone_given_initial"
	RuleBirthDatePlace = "birth_date_place"
)

// Key tags keep the keys of different fields apart inside one rule.
const (
	tagCCCD = iota + 1
	tagCMND
)

// DefaultRules returns the default blocking plan, an OR of rules tried in
// order (a pair is produced by the first rule that pairs it):
//
//	national_id                 same CCCD, or same CMND
//	bhxh                        same BHXH number
//	birth_year_ward             same birth year and ward
//	given_phonetic_birth_year   same loose phonetic key of the given name and birth year
//	family_given_folded         same folded family and given names (any birth date)
//	phone_given_initial         same phone and first letter of the folded given name
//	birth_date_place            same full birth date and place (hamlet or street)
//
// The rules after the first four catch pairs whose birth year is wrong or
// missing and whose ID numbers are missing or mistyped; the diagnostics of
// the synthetic commune (see benchmarks/accuracy) show what each adds.
func DefaultRules() []blocking.Rule[Record] {
	return []blocking.Rule[Record]{
		blocking.Exact(RuleNationalID, func(r *Record, dst []blocking.Key) []blocking.Key {
			if r.CCCD != 0 {
				dst = append(dst, blocking.KeyOfInts(tagCCCD, int64(r.CCCD)))
			}
			if r.CMND != 0 {
				dst = append(dst, blocking.KeyOfInts(tagCMND, int64(r.CMND)))
			}
			return dst
		}),
		blocking.Exact(RuleBHXH, func(r *Record, dst []blocking.Key) []blocking.Key {
			if r.BHXH != 0 {
				dst = append(dst, blocking.KeyOfInts(int64(r.BHXH)))
			}
			return dst
		}),
		blocking.Exact(RuleBirthYearWard, func(r *Record, dst []blocking.Key) []blocking.Key {
			if y := r.BirthYear(); y != 0 && r.Ward != 0 {
				dst = append(dst, blocking.KeyOfInts(int64(y), int64(r.Ward)))
			}
			return dst
		}),
		blocking.Exact(RuleGivenBirthYear, func(r *Record, dst []blocking.Key) []blocking.Key {
			if y := r.BirthYear(); y != 0 && r.Name.GivenFoldedPhonetic() != "" {
				var h blocking.Hasher
				h.WriteString(r.Name.GivenFoldedPhonetic())
				h.WriteInt(int64(y))
				dst = append(dst, h.Key())
			}
			return dst
		}),
		blocking.Exact(RuleFamilyGiven, func(r *Record, dst []blocking.Key) []blocking.Key {
			if r.Name.GivenFold() != "" {
				dst = append(dst, blocking.KeyOf(r.Name.FamilyFold(), r.Name.GivenFold()))
			}
			return dst
		}),
		blocking.Exact(RulePhoneGivenInit, func(r *Record, dst []blocking.Key) []blocking.Key {
			if g := r.Name.GivenFold(); r.Phone != 0 && g != "" {
				var h blocking.Hasher
				h.WriteInt(int64(r.Phone))
				h.WriteString(g[:1])
				dst = append(dst, h.Key())
			}
			return dst
		}),
		blocking.Exact(RuleBirthDatePlace, func(r *Record, dst []blocking.Key) []blocking.Key {
			if d, ok := r.Birth.DaysSinceEpoch(); ok && r.Place != 0 {
				dst = append(dst, blocking.KeyOfInts(int64(d), int64(r.Place)))
			}
			return dst
		}),
	}
}

// ruleComparisons lists, for each default rule, the comparisons that all its
// pairs agree on, which its EM training round leaves out.
var ruleComparisons = map[string][]string{
	RuleNationalID:     {CompareNationalID},
	RuleBHXH:           {CompareBHXH},
	RuleBirthYearWard:  {CompareBirthDate, CompareAddress},
	RuleGivenBirthYear: {CompareName, CompareBirthDate},
	RuleFamilyGiven:    {CompareName},
	RulePhoneGivenInit: {ComparePhone},
	RuleBirthDatePlace: {CompareBirthDate, CompareAddress},
}
