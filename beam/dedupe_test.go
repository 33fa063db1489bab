package vnbeam_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/stretchr/testify/require"

	vnbeam "github.com/vnlink/vnlink/beam"
	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/vnlink/vnlink/blocking"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

func init() {
	register.Function1x1[vnbeam.Link, string](formatLink)
	register.Function2x1[int64, int64, string](formatCluster)
}

// TestMain runs the pipelines on Prism, in process (ptest's default runner).
func TestMain(m *testing.M) { ptest.Main(m) }

// today is the date the synthetic files are read as of.
var today = time.Date(synth.RefYear+1, 1, 1, 0, 0, 0, 0, time.UTC)

// cityEHR returns the EHR rows of a synthetic city of people people over
// communes communes.
func cityEHR(t *testing.T, people, communes int) []vnperson.Person {
	t.Helper()
	var ehr []vnperson.Person
	_, _, err := synth.Generate(synth.CityConfig(people, communes), func(r *synth.Record) error {
		if r.File == synth.EHR {
			ehr = append(ehr, vnperson.Person{ID: r.ID, Source: r.File.String(), FullName: r.FullName,
				BirthDate: r.BirthDate, Sex: r.Sex, NationalID: r.NationalID, OldID: r.OldID,
				InsuranceID: r.InsuranceID, Phone: r.Phone, Address: r.Address, Ethnicity: r.Ethnicity})
		}
		return nil
	})
	require.NoError(t, err)
	return ehr
}

func formatLink(l vnbeam.Link) string {
	return fmt.Sprintf("%d %d %d %s", l.A, l.B, l.Rule, strconv.FormatFloat(l.Weight, 'g', -1, 64))
}

func formatCluster(i, c int64) string { return fmt.Sprintf("%d %d", i, c) }

// readLines returns the sorted lines of a file the pipeline wrote.
func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	require.NoError(t, sc.Err())
	slices.Sort(out)
	return out
}

// expected returns the lines of Dedupe's links (in the pipeline's format)
// and of its clusters of linked records.
func expected(res *vnperson.Result) (links, clusters []string) {
	linked := map[int32]bool{}
	for _, l := range res.Links {
		links = append(links, formatLink(vnbeam.Link{A: int64(l.A), B: int64(l.B), Rule: int(l.Rule), Weight: l.Weight}))
		linked[l.A], linked[l.B] = true, true
	}
	for i, c := range res.Clusters {
		if linked[int32(i)] {
			clusters = append(clusters, formatCluster(int64(i), int64(c)))
		}
	}
	slices.Sort(links)
	slices.Sort(clusters)
	return links, clusters
}

func TestDedupeEqualsVnperson(t *testing.T) {
	ehr := cityEHR(t, 6000, 5)
	// The model is trained once on the input, as a national job trains on
	// a sample, and travels as JSON.
	trained, err := vnperson.Dedupe(ehr, vnperson.Options{Prepare: vnperson.PrepareOptions{Today: today}})
	require.NoError(t, err)
	modelJSON, err := trained.Model.MarshalJSON()
	require.NoError(t, err)

	tests := []struct {
		name         string
		maxBlockSize int
		matchProb    float64
	}{
		{"defaults", 0, 0},
		{"small blocks split or skipped", 4, 0},
		{"no block cap, low threshold", blocking.NoBlockCap, 1e-4},
		{"small blocks, low threshold", 4, 1e-4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			model, err := vnperson.LoadModel(modelJSON)
			require.NoError(t, err)
			opts := vnperson.Options{Prepare: vnperson.PrepareOptions{Today: today}, Model: model,
				MaxBlockSize: tt.maxBlockSize, MatchProbability: tt.matchProb}
			want, err := vnperson.Dedupe(ehr, opts)
			require.NoError(t, err)
			if tt.maxBlockSize == 0 && tt.matchProb == 0 {
				// The JSON round trip keeps every weight: the links of
				// the loaded model are those of the trained one.
				require.Equal(t, trained.Links, want.Links)
				require.Equal(t, trained.Clusters, want.Clusters)
			}
			var split, skipped int
			for _, o := range want.Oversized {
				if o.Action == blocking.ActionSplit {
					split++
				} else {
					skipped++
				}
			}
			t.Logf("Dedupe: %d links, %d blocks split, %d skipped", len(want.Links), split, skipped)
			wantLinks, wantClusters := expected(want)
			require.NotEmpty(t, wantLinks)

			dir := t.TempDir()
			p, s := beam.NewPipelineWithRoot()
			rows := make([]vnbeam.Row, len(ehr))
			for i := range ehr {
				rows[i] = vnbeam.RowOf(int64(i), &ehr[i])
			}
			links, clusters, err := vnbeam.Dedupe(s, beam.CreateList(s, rows), vnbeam.Config{Model: modelJSON,
				Today: today, MaxBlockSize: tt.maxBlockSize, MatchProbability: tt.matchProb})
			require.NoError(t, err)
			textio.Write(s, filepath.Join(dir, "links.txt"), beam.ParDo(s, formatLink, links))
			textio.Write(s, filepath.Join(dir, "clusters.txt"), beam.ParDo(s, formatCluster, clusters))
			require.NoError(t, ptest.Run(p))

			gotLinks := readLines(t, filepath.Join(dir, "links.txt"))
			gotClusters := readLines(t, filepath.Join(dir, "clusters.txt"))
			t.Logf("%d records, %d links, %d linked records", len(ehr), len(gotLinks), len(gotClusters))
			require.Equal(t, len(wantLinks), len(gotLinks), "links")
			require.Equal(t, wantLinks, gotLinks)
			require.Equal(t, wantClusters, gotClusters)
		})
	}
}
