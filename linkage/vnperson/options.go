package vnperson

import (
	"errors"
	"slices"
	"strconv"

	"github.com/vnlink/vnlink/blocking"
	"github.com/vnlink/vnlink/linkage"
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
	// USamplePairs caps the random pairs u is sampled from (sampling stops
	// earlier when every sampled level has been seen often enough, see
	// linkage.SampleOptions); 0 means DefaultUSamplePairs.
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

// Validate reports every problem with the options at once, joined with
// errors.Join, each a *linkage.Error wrapping linkage.ErrInvalid. Zero
// values are valid: they mean the defaults. A training rule must name a
// blocking rule and exclude only comparisons of DefaultComparisons.
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
	var names []string // of DefaultComparisons, when a training rule is given
	if len(o.Training) > 0 {
		for _, c := range DefaultComparisons() {
			names = append(names, c.Name)
		}
	}
	for i, tr := range o.Training {
		if tr.Rule.Name() == "" {
			bad("Training rule " + strconv.Itoa(i) + " has no blocking rule")
		}
		for _, ex := range tr.Exclude {
			if !slices.Contains(names, ex) {
				bad("Training rule " + strconv.Itoa(i) + " excludes " + strconv.Quote(ex) + ", which is not a comparison of DefaultComparisons")
			}
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
