package vnperson

import (
	"math"
	"slices"

	"github.com/vnlink/vnlink/linkage"
)

// ScoredRowPair is one candidate pair of Reconcile's rows with its match
// weight, scored outside Reconcile (by a distributed engine) for
// ReconcileScored. A and B are a health record or BHYT row and a registry
// row (a link pair), or two health records or BHYT rows (a dedupe pair), in
// either order. Rule indexes the blocking rules (Options.Rules, by default
// DefaultRules): the first rule that produces the pair within its kind of
// pair, as package blocking tags it.
type ScoredRowPair struct {
	A, B   RowRef
	Rule   int
	Weight float64
}

// MinScoredWeight returns the smallest match weight of the scored pairs
// Reconcile keeps, for its links, its review queue and the nearest registry
// candidate of an unmatched record: the lower of the link threshold and the
// weight of the probability min(ReviewLow, 1e-6), options filled with their
// defaults. An engine that scores Reconcile's candidate pairs for
// ReconcileScored keeps those at or above it.
func (o ReconcileOptions) MinScoredWeight() float64 {
	o.fillReconcile()
	return o.minScoredWeight()
}

// minScoredWeight is MinScoredWeight of filled options.
func (o *ReconcileOptions) minScoredWeight() float64 {
	return min(linkage.WeightForProbability(o.MatchProbability), linkage.WeightForProbability(min(o.ReviewLow, defaultReconcileMinScore)))
}

// ReconcileScored is Reconcile with the blocking and the scoring done
// elsewhere: on the same rows, with opts.Model set to the model Reconcile
// would use, and with pairs the candidate pairs of Reconcile's blocking plan
// (health records and BHYT rows with the registry, the link candidates, and
// among themselves, the dedupe candidates) scored by that model with the
// record first in Reconcile's order as the first argument, it returns what
// Reconcile returns: the same people, statuses, worklists and metrics. Pairs
// below MinScoredWeight are ignored, so the scored pairs may be given all,
// in any order. Oversized is nil (the blocks were formed elsewhere) and
// Training nil (the model is given); RuleNames name opts.Rules.
//
// It returns an error for invalid options, a missing model, inputs too
// large for 32-bit indices, or a pair naming a row outside the inputs, a
// row twice or two registry rows.
func ReconcileScored(registry, ehr, bhyt []Person, pairs []ScoredRowPair, opts ReconcileOptions) (*Reconciliation, error) {
	bad := func(reason string) error {
		return &linkage.Error{Op: "vnperson.ReconcileScored", Reason: reason, Err: linkage.ErrInvalid}
	}
	if opts.Model == nil {
		return nil, bad("Options.Model must be set")
	}
	run, err := startReconcile(registry, ehr, bhyt, &opts)
	if err != nil {
		return nil, err
	}
	res := run.res
	res.Model = opts.Model
	res.Threshold = linkage.WeightForProbability(opts.MatchProbability)
	for _, r := range opts.Rules {
		res.RuleNames = append(res.RuleNames, r.Name())
	}
	// Nodes as in Reconcile: left (health records, then BHYT rows) i is i,
	// registry j is nl+j, each list in canonical order.
	nl := int32(len(run.left))
	nodeOf := [3][]int32{make([]int32, len(registry)), make([]int32, len(ehr)), make([]int32, len(bhyt))}
	for i := range run.left {
		role, row := run.roleOf(run.left[i].Row)
		nodeOf[role][row] = int32(i)
	}
	for j := range run.right {
		nodeOf[RoleRegistry][run.right[j].Row] = nl + int32(j)
	}
	minWeight := opts.minScoredWeight()
	scored := make([]linkage.ScoredPair, 0, len(pairs))
	for _, p := range pairs {
		if p.Weight < minWeight { // NaN too
			continue
		}
		if !run.has(p.A) || !run.has(p.B) || p.A == p.B || p.Rule < 0 || p.Rule > math.MaxUint8 {
			return nil, bad("a pair names a row outside the inputs, one row twice, or a rule outside 0-255")
		}
		a, b := nodeOf[p.A.Role][p.A.Row], nodeOf[p.B.Role][p.B.Row]
		if a > b {
			a, b = b, a
		}
		if a >= nl {
			return nil, bad("a pair joins two registry rows")
		}
		scored = append(scored, linkage.ScoredPair{A: a, B: b, Rule: uint8(p.Rule), Weight: p.Weight})
	}
	run.finish(scored, opts, reporter(opts.Progress))
	return res, nil
}

// reconcileRun is what Reconcile and ReconcileScored share: the inputs
// prepared together, each list in canonical order until finish.
type reconcileRun struct {
	res  *Reconciliation
	recs []Record // registry, health records, BHYT rows
	// left holds the health records then the BHYT rows, right the
	// registry: views of recs.
	left, right []Record
	nr, ne, nb  int
}

// startReconcile validates and fills opts, prepares the three lists
// together once (PrepareDisplay), and puts each list in canonical order.
func startReconcile(registry, ehr, bhyt []Person, opts *ReconcileOptions) (*reconcileRun, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	opts.fillReconcile()
	nr, ne, nb := len(registry), len(ehr), len(bhyt)
	if int64(nr)+int64(ne)+int64(nb) > math.MaxInt32 {
		return nil, &linkage.Error{Op: "vnperson.Reconcile", Reason: "too many rows for 32-bit indices", Err: linkage.ErrInvalid}
	}
	recs, disp, keys, issues := prepare(opts.Prepare, true, true, registry, ehr, bhyt)
	res := &Reconciliation{}
	res.Registry = splitSource(registry, recs, disp, issues, 0)
	res.EHR = splitSource(ehr, recs, disp, issues, nr)
	res.BHYT = splitSource(bhyt, recs, disp, issues, nr+ne)

	// Canonical order: registry on the right; health records then BHYT
	// rows on the left. Record.Row keeps the index across the three sources.
	// The records are sorted in place and put back in input order once
	// scored (finish): until then res's sources are not read.
	right := toCanonical(recs[:nr:nr], keys[:nr], 0)
	toCanonical(recs[nr:nr+ne], keys[nr:nr+ne], nr)
	toCanonical(recs[nr+ne:], keys[nr+ne:], nr+ne)
	return &reconcileRun{res: res, recs: recs, left: recs[nr:], right: right, nr: nr, ne: ne, nb: nb}, nil
}

// roleOf returns the list and the row in it of a Record.Row.
func (run *reconcileRun) roleOf(row int32) (Role, int) {
	switch {
	case int(row) < run.nr:
		return RoleRegistry, int(row)
	case int(row) < run.nr+run.ne:
		return RoleEHR, int(row) - run.nr
	}
	return RoleBHYT, int(row) - run.nr - run.ne
}

// has reports whether r names an input row.
func (run *reconcileRun) has(r RowRef) bool {
	n := [3]int{run.nr, run.ne, run.nb}
	return r.Role <= RoleBHYT && r.Row >= 0 && r.Row < n[r.Role]
}

// finish clusters the scored pairs (nodes: left i is i, right j is
// len(left)+j; res.Model and res.Threshold set) under Reconcile's
// constraints and fills the people, the statuses and the worklists.
func (run *reconcileRun) finish(scored []linkage.ScoredPair, opts ReconcileOptions, rep reporter) {
	res, recs, left, right, roleOf, model := run.res, run.recs, run.left, run.right, run.roleOf, run.res.Model
	nl := int32(len(left))
	// From here on a node is reached through its row in recs, back in
	// input order.
	n := len(left) + len(right)
	rowOf := make([]int32, n)
	for i := range left {
		rowOf[i] = left[i].Row
	}
	for j := range right {
		rowOf[len(left)+j] = right[j].Row
	}
	run.left, run.right = nil, nil
	toInputOrder(recs, 0)
	node := func(i int32) *Record { return &recs[rowOf[i]] }
	nodeOf := make(map[RowRef]int32, n)
	for i := range int32(n) {
		role, row := roleOf(node(i).Row)
		nodeOf[RowRef{role, row}] = i
	}

	// Clerical decisions.
	var must []linkage.ScoredPair
	var cannot []linkage.Pair
	forced := map[[2]int32]bool{}
	for _, d := range opts.Decisions {
		a, okA := nodeOf[d.A]
		bb, okB := nodeOf[d.B]
		if !okA || !okB || a == bb {
			res.UnresolvedDecisions++
			continue
		}
		a, bb = min(a, bb), max(a, bb)
		forced[[2]int32{a, bb}] = d.Same
		if d.Same {
			must = append(must, linkage.ScoredPair{A: a, B: bb, Weight: math.Inf(1)})
		} else {
			cannot = append(cannot, linkage.Pair{A: a, B: bb})
		}
	}

	links := slices.Clone(must)
	for _, sp := range scored {
		if sp.Weight >= res.Threshold {
			if v, ok := forced[[2]int32{min(sp.A, sp.B), max(sp.A, sp.B)}]; ok && !v {
				continue
			}
			links = append(links, sp)
		}
	}
	distinct := make([]bool, n)
	for j := int(nl); j < n; j++ {
		distinct[j] = true
	}
	chain := linkage.WeightForProbability(opts.ChainProbability)
	co := linkage.ClusterOptions{Distinct: distinct, MaxSize: opts.MaxPersonRecords, CannotLink: cannot}
	co.Separate = func(a, b int32) bool {
		x, y := node(a), node(b)
		if v, ok := forced[[2]int32{min(a, b), max(a, b)}]; ok {
			return !v
		}
		if !opts.AllowCCCDConflicts && CannotLink(x, y) {
			return true
		}
		return model.Score(x, y) < chain
	}
	rep.stage(StageCluster, false)
	labels := linkage.Cluster(n, links, co)
	rep.stage(StageCluster, true)

	rep.stage(StageWorklists, false)
	res.buildPeople(labels, node, roleOf, n)
	res.buildWorklists(scored, node, roleOf, nl, opts)
	rep.stage(StageWorklists, true)
}
