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
	"github.com/vnlink/vnlink/benchmarks/accuracy"
	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/vnlink/vnlink/blocking"
	"github.com/vnlink/vnlink/linkage/vnperson"
	"github.com/vnlink/vnlink/normalize"
)

func init() {
	register.Function1x1[vnbeam.Pair, string](formatLink)
	register.Function1x1[vnbeam.Member, string](formatMember)
}

// TestMain runs the pipelines on Prism, in process (ptest's default runner).
func TestMain(m *testing.M) { ptest.Main(m) }

// today is the date the synthetic files are read as of.
var today = time.Date(synth.RefYear+1, 1, 1, 0, 0, 0, 0, time.UTC)

// city returns the registry and the EHR rows of a synthetic city of
// people people over communes communes.
func city(t *testing.T, people, communes int) (registry, ehr []vnperson.Person) {
	t.Helper()
	c, err := accuracy.GenerateCommune(synth.CityConfig(people, communes))
	require.NoError(t, err)
	return c.Registry, c.EHR
}

// rowsOf returns the rows of people, indexed in input order.
func rowsOf(people []vnperson.Person) []vnbeam.Row {
	rows := make([]vnbeam.Row, len(people))
	for i := range people {
		rows[i] = vnbeam.RowOf(int64(i), &people[i])
	}
	return rows
}

// run runs the pipeline of p, whose links and clusters are written under
// dir, and returns their sorted lines and the number of pairs it scored.
func run(t *testing.T, p *beam.Pipeline, s beam.Scope, dir string, links, clusters beam.PCollection) (gotLinks, gotClusters []string, scored int64) {
	t.Helper()
	textio.Write(s, filepath.Join(dir, "links.txt"), beam.ParDo(s, formatLink, links))
	textio.Write(s, filepath.Join(dir, "clusters.txt"), beam.ParDo(s, formatMember, clusters))
	scored = runCounted(t, p)
	return readLines(t, filepath.Join(dir, "links.txt")), readLines(t, filepath.Join(dir, "clusters.txt")), scored
}

// runCounted runs p, logs the pairs it scored and returns their number.
func runCounted(t *testing.T, p *beam.Pipeline) int64 {
	t.Helper()
	start := time.Now()
	res, err := ptest.RunWithMetrics(p)
	require.NoError(t, err)
	n := pairsScored(res)
	t.Logf("pipeline: %d pairs scored, %.1f s", n, time.Since(start).Seconds())
	return n
}

// candidates returns the number of candidate pairs package blocking forms
// with vnperson's rules from left (and right, for a link), prepared with
// prep, the blocks capped at maxBlockSize as vnperson.Options.MaxBlockSize
// caps them: each pair once, the pairs the pipeline scores.
func candidates(t *testing.T, left, right []vnperson.Person, prep vnperson.PrepareOptions, maxBlockSize int) int64 {
	t.Helper()
	b, err := blocking.New(blocking.Options{MaxBlockSize: maxBlockSize}, vnperson.DefaultRules()...)
	require.NoError(t, err)
	l, _ := vnperson.Prepare(left, prep)
	var c *blocking.Candidates
	if right == nil {
		c, err = b.Dedupe(l)
	} else {
		r, _ := vnperson.Prepare(right, prep)
		c, err = b.Link(l, r)
	}
	require.NoError(t, err)
	var n int64
	for range c.Pairs() {
		n++
	}
	return n
}

// pairsScored returns the pipeline's count of scored pairs.
func pairsScored(res beam.PipelineResult) int64 {
	var n int64
	for _, c := range res.Metrics().AllMetrics().Counters() {
		if c.Namespace() == "vnlink" && c.Name() == vnbeam.PairsScored {
			n += c.Result()
		}
	}
	return n
}

// logOversized logs what the single-process run did with oversized blocks.
func logOversized(t *testing.T, res *vnperson.Result) {
	var split, skipped int
	for _, o := range res.Oversized {
		if o.Action == blocking.ActionSplit {
			split++
		} else {
			skipped++
		}
	}
	t.Logf("single process: %d links, %d blocks split, %d blocks or sub-blocks skipped", len(res.Links), split, skipped)
}

func formatLink(l vnbeam.Pair) string {
	return fmt.Sprintf("%d %d %d %s", l.A, l.B, l.Rule, strconv.FormatFloat(l.Weight, 'g', -1, 64))
}

func formatMember(m vnbeam.Member) string {
	side := "L"
	if m.Right {
		side = "R"
	}
	if m.ClusterRight {
		return fmt.Sprintf("%s%d R%d", side, m.Index, m.Cluster)
	}
	return fmt.Sprintf("%s%d %d", side, m.Index, m.Cluster)
}

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

// identity is the index of the pipeline's row of a vnperson input index
// when the rows are indexed in input order.
func identity(i int) int64 { return int64(i) }

// expected returns the lines of the links of a vnperson result (in the
// pipeline's format) and of its clusters of linked records, with the
// pipeline's row index of each input index.
func expected(res *vnperson.Result, index func(int) int64) (links, clusters []string) {
	link := res.Right != nil
	linked := map[vnbeam.Member]bool{}
	for _, l := range res.Links {
		links = append(links, formatLink(vnbeam.Pair{A: index(int(l.A)), B: index(int(l.B)), Rule: int(l.Rule), Weight: l.Weight}))
		linked[vnbeam.Member{Index: int64(l.A)}] = true
		linked[vnbeam.Member{Index: int64(l.B), Right: link}] = true
	}
	for m := range linked {
		i := int(m.Index)
		if m.Right {
			i += len(res.Records)
		}
		c := int(res.Clusters[i])
		if link && c >= len(res.Records) {
			c, m.ClusterRight = c-len(res.Records), true
		}
		m.Index, m.Cluster = index(int(m.Index)), index(c)
		clusters = append(clusters, formatMember(m))
	}
	slices.Sort(links)
	slices.Sort(clusters)
	return links, clusters
}

func TestDedupeEqualsVnperson(t *testing.T) {
	_, ehr := city(t, 3000, 4)
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
		units        bool
	}{
		{"defaults", 0, 0, false},
		{"built-in administrative units", 0, 0, true},
		{"no block cap, low threshold", blocking.NoBlockCap, 1e-4, false},
		{"small blocks split or skipped, low threshold", 4, 1e-4, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			model, err := vnperson.LoadModel(modelJSON)
			require.NoError(t, err)
			opts := vnperson.Options{Prepare: vnperson.PrepareOptions{Today: today}, Model: model,
				MaxBlockSize: tt.maxBlockSize, MatchProbability: tt.matchProb}
			if tt.units {
				opts.Prepare.Resolver = normalize.DefaultResolver()
				opts.Prepare.Resolver.DefaultProvince = "Hà Nội"
			}
			want, err := vnperson.Dedupe(ehr, opts)
			require.NoError(t, err)
			if tt.maxBlockSize == 0 && tt.matchProb == 0 && !tt.units {
				// The JSON round trip keeps every weight: the links of
				// the loaded model are those of the trained one.
				require.Equal(t, trained.Links, want.Links)
				require.Equal(t, trained.Clusters, want.Clusters)
			}
			logOversized(t, want)
			wantLinks, wantClusters := expected(want, identity)
			require.NotEmpty(t, wantLinks)

			p, s := beam.NewPipelineWithRoot()
			cfg := vnbeam.Config{Model: modelJSON, Today: today, MaxBlockSize: tt.maxBlockSize, MatchProbability: tt.matchProb}
			if tt.units {
				cfg.Units, cfg.DefaultProvince = true, "Hà Nội"
			}
			links, clusters, err := vnbeam.Dedupe(s, beam.CreateList(s, rowsOf(ehr)), cfg)
			require.NoError(t, err)
			gotLinks, gotClusters, scored := run(t, p, s, t.TempDir(), links, clusters)
			require.Equal(t, candidates(t, ehr, nil, opts.Prepare, tt.maxBlockSize), scored, "pairs scored")
			t.Logf("%d records, %d links, %d linked records", len(ehr), len(gotLinks), len(gotClusters))
			require.Equal(t, len(wantLinks), len(gotLinks), "links")
			require.Equal(t, wantLinks, gotLinks)
			require.Equal(t, wantClusters, gotClusters)
		})
	}
}

func TestLinkEqualsVnperson(t *testing.T) {
	registry, ehr := city(t, 2000, 4)
	trained, err := vnperson.Link(ehr, registry, vnperson.Options{Prepare: vnperson.PrepareOptions{Today: today}})
	require.NoError(t, err)
	modelJSON, err := trained.Model.MarshalJSON()
	require.NoError(t, err)

	tests := []struct {
		name         string
		maxBlockSize int
		matchProb    float64
		allLinks     bool
	}{
		{"defaults: best link per left row", 0, 0, false},
		{"all links, low threshold", 0, 1e-4, true},
		{"small blocks split or skipped, best link", 6, 1e-4, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			model, err := vnperson.LoadModel(modelJSON)
			require.NoError(t, err)
			opts := vnperson.Options{Prepare: vnperson.PrepareOptions{Today: today}, Model: model,
				MaxBlockSize: tt.maxBlockSize, MatchProbability: tt.matchProb, AllLinks: tt.allLinks}
			want, err := vnperson.Link(ehr, registry, opts)
			require.NoError(t, err)
			logOversized(t, want)
			wantLinks, wantClusters := expected(want, identity)
			require.NotEmpty(t, wantLinks)

			p, s := beam.NewPipelineWithRoot()
			links, clusters, err := vnbeam.Link(s, beam.CreateList(s, rowsOf(ehr)), beam.CreateList(s, rowsOf(registry)),
				vnbeam.Config{Model: modelJSON, Today: today, MaxBlockSize: tt.maxBlockSize,
					MatchProbability: tt.matchProb, AllLinks: tt.allLinks})
			require.NoError(t, err)
			gotLinks, gotClusters, scored := run(t, p, s, t.TempDir(), links, clusters)
			require.Equal(t, candidates(t, ehr, registry, opts.Prepare, tt.maxBlockSize), scored, "pairs scored")
			t.Logf("%d left and %d right records, %d links, %d linked records", len(ehr), len(registry), len(gotLinks), len(gotClusters))
			require.Equal(t, len(wantLinks), len(gotLinks), "links")
			require.Equal(t, wantLinks, gotLinks)
			require.Equal(t, wantClusters, gotClusters)
		})
	}
}

// TestDedupeHotKey gives 1,200 rows one CCCD, as a placeholder number
// typed on every record of a clinic: a block above the cap (1,000) of a
// rule without a secondary key, which the pipeline must drop without
// gathering it, as vnperson.Dedupe skips it.
func TestDedupeHotKey(t *testing.T) {
	_, ehr := city(t, 3000, 3)
	placeholder := ""
	for _, p := range ehr {
		if len(p.NationalID) == 12 {
			placeholder = p.NationalID
			break
		}
	}
	require.NotEmpty(t, placeholder)
	for i := range 1200 {
		ehr[i].NationalID = placeholder
	}
	opts := vnperson.Options{Prepare: vnperson.PrepareOptions{Today: today}}
	want, err := vnperson.Dedupe(ehr, opts)
	require.NoError(t, err)
	logOversized(t, want)
	require.True(t, slices.ContainsFunc(want.Oversized, func(o blocking.OversizeBlock) bool {
		return o.RuleName == vnperson.RuleNationalID && o.Action == blocking.ActionSkipped && o.Size >= 1200
	}))
	modelJSON, err := want.Model.MarshalJSON()
	require.NoError(t, err)
	wantLinks, wantClusters := expected(want, identity)

	p, s := beam.NewPipelineWithRoot()
	links, clusters, err := vnbeam.Dedupe(s, beam.CreateList(s, rowsOf(ehr)), vnbeam.Config{Model: modelJSON, Today: today})
	require.NoError(t, err)
	gotLinks, gotClusters, scored := run(t, p, s, t.TempDir(), links, clusters)
	require.Equal(t, candidates(t, ehr, nil, opts.Prepare, 0), scored, "pairs scored")
	require.Equal(t, wantLinks, gotLinks)
	require.Equal(t, wantClusters, gotClusters)
}
