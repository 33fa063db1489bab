package main

import (
	"bytes"
	"encoding/csv"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vnlink/vnlink/benchmarks/synth"
)

// syntheticCommune generates a small synthetic commune and returns its
// registry and EHR files and the person of each row, by file and record id.
func syntheticCommune(t testing.TB, people int) (registry, ehr []byte, truth map[string]map[string]string) {
	t.Helper()
	cfg := synth.DefaultConfig()
	cfg.People = people
	cfg.Seed = 7
	cfg.BHYT = false
	var reg, e, tr bytes.Buffer
	if _, err := synth.WriteCSV(cfg, synth.Outputs{Registry: &reg, EHR: &e, Truth: &tr}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&tr).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	truth = map[string]map[string]string{}
	for _, r := range recs[1:] {
		if truth[r[0]] == nil {
			truth[r[0]] = map[string]string{}
		}
		truth[r[0]][r[1]] = r[2]
	}
	return reg.Bytes(), e.Bytes(), truth
}

func testOptions(t testing.TB) *options {
	t.Helper()
	d, err := time.Parse("2006-01-02", today)
	if err != nil {
		t.Fatal(err)
	}
	return &options{Today: d, Seed: 1, Workers: 1}
}

// TestDedupeSyntheticCommune dedupes the EHR of a synthetic commune and
// scores the clusters against the truth, pair by pair.
func TestDedupeSyntheticCommune(t *testing.T) {
	_, ehr, truth := syntheticCommune(t, 600)
	var out bytes.Buffer
	sum, err := runDedupe(bytes.NewReader(ehr), &out, testOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	tab, err := readTable(&out)
	if err != nil {
		t.Fatal(err)
	}
	ids, clusters := column(t, tab, "record_id"), column(t, tab, "cluster")
	in, err := readTable(bytes.NewReader(ehr))
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != len(in.Rows) || sum.Dedupe.Rows != len(in.Rows) {
		t.Fatalf("%d output rows, summary %d, input %d", len(ids), sum.Dedupe.Rows, len(in.Rows))
	}
	persons := make([]string, len(ids))
	for i, id := range ids {
		persons[i] = truth["ehr"][id]
		if persons[i] == "" {
			t.Fatalf("row %d: record id not in the truth file", i+1)
		}
	}
	pairs := func(keys ...[]string) int {
		n := map[string]int{}
		for i := range keys[0] {
			k := ""
			for _, ks := range keys {
				k += ks[i] + "|"
			}
			n[k]++
		}
		total := 0
		for _, c := range n {
			total += c * (c - 1) / 2
		}
		return total
	}
	truePairs, predicted, correct := pairs(persons), pairs(clusters), pairs(persons, clusters)
	precision := float64(correct) / float64(predicted)
	recall := float64(correct) / float64(truePairs)
	t.Logf("rows %d, true pairs %d, predicted %d, correct %d: precision %.3f recall %.3f",
		len(ids), truePairs, predicted, correct, precision, recall)
	if truePairs == 0 || precision < 0.9 || recall < 0.8 {
		t.Errorf("precision %.3f (want >= 0.9), recall %.3f (want >= 0.8)", precision, recall)
	}
	distinct := map[string]bool{}
	for _, c := range clusters {
		distinct[c] = true
	}
	if d := sum.Dedupe; d.Clusters != len(distinct) || d.ExtraRows != len(ids)-len(distinct) {
		t.Errorf("summary: %d clusters, %d extra rows; output has %d clusters", d.Clusters, d.ExtraRows, len(distinct))
	}
}

// TestLinkSyntheticCommune links the EHR of a synthetic commune to its
// registry and checks the links, and the rows left alone, against the truth.
func TestLinkSyntheticCommune(t *testing.T) {
	reg, ehr, truth := syntheticCommune(t, 600)
	opts := testOptions(t)
	opts.Workers = 0 // as the command runs
	var out bytes.Buffer
	sum, err := runLink(bytes.NewReader(ehr), bytes.NewReader(reg), &out, opts)
	if err != nil {
		t.Fatal(err)
	}
	// The issues of the left file are those clean finds in it alone.
	cleanSum, err := runClean(bytes.NewReader(ehr), io.Discard, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(cleanSum.Inputs[0].Issues) == 0 {
		t.Error("no issue in the noisy synthetic EHR")
	}
	if diff := cmp.Diff(cleanSum.Inputs[0].Issues, sum.Inputs[0].Issues); diff != "" {
		t.Errorf("left issues of link and issues of clean differ (-clean +link):\n%s", diff)
	}
	tab, err := readTable(&out)
	if err != nil {
		t.Fatal(err)
	}
	status := column(t, tab, "status")
	left, right := column(t, tab, "left_record_id"), column(t, tab, "right_record_id")
	inRegistry := map[string]bool{}
	for _, p := range truth["registry"] {
		inRegistry[p] = true
	}
	var linked, correct, leftOnly, leftOnlyGone, rightOnly int
	leftSeen, rightSeen := map[string]bool{}, map[string]bool{}
	for i, s := range status {
		switch s {
		case tr(statusLinked):
			linked++
			if truth["ehr"][left[i]] == truth["registry"][right[i]] {
				correct++
			}
		case tr(statusLeftOnly):
			leftOnly++
			if !inRegistry[truth["ehr"][left[i]]] {
				leftOnlyGone++
			}
		case tr(statusRightOnly):
			rightOnly++
		default:
			t.Fatalf("row %d: status %q", i+1, s)
		}
		if left[i] != "" {
			if leftSeen[left[i]] {
				t.Fatalf("left record on two rows")
			}
			leftSeen[left[i]] = true
		}
		if s != tr(statusLinked) && right[i] != "" {
			rightSeen[right[i]] = true
		} else if s == tr(statusLinked) {
			rightSeen[right[i]] = true
		}
	}
	// Every row of both files appears.
	if len(leftSeen) != len(truth["ehr"]) || len(rightSeen) != len(truth["registry"]) {
		t.Fatalf("output covers %d of %d left and %d of %d right rows",
			len(leftSeen), len(truth["ehr"]), len(rightSeen), len(truth["registry"]))
	}
	shouldLink := 0
	for _, p := range truth["ehr"] {
		if inRegistry[p] {
			shouldLink++
		}
	}
	precision := float64(correct) / float64(linked)
	recall := float64(correct) / float64(shouldLink)
	t.Logf("left %d (in registry %d): linked %d, correct %d, left_only %d (%d gone), right_only %d: precision %.3f recall %.3f",
		len(truth["ehr"]), shouldLink, linked, correct, leftOnly, leftOnlyGone, rightOnly, precision, recall)
	if precision < 0.95 || recall < 0.9 {
		t.Errorf("precision %.3f (want >= 0.95), recall %.3f (want >= 0.9)", precision, recall)
	}
	l := sum.Link
	if l.LinkedLeftRows != linked || l.LeftOnly != leftOnly || l.RightOnly != rightOnly {
		t.Errorf("summary linked %d, left_only %d, right_only %d; output %d, %d, %d",
			l.LinkedLeftRows, l.LeftOnly, l.RightOnly, linked, leftOnly, rightOnly)
	}
	if got := l.LinkedRightRows + l.RightOnly; got != len(truth["registry"]) {
		t.Errorf("linked + right_only right rows = %d, want %d", got, len(truth["registry"]))
	}
}

// TestDedupeDeterministic checks that the output does not depend on the
// number of workers, and that the rows in reverse order give the same
// people.
func TestDedupeDeterministic(t *testing.T) {
	_, ehr, _ := syntheticCommune(t, 300)
	dedupeBytes := func(in []byte, workers int) []byte {
		opts := testOptions(t)
		opts.Workers = workers
		var out bytes.Buffer
		if _, err := runDedupe(bytes.NewReader(in), &out, opts); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	one, many := dedupeBytes(ehr, 1), dedupeBytes(ehr, 3)
	if !bytes.Equal(one, many) {
		t.Error("the output with 1 and 3 workers differ")
	}

	lines := bytes.SplitAfter(ehr, []byte("\n"))
	if len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	reversed := slices.Concat(lines[:1], lines[1:])
	slices.Reverse(reversed[1:])
	people := func(out []byte) [][]string {
		tab, err := readTable(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		byCluster := map[string][]string{}
		ids, clusters := column(t, tab, "record_id"), column(t, tab, "cluster")
		for i, id := range ids {
			byCluster[clusters[i]] = append(byCluster[clusters[i]], id)
		}
		var out2 [][]string
		for _, ids := range byCluster {
			slices.Sort(ids)
			out2 = append(out2, ids)
		}
		slices.SortFunc(out2, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
		return out2
	}
	if diff := cmp.Diff(people(one), people(dedupeBytes(bytes.Join(reversed, nil), 1))); diff != "" {
		t.Errorf("people from the rows in order and reversed (-order +reversed):\n%s", diff)
	}
}

// TestMaxBlock checks that -max-block skips large blocks, counts them, and
// still writes every row.
func TestMaxBlock(t *testing.T) {
	_, ehr, truth := syntheticCommune(t, 300)
	opts := testOptions(t)
	opts.MaxBlockSize = 3
	var out bytes.Buffer
	sum, err := runDedupe(bytes.NewReader(ehr), &out, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Dedupe.OversizedBlocks == 0 {
		t.Error("no block skipped with -max-block 3")
	}
	tab, err := readTable(&out)
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Rows) != len(truth["ehr"]) {
		t.Errorf("%d rows written, want %d", len(tab.Rows), len(truth["ehr"]))
	}
}
