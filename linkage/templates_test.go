package linkage_test

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/linkagetest"
)

func levelLabel(c linkage.Comparison[person], a, b person) string {
	return c.Label(c.Level(&a, &b))
}

func TestTemplates(t *testing.T) {
	cs := personComparisons()
	custom := linkage.Custom("initial",
		func(a, b *person) bool { return a.Given == "" || b.Given == "" },
		linkage.Level[person]{Label: "same initial", Match: func(a, b *person) bool { return a.Given[0] == b.Given[0] }},
	)
	osa := linkage.OSALevels("family_osa", func(p *person) string { return p.Family }, 1, 2)
	tests := []struct {
		name string
		c    linkage.Comparison[person]
		a, b person
		want string
	}{
		{"jw exact", cs[0], person{Given: "thuy"}, person{Given: "thuy"}, "exact"},
		{"jw high", cs[0], person{Given: "thuy"}, person{Given: "thuyy"}, "jaro_winkler>=0.92"},
		{"jw low", cs[0], person{Given: "martha"}, person{Given: "marhta"}, "jaro_winkler>=0.92"},
		{"jw mid", cs[0], person{Given: "dwayne"}, person{Given: "duane"}, "else"},
		{"jw null", cs[0], person{Given: ""}, person{Given: "lan"}, "null"},
		{"diff exact", cs[2], person{Birth: 100}, person{Birth: 100}, "exact"},
		{"diff 1", cs[2], person{Birth: 101}, person{Birth: 100}, "diff<=1"},
		{"diff 365", cs[2], person{Birth: 100}, person{Birth: 400}, "diff<=365"},
		{"diff far", cs[2], person{Birth: 100}, person{Birth: 1000}, "else"},
		{"diff null", cs[2], person{Birth: 0}, person{Birth: 1000}, "null"},
		{"exact", cs[3], person{City: "hue"}, person{City: "hue"}, "exact"},
		{"exact else", cs[3], person{City: "hue"}, person{City: "vinh"}, "else"},
		{"lev 1", cs[4], person{Postcode: "10000"}, person{Postcode: "10001"}, "levenshtein<=1"},
		{"lev swap", cs[4], person{Postcode: "10010"}, person{Postcode: "10100"}, "else"},
		{"osa swap", osa, person{Family: "nguyen"}, person{Family: "nguyne"}, "osa<=1"},
		{"osa 2", osa, person{Family: "nguyen"}, person{Family: "ngyune"}, "osa<=2"},
		{"custom", custom, person{Given: "lan"}, person{Given: "linh"}, "same initial"},
		{"custom else", custom, person{Given: "lan"}, person{Given: "mai"}, "else"},
		{"custom null", custom, person{Given: ""}, person{Given: "mai"}, "null"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, levelLabel(tt.c, tt.a, tt.b)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

// TestTemplatesConform runs the conformance checker on every template.
func TestTemplatesConform(t *testing.T) {
	ps := syntheticPeople(13, 60, 30)
	ps = append(ps, person{}, person{Given: "nguyễn", Family: "đặng"})
	cs := append(personComparisons(),
		linkage.OSALevels("family_osa", func(p *person) string { return p.Family }, 1, 2),
		linkage.Custom("initial",
			func(a, b *person) bool { return a.Given == "" || b.Given == "" },
			linkage.Level[person]{Label: "same initial", Match: func(a, b *person) bool { return a.Given[0] == b.Given[0] }}),
	)
	for _, c := range cs {
		t.Run(c.Name, func(t *testing.T) {
			linkagetest.CheckComparison(t, c, ps)
		})
	}
}

// TestTemplateArguments checks that Validate, and so NewModel, rejects
// template arguments that would leave a level unreachable.
func TestTemplateArguments(t *testing.T) {
	given := func(p *person) string { return p.Given }
	tests := []struct {
		name string
		c    linkage.Comparison[person]
		want string // substring of the error; "" for valid
	}{
		{"jw decreasing", linkage.JaroWinklerLevels("n", given, 0.95, 0.8), ""},
		{"jw no thresholds", linkage.JaroWinklerLevels("n", given), ""},
		{"jw increasing", linkage.JaroWinklerLevels("n", given, 0.8, 0.95), "thresholds must decrease strictly"},
		{"jw equal", linkage.JaroWinklerLevels("n", given, 0.9, 0.9), "thresholds must decrease strictly"},
		{"jw above 1", linkage.JaroWinklerLevels("n", given, 1.5), "threshold 1 is not strictly between 0 and 1"},
		{"jw 1", linkage.JaroWinklerLevels("n", given, 1), "not strictly between 0 and 1"},
		{"jw 0", linkage.JaroWinklerLevels("n", given, 0.9, 0), "threshold 2 is not strictly between 0 and 1"},
		{"jw NaN", linkage.JaroWinklerLevels("n", given, math.NaN()), "not strictly between 0 and 1"},
		{"jw nil accessor", linkage.JaroWinklerLevels[person]("n", nil, 0.9), "nil accessor"},
		{"lev increasing", linkage.LevenshteinLevels("n", given, 1, 2), ""},
		{"lev decreasing", linkage.LevenshteinLevels("n", given, 2, 1), "distances must increase strictly"},
		{"lev 0", linkage.LevenshteinLevels("n", given, 0), "maximum distance 1 is below 1"},
		{"osa equal", linkage.OSALevels("n", given, 1, 1), "distances must increase strictly"},
		{"diff increasing", linkage.DifferenceLevels("n", birthOf, 1, 365), ""},
		{"diff decreasing", linkage.DifferenceLevels("n", birthOf, 365, 1), "differences must increase strictly"},
		{"diff 0", linkage.DifferenceLevels("n", birthOf, 0), "maximum difference 1 is not a finite number above 0"},
		{"diff negative", linkage.DifferenceLevels("n", birthOf, -3), "not a finite number above 0"},
		{"diff NaN", linkage.DifferenceLevels("n", func(p *person) (float64, bool) { return 0, true }, math.NaN()), "not a finite number above 0"},
		{"diff Inf", linkage.DifferenceLevels("n", func(p *person) (float64, bool) { return 0, true }, math.Inf(1)), "not a finite number above 0"},
		{"exact nil accessor", linkage.Exact[person, string]("n", nil), "nil accessor"},
		{"classified nil", linkage.Classified[person]("n", nil, "a", "b"), "nil classify function"},
		{"custom nil match", linkage.Custom("n", nil, linkage.Level[person]{Label: "a"}, linkage.Level[person]{Label: "b", Match: func(a, b *person) bool { return true }}), "level 1 has no predicate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.c.Validate()
			if tt.want == "" {
				require.NoError(t, err)
				_, err := linkage.NewModel(tt.c)
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, linkage.ErrInvalid)
			assert.Contains(t, err.Error(), tt.want)
			_, err = linkage.NewModel(tt.c)
			assert.ErrorIs(t, err, linkage.ErrInvalid, "NewModel accepts what Validate rejects")
		})
	}
}

// TestTemplatePredicatesAgree checks, on every pair of a varied sample,
// that each template's level predicates give the level its Classify gives:
// the predicates are derived from Classify, so "exact" by Classify is
// "exact" by the predicates too.
func TestTemplatePredicatesAgree(t *testing.T) {
	ps := syntheticPeople(5, 40, 40)
	ps = append(ps, person{}, person{Given: "lan"}, person{Given: "lan", Birth: 1})
	for _, c := range personComparisons() {
		for i := range ps {
			for j := range ps {
				a, b := &ps[i], &ps[j]
				want := c.Classify(a, b)
				got := len(c.Levels)
				if c.Null != nil && c.Null(a, b) {
					got = 0
				} else {
					for k, l := range c.Levels {
						if l.Match == nil || l.Match(a, b) {
							got = k + 1
							break
						}
					}
				}
				if got != want {
					t.Fatalf("%s: records %d, %d: Classify says %q, predicates %q", c.Name, i, j, c.Label(want), c.Label(got))
				}
			}
		}
	}
}

// TestDifferenceLevelsOverflow checks that a difference that overflows the
// value type is beyond every limit, not a small one.
func TestDifferenceLevelsOverflow(t *testing.T) {
	type small struct{ V int8 }
	c := linkage.DifferenceLevels("v", func(s *small) (int8, bool) { return s.V, true }, 1, 10)
	a, b := small{-100}, small{100}
	assert.Equal(t, linkage.ElseLabel, c.Label(c.Level(&a, &b)))
	assert.Equal(t, linkage.ElseLabel, c.Label(c.Level(&b, &a)))
}
