package accuracy

import (
	"cmp"
	"slices"

	"github.com/vnlink/vnlink/benchmarks/febrl"
	"github.com/vnlink/vnlink/blocking"
	"github.com/vnlink/vnlink/linkage"
)

// FEBRLRecord is a prepared FEBRL record: the fields as strings (FEBRL data
// is already lower case ASCII) and the term frequencies of the names.
type FEBRLRecord struct {
	Given, Surname, StreetNumber, Address1, Address2 string
	Suburb, Postcode, State, DateOfBirth, SocSecID   string
	GivenTF, SurnameTF                               float64
}

// PrepareFEBRL prepares FEBRL records, with name frequencies counted over
// all the records given.
func PrepareFEBRL(recs []febrl.Record) []FEBRLRecord {
	out := make([]FEBRLRecord, len(recs))
	var given, surname linkage.TFTable
	for i, r := range recs {
		out[i] = FEBRLRecord{Given: r.GivenName, Surname: r.Surname, StreetNumber: r.StreetNumber,
			Address1: r.Address1, Address2: r.Address2, Suburb: r.Suburb, Postcode: r.Postcode,
			State: r.State, DateOfBirth: r.DateOfBirth, SocSecID: r.SocSecID}
		given.Add(r.GivenName)
		surname.Add(r.Surname)
	}
	for i := range out {
		out[i].GivenTF = given.Frequency(out[i].Given)
		out[i].SurnameTF = surname.Frequency(out[i].Surname)
	}
	return out
}

// nameLevels compares one name field: exact, swapped (equal to the other
// record's other name field: given and surname exchanged), then Jaro–Winkler
// at least 0.92 and 0.8, else.
func nameLevels(name string, get, other func(*FEBRLRecord) string, tf func(*FEBRLRecord) float64) linkage.Comparison[FEBRLRecord] {
	classify := func(a, b *FEBRLRecord) int {
		x, y := get(a), get(b)
		switch {
		case x == "" || y == "":
			return 0
		case x == y:
			return 1
		case x == other(b) && y == other(a):
			return 2
		}
		s := linkage.JaroWinkler(x, y)
		switch {
		case s >= 0.92:
			return 3
		case s >= 0.8:
			return 4
		}
		return 5
	}
	is := func(k int) func(a, b *FEBRLRecord) bool {
		return func(a, b *FEBRLRecord) bool { return classify(a, b) == k }
	}
	return linkage.Comparison[FEBRLRecord]{
		Name:     name,
		Null:     is(0),
		Classify: classify,
		Levels: []linkage.Level[FEBRLRecord]{
			{Label: linkage.ExactLabel, Match: is(1)}, {Label: "swapped", Match: is(2)},
			{Label: "jaro_winkler>=0.92", Match: is(3)}, {Label: "jaro_winkler>=0.8", Match: is(4)},
			linkage.Else[FEBRLRecord](),
		},
		TermFrequency: tf,
	}
}

// FEBRLComparisons returns the FEBRL schema: given_name and surname (exact,
// swapped, Jaro–Winkler 0.92 and 0.8; exact term-frequency adjusted),
// street_number (Levenshtein 1), address_1 and address_2 (Jaro–Winkler 0.9,
// 0.8), suburb (Jaro–Winkler 0.9), postcode (Levenshtein 1), state (exact),
// date_of_birth and soc_sec_id (optimal string alignment 1 and 2).
func FEBRLComparisons() []linkage.Comparison[FEBRLRecord] {
	return []linkage.Comparison[FEBRLRecord]{
		nameLevels("given_name", func(r *FEBRLRecord) string { return r.Given }, func(r *FEBRLRecord) string { return r.Surname }, func(r *FEBRLRecord) float64 { return r.GivenTF }),
		nameLevels("surname", func(r *FEBRLRecord) string { return r.Surname }, func(r *FEBRLRecord) string { return r.Given }, func(r *FEBRLRecord) float64 { return r.SurnameTF }),
		linkage.LevenshteinLevels("street_number", func(r *FEBRLRecord) string { return r.StreetNumber }, 1),
		linkage.JaroWinklerLevels("address_1", func(r *FEBRLRecord) string { return r.Address1 }, 0.9, 0.8),
		linkage.JaroWinklerLevels("address_2", func(r *FEBRLRecord) string { return r.Address2 }, 0.9, 0.8),
		linkage.JaroWinklerLevels("suburb", func(r *FEBRLRecord) string { return r.Suburb }, 0.9),
		linkage.LevenshteinLevels("postcode", func(r *FEBRLRecord) string { return r.Postcode }, 1),
		linkage.Exact("state", func(r *FEBRLRecord) string { return r.State }),
		linkage.OSALevels("date_of_birth", func(r *FEBRLRecord) string { return r.DateOfBirth }, 1, 2),
		linkage.OSALevels("soc_sec_id", func(r *FEBRLRecord) string { return r.SocSecID }, 1, 2),
	}
}

func exactRule(name string, parts ...func(*FEBRLRecord) string) blocking.Rule[FEBRLRecord] {
	return blocking.Exact(name, func(r *FEBRLRecord, dst []blocking.Key) []blocking.Key {
		var h blocking.Hasher
		for _, p := range parts {
			v := p(r)
			if v == "" {
				return dst
			}
			h.WriteString(v)
		}
		return append(dst, h.Key())
	})
}

func initial(get func(*FEBRLRecord) string) func(*FEBRLRecord) string {
	return func(r *FEBRLRecord) string {
		if v := get(r); v != "" {
			return v[:1]
		}
		return ""
	}
}

// FEBRL field getters.
var (
	fGiven    = func(r *FEBRLRecord) string { return r.Given }
	fSurname  = func(r *FEBRLRecord) string { return r.Surname }
	fDOB      = func(r *FEBRLRecord) string { return r.DateOfBirth }
	fSSID     = func(r *FEBRLRecord) string { return r.SocSecID }
	fPostcode = func(r *FEBRLRecord) string { return r.Postcode }
	fSuburb   = func(r *FEBRLRecord) string { return r.Suburb }
	fAddress1 = func(r *FEBRLRecord) string { return r.Address1 }
)

// FEBRLRules returns the FEBRL blocking plan, exact keys on: soc_sec_id;
// date_of_birth; given_name and surname; postcode and the surname's
// initial; suburb and the given name's initial; address_1 and the given
// name's initial; surname and the given name's initial. The EM training
// rounds use the first three.
func FEBRLRules() []blocking.Rule[FEBRLRecord] {
	return []blocking.Rule[FEBRLRecord]{
		exactRule("soc_sec_id", fSSID),
		exactRule("date_of_birth", fDOB),
		exactRule("given_surname", fGiven, fSurname),
		exactRule("postcode_surname_initial", fPostcode, initial(fSurname)),
		exactRule("suburb_given_initial", fSuburb, initial(fGiven)),
		exactRule("address_1_given_initial", fAddress1, initial(fGiven)),
		exactRule("surname_given_initial", fSurname, initial(fGiven)),
	}
}

var febrlExclude = [][]string{{"soc_sec_id"}, {"date_of_birth"}, {"given_name", "surname"}}

// FEBRLPriorRecall is the assumed share of true matches with equal
// soc_sec_id, the deterministic rule the prior is estimated from.
const FEBRLPriorRecall = 0.6

// trainFEBRL trains the FEBRL model without labels, as vnperson.Train does
// for the Vietnamese schema: u by sampling, λ from equal soc_sec_id, m by
// EM, one round per training rule.
func trainFEBRL(left, right []FEBRLRecord) (*linkage.Model[FEBRLRecord], error) {
	m, err := linkage.NewModel(FEBRLComparisons()...)
	if err != nil {
		return nil, err
	}
	p := m.Params()
	for _, i := range []int{0, 1} {
		p.Comparisons[i].Levels[0].TermFrequency = true
		p.Comparisons[i].TFWeight = 1
	}
	if err := m.SetParams(p); err != nil {
		return nil, err
	}
	if err := m.EstimateU(left, right, linkage.SampleOptions{Seed: 1}); err != nil {
		return nil, err
	}
	rules := FEBRLRules()
	cands := func(r blocking.Rule[FEBRLRecord]) (*blocking.Candidates, error) {
		b, err := blocking.New(blocking.Options{}, r)
		if err != nil {
			return nil, err
		}
		if right == nil {
			return b.Dedupe(left)
		}
		return b.Link(left, right)
	}
	c, err := cands(rules[0])
	if err != nil {
		return nil, err
	}
	if _, err := m.EstimatePriorFromRule(left, right, c.Pairs(), func(a, b *FEBRLRecord) bool {
		return a.SocSecID != "" && a.SocSecID == b.SocSecID
	}, FEBRLPriorRecall); err != nil {
		return nil, err
	}
	var rounds []linkage.TrainingRound
	for i, ex := range febrlExclude {
		c, err := cands(rules[i])
		if err != nil {
			return nil, err
		}
		rounds = append(rounds, linkage.TrainingRound{Patterns: m.CountCandidates(left, right, c, -1, 0), Exclude: ex})
	}
	if _, err := m.TrainEM(rounds, linkage.EMOptions{}); err != nil {
		return nil, err
	}
	return m, nil
}

// febrlLinks scores the candidates of the FEBRL plan and keeps those with
// match probability at least 1/2.
func febrlLinks(m *linkage.Model[FEBRLRecord], left, right []FEBRLRecord) ([]linkage.ScoredPair, error) {
	b, err := blocking.New(blocking.Options{}, FEBRLRules()...)
	if err != nil {
		return nil, err
	}
	var c *blocking.Candidates
	if right == nil {
		c, err = b.Dedupe(left)
	} else {
		c, err = b.Link(left, right)
	}
	if err != nil {
		return nil, err
	}
	var links []linkage.ScoredPair
	for sp := range m.ScoreCandidates(left, right, c, linkage.ScoreOptions{MinWeight: 0}) {
		links = append(links, sp)
	}
	return links, nil
}

// FEBRLDedupe deduplicates a FEBRL data set (dataset3) unsupervised and
// scores the clusters against its truth.
func FEBRLDedupe(d *febrl.Dataset) (linkage.ClusterMetrics, error) {
	recs := PrepareFEBRL(d.Records)
	m, err := trainFEBRL(recs, nil)
	if err != nil {
		return linkage.ClusterMetrics{}, err
	}
	links, err := febrlLinks(m, recs, nil)
	if err != nil {
		return linkage.ClusterMetrics{}, err
	}
	return linkage.EvaluateClusters(linkage.Cluster(len(recs), links, linkage.ClusterOptions{}), d.Entity)
}

// FEBRLLink links two FEBRL files (dataset4a, dataset4b) unsupervised,
// keeping for each left record its best link with match probability at
// least 1/2, and scores the links against the truth.
func FEBRLLink(left, right *febrl.Dataset) (linkage.LinkMetrics, error) {
	recs := PrepareFEBRL(append(slices.Clip(left.Records), right.Records...))
	l, r := recs[:len(left.Records)], recs[len(left.Records):]
	m, err := trainFEBRL(l, r)
	if err != nil {
		return linkage.LinkMetrics{}, err
	}
	links, err := febrlLinks(m, l, r)
	if err != nil {
		return linkage.LinkMetrics{}, err
	}
	slices.SortFunc(links, func(x, y linkage.ScoredPair) int {
		return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(y.Weight, x.Weight), cmp.Compare(x.B, y.B))
	})
	var best []linkage.Pair
	for i, sp := range links {
		if i == 0 || sp.A != links[i-1].A {
			best = append(best, linkage.Pair{A: sp.A, B: sp.B})
		}
	}
	return linkage.EvaluateLinks(best, left.Entity, right.Entity)
}
