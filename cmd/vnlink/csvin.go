package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"unicode/utf8"

	"github.com/vnlink/vnlink/normalize"
)

// rowField is the field name of the issues about a whole row.
const rowField = "row"

// A table is a CSV file read into memory: the header and one inRow per data
// row, including the rows that could not be read.
type table struct {
	Header []string
	// Delim is the delimiter found in the header line: ',', ';' or '\t'.
	Delim rune
	// BOM reports whether the file started with a UTF-8 byte-order mark.
	BOM  bool
	Rows []inRow
	// Ragged counts the rows with fewer or more cells than the header
	// (not counting empty cells at the end of a long row).
	Ragged int
	// Issues are the problems of rows and cells, by row then column: a
	// ragged or unreadable row (Field "row"), a cell that is not valid
	// UTF-8 (Field: the column name).
	Issues []*normalize.RecordError
}

// An inRow is one data row of a table.
type inRow struct {
	// Line is the 1-based line of the file on which the row starts.
	Line int
	// Cells holds one cell per header column: a short row is padded with
	// empty cells, a long row is cut to the header's length.
	Cells []string
	// Unusable reports that the cells cannot be trusted (a row that could
	// not be read, or that has more non-empty cells than the header has
	// columns, so that its values are probably shifted); its fields are
	// left out of matching.
	Unusable bool
	// Invalid lists the columns whose cells are not valid UTF-8; they
	// are left out of matching.
	Invalid []int
}

// readTable reads CSV from r: UTF-8 with or without a byte-order mark, a
// header row first, the delimiter (comma, semicolon or tab) sniffed from the
// header line. Every data row becomes an inRow, in order; problems with rows
// and cells are listed in table.Issues by row number (1-based, header
// excluded) and column, never with the values. The error is non-nil only when
// the file as a whole cannot be read: empty, UTF-16, or an I/O error.
func readTable(r io.Reader) (*table, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	t := &table{}
	head, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		t.BOM = true
		br.Discard(3)
	case bytes.HasPrefix(head, []byte("\xff\xfe")), bytes.HasPrefix(head, []byte("\xfe\xff")):
		return nil, errors.New("the file is UTF-16 text; save it as \"CSV UTF-8\" and try again")
	}
	peek, err := br.Peek(64 << 10)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, err
	}
	skipped := 0 // lines before the header row
	if d, n := sepLine(peek); n > 0 {
		t.Delim = d
		br.Discard(n)
		skipped = 1
	} else {
		t.Delim = sniffDelimiter(peek)
	}

	cr := csv.NewReader(br)
	cr.Comma = t.Delim
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err == io.EOF {
		return nil, errors.New("the file is empty: the first row must name the columns")
	}
	if err != nil {
		return nil, fmt.Errorf("header row: %w", safeCSVError(err))
	}
	for i, h := range header {
		if !utf8.ValidString(h) {
			return nil, fmt.Errorf("header row, column %d: not valid UTF-8; save the file as \"CSV UTF-8\"", i+1)
		}
	}
	t.Header = header
	n := len(header)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		row := len(t.Rows) + 1
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			pe.StartLine += skipped
			pe.Line += skipped
			t.Rows = append(t.Rows, inRow{Line: pe.StartLine, Cells: make([]string, n), Unusable: true})
			t.Issues = append(t.Issues, &normalize.RecordError{Row: row, Field: rowField, Err: &normalize.ParseError{
				Func:   "vnlink.ReadCSV",
				Reason: unreadableReason(pe),
				Err:    normalize.ErrSyntax,
			}})
			continue
		}
		if err != nil {
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		line += skipped
		ir := inRow{Line: line}
		switch {
		case len(rec) < n:
			t.Ragged++
			t.Issues = append(t.Issues, raggedIssue(row, line, len(rec), n))
			rec = append(rec, make([]string, n-len(rec))...)
		case len(rec) > n:
			extra := false
			for _, c := range rec[n:] {
				extra = extra || c != ""
			}
			if extra {
				t.Ragged++
				t.Issues = append(t.Issues, raggedIssue(row, line, len(rec), n))
				ir.Unusable = true
			}
			rec = rec[:n]
		}
		for i, c := range rec {
			if !utf8.ValidString(c) {
				ir.Invalid = append(ir.Invalid, i)
				t.Issues = append(t.Issues, &normalize.RecordError{Row: row, Field: header[i], Err: &normalize.ParseError{
					Func: "vnlink.ReadCSV", Reason: "not valid UTF-8; save the file as \"CSV UTF-8\"", Err: normalize.ErrSyntax,
				}})
			}
		}
		ir.Cells = rec
		t.Rows = append(t.Rows, ir)
	}
	return t, nil
}

// raggedIssue reports a row, starting on line, with got cells where the
// header has want.
func raggedIssue(row, line, got, want int) *normalize.RecordError {
	return &normalize.RecordError{Row: row, Field: rowField, Err: &normalize.ParseError{
		Func:   "vnlink.ReadCSV",
		Reason: fmt.Sprintf("has %d cells, the header has %d (line %d)", got, want, line),
		Err:    normalize.ErrSyntax,
	}}
}

// safeCSVError keeps the position and kind of a csv.ParseError.
func safeCSVError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("line %d, position %d: %w", pe.Line, pe.Column, pe.Err)
	}
	return err
}

// sepLine recognises the "sep=;" line Excel may write before the header and
// returns its delimiter and length, line end included; n is 0 without one.
func sepLine(b []byte) (delim rune, n int) {
	for _, d := range []byte{',', ';', '\t'} {
		for _, end := range []string{"\r\n", "\n"} {
			line := "sep=" + string(d) + end
			if bytes.HasPrefix(bytes.ToLower(b[:min(len(b), len(line))]), []byte(line)) {
				return rune(d), len(line)
			}
		}
	}
	return 0, 0
}

// sniffDelimiter picks the delimiter of the first line of b: the one of
// ',', ';' and '\t' found most often outside double quotes, ',' on a tie or
// when there is none. Excel writes ';' where the decimal separator is ','.
func sniffDelimiter(b []byte) rune {
	var comma, semi, tab int
	quoted := false
	for _, c := range b {
		if c == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if c == '\n' || c == '\r' {
			break
		}
		switch c {
		case ',':
			comma++
		case ';':
			semi++
		case '\t':
			tab++
		}
	}
	switch {
	case semi > comma && semi >= tab:
		return ';'
	case tab > comma && tab > semi:
		return '\t'
	}
	return ','
}

// cellValue returns the cell of column c (-1: no such column) in a usable
// row that is valid UTF-8, and "" otherwise: a missing value.
func cellValue(r *inRow, c int) string {
	if c < 0 || r.Unusable || slices.Contains(r.Invalid, c) {
		return ""
	}
	return r.Cells[c]
}

// unreadableReason describes a CSV syntax error by its lines and position.
func unreadableReason(pe *csv.ParseError) string {
	if pe.Line > pe.StartLine {
		return fmt.Sprintf("cannot be read (lines %d to %d, position %d): %v; the rows on these lines are lost, check the quotes",
			pe.StartLine, pe.Line, pe.Column, pe.Err)
	}
	return fmt.Sprintf("cannot be read (line %d, position %d): %v", pe.Line, pe.Column, pe.Err)
}
