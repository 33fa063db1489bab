package linkage_test

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/vnlink/vnlink/linkage"
)

// resident is the prepared record of the examples: fields already
// normalised, one frequency per term-frequency comparison.
type resident struct {
	Name   string  // ASCII-folded full name
	Born   int32   // birth date as a day number, 0 if unknown
	Ward   string  // ward code
	NameTF float64 // frequency of Name in the data
}

func residentComparisons() []linkage.Comparison[resident] {
	name := linkage.JaroWinklerLevels("name", func(r *resident) string { return r.Name }, 0.9)
	name.TermFrequency = func(r *resident) float64 { return r.NameTF }
	return []linkage.Comparison[resident]{
		name,
		linkage.DifferenceLevels("born", func(r *resident) (int32, bool) { return r.Born, r.Born != 0 }, 31),
		linkage.Exact("ward", func(r *resident) string { return r.Ward }),
	}
}

// residents returns n people and a noisy copy of the first n/5, seeded.
func residents(n int) []resident {
	first := []string{"an", "binh", "chi", "dung", "ha", "lan", "mai", "nam", "thu", "tuan"}
	middle := []string{"van", "thi", "minh", "duc", "ngoc", "thu", "hong", "quoc"}
	last := []string{"nguyen", "tran", "le", "pham", "vu", "hoang", "dang"}
	rng := rand.New(rand.NewPCG(1, 2))
	rs := make([]resident, 0, n+n/5)
	for range n {
		rs = append(rs, resident{
			Name: last[rng.IntN(len(last))] + " " + middle[rng.IntN(len(middle))] + " " + first[rng.IntN(len(first))],
			Born: int32(25000 + rng.IntN(9000)),
			Ward: "W" + strconv.Itoa(rng.IntN(8)),
		})
	}
	for i := range n / 5 {
		d := rs[i]
		switch i % 3 {
		case 0:
			d.Name += "h" // a typo
		case 1:
			d.Born += 30 // month entered wrongly
		case 2:
			d.Ward = "W9" // moved
		}
		rs = append(rs, d)
	}
	tf := linkage.TFTable{}
	for _, r := range rs {
		tf.Add(r.Name)
	}
	for i := range rs {
		rs[i].NameTF = tf.Frequency(rs[i].Name)
	}
	return rs
}

func ExampleJaroWinkler() {
	fmt.Printf("%.4f\n", linkage.JaroWinkler("martha", "marhta"))
	fmt.Printf("%.4f\n", linkage.JaroWinkler("nguyễn thị thuỳ", "nguyen thi thuy"))
	fmt.Printf("%.4f\n", linkage.Jaro("martha", "marhta"))
	// Output:
	// 0.9611
	// 0.9200
	// 0.9444
}

func ExampleLevenshtein() {
	fmt.Println(linkage.Levenshtein("kitten", "sitting"))
	fmt.Println(linkage.Levenshtein("Nguyễn", "Nguyen"))
	fmt.Println(linkage.OSA("nguyen", "nguyne"), linkage.Levenshtein("nguyen", "nguyne"))
	// Output:
	// 3
	// 1
	// 1 2
}

// Comparisons come from templates or from predicates; the model gives each
// level m and u, and a pair's weight is the sum of its levels' weights.
func ExampleNewModel() {
	type rec struct{ Name, Sex string }
	sex := linkage.Custom("sex",
		func(a, b *rec) bool { return a.Sex == "" || b.Sex == "" },
		linkage.Level[rec]{Label: "same", Match: func(a, b *rec) bool { return a.Sex == b.Sex }},
	)
	m, err := linkage.NewModel(
		linkage.JaroWinklerLevels("name", func(r *rec) string { return r.Name }, 0.92, 0.85),
		sex,
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range m.Comparisons() {
		fmt.Print(c.Name, ":")
		for _, l := range c.Levels {
			fmt.Print(" ", l.Label)
		}
		fmt.Println()
	}
	fmt.Println("pattern bits:", m.PatternBits())
	// Output:
	// name: exact jaro_winkler>=0.92 jaro_winkler>=0.85 else
	// sex: same else
	// pattern bits: 5
}

// Training: u from random pairs, λ from a deterministic rule, m by EM over
// the pattern counts of blocked pairs; then scoring the candidate pairs.
func ExampleModel_TrainEM() {
	rs := residents(500)
	m, err := linkage.NewModel(residentComparisons()...)
	if err != nil {
		fmt.Println(err)
		return
	}
	p := m.Params()
	p.Comparisons[0].Levels[0].TermFrequency = true // rarer names weigh more
	if err := m.SetParams(p); err != nil {
		fmt.Println(err)
		return
	}
	if err := m.EstimateU(rs, nil, linkage.SampleOptions{Seed: 42}); err != nil {
		fmt.Println(err)
		return
	}
	// Candidate pairs from two blocking rules (a stand-in for package
	// blocking): same ward, or same name.
	sameWard := func(a, b *resident) bool { return a.Ward == b.Ward }
	sameName := func(a, b *resident) bool { return a.Name == b.Name }
	blocked := func(rule func(a, b *resident) bool) []linkage.Pair {
		var out []linkage.Pair
		for a := range rs {
			for b := a + 1; b < len(rs); b++ {
				if rule(&rs[a], &rs[b]) {
					out = append(out, linkage.Pair{A: int32(a), B: int32(b)})
				}
			}
		}
		return out
	}
	byWard, byName := blocked(sameWard), blocked(sameName)
	pairs := blocked(func(a, b *resident) bool { return sameWard(a, b) || sameName(a, b) })

	sameNameAndDate := func(a, b *resident) bool { return a.Name == b.Name && a.Born == b.Born }
	prior, err := m.EstimatePriorFromRule(rs, nil, slices.Values(pairs), sameNameAndDate, 0.3)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("prior λ = %.2g\n", prior)
	// One EM round per blocking rule, leaving out the comparison the rule
	// fixes; the m estimates are averaged over the rounds.
	res, err := m.TrainEM([]linkage.TrainingRound{
		{Patterns: m.CountPatterns(rs, nil, slices.Values(byWard), 2), Exclude: []string{"ward"}},
		{Patterns: m.CountPatterns(rs, nil, slices.Values(byName), 2), Exclude: []string{"name"}},
	}, linkage.EMOptions{MaxIterations: 1000})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("converged:", res[0].Converged, res[1].Converged)
	for _, c := range m.Params().Comparisons {
		fmt.Printf("%s: m(%s) = %.2f, u = %.4f\n", c.Name, c.Levels[0].Label, c.Levels[0].M, c.Levels[0].U)
	}
	n := 0
	for range m.ScorePairs(rs, nil, slices.Values(pairs), linkage.ScoreOptions{MinWeight: linkage.WeightForProbability(0.9)}) {
		n++
	}
	fmt.Println("pairs with probability ≥ 0.9:", n)
	// Output:
	// prior λ = 0.00061
	// converged: true true
	// name: m(exact) = 0.47, u = 0.0019
	// born: m(exact) = 0.47, u = 0.0005
	// ward: m(exact) = 0.48, u = 0.1144
	// pairs with probability ≥ 0.9: 100
}

// An explanation lists the prior and each comparison's contribution; its
// total is the pair's score.
func ExampleModel_Explain() {
	m, err := linkage.NewModel(residentComparisons()...)
	if err != nil {
		fmt.Println(err)
		return
	}
	p := m.Params()
	p.Prior = 0.001
	set := func(c int, ms, us []float64) {
		for k := range ms {
			p.Comparisons[c].Levels[k].M, p.Comparisons[c].Levels[k].U = ms[k], us[k]
		}
	}
	set(0, []float64{0.8, 0.15, 0.05}, []float64{0.01, 0.04, 0.95})
	set(1, []float64{0.85, 0.1, 0.05}, []float64{0.001, 0.01, 0.989})
	set(2, []float64{0.9, 0.1}, []float64{0.125, 0.875})
	p.Comparisons[0].Levels[0].TermFrequency = true
	if err := m.SetParams(p); err != nil {
		fmt.Println(err)
		return
	}
	a := resident{Name: "nguyen lan", Born: 30000, Ward: "W1", NameTF: 0.002}
	b := resident{Name: "nguyen lan", Born: 30020, NameTF: 0.002}
	e := m.Explain(&a, &b)
	fmt.Print(e)
	fmt.Println("equals score:", e.Weight == m.Score(&a, &b))
	// Output:
	// comparison  level     m    u     bf   tf     weight
	// prior       λ=0.001                          -9.964
	// name        exact     0.8  0.01  400  2.322  8.644
	// born        diff<=31  0.1  0.01  10          3.322
	// ward        null                             0.000
	// total       p=0.8002                         2.001
	// equals score: true
}

func ExampleModel_ScorePairs() {
	rs := residents(50)
	m, err := linkage.NewModel(residentComparisons()...)
	if err != nil {
		fmt.Println(err)
		return
	}
	// With u from every pair (1,770: exact) and the default m and λ, only
	// the copies that differ by a month in the birth date score above 0.
	if err := m.EstimateU(rs, nil, linkage.SampleOptions{}); err != nil {
		fmt.Println(err)
		return
	}
	all := func(yield func(linkage.Pair) bool) {
		for a := range int32(len(rs)) {
			for b := a + 1; b < int32(len(rs)); b++ {
				if !yield(linkage.Pair{A: a, B: b}) {
					return
				}
			}
		}
	}
	for sp := range m.ScorePairs(rs, nil, all, linkage.ScoreOptions{MinWeight: 0}) {
		fmt.Printf("%d-%d %.2f\n", sp.A, sp.B, sp.Weight)
	}
	// Output:
	// 1-51 1.69
	// 4-54 1.69
	// 7-57 1.69
}

func ExampleCluster() {
	links := []linkage.ScoredPair{
		{A: 0, B: 1, Weight: 12},
		{A: 1, B: 2, Weight: 6},
		{A: 3, B: 4, Weight: 9},
	}
	// Records 0 and 2 hold two different valid national IDs.
	labels := linkage.Cluster(5, links, linkage.ClusterOptions{CannotLink: []linkage.Pair{{A: 0, B: 2}}})
	fmt.Println(labels)
	// Output:
	// [0 0 2 3 3]
}

func ExampleProbability() {
	for _, w := range []float64{-1000, -3.3219, 0, 10, 1000} {
		fmt.Printf("%g -> %.6g\n", w, linkage.Probability(w))
	}
	fmt.Printf("%.4f\n", linkage.WeightForProbability(0.9))
	// Output:
	// -1000 -> 9.33264e-302
	// -3.3219 -> 0.0909107
	// 0 -> 0.5
	// 10 -> 0.999024
	// 1000 -> 1
	// 3.1699
}

// The model's parameters round-trip through JSON; the functions are
// re-attached from the Go definitions.
func ExampleLoadModel() {
	m, err := linkage.NewModel(residentComparisons()...)
	if err != nil {
		fmt.Println(err)
		return
	}
	data, err := json.Marshal(m)
	if err != nil {
		fmt.Println(err)
		return
	}
	loaded, err := linkage.LoadModel(data, residentComparisons()...)
	if err != nil {
		fmt.Println(err)
		return
	}
	a, b := resident{Name: "le an", Born: 30000}, resident{Name: "le anh", Born: 30001}
	fmt.Println(math.Float64bits(m.Score(&a, &b)) == math.Float64bits(loaded.Score(&a, &b)))

	_, err = linkage.LoadModel(data, residentComparisons()[:2]...)
	fmt.Println(err)
	// Output:
	// true
	// linkage.SetParams: model does not match comparisons: parameters hold 3 comparisons, model has 2
}

func ExampleTFTable() {
	tf := linkage.NewTFTable(slices.Values([]string{"nguyen van an", "nguyen van an", "ha thi xuan", "le minh"}))
	fmt.Println(tf.Frequency("nguyen van an"), tf.Frequency("le minh"), tf.Frequency("unknown"))
	// Output:
	// 0.5 0.25 0
}

func ExampleRelativeFrequency() {
	var tf linkage.TFTable
	for _, name := range []string{"nguyen thi lan", "nguyen thi lan", "le van an", "tran binh"} {
		tf.Add(name)
	}
	// A pipeline that counted "nguyen thi lan" twice among four names gives
	// the same frequency as the table.
	fmt.Println(linkage.RelativeFrequency(2, 4), tf.Frequency("nguyen thi lan"), linkage.RelativeFrequency(3, 0))
	// Output: 0.5 0.5 0
}

func ExampleGroupFrequency() {
	// A name held by 1,001 of 1,000,000 records: 12 of its other holders
	// are expected among the 12,000 others born in a record's year.
	overall := linkage.RelativeFrequency(1_001, 1_000_000)
	// 30 were born that year: the name is 2.1 times as common there
	// (2.5 times, shrunk by the strength of 4 expected holders).
	inYear := linkage.GroupFrequency(1_001, 1_000_000, 31, 12_001, 4)
	// A name held twice among 50,000, both born in a year of 600: the
	// raw share in the year, 2/600, would make it 83 times as common;
	// with one other holder where 0.012 are expected it moves by 12%.
	rare := linkage.GroupFrequency(2, 50_000, 2, 600, 4) / linkage.RelativeFrequency(2, 50_000)
	fmt.Printf("%.5f %.5f %.2f\n", overall, inYear, rare)
	// Output: 0.00100 0.00213 1.12
}
