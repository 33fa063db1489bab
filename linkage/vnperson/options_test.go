package vnperson_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

func TestOptionsValidate(t *testing.T) {
	tests := []struct {
		name string
		opts vnperson.Options
		want int // problems reported
	}{
		{"zero", vnperson.Options{}, 0},
		{"explicit", vnperson.Options{MatchProbability: 0.9, PriorRecall: 0.5, USamplePairs: 10}, 0},
		{"probability", vnperson.Options{MatchProbability: 1}, 1},
		{"several", vnperson.Options{MatchProbability: -1, PriorRecall: 2, USamplePairs: -1, Workers: -2}, 4},
		{"training", vnperson.Options{Training: []vnperson.TrainingRule{{}}}, 1},
		{"default training", vnperson.Options{Training: vnperson.DefaultTraining()}, 0},
		{"training excludes an unknown comparison", vnperson.Options{Training: []vnperson.TrainingRule{
			{Rule: vnperson.DefaultRules()[0], Exclude: []string{vnperson.CompareNationalID, "nationalid"}}}}, 1},
		{"NaN", vnperson.Options{MatchProbability: math.NaN(), PriorRecall: math.NaN()}, 2},
		{"infinite", vnperson.Options{MatchProbability: math.Inf(1)}, 1},
		{"too many workers", vnperson.Options{Workers: 100_000, Prepare: vnperson.PrepareOptions{Workers: 100_000}}, 2},
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
			if _, err := vnperson.Dedupe(nil, tt.opts); (err != nil) != (tt.want > 0) {
				t.Errorf("Dedupe error %v, want one: %v", err, tt.want > 0)
			}
		})
	}
}

func TestLoadModelRoundTrip(t *testing.T) {
	people, _ := community(150, 8)
	res, err := vnperson.Dedupe(people, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	data, err := res.Model.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := vnperson.LoadModel(data)
	if err != nil {
		t.Fatal(err)
	}
	for i := range res.Records[:50] {
		for j := range res.Records[:50] {
			a, b := &res.Records[i], &res.Records[j]
			if got, want := loaded.Score(a, b), res.Model.Score(a, b); got != want {
				t.Fatalf("pair %d-%d: loaded model scores %v, trained %v", i, j, got, want)
			}
		}
	}
}
