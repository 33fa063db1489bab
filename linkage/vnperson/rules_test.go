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
		vnperson.RuleGivenBirthYear, vnperson.RuleGivenMonthDay, vnperson.RulePhoneGivenInit,
		vnperson.RuleBirthDatePlace, vnperson.RuleFamilyGivenPlace}, names)
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
		{vnperson.RuleGivenBirthYear, []string{vnperson.CompareName, vnperson.CompareBirthDate}},
	}, rounds(vnperson.PlanTraining(plan)))
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
	b, err := blocking.New(blocking.Options{}, vnperson.DefaultRules()...)
	require.NoError(t, err)
	c, err := b.Dedupe(recs)
	require.NoError(t, err)
	var pairs int64
	for _, rc := range c.Counts() {
		pairs += rc.Comparisons
	}
	t.Logf("%d records, %d candidate pairs (%.1f per record), %d oversized blocks", n, pairs, float64(pairs)/float64(n), len(c.Oversized()))
	// Without the cap the national_id block alone has n(n-1)/2 pairs;
	// skipped, the other rules pair the records as without the placeholder.
	assert.Less(t, pairs, int64(n)*int64(n-1)/2/10)
	own, _ := community(20_000, 5)
	c2, err := b.Dedupe(prepare(t, own...))
	require.NoError(t, err)
	var ownPairs int64
	for _, rc := range c2.Counts() {
		ownPairs += rc.Comparisons
	}
	assert.LessOrEqual(t, pairs, ownPairs)

	res, err := vnperson.Dedupe(people, testOptions())
	require.NoError(t, err)
	sizes := map[int32]int{}
	largest := 0
	for _, l := range res.Clusters {
		sizes[l]++
		largest = max(largest, sizes[l])
	}
	m, err := linkage.EvaluateClusters(res.Clusters, truth)
	require.NoError(t, err)
	t.Logf("%d clusters, largest %d records, pairwise %+v", len(sizes), largest, m.Pairwise)
	assert.Less(t, largest, 20, "records sharing a placeholder CCCD must not become one person")
	assert.Greater(t, len(sizes), n/2)
}

func ExampleDefaultPlan() {
	for _, p := range vnperson.DefaultPlan() {
		fmt.Println(p.Rule.Name(), p.Agrees, p.Train, p.Prior)
	}
	// Output:
	// national_id [national_id] true true
	// bhxh [bhxh] true false
	// birth_year_ward [birth_date address] false false
	// given_phonetic_birth_year [name birth_date] true false
	// given_phonetic_month_day [name] false false
	// phone_given_initial [phone] false false
	// birth_date_place [birth_date address] false false
	// family_given_place [name address] false false
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
