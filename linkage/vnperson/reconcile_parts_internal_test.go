package vnperson

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/vnlink/vnlink/linkage"
)

// synthCampaign returns the registry, EHR and BHYT rows of a synthetic city.
func synthCampaign(t *testing.T, people, communes int) (registry, ehr, bhyt []Person) {
	t.Helper()
	_, _, err := synth.Generate(synth.CityConfig(people, communes), func(r *synth.Record) error {
		p := Person{ID: r.ID, Source: r.File.String(), FullName: r.FullName, BirthDate: r.BirthDate, Sex: r.Sex,
			NationalID: r.NationalID, OldID: r.OldID, InsuranceID: r.InsuranceID, Phone: r.Phone,
			Address: r.Address, Ethnicity: r.Ethnicity}
		switch r.File {
		case synth.Registry:
			registry = append(registry, p)
		case synth.EHR:
			ehr = append(ehr, p)
		case synth.BHYT:
			bhyt = append(bhyt, p)
		}
		return nil
	})
	require.NoError(t, err)
	return registry, ehr, bhyt
}

// reconcileCandidates returns every candidate pair of Reconcile's blocking
// plan scored as Reconcile scores it (no minimum weight), as rows: what a
// distributed engine gives ReconcileScored.
func reconcileCandidates(t *testing.T, registry, ehr, bhyt []Person, opts ReconcileOptions) []ScoredRowPair {
	t.Helper()
	run, err := startReconcile(registry, ehr, bhyt, &opts)
	require.NoError(t, err)
	b, err := newBlocker(opts.Options, opts.Rules...)
	require.NoError(t, err)
	link, err := b.Link(run.left, run.right)
	require.NoError(t, err)
	dedupe, err := b.Dedupe(run.left)
	require.NoError(t, err)
	all := linkage.ScoreOptions{MinWeight: math.Inf(-1), Workers: 1}
	var out []ScoredRowPair
	ref := func(r *Record) RowRef {
		role, row := run.roleOf(r.Row)
		return RowRef{role, row}
	}
	for sp := range opts.Model.ScoreCandidates(run.left, run.right, link, all) {
		out = append(out, ScoredRowPair{A: ref(&run.left[sp.A]), B: ref(&run.right[sp.B]), Rule: int(sp.Rule), Weight: sp.Weight})
	}
	for sp := range opts.Model.ScoreCandidates(run.left, nil, dedupe, all) {
		out = append(out, ScoredRowPair{A: ref(&run.left[sp.A]), B: ref(&run.left[sp.B]), Rule: int(sp.Rule), Weight: sp.Weight})
	}
	return out
}

func TestReconcileScoredIsReconcile(t *testing.T) {
	registry, ehr, bhyt := synthCampaign(t, 1500, 3)
	require.NotEmpty(t, bhyt)
	opts := ReconcileOptions{Options: Options{Prepare: PrepareOptions{Today: time.Date(synth.RefYear+1, 1, 1, 0, 0, 0, 0, time.UTC)}}}
	trained, err := Reconcile(registry, ehr, bhyt, opts)
	require.NoError(t, err)
	opts.Model = trained.Model
	// Clerical decisions on two review pairs, one each way, and one naming
	// no row: ReconcileScored applies them as Reconcile does.
	require.GreaterOrEqual(t, len(trained.Review), 2)
	opts.Decisions = []Decision{{A: trained.Review[0].A, B: trained.Review[0].B, Same: !trained.Review[0].Together},
		{A: trained.Review[1].A, B: trained.Review[1].B, Same: true}, {A: RowRef{RoleEHR, len(ehr)}, B: RowRef{RoleRegistry, 0}}}
	want, err := Reconcile(registry, ehr, bhyt, opts)
	require.NoError(t, err)
	require.Equal(t, 1, want.UnresolvedDecisions)
	want.Oversized = nil // formed elsewhere: ReconcileScored reports none

	pairs := reconcileCandidates(t, registry, ehr, bhyt, opts)
	// Any order, either way round, pairs below the minimum weight included.
	rng := rand.New(rand.NewPCG(1, 2))
	rng.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
	below := 0
	for i := range pairs {
		if rng.IntN(2) == 0 {
			pairs[i].A, pairs[i].B = pairs[i].B, pairs[i].A
		}
		if pairs[i].Weight < opts.MinScoredWeight() {
			below++
		}
	}
	require.Positive(t, below)
	got, err := ReconcileScored(registry, ehr, bhyt, pairs, opts)
	require.NoError(t, err)
	require.NotEmpty(t, got.Duplicates)
	require.NotEmpty(t, got.Review)
	require.Equal(t, want, got)
}

func TestReconcileScoredRejects(t *testing.T) {
	registry := []Person{{ID: "r1", FullName: "Nguyễn Văn An"}, {ID: "r2", FullName: "Trần Thị Bình"}}
	ehr := []Person{{ID: "e1", FullName: "Nguyễn Văn An"}}
	model, err := PretrainedLinkModel()
	require.NoError(t, err)
	opts := ReconcileOptions{Options: Options{Model: model}}
	tests := []struct {
		name string
		pair ScoredRowPair
	}{
		{"row outside", ScoredRowPair{A: RowRef{RoleEHR, 1}, B: RowRef{RoleRegistry, 0}, Weight: 5}},
		{"same row", ScoredRowPair{A: RowRef{RoleEHR, 0}, B: RowRef{RoleEHR, 0}, Weight: 5}},
		{"two registry rows", ScoredRowPair{A: RowRef{RoleRegistry, 0}, B: RowRef{RoleRegistry, 1}, Weight: 5}},
		{"bad role", ScoredRowPair{A: RowRef{Role(7), 0}, B: RowRef{RoleRegistry, 1}, Weight: 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReconcileScored(registry, ehr, nil, []ScoredRowPair{tt.pair}, opts)
			require.ErrorIs(t, err, linkage.ErrInvalid)
		})
	}
	_, err = ReconcileScored(registry, ehr, nil, nil, ReconcileOptions{})
	require.ErrorIs(t, err, linkage.ErrInvalid, "no model")
}
