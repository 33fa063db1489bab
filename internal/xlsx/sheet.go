package xlsx

import (
	"encoding/xml"
	"io"
	"strconv"
)

// Rows reads the rows of a sheet one at a time, in order, with a gap in the
// XML read as empty rows, as a stream of XML tokens:
//
//	rows, err := wb.Rows(wb.Sheets[0])
//	...
//	defer rows.Close()
//	for rows.Next() {
//		cells := rows.Cells() // Excel row rows.Row()
//	}
//	if err := rows.Err(); err != nil { ... }
type Rows struct {
	d           *xml.Decoder
	closer      io.Closer
	shared      []string
	part, sheet string

	row     int      // the Excel number of the current row; 0 before Next
	pending int      // the number of the row read into cells, 0: none
	cells   []string // the cells of row pending
	current bool     // whether the current row is the pending one
	inData  bool     // whether <sheetData> has started
	done    bool
	err     error
	buf     []byte
}

// Rows starts reading sheet s. Close it when done.
func (w *Workbook) Rows(s Sheet) (*Rows, error) {
	if s.Part == "" {
		return nil, &Error{Sheet: s.Name, Reason: "the workbook names no part for this sheet", Err: ErrNotFound}
	}
	if err := w.readSharedStrings(); err != nil {
		return nil, err
	}
	rc, err := w.openPart(s.Part, s.Name)
	if err != nil {
		return nil, err
	}
	r := newRows(rc, w.shared, s.Part, s.Name)
	r.closer = rc
	return r, nil
}

// newRows reads the rows of the sheet XML in r.
func newRows(r io.Reader, shared []string, part, sheet string) *Rows {
	return &Rows{d: xml.NewDecoder(r), shared: shared, part: part, sheet: sheet}
}

// Next moves to the next row and reports whether there is one. It returns
// false at the end of the sheet or on an error (see Err).
func (r *Rows) Next() bool {
	if r.err != nil {
		return false
	}
	if r.pending == 0 && !r.done {
		r.readRow()
		if r.err != nil {
			return false
		}
	}
	if r.pending == 0 {
		return false
	}
	r.row++
	r.current = r.row == r.pending
	if r.current {
		r.pending = 0
	}
	return true
}

// Row returns the Excel number (1-based) of the current row.
func (r *Rows) Row() int { return r.row }

// Cells returns the cells of the current row, the first one in column A, up
// to its last non-empty cell; nil for an empty row. The slice is reused by
// the next call to Next; the strings are not.
func (r *Rows) Cells() []string {
	if !r.current {
		return nil
	}
	return r.cells
}

// Err returns the error that stopped Next, an *Error; nil at the end of the
// sheet.
func (r *Rows) Err() error { return r.err }

// Close releases the sheet's part.
func (r *Rows) Close() error {
	if r.closer != nil {
		return r.closer.Close()
	}
	return nil
}

func (r *Rows) fail(cell, reason string, sentinel error) {
	r.err = &Error{Part: r.part, Sheet: r.sheet, Cell: cell, Reason: reason, Err: sentinel}
}

// rowName names row n for errors.
func rowName(n int) string { return "row " + strconv.Itoa(n) }

// readRow reads the next <row> element into r.cells and sets r.pending to
// its number, or sets r.done at the end of the sheet data.
func (r *Rows) readRow() {
	for {
		tok, err := r.d.RawToken()
		if err == io.EOF && !r.inData {
			r.done = true // no <sheetData>: an empty sheet
			return
		}
		if err != nil {
			r.err = xmlError(err, r.part, r.sheet, rowName(r.row+1))
			return
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Local == "sheetData" {
				r.done = true
				return
			}
		case xml.StartElement:
			switch t.Name.Local {
			case "sheetData":
				r.inData = true
			case "row":
				r.readCells(t)
				return
			}
		}
	}
}

// readCells reads the cells of the row element that starts with start.
func (r *Rows) readCells(start xml.StartElement) {
	n := r.row + 1
	for _, a := range start.Attr {
		if a.Name.Local != "r" || a.Name.Space != "" {
			continue
		}
		v, ok, big := parseRowNumber(a.Value)
		switch {
		case big:
			r.fail(rowName(r.row+1), "row number past Excel's last row 1048576", ErrTooLarge)
			return
		case !ok:
			r.fail(rowName(r.row+1), "bad row number", ErrFormat)
			return
		case v <= r.row:
			r.fail(rowName(v), "row out of order (after row "+strconv.Itoa(r.row)+")", ErrFormat)
			return
		}
		n = v
	}
	if n > MaxRows {
		r.fail(rowName(n), "past Excel's last row 1048576", ErrTooLarge)
		return
	}
	r.cells = r.cells[:0]
	col := 0 // the column of the last cell read
	for {
		tok, err := r.d.RawToken()
		if err != nil {
			r.err = xmlError(err, r.part, r.sheet, rowName(n))
			return
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Local == "row" {
				r.pending = n
				return
			}
		case xml.StartElement:
			if t.Name.Local != "c" {
				if err := skip(r.d); err != nil {
					r.err = xmlError(err, r.part, r.sheet, rowName(n))
					return
				}
				continue
			}
			if col = r.readCell(t, n, col); r.err != nil {
				return
			}
		}
	}
}

// readCell reads the cell element that starts with start, in row n after
// column prev, and returns its column.
func (r *Rows) readCell(start xml.StartElement, n, prev int) int {
	col := prev + 1
	typ := ""
	for _, a := range start.Attr {
		if a.Name.Space != "" {
			continue
		}
		switch a.Name.Local {
		case "r":
			c, row, ok, big := parseRef(a.Value)
			switch {
			case big:
				r.fail(rowName(n), "cell reference past Excel's last column XFD or last row", ErrTooLarge)
				return 0
			case !ok:
				r.fail(CellName(n, prev+1), "bad cell reference", ErrFormat)
				return 0
			case row != 0 && row != n:
				r.fail(CellName(n, c), "cell reference names row "+strconv.Itoa(row)+" inside row "+strconv.Itoa(n), ErrFormat)
				return 0
			case c <= prev:
				r.fail(CellName(n, c), "cell out of order (after column "+ColumnName(prev)+")", ErrFormat)
				return 0
			}
			col = c
		case "t":
			typ = a.Value
		}
	}
	if col > MaxColumns {
		r.fail(rowName(n), "past Excel's last column XFD", ErrTooLarge)
		return 0
	}
	// The content: <v>, <is>, <f> and extensions; only <v> and <is> count.
	var val string
	hasV, hasIs := false, false
	for {
		tok, err := r.d.RawToken()
		if err != nil {
			r.err = xmlError(err, r.part, r.sheet, CellName(n, col))
			return 0
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Local == "c" {
				goto done
			}
		case xml.StartElement:
			switch t.Name.Local {
			case "v":
				r.buf, err = readText(r.d, r.buf[:0])
				hasV = true
				if !hasIs {
					val = string(r.buf)
				}
			case "is":
				r.buf, err = readRichText(r.d, r.buf[:0])
				hasIs = true
				val = unescape(string(r.buf))
			default:
				err = skip(r.d)
			}
			if err != nil {
				r.err = xmlError(err, r.part, r.sheet, CellName(n, col))
				return 0
			}
		}
	}
done:
	switch {
	case hasIs:
	case !hasV:
		val = ""
	case typ == "s":
		i, err := strconv.Atoi(val)
		if err != nil || i < 0 || i >= len(r.shared) {
			r.fail(CellName(n, col), "shared string index out of range", ErrFormat)
			return 0
		}
		val = r.shared[i]
	case typ == "b":
		switch val {
		case "1":
			val = "TRUE"
		case "0":
			val = "FALSE"
		}
	case typ == "str" || typ == "inlineStr":
		val = unescape(val)
	}
	if val != "" {
		for len(r.cells) < col-1 {
			r.cells = append(r.cells, "")
		}
		r.cells = append(r.cells, val)
	}
	return col
}

// readText appends to buf the text of the element whose start tag was just
// read, up to its end tag.
func readText(d *xml.Decoder, buf []byte) ([]byte, error) {
	depth := 0
	for {
		tok, err := d.RawToken()
		if err != nil {
			return buf, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			if depth == 0 {
				return buf, nil
			}
			depth--
		case xml.CharData:
			if depth == 0 {
				buf = append(buf, t...)
			}
		}
	}
}

// skip reads up to the end tag of the element whose start tag was just read.
func skip(d *xml.Decoder) error {
	depth := 0
	for {
		tok, err := d.RawToken()
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			if depth == 0 {
				return nil
			}
			depth--
		}
	}
}

// ReadSheet reads all the rows of the named sheet (the first sheet when name
// is ""): row i (0-based) is Excel row i+1, an empty row is nil. It stops
// with ErrTooLarge past MaxCells cells.
func (w *Workbook) ReadSheet(name string) ([][]string, error) {
	if len(w.Sheets) == 0 {
		return nil, &Error{Reason: "the workbook has no worksheet", Err: ErrNotFound}
	}
	s := w.Sheets[0]
	if name != "" {
		var err error
		if s, err = w.Sheet(name); err != nil {
			return nil, err
		}
	}
	rows, err := w.Rows(s)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	limit := w.MaxCells
	if limit <= 0 {
		limit = DefaultMaxCells
	}
	var out [][]string
	cells := 0
	for rows.Next() {
		c := rows.Cells()
		if cells += len(c); cells > limit {
			return nil, &Error{Part: s.Part, Sheet: s.Name, Cell: rowName(rows.Row()),
				Reason: "more than " + strconv.Itoa(limit) + " cells (the MaxCells limit)", Err: ErrTooLarge}
		}
		if c != nil {
			c = append([]string(nil), c...)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
