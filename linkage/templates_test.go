package linkage_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

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
