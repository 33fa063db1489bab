package vnperson

import (
	"github.com/vnlink/vnlink/blocking"
	"github.com/vnlink/vnlink/normalize"
)

// Blocking rule names of the default plan, in order.
const (
	RuleNationalID     = "national_id"
	RuleBHXH           = "bhxh"
	RuleBirthYearWard  = "birth_year_ward"
	RuleGivenBirthYear = "given_phonetic_birth_year_ward"
	RuleGivenYearPlace = "given_phonetic_birth_year_place"
	RuleGivenBirthDate = "given_phonetic_birth_date"
	RuleGivenMonthDay  = "given_phonetic_month_day_place"
	RulePhoneGivenInit = "phone_given_initial"
	RuleBirthDatePlace = "birth_date_place"
	RuleNamePlace      = "name_phonetic_place"
	RuleNameBirthYear  = "name_phonetic_birth_year"
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

// NameMaxBlock is the block cap of the seven rules keyed on a name, a birth
// date or a place (every default rule but the ID, phone and birth_year_ward
// rules). Their blocks are small in a commune (the largest holds 18
// records on the 50,000-person synthetic commune) but grow with the city:
// a common name born in one year, or a hamlet name such as "Thôn 1" that
// recurs in every commune, gathers people from all of them, so that
// without a cap of this size the rules' pairs grow with the square of the
// city (name_phonetic_birth_year alone gave 73 million pairs for 59 first
// links in a 3,000,000-person city). At most NameMaxBlock records a block,
// a rule yields fewer than NameMaxBlock/2 pairs per key a record gives,
// whatever the size of the city; above it the block is split by the rule's
// secondary key (DefaultPlan) and a sub-block still above it is skipped and
// reported.
const NameMaxBlock = 32

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
// blocks above the rule's cap: BirthYearWardMaxBlock for birth_year_ward,
// NameMaxBlock for the rules keyed on a name, a birth date or a place, and
// for the ID and phone rules blocking.DefaultMaxBlockSize records (the
// smaller of the rule's cap and Options.MaxBlockSize when it is set;
// blocking.NoBlockCap turns every cap off):
//
//	rule                             pairs records with the same      split by
//	national_id                      CCCD, or CMND                    (skipped)
//	bhxh                             BHXH number                      (skipped)
//	birth_year_ward                  birth year and ward              family name and given initial; birth month
//	given_phonetic_birth_year_ward   loose phonetic given name,       family name; birth month
//	                                 birth year, ward
//	given_phonetic_birth_year_place  loose phonetic given name,       family name; birth month
//	                                 birth year, place
//	given_phonetic_birth_date        loose phonetic given name,       family name
//	                                 full birth date
//	given_phonetic_month_day_place   loose phonetic given name,       family name; birth year
//	                                 birth month and day, place
//	phone_given_initial              phone, first letter of the       birth year
//	                                 folded given name
//	birth_date_place                 full birth date, place           given initial
//	name_phonetic_place              loose phonetic full name, place  birth year; birth month and day
//	name_phonetic_birth_year         loose phonetic full name,        birth month
//	                                 birth year
//
// The ward is the commune-level unit of the address (Record.Ward), the
// place the name of its hamlet or street (Record.Place).
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
// birth_year_ward's blocks are split from 31 records on, the name, date
// and place rules' from 33 on: with these caps every rule but the ID and
// phone rules yields a bounded number of pairs per record however large
// the city, and the whole plan's pairs grow with the number of records, not
// with its square (see NameMaxBlock). An ID or phone block above the
// default cap is a placeholder or a clinic's number, rare at any size.
//
// No rule pairs a loose name key city-wide without a specific second field:
// the name rules are scoped by the ward or by the place, and the city-wide
// ones ask for the full birth date (given_phonetic_birth_date: a person
// whose rows sit in two communes, moved or registered at two stations) or
// the full name and the birth year (name_phonetic_birth_year). A city-wide
// given name and birth year rule gave 100 million of the 137 million
// pairs of a 1,000,000-person city of 20 communes, growing with the square
// of the city. Scoping by the place and not only the ward matters: with no
// administrative-unit data (PrepareOptions.Resolver) an address written
// before the 2025 merger gets the old commune's ward key, and even with
// the built-in units part of an old commune can resolve to a neighbour,
// while the hamlet keeps its name; a place name such as "Thôn 1" repeats
// across communes, so place blocks still meet a few communes' people.
// Records without a ward (Ward 0) pair among themselves in the ward rules
// and with the others through the place and city-wide rules.
//
// The EM training rounds are national_id, bhxh and
// given_phonetic_birth_year_ward; national_id is the prior's rule. The
// last round leaves out the address with the name and the birth date: its
// pairs all share the ward, and kept in they inflated the address m (on
// the 50,000-person commune link F1 fell from 0.99942 to 0.99937). A
// birth_year_ward round would add millions of pairs and, at city scale,
// converge on "same sex, similar name, different IDs" as its match class;
// the three rounds leave every comparison in at least two of them.
//
// On the default 50,000-person synthetic commune the plan gives 382,185
// candidate pairs in the EHR extract (49,038 records; reduction ratio
// 0.99968, pairs completeness 0.99950) and 279,010 from the EHR to the
// registry (pairs completeness 0.99962; 295,950 before NameMaxBlock, for
// the same completeness); the plan with city-wide given name
// rules gave 700,603 and 940,619 pairs, for 0.99950 and 0.99968, and the
// same F1 (Dedupe 0.99749, Link 0.99942, Reconcile 0.99887 and 0.99943).
// On 1,000,000 people in 20 communes the candidate pairs (sum over rules)
// fall from 137 to 15 million in dedupe and from 257 to 27 million in
// link, at equal F1 (see benchmarks/README.md, "City scale"); NameMaxBlock
// then took the link's from 38.9 to 23.1 million at 1,000,000 people and
// from 224 to 87 million at 3,000,000 (in 60 communes), for 164 links of
// 2,885,456 and the same link F1 (0.99888).
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
			Rule: blocking.Exact(RuleGivenBirthYear, givenBirthYearKeys).
				MaxBlockSize(NameMaxBlock).SplitBy(familyOrMonth),
			Agrees: []string{CompareName, CompareBirthDate, CompareAddress}, Train: true,
		},
		{
			Rule: blocking.Exact(RuleGivenYearPlace, givenYearPlaceKeys).
				MaxBlockSize(NameMaxBlock).SplitBy(familyOrMonth),
			Agrees: []string{CompareName, CompareBirthDate, CompareAddress},
		},
		{
			Rule: blocking.Exact(RuleGivenBirthDate, givenBirthDateKeys).
				MaxBlockSize(NameMaxBlock).SplitBy(familyKey),
			Agrees: []string{CompareName, CompareBirthDate},
		},
		{
			Rule: blocking.Exact(RuleGivenMonthDay, givenMonthDayKeys).
				MaxBlockSize(NameMaxBlock).SplitBy(familyOrYear),
			Agrees: []string{CompareName},
		},
		{
			Rule:   blocking.Exact(RulePhoneGivenInit, phoneGivenInitialKeys).SplitBy(birthYearKey),
			Agrees: []string{ComparePhone},
		},
		{
			Rule: blocking.Exact(RuleBirthDatePlace, birthDatePlaceKeys).
				MaxBlockSize(NameMaxBlock).SplitBy(givenInitialKey),
			Agrees: []string{CompareBirthDate, CompareAddress},
		},
		{
			Rule: blocking.Exact(RuleNamePlace, namePlaceKeys).
				MaxBlockSize(NameMaxBlock).SplitBy(yearOrMonthDay),
			Agrees: []string{CompareName, CompareAddress},
		},
		{
			Rule: blocking.Exact(RuleNameBirthYear, nameBirthYearKeys).
				MaxBlockSize(NameMaxBlock).SplitBy(monthKey),
			Agrees: []string{CompareName},
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

// Scoping. A loose name key alone (given name and birth year) pairs
// people across the whole city, and its pairs grow with the square of the
// population; the name rules below are scoped by the ward (Record.Ward) or
// by the place (Record.Place, the hamlet or street) instead. The ward key
// is written with ward 0 for a record without a ward, so such records pair
// among themselves; with a record that has a ward, and across wards, they
// pair through the city-wide rules (the ID rules, phone_given_initial,
// given_phonetic_birth_date and name_phonetic_birth_year).

func givenBirthYearKeys(r *Record, dst []blocking.Key) []blocking.Key {
	if y := r.BirthYear(); y != 0 && r.Name.GivenFoldedPhonetic() != "" {
		var h blocking.Hasher
		h.WriteString(r.Name.GivenFoldedPhonetic())
		h.WriteInt(int64(y))
		h.WriteInt(int64(r.Ward))
		dst = append(dst, h.Key())
	}
	return dst
}

func givenYearPlaceKeys(r *Record, dst []blocking.Key) []blocking.Key {
	if y := r.BirthYear(); y != 0 && r.Place != 0 && r.Name.GivenFoldedPhonetic() != "" {
		var h blocking.Hasher
		h.WriteString(r.Name.GivenFoldedPhonetic())
		h.WriteInt(int64(y))
		h.WriteInt(int64(r.Place))
		dst = append(dst, h.Key())
	}
	return dst
}

func givenBirthDateKeys(r *Record, dst []blocking.Key) []blocking.Key {
	if g := r.Name.GivenFoldedPhonetic(); g != "" {
		if d, ok := r.Birth.DaysSinceEpoch(); ok {
			var h blocking.Hasher
			h.WriteString(g)
			h.WriteInt(int64(d))
			dst = append(dst, h.Key())
		}
	}
	return dst
}

func givenMonthDayKeys(r *Record, dst []blocking.Key) []blocking.Key {
	if g := r.Name.GivenFoldedPhonetic(); g != "" && r.Birth.Precision() == normalize.PrecisionDay {
		var h blocking.Hasher
		h.WriteString(g)
		h.WriteInt(int64(r.Birth.Month()*100 + r.Birth.Day()))
		h.WriteInt(int64(r.Place))
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

func namePlaceKeys(r *Record, dst []blocking.Key) []blocking.Key {
	if n := r.Name.FoldedPhonetic(); n != "" && r.Place != 0 {
		var h blocking.Hasher
		h.WriteString(n)
		h.WriteInt(int64(r.Place))
		dst = append(dst, h.Key())
	}
	return dst
}

func nameBirthYearKeys(r *Record, dst []blocking.Key) []blocking.Key {
	if n := r.Name.FoldedPhonetic(); n != "" && r.BirthYear() != 0 {
		var h blocking.Hasher
		h.WriteString(n)
		h.WriteInt(int64(r.BirthYear()))
		dst = append(dst, h.Key())
	}
	return dst
}

func monthKey(r *Record, dst []blocking.Key) []blocking.Key {
	return appendMonth(r, dst)
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

func familyKey(r *Record, dst []blocking.Key) []blocking.Key {
	return appendFamily(r, dst, false)
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
