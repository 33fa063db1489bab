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

// BirthYearWardMaxBlock is the birth_year_ward rule's own block cap. The
// rule pairs everyone born in one year in one ward: in a commune of 50,000
// its blocks hold hundreds of records and would give 3 to 6 million pairs,
// nine in ten of all candidates, for no true pair the other rules miss
// (measured on the synthetic commune: duplicate and link F1 equal with and
// without its crowded blocks). Above the cap a block is split by family
// name and given initial, or by birth month, so the rule still pairs a
// mistyped given name or birth day within a year and a ward.
const BirthYearWardMaxBlock = 30

// Key tags keep the keys of different fields apart inside one rule.
const (
	tagCCCD = iota + 1
	tagCMND
	tagName  // secondary key: a name
	tagMonth // secondary key: the birth month
	tagDay   // secondary key: the birth month and day
)

// PlanRule is one rule of a blocking plan with its part in training: the
// training plan is data, each rule defined once with what its pairs fix.
type PlanRule struct {
	// Rule is the blocking rule, with the secondary key that splits its
	// blocks above the cap (blocking.Rule.SplitBy) where one makes sense.
	Rule blocking.Rule[Record]
	// Agrees lists the comparisons (Compare* names) that all the rule's
	// pairs agree on: its EM training round leaves them out.
	Agrees []string
	// Train makes the rule's pairs an EM training round.
	Train bool
	// Prior marks the rule whose pairs the prior λ is estimated from: the
	// pairs with an equal valid CCCD must be among them. Train uses the
	// first such rule of DefaultPlan.
	Prior bool
}

// DefaultPlan returns the default blocking and training plan, an OR of
// exact rules tried in order (a pair is produced by the first rule that
// pairs it). Each rule is listed with its secondary split key, used only for
// blocks above the cap (blocking.DefaultMaxBlockSize records unless
// Options.MaxBlockSize says otherwise):
//
//	rule                       pairs records with the same    split by
//	national_id                CCCD, or CMND                  (skipped)
//	bhxh                       BHXH number                    (skipped)
//	birth_year_ward            birth year and ward            family name and given initial; birth month
//	given_phonetic_birth_year  loose phonetic given name,     family name; birth month
//	                           birth year
//	given_phonetic_month_day   loose phonetic given name,     family name; birth year
//	                           birth month and day
//	phone_given_initial        phone, first letter of the     birth year
//	                           folded given name
//	birth_date_place           full birth date, place         given initial
//	                           (hamlet or street)
//	family_given_place         folded family and given        birth year; birth month and day
//	                           names, place
//
// A split by "a; b" keeps the pairs that agree on a or on b; a clinic's
// phone number written on every patient is split by birth year. The ID
// rules have no split key: a number shared by more rows than the cap is a
// placeholder, not an identity, so its block is skipped (and reported)
// instead of yielding 5 billion pairs for 100,000 rows. Split, its
// sub-blocks would still count as pairs with an equal CCCD: they would
// inflate the prior and feed the national_id training round pairs of
// different people, so that Dedupe merges them; skipped, its rows are still
// paired by name and birth date by the later rules.
//
// birth_year_ward has its own, tighter cap (BirthYearWardMaxBlock): its
// blocks are split from 31 records on.
//
// The EM training rounds are national_id, bhxh and
// given_phonetic_birth_year; national_id is the prior's rule. A
// birth_year_ward round would add millions of pairs and, at city scale,
// converge on "same sex, similar name, different IDs" as its match class;
// the three rounds already leave every comparison in at least two of them.
// The rules after the first four catch pairs whose birth year is mistyped
// or missing and whose ID numbers are missing or mistyped. On the default
// 50,000-person synthetic commune they give 700,603 candidate pairs in the
// EHR extract (49,038 records; reduction ratio 0.99942, pairs completeness
// 0.99950) and 940,619 from the EHR to the registry (pairs completeness
// 0.99968); with birth_year_ward uncapped and a training round they gave
// 3.3 and 6.5 million, for 0.99975 and 0.99975. Reconcile's EHR duplicate
// pairwise F1 is 0.99862 (0.99849 before) and its link F1 0.99941
// (0.99942), in 40% less time (see benchmarks/accuracy).
func DefaultPlan() []PlanRule {
	return []PlanRule{
		{
			Rule:   blocking.Exact(RuleNationalID, nationalIDKeys),
			Agrees: []string{CompareNationalID}, Train: true, Prior: true,
		},
		{
			Rule:   blocking.Exact(RuleBHXH, bhxhKeys),
			Agrees: []string{CompareBHXH}, Train: true,
		},
		{
			Rule: blocking.Exact(RuleBirthYearWard, birthYearWardKeys).
				MaxBlockSize(BirthYearWardMaxBlock).SplitBy(familyGivenInitialOrMonth),
			Agrees: []string{CompareBirthDate, CompareAddress},
		},
		{
			Rule:   blocking.Exact(RuleGivenBirthYear, givenBirthYearKeys).SplitBy(familyOrMonth),
			Agrees: []string{CompareName, CompareBirthDate}, Train: true,
		},
		{
			Rule:   blocking.Exact(RuleGivenMonthDay, givenMonthDayKeys).SplitBy(familyOrYear),
			Agrees: []string{CompareName},
		},
		{
			Rule:   blocking.Exact(RulePhoneGivenInit, phoneGivenInitialKeys).SplitBy(birthYearKey),
			Agrees: []string{ComparePhone},
		},
		{
			Rule:   blocking.Exact(RuleBirthDatePlace, birthDatePlaceKeys).SplitBy(givenInitialKey),
			Agrees: []string{CompareBirthDate, CompareAddress},
		},
		{
			Rule:   blocking.Exact(RuleFamilyGivenPlace, familyGivenPlaceKeys).SplitBy(yearOrMonthDay),
			Agrees: []string{CompareName, CompareAddress},
		},
	}
}

// DefaultRules returns the blocking rules of DefaultPlan, in order.
func DefaultRules() []blocking.Rule[Record] {
	return PlanRules(DefaultPlan())
}

// PlanRules returns the blocking rules of a plan, in order.
func PlanRules(plan []PlanRule) []blocking.Rule[Record] {
	out := make([]blocking.Rule[Record], len(plan))
	for i, p := range plan {
		out[i] = p.Rule
	}
	return out
}

// PlanTraining returns the EM training rounds of a plan: one per rule with
// Train set, in order, each leaving out the comparisons the rule's pairs
// agree on.
func PlanTraining(plan []PlanRule) []TrainingRule {
	var out []TrainingRule
	for _, p := range plan {
		if p.Train {
			out = append(out, TrainingRule{Rule: p.Rule, Exclude: p.Agrees})
		}
	}
	return out
}

// planPriorRule returns the first rule of plan marked Prior.
func planPriorRule(plan []PlanRule) (blocking.Rule[Record], bool) {
	for _, p := range plan {
		if p.Prior {
			return p.Rule, true
		}
	}
	return blocking.Rule[Record]{}, false
}

// Primary keys of the default rules.

func nationalIDKeys(r *Record, dst []blocking.Key) []blocking.Key {
	if r.CCCD != 0 {
		dst = append(dst, blocking.KeyOfInts(tagCCCD, int64(r.CCCD)))
	}
	if r.CMND != 0 {
		dst = append(dst, blocking.KeyOfInts(tagCMND, int64(r.CMND)))
	}
	return dst
}

func bhxhKeys(r *Record, dst []blocking.Key) []blocking.Key {
	if r.BHXH != 0 {
		dst = append(dst, blocking.KeyOfInts(int64(r.BHXH)))
	}
	return dst
}

func birthYearWardKeys(r *Record, dst []blocking.Key) []blocking.Key {
	if y := r.BirthYear(); y != 0 && r.Ward != 0 {
		dst = append(dst, blocking.KeyOfInts(int64(y), int64(r.Ward)))
	}
	return dst
}

func givenBirthYearKeys(r *Record, dst []blocking.Key) []blocking.Key {
	if y := r.BirthYear(); y != 0 && r.Name.GivenFoldedPhonetic() != "" {
		var h blocking.Hasher
		h.WriteString(r.Name.GivenFoldedPhonetic())
		h.WriteInt(int64(y))
		dst = append(dst, h.Key())
	}
	return dst
}

func givenMonthDayKeys(r *Record, dst []blocking.Key) []blocking.Key {
	if g := r.Name.GivenFoldedPhonetic(); g != "" && r.Birth.Precision() == normalize.PrecisionDay {
		var h blocking.Hasher
		h.WriteString(g)
		h.WriteInt(int64(r.Birth.Month()*100 + r.Birth.Day()))
		dst = append(dst, h.Key())
	}
	return dst
}

func phoneGivenInitialKeys(r *Record, dst []blocking.Key) []blocking.Key {
	if g := r.Name.GivenFold(); r.Phone != 0 && g != "" {
		var h blocking.Hasher
		h.WriteInt(int64(r.Phone))
		h.WriteString(g[:1])
		dst = append(dst, h.Key())
	}
	return dst
}

func birthDatePlaceKeys(r *Record, dst []blocking.Key) []blocking.Key {
	if d, ok := r.Birth.DaysSinceEpoch(); ok && r.Place != 0 {
		dst = append(dst, blocking.KeyOfInts(int64(d), int64(r.Place)))
	}
	return dst
}

func familyGivenPlaceKeys(r *Record, dst []blocking.Key) []blocking.Key {
	if g := r.Name.GivenFold(); g != "" && r.Place != 0 {
		var h blocking.Hasher
		h.WriteString(r.Name.FamilyFold())
		h.WriteString(g)
		h.WriteInt(int64(r.Place))
		dst = append(dst, h.Key())
	}
	return dst
}

// Secondary (split) keys. Each appends nothing for a missing field, so the
// record leaves an oversized block that it cannot be placed in.

func givenInitialKey(r *Record, dst []blocking.Key) []blocking.Key {
	if g := r.Name.GivenFold(); g != "" {
		dst = append(dst, blocking.KeyOf(g[:1]))
	}
	return dst
}

func birthYearKey(r *Record, dst []blocking.Key) []blocking.Key {
	if y := r.BirthYear(); y != 0 {
		dst = append(dst, blocking.KeyOfInts(int64(y)))
	}
	return dst
}

// appendFamily appends the key of the folded family name, and with
// givenInitial the first letter of the folded given name too.
func appendFamily(r *Record, dst []blocking.Key, givenInitial bool) []blocking.Key {
	f, g := r.Name.FamilyFold(), r.Name.GivenFold()
	if f == "" || (givenInitial && g == "") {
		return dst
	}
	var h blocking.Hasher
	h.WriteInt(tagName)
	h.WriteString(f)
	if givenInitial {
		h.WriteString(g[:1])
	}
	return append(dst, h.Key())
}

// appendMonth appends the key of the birth month when it is known.
func appendMonth(r *Record, dst []blocking.Key) []blocking.Key {
	if p := r.Birth.Precision(); p == normalize.PrecisionMonth || p == normalize.PrecisionDay {
		dst = append(dst, blocking.KeyOfInts(tagMonth, int64(r.Birth.Month())))
	}
	return dst
}

func familyGivenInitialOrMonth(r *Record, dst []blocking.Key) []blocking.Key {
	return appendMonth(r, appendFamily(r, dst, true))
}

func familyOrMonth(r *Record, dst []blocking.Key) []blocking.Key {
	return appendMonth(r, appendFamily(r, dst, false))
}

func familyOrYear(r *Record, dst []blocking.Key) []blocking.Key {
	return birthYearKey(r, appendFamily(r, dst, false))
}

func yearOrMonthDay(r *Record, dst []blocking.Key) []blocking.Key {
	dst = birthYearKey(r, dst)
	if r.Birth.Precision() == normalize.PrecisionDay {
		dst = append(dst, blocking.KeyOfInts(tagDay, int64(r.Birth.Month()*100+r.Birth.Day())))
	}
	return dst
}
