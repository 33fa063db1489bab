package vnperson_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/benchmarks/accuracy"
	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

// addInParts adds people to a new Prepared in parts of the given sizes (the
// rest in a last part).
func addInParts(people []vnperson.Person, opts vnperson.Options, sizes ...int) *vnperson.Prepared {
	p := vnperson.NewPrepared(opts.Prepare, opts.Display)
	for _, n := range sizes {
		n = min(n, len(people))
		p.Add(people[:n])
		people = people[n:]
	}
	p.Add(people)
	return p
}

// TestPreparedInPartsEqualsPeople: rows added in parts give what the people
// given at once give: records, issues, links, clusters, display forms.
func TestPreparedInPartsEqualsPeople(t *testing.T) {
	cfg := synth.DefaultConfig()
	cfg.People, cfg.Seed = 3000, 7
	c, err := accuracy.GenerateCommune(cfg)
	require.NoError(t, err)
	opts := vnperson.Options{Display: true}

	want, err := vnperson.Dedupe(c.EHR, opts)
	require.NoError(t, err)
	require.NotEmpty(t, want.Links)
	require.NotEmpty(t, want.Issues)
	p := addInParts(c.EHR, opts, 1, 700, 0, 999)
	require.Equal(t, len(c.EHR), p.Len())
	got, err := vnperson.DedupePrepared(p, opts)
	require.NoError(t, err)
	assert.Equal(t, want.Records, got.Records)
	require.True(t, got.HasDisplay())
	for i := range want.Records {
		assert.Equal(t, want.Display(i), got.Display(i), "row %d", i)
	}
	assert.Equal(t, want.Issues, got.Issues)
	assert.Equal(t, want.Links, got.Links)
	assert.Equal(t, want.Clusters, got.Clusters)
	assert.Equal(t, want.Threshold, got.Threshold)
	assert.Equal(t, want.RuleCounts, got.RuleCounts)
	require.Len(t, got.RuleCounts, len(got.RuleNames))
	for i, rc := range got.RuleCounts {
		assert.Equal(t, got.RuleNames[i], rc.Name)
		assert.GreaterOrEqual(t, rc.CumulativeBound, rc.Comparisons)
	}

	opts.Display = false
	wantLink, err := vnperson.Link(c.EHR, c.Registry, opts)
	require.NoError(t, err)
	require.NotEmpty(t, wantLink.Links)
	l, r := addInParts(c.EHR, opts, 1234), addInParts(c.Registry, opts, 10, 2000)
	gotLink, err := vnperson.LinkPrepared(l, r, opts)
	require.NoError(t, err)
	assert.Equal(t, wantLink.Records, gotLink.Records)
	assert.Equal(t, wantLink.Right, gotLink.Right)
	assert.Equal(t, wantLink.Issues, gotLink.Issues)
	assert.Equal(t, wantLink.RightIssues, gotLink.RightIssues)
	assert.Equal(t, wantLink.Links, gotLink.Links)
	assert.Equal(t, wantLink.Clusters, gotLink.Clusters)
	assert.False(t, gotLink.HasDisplay())
}

// TestPreparedUsedOnce: a Prepared hands its records to one result; using
// it again, or as both sides of a link, is an error, and adding to it
// afterwards panics.
func TestPreparedUsedOnce(t *testing.T) {
	people := messyPeople()
	p := addInParts(people, vnperson.Options{})
	_, err := vnperson.DedupePrepared(p, vnperson.Options{})
	require.NoError(t, err)
	_, err = vnperson.DedupePrepared(p, vnperson.Options{})
	assert.True(t, errors.Is(err, linkage.ErrInvalid), "%v", err)
	assert.Panics(t, func() { p.Add(people) })

	q := addInParts(people, vnperson.Options{})
	_, err = vnperson.LinkPrepared(q, q, vnperson.Options{})
	assert.True(t, errors.Is(err, linkage.ErrInvalid), "%v", err)
}

// TestLinkEmptySide: with no row on one side there is nothing to pair or
// train on; every row is kept, alone in its cluster.
func TestLinkEmptySide(t *testing.T) {
	people := messyPeople()
	for _, tc := range []struct {
		name        string
		left, right []vnperson.Person
	}{
		{"no right", people, nil},
		{"no left", nil, people},
		{"neither", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := vnperson.Link(tc.left, tc.right, vnperson.Options{})
			require.NoError(t, err)
			assert.Len(t, res.Records, len(tc.left))
			assert.Len(t, res.Right, len(tc.right))
			assert.Empty(t, res.Links)
			assert.Nil(t, res.Model)
			require.Len(t, res.Clusters, len(tc.left)+len(tc.right))
			for i, c := range res.Clusters {
				assert.Equal(t, int32(i), c)
			}
		})
	}
}
