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
// date, an ID) and maps the pair to one of its ordered levels: the first
// level whose Match holds wins. Level numbers are 0 for the null level (a
// value missing on either side, weight 0) and k for Levels[k-1].
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
	// level (nil Match) unless Classify is set.
	Levels []Level[R]
	// Classify, when set, replaces Null and the Match predicates: it
	// returns the level number directly (0 for null, k for Levels[k-1]).
	// Templates use it to compute a similarity once and compare it with
	// every threshold. It must return what the predicates would.
	Classify func(a, b *R) int
	// TermFrequency, when set, returns the relative frequency in (0, 1] of
	// the record's value for this comparison, precomputed when the record
	// was prepared (for example with TFTable.Frequency); 0 means unknown.
	// It is needed only when the model marks a level of this comparison as
	// term-frequency adjusted.
	TermFrequency func(r *R) float64
}

// Level returns the level number of the pair (a, b): 0 for the null level,
// k for Levels[k-1]. A pair that no level accepts (a malformed comparison
// without an else level) gets the last level.
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

// Label returns the label of level number k: NullLabel for 0, else
// Levels[k-1].Label.
func (c *Comparison[R]) Label(k int) string {
	if k <= 0 || k > len(c.Levels) {
		return NullLabel
	}
	return c.Levels[k-1].Label
}

// Validate reports the first problem with the comparison's definition: an
// empty name, no levels, an empty or duplicate label, or a missing else
// level.
func (c *Comparison[R]) Validate() error {
	const op = "Comparison.Validate"
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
	if c.Classify == nil && c.Levels[len(c.Levels)-1].Match != nil {
		return newError(op, ErrInvalid, "comparison "+strconv.Quote(c.Name)+": last level is not an else level")
	}
	return nil
}

// maxLevels bounds the levels of one comparison (null excluded), so a
// level number fits in 5 bits of a pattern.
const maxLevels = 31
