package main

import (
	"archive/zip"
	"compress/flate"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// A rowWriter receives one list, row by row, header first: a CSV file
// (excelCSV) or a sheet of a workbook (xlsxSheet). Each list is
// rendered once and written to whichever the user asked for. A rowWriter may
// keep the cells slice only until Write returns.
type rowWriter interface {
	Write(cells []string) error
	Close() error
}

// teeRows writes each row to all its writers.
type teeRows []rowWriter

// Write writes cells to every writer, stopping at the first error.
func (t teeRows) Write(cells []string) error {
	for _, w := range t {
		if err := w.Write(cells); err != nil {
			return err
		}
	}
	return nil
}

// Close closes every writer and returns the first error.
func (t teeRows) Close() error {
	var first error
	for _, w := range t {
		if err := w.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// A workbookFile marks the output of clean, dedupe or link as an Excel
// workbook (-out ending in .xlsx) rather than a CSV file; it writes the
// workbook to its Writer when the list is closed.
type workbookFile struct{ io.Writer }

// openList starts the output of one list with its header row: a workbook of
// one sheet named sheet when out is a workbookFile, otherwise a CSV file
// with the delimiter of the input t (see excelCSV).
func openList(out io.Writer, t *table, header []string, sheet string) (rowWriter, error) {
	if wf, ok := out.(workbookFile); ok {
		b, err := newWorkbook(wf.Writer)
		if err != nil {
			return nil, err
		}
		s, err := b.sheet(sheet, header)
		if err != nil {
			b.abort()
			return nil, err
		}
		return &onlySheet{s, b}, nil
	}
	return newExcelCSV(out, header, t.Delim)
}

// abortList drops what w has not written yet: a workbook's temporary files
// when a list fails half-way. After Close it does nothing.
func abortList(w rowWriter) {
	if o, ok := w.(*onlySheet); ok {
		o.b.abort()
	}
}

// An onlySheet is the one sheet of a workbook: closing it writes the
// workbook.
type onlySheet struct {
	*xlsxSheet
	b *workbook
}

// Close ends the sheet and writes the workbook.
func (o *onlySheet) Close() error {
	if err := o.xlsxSheet.Close(); err != nil {
		o.b.abort()
		return err
	}
	return o.b.Close()
}

// The sheet names of the workbooks of clean, dedupe and link.
const (
	sheetClean  = "sheet.clean"
	sheetDedupe = "sheet.dedupe"
	sheetLink   = "sheet.link"
)

// outputIsWorkbook says whether the -out file name of clean, dedupe or
// link asks for a workbook (.xlsx, in any case) or a CSV file (.csv, .txt,
// .tsv, no or another extension). A name that Excel or a clerk would take
// for another format (.xls, .xlsm, .ods, .json, ...) is an error: the file
// would not open, or open as something it is not.
func outputIsWorkbook(name string) (bool, error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".xlsx":
		return true, nil
	case ".xls", ".xlsm", ".xlsb", ".xlt", ".xltx", ".xltm", ".ods", ".fods", ".numbers",
		".json", ".html", ".htm", ".xml", ".pdf", ".doc", ".docx", ".zip":
		return false, errorf("-out: cannot write a %s file; give a file name ending in .xlsx (an Excel workbook) or .csv", ext)
	}
	return false, nil
}

// Limits of the workbook layout.
const (
	// widthSampleRows is the number of rows, header included, whose cells
	// set the column widths: the first rows of a sheet are held until then.
	widthSampleRows = 1000
	// minColWidth and maxColWidth bound a column's width, in characters.
	minColWidth, maxColWidth = 6, 60
	// maxSheetRows is the number of rows an Excel sheet holds, header
	// included.
	maxSheetRows = excelize.TotalRows
)

// errSheetFull is returned when a list has more rows than a sheet holds.
var errSheetFull = newLazyError("the list has more than %d rows, more than an Excel sheet holds: write a .csv file", maxSheetRows-1)

// A workbook writes an Excel workbook (.xlsx) of one or more sheets, one
// after the other, with excelize's StreamWriter: a sheet's rows go to a
// temporary buffer (a file on disk past 16 MB), never into a tree of cells,
// so a million rows take little memory.
//
// Every cell is written as an inline text cell (t="inlineStr") in the Text
// number format ("@"): an identity, phone or BHYT number keeps its leading
// zeros, and a value such as "=1+1" stays the text it is. Excel, LibreOffice
// and Google Sheets never evaluate a text cell; a formula exists only in a
// cell's <f> element, which this writer never writes, and the Text format
// keeps even a cell that a clerk retypes as text. The cells are therefore
// written exactly as they are, with no apostrophe in front (excelCSV needs
// one because a CSV file has no cell types: Excel guesses, and runs what
// looks like a formula).
//
// The header row is bold and frozen, has an autofilter, and the column
// widths fit the header and the first widthSampleRows rows. A cell longer
// than Excel's 32,767 characters is cut there by excelize.
type workbook struct {
	f            *excelize.File
	out          io.Writer
	header, body int // style ids
	sheets       int
	current      *xlsxSheet
	closed       bool
	// big is set when a sheet may hold more than maxStreamXML bytes.
	big bool
}

// newWorkbook starts a workbook written to out by Close.
func newWorkbook(out io.Writer) (*workbook, error) {
	f := excelize.NewFile(excelize.Options{TmpDir: privateTmp()})
	b := &workbook{f: f, out: out}
	var err error
	if b.body, err = f.NewStyle(&excelize.Style{NumFmt: 49}); err != nil {
		f.Close()
		return nil, err
	}
	if b.header, err = f.NewStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Bold: true}}); err != nil {
		f.Close()
		return nil, err
	}
	return b, nil
}

// checkSheetName reports why Excel would refuse name as a sheet name.
func checkSheetName(name string) error {
	switch {
	case name == "" || utf8.RuneCountInString(name) > excelize.MaxSheetNameLength:
		return errorf("sheet name %q: 1 to %d characters", name, excelize.MaxSheetNameLength)
	case strings.ContainsAny(name, `[]:*?/\`), strings.HasPrefix(name, "'"), strings.HasSuffix(name, "'"):
		return errorf("sheet name %q: no [ ] : * ? / \\ and no ' at its start or end", name)
	}
	return nil
}

// sheet adds a sheet named name after the others and writes its header
// row. The sheet before it must be closed.
func (b *workbook) sheet(name string, header []string) (*xlsxSheet, error) {
	if b.current != nil {
		return nil, errorf("workbook: the previous sheet is not closed")
	}
	if err := checkSheetName(name); err != nil {
		return nil, err
	}
	if b.sheets == 0 {
		if err := b.f.SetSheetName(b.f.GetSheetName(0), name); err != nil {
			return nil, err
		}
	} else if _, err := b.f.NewSheet(name); err != nil {
		return nil, err
	}
	b.sheets++
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	s := &xlsxSheet{b: b, sw: sw, name: name, ncol: len(header)}
	b.current = s
	if err := s.Write(header); err != nil {
		return nil, err
	}
	return s, nil
}

// Close writes the workbook to out, its first sheet active, and removes
// the temporary files. Every sheet must be closed.
func (b *workbook) Close() error {
	if b.closed {
		return nil
	}
	b.closed = true
	defer b.f.Close()
	if b.current != nil {
		return errorf("workbook: a sheet is not closed")
	}
	if b.sheets == 0 {
		return errorf("workbook: no sheet")
	}
	// The first sheet is the active one already: it is the workbook's
	// first sheet, renamed, which excelize creates selected. SetActiveSheet
	// would read every streamed sheet back into memory to mark it.
	if b.big {
		// A sheet may pass 4 GiB of XML: excelize's own path, which
		// builds the whole zip file in memory, marks it as zip64 for Excel.
		return b.f.Write(b.out)
	}
	// excelize's Write builds the zip file in a bytes.Buffer before
	// copying it out: for a million rows, a buffer of a few hundred MB.
	// The zip is written straight to out instead, leaving that buffer
	// empty.
	b.f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(b.out)
		// The fastest deflate level: three times faster than the default
		// on worklists, for a file about a third larger.
		zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(w, flate.BestSpeed)
		})
		return zw
	})
	return b.f.Write(io.Discard)
}

// abort drops the workbook and its temporary files without writing it.
func (b *workbook) abort() {
	if !b.closed {
		b.closed = true
		b.f.Close()
	}
}

// An xlsxSheet writes the rows of one sheet of a workbook. The first
// widthSampleRows rows are held in memory to measure the column widths,
// which a stream must state before its first row.
type xlsxSheet struct {
	b       *workbook
	sw      *excelize.StreamWriter
	name    string
	ncol    int
	held    [][]string
	widths  []int
	rows    int  // rows written to the stream
	xml     int  // an upper bound of the bytes of XML written
	started bool // the widths and panes are set
	vals    []any
	cell    []byte
}

// Write adds one row to the sheet.
func (s *xlsxSheet) Write(cells []string) error {
	if s.b.current != s {
		return errorf("workbook: write to a closed sheet")
	}
	s.ncol = max(s.ncol, len(cells))
	if !s.started {
		for len(s.widths) < len(cells) {
			s.widths = append(s.widths, 0)
		}
		for i, c := range cells {
			s.widths[i] = max(s.widths[i], cellWidth(c))
		}
		s.held = append(s.held, slices.Clone(cells))
		if len(s.held) < widthSampleRows {
			return nil
		}
		return s.start()
	}
	return s.writeRow(cells)
}

// cellWidth is the width a cell needs: its longest line, in characters.
func cellWidth(c string) int {
	w := 0
	for line := range strings.SplitSeq(c, "\n") {
		w = max(w, utf8.RuneCountInString(line))
	}
	return w
}

// start sets the column widths, styles and the frozen header, then writes
// the rows held.
func (s *xlsxSheet) start() error {
	s.started = true
	for i, w := range s.widths {
		width := float64(min(max(w, minColWidth), maxColWidth)) + 2
		if err := s.sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	if s.ncol > 0 {
		// Empty cells are not written; the column style gives them the
		// Text format too, for what a clerk types in.
		if err := s.sw.SetColStyle(1, s.ncol, s.b.body); err != nil {
			return err
		}
	}
	if err := s.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	held := s.held
	s.held, s.widths = nil, nil
	for _, r := range held {
		if err := s.writeRow(r); err != nil {
			return err
		}
	}
	return nil
}

// writeRow writes one row to the stream; empty cells are left out.
func (s *xlsxSheet) writeRow(cells []string) error {
	if s.rows >= maxSheetRows {
		return errSheetFull
	}
	s.rows++
	s.vals = s.vals[:0]
	s.xml += rowXMLBytes
	for _, c := range cells {
		if c == "" {
			s.vals = append(s.vals, nil)
		} else {
			s.vals = append(s.vals, c)
			s.xml += cellXMLBytes(c)
		}
	}
	if s.xml > maxStreamXML {
		s.b.big = true
	}
	s.cell = appendCellName(s.cell[:0], 1, s.rows)
	var opts []excelize.RowOpts
	if s.rows == 1 {
		opts = []excelize.RowOpts{{StyleID: s.b.header}}
	}
	return s.sw.SetRow(string(s.cell), s.vals, opts...)
}

// Bounds of the XML of a sheet: a row's own markup, a cell's markup
// around its text, and the XML of a sheet that the zip file written by
// workbook.Close holds without zip64 marks in its local headers (4 GiB,
// less a margin for the markup before and after the rows).
const (
	rowXMLBytes   = 32
	cellXMLBytes0 = 96
	maxStreamXML  = 1<<32 - 1<<20
)

// cellXMLBytes bounds the bytes of XML of a text cell: its markup and the
// text, each character XML escapes counted as its longest escape.
func cellXMLBytes(c string) int {
	n := cellXMLBytes0 + len(c)
	for i := range len(c) {
		switch c[i] {
		case '&', '<', '>', '"', '\'', '\t', '\n', '\r':
			n += 5
		}
	}
	return n
}

// appendCellName appends the A1 name of the cell at column col and row
// row, both from 1.
func appendCellName(dst []byte, col, row int) []byte {
	var letters [3]byte
	n := len(letters)
	for col > 0 {
		col--
		n--
		letters[n] = byte('A' + col%26)
		col /= 26
	}
	dst = append(dst, letters[n:]...)
	return strconv.AppendInt(dst, int64(row), 10)
}

// Close ends the sheet: the widths of a short sheet, the autofilter over
// the header and the rows written.
func (s *xlsxSheet) Close() error {
	if s.b.current != s {
		return nil
	}
	if !s.started {
		if err := s.start(); err != nil {
			return err
		}
	}
	if s.ncol > 0 {
		// The stream writer has no autofilter of its own: the workbook's
		// one, set before Flush, lands in the sheet Flush writes.
		last := string(appendCellName(nil, s.ncol, max(s.rows, 1)))
		if err := s.b.f.AutoFilter(s.name, "A1:"+last, nil); err != nil {
			return err
		}
	}
	s.b.current = nil
	return s.sw.Flush()
}
