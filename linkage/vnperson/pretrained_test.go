package vnperson_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

// twoWritings is one woman written twice, differently: too few records to
// estimate anything from.
func twoWritings() []vnperson.Person {
	return []vnperson.Person{
		{ID: "1", FullName: "Nguyen Thi Thuy", BirthDate: "3/4/1990", Sex: "Nữ"},
		{ID: "2", FullName: "Nguyễn Thị Thuý", BirthDate: "03/04/1990", Sex: "nu"},
	}
}

func TestPretrainedSmallInput(t *testing.T) {
	people := twoWritings()
	tests := []struct {
		policy vnperson.PretrainedPolicy
		linked bool
	}{
		{vnperson.PretrainedAuto, true},
		{vnperson.PretrainedAlways, true},
		// Estimated from the single pair, u is 1 on every agreeing level.
		{vnperson.PretrainedNever, false},
	}
	for _, tt := range tests {
		t.Run(tt.policy.String(), func(t *testing.T) {
			opts := vnperson.Options{Prepare: vnperson.PrepareOptions{Today: today}, UsePretrained: tt.policy}
			check := func(t *testing.T, res *vnperson.Result) {
				t.Helper()
				if got := len(res.Links) == 1; got != tt.linked {
					t.Fatalf("linked = %v (%d links), want %v", got, len(res.Links), tt.linked)
				}
				e := res.Explain(0, 0)
				if res.Right == nil {
					e = res.Explain(0, 1)
				}
				if !tt.linked {
					return
				}
				if e.Probability <= 0.9 {
					t.Errorf("match probability %.4f, want above 0.9", e.Probability)
				}
				agreeing := 0
				for _, row := range e.Rows {
					if row.Level == 1 {
						agreeing++
						if !(row.U < row.M) {
							t.Errorf("%s/%s: u %.3g not below m %.3g", row.Comparison, row.Label, row.U, row.M)
						}
					}
				}
				if agreeing < 2 {
					t.Errorf("%d comparisons at their first level, want at least 2 (birth date, sex)", agreeing)
				}
			}
			t.Run("dedupe", func(t *testing.T) {
				res, err := vnperson.Dedupe(people, opts)
				if err != nil {
					t.Fatal(err)
				}
				check(t, res)
			})
			t.Run("link", func(t *testing.T) {
				res, err := vnperson.Link(people[:1], people[1:], opts)
				if err != nil {
					t.Fatal(err)
				}
				check(t, res)
			})
		})
	}
}

// mOf returns the m of every level, by comparison and level label.
func mOf(m *linkage.Model[vnperson.Record]) map[string]float64 {
	out := map[string]float64{}
	for _, c := range m.Params().Comparisons {
		for _, l := range c.Levels {
			out[c.Name+"/"+l.Label] = l.M
		}
	}
	return out
}

func uOf(m *linkage.Model[vnperson.Record]) map[string]float64 {
	out := map[string]float64{}
	for _, c := range m.Params().Comparisons {
		for _, l := range c.Levels {
			out[c.Name+"/"+l.Label] = l.U
		}
	}
	return out
}

// TestTrainPolicy checks which m and u Train uses under each policy, on
// each side of MinTrainRecords.
func TestTrainPolicy(t *testing.T) {
	dedupe, err := vnperson.PretrainedModel()
	if err != nil {
		t.Fatal(err)
	}
	link, err := vnperson.PretrainedLinkModel()
	if err != nil {
		t.Fatal(err)
	}
	people, _ := community(vnperson.MinTrainRecords, 7)
	recs := prepare(t, people...)
	if len(recs) < vnperson.MinTrainRecords {
		t.Fatalf("%d records, want at least %d", len(recs), vnperson.MinTrainRecords)
	}
	small, large := recs[:vnperson.MinTrainRecords-1], recs[:vnperson.MinTrainRecords]
	register := recs[:vnperson.MinTrainRecords]
	tests := []struct {
		name        string
		left, right []vnperson.Record
		policy      vnperson.PretrainedPolicy
		want        *linkage.Model[vnperson.Record] // nil: estimated
	}{
		{"dedupe small auto", small, nil, vnperson.PretrainedAuto, dedupe},
		{"dedupe small always", small, nil, vnperson.PretrainedAlways, dedupe},
		{"dedupe small never", small, nil, vnperson.PretrainedNever, nil},
		{"dedupe large auto", large, nil, vnperson.PretrainedAuto, nil},
		{"dedupe large always", large, nil, vnperson.PretrainedAlways, dedupe},
		{"link small side auto", small, register, vnperson.PretrainedAuto, link},
		{"link small right auto", register, small, vnperson.PretrainedAuto, link},
		{"link large auto", large, register, vnperson.PretrainedAuto, nil},
		{"link large always", large, register, vnperson.PretrainedAlways, link},
		{"link small never", small, register, vnperson.PretrainedNever, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := vnperson.Options{USamplePairs: 20_000, Seed: 1, UsePretrained: tt.policy}
			got, err := vnperson.Train(tt.left, tt.right, opts)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want != nil {
				if diff := cmp.Diff(mOf(tt.want), mOf(got)); diff != "" {
					t.Errorf("m is not the pretrained m (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(uOf(tt.want), uOf(got)); diff != "" {
					t.Errorf("u is not the pretrained u (-want +got):\n%s", diff)
				}
				return
			}
			if cmp.Equal(uOf(dedupe), uOf(got)) || cmp.Equal(uOf(link), uOf(got)) {
				t.Errorf("u is the pretrained u, want it estimated from the records")
			}
		})
	}
}

// TestTrainPretrainedPrior checks that the pretrained path still takes its
// prior and threshold from the input and the options.
func TestTrainPretrainedPrior(t *testing.T) {
	recs := prepare(t, twoWritings()...)
	opts := vnperson.Options{UsePretrained: vnperson.PretrainedAlways, MatchProbability: 0.8}
	got, err := vnperson.Train(recs, nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	p := got.Params()
	// No equal CCCD: the fallback, 5% of 2 records over 1 pair.
	want := struct{ Prior, Threshold float64 }{vnperson.FallbackDuplicateRate * 2, linkage.WeightForProbability(0.8)}
	if diff := cmp.Diff(want, struct{ Prior, Threshold float64 }{p.Prior, p.Threshold}); diff != "" {
		t.Errorf("prior and threshold (-want +got):\n%s", diff)
	}
}

func TestPretrainedDeterministic(t *testing.T) {
	people, _ := community(150, 11)
	for _, policy := range []vnperson.PretrainedPolicy{vnperson.PretrainedAlways, vnperson.PretrainedNever} {
		t.Run(policy.String(), func(t *testing.T) {
			opts := testOptions()
			opts.UsePretrained = policy
			first, err := vnperson.Dedupe(people, opts)
			if err != nil {
				t.Fatal(err)
			}
			reversed := make([]vnperson.Person, len(people))
			for i, p := range people {
				reversed[len(people)-1-i] = p
			}
			for run, in := range [][]vnperson.Person{people, reversed} {
				res, err := vnperson.Dedupe(in, opts)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(first.Model.Params(), res.Model.Params()); diff != "" {
					t.Errorf("run %d: parameters differ (-want +got):\n%s", run, diff)
				}
				if diff := cmp.Diff(len(first.Links), len(res.Links)); diff != "" {
					t.Errorf("run %d: links (-want +got):\n%s", run, diff)
				}
			}
		})
	}
}

// TestPretrainedModels checks the embedded parameters: both load, agreeing
// on a comparison's first level is evidence of a match (m > u), and m and u
// each sum to 1.
func TestPretrainedModels(t *testing.T) {
	for name, load := range map[string]func() (*linkage.Model[vnperson.Record], error){
		"dedupe": vnperson.PretrainedModel,
		"link":   vnperson.PretrainedLinkModel,
	} {
		t.Run(name, func(t *testing.T) {
			m, err := load()
			if err != nil {
				t.Fatal(err)
			}
			p := m.Params()
			want, err := vnperson.DefaultModel()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(len(want.Params().Comparisons), len(p.Comparisons)); diff != "" {
				t.Fatalf("comparisons (-want +got):\n%s", diff)
			}
			for _, c := range p.Comparisons {
				first := c.Levels[0]
				if !(first.M > first.U) {
					t.Errorf("%s/%s: m %.3g not above u %.3g", c.Name, first.Label, first.M, first.U)
				}
				var sm, su float64
				for _, l := range c.Levels {
					sm += l.M
					su += l.U
				}
				if sm < 0.999 || sm > 1.001 || su < 0.999 || su > 1.001 {
					t.Errorf("%s: m sums to %.4f, u to %.4f; want 1", c.Name, sm, su)
				}
			}
			if !(p.Prior > 0 && p.Prior < 0.01) {
				t.Errorf("prior %.3g, want in (0, 0.01)", p.Prior)
			}
		})
	}
}

// TestPretrainedProvenance checks that the embedded files open with a
// "provenance" object saying how they were made, and that the rest is the
// model exactly: LoadModel ignores the provenance, and MarshalJSON of the
// loaded model gives back every other field.
func TestPretrainedProvenance(t *testing.T) {
	tests := []struct {
		file  string
		load  func() (*linkage.Model[vnperson.Record], error)
		model string
	}{
		{"pretrained_dedupe.json", vnperson.PretrainedModel, "dedupe"},
		{"pretrained_link.json", vnperson.PretrainedLinkModel, "link"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(tt.file)
			require.NoError(t, err)
			var file map[string]json.RawMessage
			require.NoError(t, json.Unmarshal(data, &file))
			var prov struct {
				Model     string         `json:"model"`
				Generator string         `json:"generator"`
				Recipe    string         `json:"recipe"`
				Commune   map[string]any `json:"commune"`
				Training  map[string]any `json:"training"`
			}
			require.Contains(t, file, "provenance")
			require.NoError(t, json.Unmarshal(file["provenance"], &prov))
			assert.Equal(t, tt.model, prov.Model)
			assert.Contains(t, prov.Generator, "genpretrained")
			assert.NotEmpty(t, prov.Recipe)
			assert.Contains(t, prov.Commune, "config")
			assert.Contains(t, prov.Training, "options")

			m, err := tt.load()
			require.NoError(t, err)
			model, err := m.MarshalJSON()
			require.NoError(t, err)
			delete(file, "provenance")
			rest, err := json.Marshal(file)
			require.NoError(t, err)
			assert.JSONEq(t, string(rest), string(model))
		})
	}
}

func TestOptionsValidatePretrained(t *testing.T) {
	tests := []struct {
		name string
		opts vnperson.Options
		want int
	}{
		{"auto", vnperson.Options{UsePretrained: vnperson.PretrainedAuto}, 0},
		{"never", vnperson.Options{UsePretrained: vnperson.PretrainedNever}, 0},
		{"unknown", vnperson.Options{UsePretrained: 7}, 1},
		{"with others", vnperson.Options{UsePretrained: 9, Workers: -1, MatchProbability: 2}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.opts.Validate()
			got := 0
			if err != nil {
				got = strings.Count(err.Error(), "\n") + 1
				if !errors.Is(err, linkage.ErrInvalid) {
					t.Errorf("error does not wrap linkage.ErrInvalid")
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPretrainedPolicyString(t *testing.T) {
	got := []string{vnperson.PretrainedAuto.String(), vnperson.PretrainedAlways.String(), vnperson.PretrainedNever.String(), vnperson.PretrainedPolicy(5).String()}
	if diff := cmp.Diff([]string{"auto", "always", "never", "PretrainedPolicy(5)"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func ExamplePretrainedModel() {
	m, err := vnperson.PretrainedModel()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range m.Params().Comparisons[2:5] {
		l := c.Levels[0]
		fmt.Printf("%-10s %-6s m > 100·u: %v\n", c.Name, l.Label, l.M > 100*l.U)
	}
	// Output:
	// name       exact  m > 100·u: true
	// birth_date exact  m > 100·u: true
	// sex        exact  m > 100·u: false
}

// Two writings of one person are too few to train on: Dedupe uses the
// pretrained parameters (Options.UsePretrained is PretrainedAuto).
func ExampleDedupe_pretrained() {
	res, err := vnperson.Dedupe([]vnperson.Person{
		{ID: "1", FullName: "Nguyen Thi Thuy", BirthDate: "3/4/1990", Sex: "Nữ"},
		{ID: "2", FullName: "Nguyễn Thị Thuý", BirthDate: "03/04/1990", Sex: "nu"},
	}, vnperson.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	e := res.Explain(0, 1)
	for _, row := range e.Rows[2:5] {
		fmt.Printf("%-10s %-13s u < m: %v\n", row.Comparison, row.Label, row.U < row.M)
	}
	fmt.Printf("links %d, probability > 0.9: %v\n", len(res.Links), e.Probability > 0.9)
	// Output:
	// name       missing_marks u < m: true
	// birth_date exact         u < m: true
	// sex        exact         u < m: true
	// links 1, probability > 0.9: true
}
