package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/benchmarks/synth"
)

const bom = "\uFEFF"

// smallTruth: ehr e1 e2 e3 of person A, e4 e5 of B; registry r1 (A), r2
// (B), r3 (C); one bhyt row.
const smallTruth = `file,record_id,person_id
ehr,e1,A
registry,r1,A
ehr,e2,A
ehr,e3,A
ehr,e4,B
ehr,e5,B
registry,r2,B
registry,r3,C
bhyt,b1,A
`

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}

// dedupeCSV writes a dedupe output with the given header language and
// delimiter: one row per record id, with its cluster.
func dedupeCSV(vi bool, delim string, ids, clusters []string) string {
	h := []string{"record_id", "full_name", "row", "cluster", "cluster_size"}
	if vi {
		h = []string{"record_id", "full_name", "Dòng", "Mã người", "Số hồ sơ của người"}
	}
	var b strings.Builder
	b.WriteString(bom + strings.Join(h, delim) + "\n")
	for i, id := range ids {
		b.WriteString(strings.Join([]string{id, "x", "1", clusters[i], "1"}, delim) + "\n")
	}
	return b.String()
}

func TestDedupe(t *testing.T) {
	ids := []string{"e1", "e2", "e3", "e4", "e5"}
	tests := []struct {
		name      string
		vi        bool
		delim     string
		clusters  []string
		pw, b3    precisionRecall
		predicted int
	}{
		{"perfect vi", true, ",", []string{"1", "1", "1", "4", "4"},
			precisionRecall{1, 1, 1}, precisionRecall{1, 1, 1}, 2},
		{"perfect en semicolon", false, ";", []string{"1", "1", "1", "4", "4"},
			precisionRecall{1, 1, 1}, precisionRecall{1, 1, 1}, 2},
		// {e1 e2 e3 e4} {e5}: correct pairs C(3,2) = 3 of C(4,2) = 6
		// predicted and 3+1 = 4 true; B3 precision (9/4+1/4+1)/5, recall
		// (9/3+1/2+1/2)/5.
		{"merge en", false, ",", []string{"1", "1", "1", "1", "5"},
			precisionRecall{0.5, 0.75, 0.6}, precisionRecall{0.7, 0.8, 2 * 0.7 * 0.8 / 1.5}, 2},
		// all singletons: no pair predicted, pairwise precision 1, recall 0;
		// B3 precision 1, recall (3·1/3 + 2·1/2)/5.
		{"singletons vi tab", true, "\t", []string{"1", "2", "3", "4", "5"},
			precisionRecall{1, 0, 0}, precisionRecall{1, 0.4, 2 * 0.4 / 1.4}, 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			o := &options{
				Truth:  writeFile(t, dir, "truth.csv", smallTruth),
				Dedupe: writeFile(t, dir, "dedupe.csv", dedupeCSV(tc.vi, tc.delim, ids, tc.clusters)),
			}
			rep, err := score(o)
			require.NoError(t, err)
			d := rep.Dedupe
			require.NotNil(t, d)
			require.Nil(t, rep.Link)
			require.Equal(t, truthCounts{Registry: 3, EHR: 5, BHYT: 1, People: 3}, rep.Truth)
			require.Equal(t, 5, d.Rows)
			require.Equal(t, 0, d.MissingRecords)
			require.Equal(t, tc.predicted, d.PredictedClusters)
			require.Equal(t, 2, d.TrueClusters)
			require.Equal(t, int64(4), d.TruePairs)
			requirePR(t, tc.pw, d.Pairwise)
			requirePR(t, tc.b3, d.BCubed)
		})
	}
}

func requirePR(t *testing.T, want, got precisionRecall) {
	t.Helper()
	require.InDelta(t, want.Precision, got.Precision, 1e-12, "precision")
	require.InDelta(t, want.Recall, got.Recall, 1e-12, "recall")
	require.InDelta(t, want.F1, got.F1, 1e-12, "F1")
}

// linkCSV writes a link output: rows of left id, right id (either may be
// empty), with a status.
func linkCSV(vi bool, rows [][2]string) string {
	h := []string{"status", "left_row", "left_record_id", "right_row", "right_record_id", "match_weight"}
	if vi {
		h = []string{"Tình trạng", "Dòng tệp trái", "Mã hồ sơ tệp trái", "Dòng tệp phải", "Mã hồ sơ tệp phải", "Trọng số"}
	}
	var b bytes.Buffer
	b.WriteString(bom)
	w := csv.NewWriter(&b)
	w.Write(h)
	for _, r := range rows {
		status := "linked"
		switch {
		case r[1] == "":
			status = "left_only"
		case r[0] == "":
			status = "right_only"
		}
		w.Write([]string{status, "1", r[0], "1", r[1], "3.5"})
	}
	w.Flush()
	return b.String()
}

func TestLink(t *testing.T) {
	perfect := [][2]string{{"e1", "r1"}, {"e2", "r1"}, {"e3", "r1"}, {"e4", "r2"}, {"e5", "r2"}, {"", "r3"}}
	// e5 linked to r3 instead of r2: 4 correct of 5 predicted, 5 true.
	oneWrong := [][2]string{{"e1", "r1"}, {"e2", "r1"}, {"e3", "r1"}, {"e4", "r2"}, {"e5", "r3"}}
	// e2 and e3 unlinked, e1 linked twice (counts once), e5 wrong: 2
	// correct of 3 predicted, 5 true.
	missing := [][2]string{{"e1", "r1"}, {"e1", "r1"}, {"e2", ""}, {"e3", ""}, {"e4", "r2"}, {"e5", "r3"}}
	tests := []struct {
		name      string
		vi        bool
		rows      [][2]string
		want      precisionRecall
		predicted int64
		correct   int64
	}{
		{"perfect vi", true, perfect, precisionRecall{1, 1, 1}, 5, 5},
		{"perfect en", false, perfect, precisionRecall{1, 1, 1}, 5, 5},
		{"one wrong vi", true, oneWrong, precisionRecall{0.8, 0.8, 0.8}, 5, 4},
		{"one wrong en", false, oneWrong, precisionRecall{0.8, 0.8, 0.8}, 5, 4},
		{"missing en", false, missing, precisionRecall{2.0 / 3, 0.4, 2 * (2.0 / 3) * 0.4 / (2.0/3 + 0.4)}, 3, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			o := &options{
				Truth: writeFile(t, dir, "truth.csv", smallTruth),
				Link:  writeFile(t, dir, "link.csv", linkCSV(tc.vi, tc.rows)),
			}
			rep, err := score(o)
			require.NoError(t, err)
			l := rep.Link
			require.NotNil(t, l)
			require.Nil(t, rep.Dedupe)
			require.Equal(t, len(tc.rows), l.Rows)
			require.Equal(t, 5, l.Left)
			require.Equal(t, 3, l.Right)
			require.Equal(t, int64(5), l.TrueLinks)
			require.Equal(t, tc.predicted, l.PredictedLinks)
			require.Equal(t, tc.correct, l.CorrectLinks)
			require.Equal(t, 1, l.RightWithoutPartner) // r3
			requirePR(t, tc.want, l.Links)
		})
	}
}

func TestRunOutput(t *testing.T) {
	dir := t.TempDir()
	truth := writeFile(t, dir, "truth.csv", smallTruth)
	dd := writeFile(t, dir, "dedupe.csv", dedupeCSV(true, ",", []string{"e1", "e2", "e3", "e4", "e5"},
		[]string{"1", "1", "1", "1", "5"}))
	lk := writeFile(t, dir, "link.csv", linkCSV(true, [][2]string{{"e1", "r1"}, {"e2", "r1"}, {"e3", "r1"}, {"e4", "r2"}, {"e5", "r3"}}))
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"-truth", truth, "-dedupe", dd, "-link", lk, "-json"}, &out, &errOut), errOut.String())
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	require.Len(t, lines, 5)
	require.Equal(t, "dedupe pairwise P 0.50000 R 0.75000 F1 0.60000  B3 P 0.70000 R 0.80000 F1 0.74667  rows 5", lines[0])
	require.Equal(t, "dedupe clusters predicted 2 true 2  pairs predicted 6 true 4 correct 3", lines[1])
	require.Equal(t, "link P 0.80000 R 0.80000 F1 0.80000  links 5", lines[2])
	require.True(t, strings.HasPrefix(lines[3], "link true 5 correct 4  left 5 right 3"), lines[3])
	var rep report
	require.NoError(t, json.Unmarshal([]byte(lines[4]), &rep))
	require.Equal(t, int64(3), rep.Dedupe.CorrectPairs)
	require.InDelta(t, 0.8, rep.Link.Links.Precision, 1e-12)
	require.Empty(t, errOut.String())
}

func TestErrors(t *testing.T) {
	const secret = "ZQ77SECRET"
	good := dedupeCSV(false, ",", []string{"e1", "e2"}, []string{"1", "1"})
	tests := []struct {
		name          string
		truth, dedupe string
		link          string
		want          string // in the error, after the file name
	}{
		{"dedupe no cluster column", smallTruth, bom + "record_id,full_name\ne1,x\n", "", "dedupe.csv:1: no column"},
		{"dedupe no record_id column", smallTruth, bom + "id,cluster\ne1,1\n", "", "dedupe.csv:1: no column"},
		{"dedupe unknown id", smallTruth, dedupeCSV(true, ",", []string{"e1", secret}, []string{"1", "1"}), "",
			"dedupe.csv:3: record id is not an ehr record"},
		{"dedupe registry id", smallTruth, dedupeCSV(true, ",", []string{"e1", "r1"}, []string{"1", "1"}), "",
			"dedupe.csv:3: record id is not an ehr record"},
		{"dedupe id twice", smallTruth, dedupeCSV(true, ",", []string{"e1", "e2", "e1"}, []string{"1", "1", "1"}), "",
			"dedupe.csv:4: record id seen before"},
		{"dedupe empty cluster", smallTruth, dedupeCSV(true, ",", []string{"e1", "e2"}, []string{"1", ""}), "",
			"dedupe.csv:3: empty"},
		{"dedupe no rows", smallTruth, dedupeCSV(true, ",", nil, nil), "", "dedupe.csv: no data rows"},
		{"dedupe field count", smallTruth, good + "e3," + secret + "\n", "", "dedupe.csv:4: wrong number of fields"},
		{"link unknown id", smallTruth, "", linkCSV(false, [][2]string{{"e1", "r1"}, {"e2", ""}, {"e3", secret}}),
			"link.csv:4: record id not in the truth"},
		{"link swapped sides", smallTruth, "", linkCSV(true, [][2]string{{"r1", "e1"}}),
			"link.csv:2: record id not in the truth"},
		{"link no right column", smallTruth, "", bom + "status,left_record_id\nlinked,e1\n", "link.csv:1: no column"},
		{"truth bad file", smallTruth + "hospital," + secret + ",A\n", good, "", "truth.csv:11: the file column"},
		{"truth duplicate id", smallTruth + "ehr,e2,B\n", good, "", "truth.csv:11: record_id seen before"},
		{"truth no header", "", good, "", "truth.csv:1: empty file"},
		{"truth missing column", "file,record_id\nehr,e1\n", good, "", "truth.csv:1: no column"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			args := []string{"-truth", writeFile(t, dir, "truth.csv", tc.truth)}
			if tc.dedupe != "" {
				args = append(args, "-dedupe", writeFile(t, dir, "dedupe.csv", tc.dedupe))
			}
			if tc.link != "" {
				args = append(args, "-link", writeFile(t, dir, "link.csv", tc.link))
			}
			var out, errOut bytes.Buffer
			require.Equal(t, 1, run(args, &out, &errOut))
			require.Empty(t, out.String())
			msg := errOut.String()
			require.Contains(t, msg, filepath.Join(dir, tc.want))
			require.NotContains(t, msg, secret)
		})
	}
}

func TestFlags(t *testing.T) {
	dir := t.TempDir()
	truth := writeFile(t, dir, "truth.csv", smallTruth)
	for _, args := range [][]string{
		nil,
		{"-truth", truth},
		{"-dedupe", truth},
		{"-truth", truth, "-dedupe", truth, "extra"},
		{"-nosuchflag"},
	} {
		var out, errOut bytes.Buffer
		require.Equal(t, 2, run(args, &out, &errOut), args)
		require.NotEmpty(t, errOut.String())
	}
	var out, errOut bytes.Buffer
	require.Equal(t, 1, run([]string{"-truth", filepath.Join(dir, "none.csv"), "-link", truth}, &out, &errOut))
}

// TestEndToEnd scores outputs made from a small synthetic data set: a
// clustering and links that follow the truth score 1, the all-singletons
// clustering recall 0.
func TestEndToEnd(t *testing.T) {
	cfg := synth.DefaultConfig()
	cfg.People = 400
	var reg, ehr, tr bytes.Buffer
	st, err := synth.WriteCSV(cfg, synth.Outputs{Registry: &reg, EHR: &ehr, Truth: &tr})
	require.NoError(t, err)
	require.Positive(t, st.EHRDuplicated)

	dir := t.TempDir()
	truthPath := writeFile(t, dir, "truth.csv", tr.String())
	person := map[string]map[string]string{} // file -> record id -> person
	registryOf := map[string]string{}        // person -> registry record id
	rows, err := csv.NewReader(&tr).ReadAll()
	require.NoError(t, err)
	require.Equal(t, synth.TruthColumns, rows[0])
	for _, r := range rows[1:] {
		if person[r[0]] == nil {
			person[r[0]] = map[string]string{}
		}
		person[r[0]][r[1]] = r[2]
		if r[0] == "registry" {
			registryOf[r[2]] = r[1]
		}
	}

	ehrRows, err := csv.NewReader(&ehr).ReadAll()
	require.NoError(t, err)
	idCol := -1
	for i, h := range ehrRows[0] {
		if h == "record_id" {
			idCol = i
		}
	}
	require.GreaterOrEqual(t, idCol, 0)
	write := func(name string, header []string, rows func(w *csv.Writer)) string {
		var b bytes.Buffer
		b.WriteString(bom)
		w := csv.NewWriter(&b)
		w.Write(header)
		rows(w)
		w.Flush()
		require.NoError(t, w.Error())
		return writeFile(t, dir, name, b.String())
	}
	dedupeOut := func(name string, cluster func(i int, id string) string) string {
		return write(name, append(append([]string{}, ehrRows[0]...), "Mã người"), func(w *csv.Writer) {
			for i, r := range ehrRows[1:] {
				w.Write(append(append([]string{}, r...), cluster(i, r[idCol])))
			}
		})
	}
	perfect := dedupeOut("dedupe.csv", func(_ int, id string) string { return person["ehr"][id] })
	singles := dedupeOut("singles.csv", func(i int, _ string) string { return string(rune('a'+i%26)) + strings.Repeat("x", i/26) })
	linked := 0
	links := write("link.csv", []string{"status", "left_row", "left_record_id", "right_row", "right_record_id"}, func(w *csv.Writer) {
		used := map[string]bool{}
		for _, r := range ehrRows[1:] {
			id := r[idCol]
			if reg, ok := registryOf[person["ehr"][id]]; ok {
				w.Write([]string{"linked", "1", id, "1", reg})
				used[reg] = true
				linked++
			} else {
				w.Write([]string{"left_only", "1", id, "", ""})
			}
		}
		for _, reg := range registryOf {
			if !used[reg] {
				w.Write([]string{"right_only", "", "", "1", reg})
			}
		}
	})

	rep, err := score(&options{Truth: truthPath, Dedupe: perfect, Link: links})
	require.NoError(t, err)
	require.Equal(t, truthCounts{Registry: st.RegistryRows, EHR: st.EHRRows, BHYT: st.BHYTRows, People: st.People + st.Gone}, rep.Truth)
	d := rep.Dedupe
	require.Equal(t, st.EHRRows, d.Rows)
	require.Positive(t, d.TruePairs)
	require.Equal(t, precisionRecall{1, 1, 1}, d.Pairwise)
	require.Equal(t, precisionRecall{1, 1, 1}, d.BCubed)
	l := rep.Link
	require.Equal(t, st.EHRRows, l.Left)
	require.Equal(t, st.RegistryRows, l.Right)
	require.Equal(t, int64(linked), l.PredictedLinks)
	require.Equal(t, l.TrueLinks, l.CorrectLinks)
	require.Equal(t, precisionRecall{1, 1, 1}, l.Links)
	require.Equal(t, l.LeftWithoutPartner, l.LeftCorrectlyUnlinked)

	rep, err = score(&options{Truth: truthPath, Dedupe: singles})
	require.NoError(t, err)
	require.Equal(t, st.EHRRows, rep.Dedupe.PredictedClusters)
	require.Equal(t, 1.0, rep.Dedupe.Pairwise.Precision)
	require.Equal(t, 0.0, rep.Dedupe.Pairwise.Recall)
}

func TestIDTable(t *testing.T) {
	var tab idTable
	require.Equal(t, int32(-1), tab.find("a"))
	const n = 5000
	for i := range n {
		idx, added, err := tab.add("id" + strings.Repeat("x", i%7) + string(rune('A'+i%50)) + strconv.Itoa(i))
		require.NoError(t, err)
		require.True(t, added)
		require.Equal(t, int32(i), idx)
	}
	require.Equal(t, n, tab.len())
	for i := range n {
		key := "id" + strings.Repeat("x", i%7) + string(rune('A'+i%50)) + strconv.Itoa(i)
		require.Equal(t, int32(i), tab.find(key))
		idx, added, err := tab.add(key)
		require.NoError(t, err)
		require.False(t, added)
		require.Equal(t, int32(i), idx)
	}
	require.Equal(t, int32(-1), tab.find("id"))
	require.Equal(t, int32(-1), tab.find(""))
}

func TestCases(t *testing.T) {
	// e1 e2 e3 are A, e4 e5 are B (smallTruth). Clusters {e1 e2} {e3 e4}
	// {e5}; links e1→r1 (right), e3→r2 (wrong), e4→r2 (right).
	// Case "twin" on e3: true pairs touching e3: (e1,e3), (e2,e3), none
	// found; false pair (e3,e4). Case "moved" on e1 and e5: true pairs
	// (e1,e2) found, (e1,e3) not, (e4,e5) not; no false pair.
	dir := t.TempDir()
	cases := writeFile(t, dir, "hard_cases.csv", "file,record_id,hard_case\nregistry,r1,twin\nehr,e3,twin\nehr,e1,moved\nehr,e5,moved\n")
	o := &options{
		Truth:  writeFile(t, dir, "truth.csv", smallTruth),
		Dedupe: writeFile(t, dir, "dedupe.csv", dedupeCSV(false, ",", []string{"e1", "e2", "e3", "e4", "e5"}, []string{"1", "1", "3", "3", "5"})),
		Link:   writeFile(t, dir, "link.csv", linkCSV(false, [][2]string{{"e1", "r1"}, {"e2", ""}, {"e3", "r2"}, {"e4", "r2"}, {"e5", ""}})),
		Cases:  cases,
	}
	rep, err := score(o)
	require.NoError(t, err)
	require.Equal(t, []caseFigures{
		{Case: "twin", Records: 1, TruePairs: 2, FoundPairs: 0, FalsePairs: 1, PairRecall: 0,
			WithPartner: 1, LinkedRight: 0, LinkedWrong: 1, LinkRecall: 0},
		{Case: "moved", Records: 2, TruePairs: 3, FoundPairs: 1, FalsePairs: 0, PairRecall: 1.0 / 3,
			WithPartner: 2, LinkedRight: 1, LinkedWrong: 0, LinkRecall: 0.5},
	}, rep.Cases)
	var out bytes.Buffer
	require.NoError(t, rep.write(&out, false))
	require.Contains(t, out.String(), "case moved: ehr records 2  dedupe true pairs 3 found 1 (R 0.33333) false pairs 0  link with partner 2 linked right 1 (R 0.50000) linked wrong 0\n")

	// An ehr id the truth does not have names the line, not the id.
	o.Cases = writeFile(t, dir, "bad.csv", "file,record_id,hard_case\nehr,e1,twin\nehr,secret-id,twin\n")
	_, err = score(o)
	require.ErrorContains(t, err, "bad.csv:3")
	require.NotContains(t, err.Error(), "secret-id")
}
