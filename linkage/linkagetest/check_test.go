package linkagetest_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/linkagetest"
)

// fakeTB records errors instead of failing the test.
type fakeTB struct {
	testing.TB
	errors []string
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Errorf(format string, args ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}

type rec struct {
	Name  string
	Calls int
}

var records = []rec{{Name: "lan"}, {Name: "linh"}, {Name: ""}, {Name: "mai"}, {Name: "Lan"}}

func TestCheckComparison(t *testing.T) {
	good := linkage.JaroWinklerLevels("name", func(r *rec) string { return r.Name }, 0.9)
	asymmetric := linkage.Comparison[rec]{
		Name:   "asym",
		Levels: []linkage.Level[rec]{{Label: "longer", Match: func(a, b *rec) bool { return len(a.Name) > len(b.Name) }}, linkage.Else[rec]()},
	}
	counter := 0
	nondeterministic := linkage.Comparison[rec]{
		Name:   "flaky",
		Levels: []linkage.Level[rec]{{Label: "odd", Match: func(a, b *rec) bool { counter++; return counter%3 == 0 }}, linkage.Else[rec]()},
	}
	impure := linkage.Comparison[rec]{
		Name:   "impure",
		Levels: []linkage.Level[rec]{{Label: "same", Match: func(a, b *rec) bool { a.Calls++; return a.Name == b.Name }}, linkage.Else[rec]()},
	}
	outOfRange := linkage.Comparison[rec]{
		Name:     "range",
		Levels:   []linkage.Level[rec]{{Label: "same"}},
		Classify: func(a, b *rec) int { return 7 },
	}
	// disagrees says "exact" by Classify where its predicates say "else"
	// (the predicates of the exact level are missing): the shape of a
	// comparison whose two definitions drifted apart.
	disagrees := linkage.Comparison[rec]{
		Name: "disagrees",
		Null: func(a, b *rec) bool { return a.Name == "" || b.Name == "" },
		Levels: []linkage.Level[rec]{
			{Label: "exact", Match: func(a, b *rec) bool { return false }},
			linkage.Else[rec](),
		},
		Classify: func(a, b *rec) int {
			switch {
			case a.Name == "" || b.Name == "":
				return 0
			case a.Name == b.Name:
				return 1
			}
			return 2
		},
	}
	classified := linkage.Classified("classified", disagrees.Classify, "exact", "else")
	wrongOrder := linkage.JaroWinklerLevels("name", func(r *rec) string { return r.Name }, 0.8, 0.95)
	elseFirst := linkage.Comparison[rec]{Name: "else_first", Levels: []linkage.Level[rec]{linkage.Else[rec](), {Label: "same", Match: func(a, b *rec) bool { return a.Name == b.Name }}, {Label: "other"}}}
	badTF := good
	badTF.TermFrequency = func(r *rec) float64 { return 2 }
	invalid := linkage.Comparison[rec]{Name: "no-levels"}
	// badKey folds case, so "Lan" and "lan" share a key but are not exact.
	badKey := good
	badKey.ExactKey = func(r *rec) (string, bool) { return strings.ToLower(r.Name), r.Name != "" }
	// missingKey calls every key missing, so exact pairs have no key.
	missingKey := good
	missingKey.ExactKey = func(r *rec) (string, bool) { return "", false }
	wrongExactLevel := good
	wrongExactLevel.ExactLevel = 2
	exactOutOfRange := good
	exactOutOfRange.ExactLevel = 9
	tests := []struct {
		name string
		c    linkage.Comparison[rec]
		want string // substring of the first error; "" for none
	}{
		{"conforming", good, ""},
		{"asymmetric", asymmetric, "not symmetric"},
		{"nondeterministic", nondeterministic, "not deterministic"},
		{"impure", impure, "not pure"},
		{"level out of range", outOfRange, "outside [0, 1]"},
		{"term frequency out of range", badTF, "term frequency of record 0 is outside"},
		{"invalid definition", invalid, "no levels"},
		{"classify disagrees with predicates", disagrees, `Classify and the level predicates disagree: level(0, 0) is "exact" by Classify, "else" by the predicates`},
		{"classified agrees", classified, ""},
		{"thresholds in the wrong order", wrongOrder, "thresholds must decrease strictly"},
		{"else level before the last", elseFirst, "level 1 has no predicate"},
		{"exact key folds case", badKey, `ExactKey and level "exact" disagree: level(0, 4) is "else"`},
		{"exact key always missing", missingKey, `ExactKey and level "exact" disagree: level(0, 0) is "exact"`},
		{"exact key on the wrong level", wrongExactLevel, `ExactKey and level "jaro_winkler>=0.9" disagree: level(0, 0) is "exact"`},
		{"exact level out of range", exactOutOfRange, "exact level 9 outside [0, 3]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := &fakeTB{}
			rs := append([]rec(nil), records...)
			linkagetest.CheckComparison(tb, tt.c, rs)
			if tt.want == "" {
				if diff := cmp.Diff([]string(nil), tb.errors); diff != "" {
					t.Errorf("unexpected errors (-want +got)\n%s", diff)
				}
				return
			}
			if len(tb.errors) == 0 || !strings.Contains(tb.errors[0], tt.want) {
				t.Fatalf("errors %q, want one containing %q", tb.errors, tt.want)
			}
			for _, e := range tb.errors {
				for _, r := range records {
					if r.Name != "" && strings.Contains(e, r.Name) {
						t.Errorf("error %q reveals the record value %q", e, r.Name)
					}
				}
			}
			if len(tb.errors) > 10 {
				t.Errorf("%d errors reported, want at most 10", len(tb.errors))
			}
		})
	}
}

// TestCheckComparisonNaNAndFuncFields checks that records holding NaN or
// func fields, left untouched, are not reported as modified.
func TestCheckComparisonNaNAndFuncFields(t *testing.T) {
	type odd struct {
		X  float64
		Fn func()
	}
	recs := []odd{{X: math.NaN(), Fn: func() {}}, {X: 1}}
	c := linkage.DifferenceLevels("x", func(r *odd) (float64, bool) { return r.X, !math.IsNaN(r.X) }, 0.5)
	tb := &fakeTB{}
	linkagetest.CheckComparison(tb, c, recs)
	if diff := cmp.Diff([]string(nil), tb.errors); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}
