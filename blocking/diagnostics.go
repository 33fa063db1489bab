package blocking

import (
	"cmp"
	"runtime"
	"slices"
)

// OversizeAction says what was done with an oversized block.
type OversizeAction uint8

const (
	// ActionSkipped means the block produced no pairs.
	ActionSkipped OversizeAction = iota + 1
	// ActionSplit means the block was split by the rule's secondary key;
	// its sub-blocks produce the pairs (those still above the cap are
	// reported again, as skipped sub-blocks).
	ActionSplit
)

// String returns "skipped" or "split".
func (a OversizeAction) String() string {
	switch a {
	case ActionSkipped:
		return "skipped"
	case ActionSplit:
		return "split"
	}
	return "OversizeAction(" + itoa(int(a)) + ")"
}

// OversizeBlock reports a block above [Options.MaxBlockSize]. It holds the
// block's key, never the values it was made from.
type OversizeBlock struct {
	Rule     int            // index of the rule
	RuleName string         // name of the rule
	Key      Key            // the block key (for a window, the key of its first sort value)
	Size     int            // records in the block (both sources in link mode)
	Pairs    int64          // pairs the block would have produced
	Action   OversizeAction // what was done
	SubBlock bool           // the block is a sub-block of a split block
}

// Oversized returns the oversized blocks, by rule and then in key order.
// Nothing is dropped without being listed here.
func (c *Candidates) Oversized() []OversizeBlock {
	return slices.Clone(c.over)
}

// RuleCount is what a rule yields, computed from block sizes alone without
// enumerating pairs (like Splink's count_comparisons_from_blocking_rules).
type RuleCount struct {
	Name string
	// Blocks is the number of blocks (for sorted neighbourhood: windows)
	// that produce at least one pair.
	Blocks int
	// Comparisons is the sum over blocks of the block's pairs, n(n-1)/2 in
	// dedupe mode and left×right in link mode, for the rule on its own
	// (pairs of earlier rules included). It is exact when each record has
	// at most one key in the rule, and an upper bound otherwise (a pair
	// sharing two keys is counted twice).
	Comparisons int64
	// CumulativeBound is the sum of Comparisons over this rule and the
	// earlier ones: an upper bound on the pairs of the rules so far. The
	// exact figure is DiagnosticsRule.Cumulative.
	CumulativeBound int64
}

// Counts returns, for each rule, its pair count from block sizes. It costs
// one pass over the blocks, not over the pairs.
func (c *Candidates) Counts() []RuleCount {
	out := make([]RuleCount, len(c.rules))
	var cum int64
	for i := range c.rules {
		r := &c.rules[i]
		cum += r.comparisons
		out[i] = RuleCount{Name: r.name, Blocks: r.pairBlocks, Comparisons: r.comparisons, CumulativeBound: cum}
	}
	return out
}

// BlockInfo describes one block for reports: its key, never its values.
type BlockInfo struct {
	Key   Key   // block key (for a window, the key of its first sort value)
	Size  int   // records (both sources in link mode)
	Pairs int64 // pairs the block produces on its own
}

// DiagnoseOptions configures [Candidates.Diagnose].
type DiagnoseOptions struct {
	// Largest is how many of the largest blocks to list per rule; 0 means 10.
	Largest int
	// Workers is the number of goroutines counting pairs; 0 means GOMAXPROCS.
	Workers int
	// Labels are truth labels, one cluster id per record (of the one
	// source in dedupe mode, of the left source in link mode): two records
	// are a true pair when their labels are equal. Nil: no completeness.
	Labels []int64
	// RightLabels are the labels of the right source in link mode.
	RightLabels []int64
}

// RuleDiagnostics are the figures of one rule.
type RuleDiagnostics struct {
	Name        string
	Blocks      int   // blocks (windows) with at least one pair
	Comparisons int64 // pairs of the rule on its own, from block sizes (see RuleCount)
	NewPairs    int64 // pairs first produced by this rule: what it adds
	Cumulative  int64 // pairs of this rule and the earlier ones, exact
	Largest     []BlockInfo
	// With labels:
	TruePairs              int64   // true pairs the rule produces on its own
	NewTruePairs           int64   // true pairs first produced by this rule
	Completeness           float64 // TruePairs / all true pairs: recall of the rule alone
	CumulativeCompleteness float64 // recall of this rule and the earlier ones
}

// Diagnostics summarise a blocking. With n records in dedupe mode,
// TotalPairs = n(n-1)/2; in link mode, left×right.
//
//	ReductionRatio = 1 - Pairs/TotalPairs
//	Completeness   = (true pairs among Pairs) / TruePairs   (pairs completeness, the recall of blocking)
//	Quality        = (true pairs among Pairs) / Pairs       (pairs quality, the precision of blocking)
type Diagnostics struct {
	Mode           Mode
	Left, Right    int   // records (Right is 0 in dedupe mode)
	TotalPairs     int64 // all possible pairs
	Pairs          int64 // candidate pairs, each counted once
	ReductionRatio float64
	Rules          []RuleDiagnostics
	Oversized      []OversizeBlock
	// With labels:
	HasLabels    bool
	TruePairs    int64 // all true pairs
	FoundPairs   int64 // true pairs among the candidates
	Completeness float64
	Quality      float64
}

// Diagnose computes the diagnostics of the blocking. Exact per-rule counts
// need one pass over the pairs (on opts.Workers goroutines, nothing
// stored); completeness needs one pass over the true pairs, rule by rule,
// not over the candidates. The only error is ErrLabels, when the labels do
// not have one entry per record.
func (c *Candidates) Diagnose(opts DiagnoseOptions) (Diagnostics, error) {
	d := Diagnostics{Mode: c.mode, Left: c.nLeft, Right: c.nRight, Oversized: c.Oversized()}
	if c.mode == Dedupe {
		d.TotalPairs = int64(c.nLeft) * int64(c.nLeft-1) / 2
	} else {
		d.TotalPairs = int64(c.nLeft) * int64(c.nRight)
	}
	if opts.Labels != nil || opts.RightLabels != nil {
		if len(opts.Labels) != c.nLeft || (c.mode == Link && len(opts.RightLabels) != c.nRight) ||
			(c.mode == Dedupe && opts.RightLabels != nil) {
			return d, &RuleError{Index: -1, Reason: "need one label per record", Err: ErrLabels}
		}
		d.HasLabels = true
	}
	largest := opts.Largest
	if largest <= 0 {
		largest = 10
	}
	// Exact new pairs per rule: count the generated pairs. Worker id
	// calls fn only from its own goroutine, so each count row is private.
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	counts := make([][]int64, workers)
	for i := range counts {
		counts[i] = make([]int64, len(c.rules))
	}
	c.ForEachBatch(workers, func(id int, batch []Pair) bool {
		local := counts[id]
		for _, p := range batch {
			local[p.Rule]++
		}
		return true
	})
	total := make([]int64, len(c.rules))
	for _, local := range counts {
		for i, v := range local {
			total[i] += v
		}
	}
	var cum int64
	d.Rules = make([]RuleDiagnostics, len(c.rules))
	for i := range c.rules {
		r := &c.rules[i]
		cum += total[i]
		d.Rules[i] = RuleDiagnostics{Name: r.name, Blocks: r.pairBlocks, Comparisons: r.comparisons,
			NewPairs: total[i], Cumulative: cum, Largest: c.largestBlocks(r, largest)}
	}
	d.Pairs = cum
	if d.TotalPairs > 0 {
		d.ReductionRatio = 1 - float64(d.Pairs)/float64(d.TotalPairs)
	}
	if d.HasLabels {
		c.completeness(&d, opts.Labels, opts.RightLabels)
	}
	return d, nil
}

// largestBlocks lists the n blocks (windows) with the most pairs, ties by
// key order.
func (c *Candidates) largestBlocks(r *ruleIndex, n int) []BlockInfo {
	var all []BlockInfo
	for b := 0; b < r.numBlocks(); b++ {
		var size int
		var p int64
		if r.kind == kindSorted {
			if r.skip[b] {
				continue
			}
			end := r.windowEnd(b)
			l, rr := c.windowSides(r, b, end)
			size, p = l+rr, c.windowPairs(r, b, end)
		} else {
			l, rr := c.sides(r, b)
			size, p = l+rr, c.blockPairs(l, rr)
		}
		if p > 0 {
			all = append(all, BlockInfo{Key: r.blockKey[b], Size: size, Pairs: p})
		}
	}
	// Stable: equal blocks keep key order.
	slices.SortStableFunc(all, func(a, b BlockInfo) int { return cmp.Compare(b.Pairs, a.Pairs) })
	if len(all) > n {
		all = all[:n]
	}
	return all
}

// completeness counts the true pairs and, per rule, how many it produces.
func (c *Candidates) completeness(d *Diagnostics, left, right []int64) {
	byLabel := func(slots []int32, label func(int32) int64) {
		slices.SortFunc(slots, func(a, b int32) int {
			if x := cmp.Compare(label(a), label(b)); x != 0 {
				return x
			}
			return cmp.Compare(a, b)
		})
	}
	check := func(sa, sb int32) {
		d.TruePairs++
		first := true
		for j := range c.rules {
			if c.rules[j].produces(sa, sb) {
				d.Rules[j].TruePairs++
				if first {
					d.Rules[j].NewTruePairs++
					d.FoundPairs++
					first = false
				}
			}
		}
	}
	ls := make([]int32, c.nLeft)
	for i := range ls {
		ls[i] = int32(i)
	}
	lab := func(s int32) int64 { return left[s] }
	byLabel(ls, lab)
	if c.mode == Dedupe {
		for i := 0; i < len(ls); {
			j := i + 1
			for j < len(ls) && lab(ls[j]) == lab(ls[i]) {
				j++
			}
			for x := i; x < j; x++ {
				for y := x + 1; y < j; y++ {
					check(ls[x], ls[y])
				}
			}
			i = j
		}
	} else {
		rs := make([]int32, c.nRight)
		for i := range rs {
			rs[i] = int32(i)
		}
		rlab := func(s int32) int64 { return right[s] }
		byLabel(rs, rlab)
		nl := int32(c.nLeft)
		for i, j := 0, 0; i < len(ls) && j < len(rs); {
			a, b := lab(ls[i]), rlab(rs[j])
			switch {
			case a < b:
				i++
			case a > b:
				j++
			default:
				i2, j2 := i, j
				for i2 < len(ls) && lab(ls[i2]) == a {
					i2++
				}
				for j2 < len(rs) && rlab(rs[j2]) == a {
					j2++
				}
				for x := i; x < i2; x++ {
					for y := j; y < j2; y++ {
						check(ls[x], rs[y]+nl)
					}
				}
				i, j = i2, j2
			}
		}
	}
	var cumTrue int64
	for j := range d.Rules {
		cumTrue += d.Rules[j].NewTruePairs
		if d.TruePairs > 0 {
			d.Rules[j].Completeness = float64(d.Rules[j].TruePairs) / float64(d.TruePairs)
			d.Rules[j].CumulativeCompleteness = float64(cumTrue) / float64(d.TruePairs)
		}
	}
	if d.TruePairs > 0 {
		d.Completeness = float64(d.FoundPairs) / float64(d.TruePairs)
	}
	if d.Pairs > 0 {
		d.Quality = float64(d.FoundPairs) / float64(d.Pairs)
	}
}
