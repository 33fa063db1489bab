package xlsx

import "strconv"

// Excel's grid limits.
const (
	// MaxRows is the number of rows of an Excel sheet, 1,048,576.
	MaxRows = 1 << 20
	// MaxColumns is the number of columns of an Excel sheet, 16,384 (A to
	// XFD).
	MaxColumns = 1 << 14
)

// ColumnName returns the letters of the 1-based column col: 1 is "A", 27 is
// "AA", 16384 is "XFD". It returns "" for col < 1.
func ColumnName(col int) string {
	if col < 1 {
		return ""
	}
	var buf [8]byte
	i := len(buf)
	for col > 0 {
		col--
		i--
		buf[i] = byte('A' + col%26)
		col /= 26
	}
	return string(buf[i:])
}

// CellName returns the A1 reference of the 1-based row and column: (12, 3)
// is "C12".
func CellName(row, col int) string {
	return ColumnName(col) + strconv.Itoa(row)
}

// parseRef splits an A1 reference into its 1-based column and row; row is 0
// when the reference has only letters. ok is false for anything else, or
// when the column or row is past Excel's limits (tooLarge is then true).
func parseRef(s string) (col, row int, ok, tooLarge bool) {
	i := 0
	for i < len(s) {
		c := s[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		if i == 3 {
			return 0, 0, false, true
		}
		col = col*26 + int(c-'a') + 1
		i++
	}
	if i == 0 {
		return 0, 0, false, false
	}
	if col > MaxColumns {
		return 0, 0, false, true
	}
	if i == len(s) {
		return col, 0, true, false
	}
	row, ok, tooLarge = parseRowNumber(s[i:])
	return col, row, ok, tooLarge
}

// parseRowNumber parses the r attribute of a row: a decimal number from 1 to
// MaxRows.
func parseRowNumber(s string) (row int, ok, tooLarge bool) {
	if s == "" || len(s) > 10 || s[0] == '0' {
		return 0, false, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false, false
		}
		row = row*10 + int(s[i]-'0')
	}
	if row > MaxRows {
		return 0, false, true
	}
	return row, true, false
}
