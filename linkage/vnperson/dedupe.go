package vnperson

import (
	"cmp"
	"slices"
	"sync/atomic"

	"github.com/vnlink/vnlink/blocking"
	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/normalize"
)

// Result is the outcome of Dedupe or Link.
type Result struct {
	// Records are the prepared records in input order: of the one input
	// for Dedupe, of the left input for Link.
	Records []Record
	// Right are the prepared right records of Link, in input order; nil
	// for Dedupe.
	Right []Record
	// display and rightDisplay keep the display forms of Records and
	// Right when Options.Display asks for them (Result.Display); nil
	// otherwise.
	display, rightDisplay []displayParts
	// Issues are the field issues of Records, RightIssues those of Right.
	Issues, RightIssues []*normalize.RecordError
	// Model is the trained model: its parameters explain every weight.
	Model *linkage.Model[Record]
	// Threshold is the match weight at or above which pairs were linked.
	Threshold float64
	// Links are the pairs linked, sorted by A then B: record indices in
	// input order (for Link, A indexes Records and B indexes Right), with
	// the blocking rule and the match weight.
	Links []linkage.ScoredPair
	// Clusters give every record its cluster: the smallest input index in
	// its cluster. For Link, records are numbered left first, then right
	// (right record j is len(Records)+j).
	Clusters []int32
	// RuleNames are the names of the blocking rules (ScoredPair.Rule
	// indexes them).
	RuleNames []string
	// Oversized lists the blocks above the cap (Options.MaxBlockSize): split
	// by a secondary key, or skipped.
	Oversized []blocking.OversizeBlock
	// RuleCounts gives, per blocking rule, the blocks that produce a pair
	// and the candidate pairs the rule yields on its own, from block sizes
	// (blocking.Candidates.Counts): how the plan's work is spread.
	RuleCounts []blocking.RuleCount
	// Training reports the EM rounds, in order; nil when the model was
	// given (Options.Model) or pretrained.
	Training []RoundReport
}

// HasDisplay reports whether the result holds display forms
// (Options.Display).
func (r *Result) HasDisplay() bool { return r.display != nil }

// Display returns the display form of every field of Records[i], rendered
// from its one parse (see Display); the zero Display when Options.Display
// did not ask for display forms. Like a slice index, it panics when i is out
// of range.
func (r *Result) Display(i int) Display {
	_ = r.Records[i]
	if r.display == nil {
		return Display{}
	}
	return r.display[i].display(&r.Records[i])
}

// RightDisplay is Display for Right[j] (Link).
func (r *Result) RightDisplay(j int) Display {
	_ = r.Right[j]
	if r.rightDisplay == nil {
		return Display{}
	}
	return r.rightDisplay[j].display(&r.Right[j])
}

// Explain explains the match weight of the pair (a, b): input indices into
// Records (Dedupe), or into Records and Right (Link). Its rows hold labels
// and numbers only, never the compared values. Like a slice index, it
// panics when a or b is out of range.
func (r *Result) Explain(a, b int) linkage.Explanation {
	if r.Right != nil {
		return r.Model.Explain(&r.Records[a], &r.Right[b])
	}
	return r.Model.Explain(&r.Records[a], &r.Records[b])
}

// Dedupe finds the records of one source that belong to the same person:
// it prepares the people, trains the default model on them without labels
// (Train), scores the candidate pairs of the blocking plan and clusters the
// links, keeping apart records with different valid CCCD numbers unless
// opts.AllowCCCDConflicts is set. The same people in any order give the same
// clusters: the records are put in an order of their ids and contents
// first (see Person.ID).
//
// It returns an error only for invalid options (see Options.Validate) or an
// input too large for 32-bit record indices; field problems are
// Result.Issues, and every input row is in the result.
func Dedupe(people []Person, opts Options) (*Result, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	opts.fill()
	p := NewPrepared(opts.Prepare, opts.Display)
	p.Add(people)
	return dedupePrepared(p, opts)
}

// DedupePrepared is Dedupe of the people added to p (the same result, for
// rows added in any number of parts). opts.Prepare and opts.Display are not
// read: p was prepared with its own. p is used up (see Prepared).
func DedupePrepared(p *Prepared, opts Options) (*Result, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	opts.fill()
	return dedupePrepared(p, opts)
}

func dedupePrepared(p *Prepared, opts Options) (*Result, error) {
	const op = "vnperson.DedupePrepared"
	in, err := p.take(op)
	if err != nil {
		return nil, err
	}
	recs := in.records
	res := &Result{Records: recs, display: in.displays, Issues: in.issues}
	setNameFrequencies(recs)
	work := toCanonical(recs, in.keys, 0) // back in input order below
	sc, err := trainAndScore(work, nil, false, opts)
	if err != nil {
		return nil, err
	}
	sc.fill(res)
	links := sc.links
	var co linkage.ClusterOptions
	if !opts.AllowCCCDConflicts {
		co.Separate = func(a, b int32) bool { return CannotLink(&work[a], &work[b]) }
	}
	reporter(opts.Progress).stage(StageCluster, false)
	labels := linkage.Cluster(len(work), links, co)
	res.Clusters = relabel(labels, work)
	reporter(opts.Progress).stage(StageCluster, true)
	res.Links = toInput(links, work, work)
	toInputOrder(recs, 0)
	return res, nil
}

// Link finds, for the records of left (an EHR extract, say), the records of
// right (the population register) that belong to the same person. Both are
// prepared together, the model is trained on the pairs across them, and by
// default each left record keeps only its best link at or above the
// threshold. Clusters join linked records of both sides, respecting the
// cannot-link constraint like Dedupe. When a side is empty there is nothing
// to pair or train on: no model and no link, every record its own cluster.
func Link(left, right []Person, opts Options) (*Result, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	opts.fill()
	l, r := NewPrepared(opts.Prepare, opts.Display), NewPrepared(opts.Prepare, opts.Display)
	// One StagePrepare for both lists, as for one input.
	var done atomic.Int64
	stop := reporter(opts.Prepare.Progress).counter(StagePrepare, int64(len(left)+len(right)), &done)
	l.add(left, &done)
	r.add(right, &done)
	stop()
	return linkPrepared(l, r, opts)
}

// LinkPrepared is Link of the people added to left and right (the same
// result, for rows added in any number of parts): a caller may read, add
// and let go one file before it reads the other. opts.Prepare and
// opts.Display are not read: the lists were prepared with their own. Both
// are used up (see Prepared).
func LinkPrepared(left, right *Prepared, opts Options) (*Result, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	opts.fill()
	return linkPrepared(left, right, opts)
}

func linkPrepared(left, right *Prepared, opts Options) (*Result, error) {
	const op = "vnperson.LinkPrepared"
	if left == right {
		return nil, &linkage.Error{Op: op, Reason: "left and right are the same Prepared list", Err: linkage.ErrInvalid}
	}
	l, err := left.take(op)
	if err != nil {
		return nil, err
	}
	r, err := right.take(op)
	if err != nil {
		return nil, err
	}
	res := &Result{Records: l.records, Right: r.records, display: l.displays, rightDisplay: r.displays,
		Issues: l.issues, RightIssues: r.issues}
	setNameFrequencies(res.Records, res.Right)
	nl := len(res.Records)
	if nl == 0 || len(res.Right) == 0 {
		// Nothing to pair or train on: no model, no link, every record
		// alone.
		res.Clusters = make([]int32, nl+len(res.Right))
		for i := range res.Clusters {
			res.Clusters[i] = int32(i)
		}
		return res, nil
	}
	wl := toCanonical(res.Records, l.keys, 0) // both back in input order below
	wr := toCanonical(res.Right, r.keys, 0)
	sc, err := trainAndScore(wl, wr, true, opts)
	if err != nil {
		return nil, err
	}
	sc.fill(res)
	links := sc.links
	if !opts.AllLinks {
		links = bestPerLeft(links)
	}
	res.Links = toInput(links, wl, wr)
	toInputOrder(res.Records, 0)
	toInputOrder(res.Right, 0)
	// Cluster in input numbering: left i is i, right j is len(Records)+j.
	joined := make([]linkage.ScoredPair, len(res.Links))
	for i, l := range res.Links {
		joined[i] = l
		joined[i].B += int32(nl)
	}
	var co linkage.ClusterOptions
	if !opts.AllowCCCDConflicts {
		n := int32(nl)
		at := func(i int32) *Record {
			if i < n {
				return &res.Records[i]
			}
			return &res.Right[i-n]
		}
		co.Separate = func(a, b int32) bool { return CannotLink(at(a), at(b)) }
	}
	reporter(opts.Progress).stage(StageCluster, false)
	res.Clusters = linkage.Cluster(nl+len(res.Right), joined, co)
	reporter(opts.Progress).stage(StageCluster, true)
	return res, nil
}

// scored is what trainAndScore returns: the model, its threshold, the
// blocking report and the links in canonical indices.
type scored struct {
	model     *linkage.Model[Record]
	training  []RoundReport
	threshold float64
	ruleNames []string
	oversized []blocking.OversizeBlock
	counts    []blocking.RuleCount
	links     []linkage.ScoredPair
}

// fill copies s's model, threshold and blocking report into res.
func (s *scored) fill(res *Result) {
	res.Model, res.Training, res.Threshold = s.model, s.training, s.threshold
	res.RuleNames, res.Oversized, res.RuleCounts = s.ruleNames, s.oversized, s.counts
}

// trainAndScore is the part Dedupe (link false, right nil) and Link share: it
// blocks the records (in canonical order) with opts.Rules, trains the model
// on them and returns the candidate pairs scoring at or above the
// threshold, in canonical indices.
func trainAndScore(left, right []Record, link bool, opts Options) (*scored, error) {
	rep := reporter(opts.Progress)
	b, err := newBlocker(opts, opts.Rules...)
	if err != nil {
		return nil, err
	}
	rep.stage(StageBlock, false)
	var cands *blocking.Candidates
	if link {
		cands, err = b.Link(left, right)
	} else {
		cands, err = b.Dedupe(left)
	}
	if err != nil {
		return nil, err
	}
	rep.stage(StageBlock, true)
	model, report, err := modelFor(left, right, opts, cands)
	if err != nil {
		return nil, err
	}
	out := &scored{model: model, training: report, threshold: linkage.WeightForProbability(opts.MatchProbability),
		ruleNames: cands.RuleNames(), oversized: cands.Oversized(), counts: cands.Counts()}
	total := pairBound(cands)
	rep.scoreStart(total)
	var n int64
	so := linkage.ScoreOptions{MinWeight: out.threshold, Workers: opts.Workers, Progress: rep.scoring(0, total, &n)}
	for sp := range model.ScoreCandidates(left, right, cands, so) {
		out.links = append(out.links, sp)
	}
	rep.scoreEnd(n, total)
	return out, nil
}

// modelFor returns opts.Model when set, else the model trained on the
// records (see train), reporting StageTrain.
func modelFor(left, right []Record, opts Options, full *blocking.Candidates) (*linkage.Model[Record], []RoundReport, error) {
	if opts.Model != nil {
		return opts.Model, nil, nil
	}
	rep := reporter(opts.Progress)
	rep.stage(StageTrain, false)
	m, report, err := train(left, right, opts, full)
	if err == nil {
		rep.stage(StageTrain, true)
	}
	return m, report, err
}

// pairBound is the most pairs the candidates can yield: the sum of their
// rules' pairs on their own.
func pairBound(c *blocking.Candidates) int64 {
	counts := c.Counts()
	if len(counts) == 0 {
		return 0
	}
	return counts[len(counts)-1].CumulativeBound
}

// bestPerLeft keeps, for each left record, its link of highest weight (ties:
// the smaller right index).
func bestPerLeft(links []linkage.ScoredPair) []linkage.ScoredPair {
	slices.SortFunc(links, func(x, y linkage.ScoredPair) int {
		return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(y.Weight, x.Weight), cmp.Compare(x.B, y.B))
	})
	out := links[:0]
	for i, l := range links {
		if i == 0 || l.A != links[i-1].A {
			out = append(out, l)
		}
	}
	return out
}

// toInput maps links between canonical indices back to input indices,
// sorted by A then B.
func toInput(links []linkage.ScoredPair, left, right []Record) []linkage.ScoredPair {
	out := make([]linkage.ScoredPair, len(links))
	for i, l := range links {
		a, b := left[l.A].Row, right[l.B].Row
		if &left[0] == &right[0] && a > b {
			a, b = b, a
		}
		out[i] = linkage.ScoredPair{A: a, B: b, Rule: l.Rule, Weight: l.Weight}
	}
	slices.SortFunc(out, func(x, y linkage.ScoredPair) int { return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B)) })
	return out
}

// relabel turns cluster labels over canonical indices into labels over
// input indices: each record's label is the smallest input index in its
// cluster.
func relabel(labels []int32, work []Record) []int32 {
	smallest := make(map[int32]int32, len(labels))
	for i, l := range labels {
		row := work[i].Row
		if s, ok := smallest[l]; !ok || row < s {
			smallest[l] = row
		}
	}
	out := make([]int32, len(labels))
	for i, l := range labels {
		out[work[i].Row] = smallest[l]
	}
	return out
}

func newBlocker(opts Options, rules ...blocking.Rule[Record]) (*blocking.Blocker[Record], error) {
	return blocking.New(blocking.Options{MaxBlockSize: opts.MaxBlockSize}, rules...)
}
