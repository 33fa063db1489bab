package vnbeam_test

import (
	"fmt"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/stretchr/testify/require"

	vnbeam "github.com/vnlink/vnlink/beam"
	"github.com/vnlink/vnlink/benchmarks/accuracy"
	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

func init() {
	register.Function1x1[vnbeam.ReconcilePair, string](formatReconcilePair)
}

// campaign returns the registry, the EHR and the BHYT rows of a synthetic
// city of people people over communes communes.
func campaign(t *testing.T, people, communes int) (registry, ehr, bhyt []vnperson.Person) {
	t.Helper()
	c, err := accuracy.GenerateCommune(synth.CityConfig(people, communes))
	require.NoError(t, err)
	return c.Registry, c.EHR, c.BHYT
}

// formatReconcilePair writes a pair as a line; the weight's shortest form
// reads back to the same float64.
func formatReconcilePair(p vnbeam.ReconcilePair) string {
	return fmt.Sprintf("%d %d %d %d %d %s", p.RoleA, p.A, p.RoleB, p.B, p.Rule, strconv.FormatFloat(p.Weight, 'g', -1, 64))
}

func parseReconcilePair(t *testing.T, line string) vnbeam.ReconcilePair {
	var p vnbeam.ReconcilePair
	var w string
	_, err := fmt.Sscanf(line, "%d %d %d %d %d %s", &p.RoleA, &p.A, &p.RoleB, &p.B, &p.Rule, &w)
	require.NoError(t, err)
	p.Weight, err = strconv.ParseFloat(w, 64)
	require.NoError(t, err)
	return p
}

func TestReconcileEqualsVnperson(t *testing.T) {
	registry, ehr, bhyt := campaign(t, 2500, 4)
	require.NotEmpty(t, bhyt)
	// The model is trained once, by vnperson.Reconcile on the input, and
	// travels as JSON.
	trained, err := vnperson.Reconcile(registry, ehr, bhyt, vnperson.ReconcileOptions{Options: vnperson.Options{
		Prepare: vnperson.PrepareOptions{Today: today}}})
	require.NoError(t, err)
	modelJSON, err := trained.Model.MarshalJSON()
	require.NoError(t, err)

	tests := []struct {
		name string
		cfg  vnbeam.ReconcileConfig
	}{
		{"defaults", vnbeam.ReconcileConfig{}},
		{"smaller blocks split or skipped, wide review band, no BHYT list", vnbeam.ReconcileConfig{
			Config: vnbeam.Config{MaxBlockSize: 40}, ReviewLow: 0.05, MaxReviewPairs: 50}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.cfg
			cfg.Model, cfg.Today = modelJSON, today
			bhyt := bhyt
			if cfg.MaxBlockSize != 0 {
				bhyt = nil
			}
			model, err := vnperson.LoadModel(modelJSON)
			require.NoError(t, err)
			want, err := vnperson.Reconcile(registry, ehr, bhyt, vnperson.ReconcileOptions{
				Options:   vnperson.Options{Prepare: vnperson.PrepareOptions{Today: today}, Model: model, MaxBlockSize: cfg.MaxBlockSize},
				ReviewLow: cfg.ReviewLow, MaxReviewPairs: cfg.MaxReviewPairs})
			require.NoError(t, err)
			t.Logf("single process: %d people, %d duplicate groups, %d review pairs, %d blocks oversized",
				len(want.People), len(want.Duplicates), len(want.Review), len(want.Oversized))
			require.NotEmpty(t, want.Duplicates)
			require.NotEmpty(t, want.Review)

			p, s := beam.NewPipelineWithRoot()
			bhytRows := beam.PCollection{}
			if bhyt != nil {
				bhytRows = beam.CreateList(s, rowsOf(bhyt))
			}
			pairs, err := vnbeam.Reconcile(s, beam.CreateList(s, rowsOf(registry)), beam.CreateList(s, rowsOf(ehr)), bhytRows, cfg)
			require.NoError(t, err)
			out := filepath.Join(t.TempDir(), "pairs.txt")
			textio.Write(s, out, beam.ParDo(s, formatReconcilePair, pairs))
			runCounted(t, p)
			var got []vnbeam.ReconcilePair
			for _, line := range readLines(t, out) {
				got = append(got, parseReconcilePair(t, line))
			}
			t.Logf("pipeline: %d scored pairs", len(got))

			res, err := vnbeam.Reconciliation(rowsOf(registry), rowsOf(ehr), rowsOf(bhyt), got, cfg)
			require.NoError(t, err)
			want.Oversized = nil // the pipeline reports no blocks
			require.NotNil(t, res.Model)
			res.Model = want.Model // loaded from the same JSON; the weights of Review compare it
			require.Equal(t, want.RuleNames, res.RuleNames)
			require.Equal(t, want.People, res.People)
			require.Equal(t, want.Rows, res.Rows)
			require.Equal(t, want.Duplicates, res.Duplicates)
			require.Equal(t, want.Review, res.Review)
			require.Equal(t, want, res)
		})
	}
}
