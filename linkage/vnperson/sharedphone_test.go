package vnperson_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/blocking"
	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

// TestDedupeSharedPhone runs Dedupe on 20,000 people who all give one phone
// number (a clinic's, written on every patient): phone_given_initial's
// block is split by birth year, the candidate pairs stay bounded, and the
// people are not merged into one.
func TestDedupeSharedPhone(t *testing.T) {
	if testing.Short() {
		t.Skip("20,000 people")
	}
	people, truth := community(20_000, 9)
	for i := range people {
		people[i].Phone = "0912345678"
	}
	n := len(people)
	b, err := blocking.New(blocking.Options{}, vnperson.DefaultRules()...)
	require.NoError(t, err)
	c, err := b.Dedupe(prepare(t, people...))
	require.NoError(t, err)
	var pairs int64
	for _, rc := range c.Counts() {
		pairs += rc.Comparisons
	}
	split := false
	for _, o := range c.Oversized() {
		if o.RuleName == vnperson.RulePhoneGivenInit {
			split = split || o.Action == blocking.ActionSplit
		}
	}
	assert.True(t, split, "the shared phone's blocks are split, not scored whole")
	assert.Less(t, pairs, int64(n)*int64(n-1)/2/10)

	res, err := vnperson.Dedupe(people, testOptions())
	require.NoError(t, err)
	sizes, largest := clusterSizes(res.Clusters)
	m, err := linkage.EvaluateClusters(res.Clusters, truth)
	require.NoError(t, err)
	t.Logf("%d records, %d candidate pairs, %d clusters, largest %d, pairwise %+v", n, pairs, len(sizes), largest, m.Pairwise)
	assert.Less(t, largest, 20, "records sharing a phone must not become one person")
	assert.Greater(t, m.Pairwise.F1, 0.9)
}
