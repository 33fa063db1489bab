package blocking

import (
	"encoding/csv"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

// febrlDir is the shared FEBRL data, next to the repository root.
var febrlDir = filepath.Join("..", "..", "shared", "data", "febrl")

type febrlRec struct {
	label            int64 // N of rec-N-org / rec-N-dup-K
	given, surname   string
	postcode, dob    string
	suburb, socSecID string
}

func readFEBRL(t *testing.T, name string) []febrlRec {
	t.Helper()
	f, err := os.Open(filepath.Join(febrlDir, name))
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("FEBRL data not found in %s (the shared data directory is absent)", febrlDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.TrimLeadingSpace = true
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []febrlRec
	for _, row := range rows[1:] {
		parts := strings.Split(row[0], "-")
		n, err := strconv.ParseInt(parts[1], 10, 64)
		if err != nil {
			t.Fatalf("bad rec_id in %s", name)
		}
		out = append(out, febrlRec{label: n, given: row[1], surname: row[2], suburb: row[6],
			postcode: row[7], dob: row[9], socSecID: row[10]})
	}
	return out
}

func febrlRules() []Rule[febrlRec] {
	return []Rule[febrlRec]{
		Exact("postcode+dob year", func(r *febrlRec, dst []Key) []Key {
			if r.postcode == "" || len(r.dob) < 4 {
				return dst
			}
			return append(dst, KeyOf(r.postcode, r.dob[:4]))
		}),
		Exact("soc_sec_id", func(r *febrlRec, dst []Key) []Key {
			if r.socSecID == "" {
				return dst
			}
			return append(dst, KeyOf(r.socSecID))
		}),
		SortedNeighbourhood("surname+given", 3, func(r *febrlRec, dst []byte) []byte {
			if r.surname == "" {
				return dst
			}
			return append(append(append(dst, r.surname...), ' '), r.given...)
		}),
	}
}

// TestFEBRLDiagnostics checks Diagnose on real benchmark data against a
// direct scan of the candidates: the true pairs it finds by walking the
// true pairs must be those found among the generated candidates.
func TestFEBRLDiagnostics(t *testing.T) {
	tests := []struct {
		name        string
		left, right string
		trueLinks   int64
	}{
		{"dataset3 dedupe", "dataset3.csv", "", 6538},
		{"dataset4 link", "dataset4a.csv", "dataset4b.csv", 5000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			left := readFEBRL(t, tt.left)
			var right []febrlRec
			if tt.right != "" {
				right = readFEBRL(t, tt.right)
			}
			b, err := New(Options{MaxBlockSize: 200}, febrlRules()...)
			if err != nil {
				t.Fatal(err)
			}
			var c *Candidates
			labels := func(rs []febrlRec) []int64 {
				ls := make([]int64, len(rs))
				for i, r := range rs {
					ls[i] = r.label
				}
				return ls
			}
			opts := DiagnoseOptions{Labels: labels(left)}
			if right == nil {
				c, err = b.Dedupe(left)
			} else {
				c, err = b.Link(left, right)
				opts.RightLabels = labels(right)
			}
			if err != nil {
				t.Fatal(err)
			}
			d, err := c.Diagnose(opts)
			if err != nil {
				t.Fatal(err)
			}
			// Scan the candidates.
			type scan struct{ Pairs, Found int64 }
			var got scan
			perRule := make([]int64, len(c.rules))
			for p := range c.Pairs() {
				got.Pairs++
				perRule[p.Rule]++
				lb := left
				if right != nil {
					lb = right
				}
				if left[p.A].label == lb[p.B].label {
					got.Found++
				}
			}
			if diff := gocmp.Diff(scan{d.Pairs, d.FoundPairs}, got); diff != "" {
				t.Errorf("Diagnose vs scan of candidates (-want +got):\n%s", diff)
			}
			newPairs := make([]int64, len(d.Rules))
			for j, r := range d.Rules {
				newPairs[j] = r.NewPairs
			}
			if diff := gocmp.Diff(newPairs, perRule); diff != "" {
				t.Errorf("new pairs per rule (-want +got):\n%s", diff)
			}
			if d.TruePairs != tt.trueLinks {
				t.Errorf("true pairs = %d, want %d (from SOURCE.md)", d.TruePairs, tt.trueLinks)
			}
			prev := 0.0
			for _, r := range d.Rules {
				if r.CumulativeCompleteness < prev || r.CumulativeCompleteness < r.Completeness-1e-12 {
					t.Errorf("rule %s: cumulative completeness %.4f after %.4f, rule alone %.4f", r.Name, r.CumulativeCompleteness, prev, r.Completeness)
				}
				prev = r.CumulativeCompleteness
			}
			if d.Completeness < 0.9 {
				t.Errorf("completeness %.4f: three independent rules should find 90%% of FEBRL's true pairs", d.Completeness)
			}
			t.Logf("%s: %d candidates, RR %.5f, PC %.4f, PQ %.4f", tt.name, d.Pairs, d.ReductionRatio, d.Completeness, d.Quality)
		})
	}
}
