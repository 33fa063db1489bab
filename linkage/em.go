package linkage

import (
	"math"
	"slices"
	"strconv"
)

// EMOptions configure TrainEM. The zero value runs up to 100 iterations to
// a tolerance of 1e-6 and estimates m only.
type EMOptions struct {
	// MaxIterations bounds the EM iterations of each round; 0 means 100,
	// and at most MaxEMIterations are allowed.
	MaxIterations int
	// Tolerance stops a round when no parameter moves by more than it
	// between two iterations; 0 means 1e-6. It must be finite and not
	// negative.
	Tolerance float64
	// EstimateU also re-estimates u from the pairs (by default u keeps the
	// value from random sampling, as in Splink).
	EstimateU bool
	// EstimatePrior sets the model's λ to the average of the rounds'
	// estimates. Each round always estimates its own λ, the share of
	// matches among its pairs, but over blocked pairs that share is far
	// larger than over all pairs, so by default the model keeps its λ (set
	// it with EstimatePriorFromRule). Use EstimatePrior when the rounds'
	// pairs are a random sample of all pairs.
	EstimatePrior bool
}

// MaxEMIterations is the largest EMOptions.MaxIterations accepted.
const MaxEMIterations = 100_000

// TrainingRound is one EM run: the pattern counts of the pairs produced by
// one blocking rule, and the comparisons that rule uses. Those comparisons
// are left out of the round (all blocked pairs agree on them, so they carry
// no information): their levels are ignored and their parameters kept.
type TrainingRound struct {
	Patterns Patterns
	Exclude  []string
	// MaxMatches, when positive, bounds the true matches among the round's
	// pairs, for example the matches expected in the whole input. A round
	// whose estimate λ × pairs exceeds it has converged on some other
	// class of pairs (at city scale: "same sex, similar name, different
	// IDs"), so it is rejected like a round that did not converge.
	MaxMatches float64
}

// EMResult reports one training round.
type EMResult struct {
	// Params are the parameters estimated by the round (excluded
	// comparisons keep their starting values).
	Params     Params
	Excluded   []string
	Iterations int
	// Converged reports whether the round met the tolerance before the
	// iteration limit.
	Converged bool
	// Matches is the round's estimated number of matches, λ × pairs.
	Matches float64
	// Rejected is empty when the round was averaged into the model, else
	// why not: "not converged" or "more matches than MaxMatches". A
	// rejected round is left out, unless every round that could train a
	// comparison was rejected: then they are all used for it, and Rejected
	// still says why they were doubtful.
	Rejected string
}

// Reasons of EMResult.Rejected.
const (
	RejectNotConverged = "not converged"
	RejectTooManyMatch = "more matches than MaxMatches"
)

// TrainEM estimates the model's parameters by expectation–maximisation
// over pattern counts, one run per round, each starting from the model's
// current parameters. For a pattern γ with count n, the E step computes the
// match probability
//
//	g(γ) = Probability(log2(λ/(1−λ)) + Σ_c log2(m_c,γc / u_c,γc))
//
// (null levels and excluded comparisons contribute 0), and the M step sets
//
//	m_c,k = Σ_{γc=k} n·g / Σ_{γc≠null} n·g,   u_c,k likewise with 1−g,
//	λ = Σ n·g / Σ n,
//
// The round's λ is always re-estimated (it is the match rate among the
// round's pairs); the model's λ changes only with opt.EstimatePrior.
// keeping levels marked FixM/FixU at their values and scaling the free
// levels to the remaining mass. When the rounds are done, each m (and u,
// λ when estimated) of the model becomes the average of its estimates over
// the rounds that did not exclude its comparison and were not rejected
// (EMResult.Rejected: not converged, or more matches than the round's
// MaxMatches); a comparison excluded from every round keeps its
// parameters. The computation is sequential and
// deterministic.
//
// Patterns come from outside (a saved file, another process), so each
// round is checked first and reported by number: patterns and counts of
// the same length, counts finite and not negative with a positive total,
// every pattern made of level numbers of this model (see Model.Pattern),
// excluded comparisons named by the model. Options outside their
// documented ranges are reported too; all these errors wrap ErrInvalid,
// except ErrMismatch for an unknown comparison and ErrNoData for no pairs.
func (m *Model[R]) TrainEM(rounds []TrainingRound, opt EMOptions) ([]EMResult, error) {
	const op = "TrainEM"
	if len(m.comps) == 0 {
		return nil, errZeroModel(op)
	}
	if len(rounds) == 0 {
		return nil, newError(op, ErrNoData, "no training rounds")
	}
	if opt.MaxIterations < 0 || opt.MaxIterations > MaxEMIterations {
		return nil, newError(op, ErrInvalid, "maximum iterations "+strconv.Itoa(opt.MaxIterations)+" outside [0, "+strconv.Itoa(MaxEMIterations)+"]")
	}
	if !(opt.Tolerance >= 0) || math.IsInf(opt.Tolerance, 0) {
		return nil, newError(op, ErrInvalid, "tolerance must be a finite number, not negative")
	}
	if opt.MaxIterations == 0 {
		opt.MaxIterations = 100
	}
	if opt.Tolerance == 0 {
		opt.Tolerance = 1e-6
	}
	start := m.Params()
	results := make([]EMResult, len(rounds))
	for r, round := range rounds {
		active := make([]bool, len(m.c))
		for i := range active {
			active[i] = true
		}
		var excludedBits uint64
		for _, name := range round.Exclude {
			i := m.index(name)
			if i < 0 {
				return nil, newError(op, ErrMismatch, "round "+strconv.Itoa(r+1)+" excludes unknown comparison "+strconv.Quote(name))
			}
			active[i] = false
			excludedBits |= m.c[i].mask << m.c[i].shift
		}
		pats := round.Patterns
		if err := m.checkPatterns(op, r, pats); err != nil {
			return nil, err
		}
		if excludedBits != 0 {
			pats = maskPatterns(pats, excludedBits)
		}
		if !(round.MaxMatches >= 0) || math.IsInf(round.MaxMatches, 0) {
			return nil, newError(op, ErrInvalid, "round "+strconv.Itoa(r+1)+": MaxMatches must be a finite number, not negative")
		}
		p := clone(start)
		it, conv := m.runEM(&p, pats, active, opt)
		res := EMResult{Params: p, Excluded: slices.Clone(round.Exclude), Iterations: it, Converged: conv,
			Matches: p.Prior * pats.Total()}
		switch {
		case !conv:
			res.Rejected = RejectNotConverged
		case round.MaxMatches > 0 && res.Matches > round.MaxMatches:
			res.Rejected = RejectTooManyMatch
		}
		results[r] = res
	}
	final := clone(start)
	var priorSum float64
	for i := range final.Comparisons {
		levels := final.Comparisons[i].Levels
		n := 0
		sumM := make([]float64, len(levels))
		sumU := make([]float64, len(levels))
		trains := func(res *EMResult) bool { return !slices.Contains(res.Excluded, final.Comparisons[i].Name) }
		anyGood := slices.ContainsFunc(results, func(res EMResult) bool { return trains(&res) && res.Rejected == "" })
		for _, res := range results {
			if !trains(&res) || (anyGood && res.Rejected != "") {
				continue
			}
			n++
			for k, lp := range res.Params.Comparisons[i].Levels {
				sumM[k] += lp.M
				sumU[k] += lp.U
			}
		}
		if n == 0 {
			continue
		}
		for k := range levels {
			if !levels[k].FixM {
				levels[k].M = sumM[k] / float64(n)
			}
			if opt.EstimateU && !levels[k].FixU {
				levels[k].U = sumU[k] / float64(n)
			}
		}
	}
	if opt.EstimatePrior {
		anyGood := slices.ContainsFunc(results, func(res EMResult) bool { return res.Rejected == "" })
		n := 0
		for _, res := range results {
			if !anyGood || res.Rejected == "" {
				priorSum += res.Params.Prior
				n++
			}
		}
		final.Prior = priorSum / float64(n)
	}
	if err := m.SetParams(final); err != nil {
		return results, err
	}
	return results, nil
}

// checkPatterns reports why round r's patterns cannot train the model.
func (m *Model[R]) checkPatterns(op string, r int, pats Patterns) error {
	round := "round " + strconv.Itoa(r+1)
	if len(pats.Patterns) != len(pats.Counts) {
		return newError(op, ErrInvalid, round+": patterns and counts differ in length")
	}
	var total float64
	for j, n := range pats.Counts {
		if !(n >= 0) || math.IsInf(n, 0) {
			return newError(op, ErrInvalid, round+": count "+strconv.Itoa(j+1)+" is not a finite number at least 0")
		}
		total += n
	}
	if math.IsInf(total, 0) {
		return newError(op, ErrInvalid, round+": counts add up to more than the largest float64")
	}
	if total <= 0 {
		return newError(op, ErrNoData, round+" has no pairs")
	}
	for j, pat := range pats.Patterns {
		if m.bits < 64 && pat>>m.bits != 0 {
			return newError(op, ErrInvalid, round+": pattern "+strconv.Itoa(j+1)+" has bits beyond the model's "+strconv.Itoa(int(m.bits)))
		}
		for i := range m.c {
			if k, n := m.PatternLevel(pat, i), len(m.comps[i].Levels); k > n {
				return newError(op, ErrInvalid, round+": pattern "+strconv.Itoa(j+1)+": level "+strconv.Itoa(k)+" of comparison "+strconv.Quote(m.comps[i].Name)+" is out of range [0, "+strconv.Itoa(n)+"]")
			}
		}
	}
	return nil
}

func clone(p Params) Params {
	q := p
	q.Comparisons = make([]ComparisonParams, len(p.Comparisons))
	for i, c := range p.Comparisons {
		c.Levels = slices.Clone(c.Levels)
		q.Comparisons[i] = c
	}
	return q
}

// index returns the position of the named comparison, or −1.
func (m *Model[R]) index(name string) int {
	for i := range m.comps {
		if m.comps[i].Name == name {
			return i
		}
	}
	return -1
}

// runEM iterates EM on p in place and returns the number of iterations and
// whether it converged.
func (m *Model[R]) runEM(p *Params, pats Patterns, active []bool, opt EMOptions) (int, bool) {
	nc := len(m.c)
	// Decode each pattern's levels once.
	levels := make([]uint8, len(pats.Patterns)*nc)
	for j, pat := range pats.Patterns {
		for i := range nc {
			levels[j*nc+i] = uint8(m.PatternLevel(pat, i))
		}
	}
	wts := make([][]float64, nc)
	sumG := make([][]float64, nc)
	sumU := make([][]float64, nc)
	for i := range nc {
		n := len(p.Comparisons[i].Levels) + 1
		wts[i] = make([]float64, n)
		sumG[i] = make([]float64, n)
		sumU[i] = make([]float64, n)
	}
	total := pats.Total()
	for it := 1; it <= opt.MaxIterations; it++ {
		prior := PriorWeight(p.Prior)
		for i := range nc {
			for k, lp := range p.Comparisons[i].Levels {
				wts[i][k+1] = LevelWeight(lp.M, lp.U)
			}
			clear(sumG[i])
			clear(sumU[i])
		}
		var sumMatch float64
		for j, n := range pats.Counts {
			lv := levels[j*nc : (j+1)*nc]
			w := prior
			for i, k := range lv {
				if active[i] {
					w += wts[i][k]
				}
			}
			g := Probability(w)
			ng, nu := n*g, n*(1-g)
			sumMatch += ng
			for i, k := range lv {
				sumG[i][k] += ng
				sumU[i][k] += nu
			}
		}
		change := 0.0
		for i := range nc {
			if !active[i] {
				continue
			}
			ls := p.Comparisons[i].Levels
			change = max(change, mStep(ls, sumG[i][1:], true))
			if opt.EstimateU {
				change = max(change, mStep(ls, sumU[i][1:], false))
			}
		}
		{
			np := min(max(sumMatch/total, ProbabilityFloor), 1-ProbabilityFloor)
			change = max(change, math.Abs(np-p.Prior))
			p.Prior = np
		}
		if change < opt.Tolerance {
			return it, true
		}
	}
	return opt.MaxIterations, false
}

// mStep sets the free m (or u) of the levels proportional to sums, scaled
// to the mass the fixed levels leave, and returns the largest change.
func mStep(levels []LevelParams, sums []float64, isM bool) float64 {
	fixed, free := 0.0, 0.0
	for k, lp := range levels {
		if (isM && lp.FixM) || (!isM && lp.FixU) {
			if isM {
				fixed += lp.M
			} else {
				fixed += lp.U
			}
			continue
		}
		free += sums[k]
	}
	if free <= 0 {
		return 0
	}
	mass := max(1-fixed, 0)
	change := 0.0
	for k := range levels {
		lp := &levels[k]
		if isM && !lp.FixM {
			v := mass * sums[k] / free
			change = max(change, math.Abs(v-lp.M))
			lp.M = v
		} else if !isM && !lp.FixU {
			v := mass * sums[k] / free
			change = max(change, math.Abs(v-lp.U))
			lp.U = v
		}
	}
	return change
}
