package linkage_test

import (
	"errors"
	"fmt"
	"math/rand/v2"

	"github.com/vnlink/vnlink/linkage"
)

// person is a synthetic prepared record, the kind of struct a schema
// package builds once per input row.
type person struct {
	Given, Family string
	Birth         int32 // day number; 0 = missing
	City          string
	Postcode      string
	Phone         string
	GivenTF       float64 // frequency of Given in the data
}

func birthOf(p *person) (int32, bool) { return p.Birth, p.Birth != 0 }

// personComparisons returns six comparisons on person, the given-name one
// with a term-frequency function.
func personComparisons() []linkage.Comparison[person] {
	given := linkage.JaroWinklerLevels("given", func(p *person) string { return p.Given }, 0.92, 0.88)
	given.TermFrequency = func(p *person) float64 { return p.GivenTF }
	return []linkage.Comparison[person]{
		given,
		linkage.JaroWinklerLevels("family", func(p *person) string { return p.Family }, 0.92),
		linkage.DifferenceLevels("birth", birthOf, 1, 365),
		linkage.Exact("city", func(p *person) string { return p.City }),
		linkage.LevenshteinLevels("postcode", func(p *person) string { return p.Postcode }, 1),
		linkage.Exact("phone", func(p *person) string { return p.Phone }),
	}
}

var (
	givenNames  = []string{"anh", "binh", "chi", "dung", "giang", "hoa", "huong", "khanh", "lan", "linh", "mai", "minh", "nam", "ngoc", "phuong", "quang", "thao", "thuy", "trang", "tuan"}
	familyNames = []string{"nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do"}
	cities      = []string{"ha noi", "hai phong", "nam dinh", "thai binh", "bac ninh"}
)

// typo changes one letter of s.
func typo(rng *rand.Rand, s string) string {
	if s == "" {
		return s
	}
	b := []byte(s)
	b[rng.IntN(len(b))] = byte('a' + rng.IntN(26))
	return string(b)
}

// syntheticPeople returns n distinct people followed by a noisy duplicate
// of each of the first dups, with a fixed seed. The i-th duplicate is
// record n+i and copies record i.
func syntheticPeople(seed uint64, n, dups int) []person {
	rng := rand.New(rand.NewPCG(seed, 7))
	ps := make([]person, 0, n+dups)
	for i := range n {
		ps = append(ps, person{
			Given:    givenNames[rng.IntN(len(givenNames))],
			Family:   familyNames[rng.IntN(len(familyNames))],
			Birth:    int32(20000 + rng.IntN(20000)),
			City:     cities[rng.IntN(len(cities))],
			Postcode: fmt.Sprintf("%05d", rng.IntN(100000)),
			Phone:    fmt.Sprintf("09%08d", i),
		})
	}
	for i := range dups {
		d := ps[i]
		switch rng.IntN(4) {
		case 0:
			d.Given = typo(rng, d.Given)
		case 1:
			d.Birth += int32(rng.IntN(3) - 1)
		case 2:
			d.Phone = ""
		case 3:
			d.Postcode = typo(rng, d.Postcode)
		}
		ps = append(ps, d)
	}
	tf := linkage.TFTable{}
	for _, p := range ps {
		tf.Add(p.Given)
	}
	for i := range ps {
		ps[i].GivenTF = tf.Frequency(ps[i].Given)
	}
	return ps
}

// allPairs returns every pair i < j of n records.
func allPairs(n int) []linkage.Pair {
	var out []linkage.Pair
	for i := range n {
		for j := i + 1; j < n; j++ {
			out = append(out, linkage.Pair{A: int32(i), B: int32(j)})
		}
	}
	return out
}

// newPersonModel returns a model on person with hand-set parameters and
// term-frequency adjustment on the exact given-name level.
func newPersonModel() *linkage.Model[person] {
	m, err := linkage.NewModel(personComparisons()...)
	if err != nil {
		panic(err)
	}
	p := m.Params()
	p.Prior = 0.001
	p.Comparisons[0].Levels[0].TermFrequency = true
	p.Comparisons[0].TFMinimum = 0.001
	if err := m.SetParams(p); err != nil {
		panic(err)
	}
	return m
}

func errorsIs(err, target error) bool { return errors.Is(err, target) }
