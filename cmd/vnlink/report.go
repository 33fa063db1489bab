package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/normalize"
)

// A summary describes one run with counts, column names, row numbers and
// model parameters only: it never holds a value of the input, so it may be
// printed and shared.
type summary struct {
	Command string          `json:"command"`
	Inputs  []*inputSummary `json:"inputs"`
	Dedupe  *dedupeSummary  `json:"dedupe,omitempty"`
	Link    *linkSummary    `json:"link,omitempty"`
	// Reconcile holds the campaign figures of reconcile.
	Reconcile *reconcileSummary `json:"reconcile,omitempty"`
	// Model is the trained model (linkage.Model's JSON): comparison
	// levels with their m and u probabilities and the prior.
	Model json.RawMessage `json:"model,omitempty"`
	// Weights counts the linked pairs by match weight, for the report's
	// histogram: bins only, never a pair. Nil when not filled in.
	Weights *weightHistogram `json:"weight_histogram,omitempty"`
}

// A weightHistogram counts pairs by match weight (bits) in bins of equal
// width, with the threshold at or above which pairs link.
type weightHistogram struct {
	Threshold float64   `json:"threshold_weight"`
	Bins      []histBin `json:"bins"`
}

// maxWeightBins is the most bins of a weightHistogram; bins are one bit wide
// unless the weights spread wider.
const maxWeightBins = 40

// newWeightHistogram bins the weights of pairs: bins of one bit (wider when
// the weights span more than maxWeightBins bits) from the smallest weight,
// rounded down, to the largest. Non-finite weights are left out.
func newWeightHistogram(pairs []linkage.ScoredPair, threshold float64) *weightHistogram {
	h := &weightHistogram{Threshold: threshold}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range pairs {
		if math.IsNaN(p.Weight) || math.IsInf(p.Weight, 0) {
			continue
		}
		lo, hi = math.Min(lo, p.Weight), math.Max(hi, p.Weight)
	}
	if lo > hi {
		return h
	}
	lo = math.Floor(lo)
	width := math.Max(1, math.Ceil((math.Floor(hi)+1-lo)/maxWeightBins))
	n := int(math.Floor((hi-lo)/width)) + 1
	h.Bins = make([]histBin, n)
	for i := range h.Bins {
		h.Bins[i].Lo, h.Bins[i].Hi = lo+float64(i)*width, lo+float64(i+1)*width
	}
	for _, p := range pairs {
		if math.IsNaN(p.Weight) || math.IsInf(p.Weight, 0) {
			continue
		}
		h.Bins[min(n-1, int((p.Weight-lo)/width))].Count++
	}
	return h
}

// An inputSummary describes one input file.
type inputSummary struct {
	// Role is "input", or "left" and "right" for link.
	Role      string `json:"role"`
	Rows      int    `json:"rows"`
	Delimiter string `json:"delimiter"`
	BOM       bool   `json:"utf8_bom"`
	// Columns maps each field found to the column it was read from.
	Columns map[string]string `json:"columns"`
	// UnusableRows counts rows whose cells could not be used: unreadable,
	// or with more cells than the header (see the issues of field "row").
	UnusableRows int `json:"unusable_rows"`
	// RaggedRows counts rows with fewer or more cells than the header.
	RaggedRows int `json:"ragged_rows"`
	// DamagedRows counts rows whose quotes could not be read; they were
	// split on the delimiter as written, and left out of matching.
	DamagedRows int `json:"damaged_rows"`
	// Warnings describe the file as a whole (title rows skipped, repeated
	// column names or record ids, empty rows): counts and positions only.
	Warnings   []string         `json:"warnings,omitempty"`
	Fields     []fieldSummary   `json:"fields"`
	Issues     []issueSummary   `json:"issues"`
	IssueCount map[string]int   `json:"issue_count_by_field"`
	issueRows  map[int][]string // row -> sorted field names with an issue
}

// A fieldSummary counts the values of one field.
type fieldSummary struct {
	Field  string `json:"field"`
	Column string `json:"column"`
	// Present counts the non-empty cells; Issues those with an issue and
	// Valid the others (a placeholder read as missing, such as
	// 00/00/0000, counts as valid).
	Present int `json:"present"`
	Valid   int `json:"valid"`
	Issues  int `json:"issues"`
	// PresentShare is Present/rows; ValidShare is Valid/Present.
	PresentShare float64 `json:"present_share"`
	ValidShare   float64 `json:"valid_share"`
}

// An issueSummary is one field issue: a row number, a field and the reason,
// which never quotes the value.
type issueSummary struct {
	Row    int    `json:"row"`
	Field  string `json:"field"`
	Reason string `json:"reason"`
	Text   string `json:"-"` // Reason in the words of the run's language
}

// summarizeInput counts the fields and issues of in. issues are all the
// issues of the input (table and Prepare), sorted by row.
func summarizeInput(role string, in *input, issues []*normalize.RecordError) *inputSummary {
	s := &inputSummary{
		Role:        role,
		RaggedRows:  in.t.Ragged,
		DamagedRows: in.t.Damaged,
		Warnings:    in.t.Warnings,
		Rows:        len(in.present),
		Delimiter:   string(in.t.Delim),
		BOM:         in.t.BOM,
		Columns:     map[string]string{},
		IssueCount:  map[string]int{},
		issueRows:   map[int][]string{},
	}
	for _, m := range in.present {
		if m&unusable != 0 {
			s.UnusableRows++
		}
	}
	perField := map[string]map[int]bool{}
	for _, e := range issues {
		s.Issues = append(s.Issues, issueSummary{Row: e.Row, Field: e.Field, Reason: e.Err.Error(), Text: describeError(e.Err)})
		s.IssueCount[e.Field]++
		if perField[e.Field] == nil {
			perField[e.Field] = map[int]bool{}
		}
		perField[e.Field][e.Row] = true
		if !slices.Contains(s.issueRows[e.Row], e.Field) {
			s.issueRows[e.Row] = append(s.issueRows[e.Row], e.Field)
		}
	}
	for _, fs := range s.issueRows {
		slices.Sort(fs)
	}
	for f := range numFields {
		c := in.cols[f]
		if c < 0 {
			continue
		}
		s.Columns[f.String()] = in.t.Header[c]
		if f == fieldID {
			continue
		}
		fs := fieldSummary{Field: f.String(), Column: in.t.Header[c]}
		for i, m := range in.present {
			if m&(1<<f) == 0 {
				continue
			}
			fs.Present++
			if perField[f.String()][i+1] || m&unusable != 0 {
				fs.Issues++
			} else {
				fs.Valid++
			}
		}
		fs.PresentShare = share(fs.Present, s.Rows)
		fs.ValidShare = share(fs.Valid, fs.Present)
		s.Fields = append(s.Fields, fs)
	}
	return s
}

// issuesOf returns the issues column of data row i (0-based): the fields
// with an issue, by name separated by ";" in English, by their Vietnamese
// labels separated by "; " in Vietnamese.
func (s *inputSummary) issuesOf(i int) string {
	fs := s.issueRows[i+1]
	if len(fs) == 0 {
		return ""
	}
	if english() {
		return strings.Join(fs, ";") // the field names, as the -json summary writes them
	}
	labels := make([]string, len(fs))
	for j, f := range fs {
		labels[j] = fieldLabel(f)
	}
	return strings.Join(labels, "; ")
}

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// maxIssueLines is the number of issues printed to the log; the rest are in
// the JSON summary and the issues column.
const maxIssueLines = 10

// printInput writes s to log in words: counts, column names, row numbers.
func printInput(log io.Writer, s *inputSummary) {
	say(log, "%s: %d rows (delimiter %q, UTF-8 BOM %s)\n", roleName(s.Role), s.Rows, s.Delimiter, yesNo(s.BOM))
	var cols, missing []string
	for f := range numFields {
		if c, ok := s.Columns[f.String()]; ok {
			cols = append(cols, fieldLabel(f.String())+"="+strconv.Quote(c))
		} else {
			missing = append(missing, fieldLabel(f.String()))
		}
	}
	say(log, "  columns: %s\n", strings.Join(cols, ", "))
	if len(missing) > 0 {
		say(log, "  not found (left empty): %s\n", strings.Join(missing, ", "))
	}
	head := [5]string{tr("field"), tr("present"), tr("valid"), tr("issues"), tr("valid%%")}
	width := len([]rune(head[0]))
	for _, f := range s.Fields {
		width = max(width, len([]rune(fieldLabel(f.Field))))
	}
	fmt.Fprintf(log, "  %s %8s %8s %8s %7s\n", pad(head[0], width), head[1], head[2], head[3], head[4])
	for _, f := range s.Fields {
		say(log, "  %s %8d %8d %8d %6.1f%%\n", pad(fieldLabel(f.Field), width), f.Present, f.Valid, f.Issues, 100*f.ValidShare)
	}
	if s.RaggedRows > 0 || s.UnusableRows > 0 {
		say(log, "  rows with the wrong number of cells: %d; rows left out of matching: %d\n", s.RaggedRows, s.UnusableRows)
	}
	for _, w := range s.Warnings {
		say(log, "  warning: %s\n", w)
	}
	for i, is := range s.Issues {
		if i == maxIssueLines {
			say(log, "  ... %d more issues: see the issues column and the -json summary\n", len(s.Issues)-i)
			break
		}
		say(log, "  row %d, %s: %s\n", is.Row, fieldLabel(is.Field), is.Text)
	}
}

// pad pads s with spaces to width characters.
func pad(s string, width int) string {
	return s + strings.Repeat(" ", max(0, width-len([]rune(s))))
}

func yesNo(b bool) string {
	if b {
		return tr("yes")
	}
	return tr("no")
}

// writeJSON writes s as indented JSON.
func writeJSON(w io.Writer, s *summary) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

// printSummary writes s to log in words.
func printSummary(log io.Writer, s *summary) {
	for _, in := range s.Inputs {
		printInput(log, in)
	}
	if d := s.Dedupe; d != nil {
		say(log, "dedupe: %d rows are %d people; %d people have 2 or more rows (%d rows, duplicate rate %.1f%%), largest %d rows\n",
			d.Rows, d.Clusters, d.MultiRowClusters, d.RowsInMultiRowClusters, 100*d.DuplicateRate, d.LargestCluster)
		say(log, "  %d links at or above weight %.2f\n", d.Links, d.Threshold)
		if d.OversizedBlocks > 0 {
			say(log, "  %d blocks too large to compare were skipped\n", d.OversizedBlocks)
		}
	}
	if l := s.Link; l != nil {
		say(log, "link: %d of %d left rows linked (%.1f%%); %d left rows have no right row (left_only)\n",
			l.LinkedLeftRows, l.LeftRows, 100*l.LeftCoverage, l.LeftOnly)
		say(log, "  %d of %d right rows linked (%.1f%%); %d right rows have no left row (right_only); %d linked from several left rows\n",
			l.LinkedRightRows, l.RightRows, 100*l.RightCoverage, l.RightOnly, l.RightLinkedTwice)
		say(log, "  links at or above weight %.2f\n", l.Threshold)
		if l.OversizedBlocks > 0 {
			say(log, "  %d blocks too large to compare were skipped\n", l.OversizedBlocks)
		}
	}
	if r := s.Reconcile; r != nil {
		printReconcile(log, r)
	}
}
