package linkage_test

import (
	"fmt"
	"slices"

	"github.com/vnlink/vnlink/blocking"
	"github.com/vnlink/vnlink/linkage"
)

// Candidates from package blocking go straight to scoring; each scored
// pair remembers the blocking rule that produced it.
func ExampleModel_ScoreCandidates() {
	rs := residents(200)
	m, err := linkage.NewModel(residentComparisons()...)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := m.EstimateU(rs, nil, linkage.SampleOptions{Seed: 7}); err != nil {
		fmt.Println(err)
		return
	}
	b, err := blocking.New(blocking.Options{},
		blocking.Exact("ward", func(r *resident, dst []blocking.Key) []blocking.Key {
			return append(dst, blocking.KeyOf(r.Ward))
		}),
		blocking.Exact("name", func(r *resident, dst []blocking.Key) []blocking.Key {
			return append(dst, blocking.KeyOf(r.Name))
		}),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	cands, err := b.Dedupe(rs)
	if err != nil {
		fmt.Println(err)
		return
	}
	byRule := make([]int, len(cands.RuleNames()))
	for sp := range m.ScoreCandidates(rs, nil, cands, linkage.ScoreOptions{MinWeight: 1}) {
		byRule[sp.Rule]++
	}
	for i, name := range cands.RuleNames() {
		fmt.Printf("%s: %d pairs with weight ≥ 1\n", name, byRule[i])
	}
	// Output:
	// ward: 27 pairs with weight ≥ 1
	// name: 13 pairs with weight ≥ 1
}

// With known matches (a clerical review, a trusted shared ID), m is the
// share of each level among them.
func ExampleModel_EstimateMFromLabels() {
	rs := residents(100)
	m, err := linkage.NewModel(residentComparisons()...)
	if err != nil {
		fmt.Println(err)
		return
	}
	// residents(n) appends a copy of record i as record n+i, for i < n/5.
	var known []linkage.Pair
	for i := range 20 {
		known = append(known, linkage.Pair{A: int32(i), B: int32(100 + i)})
	}
	if err := m.EstimateMFromLabels(rs, nil, slices.Values(known)); err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range m.Params().Comparisons {
		fmt.Print(c.Name, ":")
		for _, l := range c.Levels {
			fmt.Printf(" %s=%.2f", l.Label, l.M)
		}
		fmt.Println()
	}
	// Output:
	// name: exact=0.65 jaro_winkler>=0.9=0.35 else=0.00
	// born: exact=0.65 diff<=31=0.35 else=0.00
	// ward: exact=0.70 else=0.30
}

// DifferenceLevels compares numbers; dates compare as day numbers.
func ExampleDifferenceLevels() {
	type visit struct{ Day int32 } // days since 1970-01-01; 0 = unknown
	days := linkage.DifferenceLevels("visit_day", func(v *visit) (int32, bool) { return v.Day, v.Day != 0 }, 1, 7)
	pairs := [][2]visit{{{20000}, {20000}}, {{20000}, {20001}}, {{20000}, {20005}}, {{20000}, {20030}}, {{0}, {20000}}}
	for _, p := range pairs {
		fmt.Println(days.Label(days.Level(&p[0], &p[1])))
	}
	// Output:
	// exact
	// diff<=1
	// diff<=7
	// else
	// null
}

// For EM, each blocking rule gives one training round: the pattern counts
// of the pairs it produces, with the comparisons it fixes left out.
func ExampleModel_CountCandidates() {
	rs := residents(300)
	m, err := linkage.NewModel(residentComparisons()...)
	if err != nil {
		fmt.Println(err)
		return
	}
	byWard, err := blocking.New(blocking.Options{}, blocking.Exact("ward", func(r *resident, dst []blocking.Key) []blocking.Key {
		return append(dst, blocking.KeyOf(r.Ward))
	}))
	if err != nil {
		fmt.Println(err)
		return
	}
	cands, err := byWard.Dedupe(rs)
	if err != nil {
		fmt.Println(err)
		return
	}
	pats := m.CountCandidates(rs, nil, cands, -1, 2)
	fmt.Printf("%.0f pairs, %d distinct patterns\n", pats.Total(), len(pats.Patterns))
	res, err := m.TrainEM([]linkage.TrainingRound{{Patterns: pats, Exclude: []string{"ward"}}}, linkage.EMOptions{MaxIterations: 1000})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("converged:", res[0].Converged)
	// Output:
	// 7427 pairs, 7 distinct patterns
	// converged: true
}

// Classified turns one classifying function into a comparison: Classify is
// the function, and the level predicates are derived from it, so the two
// always agree.
func ExampleClassified() {
	type patient struct{ Phone, Email string }
	contact := linkage.Classified("contact", func(a, b *patient) int {
		switch {
		case (a.Phone == "" || b.Phone == "") && (a.Email == "" || b.Email == ""):
			return 0 // nothing to compare
		case a.Phone != "" && a.Phone == b.Phone:
			return 1
		case a.Email != "" && a.Email == b.Email:
			return 2
		}
		return 3
	}, "same_phone", "same_email", "else")
	a, b := patient{Phone: "0912", Email: "x@y"}, patient{Email: "x@y"}
	fmt.Println(contact.Label(contact.Level(&a, &b)), contact.Levels[1].Match(&a, &b), contact.Null(&a, &b))

	// A template with thresholds in the wrong order could never return
	// its second similarity level: Validate (and NewModel) say so.
	name := linkage.JaroWinklerLevels("name", func(p *patient) string { return p.Email }, 0.8, 0.95)
	fmt.Println(name.Validate())
	// Output:
	// same_email true false
	// linkage.JaroWinklerLevels: invalid definition: comparison "name": threshold 2 (0.95) is not below the one before (0.8): thresholds must decrease strictly
}

// Options that come from a user (a command-line flag, a config file) are
// checked before scoring: ScorePairs panics on options Validate rejects.
func ExampleScoreOptions_Validate() {
	fmt.Println(linkage.ScoreOptions{Workers: 8}.Validate())
	fmt.Println(linkage.ScoreOptions{Workers: 100000, BatchSize: -1}.Validate())
	// Output:
	// <nil>
	// linkage.ScoreOptions.Validate: invalid definition: worker count 100000 is outside [0, 1024]; batch size -1 is outside [0, 65536]
}
