package table

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Format is the kind of input.
type Format int

// The formats Read knows.
const (
	// Auto picks the format from the first bytes: a zip archive is a
	// workbook, XML is an XML1 container, anything else is text.
	Auto Format = iota
	// Text is CSV, TSV or semicolon-separated text.
	Text
	// XLSX is an Excel 2007+ workbook.
	XLSX
	// XML1 is a GIAMDINHHS container with XML1 (TONG_HOP) files.
	XML1
)

// String returns the name of the format.
func (f Format) String() string {
	switch f {
	case Text:
		return "text"
	case XLSX:
		return "xlsx"
	case XML1:
		return "xml1"
	}
	return "auto"
}

// Default limits, used where an Options field is 0.
const (
	// DefaultMaxCellBytes is the default cap on the bytes of one cell: 64 KiB.
	DefaultMaxCellBytes = 64 << 10
	// DefaultMaxColumns is the default cap on the cells of one row: 1024.
	DefaultMaxColumns = 1024
	// DefaultMaxBytes is the default cap on the input (1 GiB): the bytes of
	// a text file, the unzipped parts of a workbook, and the total bytes of
	// the cells a workbook or an XML1 file expands to (a shared string is
	// counted every time a cell refers to it).
	DefaultMaxBytes = 1 << 30
	// maxQuotedLines is the most physical lines one quoted field may span
	// before the record is read as a damaged line instead.
	maxQuotedLines = 8
	// headerScan is the number of rows searched for the header row.
	headerScan = 30
)

// Options configure Read and Open. The zero value reads any format with the
// default limits and finds the header row itself.
type Options struct {
	// Format forces the input format; Auto sniffs it.
	Format Format
	// Comma is the delimiter of text input: ',', ';' or '\t'. 0 sniffs it
	// (a "sep=" first line wins).
	Comma rune
	// Sheet names the worksheet of a workbook; "" reads the first sheet.
	Sheet string
	// TmpDir is the folder excelize may write a large sheet of a workbook
	// into while it reads it (the cells are personal data): "" means the
	// system's temporary folder. The file is removed when Read returns.
	TmpDir string
	// HeaderRow is the 1-based row of the header: the physical line of
	// text input, the Excel row number of a sheet. 0 finds it: the first
	// row, among the first 30, with at least two filled cells of which at
	// least two thirds are text without digits (so that a title row with
	// one filled cell, or a row of data, is not taken). XML1 input has no
	// header row: its element names are the header.
	HeaderRow int
	// MaxCellBytes caps the bytes of one cell; 0: DefaultMaxCellBytes.
	MaxCellBytes int
	// MaxColumns caps the cells of one row; 0: DefaultMaxColumns.
	MaxColumns int
	// MaxRows caps the data rows; 0: no cap.
	MaxRows int
	// MaxBytes caps the input and the bytes it expands to; 0:
	// DefaultMaxBytes.
	MaxBytes int64
	// OnRow, when set, receives each data row as it is read, in input
	// order, instead of Table.Rows (which stays empty), so that a caller
	// that keeps the rows in its own form does not hold them twice while
	// a large input is read. t is the table being read: its Format,
	// Comma, HeaderRow and Header are set, its Issues and Warnings are
	// those found so far. The row's Cells are the caller's to keep. An
	// error from OnRow stops the read, and Read returns it. XML1 rows are
	// handed over once the whole input is read.
	OnRow func(t *Table, r Row) error
}

func (o Options) withDefaults() Options {
	if o.MaxCellBytes <= 0 {
		o.MaxCellBytes = DefaultMaxCellBytes
	}
	if o.MaxColumns <= 0 {
		o.MaxColumns = DefaultMaxColumns
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	return o
}

// Errors that Read wraps; test with errors.Is.
var (
	// ErrNoHeader: no row looks like a header row.
	ErrNoHeader = errors.New("table: no header row found")
	// ErrLimit: the input exceeds one of the limits of Options.
	ErrLimit = errors.New("table: limit exceeded")
	// ErrFormat: the input is not in a format the package reads.
	ErrFormat = errors.New("table: unsupported format")
	// ErrNoSheet: the workbook has no sheet of the name Options.Sheet
	// gives.
	ErrNoSheet = errors.New("table: no such sheet")
)

// Table is a table read into memory.
type Table struct {
	// Format is the format the input was read as.
	Format Format
	// Comma is the delimiter of text input, 0 for other formats.
	Comma rune
	// HeaderRow is the 1-based row (line, Excel row) of the header; 0 for
	// XML1 input.
	HeaderRow int
	// Header holds the column names as written, trimmed of spaces and of a
	// byte-order mark.
	Header []string
	// Rows are the data rows, in input order.
	Rows []Row
	// Issues are the problems of rows and cells, in row order.
	Issues []Issue
	// Warnings describe the input as a whole (rows skipped above the
	// header, the text encoding); they hold counts and positions only.
	Warnings []string
}

// Row is one data row.
type Row struct {
	// Line is the 1-based position of the row in the input: the physical
	// line on which the row starts in text input, the Excel row number of
	// a sheet, the 1-based TONG_HOP element of XML1 input.
	Line int
	// Cells holds the cells, at least one per header column: a short row
	// is padded with empty cells; a long row keeps its extra cells (its
	// empty trailing cells are dropped).
	Cells []string
	// Damaged reports that the row's quotes could not be read: its cells
	// are its physical line split on the delimiter, quotes kept.
	Damaged bool
	// Ragged reports that the row has fewer cells than the header, or
	// non-empty cells beyond the header's last column.
	Ragged bool
}

// Issue is a problem with a row or a cell. It never holds the value.
type Issue struct {
	// Row is the Line of the row.
	Row int
	// Column is the 1-based column, 0 for the whole row.
	Column int
	// Reason says what is wrong.
	Reason string
}

// String formats the issue as "line 12, column C: reason".
func (i Issue) String() string {
	if i.Column == 0 {
		return fmt.Sprintf("row %d: %s", i.Row, i.Reason)
	}
	return fmt.Sprintf("row %d, column %s: %s", i.Row, ColumnName(i.Column), i.Reason)
}

// ColumnName returns the spreadsheet letters of the 1-based column n:
// 1 "A", 3 "C", 27 "AA"; "" when n < 1.
func ColumnName(n int) string {
	var b [8]byte
	i := len(b)
	for n > 0 && i > 0 {
		n--
		i--
		b[i] = byte('A' + n%26)
		n /= 26
	}
	return string(b[i:])
}

// Open reads the file at path (see Read). A name ending in ".xlsx" is read
// as a workbook whatever its first bytes.
func Open(path string, opts Options) (*Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if opts.Format == Auto && strings.HasSuffix(strings.ToLower(path), ".xlsx") {
		opts.Format = XLSX
	}
	return Read(f, opts)
}

// Read reads a table from r. The error is non-nil only when the input as a
// whole cannot be read: an I/O error, an unknown format, no header row
// (ErrNoHeader), or a limit exceeded (ErrLimit); problems of single rows
// and cells are Issues.
func Read(r io.Reader, opts Options) (*Table, error) {
	opts = opts.withDefaults()
	data, err := ReadAll(r, opts.MaxBytes)
	if err != nil {
		return nil, err
	}
	return ReadBytes(data, opts)
}

// ReadAll reads r to its end as io.ReadAll does, but refuses an input of
// more than max bytes (an error wrapping ErrLimit) and, when r can tell its
// size (an *os.File of a regular file), reads into one buffer of that size
// instead of growing one: a 1.3 GB file then holds 1.3 GB while it is read,
// not up to twice as much.
func ReadAll(r io.Reader, max int64) ([]byte, error) {
	size := int64(512)
	if st, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > 0 {
			size = min(fi.Size(), max) + 1 // +1: the read that sees the end
		}
	}
	data := make([]byte, 0, size)
	lr := io.LimitReader(r, max+1)
	for {
		if len(data) == cap(data) {
			data = slices.Grow(data, 1)
		}
		n, err := lr.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w: the input is larger than %d bytes", ErrLimit, max)
	}
	return data, nil
}

// ReadBytes reads a table from data, the whole input, as Read does. The
// table does not keep data: its cells are copies.
func ReadBytes(data []byte, opts Options) (*Table, error) {
	opts = opts.withDefaults()
	if int64(len(data)) > opts.MaxBytes {
		return nil, fmt.Errorf("%w: the input is larger than %d bytes", ErrLimit, opts.MaxBytes)
	}
	f := opts.Format
	if f == Auto {
		f = sniffFormat(data)
	}
	switch f {
	case XLSX:
		return readXLSX(data, opts)
	case XML1:
		return readXML1(data, opts)
	case Text:
		return readText(data, opts)
	}
	return nil, fmt.Errorf("%w: format %d", ErrFormat, f)
}

// sniffFormat picks the format of data from its first bytes.
func sniffFormat(data []byte) Format {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return XLSX
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0")):
		return -1 // .xls: refused by Read
	}
	b := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if bytes.HasPrefix(b, []byte("<")) {
		return XML1
	}
	return Text
}

// headerLike reports whether the cells look like a header row: at least two
// filled cells, of which at least two thirds hold letters and no digit.
func headerLike(cells []string) bool {
	filled, text := 0, 0
	for _, c := range cells {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		filled++
		letter, digit := false, false
		for _, r := range c {
			switch {
			case r >= '0' && r <= '9':
				digit = true
			case unicode.IsLetter(r):
				letter = true
			}
		}
		if letter && !digit {
			text++
		}
	}
	return filled >= 2 && 3*text >= 2*filled
}

// cleanHeader trims the header cells and drops empty trailing ones.
func cleanHeader(cells []string) []string {
	h := make([]string, len(cells))
	for i, c := range cells {
		h[i] = strings.TrimSpace(strings.TrimPrefix(c, "\ufeff"))
	}
	for len(h) > 0 && h[len(h)-1] == "" {
		h = h[:len(h)-1]
	}
	return h
}

// builder collects the rows of a table once its header is known.
type builder struct {
	t     *Table
	opts  Options
	width int
	rows  int // data rows added
}

// add appends a data row at line, checking its width and cells; damaged
// marks a row read from its raw line.
func (b *builder) add(line int, cells []string, damaged bool) error {
	if b.opts.MaxRows > 0 && b.rows >= b.opts.MaxRows {
		return fmt.Errorf("%w: more than %d data rows (row %d)", ErrLimit, b.opts.MaxRows, line)
	}
	if len(cells) > b.opts.MaxColumns {
		return fmt.Errorf("%w: row %d has more than %d cells", ErrLimit, line, b.opts.MaxColumns)
	}
	r := Row{Line: line, Damaged: damaged}
	for i, c := range cells {
		if len(c) > b.opts.MaxCellBytes {
			return fmt.Errorf("%w: row %d, column %s: cell longer than %d bytes", ErrLimit, line, ColumnName(i+1), b.opts.MaxCellBytes)
		}
		if !utf8.ValidString(c) {
			b.t.Issues = append(b.t.Issues, Issue{Row: line, Column: i + 1, Reason: "not valid UTF-8"})
		}
	}
	n := len(cells)
	for n > b.width && cells[n-1] == "" {
		n--
	}
	cells = cells[:n]
	switch {
	case n < b.width:
		r.Ragged = true
		cells = append(cells, make([]string, b.width-n)...)
		b.t.Issues = append(b.t.Issues, Issue{Row: line, Reason: fmt.Sprintf("has %d cells, the header has %d", n, b.width)})
	case n > b.width:
		r.Ragged = true
		b.t.Issues = append(b.t.Issues, Issue{Row: line, Reason: fmt.Sprintf("has values in %d cells, the header has %d columns", n, b.width)})
	}
	if damaged {
		b.t.Issues = append(b.t.Issues, Issue{Row: line, Reason: "quotes do not close or shift the cells; the line was split on the delimiter as written"})
	}
	r.Cells = cells
	b.rows++
	if b.opts.OnRow != nil {
		return b.opts.OnRow(b.t, r)
	}
	b.t.Rows = append(b.t.Rows, r)
	return nil
}

// setHeader sets the header from cells found at row, after skipped rows.
func (b *builder) setHeader(row int, cells []string, skipped int) error {
	if len(cells) > b.opts.MaxColumns {
		return fmt.Errorf("%w: the header has more than %d columns", ErrLimit, b.opts.MaxColumns)
	}
	b.t.HeaderRow = row
	b.t.Header = cleanHeader(cells)
	b.width = len(b.t.Header)
	if skipped > 0 {
		b.t.Warnings = append(b.t.Warnings, fmt.Sprintf("%d non-empty rows above the header row %d were skipped", skipped, row))
	}
	return nil
}

// noHeader is the error for input without a header row.
func noHeader(opts Options) error {
	if opts.HeaderRow > 0 {
		return fmt.Errorf("%w: row %d is empty or missing", ErrNoHeader, opts.HeaderRow)
	}
	return fmt.Errorf("%w in the first %d rows: the first row should name the columns; set Options.HeaderRow if it is further down", ErrNoHeader, headerScan)
}

// emptyRow reports whether every cell is blank.
func emptyRow(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// collector finds the header row among the rows a reader hands it, then
// adds the rows below it.
type collector struct {
	builder
	found   bool
	scanned int // non-empty rows looked at for the header
	skipped int // non-empty rows above the header
}

func newCollector(f Format, opts Options) *collector {
	return &collector{builder: builder{t: &Table{Format: f}, opts: opts}}
}

// row takes the next row of the input, at 1-based position line.
func (c *collector) row(line int, cells []string, damaged bool) error {
	if emptyRow(cells) {
		return nil
	}
	if c.found {
		return c.add(line, cells, damaged)
	}
	if h := c.opts.HeaderRow; h > 0 {
		switch {
		case line < h:
			c.skipped++
			return nil
		case line > h:
			return noHeader(c.opts)
		}
	} else if !headerLike(cells) {
		c.skipped++
		c.scanned++
		if c.scanned >= headerScan {
			return noHeader(c.opts)
		}
		return nil
	}
	c.found = true
	return c.setHeader(line, cells, c.skipped)
}

// finish returns the table, or the error for input without a header.
func (c *collector) finish() (*Table, error) {
	if !c.found {
		return nil, noHeader(c.opts)
	}
	return c.t, nil
}

// Cells returns the cells of every row, in order, for code that takes
// [][]string (such as vnperson.ColumnMap.People). The slices are shared
// with t.Rows.
func (t *Table) Cells() [][]string {
	out := make([][]string, len(t.Rows))
	for i := range t.Rows {
		out[i] = t.Rows[i].Cells
	}
	return out
}
