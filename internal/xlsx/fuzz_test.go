package xlsx

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzReadSheet reads arbitrary sheet XML: no panic, every error an *Error,
// rows numbered in order, cells valid UTF-8 (the XML decoder rejects the
// rest), no row past Excel's limits.
func FuzzReadSheet(f *testing.F) {
	for _, s := range []string{
		``,
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><r><t>a</t></r><rPh><t>x</t></rPh></is></c></row>`,
		`<row r="2"><c r="B2"><f>1+1</f><v>2</v></c></row><row r="5"><c r="A5" t="b"><v>1</v></c></row>`,
		`<row r="1048576"><c r="XFD1048576"><v>1.0E+11</v></c></row>`,
		`<row r="3"/><row r="2"/>`,
		`<row><c r="ZZZZ1"><v>1</v></c></row>`,
		`<row><c t="s"><v>-1</v></c></row>`,
		`<row><c t="str"><v>a_x000D_b</v></c></row>`,
		`<row><c><v>1<x>2</x></v><is></is></c></row>`,
		`<row r="1"><c r="A1"><v>12`,
	} {
		f.Add(sheetXML(s))
	}
	shared := []string{"Họ và tên", "Số CCCD"}
	f.Fuzz(func(t *testing.T, xmlText string) {
		rows := newRows(strings.NewReader(xmlText), shared, "sheet.xml", "S")
		last := 0
		for rows.Next() {
			if rows.Row() != last+1 {
				t.Fatalf("row %d after row %d", rows.Row(), last)
			}
			last = rows.Row()
			if last > MaxRows || len(rows.Cells()) > MaxColumns {
				t.Fatalf("row %d with %d cells: past the limits", last, len(rows.Cells()))
			}
			for _, c := range rows.Cells() {
				if !utf8.ValidString(c) {
					t.Fatalf("row %d: cell not valid UTF-8", last)
				}
			}
		}
		var e *Error
		if err := rows.Err(); err != nil && !errors.As(err, &e) {
			t.Fatalf("error %T, want *Error", err)
		}
	})
}
