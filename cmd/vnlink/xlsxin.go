package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/vnlink/vnlink/internal/xlsx"
	"github.com/vnlink/vnlink/normalize"
)

// zipMagic starts every zip archive, and so every .xlsx file.
const zipMagic = "PK\x03\x04"

// oleMagic starts the files of Excel 97-2003 (.xls), which vnlink cannot
// read.
const oleMagic = "\xd0\xcf\x11\xe0"

// maxStreamXLSX caps the size of an .xlsx file read from a stream that is not
// a regular file (it is read into memory first).
const maxStreamXLSX = 256 << 20

// maxXLSXCells caps rows × header columns of an .xlsx input: 2^26 cells, a
// million rows of 64 columns; it bounds the memory a crafted file can claim.
const maxXLSXCells = 1 << 26

// readInputTable reads r as a table: an .xlsx workbook when r is a file
// whose name ends in ".xlsx" or when it starts with the zip signature, CSV
// otherwise.
func readInputTable(r io.Reader) (*table, error) {
	type statReaderAt interface {
		io.ReaderAt
		Stat() (fs.FileInfo, error)
	}
	named := false
	if n, ok := r.(interface{ Name() string }); ok {
		named = strings.HasSuffix(strings.ToLower(n.Name()), ".xlsx")
	}
	if f, ok := r.(statReaderAt); ok {
		var head [4]byte
		n, err := f.ReadAt(head[:], 0)
		fi, serr := f.Stat()
		if (err == nil || err == io.EOF) && serr == nil && fi.Mode().IsRegular() {
			switch {
			case string(head[:n]) == oleMagic:
				return nil, errXLS
			case named || string(head[:n]) == zipMagic:
				return readXLSXTable(f, fi.Size())
			}
			return readTable(r)
		}
	}
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(4)
	switch {
	case string(head) == oleMagic:
		return nil, errXLS
	case named || string(head) == zipMagic:
		data, err := io.ReadAll(io.LimitReader(br, maxStreamXLSX+1))
		if err != nil {
			return nil, err
		}
		if len(data) > maxStreamXLSX {
			return nil, fmt.Errorf("the .xlsx file is larger than %d MiB", maxStreamXLSX>>20)
		}
		return readXLSXTable(bytes.NewReader(data), int64(len(data)))
	}
	return readTable(br)
}

var errXLS = errors.New(`the file is an Excel 97-2003 workbook (.xls); save it as "Excel Workbook (.xlsx)" or "CSV UTF-8" and try again`)

// readXLSXTable reads the first sheet of the .xlsx workbook in r, of size
// bytes, as a table. The first non-empty row is the header: its cells name
// the columns, up to the last non-empty one. Every later row is a data row,
// an empty row in the middle included, so that data row i is always the
// same number of rows below the header as in Excel; empty rows after the last
// value are dropped. A row is padded with empty cells to the header's width;
// a value right of the last named column is an issue, and is dropped. Cells
// are the values as the workbook stores them (see package xlsx): a date
// typed as a date reads as its serial day number ("32966"), which
// normalize.ParseDate reads. The table is written back as comma-separated
// CSV with a byte-order mark, which Excel opens as UTF-8.
func readXLSXTable(r io.ReaderAt, size int64) (*table, error) {
	wb, err := xlsx.Open(r, size)
	if err != nil {
		return nil, err
	}
	if len(wb.Sheets) == 0 {
		return nil, errors.New("the workbook has no sheet")
	}
	rows, err := wb.Rows(wb.Sheets[0])
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	t := &table{Delim: ',', BOM: true}
	for t.Header == nil && rows.Next() {
		if c := rows.Cells(); len(c) > 0 {
			t.Header = append([]string(nil), c...)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	n := len(t.Header)
	if n == 0 {
		return nil, fmt.Errorf("sheet %q is empty: the first row must name the columns", wb.Sheets[0].Name)
	}
	empty := make([]string, n) // shared by the empty rows, which nothing writes to
	blank := 0                 // empty rows not yet added: added before the next value
	for rows.Next() {
		c := rows.Cells()
		if len(c) == 0 {
			blank++
			continue
		}
		if (len(t.Rows)+blank+1)*n > maxXLSXCells {
			return nil, fmt.Errorf("sheet %q, row %d: more than %d cells (rows × columns); split the file", wb.Sheets[0].Name, rows.Row(), maxXLSXCells)
		}
		for ; blank > 0; blank-- {
			excel := rows.Row() - blank
			t.Rows = append(t.Rows, inRow{Line: excel, Cells: empty})
		}
		ir := inRow{Line: rows.Row(), Cells: make([]string, n)}
		copy(ir.Cells, c)
		if len(c) > n {
			for i := len(c) - 1; i >= n; i-- {
				if c[i] != "" {
					t.Issues = append(t.Issues, &normalize.RecordError{Row: len(t.Rows) + 1, Field: rowField, Err: &normalize.ParseError{
						Func: "vnlink.ReadXLSX",
						Reason: fmt.Sprintf("has a value in %s, right of the last named column %s (Excel row %d); it is left out",
							xlsx.CellName(rows.Row(), i+1), xlsx.ColumnName(n), rows.Row()),
						Err: normalize.ErrSyntax,
					}})
					break
				}
			}
		}
		t.Rows = append(t.Rows, ir)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return t, nil
}
