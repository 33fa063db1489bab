package main

import (
	"encoding/csv"
	"io"
	"strconv"
)

// An excelCSV writes a CSV file meant to be opened in Excel: a UTF-8
// byte-order mark first (without it Excel reads Vietnamese text as
// mojibake), commas, CRLF line ends, and every cell that Excel would run as
// a formula — one starting with "=", "+", "-", "@", a tab or a carriage
// return, and not a plain number — neutralised by a leading apostrophe, so
// that a value typed into a health record can never execute on the clerk's
// machine. It writes every CSV file of the command: reconcile's lists with
// commas, and clean, dedupe and link with the delimiter of their input
// (the one the station's Excel wrote). Sheets of a workbook need no
// apostrophe (see workbook).
type excelCSV struct {
	w   *csv.Writer
	buf []string
}

// newExcelCSV writes the byte-order mark and the header row to out, with
// delim between cells (0: a comma).
func newExcelCSV(out io.Writer, header []string, delim rune) (*excelCSV, error) {
	if _, err := io.WriteString(out, "\ufeff"); err != nil {
		return nil, err
	}
	e := &excelCSV{w: csv.NewWriter(out)}
	e.w.UseCRLF = true
	if delim != 0 {
		e.w.Comma = delim
	}
	if err := e.Write(header); err != nil {
		return nil, err
	}
	return e, nil
}

// Write writes one row, neutralising formula-like cells.
func (e *excelCSV) Write(cells []string) error {
	e.buf = e.buf[:0]
	for _, c := range cells {
		e.buf = append(e.buf, neutralizeCell(c))
	}
	return e.w.Write(e.buf)
}

// Close flushes the rows written and returns the first write error.
func (e *excelCSV) Close() error {
	e.w.Flush()
	return e.w.Error()
}

// neutralizeCell returns s, with an apostrophe in front when a spreadsheet
// would read it as a formula.
func neutralizeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if _, err := strconv.ParseFloat(s, 64); err == nil && s[0] != '=' && s[0] != '@' {
			return s
		}
		return "'" + s
	}
	return s
}
