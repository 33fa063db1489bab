// Package xlsx reads the cells of Excel workbooks (.xlsx, Office Open XML
// SpreadsheetML) with the standard library only: archive/zip for the package
// and an encoding/xml token loop for each part. It reads values, never
// styles, and never writes.
//
// # What a cell reads as
//
// A cell is the text of its value as the workbook stores it, without any
// number formatting:
//
//   - a shared string (t="s") or an inline string (t="inlineStr"): its text,
//     the runs of rich text joined, phonetic runs (rPh) left out, and the
//     _xHHHH_ escapes of OOXML decoded ("_x000D_" is a carriage return);
//   - a boolean (t="b"): "TRUE" or "FALSE";
//   - a number (no t, or t="n"): the digits exactly as written in the XML
//     ("32966", "1.0E+11", "0.1"), never re-formatted through a float. A
//     date is a number with a date style: it reads as its serial day
//     number (days since 1899-12-30, so 32966 is 1990-04-03), which
//     normalize.ParseDate reads as a 5-digit serial;
//   - a formula: its cached value (the last value Excel computed), by the
//     same rules; the formula itself is not read;
//   - an error (t="e"), a formula string (t="str") or an ISO 8601 date
//     (t="d", rare): its text ("#N/A", "1990-04-03T00:00:00").
//
// A text cell holding digits ("001090012345" typed as text) is a shared or
// inline string and keeps its leading zeros; the same digits typed as a
// number were already stored without them by Excel.
//
// # Rows and columns
//
// Rows come in order with their Excel numbers: a row missing from the XML
// (r="5" after r="2") comes as an empty row, so the i-th row (0-based) read
// is Excel row i+1. A missing cell (A1 then C1) is an empty cell; a row ends
// at its last non-empty cell. Rows and columns past Excel's limits
// (MaxRows = 1,048,576 and MaxColumns = 16,384, column XFD) are an error, as
// are rows or cells out of order.
//
// # Limits and errors
//
// Sheets are decoded as a stream of XML tokens: Rows holds one row at a
// time. The shared strings of a workbook are held in memory once. Each part
// of the archive is read up to Workbook.MaxPartSize uncompressed bytes
// (DefaultMaxPartSize, 256 MiB); a larger part, whatever its size in the
// archive says, is an ErrTooLarge error, which bounds the work a small
// malicious file (a zip bomb) can cause. ReadSheet also stops at
// Workbook.MaxCells cells.
//
// Every error is an *Error naming the part, the sheet and the cell (A1
// notation) or row where it is known, wrapping ErrFormat, ErrTooLarge or
// ErrNotFound. No error holds a cell's content: the files read are
// personal records.
//
// A Workbook is not safe for concurrent use.
package xlsx
