package vnperson_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

var (
	families = []string{"Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"}
	middles  = []string{"Thị", "Văn", "Minh", "Thu", "Đức", "Ngọc", "Hữu", "Thanh"}
	givens   = []string{"Lan", "Hùng", "Hưng", "Anh", "Dũng", "Hoa", "Mai", "Nam", "Tuấn", "Hương", "Thảo", "Long", "Quang", "Yến", "Trang", "Sơn"}
	hamlets  = []string{"Thôn Đoài", "Thôn Đông", "Thôn Trung", "Thôn Thượng", "Thôn Hạ"}
)

// community generates n people and writes some of them twice with noise: a
// test population with truth labels, from a fixed seed.
func community(n int, seed uint64) ([]vnperson.Person, []int32) {
	rng := rand.New(rand.NewPCG(seed, 7))
	var people []vnperson.Person
	var truth []int32
	for i := 0; i < n; i++ {
		female := rng.IntN(2) == 0
		middle := middles[rng.IntN(len(middles))]
		sex := "Nam"
		if female {
			middle, sex = "Thị", "Nữ"
		}
		year := 1940 + rng.IntN(80)
		month, day := 1+rng.IntN(12), 1+rng.IntN(28)
		sexDigit := 2 * (year/100 - 19)
		if female {
			sexDigit++
		}
		p := vnperson.Person{
			ID: fmt.Sprintf("E%05d", len(people)), Source: "ehr",
			FullName:   families[rng.IntN(len(families))] + " " + middle + " " + givens[rng.IntN(len(givens))],
			BirthDate:  fmt.Sprintf("%02d/%02d/%d", day, month, year),
			Sex:        sex,
			NationalID: fmt.Sprintf("001%d%02d%06d", sexDigit, year%100, i),
			Phone:      fmt.Sprintf("09%08d", rng.IntN(100_000_000)),
			Address:    hamlets[rng.IntN(len(hamlets))] + ", xã Ngọc Hồi, Hà Nội",
		}
		people = append(people, p)
		truth = append(truth, int32(i))
		if rng.IntN(5) == 0 { // a second record of the same person
			q := p
			q.ID = fmt.Sprintf("E%05d", len(people))
			switch rng.IntN(4) {
			case 0:
				q.NationalID = ""
			case 1:
				q.FullName = strings.ToUpper(q.FullName)
			case 2:
				q.BirthDate = fmt.Sprint(year)
			case 3:
				q.Phone = ""
			}
			people = append(people, q)
			truth = append(truth, int32(i))
		}
	}
	return people, truth
}

func testOptions() vnperson.Options {
	return vnperson.Options{Prepare: vnperson.PrepareOptions{Today: today}, USamplePairs: 50_000, Seed: 1}
}

// partition turns cluster labels into the sorted list of clusters, each the
// sorted IDs of its records, for comparison across row orders.
func partition(people []vnperson.Person, labels []int32) []string {
	groups := map[int32][]string{}
	for i, l := range labels {
		groups[l] = append(groups[l], people[i].ID)
	}
	var out []string
	for _, g := range groups {
		if len(g) > 1 {
			sortStrings(g)
			out = append(out, strings.Join(g, "+"))
		}
	}
	sortStrings(out)
	return out
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func TestDedupeAccuracyAndDeterminism(t *testing.T) {
	people, truth := community(600, 1)
	res, err := vnperson.Dedupe(people, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	m, err := linkage.EvaluateClusters(res.Clusters, truth)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("pairwise %+v, b-cubed %+v", m.Pairwise, m.BCubed)
	if m.Pairwise.F1 < 0.95 {
		t.Errorf("pairwise F1 %.4f, want at least 0.95", m.Pairwise.F1)
	}
	want := partition(people, res.Clusters)
	for _, seed := range []uint64{2, 3} {
		t.Run(fmt.Sprint("shuffle", seed), func(t *testing.T) {
			shuffled := append([]vnperson.Person(nil), people...)
			rand.New(rand.NewPCG(seed, seed)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			again, err := vnperson.Dedupe(shuffled, testOptions())
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, partition(shuffled, again.Clusters)); diff != "" {
				t.Errorf("clusters depend on row order (-original +shuffled):\n%s", diff)
			}
		})
	}
}

func TestDedupeRespectsCannotLink(t *testing.T) {
	people, _ := community(200, 4)
	// A copy of a person given a BHYT card, so that without the constraint
	// the model links it despite the other CCCD.
	first := slices.IndexFunc(people, func(p vnperson.Person) bool { return p.NationalID != "" })
	require.GreaterOrEqual(t, first, 0)
	people[first].InsuranceID = "GD4010181995594"
	twin := people[first]
	twin.ID, twin.NationalID = "twin", twin.NationalID[:6]+"999999"
	people = append(people, twin)
	for _, allow := range []bool{false, true} {
		t.Run(fmt.Sprint("allow=", allow), func(t *testing.T) {
			opts := testOptions()
			opts.AllowCCCDConflicts = allow
			res, err := vnperson.Dedupe(people, opts)
			if err != nil {
				t.Fatal(err)
			}
			last := int32(len(people) - 1)
			if got := res.Clusters[first] == res.Clusters[last]; got != allow {
				t.Errorf("records with different CCCDs in one cluster: %v, want %v (weight %.2f)", got, allow, res.Explain(first, int(last)).Weight)
			}
			for i := range res.Records {
				for j := range res.Records {
					if !allow && res.Clusters[i] == res.Clusters[j] && vnperson.CannotLink(&res.Records[i], &res.Records[j]) {
						t.Fatalf("records %d and %d share a cluster despite different CCCDs", i, j)
					}
				}
			}
		})
	}
}

func TestLink(t *testing.T) {
	people, truth := community(400, 5)
	// The right side is a clean register: the first record of each person.
	var left, right []vnperson.Person
	var lt, rt []int32
	seen := map[int32]bool{}
	for i, p := range people {
		if !seen[truth[i]] {
			seen[truth[i]] = true
			p.Source = "registry"
			right = append(right, p)
			rt = append(rt, truth[i])
		}
		if i%2 == 0 || truth[i] == truth[max(i-1, 0)] {
			left = append(left, people[i])
			lt = append(lt, truth[i])
		}
	}
	res, err := vnperson.Link(left, right, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	pairs := make([]linkage.Pair, len(res.Links))
	for i, l := range res.Links {
		pairs[i] = linkage.Pair{A: l.A, B: l.B}
	}
	m, err := linkage.EvaluateLinks(pairs, lt, rt)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("links %+v", m.Links)
	if m.Links.F1 < 0.97 {
		t.Errorf("link F1 %.4f, want at least 0.97", m.Links.F1)
	}
	// Each left record keeps at most one link, at or above the threshold.
	for i, l := range res.Links {
		if i > 0 && res.Links[i-1].A == l.A {
			t.Fatalf("left record %d has two links", l.A)
		}
		if l.Weight < res.Threshold {
			t.Fatalf("link below threshold")
		}
	}
}

func TestExplainSumsToScore(t *testing.T) {
	people, _ := community(150, 6)
	res, err := vnperson.Dedupe(people, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Links) == 0 {
		t.Fatal("no links")
	}
	for _, l := range res.Links[:min(len(res.Links), 20)] {
		e := res.Explain(int(l.A), int(l.B))
		sum := e.PriorWeight
		for _, row := range e.Rows {
			sum += row.Weight
		}
		if sum != e.Weight || e.Weight != l.Weight {
			t.Errorf("pair %d-%d: rows sum to %v, explanation %v, link %v", l.A, l.B, sum, e.Weight, l.Weight)
		}
		if math.IsNaN(e.Probability) {
			t.Errorf("NaN probability")
		}
	}
}
