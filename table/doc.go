// Package table reads the tables that person lists come in: CSV, TSV and
// semicolon-separated text, Excel .xlsx workbooks and the XML1 table of the
// Ministry of Health's claim files (QĐ 4750/QĐ-BYT, QĐ 3176/QĐ-BYT), into
// one shape: a header and rows of text cells, with the problems of rows and
// cells listed by position.
//
// The package knows nothing about people: it reads cells. Column names and
// the mapping of a row to a person live in package vnperson
// (vnperson.MapColumns, vnperson.ColumnMap.Person).
//
// Reading is tolerant and loses no row: every physical data row of the
// input comes out as a Row, in order. A row whose quotes cannot be read is
// split on its delimiter as written and marked Damaged; a row with more or
// fewer cells than the header is marked Ragged. Issues and warnings give
// rows, columns and counts, never cell values, which are personal data.
//
// Text input is UTF-8 with or without a byte-order mark, or UTF-16 with a
// byte-order mark. An Excel "sep=;" first line names the delimiter;
// otherwise the delimiter (comma, semicolon or tab) is sniffed from the
// first lines. Workbook cells are read as Excel shows them: the number
// format applied, a date typed as a date in the sheet's own date format, or
// as yyyy-mm-dd for Excel's default short date.
//
// Limits (Options) bound the memory a crafted file can claim; each is
// documented with its default, and exceeding one is an error wrapping
// ErrLimit.
//
// A Table is a plain value; functions of this package are safe for
// concurrent use.
package table
