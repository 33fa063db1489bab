package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

// A rowPair is two 1-based data row numbers given to -pair.
type rowPair [2]int

// parsePair reads "12,57" (or "12-57", "12 57").
func parsePair(s string) (rowPair, error) {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '-' || r == ' ' || r == ':' })
	var p rowPair
	if len(f) != 2 {
		return p, errorf("-pair %q: give two row numbers, e.g. -pair 12,57", s)
	}
	for i, x := range f {
		n, err := strconv.Atoi(x)
		if err != nil || n < 1 {
			return p, errorf("-pair %q: row numbers start at 1", s)
		}
		p[i] = n
	}
	return p, nil
}

// runExplain trains the model as dedupe (right == nil) or link would, with
// the same options, and writes to w the explanation of the match weight of
// each pair of rows: in one file for dedupe, a left row then a right row
// for link. An explanation holds comparison labels and numbers only, never
// the compared values.
//
// It returns the inputs it read, for their warnings, also with an error
// when they were read.
func runExplain(left, right io.Reader, pairs []rowPair, w io.Writer, opts *options) (ins []*input, err error) {
	if len(pairs) == 0 {
		return nil, errorf("no -pair given")
	}
	lin, err := loadInput(roleOf(right, "input", "left"), left, opts.Map, requiredForMatching, opts.Read)
	if err != nil {
		return nil, err
	}
	ins = append(ins, lin)
	return ins, explainPairs(lin, right, pairs, w, opts, &ins)
}

// explainPairs is runExplain once the first input is read; it appends the
// right input, when there is one, to ins.
func explainPairs(lin *input, right io.Reader, pairs []rowPair, w io.Writer, opts *options, ins *[]*input) error {
	var err error
	var res *vnperson.Result
	nl, nr := len(lin.people), len(lin.people)
	lo := opts.linkOptions()
	lo.Display = false // an explanation shows labels and numbers only
	if right == nil {
		res, err = vnperson.Dedupe(lin.people, lo)
	} else {
		var rin *input
		if rin, err = loadInput("right", right, opts.MapRight, requiredForMatching, opts.Read); err != nil {
			return err
		}
		*ins = append(*ins, rin)
		nr = len(rin.people)
		res, err = vnperson.Link(lin.people, rin.people, lo)
	}
	if err != nil {
		return err
	}
	if res.Model == nil {
		return errorf("too few rows to train a model")
	}
	for _, p := range pairs {
		a, b := p[0], p[1]
		if a > nl || b > nr {
			return errorf("-pair %d,%d: the files have %d and %d rows", a, b, nl, nr)
		}
		e := res.Explain(a-1, b-1)
		verdict := tr("different people")
		if e.Weight >= res.Threshold {
			verdict = tr("same person")
		}
		if right == nil {
			same := res.Clusters[a-1] == res.Clusters[b-1]
			say(w, "rows %d and %d: weight %s, probability %s: %s (threshold %s); same cluster: %s\n",
				a, b, fixed(e.Weight, 2), fixed(linkage.Probability(e.Weight), 4), verdict, fixed(res.Threshold, 2), yesNo(same))
		} else {
			say(w, "left row %d and right row %d: weight %s, probability %s: %s (threshold %s)\n",
				a, b, fixed(e.Weight, 2), fixed(linkage.Probability(e.Weight), 4), verdict, fixed(res.Threshold, 2))
		}
		writeExplanation(w, e)
		fmt.Fprintln(w)
	}
	return nil
}

// roleOf names the first input: "input" alone, "left" with a right file.
func roleOf(right io.Reader, alone, withRight string) string {
	if right == nil {
		return alone
	}
	return withRight
}

// writeExplanation writes the rows of e as a table (linkage.Explanation's
// String, with its headings in the run's language): the prior, each
// comparison's level with its m, u, Bayes factor, term-frequency part and
// weight, then the total. Labels and numbers only.
func writeExplanation(w io.Writer, e linkage.Explanation) {
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', 4, 64) }
	wt := func(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) }
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join([]string{tr("comparison"), tr("level"), "m", "u", "bf", "tf", tr("weight")}, "\t"))
	fmt.Fprintln(tw, tr("prior")+"\tλ="+f(e.Prior)+"\t\t\t\t\t"+wt(e.PriorWeight))
	for _, r := range e.Rows {
		line := comparisonLabel(r.Comparison) + "\t" + levelLabel(r.Label) + "\t"
		if r.Level > 0 {
			line += f(r.M) + "\t" + f(r.U) + "\t" + f(r.BayesFactor) + "\t"
			if r.TFAdjustment != 0 {
				line += wt(r.TFAdjustment)
			}
		} else {
			line += "\t\t\t"
		}
		fmt.Fprintln(tw, line+"\t"+wt(r.Weight))
	}
	fmt.Fprintln(tw, tr("total")+"\tp="+f(e.Probability)+"\t\t\t\t\t"+wt(e.Weight))
	tw.Flush()
}

// fixed writes x with prec decimals and a decimal point, as the table of
// an explanation and the JSON model write numbers.
func fixed(x float64, prec int) string { return strconv.FormatFloat(x, 'f', prec, 64) }

// comparisonLabel names a comparison of the model by the field it
// compares in Vietnamese; in English, and for other names, the model's
// name is kept (as the -json summary writes it).
func comparisonLabel(name string) string {
	if english() {
		return name
	}
	switch name {
	case "name":
		return fieldLabel(vnperson.FieldFullName)
	case "bhxh":
		return tr("BHXH number")
	}
	if _, ok := fieldLabels[name]; ok {
		return fieldLabel(name)
	}
	return name
}

// levelLabels are the keys of the level labels the explanation translates.
var levelLabels = []string{"exact", "different", "else", "null"}

// levelLabel translates the common level labels; others are kept.
func levelLabel(label string) string {
	if slices.Contains(levelLabels, label) {
		return tr(label)
	}
	return label
}
