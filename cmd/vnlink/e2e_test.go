package main

import (
	"bytes"
	"encoding/csv"
	"testing"
	"time"

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
	_, ehr, truth := syntheticCommune(t, 400)
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
	if want := predicted; sum.Dedupe.ExtraRows > want {
		t.Errorf("summary: %d extra rows from %d predicted pairs", sum.Dedupe.ExtraRows, want)
	}
}

// TestLinkSyntheticCommune links the EHR of a synthetic commune to its
// registry and checks the links, and the rows left alone, against the truth.
func TestLinkSyntheticCommune(t *testing.T) {
	reg, ehr, truth := syntheticCommune(t, 400)
	var out bytes.Buffer
	sum, err := runLink(bytes.NewReader(ehr), bytes.NewReader(reg), &out, testOptions(t))
	if err != nil {
		t.Fatal(err)
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
		case statusLinked:
			linked++
			if truth["ehr"][left[i]] == truth["registry"][right[i]] {
				correct++
			}
		case statusLeftOnly:
			leftOnly++
			if !inRegistry[truth["ehr"][left[i]]] {
				leftOnlyGone++
			}
		case statusRightOnly:
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
		if s != statusLinked && right[i] != "" {
			rightSeen[right[i]] = true
		} else if s == statusLinked {
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
