package vnperson

import (
	"errors"
	"slices"

	"github.com/vnlink/vnlink/blocking"
	"github.com/vnlink/vnlink/linkage"
)

// FallbackDuplicateRate is the share of records assumed to have a duplicate
// when deduplicating records without any equal valid CCCD, from which the
// prior is then set: λ = FallbackDuplicateRate·n / (n(n−1)/2). When linking,
// every record of the smaller side is assumed to have one partner: λ =
// min(L, R) / (L·R).
const FallbackDuplicateRate = 0.05

func setFallbackPrior(m *linkage.Model[Record], nl, nr int) error {
	var prior float64
	if nr == 0 {
		if nl < 2 {
			return nil
		}
		prior = FallbackDuplicateRate * float64(nl) / (float64(nl) * float64(nl-1) / 2)
	} else {
		prior = float64(min(nl, nr)) / (float64(nl) * float64(nr))
	}
	p := m.Params()
	p.Prior = min(prior, 0.5)
	return m.SetParams(p)
}

// DefaultModel returns a model over DefaultComparisons with the exact level of
// the name comparison term-frequency adjusted (TFWeight 1) and the engine's
// starting parameters, ready for training.
func DefaultModel() (*linkage.Model[Record], error) {
	m, err := linkage.NewModel(DefaultComparisons()...)
	if err != nil {
		return nil, err
	}
	p := m.Params()
	for i := range p.Comparisons {
		if p.Comparisons[i].Name == CompareName {
			p.Comparisons[i].Levels[0].TermFrequency = true
			p.Comparisons[i].TFWeight = 1
		}
	}
	if err := m.SetParams(p); err != nil {
		return nil, err
	}
	return m, nil
}

// Train returns the default model trained without labels on prepared
// records: right == nil trains for deduplicating left, else for linking left
// with right. Like Splink's unsupervised recipe it
//
//  1. estimates u from up to opts.USamplePairs random pairs (seed
//     opts.Seed, on opts.Workers goroutines; the result does not depend
//     on them), the exact levels of the ID, phone and birth-date
//     comparisons from value frequencies (see linkage.Model.EstimateU);
//  2. estimates the prior from the deterministic rule "equal valid CCCD":
//     λ = (pairs with equal CCCD / opts.PriorRecall) / possible pairs, or,
//     when no pair has equal CCCDs, from FallbackDuplicateRate;
//  3. estimates m by EM over the pattern counts of the pairs of each
//     training rule (opts.Training), one round per rule, leaving out the
//     comparisons the rule fixes, and averages the rounds.
//
// When opts.UsePretrained says so (by default: fewer than MinTrainRecords
// records, on the smaller side when linking), steps 1 and 3 are skipped and
// m and u are those of PretrainedModel (deduplication) or
// PretrainedLinkModel (linkage): a few hundred records hold too few pairs
// to estimate them. The prior is always estimated from the input (step 2).
//
// With nothing to pair (fewer than two records, or an empty side) it
// returns the untrained DefaultModel. The threshold of the returned parameters is the weight of
// opts.MatchProbability. Train is deterministic: the same records in the same
// order and options give the same model.
func Train(left, right []Record, opts Options) (*linkage.Model[Record], error) {
	m, _, err := train(left, right, opts, nil)
	return m, err
}

// RoundReport is the outcome of one EM training round (Result.Training,
// Reconciliation.Training).
type RoundReport struct {
	// Rule names the training rule whose pairs the round used.
	Rule string
	// Pairs is the number of pairs counted.
	Pairs int64
	// Iterations and Converged: EM's iterations, and whether it met its
	// tolerance before the limit.
	Iterations int
	Converged  bool
	// Matches is the round's estimated number of matches among its pairs.
	Matches float64
	// Rejected is empty when the round trained the model, else why it
	// was left out (linkage.RejectNotConverged, linkage.RejectTooManyMatch).
	Rejected string
}

// possiblePairs is the number of record pairs: n(n−1)/2 for one side
// (right 0), left × right for two.
func possiblePairs(left, right int) float64 {
	if right == 0 {
		return float64(left) * float64(left-1) / 2
	}
	return float64(left) * float64(right)
}

// MatchBoundFactor times the matches the prior expects in the whole input
// is the most matches a training round may claim (TrainingRound.MaxMatches):
// a round claiming more has learnt another class of pairs than matches.
const MatchBoundFactor = 2

// train is Train taking the pairs of the prior's rule and of each training
// round from full, the candidates of the whole plan on the same records
// (Candidates.Only), when full holds a rule of that name; the others are
// blocked here. full may be nil. It also reports the EM rounds.
func train(left, right []Record, opts Options, full *blocking.Candidates) (*linkage.Model[Record], []RoundReport, error) {
	if err := opts.Validate(); err != nil {
		return nil, nil, err
	}
	opts.fill()
	m, err := DefaultModel()
	if err != nil {
		return nil, nil, err
	}
	if (right == nil && len(left) < 2) || (right != nil && (len(left) == 0 || len(right) == 0)) {
		// Nothing to pair: the untrained model, which will score nothing.
		return m, nil, nil
	}
	candidates := func(rule blocking.Rule[Record]) (*blocking.Candidates, error) {
		if full != nil {
			if k := slices.Index(full.RuleNames(), rule.Name()); k >= 0 {
				return full.Only(k), nil
			}
		}
		b, err := newBlocker(opts, rule)
		if err != nil {
			return nil, err
		}
		if right == nil {
			return b.Dedupe(left)
		}
		return b.Link(left, right)
	}
	pretrained := opts.UsePretrained.usePretrained(len(left), len(right))
	if pretrained {
		if right == nil {
			m, err = PretrainedModel()
		} else {
			m, err = PretrainedLinkModel()
		}
		if err != nil {
			return nil, nil, err
		}
	} else if err := m.EstimateU(left, right, linkage.SampleOptions{Pairs: opts.USamplePairs, Seed: opts.Seed, Workers: opts.Workers}); err != nil {
		return nil, nil, err
	}
	priorRule, _ := planPriorRule(DefaultPlan())
	byID, err := candidates(priorRule)
	if err != nil {
		return nil, nil, err
	}
	if _, err := m.EstimatePriorFromRule(left, right, byID.Pairs(), func(a, b *Record) bool {
		return nationalIDLevel(a, b) == IDCCCDExact
	}, opts.PriorRecall); err != nil {
		if !errors.Is(err, linkage.ErrNoData) {
			return nil, nil, err
		}
		if err := setFallbackPrior(m, len(left), len(right)); err != nil {
			return nil, nil, err
		}
	}
	var report []RoundReport
	if !pretrained {
		var rounds []linkage.TrainingRound
		maxMatches := MatchBoundFactor * m.Params().Prior * possiblePairs(len(left), len(right))
		for _, tr := range opts.Training {
			c, err := candidates(tr.Rule)
			if err != nil {
				return nil, nil, err
			}
			pat := m.CountCandidates(left, right, c, -1, opts.Workers)
			if len(pat.Patterns) == 0 {
				continue
			}
			rounds = append(rounds, linkage.TrainingRound{Patterns: pat, Exclude: tr.Exclude, MaxMatches: maxMatches})
			report = append(report, RoundReport{Rule: tr.Rule.Name(), Pairs: int64(pat.Total())})
		}
		if len(rounds) > 0 {
			results, err := m.TrainEM(rounds, linkage.EMOptions{})
			if err != nil {
				return nil, nil, err
			}
			for i, r := range results {
				report[i].Iterations, report[i].Converged = r.Iterations, r.Converged
				report[i].Matches, report[i].Rejected = r.Matches, r.Rejected
			}
		}
	}
	p := m.Params()
	p.Threshold = linkage.WeightForProbability(opts.MatchProbability)
	if err := m.SetParams(p); err != nil {
		return nil, nil, err
	}
	return m, report, nil
}

// LoadModel returns a model over DefaultComparisons with the parameters
// saved by linkage.Model.MarshalJSON (for example Result.Model's), so that
// new records are scored exactly as before without training again.
func LoadModel(data []byte) (*linkage.Model[Record], error) {
	return linkage.LoadModel(data, DefaultComparisons()...)
}
