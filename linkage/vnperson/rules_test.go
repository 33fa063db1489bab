package vnperson_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vnlink/vnlink/blocking"
	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

func TestDefaultPlanIsConsistent(t *testing.T) {
	plan := vnperson.DefaultPlan()
	comparisons := map[string]bool{}
	for _, c := range vnperson.DefaultComparisons() {
		comparisons[c.Name] = true
	}
	var names, train, prior []string
	for _, p := range plan {
		names = append(names, p.Rule.Name())
		if p.Train {
			train = append(train, p.Rule.Name())
		}
		if p.Prior {
			prior = append(prior, p.Rule.Name())
		}
		require.NotEmpty(t, p.Agrees, "rule %s", p.Rule.Name())
		for _, a := range p.Agrees {
			assert.True(t, comparisons[a], "rule %s agrees on unknown comparison %q", p.Rule.Name(), a)
		}
	}
	assert.Equal(t, []string{vnperson.RuleNationalID, vnperson.RuleBHXH, vnperson.RuleBirthYearWard,
		vnperson.RuleGivenBirthYear, vnperson.RuleGivenYearPlace, vnperson.RuleGivenBirthDate,
		vnperson.RuleGivenMonthDay, vnperson.RulePhoneGivenInit, vnperson.RuleBirthDatePlace,
		vnperson.RuleNamePlace, vnperson.RuleNameBirthYear}, names)
	assert.Equal(t, []string{vnperson.RuleNationalID, vnperson.RuleBHXH, vnperson.RuleGivenBirthYear}, train)
	assert.Equal(t, []string{vnperson.RuleNationalID}, prior)

	var ruleNames []string
	for _, r := range vnperson.DefaultRules() {
		ruleNames = append(ruleNames, r.Name())
	}
	assert.Equal(t, names, ruleNames)
	// DefaultTraining is the plan's training rounds.
	type round struct {
		Rule    string
		Exclude []string
	}
	rounds := func(trs []vnperson.TrainingRule) []round {
		var out []round
		for _, tr := range trs {
			out = append(out, round{tr.Rule.Name(), tr.Exclude})
		}
		return out
	}
	assert.Equal(t, rounds(vnperson.PlanTraining(plan)), rounds(vnperson.DefaultTraining()))
	assert.Equal(t, []round{
		{vnperson.RuleNationalID, []string{vnperson.CompareNationalID}},
		{vnperson.RuleBHXH, []string{vnperson.CompareBHXH}},
		{vnperson.RuleGivenBirthYear, []string{vnperson.CompareName, vnperson.CompareBirthDate, vnperson.CompareAddress}},
	}, rounds(vnperson.PlanTraining(plan)))
	// Every comparison is estimated in at least two training rounds.
	for name := range comparisons {
		in := 0
		for _, tr := range vnperson.PlanTraining(plan) {
			if !slices.Contains(tr.Exclude, name) {
				in++
			}
		}
		assert.GreaterOrEqual(t, in, 2, "comparison %s", name)
	}
}

// sharedCCCD returns the people of community(n, seed) all written with one
// placeholder CCCD, the truth labels and that CCCD.
func sharedCCCD(n int, seed uint64) ([]vnperson.Person, []int32, string) {
	people, truth := community(n, seed)
	const placeholder = "001190000001"
	for i := range people {
		people[i].NationalID = placeholder
	}
	return people, truth, placeholder
}

// TestSharedCCCDIsSkipped checks that a block of thousands of records
// sharing a CCCD (a placeholder) is skipped and reported, while the other
// rules still pair those records.
func TestSharedCCCDIsSkipped(t *testing.T) {
	people, _, _ := sharedCCCD(3000, 3)
	recs := prepare(t, people...)
	b, err := blocking.New(blocking.Options{}, vnperson.DefaultRules()...)
	require.NoError(t, err)
	c, err := b.Dedupe(recs)
	require.NoError(t, err)
	// The crowded birth_year_ward blocks are split or skipped by design
	// (see BirthYearWardMaxBlock); the CCCD block is the other one.
	var over []blocking.OversizeBlock
	for _, o := range c.Oversized() {
		if o.RuleName != vnperson.RuleBirthYearWard {
			over = append(over, o)
		}
	}
	require.Len(t, over, 1)
	assert.Equal(t, blocking.OversizeBlock{Rule: 0, RuleName: vnperson.RuleNationalID, Key: over[0].Key,
		Size: len(recs), Pairs: int64(len(recs) * (len(recs) - 1) / 2), Action: blocking.ActionSkipped}, over[0])
	byRule := make([]int, len(c.RuleNames()))
	for p := range c.Pairs() {
		byRule[p.Rule]++
	}
	assert.Zero(t, byRule[0])
	assert.Positive(t, byRule[2]+byRule[3], "the later rules still pair the records")
}

// TestSplitKeepsPairsAgreeingOnSecondaryKey checks the split of an
// oversized birth_year_ward block: the pairs kept agree on the family name
// and given initial, or on the birth month.
func TestSplitKeepsPairsAgreeingOnSecondaryKey(t *testing.T) {
	people, _ := community(6000, 4)
	for i := range people {
		d := people[i].BirthDate // one year, one ward
		people[i].BirthDate = d[:len(d)-4] + "1990"
	}
	recs := prepare(t, people...)
	rule := vnperson.DefaultRules()[2]
	require.Equal(t, vnperson.RuleBirthYearWard, rule.Name())
	b, err := blocking.New(blocking.Options{}, rule)
	require.NoError(t, err)
	c, err := b.Dedupe(recs)
	require.NoError(t, err)
	over := c.Oversized()
	require.NotEmpty(t, over)
	assert.Equal(t, blocking.ActionSplit, over[0].Action)
	for _, o := range over[1:] {
		assert.True(t, o.SubBlock, "%+v", o)
	}
	var pairs, byName, byMonth int
	for p := range c.Pairs() {
		a, b := &recs[p.A], &recs[p.B]
		name := a.Name.FamilyFold() == b.Name.FamilyFold() && a.Name.GivenFold()[:1] == b.Name.GivenFold()[:1]
		month := a.Birth.Month() == b.Birth.Month()
		require.True(t, name || month, "pair %v agrees on neither secondary key", p)
		pairs++
		if name {
			byName++
		}
		if month {
			byMonth++
		}
	}
	n := len(recs)
	assert.Positive(t, byName)
	assert.Positive(t, byMonth)
	assert.Less(t, pairs, n*blocking.DefaultMaxBlockSize/2)
	assert.Less(t, pairs, n*(n-1)/2/4)
}

// TestDedupeSharedCCCD runs Dedupe on 20,000 people who all carry one
// placeholder CCCD: the candidate pairs stay bounded and the people are not
// merged into one.
func TestDedupeSharedCCCD(t *testing.T) {
	if testing.Short() {
		t.Skip("20,000 people")
	}
	people, truth, _ := sharedCCCD(20_000, 5)
	n := len(people)
	recs := prepare(t, people...)
	pairs, over := comparisons(t, blocking.Options{}, recs, vnperson.DefaultRules()...)
	t.Logf("%d records, %d candidate pairs (%.1f per record), %d oversized blocks", n, pairs, float64(pairs)/float64(n), over)
	// Without the cap the national_id block alone has n(n-1)/2 pairs;
	// skipped, the other rules pair the records as without the placeholder.
	assert.Less(t, pairs, int64(n)*int64(n-1)/2/10)
	own, _ := community(20_000, 5)
	ownPairs, _ := comparisons(t, blocking.Options{}, prepare(t, own...), vnperson.DefaultRules()...)
	assert.LessOrEqual(t, pairs, ownPairs)

	res, err := vnperson.Dedupe(people, testOptions())
	require.NoError(t, err)
	sizes, largest := clusterSizes(res.Clusters)
	m, err := linkage.EvaluateClusters(res.Clusters, truth)
	require.NoError(t, err)
	t.Logf("%d clusters, largest %d records, pairwise %+v", len(sizes), largest, m.Pairwise)
	assert.Less(t, largest, 20, "records sharing a placeholder CCCD must not become one person")
	assert.Greater(t, len(sizes), n/2)
}

// planRule returns the rule of DefaultPlan named name.
func planRule(t *testing.T, name string) blocking.Rule[vnperson.Record] {
	t.Helper()
	for _, p := range vnperson.DefaultPlan() {
		if p.Rule.Name() == name {
			return p.Rule
		}
	}
	t.Fatalf("no rule %s in DefaultPlan", name)
	return blocking.Rule[vnperson.Record]{}
}

// rulePairs returns the pairs (as record positions, lower first) one rule
// gives on recs on their own.
func rulePairs(t *testing.T, rule blocking.Rule[vnperson.Record], recs []vnperson.Record) map[[2]int32]bool {
	t.Helper()
	b, err := blocking.New(blocking.Options{}, rule)
	require.NoError(t, err)
	c, err := b.Dedupe(recs)
	require.NoError(t, err)
	out := map[[2]int32]bool{}
	for p := range c.Pairs() {
		out[[2]int32{min(p.A, p.B), max(p.A, p.B)}] = true
	}
	return out
}

// TestWardScopedRules checks which rules pair two records of one person
// written in two wards, or without a ward: the ward-scoped name rules pair
// records of one ward only (ward 0, no ward, is a ward of its own), the
// city-wide given_phonetic_birth_date pairs them across wards and with a
// record without a ward, and so do the place rules when the hamlet is the
// same.
func TestWardScopedRules(t *testing.T) {
	base := prepare(t, vnperson.Person{ID: "1", FullName: "Nguyễn Thị Lan", BirthDate: "03/04/1990",
		Address: "Thôn Đoài, xã Ngọc Hồi, thành phố Hà Nội"})[0]
	require.NotZero(t, base.Ward)
	require.NotZero(t, base.Place)
	tests := []struct {
		name         string
		wardA, wardB uint64
		scoped       bool // the ward-scoped rules pair them
	}{
		{"same ward", base.Ward, base.Ward, true},
		{"two wards", base.Ward, base.Ward + 1, false},
		{"both without a ward", 0, 0, true},
		{"one without a ward", base.Ward, 0, false},
	}
	scoped := []string{vnperson.RuleGivenBirthYear}
	// The place rules pair the two records: they share the hamlet.
	cityWide := []string{vnperson.RuleGivenBirthDate, vnperson.RuleGivenYearPlace, vnperson.RuleGivenMonthDay,
		vnperson.RuleNameBirthYear,
		vnperson.RuleBirthDatePlace, vnperson.RuleNamePlace}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs := []vnperson.Record{base, base}
			recs[0].Ward, recs[1].Ward = tt.wardA, tt.wardB
			recs[1].Row = 1
			for _, name := range scoped {
				got := rulePairs(t, planRule(t, name), recs)
				assert.Equal(t, tt.scoped, got[[2]int32{0, 1}], "rule %s", name)
			}
			for _, name := range cityWide {
				got := rulePairs(t, planRule(t, name), recs)
				assert.True(t, got[[2]int32{0, 1}], "rule %s", name)
			}
		})
	}
}

// TestWardScopedPairsGrowWithTheCommune builds a city of k communes, each
// a copy of one commune's records under its own ward key and hamlet
// names, and checks that the ward- and place-scoped name rules give k
// times the pairs of one commune: they grow with the city, not with its
// square, as the city-wide given name and birth year key did.
func TestWardScopedPairsGrowWithTheCommune(t *testing.T) {
	people, _ := community(2000, 11)
	one := prepare(t, people...)
	city := func(k int) []vnperson.Record {
		var out []vnperson.Record
		for c := range k {
			for _, r := range one {
				r.Ward = uint64(1000 + c)
				if r.Place != 0 {
					r.Place = r.Place*31 + uint64(c) // hamlets of another commune
				}
				r.Row = int32(len(out))
				out = append(out, r)
			}
		}
		return out
	}
	count := func(rule blocking.Rule[vnperson.Record], recs []vnperson.Record) int64 {
		n, _ := comparisons(t, blocking.Options{MaxBlockSize: blocking.NoBlockCap}, recs, rule)
		return n
	}
	const k = 4
	for _, name := range []string{vnperson.RuleGivenBirthYear, vnperson.RuleGivenYearPlace,
		vnperson.RuleGivenMonthDay, vnperson.RuleBirthDatePlace, vnperson.RuleNamePlace} {
		rule := planRule(t, name)
		n1, nk := count(rule, one), count(rule, city(k))
		require.Positive(t, n1, "rule %s", name)
		assert.Equal(t, k*n1, nk, "rule %s", name)
	}
	// The strict city-wide rule pairs every copy with the k-1 others (the
	// same person in k communes) and grows with k² only through them.
	strict := planRule(t, vnperson.RuleGivenBirthDate)
	n1, nk := count(strict, one), count(strict, city(k))
	assert.LessOrEqual(t, nk, int64(k*k)*n1+int64(k*(k-1)/2*len(one)))
}

// comparisons returns the candidate pairs the rules give recs (sum over
// the rules of Counts().Comparisons) and the number of oversized blocks.
func comparisons(t *testing.T, opts blocking.Options, recs []vnperson.Record, rules ...blocking.Rule[vnperson.Record]) (int64, int) {
	t.Helper()
	b, err := blocking.New(opts, rules...)
	require.NoError(t, err)
	c, err := b.Dedupe(recs)
	require.NoError(t, err)
	var n int64
	for _, rc := range c.Counts() {
		n += rc.Comparisons
	}
	return n, len(c.Oversized())
}

// TestNameRulesBoundedInACity builds cities of 16 and 64 communes, each
// commune a copy of one commune's records under its own ward key but with
// the same hamlet names ("Thôn 1" recurs in every commune), and checks that
// the rules capped at NameMaxBlock yield fewer than NameMaxBlock−1 pairs per
// record (a record has two secondary keys at most) and no more pairs per
// record in the larger city, while without the cap the pairs per record of
// the place and city-wide rules grow with the city.
func TestNameRulesBoundedInACity(t *testing.T) {
	people, _ := community(1000, 5)
	one := prepare(t, people...)
	city := func(k int) []vnperson.Record {
		out := make([]vnperson.Record, 0, k*len(one))
		for c := range k {
			for _, r := range one {
				r.Ward = uint64(1000 + c)
				r.Row = int32(len(out))
				out = append(out, r)
			}
		}
		return out
	}
	// perRecord returns the rule's pairs per record of recs and the number
	// of its oversized blocks.
	perRecord := func(opts blocking.Options, rule blocking.Rule[vnperson.Record], recs []vnperson.Record) (float64, int) {
		pairs, over := comparisons(t, opts, recs, rule)
		return float64(pairs) / float64(len(recs)), over
	}
	small, large := city(16), city(64)
	noCap := blocking.Options{MaxBlockSize: blocking.NoBlockCap}
	for _, name := range []string{vnperson.RuleGivenBirthYear, vnperson.RuleGivenYearPlace,
		vnperson.RuleGivenBirthDate, vnperson.RuleGivenMonthDay, vnperson.RuleBirthDatePlace,
		vnperson.RuleNamePlace, vnperson.RuleNameBirthYear} {
		rule := planRule(t, name)
		assert.Equal(t, vnperson.NameMaxBlock, rule.Cap(blocking.Options{}), "rule %s", name)
		cappedSmall, _ := perRecord(blocking.Options{}, rule, small)
		cappedLarge, over := perRecord(blocking.Options{}, rule, large)
		uncappedSmall, _ := perRecord(noCap, rule, small)
		uncappedLarge, _ := perRecord(noCap, rule, large)
		assert.Less(t, cappedLarge, float64(vnperson.NameMaxBlock-1), "rule %s", name)
		if name == vnperson.RuleGivenBirthYear {
			// Scoped by the ward: the communes never meet, and the pairs
			// per record are those of one commune at any size.
			assert.InDelta(t, uncappedSmall, uncappedLarge, 1e-9, "rule %s", name)
			assert.InDelta(t, uncappedLarge, cappedLarge, 1e-9, "rule %s", name)
			continue
		}
		assert.Greater(t, uncappedLarge, 3*uncappedSmall, "rule %s: its blocks span the city", name)
		assert.LessOrEqual(t, cappedLarge, cappedSmall, "rule %s: pairs per record grow with the city", name)
		assert.Positive(t, over, "rule %s: oversized blocks are reported", name)
	}
}

func ExampleDefaultPlan() {
	for _, p := range vnperson.DefaultPlan() {
		fmt.Println(p.Rule.Name(), p.Agrees, p.Train, p.Prior)
	}
	// Output:
	// national_id [national_id] true true
	// bhxh [bhxh] true false
	// birth_year_ward [birth_date address] false false
	// given_phonetic_birth_year_ward [name birth_date address] true false
	// given_phonetic_birth_year_place [name birth_date address] false false
	// given_phonetic_birth_date [name birth_date] false false
	// given_phonetic_month_day_place [name] false false
	// phone_given_initial [phone] false false
	// birth_date_place [birth_date address] false false
	// name_phonetic_place [name address] false false
	// name_phonetic_birth_year [name] false false
}

func ExamplePlanTraining() {
	// A plan of two rules, one of which is a training round.
	plan := vnperson.DefaultPlan()
	plan = []vnperson.PlanRule{plan[0], plan[4]}
	for _, tr := range vnperson.PlanTraining(plan) {
		fmt.Println(tr.Rule.Name(), tr.Exclude)
	}
	fmt.Println(len(vnperson.PlanRules(plan)))
	// Output:
	// national_id [national_id]
	// 2
}

// BenchmarkDedupeSharedCCCD times Dedupe on people who all carry one
// placeholder CCCD:
//
//	go test -run '^$' -bench SharedCCCD -benchmem ./linkage/vnperson/
func BenchmarkDedupeSharedCCCD(b *testing.B) {
	for _, n := range []int{20_000, 100_000} {
		people, _, _ := sharedCCCD(n*5/6, 5) // about n rows with the duplicates
		b.Run(fmt.Sprint(len(people)/1000, "k"), func(b *testing.B) {
			for b.Loop() {
				res, err := vnperson.Dedupe(people, testOptions())
				if err != nil {
					b.Fatal(err)
				}
				_ = slices.Max(res.Clusters)
			}
		})
	}
}
