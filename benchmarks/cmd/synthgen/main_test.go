package main

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/benchmarks/synth"
)

func hashes(t *testing.T, dir string, names ...string) map[string][32]byte {
	t.Helper()
	h := map[string][32]byte{}
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		h[n] = sha256.Sum256(b)
	}
	return h
}

func TestRunWritesSameBytes(t *testing.T) {
	names := []string{"registry.csv", "ehr.csv", "bhyt.csv", "truth.csv", "field_truth.csv", "hard_cases.csv"}
	var sums []map[string][32]byte
	for range 2 {
		dir := t.TempDir()
		var log bytes.Buffer
		if err := run([]string{"-n", "500", "-seed", "3", "-out", dir}, &bytes.Buffer{}, &log); err != nil {
			t.Fatalf("run: %v", err)
		}
		if !strings.Contains(log.String(), "people 500") {
			t.Errorf("log %q does not report the people", log.String())
		}
		sums = append(sums, hashes(t, dir, names...))
	}
	if diff := cmp.Diff(sums[0], sums[1]); diff != "" {
		t.Errorf("two runs differ (-first +second):\n%s", diff)
	}
}

func TestRunErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"bad flag", []string{"-nope"}},
		{"bad config", []string{"-n", "0", "-out", t.TempDir()}},
		{"extra argument", []string{"-out", t.TempDir(), "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := run(tt.args, &bytes.Buffer{}, &bytes.Buffer{}); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestRunWithoutBHYT(t *testing.T) {
	dir := t.TempDir()
	if err := run([]string{"-n", "100", "-bhyt=false", "-out", dir}, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "bhyt.csv")); !os.IsNotExist(err) {
		t.Errorf("bhyt.csv written with -bhyt=false (stat: %v)", err)
	}
}

func TestRunNoiseReport(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		wantFiles []string // files the report must name, in order
	}{
		{"with BHYT", []string{"-n", "300", "-noise-report"}, []string{"ehr:", "bhyt:"}},
		{"without BHYT", []string{"-n", "300", "-bhyt=false", "-noise-report"}, []string{"ehr:"}},
		{"no flag", []string{"-n", "300"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := run(append(tt.args, "-out", t.TempDir()), &out, &bytes.Buffer{}); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, line := range strings.Split(out.String(), "\n") {
				if f, _, ok := strings.Cut(line, " rows"); ok && strings.HasSuffix(strings.Fields(f)[0], ":") {
					got = append(got, strings.Fields(f)[0])
				}
			}
			if diff := cmp.Diff(tt.wantFiles, got); diff != "" {
				t.Errorf("report files (-want +got):\n%s", diff)
			}
			if tt.wantFiles != nil && !strings.Contains(out.String(), "| phone | missing |") {
				t.Errorf("report lacks the phone lines:\n%s", out.String())
			}
		})
	}
}

func TestRunWritesTruthOfNoise(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		parentCCCD bool
	}{
		{"default", nil, false},
		{"parent CCCD", []string{"-parent-id", "0.5"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := run(append([]string{"-n", "800", "-out", dir}, tt.args...), &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
				t.Fatal(err)
			}
			ft, err := os.ReadFile(filepath.Join(dir, "field_truth.csv"))
			if err != nil {
				t.Fatal(err)
			}
			hc, err := os.ReadFile(filepath.Join(dir, "hard_cases.csv"))
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"file,record_id,field,kind,cause\n", ",full_name,value,Typo\n", ",address,outdated,"} {
				if !strings.Contains(string(ft), want) {
					t.Errorf("field_truth.csv lacks %q", want)
				}
			}
			if !strings.HasPrefix(string(hc), "file,record_id,hard_case\n") || !strings.Contains(string(hc), ",twin\n") {
				t.Errorf("hard_cases.csv lacks its header or twins")
			}
			if got := strings.Contains(string(hc), ",parent_cccd\n"); got != tt.parentCCCD {
				t.Errorf("parent_cccd rows present: %v, want %v", got, tt.parentCCCD)
			}
		})
	}
}

// TestRunCity checks that the city flags give the files of
// synth.CityConfig, byte for byte, and report the communes.
func TestRunCity(t *testing.T) {
	dir := t.TempDir()
	var log bytes.Buffer
	require.NoError(t, run([]string{"-people", "3000", "-communes", "4", "-out", dir}, &bytes.Buffer{}, &log))
	assert.Contains(t, log.String(), "city: 4 communes")
	var reg, ehr bytes.Buffer
	_, err := synth.WriteCSV(synth.CityConfig(3000, 4), synth.Outputs{Registry: &reg, EHR: &ehr})
	require.NoError(t, err)
	got := hashes(t, dir, "registry.csv", "ehr.csv")
	assert.Equal(t, sha256.Sum256(reg.Bytes()), got["registry.csv"])
	assert.Equal(t, sha256.Sum256(ehr.Bytes()), got["ehr.csv"])

	dense := t.TempDir()
	log.Reset()
	require.NoError(t, run([]string{"-n", "2000", "-dense", "-out", dense}, &bytes.Buffer{}, &log))
	assert.Contains(t, log.String(), "city: 1 communes")
	require.Error(t, run([]string{"-dense", "-communes", "3", "-out", t.TempDir()}, &bytes.Buffer{}, &bytes.Buffer{}))
}
