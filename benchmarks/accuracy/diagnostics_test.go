package accuracy

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/vnlink/vnlink/benchmarks/febrl"
	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/vnlink/vnlink/blocking"
	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

// diagLargest is how many of each rule's largest blocks the tables list.
const diagLargest = 3

// diagMultiKey names the default rules whose key function may give a
// record more than one key (a CCCD and a CMND), or whose crowded blocks
// are split by a secondary key that may give a record several sub-blocks
// (a family name, with or without the given initial, and a birth month or
// year; a birth year and a birth month and day): for them Counts is an
// upper bound on the rule's pairs, for the others it is exact.
var diagMultiKey = map[string]bool{vnperson.RuleNationalID: true, vnperson.RuleBirthYearWard: true,
	vnperson.RuleGivenBirthYear: true, vnperson.RuleGivenYearPlace: true, vnperson.RuleGivenMonthDay: true,
	vnperson.RuleNamePlace: true}

// diagCase is one blocking to diagnose: the candidates and the truth
// labels of the records (right is nil in dedupe mode).
type diagCase struct {
	name        string
	cands       *blocking.Candidates
	left, right []int64
	multiKey    map[string]bool
}

// diagLabels converts truth indexes (person or entity numbers) to labels.
func diagLabels(truth []int32) []int64 {
	out := make([]int64, len(truth))
	for i, p := range truth {
		out[i] = int64(p)
	}
	return out
}

// diagEHRCases blocks the EHR extract of c on its own and against the registry
// with the default rules.
func diagEHRCases(t testing.TB, c *Commune) []diagCase {
	t.Helper()
	b, err := blocking.New(blocking.Options{}, vnperson.DefaultRules()...)
	if err != nil {
		t.Fatal(err)
	}
	ehr, _ := vnperson.Prepare(c.EHR, Options().Prepare)
	reg, _ := vnperson.Prepare(c.Registry, Options().Prepare)
	dd, err := b.Dedupe(ehr)
	if err != nil {
		t.Fatal(err)
	}
	lk, err := b.Link(ehr, reg)
	if err != nil {
		t.Fatal(err)
	}
	return []diagCase{
		{name: "ehr_dedupe", cands: dd, left: diagLabels(c.EHRTruth), multiKey: diagMultiKey},
		{name: "ehr_registry_link", cands: lk, left: diagLabels(c.EHRTruth), right: diagLabels(c.RegistryTruth), multiKey: diagMultiKey},
	}
}

// diagRuleFigures are the figures of one rule that diagCheck recomputes
// by enumerating the candidate pairs.
type diagRuleFigures struct {
	Name                          string
	Blocks                        int
	Comparisons, NewPairs, Cum    int64
	TruePairs, NewTruePairs       int64
	Completeness, CumCompleteness float64
}

// diagOverall are the blocking-wide figures diagCheck recomputes.
type diagOverall struct {
	TotalPairs, Pairs, TruePairs, FoundPairs int64
	ReductionRatio, Completeness, Quality    float64
}

// diagTruePairs counts the pairs of records with equal labels: within left in
// dedupe mode (right == nil), across left and right in link mode.
func diagTruePairs(left, right []int64) int64 {
	nl := map[int64]int64{}
	for _, l := range left {
		nl[l]++
	}
	var n int64
	if right == nil {
		for _, k := range nl {
			n += k * (k - 1) / 2
		}
		return n
	}
	for _, r := range right {
		n += nl[r]
	}
	return n
}

// diagCheck diagnoses bc and checks every figure against a count
// made by enumerating the candidate pairs: each pair's rule agrees with
// FirstRule, each rule's new and cumulative pairs, its own pairs (Produces)
// against Counts (equal, or at most Counts for a rule with several keys per
// record), true pairs and completeness per rule and cumulative, the union's
// completeness, quality and reduction ratio.
func diagCheck(t *testing.T, bc diagCase) blocking.Diagnostics {
	t.Helper()
	c := bc.cands
	d, err := c.Diagnose(blocking.DiagnoseOptions{Largest: diagLargest, Labels: bc.left, RightLabels: bc.right})
	if err != nil {
		t.Fatal(err)
	}
	names := c.RuleNames()
	counts := c.Counts()
	nr := len(names)
	isTrue := func(p blocking.Pair) bool {
		if bc.right == nil {
			return bc.left[p.A] == bc.left[p.B]
		}
		return bc.left[p.A] == bc.right[p.B]
	}
	newPairs := make([]int64, nr)
	own := make([]int64, nr)
	trueOwn := make([]int64, nr)
	trueNew := make([]int64, nr)
	var pairs, found int64
	badRule := 0
	for p := range c.Pairs() {
		pairs++
		newPairs[p.Rule]++
		if first, ok := c.FirstRule(p.A, p.B); !ok || first != int(p.Rule) {
			badRule++
		}
		tp := isTrue(p)
		if tp {
			found++
			trueNew[p.Rule]++
		}
		for k := int(p.Rule); k < nr; k++ {
			if c.Produces(k, p.A, p.B) {
				own[k]++
				if tp {
					trueOwn[k]++
				}
			}
		}
	}
	if badRule > 0 {
		t.Errorf("%d pairs tagged with another rule than FirstRule's", badRule)
	}
	all := diagTruePairs(bc.left, bc.right)
	nl, nright := c.Len()
	total := int64(nl) * int64(nright)
	if bc.right == nil {
		total = int64(nl) * int64(nl-1) / 2
	}
	ratio := func(a, b int64) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}

	var want, got []diagRuleFigures
	var cum, cumTrue, bound int64
	for k, r := range d.Rules {
		cum += newPairs[k]
		cumTrue += trueNew[k]
		bound += counts[k].Comparisons
		if counts[k].Name != names[k] || counts[k].CumulativeBound != bound {
			t.Errorf("Counts()[%d] = %+v: want name %s and cumulative bound %d", k, counts[k], names[k], bound)
		}
		comparisons := own[k]
		if bc.multiKey[names[k]] {
			if counts[k].Comparisons < own[k] {
				t.Errorf("rule %s: Counts gives %d comparisons, below the %d pairs it produces", names[k], counts[k].Comparisons, own[k])
			}
			comparisons = counts[k].Comparisons
		}
		want = append(want, diagRuleFigures{Name: names[k], Blocks: counts[k].Blocks, Comparisons: comparisons,
			NewPairs: newPairs[k], Cum: cum, TruePairs: trueOwn[k], NewTruePairs: trueNew[k],
			Completeness: ratio(trueOwn[k], all), CumCompleteness: ratio(cumTrue, all)})
		got = append(got, diagRuleFigures{Name: r.Name, Blocks: r.Blocks, Comparisons: r.Comparisons,
			NewPairs: r.NewPairs, Cum: r.Cumulative, TruePairs: r.TruePairs, NewTruePairs: r.NewTruePairs,
			Completeness: r.Completeness, CumCompleteness: r.CumulativeCompleteness})
		if k > 0 && r.CumulativeCompleteness < d.Rules[k-1].CumulativeCompleteness {
			t.Errorf("rule %s: cumulative completeness %.6f below the previous rule's %.6f", r.Name, r.CumulativeCompleteness, d.Rules[k-1].CumulativeCompleteness)
		}
		if len(r.Largest) > diagLargest {
			t.Errorf("rule %s: %d largest blocks listed, want at most %d", r.Name, len(r.Largest), diagLargest)
		}
		for i, bl := range r.Largest {
			if i > 0 && bl.Pairs > r.Largest[i-1].Pairs {
				t.Errorf("rule %s: largest blocks not in decreasing order of pairs", r.Name)
			}
			if bc.right == nil && bl.Pairs != int64(bl.Size)*int64(bl.Size-1)/2 {
				t.Errorf("rule %s: block of %d records with %d pairs", r.Name, bl.Size, bl.Pairs)
			}
			if bl.Pairs > r.Comparisons {
				t.Errorf("rule %s: a block of %d pairs, above the rule's %d", r.Name, bl.Pairs, r.Comparisons)
			}
		}
	}
	approx := cmpopts.EquateApprox(0, 1e-12)
	if diff := cmp.Diff(want, got, approx); diff != "" {
		t.Errorf("rule figures (-want +got):\n%s", diff)
	}
	wantAll := diagOverall{TotalPairs: total, Pairs: pairs, TruePairs: all, FoundPairs: found,
		ReductionRatio: 1 - ratio(pairs, total), Completeness: ratio(found, all), Quality: ratio(found, pairs)}
	gotAll := diagOverall{TotalPairs: d.TotalPairs, Pairs: d.Pairs, TruePairs: d.TruePairs, FoundPairs: d.FoundPairs,
		ReductionRatio: d.ReductionRatio, Completeness: d.Completeness, Quality: d.Quality}
	if diff := cmp.Diff(wantAll, gotAll, approx); diff != "" {
		t.Errorf("overall figures (-want +got):\n%s", diff)
	}
	if n := len(d.Rules); n > 0 && d.Rules[n-1].CumulativeCompleteness != d.Completeness {
		t.Errorf("last cumulative completeness %.6f, completeness of the union %.6f", d.Rules[n-1].CumulativeCompleteness, d.Completeness)
	}
	return d
}

// diagTable formats the diagnostics as a Markdown table, one row per rule, with
// the sizes of each rule's largest blocks (never their keys or values).
func diagTable(title string, d blocking.Diagnostics) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s (%s): %d", title, d.Mode, d.Left)
	if d.Mode == blocking.Link {
		fmt.Fprintf(&sb, " × %d", d.Right)
	}
	fmt.Fprintf(&sb, " records, %d possible pairs, %d true pairs\n", d.TotalPairs, d.TruePairs)
	sb.WriteString("| rule | blocks | pairs alone | new pairs | cumulative | PC alone | PC cumulative | largest blocks (records/pairs) |\n")
	sb.WriteString("|---|---:|---:|---:|---:|---:|---:|---|\n")
	for _, r := range d.Rules {
		var largest []string
		for _, b := range r.Largest {
			largest = append(largest, fmt.Sprintf("%d/%d", b.Size, b.Pairs))
		}
		fmt.Fprintf(&sb, "| %s | %d | %d | %d | %d | %.5f | %.5f | %s |\n", r.Name, r.Blocks, r.Comparisons,
			r.NewPairs, r.Cumulative, r.Completeness, r.CumulativeCompleteness, strings.Join(largest, ", "))
	}
	fmt.Fprintf(&sb, "candidates %d, reduction ratio %.6f, pairs completeness %.5f (%d/%d), pairs quality %.5f, oversized blocks %d\n",
		d.Pairs, d.ReductionRatio, d.Completeness, d.FoundPairs, d.TruePairs, d.Quality, len(d.Oversized))
	return sb.String()
}

// TestBlockingDiagnostics checks every figure of the blocking diagnostics of
// the default rules on the shared 5,000-person commune (the one the other
// tests use, so that it is generated once) and of the FEBRL rules on FEBRL,
// against counts made by enumerating the candidates, and logs the tables.
// Floors sit a little below the completeness measured on the 5,000-person
// commune (dedupe 0.99738, link 0.99958 at the time of writing) and on FEBRL
// (dataset3 0.99664, dataset4 0.99940). Like TestFEBRL, the FEBRL cases run
// under the race detector only with VNLINK_ACCURACY=1.
func TestBlockingDiagnostics(t *testing.T) {
	const floor = 0.99
	check := func(t *testing.T, bc diagCase) {
		d := diagCheck(t, bc)
		t.Log("\n" + diagTable(bc.name, d))
		if d.Completeness < floor {
			t.Errorf("pairs completeness %.5f, want at least %.2f", d.Completeness, floor)
		}
	}
	for _, bc := range diagEHRCases(t, smallCommune(t)) {
		t.Run(bc.name, func(t *testing.T) { check(t, bc) })
	}
	skipFEBRL := func(t *testing.T) {
		if raceEnabled && os.Getenv("VNLINK_ACCURACY") == "" {
			t.Skip("FEBRL blocking takes seconds under the race detector; set VNLINK_ACCURACY=1 to run it")
		}
	}
	t.Run("febrl3_dedupe", func(t *testing.T) {
		skipFEBRL(t)
		d, err := febrl.LoadDedupe(febrlDir)
		if err != nil {
			t.Skipf("FEBRL data not available in ../shared/data/febrl beside the repository: %v", err)
		}
		check(t, diagFEBRLCase(t, "febrl3_dedupe", d, nil))
	})
	t.Run("febrl4_link", func(t *testing.T) {
		skipFEBRL(t)
		l, r, err := febrl.LoadLink(febrlDir)
		if err != nil {
			t.Skipf("FEBRL data not available in ../shared/data/febrl beside the repository: %v", err)
		}
		check(t, diagFEBRLCase(t, "febrl4_link", l, r))
	})
}

// diagFEBRLCase blocks FEBRL data with FEBRLRules: left on its own when right
// is nil, else left against right.
func diagFEBRLCase(t testing.TB, name string, left, right *febrl.Dataset) diagCase {
	t.Helper()
	b, err := blocking.New(blocking.Options{}, FEBRLRules()...)
	if err != nil {
		t.Fatal(err)
	}
	if right == nil {
		c, err := b.Dedupe(PrepareFEBRL(left.Records))
		if err != nil {
			t.Fatal(err)
		}
		return diagCase{name: name, cands: c, left: diagLabels(left.Entity)}
	}
	c, err := b.Link(PrepareFEBRL(left.Records), PrepareFEBRL(right.Records))
	if err != nil {
		t.Fatal(err)
	}
	return diagCase{name: name, cands: c, left: diagLabels(left.Entity), right: diagLabels(right.Entity)}
}

var (
	diagFullOnce sync.Once
	diagFull     *Commune
	diagFullErr  error
)

// diagFullCommune returns the default 50,000-person commune, generated once. It
// must not be modified.
func diagFullCommune(t testing.TB) *Commune {
	t.Helper()
	diagFullOnce.Do(func() { diagFull, diagFullErr = GenerateCommune(synth.DefaultConfig()) })
	if diagFullErr != nil {
		t.Fatal(diagFullErr)
	}
	return diagFull
}

// diagSkipUnlessFull skips the 50,000-person measurements unless
// VNLINK_ACCURACY=1.
func diagSkipUnlessFull(t testing.TB) {
	t.Helper()
	if os.Getenv("VNLINK_ACCURACY") == "" || testing.Short() {
		t.Skip("set VNLINK_ACCURACY=1 to measure the 50,000-person commune")
	}
}

// TestFullBlockingDiagnostics checks and logs the blocking diagnostics of the
// default rules on the default 50,000-person commune:
//
//	VNLINK_ACCURACY=1 go test -run FullBlocking -v ./benchmarks/accuracy/
func TestFullBlockingDiagnostics(t *testing.T) {
	diagSkipUnlessFull(t)
	for _, bc := range diagEHRCases(t, diagFullCommune(t)) {
		t.Run(bc.name, func(t *testing.T) {
			d := diagCheck(t, bc)
			t.Log("\n" + diagTable(bc.name, d))
			if d.Completeness < 0.995 {
				t.Errorf("pairs completeness %.5f, want at least 0.995", d.Completeness)
			}
		})
	}
}

// diagEMSetup is the training state of the 50,000-person commune's EHR extract
// just before EM: u estimated, prior set, the pattern counts of each
// training rule.
type diagEMSetup struct {
	recs   []vnperson.Record
	model  *linkage.Model[vnperson.Record]
	start  linkage.Params
	rounds []linkage.TrainingRound
}

var (
	diagEMOnce sync.Once
	diagEM     diagEMSetup
	diagEMErr  error
)

// diagCandidates blocks recs on their own with one rule.
func diagCandidates(recs []vnperson.Record, r blocking.Rule[vnperson.Record]) (*blocking.Candidates, error) {
	b, err := blocking.New(blocking.Options{}, r)
	if err != nil {
		return nil, err
	}
	return b.Dedupe(recs)
}

// diagEMState runs the steps of vnperson.Train before EM on the full commune,
// with the default options.
func diagEMState(b *testing.B) *diagEMSetup {
	c := diagFullCommune(b)
	diagEMOnce.Do(func() {
		diagEM.recs, _ = vnperson.Prepare(c.EHR, Options().Prepare)
		if diagEM.model, diagEMErr = vnperson.DefaultModel(); diagEMErr != nil {
			return
		}
		if diagEMErr = diagEM.model.EstimateU(diagEM.recs, nil, linkage.SampleOptions{Pairs: vnperson.DefaultUSamplePairs}); diagEMErr != nil {
			return
		}
		var byID *blocking.Candidates
		if byID, diagEMErr = diagCandidates(diagEM.recs, vnperson.DefaultRules()[0]); diagEMErr != nil {
			return
		}
		id := vnperson.NationalIDComparison()
		if _, diagEMErr = diagEM.model.EstimatePriorFromRule(diagEM.recs, nil, byID.Pairs(), func(a, b *vnperson.Record) bool {
			return id.Level(a, b) == vnperson.IDCCCDExact
		}, vnperson.DefaultPriorRecall); diagEMErr != nil {
			return
		}
		diagEM.start = diagEM.model.Params()
		for _, tr := range vnperson.DefaultTraining() {
			var cands *blocking.Candidates
			if cands, diagEMErr = diagCandidates(diagEM.recs, tr.Rule); diagEMErr != nil {
				return
			}
			diagEM.rounds = append(diagEM.rounds, linkage.TrainingRound{Patterns: diagEM.model.CountCandidates(diagEM.recs, nil, cands, -1, 0), Exclude: tr.Exclude})
		}
	})
	if diagEMErr != nil {
		b.Fatal(diagEMErr)
	}
	return &diagEM
}

// BenchmarkTrain50k times the unsupervised training of the default model on
// the EHR extract of the 50,000-person commune, step by step:
//
//	VNLINK_ACCURACY=1 go test ./benchmarks/accuracy/ -run '^$' -bench 50k -benchmem
//
// block/RULE blocks the records with one training rule; count/RULE counts the
// comparison patterns of its pairs (GOMAXPROCS workers); em runs EM over
// the pattern counts of all the rounds, from the parameters before EM; u
// estimates u from 1,000,000 random pairs; train is vnperson.Train.
func BenchmarkTrain50k(b *testing.B) {
	diagSkipUnlessFull(b)
	s := diagEMState(b)
	for i, tr := range vnperson.DefaultTraining() {
		b.Run("block/"+tr.Rule.Name(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := diagCandidates(s.recs, tr.Rule); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("count/"+tr.Rule.Name(), func(b *testing.B) {
			c, err := diagCandidates(s.recs, tr.Rule)
			if err != nil {
				b.Fatal(err)
			}
			var p linkage.Patterns
			b.ReportAllocs()
			for b.Loop() {
				p = s.model.CountCandidates(s.recs, nil, c, -1, 0)
			}
			if diff := cmp.Diff(s.rounds[i].Patterns, p); diff != "" {
				b.Fatalf("patterns differ from the setup's (-want +got):\n%s", diff)
			}
			b.ReportMetric(p.Total(), "pairs")
			b.ReportMetric(float64(len(p.Patterns)), "patterns")
			b.ReportMetric(p.Total()*float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
		})
	}
	b.Run("em", func(b *testing.B) {
		var pairs, patterns float64
		for _, r := range s.rounds {
			pairs += r.Patterns.Total()
			patterns += float64(len(r.Patterns.Patterns))
		}
		var iterations int
		b.ReportAllocs()
		for b.Loop() {
			if err := s.model.SetParams(s.start); err != nil {
				b.Fatal(err)
			}
			res, err := s.model.TrainEM(s.rounds, linkage.EMOptions{})
			if err != nil {
				b.Fatal(err)
			}
			iterations = 0
			for _, r := range res {
				iterations += r.Iterations
			}
		}
		b.ReportMetric(pairs, "pairs")
		b.ReportMetric(patterns, "patterns")
		b.ReportMetric(float64(iterations), "iterations")
	})
	b.Run("u", func(b *testing.B) {
		m, err := vnperson.DefaultModel()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if err := m.EstimateU(s.recs, nil, linkage.SampleOptions{Pairs: vnperson.DefaultUSamplePairs}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("train", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := vnperson.Train(s.recs, nil, Options()); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkDedupe50k runs vnperson.Dedupe end to end (preparation, training,
// blocking, scoring, clustering) on the EHR extract of the 50,000-person
// commune.
func BenchmarkDedupe50k(b *testing.B) {
	diagSkipUnlessFull(b)
	c := diagFullCommune(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := vnperson.Dedupe(c.EHR, Options()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(c.EHR))/b.Elapsed().Seconds(), "records/s")
}
