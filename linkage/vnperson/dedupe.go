package vnperson

import (
	"cmp"
	"errors"
	"slices"
	"strconv"

	"github.com/vnlink/vnlink/blocking"
	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/normalize"
)

// Default values of Options.
const (
	DefaultPriorRecall      = 0.6
	DefaultUSamplePairs     = 1_000_000
	DefaultMatchProbability = 0.5
)

// Options configure Dedupe and Link. The zero value gives the default
// schema, blocking plan and training.
type Options struct {
	// Prepare configures the parsing of the records.
	Prepare PrepareOptions
	// Rules is the blocking plan; nil means DefaultRules. A training round
	// (and the prior) whose rule has the name of a rule here takes its
	// pairs from the plan's candidates (blocking.Candidates.Only) instead
	// of blocking again, so a name must mean one rule.
	Rules []blocking.Rule[Record]
	// Training lists the EM training rounds, one per blocking rule, with
	// the comparisons each rule's pairs agree on; nil means DefaultTraining.
	Training []TrainingRule
	// MaxBlockSize caps the records in a block (see blocking.Options):
	// larger blocks are split by the rule's secondary key where it has one
	// (DefaultPlan lists them) and skipped otherwise, and listed in
	// Result.Oversized. 0 means blocking.DefaultMaxBlockSize;
	// blocking.NoBlockCap turns the cap off.
	MaxBlockSize int
	// USamplePairs is the number of random pairs u is estimated from; 0
	// means DefaultUSamplePairs.
	USamplePairs int
	// Seed seeds the random sampling of u.
	Seed uint64
	// UsePretrained says when Train uses the pretrained m and u instead of
	// estimating them from the input; the zero value, PretrainedAuto, uses
	// them for inputs smaller than MinTrainRecords.
	UsePretrained PretrainedPolicy
	// PriorRecall is the share of true matches assumed to agree on a valid
	// CCCD, from which the prior λ is estimated (see
	// linkage.Model.EstimatePriorFromRule); 0 means DefaultPriorRecall.
	PriorRecall float64
	// MatchProbability is the match probability at or above which a pair
	// is linked; 0 means DefaultMatchProbability.
	MatchProbability float64
	// AllowCCCDConflicts turns off the cannot-link constraint: by default
	// two records with two different valid CCCD numbers (not one typo
	// apart) never end in one cluster.
	AllowCCCDConflicts bool
	// AllLinks makes Link keep every link at or above the threshold; by
	// default each left record keeps only its best link (the right side is
	// taken to be a deduplicated register).
	AllLinks bool
	// Workers is the number of goroutines for scoring; 0 means GOMAXPROCS.
	Workers int
	// Model, when set, is used as it is instead of training one on the
	// input (the train stage is skipped): a model trained once, saved with
	// its MarshalJSON and read back with LoadModel, gives the same weights
	// on every run and file. Its prior is the one it was trained with.
	// Its comparisons must be DefaultComparisons.
	Model *linkage.Model[Record]
	// Display makes Dedupe and Link also return the display form of every
	// field of every record (Result.Display, Result.RightDisplay), from the
	// same single parse (PrepareDisplay): what an output writes back.
	Display bool
	// Progress, when set, receives a report at each stage of the run and
	// while rows are prepared and pairs scored (see Progress): for a
	// progress bar or a log line, never with record values.
	Progress func(Progress)
}

// TrainingRule is one EM training round: the pairs of a blocking rule,
// leaving out the comparisons its pairs all agree on.
type TrainingRule struct {
	Rule    blocking.Rule[Record]
	Exclude []string
}

// DefaultTraining returns the default training rounds: those of
// DefaultPlan, each excluding the comparisons its rule's pairs agree on.
func DefaultTraining() []TrainingRule {
	return PlanTraining(DefaultPlan())
}

// Result is the outcome of Dedupe or Link.
type Result struct {
	// Records are the prepared records in input order: of the one input
	// for Dedupe, of the left input for Link.
	Records []Record
	// Right are the prepared right records of Link, in input order; nil
	// for Dedupe.
	Right []Record
	// Display and RightDisplay are the display forms of Records and Right
	// when Options.Display asks for them; nil otherwise.
	Display, RightDisplay []Display
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
	// Training reports the EM rounds, in order; nil when the model was
	// given (Options.Model) or pretrained.
	Training []RoundReport
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

// Validate reports every problem with the options at once, joined with
// errors.Join, each a *linkage.Error wrapping linkage.ErrInvalid. Zero
// values are valid: they mean the defaults.
func (o *Options) Validate() error {
	var errs []error
	bad := func(reason string) {
		errs = append(errs, &linkage.Error{Op: "vnperson.Options", Reason: reason, Err: linkage.ErrInvalid})
	}
	if !(o.MatchProbability >= 0 && o.MatchProbability < 1) { // NaN too
		bad("MatchProbability must lie in [0, 1)")
	}
	if !(o.PriorRecall >= 0 && o.PriorRecall <= 1) {
		bad("PriorRecall must lie in [0, 1]")
	}
	if o.USamplePairs < 0 {
		bad("USamplePairs must not be negative")
	}
	if o.MaxBlockSize < 0 && o.MaxBlockSize != blocking.NoBlockCap {
		bad("MaxBlockSize must be 0, positive or blocking.NoBlockCap")
	}
	if o.Workers < 0 || o.Workers > linkage.MaxWorkers {
		bad("Workers must lie in [0, " + strconv.Itoa(linkage.MaxWorkers) + "]")
	}
	if o.Prepare.Workers < 0 || o.Prepare.Workers > linkage.MaxWorkers {
		bad("Prepare.Workers must lie in [0, " + strconv.Itoa(linkage.MaxWorkers) + "]")
	}
	if !o.UsePretrained.valid() {
		bad("UsePretrained must be PretrainedAuto, PretrainedAlways or PretrainedNever")
	}
	if o.Model != nil {
		got := o.Model.Comparisons()
		want := DefaultComparisons()
		same := len(got) == len(want)
		for i := 0; same && i < len(got); i++ {
			same = got[i].Name == want[i].Name && len(got[i].Levels) == len(want[i].Levels)
		}
		if !same {
			bad("Model must be over DefaultComparisons (use LoadModel or DefaultModel)")
		}
	}
	for i, tr := range o.Training {
		if tr.Rule.Name() == "" {
			bad("Training rule " + strconv.Itoa(i) + " has no blocking rule")
		}
	}
	return errors.Join(errs...)
}

func (o *Options) fill() {
	if o.Prepare.Progress == nil {
		o.Prepare.Progress = o.Progress
	}
	if o.Rules == nil {
		o.Rules = DefaultRules()
	}
	if o.Training == nil {
		o.Training = DefaultTraining()
	}
	if o.USamplePairs <= 0 {
		o.USamplePairs = DefaultUSamplePairs
	}
	if o.PriorRecall <= 0 {
		o.PriorRecall = DefaultPriorRecall
	}
	if o.MatchProbability <= 0 {
		o.MatchProbability = DefaultMatchProbability
	}
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
	recs, disp, issues := prepare(people, opts.Prepare, opts.Display)
	res := &Result{Records: recs, Display: disp, Issues: issues}
	work := canonicalBy(make([]Record, 0, len(recs)), recs, people, 0)
	links, err := trainAndScore(work, nil, false, opts, res)
	if err != nil {
		return nil, err
	}
	var co linkage.ClusterOptions
	if !opts.AllowCCCDConflicts {
		co.Separate = func(a, b int32) bool { return CannotLink(&work[a], &work[b]) }
	}
	reporter(opts.Progress).stage(StageCluster, false)
	labels := linkage.Cluster(len(work), links, co)
	res.Clusters = relabel(labels, work)
	reporter(opts.Progress).stage(StageCluster, true)
	res.Links = toInput(links, work, work)
	return res, nil
}

// Link finds, for the records of left (an EHR extract, say), the records of
// right (the population register) that belong to the same person. Both are
// prepared together, the model is trained on the pairs across them, and by
// default each left record keeps only its best link at or above the
// threshold. Clusters join linked records of both sides, respecting the
// cannot-link constraint like Dedupe.
func Link(left, right []Person, opts Options) (*Result, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	opts.fill()
	all := make([]Person, 0, len(left)+len(right))
	all = append(all, left...)
	all = append(all, right...)
	recs, disp, issues := prepare(all, opts.Prepare, opts.Display)
	res := &Result{Records: recs[:len(left):len(left)], Right: recs[len(left):]}
	if disp != nil {
		res.Display, res.RightDisplay = disp[:len(left):len(left)], disp[len(left):]
	}
	for i := range res.Right {
		res.Right[i].Row -= int32(len(left))
	}
	res.Issues = issuesOfRows(issues, 0, len(left))
	res.RightIssues = issuesOfRows(issues, len(left), len(right))
	wl := canonicalBy(make([]Record, 0, len(left)), res.Records, left, 0)
	wr := canonicalBy(make([]Record, 0, len(right)), res.Right, right, 0)
	links, err := trainAndScore(wl, wr, true, opts, res)
	if err != nil {
		return nil, err
	}
	if !opts.AllLinks {
		links = bestPerLeft(links)
	}
	res.Links = toInput(links, wl, wr)
	// Cluster in input numbering: left i is i, right j is len(left)+j.
	joined := make([]linkage.ScoredPair, len(res.Links))
	for i, l := range res.Links {
		joined[i] = l
		joined[i].B += int32(len(left))
	}
	var co linkage.ClusterOptions
	if !opts.AllowCCCDConflicts {
		n := int32(len(left))
		at := func(i int32) *Record {
			if i < n {
				return &res.Records[i]
			}
			return &res.Right[i-n]
		}
		co.Separate = func(a, b int32) bool { return CannotLink(at(a), at(b)) }
	}
	reporter(opts.Progress).stage(StageCluster, false)
	res.Clusters = linkage.Cluster(len(left)+len(right), joined, co)
	reporter(opts.Progress).stage(StageCluster, true)
	return res, nil
}

// trainAndScore is the part Dedupe (link false, right nil) and Link share: it
// trains the model on the records in canonical order, blocks them with
// opts.Rules and returns the candidate pairs scoring at or above the
// threshold, in canonical indices. It fills res.Model, res.Threshold,
// res.RuleNames and res.Oversized.
func trainAndScore(left, right []Record, link bool, opts Options, res *Result) ([]linkage.ScoredPair, error) {
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
	res.Training = report
	res.Model = model
	res.Threshold = linkage.WeightForProbability(opts.MatchProbability)
	res.RuleNames, res.Oversized = cands.RuleNames(), cands.Oversized()
	total := pairBound(cands)
	rep.scoreStart(total)
	var links []linkage.ScoredPair
	var scored int64
	so := linkage.ScoreOptions{MinWeight: res.Threshold, Workers: opts.Workers, Progress: rep.scoring(0, total, &scored)}
	for sp := range model.ScoreCandidates(left, right, cands, so) {
		links = append(links, sp)
	}
	rep.scoreEnd(scored, total)
	return links, nil
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
