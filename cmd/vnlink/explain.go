package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

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
		return p, fmt.Errorf("-pair %q: give two row numbers, e.g. -pair 12,57", s)
	}
	for i, x := range f {
		n, err := strconv.Atoi(x)
		if err != nil || n < 1 {
			return p, fmt.Errorf("-pair %q: row numbers start at 1", s)
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
		return nil, errors.New("no -pair given")
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
	if right == nil {
		res, err = dedupe(lin.people, opts)
	} else {
		var rin *input
		if rin, err = loadInput("right", right, opts.MapRight, requiredForMatching, opts.Read); err != nil {
			return err
		}
		*ins = append(*ins, rin)
		nr = len(rin.people)
		res, err = link(lin.people, rin.people, opts)
	}
	if err != nil {
		return err
	}
	if res.Model == nil {
		return errors.New("too few rows to train a model")
	}
	for _, p := range pairs {
		a, b := p[0], p[1]
		if a > nl || b > nr {
			return fmt.Errorf("-pair %d,%d: the files have %d and %d rows", a, b, nl, nr)
		}
		e := res.Explain(a-1, b-1)
		verdict := "different people"
		if e.Weight >= res.Threshold {
			verdict = "same person"
		}
		if right == nil {
			same := res.Clusters[a-1] == res.Clusters[b-1]
			fmt.Fprintf(w, "rows %d and %d: weight %.2f, probability %.4f: %s (threshold %.2f); same cluster: %s\n",
				a, b, e.Weight, linkage.Probability(e.Weight), verdict, res.Threshold, yesNo(same))
		} else {
			fmt.Fprintf(w, "left row %d and right row %d: weight %.2f, probability %.4f: %s (threshold %.2f)\n",
				a, b, e.Weight, linkage.Probability(e.Weight), verdict, res.Threshold)
		}
		fmt.Fprintln(w, e.String())
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
