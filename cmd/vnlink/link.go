package main

import (
	"io"
	"strconv"

	"github.com/vnlink/vnlink/linkage/vnperson"
)

// Status values of the link output.
const (
	statusLinked    = "status.linked"     // a left row and the right row of its person
	statusLeftOnly  = "status.left_only"  // a left row (EHR record) with no right row: a record with no person
	statusRightOnly = "status.right_only" // a right row (registry person) with no left row: a person with no record
)

// linkSummary counts the links between the left file (an EHR extract) and
// the right file (a population register).
type linkSummary struct {
	LeftRows  int `json:"left_rows"`
	RightRows int `json:"right_rows"`
	// LinkedLeftRows counts the left rows linked to a right row;
	// LeftOnly the others (records with no person in the register).
	LinkedLeftRows int `json:"linked_left_rows"`
	LeftOnly       int `json:"left_only"`
	// LinkedRightRows counts the right rows linked from at least one left
	// row; RightOnly the others (people with no record); RightLinkedTwice
	// those linked from two or more left rows (duplicates on the left).
	LinkedRightRows  int `json:"linked_right_rows"`
	RightOnly        int `json:"right_only"`
	RightLinkedTwice int `json:"right_linked_from_several_left_rows"`
	// LeftCoverage = LinkedLeftRows/LeftRows; RightCoverage =
	// LinkedRightRows/RightRows, the share of the register with a record.
	LeftCoverage    float64        `json:"left_coverage"`
	RightCoverage   float64        `json:"right_coverage"`
	Links           int            `json:"links"`
	LinksByRule     map[string]int `json:"links_by_rule"`
	Threshold       float64        `json:"threshold_weight"`
	OversizedBlocks int            `json:"oversized_blocks"`
	// CandidatePairsByRule: see dedupeSummary.
	CandidatePairsByRule map[string]int64 `json:"candidate_pairs_by_rule"`
}

// linkColumns are the ids of the columns of the link output.
var linkColumns = []string{
	"col.status", "col.left_row", "col.left_record_id", "col.right_row", "col.right_record_id",
	"col.match_weight", "col.match_probability",
	"col.left_clean_full_name", "col.right_clean_full_name",
	"col.left_clean_birth_date", "col.right_clean_birth_date",
	"col.left_issues", "col.right_issues",
}

// runLink reads the left and right CSV files, links each left row to the
// right row of the same person (its best link at or above the threshold)
// and writes to out one row per left row, in order (status linked or
// left_only), then one row per right row that no left row links to (status
// right_only). The output uses the delimiter of the left file and starts
// with a byte-order mark (excelCSV), or is a workbook when out is a
// workbookFile (see openList).
func runLink(left, right io.Reader, out io.Writer, opts *options) (*summary, error) {
	// Each file is read, standardised and let go before the next is read:
	// the output writes no input cell, and the records hold what it needs
	// (Record.ID, the name and birth date).
	lo := opts.linkOptions()
	lo.Display = false
	lp, rp := vnperson.NewPrepared(lo.Prepare, false), vnperson.NewPrepared(lo.Prepare, false)
	lin, err := loadPrepared("left", left, opts.Map, opts.Read, lp)
	if err != nil {
		return nil, err
	}
	rin, err := loadPrepared("right", right, opts.MapRight, opts.Read, rp)
	if err != nil {
		return nil, err
	}
	res, err := vnperson.LinkPrepared(lp, rp, lo)
	if err != nil {
		return nil, err
	}
	sum := &summary{Command: "link"}
	sum.Weights = newWeightHistogram(res.Links, res.Threshold)
	ls := summarizeInput("left", lin, mergeIssues(lin.t.Issues, res.Issues))
	rs := summarizeInput("right", rin, mergeIssues(rin.t.Issues, res.RightIssues))
	sum.Inputs = append(sum.Inputs, ls, rs)
	if sum.Model, err = modelJSON(res.Model); err != nil {
		return nil, err
	}

	nl, nr := len(res.Records), len(res.Right)
	best := make([]int, nl) // index into res.Links, -1 for none
	for i := range best {
		best[i] = -1
	}
	for k, l := range res.Links {
		a := int(l.A)
		if b := best[a]; b < 0 || l.Weight > res.Links[b].Weight {
			best[a] = k
		}
	}
	linkedFrom := make([]int, nr)
	for _, k := range best {
		if k >= 0 {
			linkedFrom[res.Links[k].B]++
		}
	}
	s := &linkSummary{
		LeftRows:             nl,
		RightRows:            nr,
		Links:                len(res.Links),
		LinksByRule:          linksByRule(res.Links, res.RuleNames),
		Threshold:            res.Threshold,
		OversizedBlocks:      len(res.Oversized),
		CandidatePairsByRule: pairsByRule(res.RuleCounts),
	}
	for _, k := range best {
		if k >= 0 {
			s.LinkedLeftRows++
		}
	}
	s.LeftOnly = nl - s.LinkedLeftRows
	for _, c := range linkedFrom {
		switch {
		case c > 1:
			s.RightLinkedTwice++
			fallthrough
		case c == 1:
			s.LinkedRightRows++
		}
	}
	s.RightOnly = nr - s.LinkedRightRows
	s.LeftCoverage = share(s.LinkedLeftRows, nl)
	s.RightCoverage = share(s.LinkedRightRows, nr)
	sum.Link = s

	cw, err := openList(out, lin.t, columns(linkColumns), tr(sheetLink))
	if err != nil {
		return nil, err
	}
	defer abortList(cw)
	side := func(row int, r *vnperson.Record, is *inputSummary) linkSide {
		return linkSide{row: strconv.Itoa(row + 1), id: r.ID, name: r.FullName(), birth: r.BirthDate(), issues: is.issuesOf(row)}
	}
	rec := make([]string, 0, len(linkColumns))
	for i := range nl {
		r := linkRow{status: statusLeftOnly, left: side(i, &res.Records[i], ls)}
		if k := best[i]; k >= 0 {
			l := res.Links[k]
			r.status, r.weight = statusLinked, l.Weight
			r.right = side(int(l.B), &res.Right[l.B], rs)
		}
		if err := cw.Write(r.appendTo(rec[:0])); err != nil {
			return nil, err
		}
	}
	for j := range nr {
		if linkedFrom[j] > 0 {
			continue
		}
		r := linkRow{status: statusRightOnly, right: side(j, &res.Right[j], rs)}
		if err := cw.Write(r.appendTo(rec[:0])); err != nil {
			return nil, err
		}
	}
	return sum, cw.Close()
}

// loadPrepared reads one file of link (readInput) and adds its rows to p
// (prepareInto), letting its cells go.
func loadPrepared(role string, r io.Reader, mapping map[field]string, ro readOptions, p *vnperson.Prepared) (*input, error) {
	in, err := readInput(role, r, mapping, requiredForMatching, ro)
	if err != nil {
		return nil, err
	}
	in.prepareInto(p, role)
	return in, nil
}

// A linkSide is what a row of the link output says about one side.
type linkSide struct {
	row, id, name, birth, issues string
}

// A linkRow is one row of the link output; a side with no row is empty.
type linkRow struct {
	status      string
	left, right linkSide
	weight      float64 // of a linked pair
}

// appendTo appends the cells of r to dst in the order of linkColumns.
func (r *linkRow) appendTo(dst []string) []string {
	w, p := "", ""
	if r.status == statusLinked {
		w, p = formatWeight(r.weight), formatProbability(r.weight)
	}
	return append(dst, tr(r.status), r.left.row, r.left.id, r.right.row, r.right.id, w, p,
		r.left.name, r.right.name, r.left.birth, r.right.birth, r.left.issues, r.right.issues)
}
