package xlsx

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSheets(t *testing.T) {
	wb, err := openBytes(zipParts(t, bookParts("")))
	if err != nil {
		t.Fatal(err)
	}
	want := []Sheet{
		{Name: "Danh sách", Part: "xl/worksheets/sheet1.xml"},
		{Name: "Ghi chú", Hidden: true, Part: "xl/worksheets/sheet2.xml"},
	}
	if diff := cmp.Diff(want, wb.Sheets); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	rows, err := wb.ReadSheet("ghi CHÚ")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]string{{"ghi chú"}}, rows); diff != "" {
		t.Errorf("second sheet (-want +got):\n%s", diff)
	}
}

func TestReadSheet(t *testing.T) {
	tests := []struct {
		name string
		rows string
		want [][]string
	}{
		{"empty sheet", ``, nil},
		{"shared strings", `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>`,
			[][]string{{"Họ và tên", "Số CCCD"}}},
		{"rich text runs without phonetic runs", `<row r="1"><c r="A1" t="s"><v>2</v></c></row>`,
			[][]string{{"Nguyễn Văn Quảng"}}},
		{"text digits keep their zeros", `<row r="1"><c r="A1" t="s"><v>3</v></c><c r="B1" t="inlineStr"><is><t>0912345678</t></is></c></row>`,
			[][]string{{"001090012345", "0912345678"}}},
		{"escaped carriage return", `<row r="1"><c r="A1" t="s"><v>4</v></c></row>`,
			[][]string{{"dòng 1\r\ndòng 2"}}},
		{"inline rich text", `<row r="1"><c r="A1" t="inlineStr"><is><r><t>Trần </t></r><r><rPr><i/></rPr><t>Thị</t></r></is></c></row>`,
			[][]string{{"Trần Thị"}}},
		{"numbers as written", `<row r="1"><c r="A1"><v>32966</v></c><c r="B1" t="n"><v>1.0E+11</v></c><c r="C1" s="3"><v>0.1</v></c><c r="D1"><v>-7</v></c></row>`,
			[][]string{{"32966", "1.0E+11", "0.1", "-7"}}},
		{"booleans", `<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c></row>`,
			[][]string{{"TRUE", "FALSE"}}},
		{"formula cached values", `<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1" t="str"><f>A1&amp;"x"</f><v>2x</v></c><c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D1"><f>B9</f></c></row>`,
			[][]string{{"2", "2x", "#DIV/0!"}}},
		{"cell gaps", `<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="C1" t="inlineStr"><is><t>c</t></is></c></row>`,
			[][]string{{"a", "", "c"}}},
		{"leading gap and trailing styled empty cells", `<row r="1"><c r="B1"><v>5</v></c><c r="C1" s="1"/><c r="D1" s="1"><v></v></c></row>`,
			[][]string{{"", "5"}}},
		{"cells without references", `<row><c><v>1</v></c><c/><c><v>3</v></c></row><row><c><v>4</v></c></row>`,
			[][]string{{"1", "", "3"}, {"4"}}},
		{"row gaps", `<row r="2"><c r="A2"><v>2</v></c></row><row r="5"><c r="A5"><v>5</v></c></row>`,
			[][]string{nil, {"2"}, nil, nil, {"5"}}},
		{"empty row element", `<row r="1" spans="1:3" ht="15"/><row r="2"><c r="A2"><v>2</v></c></row>`,
			[][]string{nil, {"2"}}},
		{"last column", `<row r="1"><c r="XFD1"><v>1</v></c></row>`,
			[][]string{append(make([]string, MaxColumns-1), "1")}},
		{"prefixed elements", `<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>p</x:t></x:is></x:c></x:row>`,
			[][]string{{"p"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wb, err := openBytes(zipParts(t, bookParts(tc.rows)))
			if err != nil {
				t.Fatal(err)
			}
			got, err := wb.ReadSheet("")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRowNumbers(t *testing.T) {
	wb, err := openBytes(zipParts(t, bookParts(`<row r="2"><c r="B2"><v>1</v></c></row><row r="4"><c r="A4"><v>2</v></c></row>`)))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := wb.Rows(wb.Sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	type row struct {
		N     int
		Cells []string
	}
	var got []row
	for rows.Next() {
		got = append(got, row{rows.Row(), append([]string(nil), rows.Cells()...)})
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	want := []row{{1, nil}, {2, []string{"", "1"}}, {3, nil}, {4, []string{"2"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

func TestSheetErrors(t *testing.T) {
	tests := []struct {
		name     string
		rows     string
		sentinel error
		want     string // the whole message
	}{
		{"rows out of order", `<row r="3"/><row r="2"/>`, ErrFormat,
			`xlsx: sheet "Danh sách" (xl/worksheets/sheet1.xml), row 2: row out of order (after row 3)`},
		{"row past the limit", `<row r="1048577"/>`, ErrTooLarge,
			`xlsx: sheet "Danh sách" (xl/worksheets/sheet1.xml), row 1: row number past Excel's last row 1048576`},
		{"bad row number", `<row r="x1"/>`, ErrFormat,
			`xlsx: sheet "Danh sách" (xl/worksheets/sheet1.xml), row 1: bad row number`},
		{"column past the limit", `<row r="1"><c r="XFE1"><v>1</v></c></row>`, ErrTooLarge,
			`xlsx: sheet "Danh sách" (xl/worksheets/sheet1.xml), row 1: cell reference past Excel's last column XFD or last row`},
		{"cells out of order", `<row r="7"><c r="C7"><v>1</v></c><c r="B7"><v>2</v></c></row>`, ErrFormat,
			`xlsx: sheet "Danh sách" (xl/worksheets/sheet1.xml), B7: cell out of order (after column C)`},
		{"cell of another row", `<row r="7"><c r="C8"><v>1</v></c></row>`, ErrFormat,
			`xlsx: sheet "Danh sách" (xl/worksheets/sheet1.xml), C7: cell reference names row 8 inside row 7`},
		{"bad reference", `<row r="2"><c r="1A"><v>1</v></c></row>`, ErrFormat,
			`xlsx: sheet "Danh sách" (xl/worksheets/sheet1.xml), A2: bad cell reference`},
		{"shared string out of range", `<row r="2"><c r="D2" t="s"><v>99</v></c></row>`, ErrFormat,
			`xlsx: sheet "Danh sách" (xl/worksheets/sheet1.xml), D2: shared string index out of range`},
		{"malformed XML keeps the text out", `<row r="1"><c r="A1"><v>Nguyễn &bogus; Văn</v></c></row>`, ErrFormat,
			`xlsx: sheet "Danh sách" (xl/worksheets/sheet1.xml), A1: malformed XML on line 2`},
		{"truncated", `<row r="1"><c r="A1"><v>12`, ErrFormat,
			`xlsx: sheet "Danh sách" (xl/worksheets/sheet1.xml), A1: the XML ends too early`},
		{"truncated between rows", `<row r="1"><c r="A1"><v>12</v></c></row>`, ErrFormat,
			`xlsx: sheet "Danh sách" (xl/worksheets/sheet1.xml), row 2: the XML ends too early`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			parts := bookParts(tc.rows)
			if strings.HasPrefix(tc.name, "truncated") {
				parts["xl/worksheets/sheet1.xml"] = "<worksheet>\n<sheetData>" + tc.rows
			}
			wb, err := openBytes(zipParts(t, parts))
			if err != nil {
				t.Fatal(err)
			}
			_, err = wb.ReadSheet("")
			if !errors.Is(err, tc.sentinel) {
				t.Fatalf("error %v, want %v", err, tc.sentinel)
			}
			if diff := cmp.Diff(tc.want, err.Error()); diff != "" {
				t.Errorf("message (-want +got):\n%s", diff)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T, want *Error", err)
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	without := func(names ...string) []byte {
		p := bookParts(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`)
		for _, n := range names {
			delete(p, n)
		}
		return zipParts(t, p)
	}
	valid := without()
	tests := []struct {
		name     string
		file     []byte
		sentinel error
		want     string
	}{
		{"not a zip", []byte("Họ và tên,Số CCCD\n"), ErrFormat, "not a zip archive"},
		{"truncated zip", valid[:len(valid)/2], ErrFormat, "not a zip archive"},
		{"no workbook", without("xl/workbook.xml", "_rels/.rels"), ErrNotFound, "xl/workbook.xml: missing"},
		{"no workbook rels", without("xl/_rels/workbook.xml.rels"), ErrNotFound, "xl/_rels/workbook.xml.rels: missing"},
		{"no sheets", zipParts(t, map[string]string{"xl/workbook.xml": `<workbook/>`, "xl/_rels/workbook.xml.rels": `<Relationships/>`}),
			ErrNotFound, "the workbook has no worksheet"},
		{"bad rels XML", zipParts(t, map[string]string{"_rels/.rels": `<Relationships><Relationship Id="rId1" Target="&x;"/>`}),
			ErrFormat, "_rels/.rels: malformed XML on line 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := openBytes(tc.file)
			if !errors.Is(err, tc.sentinel) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %v containing %q", err, tc.sentinel, tc.want)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	rows := `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`
	noShared := bookParts(rows)
	delete(noShared, "xl/sharedStrings.xml")
	noSheet := bookParts(rows)
	delete(noSheet, "xl/worksheets/sheet1.xml")
	noRel := bookParts(rows)
	noRel["xl/workbook.xml"] = strings.Replace(workbookXML, `r:id="rId1"`, `r:id="rId9"`, 1)
	tests := []struct {
		name     string
		parts    map[string]string
		limit    int64
		sheet    string
		sentinel error
		want     string
	}{
		{"missing shared strings", noShared, 0, "", ErrNotFound, "xlsx: xl/sharedStrings.xml: missing from the archive"},
		{"missing sheet part", noSheet, 0, "", ErrNotFound, `xlsx: sheet "Danh sách" (xl/worksheets/sheet1.xml): missing from the archive`},
		{"no such sheet", bookParts(rows), 0, "Sheet9", ErrNotFound, `xlsx: sheet "Sheet9": no such sheet`},
		{"sheet without relationship", noRel, 0, "", ErrNotFound, `xlsx: sheet "Danh sách": the workbook names no part for this sheet`},
		{"oversize sheet", bookParts(strings.Repeat(rows, 20)), 420, "", ErrTooLarge,
			`xlsx: sheet "Danh sách" (xl/worksheets/sheet1.xml): larger than 420 bytes uncompressed (the MaxPartSize limit)`},
		{"oversize shared strings", bookParts(rows), 400, "", ErrTooLarge,
			`xlsx: xl/sharedStrings.xml: larger than 400 bytes uncompressed (the MaxPartSize limit)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wb, err := openBytes(zipParts(t, tc.parts))
			if err != nil {
				t.Fatal(err)
			}
			wb.MaxPartSize = tc.limit
			_, err = wb.ReadSheet(tc.sheet)
			if !errors.Is(err, tc.sentinel) {
				t.Fatalf("error %v, want %v", err, tc.sentinel)
			}
			if diff := cmp.Diff(tc.want, err.Error()); diff != "" {
				t.Errorf("message (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLyingSize checks that the limit holds when the archive understates a
// part's uncompressed size, as a zip bomb does: archive/zip catches it, and
// so does the reader of a part.
func TestLyingSize(t *testing.T) {
	b := zipParts(t, bookParts(strings.Repeat(`<row><c><v>1</v></c></row>`, 100)))
	wb, err := openBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	f := wb.files["xl/worksheets/sheet1.xml"]
	f.UncompressedSize64 = 10 // the lie
	if _, err = wb.ReadSheet(""); !errors.Is(err, ErrFormat) {
		t.Errorf("archive/zip: error %v, want ErrFormat", err)
	}
	pr := &partReader{rc: io.NopCloser(strings.NewReader(strings.Repeat("x", 100))), left: 64, limit: 64, part: "p"}
	n, err := io.Copy(io.Discard, pr)
	want := "xlsx: p: larger than 64 bytes uncompressed (the MaxPartSize limit)"
	if n != 64 || err == nil || err.Error() != want || !errors.Is(err, ErrTooLarge) {
		t.Errorf("partReader: read %d, error %v; want 64, %s", n, err, want)
	}
}

func TestMaxCells(t *testing.T) {
	wb, err := openBytes(zipParts(t, bookParts(strings.Repeat(`<row><c r="J1"><v>1</v></c></row>`, 1)+`<row r="2"><c r="J2"><v>1</v></c></row>`)))
	if err != nil {
		t.Fatal(err)
	}
	wb.MaxCells = 15
	_, err = wb.ReadSheet("")
	want := `xlsx: sheet "Danh sách" (xl/worksheets/sheet1.xml), row 2: more than 15 cells (the MaxCells limit)`
	if err == nil || err.Error() != want || !errors.Is(err, ErrTooLarge) {
		t.Errorf("error %v, want %s", err, want)
	}
}

func TestOpenFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "book.xlsx")
	if err := os.WriteFile(p, zipParts(t, bookParts(`<row r="1"><c r="A1" t="s"><v>1</v></c></row>`)), 0o600); err != nil {
		t.Fatal(err)
	}
	wb, err := OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	got, err := wb.ReadSheet("Danh sách")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]string{{"Số CCCD"}}, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if _, err := OpenFile(filepath.Join(t.TempDir(), "nope.xlsx")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestNames(t *testing.T) {
	tests := []struct {
		col  int
		want string
	}{{0, ""}, {1, "A"}, {26, "Z"}, {27, "AA"}, {52, "AZ"}, {702, "ZZ"}, {703, "AAA"}, {MaxColumns, "XFD"}}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			got := ColumnName(tc.col)
			if got != tc.want {
				t.Errorf("ColumnName(%d) = %q, want %q", tc.col, got, tc.want)
			}
			if tc.col == 0 {
				return
			}
			c, r, ok, _ := parseRef(CellName(9, tc.col))
			if diff := cmp.Diff([]any{tc.col, 9, true}, []any{c, r, ok}); diff != "" {
				t.Errorf("parseRef round trip (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUnescape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a_x000D_b", "a\rb"},
		{"_x005F_x000D_", "_x000D_"},
		{"_x00e9_", "é"},
		{"_xD800_", "_xD800_"},
		{"_xZZZZ_", "_xZZZZ_"},
		{"tail_x00", "tail_x00"},
		{"_x0041", "_x0041"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, unescape(tc.in)); diff != "" {
				t.Errorf("unescape (-want +got):\n%s", diff)
			}
		})
	}
}
