package vnperson_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

// TestSavedModelReused checks Options.Model: a model saved as JSON and
// loaded back gives Dedupe the same links and weights as the run that
// trained it, on the same input, without training.
func TestSavedModelReused(t *testing.T) {
	people, _ := community(1500, 8)
	opts := testOptions()
	first, err := vnperson.Dedupe(people, opts)
	require.NoError(t, err)
	data, err := first.Model.MarshalJSON()
	require.NoError(t, err)
	loaded, err := vnperson.LoadModel(data)
	require.NoError(t, err)

	var stages []vnperson.Stage
	opts.Model = loaded
	opts.Progress = func(p vnperson.Progress) {
		if p.Done == 0 {
			stages = append(stages, p.Stage)
		}
	}
	again, err := vnperson.Dedupe(people, opts)
	require.NoError(t, err)
	assert.Equal(t, first.Links, again.Links)
	assert.Equal(t, first.Clusters, again.Clusters)
	assert.Same(t, loaded, again.Model)
	assert.Nil(t, again.Training, "no rounds run with a given model")
	require.NotEmpty(t, first.Training)
	for _, r := range first.Training {
		assert.True(t, r.Converged, "round %s", r.Rule)
		assert.Empty(t, r.Rejected, "round %s", r.Rule)
		assert.Positive(t, r.Pairs, "round %s", r.Rule)
		assert.Positive(t, r.Matches, "round %s", r.Rule)
		assert.LessOrEqual(t, r.Matches, float64(r.Pairs), "round %s", r.Rule)
	}
	assert.NotContains(t, stages, vnperson.StageTrain, "a given model is not trained")
}

func TestModelOfOtherComparisonsRefused(t *testing.T) {
	m, err := linkage.NewModel(linkage.Exact("id", func(r *vnperson.Record) string { return r.ID }))
	require.NoError(t, err)
	opts := vnperson.Options{Model: m}
	require.ErrorIs(t, opts.Validate(), linkage.ErrInvalid)
}
