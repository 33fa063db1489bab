package linkage

import (
	"encoding/json"
	"maps"
	"math"
	"math/bits"
	"slices"
	"strconv"
)

// ProbabilityFloor is the smallest value m, u and the prior take in weight
// computations: log2(m/u) uses max(m, ProbabilityFloor) and
// max(u, ProbabilityFloor), so a level never seen in training gets a large
// but finite weight.
const ProbabilityFloor = 1e-10

// FormatVersion is the version of the JSON model format written by
// Model.MarshalJSON.
const FormatVersion = 1

// Params are the parameters of a Fellegi–Sunter model, the part of a Model
// that is estimated and saved as JSON. The functions of the comparisons
// stay in Go and are re-attached by name when a model is loaded.
type Params struct {
	Version int `json:"version"`
	// Prior is λ, the probability that a random candidate pair is a match.
	Prior float64 `json:"prior"`
	// Threshold is the match weight at or above which a pair is called a
	// match by default (tools such as the CLI read it; scoring functions
	// take their threshold in ScoreOptions).
	Threshold float64 `json:"threshold"`
	// Comparisons hold the parameters of each comparison, in model order.
	Comparisons []ComparisonParams `json:"comparisons"`
	// TermFrequencies are optional frequency tables, by comparison name,
	// saved with the model so that new records can be prepared with the
	// same frequencies.
	TermFrequencies map[string]*TFTable `json:"term_frequencies,omitempty"`
}

// ComparisonParams are the parameters of one comparison.
type ComparisonParams struct {
	Name string `json:"name"`
	// Levels hold one entry per non-null level, in order.
	Levels []LevelParams `json:"levels"`
	// TFWeight scales the term-frequency adjustment (1: full Splink
	// adjustment, 0: none). Used by levels with TermFrequency set.
	TFWeight float64 `json:"tf_weight,omitempty"`
	// TFMinimum is the smallest term frequency used, so that a value seen
	// once does not get an unbounded weight; 0 means ProbabilityFloor.
	TFMinimum float64 `json:"tf_minimum,omitempty"`
}

// LevelParams are the parameters of one level.
type LevelParams struct {
	Label string `json:"label"`
	// M is P(level | match), U is P(level | non-match), both over pairs
	// where the comparison is not null.
	M float64 `json:"m"`
	U float64 `json:"u"`
	// FixM and FixU keep M or U at their set values during estimation.
	FixM bool `json:"fix_m,omitempty"`
	FixU bool `json:"fix_u,omitempty"`
	// TermFrequency makes the level's weight depend on the frequency of the
	// compared value (see the package documentation).
	TermFrequency bool `json:"term_frequency,omitempty"`
}

// compiled is the scoring form of one comparison.
type compiled[R any] struct {
	cmp *Comparison[R]
	// level is cmp.Classify when set, else the predicate walk cmp.Level:
	// one indirect call per comparison and pair.
	level   func(a, b *R) int
	weights []float64 // by level number; weights[0] = 0 (null)
	tf      []bool    // by level number
	shift   uint
	mask    uint64
	// tfWeight and tfMin copy the comparison's TF parameters.
	tfWeight, tfMin float64
	us              []float64 // by level number, clamped
}

// Model is a Fellegi–Sunter model: comparisons defined in Go and their
// parameters. Scoring methods are safe for concurrent use; methods that
// change parameters (SetParams and the estimators) are not, and must not
// run while scoring.
//
// Build a Model with NewModel or LoadModel. The zero Model has no
// comparisons: it scores every pair 0, its patterns are 0, and SetParams,
// UnmarshalJSON and the estimators return an *Error wrapping ErrInvalid.
type Model[R any] struct {
	comps       []Comparison[R]
	params      Params
	c           []compiled[R]
	priorWeight float64
	bits        uint
}

// NewModel returns a model over the given comparisons with default
// parameters: prior 1e-4, threshold 0, and for n levels m decreasing
// geometrically from the first level (m_k ∝ 2^(n−k)) and u increasing
// (u_k ∝ 2^k), which only serve as a starting point for estimation.
func NewModel[R any](comparisons ...Comparison[R]) (*Model[R], error) {
	const op = "NewModel"
	if len(comparisons) == 0 {
		return nil, newError(op, ErrInvalid, "no comparisons")
	}
	seen := map[string]bool{}
	total := uint(0)
	for i := range comparisons {
		if err := comparisons[i].Validate(); err != nil {
			return nil, err
		}
		if seen[comparisons[i].Name] {
			return nil, newError(op, ErrInvalid, "duplicate comparison name "+strconv.Quote(comparisons[i].Name))
		}
		seen[comparisons[i].Name] = true
		total += levelBits(len(comparisons[i].Levels))
	}
	if total > 64 {
		return nil, newError(op, ErrInvalid, "comparison vectors need "+strconv.Itoa(int(total))+" bits, more than 64")
	}
	m := &Model[R]{comps: append([]Comparison[R](nil), comparisons...)}
	p := Params{Version: FormatVersion, Prior: 1e-4}
	for i := range m.comps {
		c := &m.comps[i]
		n := len(c.Levels)
		cp := ComparisonParams{Name: c.Name, TFWeight: 1}
		var sm, su float64
		for k := range n {
			sm += math.Ldexp(1, n-k)
			su += math.Ldexp(1, k+1)
		}
		for k := range n {
			cp.Levels = append(cp.Levels, LevelParams{
				Label: c.Levels[k].Label,
				M:     math.Ldexp(1, n-k) / sm,
				U:     math.Ldexp(1, k+1) / su,
			})
		}
		p.Comparisons = append(p.Comparisons, cp)
	}
	if err := m.SetParams(p); err != nil {
		return nil, err
	}
	return m, nil
}

// levelBits is the number of bits that hold a level number 0..n.
func levelBits(n int) uint { return uint(bits.Len(uint(n))) }

// Comparisons returns the model's comparisons (shared, do not modify).
func (m *Model[R]) Comparisons() []Comparison[R] { return m.comps }

// Params returns a deep copy of the model's parameters (the TFTable values
// themselves are shared, not copied).
func (m *Model[R]) Params() Params {
	p := m.params
	p.Comparisons = make([]ComparisonParams, len(m.params.Comparisons))
	for i, c := range m.params.Comparisons {
		c.Levels = append([]LevelParams(nil), c.Levels...)
		p.Comparisons[i] = c
	}
	if m.params.TermFrequencies != nil {
		p.TermFrequencies = make(map[string]*TFTable, len(m.params.TermFrequencies))
		for k, v := range m.params.TermFrequencies {
			p.TermFrequencies[k] = v
		}
	}
	return p
}

// SetParams replaces the model's parameters after checking that they fit
// its comparisons (same names in the same order, same level labels), that
// the prior lies strictly between 0 and 1, every m, u, TFWeight and
// TFMinimum in [0, 1] (NaN is rejected), the threshold is finite, and
// every term-frequency table is present, counts no more values than its
// Total (so frequencies stay in [0, 1]) and is filed under the name of a
// comparison of the model. On error the model is unchanged.
func (m *Model[R]) SetParams(p Params) error {
	const op = "SetParams"
	if len(m.comps) == 0 {
		return errZeroModel(op)
	}
	if len(p.Comparisons) != len(m.comps) {
		return newError(op, ErrMismatch, "parameters hold "+strconv.Itoa(len(p.Comparisons))+" comparisons, model has "+strconv.Itoa(len(m.comps)))
	}
	if !(p.Prior > 0 && p.Prior < 1) {
		return newError(op, ErrInvalid, "prior must lie strictly between 0 and 1")
	}
	if math.IsNaN(p.Threshold) || math.IsInf(p.Threshold, 0) {
		return newError(op, ErrInvalid, "threshold must be a finite number")
	}
	for _, name := range slices.Sorted(maps.Keys(p.TermFrequencies)) {
		if m.index(name) < 0 {
			return newError(op, ErrMismatch, "term-frequency table "+strconv.Quote(name)+" names no comparison of the model")
		}
		if err := p.TermFrequencies[name].check(); err != "" {
			return newError(op, ErrInvalid, "term-frequency table "+strconv.Quote(name)+": "+err)
		}
	}
	for i, cp := range p.Comparisons {
		c := &m.comps[i]
		if cp.Name != c.Name {
			return newError(op, ErrMismatch, "comparison "+strconv.Itoa(i+1)+" is "+strconv.Quote(cp.Name)+" in the parameters, "+strconv.Quote(c.Name)+" in the model")
		}
		if len(cp.Levels) != len(c.Levels) {
			return newError(op, ErrMismatch, "comparison "+strconv.Quote(c.Name)+" has "+strconv.Itoa(len(cp.Levels))+" levels in the parameters, "+strconv.Itoa(len(c.Levels))+" in the model")
		}
		if !(cp.TFWeight >= 0 && cp.TFWeight <= 1) || !(cp.TFMinimum >= 0 && cp.TFMinimum <= 1) {
			return newError(op, ErrInvalid, "comparison "+strconv.Quote(c.Name)+": term-frequency weight and minimum must lie in [0, 1]")
		}
		for k, lp := range cp.Levels {
			if lp.Label != c.Levels[k].Label {
				return newError(op, ErrMismatch, "comparison "+strconv.Quote(c.Name)+": level "+strconv.Itoa(k+1)+" is "+strconv.Quote(lp.Label)+" in the parameters, "+strconv.Quote(c.Levels[k].Label)+" in the model")
			}
			if !(lp.M >= 0 && lp.M <= 1) || !(lp.U >= 0 && lp.U <= 1) {
				return newError(op, ErrInvalid, "comparison "+strconv.Quote(c.Name)+": level "+strconv.Quote(lp.Label)+": m and u must lie in [0, 1]")
			}
			if lp.TermFrequency && c.TermFrequency == nil {
				return newError(op, ErrInvalid, "comparison "+strconv.Quote(c.Name)+": level "+strconv.Quote(lp.Label)+" is term-frequency adjusted but the comparison has no TermFrequency function")
			}
		}
	}
	p.Version = FormatVersion
	m.params = p
	m.params = m.Params() // own a deep copy
	m.compile()
	return nil
}

func errZeroModel(op string) error {
	return newError(op, ErrInvalid, "model has no comparisons (make it with NewModel or LoadModel)")
}

func clampProb(p float64) float64 { return max(p, ProbabilityFloor) }

// LevelWeight returns log2(max(m, floor) / max(u, floor)), the weight of a
// level without term-frequency adjustment.
func LevelWeight(m, u float64) float64 { return math.Log2(clampProb(m) / clampProb(u)) }

// PriorWeight returns log2(λ / (1 − λ)), the weight of the prior.
func PriorWeight(prior float64) float64 {
	return math.Log2(clampProb(prior) / clampProb(1-prior))
}

func (m *Model[R]) compile() {
	m.priorWeight = PriorWeight(m.params.Prior)
	m.c = make([]compiled[R], len(m.comps))
	shift := uint(0)
	for i := range m.comps {
		cp := &m.params.Comparisons[i]
		n := len(cp.Levels)
		b := levelBits(n)
		c := compiled[R]{
			cmp:      &m.comps[i],
			level:    m.comps[i].Classify,
			weights:  make([]float64, n+1),
			tf:       make([]bool, n+1),
			us:       make([]float64, n+1),
			shift:    shift,
			mask:     1<<b - 1,
			tfWeight: cp.TFWeight,
			tfMin:    cp.TFMinimum,
		}
		if c.level == nil {
			c.level = m.comps[i].Level
		}
		if c.tfMin == 0 {
			c.tfMin = ProbabilityFloor
		}
		for k, lp := range cp.Levels {
			c.weights[k+1] = LevelWeight(lp.M, lp.U)
			c.tf[k+1] = lp.TermFrequency
			c.us[k+1] = clampProb(lp.U)
		}
		m.c[i] = c
		shift += b
	}
	m.bits = shift
}

// PatternBits returns the number of bits of the model's comparison
// vectors (patterns).
func (m *Model[R]) PatternBits() int { return int(m.bits) }

// Probability converts a match weight w (in bits, log2 of the odds) into a
// match probability p = 1/(1 + 2^−w), computed without overflow for any w:
// for w < 0 it uses p = 2^w/(1 + 2^w). Probability(+Inf) = 1,
// Probability(−Inf) = 0, NaN gives NaN.
func Probability(w float64) float64 {
	if w >= 0 {
		return 1 / (1 + math.Exp2(-w))
	}
	e := math.Exp2(w)
	return e / (1 + e)
}

// WeightForProbability is the inverse of Probability: log2(p / (1 − p)).
// It is −Inf for 0 and +Inf for 1.
func WeightForProbability(p float64) float64 { return math.Log2(p) - math.Log2(1-p) }

// MarshalJSON writes the model's parameters (see Params).
func (m *Model[R]) MarshalJSON() ([]byte, error) { return json.Marshal(m.params) }

// UnmarshalJSON reads parameters written by MarshalJSON into a model that
// already holds its comparisons (made by NewModel); see SetParams for the
// checks. Scores after a round trip are bit-identical.
//
// Top-level fields other than those of Params are ignored, so a saved
// model may carry notes for its readers, such as the optional
// "provenance" object of vnperson's pretrained files (how they were
// made). They are not kept: MarshalJSON writes the parameters only.
func (m *Model[R]) UnmarshalJSON(data []byte) error {
	var p Params
	if err := json.Unmarshal(data, &p); err != nil {
		// The JSON may hold term-frequency tables, whose keys are record
		// values: report the position only, never the error text.
		reason := "malformed model JSON"
		if se, ok := err.(*json.SyntaxError); ok {
			reason += " at byte " + strconv.FormatInt(se.Offset, 10)
		}
		return newError("UnmarshalJSON", ErrInvalid, reason)
	}
	if p.Version != FormatVersion {
		return newError("UnmarshalJSON", ErrMismatch, "unsupported model format version "+strconv.Itoa(p.Version))
	}
	return m.SetParams(p)
}

// LoadModel returns a model over the given comparisons with the parameters
// saved in data by Model.MarshalJSON.
func LoadModel[R any](data []byte, comparisons ...Comparison[R]) (*Model[R], error) {
	m, err := NewModel(comparisons...)
	if err != nil {
		return nil, err
	}
	if err := m.UnmarshalJSON(data); err != nil {
		return nil, err
	}
	return m, nil
}
