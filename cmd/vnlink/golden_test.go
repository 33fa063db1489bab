package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// update rewrites the golden files instead of comparing with them:
//
//	go test ./cmd/vnlink/ -run Golden -update
//
// Review the diff (git diff testdata/) before committing it: every change
// in it is a change users see.
var update = flag.Bool("update", false, "rewrite the golden files of TestGolden in ../../testdata/golden")

// sample is the small synthetic commune of the repository's testdata (200
// people: registry, EHR and BHYT lists; written by
// "go run ./benchmarks/cmd/synthgen -n 200 -seed 11").
const sample = "../../testdata/commune-200/"

// TestGolden runs each command on the sample commune and compares every
// file it writes, and what it prints, with the golden copies. Weights and
// probabilities are part of the files: a change to the model, a comparison
// or a default shows here first.
func TestGolden(t *testing.T) {
	if _, err := os.Stat(sample + "ehr.csv"); err != nil {
		t.Fatalf("the sample commune is missing: %v", err)
	}
	common := []string{"-today", "2026-06-01"}
	cases := []struct {
		name string
		args []string
		// outs are the files the command writes, relative to its
		// output folder; stdout is compared too when set.
		outs   []string
		stdout bool
	}{
		{"clean", []string{"clean", "-in", sample + "ehr.csv", "-out", "{out}/clean.csv", "-json", "{out}/clean.json"},
			[]string{"clean.csv", "clean.json"}, false},
		{"dedupe", []string{"dedupe", "-in", sample + "ehr.csv", "-out", "{out}/dedupe.csv", "-json", "{out}/dedupe.json", "-workers", "1"},
			[]string{"dedupe.csv", "dedupe.json"}, false},
		{"link", []string{"link", "-left", sample + "ehr.csv", "-right", sample + "registry.csv", "-out", "{out}/link.csv", "-json", "{out}/link.json", "-workers", "1"},
			[]string{"link.csv", "link.json"}, false},
		// One English set; the others are Vietnamese, the default.
		{"link-en", []string{"link", "-left", sample + "ehr.csv", "-right", sample + "registry.csv", "-out", "{out}/link.csv", "-workers", "1", "-lang", "en"},
			[]string{"link.csv"}, false},
		{"reconcile", []string{"reconcile", "-registry", sample + "registry.csv", "-ehr", sample + "ehr.csv", "-bhyt", sample + "bhyt.csv", "-out", "{out}", "-workers", "1"},
			[]string{"1-thieu-ho-so.csv", "2-ho-so-trung.csv", "3-sua-thong-tin.csv", "4-khong-khop-dan-cu.csv",
				"5-can-xem-xet.csv", "6-cong-an-xac-minh.csv", "7-moi-tu-bhyt.csv", "theo-thon.csv", "tat-ca-cac-dong.csv", "summary.json"}, false},
		{"explain", []string{"explain", "-in", sample + "ehr.csv", "-pair", "1,2", "-pair", "3,40", "-workers", "1"}, nil, true},
		{"explain-en", []string{"explain", "-in", sample + "ehr.csv", "-pair", "1,2", "-pair", "3,40", "-workers", "1", "-lang", "en"}, nil, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			args := make([]string, 0, len(tc.args)+len(common)+1)
			for _, a := range tc.args {
				args = append(args, strings.ReplaceAll(a, "{out}", out))
			}
			args = append(args, common...)
			if !strings.HasSuffix(tc.name, "-en") {
				args = append(args, "-lang", "vi") // the default, whatever the test's locale
			}
			if tc.name != "clean" {
				args = append(args, "-seed", "1")
			}
			args = append(args, "-q")
			var stdout, log bytes.Buffer
			code := run(args, &stdout, &log)
			require.Equal(t, 0, code, "%s", log.String())
			dir := filepath.Join("../../testdata/golden", tc.name)
			got := map[string][]byte{}
			for _, name := range tc.outs {
				data, err := os.ReadFile(filepath.Join(out, name))
				require.NoError(t, err)
				got[name] = data
			}
			if tc.stdout {
				got["stdout.txt"] = stdout.Bytes()
			}
			for name, data := range got {
				path := filepath.Join(dir, name)
				if *update {
					require.NoError(t, os.MkdirAll(dir, 0o755))
					require.NoError(t, os.WriteFile(path, data, 0o644))
					continue
				}
				want, err := os.ReadFile(path)
				require.NoError(t, err, "no golden file: run go test ./cmd/vnlink/ -run Golden -update")
				if diff := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(string(data), "\n")); diff != "" {
					t.Errorf("%s differs from %s (-want +got; if the change is meant, rerun with -update):\n%s", name, path, diff)
				}
			}
		})
	}
}
