package main

import (
	"io"
	"slices"
	"strconv"

	"github.com/vnlink/vnlink/linkage/vnperson"
)

// runClean reads a CSV file from in and writes it to out with the canonical
// form of every field next to the original columns, and an issues column
// listing the fields that did not parse (never their values). Every input
// row gives one output row, in order. The output keeps the delimiter of
// the input and starts with a byte-order mark (excelCSV), or is a workbook
// when out is a workbookFile (see openList).
func runClean(in io.Reader, out io.Writer, opts *options) (*summary, error) {
	inp, err := loadInput("input", in, opts.Map, nil, opts.Read)
	if err != nil {
		return nil, err
	}
	_, disp, prepIssues := vnperson.PrepareDisplay(inp.people, opts.prepareOptions())
	sum := &summary{Command: "clean"}
	is := summarizeInput("input", inp, mergeIssues(inp.t.Issues, prepIssues))
	sum.Inputs = append(sum.Inputs, is)

	header := slices.Concat(inp.t.Header, columns([]string{"col.row"}), columns(canonColumns), columns([]string{"col.issues"}))
	cw, err := openList(out, inp.t, header, tr(sheetClean))
	if err != nil {
		return nil, err
	}
	defer abortList(cw)
	rec := make([]string, 0, len(header))
	for i := range inp.t.Rows {
		rec = inp.t.appendCells(rec[:0], i)
		rec = append(rec, strconv.Itoa(i+1))
		rec = appendCanon(rec, &disp[i])
		rec = append(rec, is.issuesOf(i))
		if err := cw.Write(rec); err != nil {
			return nil, err
		}
	}
	return sum, cw.Close()
}
