package vnperson_test

import (
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/benchmarks/accuracy"
	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

// partitionOf returns the clusters as sorted lists of row contents, so that
// two runs on the same rows in different orders can be compared.
func partitionOf(people []vnperson.Person, clusters []int32) []string {
	groups := map[int32][]string{}
	for i, c := range clusters {
		p := people[i]
		groups[c] = append(groups[c], strings.Join([]string{p.FullName, p.BirthDate, p.Sex, p.NationalID, p.InsuranceID, p.Phone, p.Address}, "|"))
	}
	var out []string
	for _, g := range groups {
		slices.Sort(g)
		out = append(out, strings.Join(g, " + "))
	}
	slices.Sort(out)
	return out
}

// TestDedupeShuffleWithoutIDs: rows without ids, numbered by position as
// ColumnMap.People numbers them ("#1", "#2", ...), give the same people in
// any order (issue: shuffling changed 6–17 of 45,006 clusters).
func TestDedupeShuffleWithoutIDs(t *testing.T) {
	cfg := synth.DefaultConfig()
	cfg.People, cfg.Seed = 6000, 4
	if os.Getenv("VNLINK_ACCURACY") != "" {
		cfg.People = 50_000 // the size at which the issue saw clusters change
	}
	c, err := accuracy.GenerateCommune(cfg)
	require.NoError(t, err)
	people := c.EHR
	opts := vnperson.Options{Workers: 1}
	first, err := vnperson.Dedupe(number(people), opts)
	require.NoError(t, err)
	want := partitionOf(people, first.Clusters)
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 3 {
		shuffled := slices.Clone(people)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		res, err := vnperson.Dedupe(number(shuffled), opts)
		require.NoError(t, err)
		require.Equal(t, want, partitionOf(shuffled, res.Clusters), "round %d", round)
	}
}

// TestReconcilePersonIDsShuffleWithoutIDs: with positional ids ("#N"),
// the person ids Reconcile gives come from content, so every row keeps its
// person id when the rows are shuffled.
func TestReconcilePersonIDsShuffleWithoutIDs(t *testing.T) {
	cfg := synth.DefaultConfig()
	cfg.People, cfg.Seed, cfg.BHYT = 800, 6, false
	c, err := accuracy.GenerateCommune(cfg)
	require.NoError(t, err)
	registry, ehr := c.Registry, c.EHR
	// idsByContent maps each EHR row's content to its person's id.
	idsByContent := func(rows []vnperson.Person, rec *vnperson.Reconciliation) map[string]string {
		out := map[string]string{}
		for _, st := range rec.Rows {
			if st.Role == vnperson.RoleEHR {
				p := rows[st.Row]
				key := strings.Join([]string{p.FullName, p.BirthDate, p.NationalID, p.Phone, p.Address}, "|")
				out[key] = rec.People[st.Person].ID
			}
		}
		return out
	}
	opts := vnperson.ReconcileOptions{Options: vnperson.Options{Workers: 1}}
	first, err := vnperson.Reconcile(number(registry), number(ehr), nil, opts)
	require.NoError(t, err)
	want := idsByContent(ehr, first)
	rng := rand.New(rand.NewPCG(3, 4))
	shuffled := slices.Clone(ehr)
	rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	reg := slices.Clone(registry)
	rng.Shuffle(len(reg), func(i, j int) { reg[i], reg[j] = reg[j], reg[i] })
	again, err := vnperson.Reconcile(number(reg), number(shuffled), nil, opts)
	require.NoError(t, err)
	require.Equal(t, want, idsByContent(shuffled, again))
}

// number returns ps with positional ids, as ColumnMap.People numbers rows
// without one: "#1", "#2", ...
func number(ps []vnperson.Person) []vnperson.Person {
	out := slices.Clone(ps)
	for i := range out {
		out[i].ID = "#" + strconv.Itoa(i+1)
	}
	return out
}
