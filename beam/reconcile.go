package vnbeam

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/vnlink/vnlink/linkage/vnperson"
)

func init() {
	beam.RegisterType(reflect.TypeOf((*ReconcilePair)(nil)).Elem())
	register.DoFn1x2[Row, Row, error](&leftRowFn{})
	register.Function1x1[scoredLink, ReconcilePair](linkPairOf)
	register.Function1x1[scoredLink, ReconcilePair](dedupePairOf)
}

// bhytBit marks the index of a BHYT row among Reconcile's left rows (the
// health records and the BHYT rows travel as one input): a BHYT row's
// index is its own with this bit set, so the two lists' indices never
// meet, and health records come first when the left rows are put in index
// order, as they do in vnperson.Reconcile's left list.
const bhytBit = int64(1) << 62

func isBHYT(index int64) bool { return index&bhytBit != 0 }

// leftFirst reports, for two left rows at indices lo < hi of a pair in
// Reconcile's dedupe pass, whether lo comes first whatever their content:
// a health record and a BHYT row, the health record first, as in
// vnperson.Reconcile's left list (health records, then BHYT rows, each in
// canonical order).
func (s *settings) leftFirst(lo, hi int64) bool {
	return s.Reconcile && isBHYT(lo) != isBHYT(hi)
}

// ReconcilePair is one candidate pair of the reconciliation with its match
// weight: the rows' lists (RoleA, RoleB: a vnperson.Role) and indices in
// their inputs (Row.Index), the first blocking rule that produces the pair
// (an index in vnperson.DefaultRules) and the weight. A is a health record
// or a BHYT row; B a registry row (a link pair) or another health record
// or BHYT row (a dedupe pair).
type ReconcilePair struct {
	RoleA, RoleB int
	A, B         int64
	Rule         int
	Weight       float64
}

// ReconcileConfig configures Reconcile and Reconciliation: the pipeline's
// Config (the model, the link threshold, the block cap, the date and the
// administrative units; AllLinks is ignored) and the options of
// vnperson.ReconcileOptions of the same names. Both steps must be given the
// same configuration.
type ReconcileConfig struct {
	Config
	ReviewLow, ReviewHigh, ChainProbability float64
	MaxPersonRecords, MaxReviewPairs        int
	// Decisions name rows by their position in their input sorted by
	// index (vnperson.RowRef.Row), as Reconciliation numbers them.
	Decisions []vnperson.Decision
}

// options returns the vnperson options the configuration stands for.
func (c *ReconcileConfig) options() (vnperson.ReconcileOptions, settings, error) {
	st, err := c.Config.settings()
	if err != nil {
		return vnperson.ReconcileOptions{}, settings{}, err
	}
	model, err := vnperson.LoadModel(c.Model) // settings checked it loads
	if err != nil {
		return vnperson.ReconcileOptions{}, settings{}, err
	}
	o := vnperson.ReconcileOptions{
		Options: vnperson.Options{Prepare: st.prepareOptions(), Model: model, MaxBlockSize: c.MaxBlockSize,
			MatchProbability: c.MatchProbability, AllowCCCDConflicts: c.AllowCCCDConflicts},
		ReviewLow: c.ReviewLow, ReviewHigh: c.ReviewHigh, ChainProbability: c.ChainProbability,
		MaxPersonRecords: c.MaxPersonRecords, MaxReviewPairs: c.MaxReviewPairs, Decisions: c.Decisions,
	}
	if err := o.Options.Validate(); err != nil {
		return vnperson.ReconcileOptions{}, settings{}, fmt.Errorf("vnbeam: %w", err)
	}
	st.MinWeight = o.MinScoredWeight()
	st.Reconcile = true
	return o, st, nil
}

// Reconcile adds to s the distributed part of vnperson.Reconcile on
// registry (the population registry, the authority), ehr (the health
// records) and bhyt (the BHXH/BHYT list; an invalid, zero PCollection for
// none), PCollections of Row, each indexed within its input (below 2^62),
// and returns the candidate pairs Reconcile scores (a PCollection of
// ReconcilePair): the names of all the rows of the three inputs counted
// together, then two passes of blocking and scoring over them, as
// Reconcile does: the health records and BHYT rows with the registry (the
// block cap counting the rows of both sides), and among themselves (the
// cap counting theirs), every pair scoring at least
// vnperson.ReconcileOptions.MinScoredWeight (for the review queue and the
// nearest candidates, not only the links) with the record first in
// Reconcile's order first. Reconciliation turns them, with the rows, into
// Reconcile's people and worklists.
func Reconcile(s beam.Scope, registry, ehr, bhyt beam.PCollection, cfg ReconcileConfig) (beam.PCollection, error) {
	_, st, err := cfg.options()
	if err != nil {
		return beam.PCollection{}, err
	}
	s = s.Scope("vnlink.Reconcile")
	lefts := []beam.PCollection{beam.ParDo(s, &leftRowFn{}, ehr)}
	if bhyt.IsValid() {
		lefts = append(lefts, beam.ParDo(s, &leftRowFn{BHYT: true}, bhyt))
	}
	link := st
	link.Link, link.AllLinks = true, true
	joined := withFrequencies(s, link, beam.Flatten(s, lefts...), registry)
	links := beam.ParDo(s, linkPairOf, scorePairs(s.Scope("Link"), link, joined, false))
	dedupes := beam.ParDo(s, dedupePairOf, scorePairs(s.Scope("Dedupe"), st, joined, true))
	return beam.Flatten(s, links, dedupes), nil
}

// leftRowFn checks the index of a health record or BHYT row and marks
// that of a BHYT row with bhytBit.
type leftRowFn struct{ BHYT bool }

func (f *leftRowFn) ProcessElement(r Row) (Row, error) {
	if r.Index < 0 || r.Index >= bhytBit {
		return Row{}, fmt.Errorf("vnbeam: row index %d outside [0, 2^62)", r.Index)
	}
	if f.BHYT {
		r.Index |= bhytBit
	}
	return r, nil
}

// leftRef returns the list and the index of a left row.
func leftRef(index int64) (role int, i int64) {
	if isBHYT(index) {
		return int(vnperson.RoleBHYT), index &^ bhytBit
	}
	return int(vnperson.RoleEHR), index
}

// linkPairOf is a pair of the link pass: a left row and a registry row.
func linkPairOf(l scoredLink) ReconcilePair {
	ra, a := leftRef(l.Pair.A)
	return ReconcilePair{RoleA: ra, A: a, RoleB: int(vnperson.RoleRegistry), B: l.Pair.B, Rule: l.Pair.Rule, Weight: l.Pair.Weight}
}

// dedupePairOf is a pair of the dedupe pass: two left rows.
func dedupePairOf(l scoredLink) ReconcilePair {
	ra, a := leftRef(l.Pair.A)
	rb, b := leftRef(l.Pair.B)
	return ReconcilePair{RoleA: ra, A: a, RoleB: rb, B: b, Rule: l.Pair.Rule, Weight: l.Pair.Weight}
}

// Reconciliation is the last step of a reconciliation, on one machine: it
// returns vnperson.Reconcile's result on the rows of the three inputs from
// the pairs Reconcile scored (vnperson.ReconcileScored), equal to that of
// vnperson.Reconcile run on the same rows, in index order, with the same
// configuration (Oversized aside: the pipeline reports no blocks). It
// sorts registry, ehr and bhyt by index in place: a vnperson.RowRef.Row of
// the result is a position in the sorted slice, so registry[ref.Row].Index
// is the row's index. It returns an error for an invalid configuration, an
// index repeated in one input, or a pair naming a row outside the inputs.
func Reconciliation(registry, ehr, bhyt []Row, pairs []ReconcilePair, cfg ReconcileConfig) (*vnperson.Reconciliation, error) {
	opts, _, err := cfg.options()
	if err != nil {
		return nil, err
	}
	opts.Prepare.Workers = 0 // every core: the same records
	lists := [...][]Row{vnperson.RoleRegistry: registry, vnperson.RoleEHR: ehr, vnperson.RoleBHYT: bhyt}
	var people [len(lists)][]vnperson.Person
	var pos [len(lists)]map[int64]int
	for role, rows := range lists {
		slices.SortFunc(rows, func(a, b Row) int { return cmp.Compare(a.Index, b.Index) })
		pos[role] = make(map[int64]int, len(rows))
		if len(rows) == 0 {
			continue // nil, as vnperson.Reconcile's Source.People of no rows
		}
		people[role] = make([]vnperson.Person, len(rows))
		for i := range rows {
			if i > 0 && rows[i].Index == rows[i-1].Index {
				return nil, fmt.Errorf("vnbeam: index %d repeated in the %s rows", rows[i].Index, vnperson.Role(role))
			}
			pos[role][rows[i].Index] = i
			people[role][i] = rows[i].Person()
		}
	}
	ref := func(role int, index int64) (vnperson.RowRef, bool) {
		if role < 0 || role >= len(lists) {
			return vnperson.RowRef{}, false
		}
		i, ok := pos[role][index]
		return vnperson.RowRef{Role: vnperson.Role(role), Row: i}, ok
	}
	scored := make([]vnperson.ScoredRowPair, len(pairs))
	for i, p := range pairs {
		a, okA := ref(p.RoleA, p.A)
		b, okB := ref(p.RoleB, p.B)
		if !okA || !okB {
			return nil, fmt.Errorf("vnbeam: a scored pair names a row outside the inputs (roles %d and %d)", p.RoleA, p.RoleB)
		}
		scored[i] = vnperson.ScoredRowPair{A: a, B: b, Rule: p.Rule, Weight: p.Weight}
	}
	return vnperson.ReconcileScored(people[vnperson.RoleRegistry], people[vnperson.RoleEHR], people[vnperson.RoleBHYT], scored, opts)
}
