package linkage

import (
	"iter"
	"math/rand/v2"
	"strconv"
)

// SampleOptions configure EstimateU.
type SampleOptions struct {
	// Pairs is the number of random pairs drawn; 0 means 1,000,000, at
	// most MaxSamplePairs are allowed. When the inputs hold no more pairs
	// than this, every pair is used once and the estimate is exact.
	Pairs int
	// Seed seeds the PCG generator: the same seed and inputs give the same
	// estimate.
	Seed uint64
}

// MaxSamplePairs is the largest SampleOptions.Pairs accepted.
const MaxSamplePairs = 1 << 30

// EstimateU estimates u for every level by comparing random record pairs,
// which are almost all non-matches: u_c,k is the share of level k among
// the sampled pairs where comparison c is not null. right == nil samples
// pairs of distinct records within left (deduplication), else one record
// from each side (linkage). Pairs are drawn with replacement by a PCG
// generator seeded with opt.Seed. Levels marked FixU keep their u; the free
// levels share the remaining mass. A comparison that is null on every
// sampled pair keeps its u.
func (m *Model[R]) EstimateU(left, right []R, opt SampleOptions) error {
	const op = "EstimateU"
	if len(m.comps) == 0 {
		return errZeroModel(op)
	}
	if opt.Pairs < 0 || opt.Pairs > MaxSamplePairs {
		return newError(op, ErrInvalid, "sample size "+strconv.Itoa(opt.Pairs)+" outside [0, "+strconv.Itoa(MaxSamplePairs)+"]")
	}
	dedupe := right == nil
	if dedupe {
		right = left
	}
	nl, nr := len(left), len(right)
	var total uint64
	if dedupe {
		total = uint64(nl) * uint64(max(nl-1, 0)) / 2
	} else {
		total = uint64(nl) * uint64(nr)
	}
	if total == 0 {
		return newError(op, ErrNoData, "fewer than two records to pair")
	}
	want := opt.Pairs
	if want == 0 {
		want = 1_000_000
	}
	counts := m.newLevelCounts()
	if total <= uint64(want) {
		for a := range nl {
			b0 := 0
			if dedupe {
				b0 = a + 1
			}
			for b := b0; b < nr; b++ {
				m.countLevels(counts, &left[a], &right[b])
			}
		}
	} else {
		rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
		for range want {
			a := rng.IntN(nl)
			var b int
			if dedupe {
				b = rng.IntN(nl - 1)
				if b >= a {
					b++
				}
			} else {
				b = rng.IntN(nr)
			}
			m.countLevels(counts, &left[a], &right[b])
		}
	}
	p := m.Params()
	for i := range p.Comparisons {
		mStep(p.Comparisons[i].Levels, counts[i][1:], false)
	}
	return m.SetParams(p)
}

func (m *Model[R]) newLevelCounts() [][]float64 {
	counts := make([][]float64, len(m.c))
	for i := range counts {
		counts[i] = make([]float64, len(m.comps[i].Levels)+1)
	}
	return counts
}

func (m *Model[R]) countLevels(counts [][]float64, a, b *R) {
	for i := range m.c {
		counts[i][m.c[i].level(a, b)]++
	}
}

// EstimateMFromLabels sets m for every level from pairs known to be
// matches (clerical review, a shared trusted ID): m_c,k is the share of
// level k among the labelled pairs where comparison c is not null. Levels
// marked FixM keep their m. right == nil means the pairs index left twice.
func (m *Model[R]) EstimateMFromLabels(left, right []R, matches iter.Seq[Pair]) error {
	const op = "EstimateMFromLabels"
	if len(m.comps) == 0 {
		return errZeroModel(op)
	}
	if right == nil {
		right = left
	}
	counts := m.newLevelCounts()
	n := 0
	for p := range matches {
		if p.A < 0 || int(p.A) >= len(left) || p.B < 0 || int(p.B) >= len(right) {
			return newError(op, ErrInvalid, "labelled pair "+strconv.Itoa(n+1)+" has an index out of range")
		}
		m.countLevels(counts, &left[p.A], &right[p.B])
		n++
	}
	if n == 0 {
		return newError(op, ErrNoData, "no labelled pairs")
	}
	p := m.Params()
	for i := range p.Comparisons {
		mStep(p.Comparisons[i].Levels, counts[i][1:], true)
	}
	return m.SetParams(p)
}

// EstimatePriorFromRule estimates λ with a deterministic rule: among the
// candidate pairs, those for which rule holds (for example, agreeing on
// the top level of a national-ID comparison) are taken as matches found
// with the stated recall, so
//
//	λ = (count(rule) / recall) / number of possible pairs
//
// where the number of possible pairs is n(n−1)/2 when deduplicating
// (right == nil) and |left|·|right| when linking. It sets the model's prior
// and returns it.
func (m *Model[R]) EstimatePriorFromRule(left, right []R, pairs iter.Seq[Pair], rule func(a, b *R) bool, recall float64) (float64, error) {
	const op = "EstimatePriorFromRule"
	if len(m.comps) == 0 {
		return 0, errZeroModel(op)
	}
	if !(recall > 0 && recall <= 1) {
		return 0, newError(op, ErrInvalid, "recall must lie in (0, 1]")
	}
	if rule == nil {
		return 0, newError(op, ErrInvalid, "nil rule")
	}
	var total float64
	if right == nil {
		right = left
		total = float64(len(left)) * float64(len(left)-1) / 2
	} else {
		total = float64(len(left)) * float64(len(right))
	}
	if total <= 0 {
		return 0, newError(op, ErrNoData, "fewer than two records to pair")
	}
	hits := 0
	for p := range pairs {
		if p.A < 0 || int(p.A) >= len(left) || p.B < 0 || int(p.B) >= len(right) {
			return 0, newError(op, ErrInvalid, "candidate pair has an index out of range")
		}
		if rule(&left[p.A], &right[p.B]) {
			hits++
		}
	}
	if hits == 0 {
		return 0, newError(op, ErrNoData, "no candidate pair satisfies the rule")
	}
	prior := min(float64(hits)/recall/total, 1-ProbabilityFloor)
	p := m.Params()
	p.Prior = prior
	if err := m.SetParams(p); err != nil {
		return 0, err
	}
	return prior, nil
}
