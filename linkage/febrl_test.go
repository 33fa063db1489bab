package linkage_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vnlink/vnlink/blocking"
	"github.com/vnlink/vnlink/linkage"
)

// febrlRecord is a prepared FEBRL record: the engine links English-language
// data as well as Vietnamese.
type febrlRecord struct {
	ID                       string // "rec-12-org", "rec-12-dup-0": the entity is 12
	Given, Surname           string
	Street, Suburb, Postcode string
	Birth, SocialSecurity    string
	GivenTF                  float64
}

func entity(id string) string {
	parts := strings.Split(id, "-")
	if len(parts) < 2 {
		return id
	}
	return parts[1]
}

// loadFEBRL reads a FEBRL data set from the shared data directory, or
// skips the test when it is absent.
func loadFEBRL(t testing.TB, name string) []febrlRecord {
	t.Helper()
	path := filepath.Join("..", "..", "shared", "data", "febrl", name)
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("FEBRL data not available (%v); it lives in ../shared/data/febrl next to the repository", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var recs []febrlRecord
	for _, row := range rows[1:] {
		for i := range row {
			row[i] = strings.TrimSpace(row[i])
		}
		recs = append(recs, febrlRecord{
			ID: row[0], Given: row[1], Surname: row[2],
			Street: row[3] + " " + row[4], Suburb: row[6], Postcode: row[7],
			Birth: row[9], SocialSecurity: row[10],
		})
	}
	tf := linkage.TFTable{}
	for _, r := range recs {
		tf.Add(r.Given)
	}
	for i := range recs {
		recs[i].GivenTF = tf.Frequency(recs[i].Given)
	}
	return recs
}

func febrlComparisons() []linkage.Comparison[febrlRecord] {
	given := linkage.JaroWinklerLevels("given_name", func(r *febrlRecord) string { return r.Given }, 0.9)
	given.TermFrequency = func(r *febrlRecord) float64 { return r.GivenTF }
	return []linkage.Comparison[febrlRecord]{
		given,
		linkage.JaroWinklerLevels("surname", func(r *febrlRecord) string { return r.Surname }, 0.9),
		linkage.OSALevels("date_of_birth", func(r *febrlRecord) string { return r.Birth }, 1, 2),
		linkage.LevenshteinLevels("postcode", func(r *febrlRecord) string { return r.Postcode }, 1),
		linkage.JaroWinklerLevels("suburb", func(r *febrlRecord) string { return r.Suburb }, 0.9),
		linkage.OSALevels("soc_sec_id", func(r *febrlRecord) string { return r.SocialSecurity }, 1, 2),
	}
}

// TestFEBRLDedupe runs the whole engine on FEBRL dataset1 (500 originals,
// one duplicate each): u by sampling, m by EM over two blocking rules,
// scoring, clustering. It checks the pairs found against the truth.
func TestFEBRLDedupe(t *testing.T) {
	recs := loadFEBRL(t, "dataset1.csv")
	m, err := linkage.NewModel(febrlComparisons()...)
	if err != nil {
		t.Fatal(err)
	}
	p := m.Params()
	p.Comparisons[0].Levels[0].TermFrequency = true
	if err := m.SetParams(p); err != nil {
		t.Fatal(err)
	}
	if err := m.EstimateU(recs, nil, linkage.SampleOptions{Pairs: 100_000, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	rule := func(name string, key func(r *febrlRecord) string) blocking.Rule[febrlRecord] {
		return blocking.Exact(name, func(r *febrlRecord, dst []blocking.Key) []blocking.Key {
			if v := key(r); v != "" {
				dst = append(dst, blocking.KeyOf(v))
			}
			return dst
		})
	}
	byBirth := rule("birth", func(r *febrlRecord) string { return r.Birth })
	bySurname := rule("surname", func(r *febrlRecord) string { return r.Surname })
	candidates := func(rules ...blocking.Rule[febrlRecord]) *blocking.Candidates {
		b, err := blocking.New(blocking.Options{}, rules...)
		if err != nil {
			t.Fatal(err)
		}
		c, err := b.Dedupe(recs)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	if _, err := m.TrainEM([]linkage.TrainingRound{
		{Patterns: m.CountCandidates(recs, nil, candidates(byBirth), -1, 0), Exclude: []string{"date_of_birth"}},
		{Patterns: m.CountCandidates(recs, nil, candidates(bySurname), -1, 0), Exclude: []string{"surname"}},
	}, linkage.EMOptions{}); err != nil {
		t.Fatal(err)
	}
	postcode := rule("postcode", func(r *febrlRecord) string { return r.Postcode })
	all := candidates(byBirth, bySurname, postcode)
	var links []linkage.ScoredPair
	for sp := range m.ScoreCandidates(recs, nil, all, linkage.ScoreOptions{MinWeight: linkage.WeightForProbability(0.9)}) {
		links = append(links, sp)
	}
	truePositives := 0
	for _, l := range links {
		if entity(recs[l.A].ID) == entity(recs[l.B].ID) {
			truePositives++
		}
	}
	const trueMatches = 500
	precision := float64(truePositives) / float64(len(links))
	recall := float64(truePositives) / trueMatches
	t.Logf("FEBRL dataset1: %d links, precision %.3f, recall %.3f", len(links), precision, recall)
	if precision < 0.98 || recall < 0.9 {
		t.Errorf("precision %.3f, recall %.3f; want at least 0.98 and 0.9", precision, recall)
	}
	labels := linkage.Cluster(len(recs), links, linkage.ClusterOptions{})
	pure := 0
	for i, l := range labels {
		if entity(recs[i].ID) == entity(recs[l].ID) {
			pure++
		}
	}
	if pure < len(recs)*98/100 {
		t.Errorf("only %d of %d records share their cluster's entity", pure, len(recs))
	}
}
