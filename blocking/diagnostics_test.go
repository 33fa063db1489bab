package blocking

import (
	"errors"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

// smallDedupe is the hand-worked case of the diagnostics tests:
//
//	record  0    1    2    3    4    5
//	b       0    0    0    1    1    -
//	s       a    a    b    c    -    c
//	label   1    1    2    2    3    3
//
// Rule b: block 0 {0,1,2} has 3 pairs, block 1 {3,4} has 1.
// Rule s (window 2) over groups a{0,1} b{2} c{3,5}: the window at a has
// (0,1) (0,2) (1,2); at b, (2,3) (2,5); at c, (3,5).
func smallDedupe() []rec {
	return []rec{
		{b: 0, s: "a", sec: []int64{7}},
		{b: 0, s: "a", sec: []int64{7}},
		{b: 0, s: "b", sec: []int64{8}},
		{b: 1, s: "c"},
		{b: 1},
		{b: -1, s: "c"},
	}
}

func TestDiagnoseHandComputed(t *testing.T) {
	labels := []int64{1, 1, 2, 2, 3, 3}
	bInfo := func(k Key, size int, pairs int64) BlockInfo { return BlockInfo{Key: k, Size: size, Pairs: pairs} }
	tests := []struct {
		name  string
		opts  Options
		rules []Rule[rec]
		want  Diagnostics
	}{
		{
			name:  "no cap",
			opts:  Options{MaxBlockSize: NoBlockCap},
			rules: []Rule[rec]{Exact("b", keysB), SortedNeighbourhood("s", 2, sortKeyS)},
			want: Diagnostics{
				Mode: Dedupe, Left: 6, TotalPairs: 15, Pairs: 7, ReductionRatio: 1 - 7.0/15,
				Rules: []RuleDiagnostics{
					{Name: "b", Blocks: 2, Comparisons: 4, NewPairs: 4, Cumulative: 4,
						Largest:   []BlockInfo{bInfo(KeyOfInts(0), 3, 3), bInfo(KeyOfInts(1), 2, 1)},
						TruePairs: 1, NewTruePairs: 1, Completeness: 1.0 / 3, CumulativeCompleteness: 1.0 / 3},
					{Name: "s", Blocks: 3, Comparisons: 6, NewPairs: 3, Cumulative: 7,
						Largest:   []BlockInfo{bInfo(KeyOf("a"), 3, 3), bInfo(KeyOf("b"), 3, 2), bInfo(KeyOf("c"), 2, 1)},
						TruePairs: 2, NewTruePairs: 1, Completeness: 2.0 / 3, CumulativeCompleteness: 2.0 / 3},
				},
				HasLabels: true, TruePairs: 3, FoundPairs: 2, Completeness: 2.0 / 3, Quality: 2.0 / 7,
			},
		},
		{
			name:  "cap 2, skip",
			opts:  Options{MaxBlockSize: 2, Oversize: SkipOversize},
			rules: []Rule[rec]{Exact("b", keysB).SplitBy(keysSec), SortedNeighbourhood("s", 2, sortKeyS)},
			want: Diagnostics{
				Mode: Dedupe, Left: 6, TotalPairs: 15, Pairs: 2, ReductionRatio: 1 - 2.0/15,
				Rules: []RuleDiagnostics{
					{Name: "b", Blocks: 1, Comparisons: 1, NewPairs: 1, Cumulative: 1,
						Largest: []BlockInfo{bInfo(KeyOfInts(1), 2, 1)}},
					{Name: "s", Blocks: 1, Comparisons: 1, NewPairs: 1, Cumulative: 2,
						Largest: []BlockInfo{bInfo(KeyOf("c"), 2, 1)}},
				},
				Oversized: []OversizeBlock{
					{Rule: 0, RuleName: "b", Key: KeyOfInts(0), Size: 3, Pairs: 3, Action: ActionSkipped},
					{Rule: 1, RuleName: "s", Key: KeyOf("a"), Size: 3, Pairs: 3, Action: ActionSkipped},
					{Rule: 1, RuleName: "s", Key: KeyOf("b"), Size: 3, Pairs: 2, Action: ActionSkipped},
				},
				HasLabels: true, TruePairs: 3, FoundPairs: 0, Completeness: 0, Quality: 0,
			},
		},
		{
			name:  "cap 2, split by secondary key (the default policy)",
			opts:  Options{MaxBlockSize: 2},
			rules: []Rule[rec]{Exact("b", keysB).SplitBy(keysSec)},
			want: Diagnostics{
				Mode: Dedupe, Left: 6, TotalPairs: 15, Pairs: 2, ReductionRatio: 1 - 2.0/15,
				Rules: []RuleDiagnostics{
					{Name: "b", Blocks: 2, Comparisons: 2, NewPairs: 2, Cumulative: 2,
						Largest: []BlockInfo{
							bInfo(min(KeyOfInts(1), derive(KeyOfInts(0), KeyOfInts(7))), 2, 1),
							bInfo(max(KeyOfInts(1), derive(KeyOfInts(0), KeyOfInts(7))), 2, 1),
						},
						TruePairs: 1, NewTruePairs: 1, Completeness: 1.0 / 3, CumulativeCompleteness: 1.0 / 3},
				},
				Oversized: []OversizeBlock{
					{Rule: 0, RuleName: "b", Key: KeyOfInts(0), Size: 3, Pairs: 3, Action: ActionSplit},
				},
				HasLabels: true, TruePairs: 3, FoundPairs: 1, Completeness: 1.0 / 3, Quality: 1.0 / 2,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := New(tt.opts, tt.rules...)
			if err != nil {
				t.Fatal(err)
			}
			c, err := b.Dedupe(smallDedupe())
			if err != nil {
				t.Fatal(err)
			}
			dl := labels
			if !tt.want.HasLabels {
				dl = nil
			}
			got, err := c.Diagnose(DiagnoseOptions{Labels: dl, Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Diagnose (-want +got):\n%s", diff)
			}
			// Counts agree with Diagnose where they overlap.
			var cum int64
			var wantCounts []RuleCount
			for _, r := range tt.want.Rules {
				cum += r.Comparisons
				wantCounts = append(wantCounts, RuleCount{Name: r.Name, Blocks: r.Blocks, Comparisons: r.Comparisons, CumulativeBound: cum})
			}
			if diff := gocmp.Diff(wantCounts, c.Counts()); diff != "" {
				t.Errorf("Counts (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDiagnoseLink(t *testing.T) {
	left := []rec{{b: 0}, {b: 1}}
	right := []rec{{b: 0}, {b: 0}, {b: 1}}
	b, err := New(Options{}, Exact("b", keysB))
	if err != nil {
		t.Fatal(err)
	}
	c, err := b.Link(left, right)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Diagnose(DiagnoseOptions{Labels: []int64{10, 20}, RightLabels: []int64{10, 30, 20}})
	if err != nil {
		t.Fatal(err)
	}
	want := Diagnostics{
		Mode: Link, Left: 2, Right: 3, TotalPairs: 6, Pairs: 3, ReductionRatio: 0.5,
		Rules: []RuleDiagnostics{{Name: "b", Blocks: 2, Comparisons: 3, NewPairs: 3, Cumulative: 3,
			Largest:   []BlockInfo{{Key: KeyOfInts(0), Size: 3, Pairs: 2}, {Key: KeyOfInts(1), Size: 2, Pairs: 1}},
			TruePairs: 2, NewTruePairs: 2, Completeness: 1, CumulativeCompleteness: 1}},
		HasLabels: true, TruePairs: 2, FoundPairs: 2, Completeness: 1, Quality: 2.0 / 3,
	}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("Diagnose (-want +got):\n%s", diff)
	}
}

func TestDiagnoseLabelErrors(t *testing.T) {
	b, err := New(Options{}, Exact("b", keysB))
	if err != nil {
		t.Fatal(err)
	}
	dd, err := b.Dedupe(smallDedupe())
	if err != nil {
		t.Fatal(err)
	}
	lk, err := b.Link(smallDedupe(), smallDedupe()[:2])
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		c    *Candidates
		opts DiagnoseOptions
	}{
		{"dedupe short", dd, DiagnoseOptions{Labels: []int64{1}}},
		{"dedupe with right labels", dd, DiagnoseOptions{Labels: make([]int64, 6), RightLabels: []int64{1}}},
		{"link missing right", lk, DiagnoseOptions{Labels: make([]int64, 6)}},
		{"link right short", lk, DiagnoseOptions{Labels: make([]int64, 6), RightLabels: []int64{1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.c.Diagnose(tt.opts)
			if !errors.Is(err, ErrLabels) {
				t.Errorf("Diagnose error = %v, want ErrLabels", err)
			}
		})
	}
}

func TestNewValidation(t *testing.T) {
	many := make([]Rule[rec], MaxRules+1)
	for i := range many {
		many[i] = Exact("r"+itoa(i), keysB)
	}
	tests := []struct {
		name  string
		opts  Options
		rules []Rule[rec]
		want  []RuleError // Err fields omitted: all are ErrInvalidRule
	}{
		{"ok", Options{}, []Rule[rec]{Exact("b", keysB), SortedNeighbourhood("s", 1, sortKeyS)}, nil},
		{"no rules", Options{}, nil, []RuleError{{Index: -1, Reason: "no rules"}}},
		{"too many", Options{}, many, []RuleError{{Index: -1, Reason: "more than 255 rules"}}},
		{"no cap", Options{MaxBlockSize: NoBlockCap, Oversize: SkipOversize}, []Rule[rec]{Exact("b", keysB)}, nil},
		{"options", Options{MaxBlockSize: -2, Oversize: 9}, []Rule[rec]{Exact("b", keysB)},
			[]RuleError{{Index: -1, Reason: "MaxBlockSize below NoBlockCap"}, {Index: -1, Reason: "unknown oversize policy"}}},
		{"all rule problems at once", Options{}, []Rule[rec]{
			Exact("", keysB),
			Exact[rec]("nil", nil),
			SortedNeighbourhood("w0", 0, sortKeyS),
			Exact("nil", keysB),
			{},
		}, []RuleError{
			{Index: 0, Name: "", Reason: "empty name"},
			{Index: 1, Name: "nil", Reason: "nil key function"},
			{Index: 2, Name: "w0", Reason: "window below 1"},
			{Index: 3, Name: "nil", Reason: "duplicate name"},
			{Index: 4, Name: "", Reason: "empty name"},
			{Index: 4, Name: "", Reason: "zero Rule; use Exact or SortedNeighbourhood"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.opts, tt.rules...)
			var got []RuleError
			if err != nil {
				for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
					var re *RuleError
					if !errors.As(e, &re) || !errors.Is(e, ErrInvalidRule) {
						t.Fatalf("error %v is not a *RuleError wrapping ErrInvalidRule", e)
					}
					cp := *re
					cp.Err = nil
					got = append(got, cp)
				}
			}
			if diff := gocmp.Diff(tt.want, got); diff != "" {
				t.Errorf("New errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestErrorMessagesHoldNoValues(t *testing.T) {
	e := &RuleError{Index: 2, Name: "ward", Reason: "window below 1", Err: ErrInvalidRule}
	want := `blocking: rule 2 ("ward"): invalid blocking rule: window below 1`
	if diff := gocmp.Diff(want, e.Error()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
