package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// xlsxFile builds an .xlsx workbook whose first sheet holds rows, row i
// being Excel row i+1 (a nil row is left out of the XML, a gap). Odd columns
// are shared strings, even columns inline strings; a cell starting with "="
// is a number cell holding the rest ("=32966"), one starting with "!" an
// inline string of the rest, not escaped (raw XML). A second sheet follows.
func xlsxFile(t testing.TB, rows [][]string) []byte {
	t.Helper()
	var sst, sheet strings.Builder
	esc := func(s string) string {
		var b bytes.Buffer
		if err := xml.EscapeText(&b, []byte(s)); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	nShared := 0
	for i, r := range rows {
		if r == nil {
			continue
		}
		fmt.Fprintf(&sheet, `<row r="%d">`, i+1)
		for j, c := range r {
			ref := fmt.Sprintf(`%s%d`, columnLetters(j+1), i+1)
			switch {
			case c == "":
			case strings.HasPrefix(c, "!"):
				fmt.Fprintf(&sheet, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, c[1:])
			case strings.HasPrefix(c, "="):
				fmt.Fprintf(&sheet, `<c r="%s" s="1"><v>%s</v></c>`, ref, c[1:])
			case j%2 == 0:
				fmt.Fprintf(&sst, `<si><t xml:space="preserve">%s</t></si>`, esc(c))
				fmt.Fprintf(&sheet, `<c r="%s" t="s"><v>%d</v></c>`, ref, nShared)
				nShared++
			default:
				fmt.Fprintf(&sheet, `<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, ref, esc(c))
			}
		}
		sheet.WriteString(`</row>`)
	}
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	parts := []struct{ name, body string }{
		{"_rels/.rels", `<Relationships><Relationship Id="rId1" Type="` + rel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<workbook xmlns:r="` + rel + `"><sheets><sheet name="Bệnh nhân" sheetId="1" r:id="rId1"/><sheet name="Khác" sheetId="2" r:id="rId3"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<Relationships><Relationship Id="rId1" Type="` + rel + `/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="` + rel + `/sharedStrings" Target="sharedStrings.xml"/>` +
			`<Relationship Id="rId3" Type="` + rel + `/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`},
		{"xl/sharedStrings.xml", `<sst>` + sst.String() + `</sst>`},
		{"xl/worksheets/sheet1.xml", `<worksheet><sheetData>` + sheet.String() + `</sheetData></worksheet>`},
		{"xl/worksheets/sheet2.xml", `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>other</t></is></c></row></sheetData></worksheet>`},
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, p.body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// columnLetters names the 1-based column c, as Excel does.
func columnLetters(c int) string {
	s := ""
	for ; c > 0; c = (c - 1) / 26 {
		s = string(rune('A'+(c-1)%26)) + s
	}
	return s
}

// csvRows reads a CSV fixture into rows.
func csvRows(t testing.TB, text string) [][]string {
	t.Helper()
	cr := csv.NewReader(strings.NewReader(text))
	cr.FieldsPerRecord = -1
	rows, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestCleanXLSXMatchesCSV runs clean on CSV fixtures and on the same rows in
// an .xlsx workbook: the outputs are the same, but for the byte-order mark
// written for Excel.
func TestCleanXLSXMatchesCSV(t *testing.T) {
	ehrRegular := strings.Join(strings.SplitAfter(ehrFixture, "\n")[:5], "") // without the ragged rows
	tests := []struct {
		name string
		csv  string
		xlsx [][]string // nil: the rows of csv
		// cleanDates and issues are the clean_birth_date and issues
		// columns; nil: not checked.
		cleanDates, issues []string
	}{
		{"registry", registryFixture, nil, nil, nil},
		{"EHR with bad values", ehrRegular, nil, nil, nil},
		// A date cell reads as its serial, a CCCD typed as a number as
		// Excel stored it: rejected, not turned into digits.
		{"date serial, numeric CCCD, empty rows", "Họ và tên,Ngày sinh,Số CCCD\nLê Thị Hoa,32966,001190012345\n,,\nVũ Văn An,1.5.1960,1.0E+11\n",
			[][]string{nil, {"Họ và tên", "Ngày sinh", "Số CCCD"}, {"Lê Thị Hoa", "=32966", "001190012345"}, nil, {"Vũ Văn An", "1.5.1960", "=1.0E+11"}, nil, nil},
			[]string{"03/04/1990", "", "01/05/1960"}, []string{"", "", "national_id"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			rows := tc.xlsx
			if rows == nil {
				rows = csvRows(t, tc.csv)
			}
			inCSV := writeFile(t, dir, "in.csv", tc.csv)
			inXLSX := writeFile(t, dir, "in.xlsx", string(xlsxFile(t, rows)))
			var outs [2]string
			for i, in := range []string{inCSV, inXLSX} {
				out := filepath.Join(dir, fmt.Sprintf("out%d.csv", i))
				if code, log := runCLI("clean", "-in", in, "-out", out, "-today", today, "-q"); code != 0 {
					t.Fatalf("clean %s: exit %d\n%s", in, code, log)
				}
				b, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				outs[i] = string(b)
			}
			got, ok := strings.CutPrefix(outs[1], "\ufeff")
			if !ok {
				t.Errorf("the output of an .xlsx input has no byte-order mark")
			}
			if diff := cmp.Diff(outs[0], got); diff != "" {
				t.Errorf("clean output (-csv +xlsx):\n%s", diff)
			}
			if tc.cleanDates != nil {
				tab, err := readTable(strings.NewReader(got))
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tc.cleanDates, column(t, tab, "clean_birth_date")); diff != "" {
					t.Errorf("clean_birth_date (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(tc.issues, column(t, tab, "issues")); diff != "" {
					t.Errorf("issues (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// TestLinkXLSX links an .xlsx EHR extract to a CSV population list, and
// dedupes it: the outputs are those of the CSV extract.
func TestLinkXLSX(t *testing.T) {
	dir := t.TempDir()
	ehr := strings.Join(strings.SplitAfter(ehrFixture, "\n")[:5], "")
	inCSV := writeFile(t, dir, "ehr.csv", ehr)
	inXLSX := writeFile(t, dir, "ehr.xlsx", string(xlsxFile(t, csvRows(t, ehr))))
	reg := writeFile(t, dir, "reg.csv", registryFixture)
	for _, cmd := range []string{"link", "dedupe"} {
		t.Run(cmd, func(t *testing.T) {
			var outs [2]string
			for i, in := range []string{inCSV, inXLSX} {
				out := filepath.Join(dir, fmt.Sprintf("%s%d.csv", cmd, i))
				args := []string{cmd, "-in", in, "-out", out, "-today", today, "-q"}
				if cmd == "link" {
					args = []string{cmd, "-left", in, "-right", reg, "-out", out, "-today", today, "-q"}
				}
				if code, log := runCLI(args...); code != 0 {
					t.Fatalf("%s: exit %d\n%s", in, code, log)
				}
				b, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				outs[i] = string(b)
			}
			if diff := cmp.Diff(outs[0], strings.TrimPrefix(outs[1], "\ufeff")); diff != "" {
				t.Errorf("output (-csv +xlsx):\n%s", diff)
			}
		})
	}
}

func TestReadXLSXTable(t *testing.T) {
	type row struct {
		Line  int
		Cells []string
	}
	tests := []struct {
		name   string
		rows   [][]string
		header []string
		want   []row
		issues []string
	}{
		{"header after empty rows, gaps kept, trailing gaps dropped",
			[][]string{nil, {"Họ tên", "", "SĐT", ""}, {"An"}, nil, nil, {"", "", "0912"}, nil},
			[]string{"Họ tên", "", "SĐT"},
			[]row{{3, []string{"An", "", ""}}, {4, []string{"", "", ""}}, {5, []string{"", "", ""}}, {6, []string{"", "", "0912"}}},
			nil},
		{"value right of the header",
			[][]string{{"A", "B"}, {"1", "2", "", "x"}, {"3", "4", ""}},
			[]string{"A", "B"},
			[]row{{2, []string{"1", "2"}}, {3, []string{"3", "4"}}},
			[]string{"row 1, row: vnlink.ReadXLSX: invalid syntax: has a value in D2, right of the last named column B (Excel row 2); it is left out"}},
		{"numbers as stored",
			[][]string{{"id", "cccd"}, {"=7", "=1.0E+11"}},
			[]string{"id", "cccd"},
			[]row{{2, []string{"7", "1.0E+11"}}},
			nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := xlsxFile(t, tc.rows)
			tab, err := readInputTable(bytes.NewReader(b)) // no name: found by its signature
			if err != nil {
				t.Fatal(err)
			}
			var got []row
			for _, r := range tab.Rows {
				got = append(got, row{r.Line, r.Cells})
			}
			var issues []string
			for _, e := range tab.Issues {
				issues = append(issues, fmt.Sprintf("row %d, %s: %v", e.Row, e.Field, e.Err))
			}
			if diff := cmp.Diff(tc.header, tab.Header); diff != "" {
				t.Errorf("header (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.issues, issues); diff != "" {
				t.Errorf("issues (-want +got):\n%s", diff)
			}
			if tab.Delim != ',' || !tab.BOM {
				t.Errorf("delimiter %q, BOM %v; want ',' and a BOM", tab.Delim, tab.BOM)
			}
		})
	}
}

func TestXLSXInputErrors(t *testing.T) {
	dir := t.TempDir()
	good := xlsxFile(t, [][]string{{"Họ và tên"}, {"An"}})
	out := filepath.Join(dir, "out.csv")
	tests := []struct {
		name, file, content, want string
	}{
		{"empty sheet", "empty.xlsx", string(xlsxFile(t, [][]string{nil, nil})), `input: sheet "Bệnh nhân" is empty: the first row must name the columns`},
		{"CSV named .xlsx", "text.xlsx", registryFixture, "input: xlsx: not a zip archive"},
		{"old Excel file", "old.xls", oleMagic + strings.Repeat("\x00", 60), "input: the file is an Excel 97-2003 workbook (.xls)"},
		{"truncated workbook", "cut.xlsx", string(good[:len(good)-30]), "input: xlsx: not a zip archive"},
		{"value-free messages", "bad.xlsx", string(xlsxFile(t, [][]string{{"Họ và tên"}, {"", "!Nguyễn &bogus; Văn"}})),
			`input: xlsx: sheet "Bệnh nhân" (xl/worksheets/sheet1.xml), B2: malformed XML on line 1`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := writeFile(t, dir, tc.file, tc.content)
			code, log := runCLI("clean", "-in", in, "-out", out, "-today", today)
			if code != 1 || !strings.Contains(log, tc.want) {
				t.Errorf("exit %d, log:\n%s\nwant exit 1 and %q", code, log, tc.want)
			}
			if strings.Contains(log, "Nguyễn") {
				t.Errorf("the log holds a cell's value:\n%s", log)
			}
		})
	}
}

// TestXLSXStream reads an .xlsx workbook from a stream that is not a file.
func TestXLSXStream(t *testing.T) {
	b := xlsxFile(t, csvRows(t, registryFixture))
	tab, err := readInputTable(io.MultiReader(bytes.NewReader(b)))
	if err != nil {
		t.Fatal(err)
	}
	want := csvRows(t, registryFixture)
	got := [][]string{tab.Header}
	for _, r := range tab.Rows {
		got = append(got, r.Cells)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

// BenchmarkReadXLSXTable50k reads a 50,000-row .xlsx input as the CLI does.
func BenchmarkReadXLSXTable50k(b *testing.B) {
	rows := [][]string{{"Mã BN", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Điện thoại", "Địa chỉ", "Dân tộc"}}
	for i := range 50000 {
		rows = append(rows, []string{
			fmt.Sprintf("BN%d", i), fmt.Sprintf("Nguyễn Văn Người %d", i), fmt.Sprintf("=%d", 20000+i%20000), "Nam",
			fmt.Sprintf("0010%08d", i), fmt.Sprintf("=912%06d", i), fmt.Sprintf("Thôn %d, xã Ngọc Hồi, Hà Nội", i%97), "Kinh",
		})
	}
	file := xlsxFile(b, rows)
	b.SetBytes(int64(len(file)))
	b.ResetTimer()
	for b.Loop() {
		tab, err := readInputTable(bytes.NewReader(file))
		if err != nil {
			b.Fatal(err)
		}
		if len(tab.Rows) != 50000 {
			b.Fatalf("%d rows", len(tab.Rows))
		}
	}
}
