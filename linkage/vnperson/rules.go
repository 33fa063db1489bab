package vnperson

import (
	"github.com/vnlink/vnlink/blocking"
	"github.com/vnlink/vnlink/normalize"
)

// Blocking rule names of the default plan, in order.
const (
	RuleNationalID       = "national_id"
	RuleBHXH             = "bhxh"
	RuleBirthYearWard    = "birth_year_ward"
	RuleGivenBirthYear   = "given_phonetic_birth_year"
	RuleGivenMonthDay    = "given_phonetic_month_day"
	RulePhoneGivenInit   = "phone_given_initial"
	RuleBirthDatePlace   = "birth_date_place"
	RuleFamilyGivenPlace = "family_given_place"
)

// Key tags keep the keys of different fields apart inside one rule.
const (
	tagCCCD = iota + 1
	tagCMND
)

// DefaultRules returns the default blocking plan, an OR of exact rules tried
// in order (a pair is produced by the first rule that pairs it):
//
//	national_id                same CCCD, or same CMND
//	bhxh                       same BHXH number
//	birth_year_ward            same birth year and ward
//	given_phonetic_birth_year  same loose phonetic key of the given name, same birth year
//	given_phonetic_month_day   same loose phonetic given name, same birth month and day
//	phone_given_initial        same phone and first letter of the folded given name
//	birth_date_place           same full birth date and place (hamlet or street)
//	family_given_place         same folded family and given names and place
//
// The rules after the first four catch pairs whose birth year is mistyped or
// missing and whose ID numbers are missing or mistyped. On the default
// 50,000-person synthetic commune (EHR extract, 49,038 records) they give
// 3.3 million candidate pairs, a reduction ratio of 0.9972 and a pairs
// completeness of 0.99975; the first four alone reach 0.9952 (see
// benchmarks/accuracy).
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
		blocking.Exact(RuleGivenMonthDay, func(r *Record, dst []blocking.Key) []blocking.Key {
			if g := r.Name.GivenFoldedPhonetic(); g != "" && r.Birth.Precision() == normalize.PrecisionDay {
				var h blocking.Hasher
				h.WriteString(g)
				h.WriteInt(int64(r.Birth.Month()*100 + r.Birth.Day()))
				dst = append(dst, h.Key())
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
		blocking.Exact(RuleFamilyGivenPlace, func(r *Record, dst []blocking.Key) []blocking.Key {
			if g := r.Name.GivenFold(); g != "" && r.Place != 0 {
				var h blocking.Hasher
				h.WriteString(r.Name.FamilyFold())
				h.WriteString(g)
				h.WriteInt(int64(r.Place))
				dst = append(dst, h.Key())
			}
			return dst
		}),
	}
}

// ruleComparisons lists, for each default rule, the comparisons that all its
// pairs agree on, which its EM training round leaves out.
var ruleComparisons = map[string][]string{
	RuleNationalID:       {CompareNationalID},
	RuleBHXH:             {CompareBHXH},
	RuleBirthYearWard:    {CompareBirthDate, CompareAddress},
	RuleGivenBirthYear:   {CompareName, CompareBirthDate},
	RuleGivenMonthDay:    {CompareName},
	RulePhoneGivenInit:   {ComparePhone},
	RuleBirthDatePlace:   {CompareBirthDate, CompareAddress},
	RuleFamilyGivenPlace: {CompareName, CompareAddress},
}
