package linkage

import "strconv"

// Level is one outcome of a Comparison: a label for explanations and
// serialised models, and the predicate that selects it.
type Level[R any] struct {
	// Label names the level in explanations and in the saved model, e.g.
	// "exact" or "jaro_winkler>=0.92". Labels are unique within a comparison.
	Label string
	// Match reports whether the pair falls in this level. A nil Match is an
	// else level: it always holds. Match must be symmetric, deterministic
	// and pure (see linkagetest.CheckComparison).
	Match func(a, b *R) bool
}

// NullLabel is the label of the implicit null level of every comparison.
const NullLabel = "null"

// Comparison compares one aspect of two prepared records (a name, a birth
// date, an ID) and maps the pair to one of its ordered levels. Level
// numbers are 0 for the null level (a value missing on either side, weight
// 0) and k for Levels[k-1].
//
// The level predicates (Null and each Level's Match) define the levels:
// the pair is null when Null holds, else it gets the first level whose
// Match holds; only the last level may be an else level (nil Match).
// Classify is an optional fast path that must return the same level
// number for every pair: the templates, and Classified, set it and derive
// the predicates from it, so the two cannot disagree;
// linkagetest.CheckComparison checks hand-written ones.
//
// A Comparison holds only functions and labels; its m and u probabilities
// live in the Model. The functions must be safe for concurrent use: they
// are called from several goroutines at once during scoring.
type Comparison[R any] struct {
	// Name identifies the comparison in models and explanations; unique
	// within a model.
	Name string
	// Null reports whether the value compared is missing on either side;
	// such pairs get level 0 with weight 0. A nil Null means never missing.
	Null func(a, b *R) bool
	// Levels are tried in order after Null; the last one must be an else
	// level (nil Match), and only the last.
	Levels []Level[R]
	// Classify, when set, is used instead of walking Null and the Match
	// predicates: it returns the level number directly (0 for null, k for
	// Levels[k-1]), for example by computing a similarity once and
	// comparing it with every threshold. It must return what the
	// predicates would, a number in [0, len(Levels)]; scoring panics on a
	// number out of range.
	Classify func(a, b *R) int
	// TermFrequency, when set, returns the relative frequency in (0, 1] of
	// the record's value for this comparison, precomputed when the record
	// was prepared (for example with TFTable.Frequency); 0 means unknown.
	// It is needed only when the model marks a level of this comparison as
	// term-frequency adjusted.
	TermFrequency func(r *R) float64
	// ExactKey, when set, returns the record's value for an exact-agreement
	// level (ExactLevel), and false when the value is missing: the pair is
	// at level ExactLevel exactly when both keys are present and equal
	// (linkagetest.CheckComparison checks this). Model.EstimateU then takes
	// that level's u from the frequencies of the keys, in one pass over the
	// records, instead of from random pairs: a rare value's agreement (an
	// ID, a phone number) is then estimated even when no sampled pair shows
	// it. JaroWinklerLevels, LevenshteinLevels, OSALevels, and Exact over
	// strings set it.
	ExactKey func(r *R) (key string, ok bool)
	// ExactLevel is the level number ExactKey defines, in [1,
	// len(Levels)]; 0 means 1, the first level, where the templates put
	// "exact". It is ignored without ExactKey.
	ExactLevel int

	// err records a bad argument given to the template that built the
	// comparison; Validate reports it.
	err error
}

// Classified returns a comparison whose level is computed by classify (0
// for null, k for the k-th label), with Classify set to it and the level
// predicates derived from it: Null holds when classify returns 0, the
// Match of level k when it returns k, and the last label is the else
// level. The templates are built this way; use it for a comparison that is
// easier to write as one function than as ordered predicates. Validate
// reports a nil classify.
func Classified[R any](name string, classify func(a, b *R) int, labels ...string) Comparison[R] {
	c := Comparison[R]{Name: name, Classify: classify, Levels: make([]Level[R], len(labels))}
	if classify == nil {
		c.err = newError("Classified", ErrInvalid, "comparison "+strconv.Quote(name)+": nil classify function")
		for k, l := range labels {
			c.Levels[k].Label = l
		}
		return c
	}
	c.Null = func(a, b *R) bool { return classify(a, b) == 0 }
	for k, l := range labels {
		c.Levels[k].Label = l
		if k < len(labels)-1 {
			c.Levels[k].Match = func(a, b *R) bool { return classify(a, b) == k+1 }
		}
	}
	return c
}

// Level returns the level number of the pair (a, b): 0 for the null level,
// k for Levels[k-1]. It calls Classify when set, else walks the
// predicates; a pair that no level accepts (a malformed comparison without
// an else level) gets the last level.
func (c *Comparison[R]) Level(a, b *R) int {
	if c.Classify != nil {
		return c.Classify(a, b)
	}
	if c.Null != nil && c.Null(a, b) {
		return 0
	}
	for k := range c.Levels {
		if m := c.Levels[k].Match; m == nil || m(a, b) {
			return k + 1
		}
	}
	return len(c.Levels)
}

// exactLevel returns the level number ExactKey defines.
func (c *Comparison[R]) exactLevel() int {
	if c.ExactLevel == 0 {
		return 1
	}
	return c.ExactLevel
}

// Label returns the label of level number k: NullLabel for 0, else
// Levels[k-1].Label.
func (c *Comparison[R]) Label(k int) string {
	if k <= 0 || k > len(c.Levels) {
		return NullLabel
	}
	return c.Levels[k-1].Label
}

// Validate reports the first problem with the comparison's definition: a
// bad template argument (a threshold out of range or out of order, so that
// some level could never be returned; a nil accessor), an empty name, no
// levels or more than 31, an empty or duplicate label, a missing else
// level, an else level (nil Match) before the last level, or an
// ExactLevel outside [0, len(Levels)].
func (c *Comparison[R]) Validate() error {
	const op = "Comparison.Validate"
	if c.err != nil {
		return c.err
	}
	if c.Name == "" {
		return newError(op, ErrInvalid, "empty comparison name")
	}
	if len(c.Levels) == 0 {
		return newError(op, ErrInvalid, "comparison "+strconv.Quote(c.Name)+" has no levels")
	}
	if len(c.Levels) > maxLevels {
		return newError(op, ErrInvalid, "comparison "+strconv.Quote(c.Name)+" has more than "+strconv.Itoa(maxLevels)+" levels")
	}
	seen := make(map[string]bool, len(c.Levels))
	for k, l := range c.Levels {
		if l.Label == "" || l.Label == NullLabel {
			return newError(op, ErrInvalid, "comparison "+strconv.Quote(c.Name)+": level "+strconv.Itoa(k+1)+" has an empty or reserved label")
		}
		if seen[l.Label] {
			return newError(op, ErrInvalid, "comparison "+strconv.Quote(c.Name)+": duplicate level label "+strconv.Quote(l.Label))
		}
		seen[l.Label] = true
	}
	last := len(c.Levels) - 1
	for k, l := range c.Levels[:last] {
		if l.Match == nil {
			return newError(op, ErrInvalid, "comparison "+strconv.Quote(c.Name)+": level "+strconv.Itoa(k+1)+" has no predicate (only the last level may be an else level)")
		}
	}
	if c.Levels[last].Match != nil {
		return newError(op, ErrInvalid, "comparison "+strconv.Quote(c.Name)+": last level is not an else level")
	}
	if c.ExactLevel < 0 || c.ExactLevel > len(c.Levels) {
		return newError(op, ErrInvalid, "comparison "+strconv.Quote(c.Name)+": exact level "+strconv.Itoa(c.ExactLevel)+" outside [0, "+strconv.Itoa(len(c.Levels))+"]")
	}
	return nil
}

// maxLevels bounds the levels of one comparison (null excluded), so a
// level number fits in 5 bits of a pattern.
const maxLevels = 31
