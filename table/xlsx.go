package table

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// readXLSX reads one sheet of a workbook: Options.Sheet, else the first.
// Cells are formatted as Excel shows them; Excel's default short date
// (number format 14, which follows the computer's regional setting) is
// written yyyy-mm-dd.
func readXLSX(data []byte, opts Options) (*Table, error) {
	if bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0")) {
		return nil, fmt.Errorf("%w: an Excel 97-2003 workbook (.xls); save it as .xlsx or CSV UTF-8", ErrFormat)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:   opts.MaxBytes,
		ShortDatePattern: "yyyy-mm-dd",
		TmpDir:           opts.TmpDir,
	})
	if err != nil {
		if errors.Is(err, excelize.ErrOptionsUnzipSizeLimit) || isUnzipLimit(err) {
			return nil, fmt.Errorf("%w: the workbook unzips to more than %d bytes", ErrLimit, opts.MaxBytes)
		}
		return nil, fmt.Errorf("%w: not a readable .xlsx workbook: %v", ErrFormat, err)
	}
	defer f.Close()
	sheet := opts.Sheet
	if sheet == "" {
		list := f.GetSheetList()
		if len(list) == 0 {
			return nil, fmt.Errorf("%w: the workbook has no sheet", ErrFormat)
		}
		sheet = list[0]
	} else if idx, err := f.GetSheetIndex(sheet); err != nil || idx < 0 {
		return nil, fmt.Errorf("%w: %q", ErrNoSheet, sheet)
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("%w: sheet %q cannot be read: %v", ErrFormat, sheet, err)
	}
	defer rows.Close()
	c := newCollector(XLSX, opts)
	var total int64
	for line := 1; rows.Next(); line++ {
		cells, err := rows.Columns()
		if err != nil {
			return nil, fmt.Errorf("%w: sheet %q, row %d cannot be read: %v", ErrFormat, sheet, line, err)
		}
		for i, s := range cells {
			if len(s) > opts.MaxCellBytes {
				return nil, fmt.Errorf("%w: row %d, column %s: cell longer than %d bytes", ErrLimit, line, ColumnName(i+1), opts.MaxCellBytes)
			}
			total += int64(len(s))
		}
		if total > opts.MaxBytes {
			return nil, fmt.Errorf("%w: the sheet's cells hold more than %d bytes (row %d)", ErrLimit, opts.MaxBytes, line)
		}
		if c.found && len(cells) < c.width {
			// A sheet stores no empty cell: a row whose last cells are
			// empty is short, not ragged.
			cells = append(cells, make([]string, c.width-len(cells))...)
		}
		if err := c.row(line, cells, false); err != nil {
			return nil, err
		}
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("%w: sheet %q cannot be read: %v", ErrFormat, sheet, err)
	}
	return c.finish()
}

// isUnzipLimit reports whether err is excelize's unzip size error.
func isUnzipLimit(err error) bool {
	return bytes.Contains([]byte(err.Error()), []byte("unzip size"))
}
