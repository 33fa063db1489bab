package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vnlink/vnlink/benchmarks/synth"
)

// readOutCSV reads a CSV file written by reconcile: it must start with the
// UTF-8 byte-order mark.
func readOutCSV(t *testing.T, name string) [][]string {
	t.Helper()
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(b, []byte("\ufeff")), "%s: no UTF-8 byte-order mark", filepath.Base(name))
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	require.NoError(t, err)
	return recs
}

func TestReconcileCommand(t *testing.T) {
	dir := t.TempDir()
	cfg := synth.DefaultConfig()
	cfg.People, cfg.Seed = 800, 3
	files := map[string]*bytes.Buffer{"registry": {}, "ehr": {}, "bhyt": {}}
	_, err := synth.WriteCSV(cfg, synth.Outputs{Registry: files["registry"], EHR: files["ehr"], BHYT: files["bhyt"]})
	require.NoError(t, err)
	for name, b := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name+".csv"), b.Bytes(), 0o600))
	}
	out := filepath.Join(dir, "ket-qua")
	var stdout, log bytes.Buffer
	code := run([]string{"reconcile", "-registry", filepath.Join(dir, "registry.csv"), "-ehr", filepath.Join(dir, "ehr.csv"),
		"-bhyt", filepath.Join(dir, "bhyt.csv"), "-out", out, "-today", today, "-workers", "1", "-lang", "vi"}, &stdout, &log)
	require.Equal(t, 0, code, "log:\n%s", log.String())

	// Every input row is in the list of all rows, exactly once.
	rows := readOutCSV(t, filepath.Join(out, fileRows))
	count := func(b *bytes.Buffer) int {
		recs, err := csv.NewReader(bytes.NewReader(b.Bytes())).ReadAll()
		require.NoError(t, err)
		return len(recs) - 1
	}
	want := count(files["registry"]) + count(files["ehr"]) + count(files["bhyt"])
	require.Len(t, rows, want+1)
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		key := r[0] + "/" + r[1]
		require.False(t, seen[key], "row %s twice", key)
		seen[key] = true
		require.NotEmpty(t, r[3], "row %s has no status", key)
	}

	// The summary holds the figures and the size of every list written.
	var sum summary
	b, err := os.ReadFile(filepath.Join(out, fileSummary))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &sum))
	require.NotNil(t, sum.Reconcile)
	rs := sum.Reconcile
	assert.Equal(t, want, rs.RowsIn)
	assert.Equal(t, want, rs.RowsPlaced)
	for _, name := range []string{fileMissing, fileDuplicates, fileCorrections, fileUnmatched, fileReview, filePolice, fileNewFromBHYT, fileHamlets} {
		recs := readOutCSV(t, filepath.Join(out, name))
		assert.Equal(t, rs.Lists[name], len(recs)-1, name)
	}
	f := rs.Metrics.Overall
	assert.Equal(t, rs.Lists[fileMissing], f.MissingRecords)
	assert.Equal(t, rs.Lists[fileUnmatched], f.Unmatched)
	assert.InDelta(t, cfg.EHRCoverage, f.Coverage, 0.03)

	// The report names the commune (the one the registry names) and the
	// input files by their base names only.
	page, err := os.ReadFile(filepath.Join(out, fileReport))
	require.NoError(t, err)
	assert.Contains(t, string(page), "xã Ngọc Hồi")
	assert.Contains(t, string(page), "registry.csv")
	assert.NotContains(t, string(page), dir, "no folder of the user's machine in the report")

	// The log speaks Vietnamese and names no person: no name, date or
	// number of the inputs appears in it or in the summary.
	assert.Contains(t, log.String(), "độ bao phủ")
	ehrRecs, err := csv.NewReader(bytes.NewReader(files["ehr"].Bytes())).ReadAll()
	require.NoError(t, err)
	for _, r := range ehrRecs[1:50] {
		for c, v := range r {
			if c == 0 || len(v) < 6 { // record ids are not personal data
				continue
			}
			require.NotContains(t, log.String(), v)
			require.NotContains(t, string(b), v)
		}
	}

	// A clerk's decisions on the review list are read back.
	review := readOutCSV(t, filepath.Join(out, fileReview))
	if len(review) > 1 {
		review[1][len(review[1])-1] = reviewDifferent
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		require.NoError(t, w.WriteAll(review[:2]))
		decisions := filepath.Join(dir, "quyet-dinh.csv")
		require.NoError(t, os.WriteFile(decisions, buf.Bytes(), 0o600))
		log.Reset()
		code = run([]string{"reconcile", "-registry", filepath.Join(dir, "registry.csv"), "-ehr", filepath.Join(dir, "ehr.csv"),
			"-bhyt", filepath.Join(dir, "bhyt.csv"), "-out", out, "-today", today, "-workers", "1", "-decisions", decisions, "-lang", "vi"}, &stdout, &log)
		require.Equal(t, 0, code, "log:\n%s", log.String())
		assert.Contains(t, log.String(), "quyết định đã áp dụng: 1")
	}
}

func TestReconcileCommandErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "x.csv")
	require.NoError(t, os.WriteFile(file, []byte("ho_ten,ngay_sinh\n"), 0o600))
	for _, args := range [][]string{
		{"reconcile", "-ehr", file, "-out", dir + "/o"},
		{"reconcile", "-registry", file, "-ehr", file},
		{"reconcile", "-registry", file, "-ehr", file, "-out", file},
		{"reconcile", "-registry", file, "-ehr", file, "-out", dir},
		{"reconcile", "-registry", file, "-ehr", file, "-out", dir + "/o", "-review-low", "0.9", "-review-high", "0.5"},
	} {
		var stdout, log bytes.Buffer
		assert.Equal(t, 2, run(args, &stdout, &log), strings.Join(args, " "))
	}
}

func TestNeutralizeCell(t *testing.T) {
	for in, want := range map[string]string{
		"":              "",
		"Nguyễn Văn An": "Nguyễn Văn An",
		"=1+2":          "'=1+2",
		"+84912345678":  "+84912345678",
		"-5.2":          "-5.2",
		"-x":            "'-x",
		"@SUM(A1)":      "'@SUM(A1)",
		"=HYPERLINK(1)": "'=HYPERLINK(1)",
	} {
		assert.Equal(t, want, neutralizeCell(in), in)
	}
}
