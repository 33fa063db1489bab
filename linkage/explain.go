package linkage

import (
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
)

// ExplanationRow is the contribution of one comparison to a pair's score.
// It holds labels and numbers only, never the compared values.
type ExplanationRow struct {
	Comparison string `json:"comparison"`
	// Level is the level number (0 for null) and Label its label.
	Level int    `json:"level"`
	Label string `json:"label"`
	// M and U are the level's parameters (0 for the null level).
	M float64 `json:"m"`
	U float64 `json:"u"`
	// BayesFactor is 2^Weight: how many times likelier the observed level
	// is for a match than for a non-match, adjustments included.
	BayesFactor float64 `json:"bayes_factor"`
	// TFAdjustment is the part of Weight due to term frequency (0 when the
	// level is not adjusted).
	TFAdjustment float64 `json:"tf_adjustment"`
	// Weight is the row's contribution to the match weight, in bits.
	Weight float64 `json:"weight"`
}

// Explanation breaks a pair's match weight into the prior and one row per
// comparison. Weight is computed by adding PriorWeight and each row's
// Weight in order, exactly as Score does, so it equals Score bit for bit.
type Explanation struct {
	Prior       float64          `json:"prior"`
	PriorWeight float64          `json:"prior_weight"`
	Rows        []ExplanationRow `json:"rows"`
	Weight      float64          `json:"weight"`
	Probability float64          `json:"probability"`
}

// Explain returns the explanation of the pair (a, b).
func (m *Model[R]) Explain(a, b *R) Explanation {
	e := Explanation{
		Prior:       m.params.Prior,
		PriorWeight: m.priorWeight,
		Rows:        make([]ExplanationRow, len(m.c)),
	}
	w := m.priorWeight
	for i := range m.c {
		c := &m.c[i]
		k := c.level(a, b)
		lw, adj := c.levelWeight(k, a, b)
		w += lw
		row := ExplanationRow{Comparison: c.cmp.Name, Level: k, Label: c.cmp.Label(k), Weight: lw, TFAdjustment: adj, BayesFactor: 1}
		if k > 0 {
			lp := m.params.Comparisons[i].Levels[k-1]
			row.M, row.U = lp.M, lp.U
			row.BayesFactor = math.Exp2(lw)
		}
		e.Rows[i] = row
	}
	e.Weight = w
	e.Probability = Probability(w)
	return e
}

// String returns the explanation as aligned text, one line per row, for
// logs and the command line: labels and numbers only. Columns: comparison,
// level, m, u, Bayes factor m/u, term-frequency adjustment (bits, when
// any) and weight (bits); the last line is the total weight and the match
// probability.
func (e Explanation) String() string {
	var sb strings.Builder
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', 4, 64) }
	w := func(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) }
	tw := tabwriter.NewWriter(&sb, 0, 0, 2, ' ', 0)
	tw.Write([]byte("comparison\tlevel\tm\tu\tbf\ttf\tweight\n"))
	tw.Write([]byte("prior\tλ=" + f(e.Prior) + "\t\t\t\t\t" + w(e.PriorWeight) + "\n"))
	for _, r := range e.Rows {
		line := r.Comparison + "\t" + r.Label + "\t"
		if r.Level > 0 {
			line += f(r.M) + "\t" + f(r.U) + "\t" + f(r.BayesFactor) + "\t"
			if r.TFAdjustment != 0 {
				line += w(r.TFAdjustment)
			}
		} else {
			line += "\t\t\t"
		}
		tw.Write([]byte(line + "\t" + w(r.Weight) + "\n"))
	}
	tw.Write([]byte("total\tp=" + f(e.Probability) + "\t\t\t\t\t" + w(e.Weight) + "\n"))
	tw.Flush()
	return sb.String()
}
