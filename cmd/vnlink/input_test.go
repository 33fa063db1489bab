package main

import (
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	tbl "github.com/vnlink/vnlink/table"
)

// readTable reads a table the way the commands read their inputs, with the
// default options; the tests read the outputs back with it.
func readTable(r io.Reader) (*table, error) { return readInputTable(r, readOptions{}) }

// TestReadInputTable pins down what the commands see of a text input: the
// delimiter and BOM they write back, the rows, lines and the rows left out
// of matching.
func TestReadInputTable(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		delim    rune
		bom      bool
		header   []string
		rows     [][]string
		lines    []int
		unusable []int // 0-based rows
		damaged  int
		ragged   int
		invalid  map[int][]int
		warning  string // a substring of one warning
	}{
		{name: "comma", in: "a,b\n1,2\n", delim: ',', header: []string{"a", "b"}, rows: [][]string{{"1", "2"}}, lines: []int{2}},
		{name: "BOM, semicolons and CRLF", in: "\xef\xbb\xbfa;b\r\n1;2\r\n", delim: ';', bom: true,
			header: []string{"a", "b"}, rows: [][]string{{"1", "2"}}, lines: []int{2}},
		{name: "tabs", in: "a\tb\n1\t2\n", delim: '\t', header: []string{"a", "b"}, rows: [][]string{{"1", "2"}}, lines: []int{2}},
		{name: "short row padded, long row unusable and cut, trailing empties dropped",
			in: "a,b,c\n1\n1,2,3,4\n1,2,3,,\n", delim: ',', header: []string{"a", "b", "c"},
			rows: [][]string{{"1", "", ""}, {"1", "2", "3"}, {"1", "2", "3"}}, lines: []int{2, 3, 4}, unusable: []int{1}, ragged: 2},
		{name: "bare quote: row kept as written, damaged, reading goes on",
			in: "a,b\n1,x \"y\" z\n3,4\n", delim: ',', header: []string{"a", "b"},
			rows: [][]string{{"1", "x \"y\" z"}, {"3", "4"}}, lines: []int{2, 3}, warning: ""},
		{name: "stray quote at the start of a field: one damaged row",
			in: "a,b\n1,\"oops\n3,4\n5,6\n", delim: ',', header: []string{"a", "b"},
			rows: [][]string{{"1", "\"oops"}, {"3", "4"}, {"5", "6"}}, lines: []int{2, 3, 4}, unusable: []int{0}, damaged: 1,
			warning: "1 rows whose quotes could not be read were split as written (rows 1)"},
		{name: "invalid UTF-8 cell", in: "a,b\n1,\xff\n", delim: ',', header: []string{"a", "b"},
			rows: [][]string{{"1", "\xff"}}, lines: []int{2}, invalid: map[int][]int{0: {1}}},
		{name: "quoted newline", in: "a,b\n\"x\ny\",2\n3,4\n", delim: ',', header: []string{"a", "b"},
			rows: [][]string{{"x\ny", "2"}, {"3", "4"}}, lines: []int{2, 4}},
		{name: "empty row after a quoted newline", in: "a,b\n\"x\ny\",2\n\n3,4\n", delim: ',', header: []string{"a", "b"},
			rows: [][]string{{"x\ny", "2"}, {"3", "4"}}, lines: []int{2, 5}, warning: "1 empty rows between the data rows were skipped"},
		{name: "Excel sep= line", in: "sep=;\na;b\n1;2\n", delim: ';', header: []string{"a", "b"}, rows: [][]string{{"1", "2"}}, lines: []int{3}},
		{name: "header only", in: "a,b\n", delim: ',', header: []string{"a", "b"}},
		{name: "empty rows between data rows are counted", in: "a,b\n1,2\n\n\n3,4\n", delim: ',', header: []string{"a", "b"},
			rows: [][]string{{"1", "2"}, {"3", "4"}}, lines: []int{2, 5}, warning: "2 empty rows between the data rows were skipped"},
		{name: "title row above the header", in: "DANH SÁCH BỆNH NHÂN\nho_ten,ngay_sinh\nx,1\n", delim: ',',
			header: []string{"ho_ten", "ngay_sinh"}, rows: [][]string{{"x", "1"}}, lines: []int{3}, warning: "1 non-empty rows above the header row 2"},
		{name: "UTF-16 LE with BOM", in: utf16LE("ho_ten,ngay_sinh\nx,1\n"), delim: ',', bom: true,
			header: []string{"ho_ten", "ngay_sinh"}, rows: [][]string{{"x", "1"}}, lines: []int{2}, warning: "UTF-16"},
		{name: "one column", in: "dia_chi\nx\ny\n", delim: ',', header: []string{"dia_chi"}, rows: [][]string{{"x"}, {"y"}}, lines: []int{2, 3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tab, err := readTable(strings.NewReader(tc.in))
			require.NoError(t, err)
			assert.Equal(t, tc.delim, tab.Delim, "delimiter")
			assert.Equal(t, tc.bom, tab.BOM, "BOM")
			assert.Equal(t, tc.header, tab.Header)
			var rows [][]string
			var lines, unusable []int
			for i, r := range tab.Rows {
				rows = append(rows, tab.cells(i))
				lines = append(lines, r.Line)
				if r.Unusable {
					unusable = append(unusable, i)
				}
				assert.Equal(t, tc.invalid[i], tab.invalid[i], "row %d invalid columns", i)
			}
			assert.Equal(t, tc.rows, rows)
			assert.Equal(t, tc.lines, lines)
			if tc.damaged > 0 || tc.unusable != nil {
				assert.Equal(t, tc.unusable, unusable)
			}
			assert.Equal(t, tc.damaged, tab.Damaged, "damaged")
			if tc.ragged > 0 {
				assert.Equal(t, tc.ragged, tab.Ragged, "ragged")
			}
			if tc.warning != "" {
				assert.Contains(t, strings.Join(tab.Warnings, "\n"), tc.warning)
			}
		})
	}
}

// TestReadInputTableErrors checks the errors of files that cannot be read
// at all: each says what to do, without a value.
func TestReadInputTableErrors(t *testing.T) {
	tests := []struct {
		name, in string
		ro       readOptions
		want     string
		is       error
	}{
		{name: "empty", in: "", want: "the file is empty"},
		{name: "old Excel file", in: oleMagic + strings.Repeat("\x00", 60), want: "Excel 97-2003"},
		{name: "no header row", in: "1,2\n3,4\n", want: "-header-row", is: tbl.ErrNoHeader},
		{name: "header row beyond the file", in: "a,b\n", ro: readOptions{HeaderRow: 5}, is: tbl.ErrNoHeader},
		{name: "cell over the limit", in: "a,b\n1," + strings.Repeat("x", 100) + "\n", ro: readOptions{limits: tbl.Options{MaxCellBytes: 50}},
			want: "row 2, column B", is: tbl.ErrLimit},
		{name: "not a workbook", in: zipMagic + "junk", want: "xlsx", is: tbl.ErrFormat},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readInputTable(strings.NewReader(tc.in), tc.ro)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			if tc.is != nil {
				assert.True(t, errors.Is(err, tc.is), "%v is not %v", err, tc.is)
			}
			assert.NotContains(t, err.Error(), "xxxxxxxx")
		})
	}
}

// TestMapColumns checks the columns found for the fields, with and
// without -map.
func TestMapColumns(t *testing.T) {
	tests := []struct {
		name     string
		header   []string
		explicit map[field]string
		want     map[field]int
		warning  string
	}{
		{name: "synthetic EHR", header: []string{"record_id", "full_name", "birth_date", "sex", "national_id", "phone", "address"},
			want: map[field]int{fieldID: 0, fieldFullName: 1, fieldBirthDate: 2, fieldSex: 3, fieldNationalID: 4, fieldPhone: 5, fieldAddress: 6}},
		{name: "Vietnamese headers with marks", header: []string{"STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Số thẻ BHYT", "Dân tộc"},
			want: map[field]int{fieldID: 0, fieldFullName: 1, fieldBirthDate: 2, fieldSex: 3, fieldNationalID: 4, fieldInsuranceID: 5, fieldEthnicity: 6}},
		{name: "earlier alias wins: dia_chi before noi_o", header: []string{"noi_o", "dia_chi", "ho_ten"},
			want: map[field]int{fieldAddress: 1, fieldFullName: 2}},
		{name: "explicit map, by exact name and by folded name", header: []string{"Tên KH", "NGÀY SN", "x"},
			explicit: map[field]string{fieldFullName: "Tên KH", fieldBirthDate: "ngay sn"},
			want:     map[field]int{fieldFullName: 0, fieldBirthDate: 1}},
		{name: "explicit map takes a column away from its default field", header: []string{"ho_ten", "dia_chi", "ten_khac"},
			explicit: map[field]string{fieldFullName: "ten_khac", fieldAddress: "ho_ten"},
			want:     map[field]int{fieldFullName: 2, fieldAddress: 0}},
		{name: "repeated names: first used, a warning by position", header: []string{"ho_ten", "ngay_sinh", "Họ tên"},
			want: map[field]int{fieldFullName: 0, fieldBirthDate: 1}, warning: "columns 1 and 3 have the same name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, warnings, err := mapColumns(tc.header, tc.explicit, nil)
			require.NoError(t, err)
			for f := range numFields {
				want, ok := tc.want[f]
				if !ok {
					want = -1
				}
				assert.Equal(t, want, m[f], "%s", f)
			}
			if tc.warning != "" {
				assert.Contains(t, strings.Join(warnings, "\n"), tc.warning)
			}
		})
	}
}

// TestMapColumnsErrors checks that the errors of the column mapping name
// columns by name only when that name is a known column name.
func TestMapColumnsErrors(t *testing.T) {
	tests := []struct {
		name     string
		header   []string
		explicit map[field]string
		want     string
		absent   []string
	}{
		{name: "missing required column", header: []string{"ho_ten", "Ghi chú riêng"}, want: "no column found for birth_date (columns: ho_ten, column 2 (B)",
			absent: []string{"Ghi chú"}},
		{name: "no header row: the first row is not printed", header: []string{"Nguyễn Văn An", "Thôn Đông"},
			want: "2 columns, none with a known name", absent: []string{"Nguyễn", "Thôn"}},
		{name: "mapped column absent", header: []string{"ho_ten", "ngay_sinh"}, explicit: map[field]string{fieldPhone: "DT"},
			want: `-map phone=DT: the file has no column "DT"`},
		{name: "one column for two fields", header: []string{"ho_ten", "ngay_sinh"},
			explicit: map[field]string{fieldFullName: "ho_ten", fieldAddress: "ho_ten"}, want: "mapped to two fields"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := mapColumns(tc.header, tc.explicit, requiredForMatching)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			for _, a := range tc.absent {
				assert.NotContains(t, err.Error(), a)
			}
		})
	}
}

// TestParseMapFlag checks the -map flag.
func TestParseMapFlag(t *testing.T) {
	tests := []struct {
		in      string
		want    map[field]string
		wantErr string
	}{
		{in: "", want: map[field]string{}},
		{in: `full_name=Họ tên, phone=DT`, want: map[field]string{fieldFullName: "Họ tên", fieldPhone: "DT"}},
		{in: "ho_ten=Tên,cccd=So CC", want: map[field]string{fieldFullName: "Tên", fieldNationalID: "So CC"}},
		{in: "full_name", wantErr: "is not field=column"},
		{in: "shoe_size=x", wantErr: `unknown field "shoe_size"`},
		{in: "full_name=a,ho_ten=b", wantErr: "given twice"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseMapFlag(tc.in)
			if tc.wantErr != "" {
				require.ErrorContains(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

// xlsxBook builds a workbook whose sheets hold rows, in order of names.
func xlsxBook(t testing.TB, sheets map[string][][]any, names ...string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range names {
		if i == 0 {
			require.NoError(t, f.SetSheetName("Sheet1", name))
		} else {
			_, err := f.NewSheet(name)
			require.NoError(t, err)
		}
		for r, row := range sheets[name] {
			cell, err := excelize.CoordinatesToCellName(1, r+1)
			require.NoError(t, err)
			require.NoError(t, f.SetSheetRow(name, cell, &row))
		}
	}
	var b bytes.Buffer
	require.NoError(t, f.Write(&b))
	return b.Bytes()
}

// TestCleanXLSX runs clean on a workbook: the same output as the CSV of
// its sheet, -sheet picks another sheet and -header-row the header row.
func TestCleanXLSX(t *testing.T) {
	dir := t.TempDir()
	rows := [][]any{{"Họ và tên", "Ngày sinh", "Số CCCD"}, {"Lê Thị Hoa", "1990-04-03", "001190012345"}, {"Vũ Văn An", "1.5.1960", ""}}
	other := [][]any{{"BÁO CÁO"}, {"ho_ten", "ngay_sinh", "so_cccd"}, {"Lê Thị Hoa", "1990-04-03", "001190012345"}, {"Vũ Văn An", "1.5.1960", ""}}
	book := writeFile(t, dir, "in.xlsx", string(xlsxBook(t, map[string][][]any{"Bệnh nhân": rows, "Khác": other}, "Bệnh nhân", "Khác")))
	csvIn := writeFile(t, dir, "in.csv", "Họ và tên,Ngày sinh,Số CCCD\nLê Thị Hoa,1990-04-03,001190012345\nVũ Văn An,1.5.1960,\n")
	clean := func(in string, extra ...string) *table {
		out := filepath.Join(dir, "out.csv")
		code, log := runCLI(append([]string{"clean", "-in", in, "-out", out, "-today", today, "-q"}, extra...)...)
		require.Equal(t, 0, code, log)
		return readCSVFile(t, out)
	}
	want := clean(csvIn)
	tests := []struct {
		name string
		args []string
	}{
		{"first sheet", nil},
		{"-sheet", []string{"-sheet", "Khác"}},
		{"-sheet and -header-row", []string{"-sheet", "Khác", "-header-row", "2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := clean(book, tc.args...)
			require.Len(t, got.Rows, len(want.Rows))
			for i := range want.Rows {
				assert.Equal(t, want.cells(i)[3:], got.cells(i)[3:], "row %d", i+1)
			}
		})
	}
	code, log := runCLI("clean", "-in", book, "-out", filepath.Join(dir, "x.csv"), "-sheet", "Không có")
	assert.Equal(t, 1, code)
	assert.Contains(t, log, "no sheet")
}

// TestDamagedExitStatus checks that a damaged row gives exit status 3 for
// every command that writes an output, 0 with -accept-damaged, and that the
// row is still in the output.
func TestDamagedExitStatus(t *testing.T) {
	dir := t.TempDir()
	body := strings.TrimPrefix(registryFixture, strings.SplitN(registryFixture, "\n", 2)[0]+"\n")
	in := writeFile(t, dir, "in.csv", strings.SplitN(registryFixture, "\n", 2)[0]+"\n"+body+"R9,\"Lê Văn Tí,01/01/1990,Nam\n")
	right := writeFile(t, dir, "right.csv", registryFixture)
	out := filepath.Join(dir, "out.csv")
	tests := []struct {
		name string
		args []string
	}{
		{"clean", []string{"clean", "-in", in, "-out", out}},
		{"dedupe", []string{"dedupe", "-in", in, "-out", out}},
		{"link", []string{"link", "-left", in, "-right", right, "-out", out}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, log := runCLI(append(tc.args, "-today", today)...)
			assert.Equal(t, 3, code, log)
			assert.Contains(t, log, "-accept-damaged")
			assert.Contains(t, log, "warning: 1 rows whose quotes could not be read")
			assert.NotContains(t, log, "Lê Văn")
			rows := len(readCSVFile(t, out).Rows)
			if tc.name == "clean" {
				js := filepath.Join(dir, "summary.json")
				code, _ := runCLI(append(tc.args, "-today", today, "-q", "-json", js)...)
				require.Equal(t, 3, code)
				var sum struct {
					Inputs []struct {
						DamagedRows int      `json:"damaged_rows"`
						Warnings    []string `json:"warnings"`
					} `json:"inputs"`
				}
				readJSON(t, js, &sum)
				require.Len(t, sum.Inputs, 1)
				assert.Equal(t, 1, sum.Inputs[0].DamagedRows)
				assert.Contains(t, strings.Join(sum.Inputs[0].Warnings, "\n"), "could not be read were split as written (rows 4)")
			}
			code, log = runCLI(append(tc.args, "-today", today, "-accept-damaged")...)
			assert.Equal(t, 0, code, log)
			assert.Equal(t, rows, len(readCSVFile(t, out).Rows))
			if tc.name != "link" {
				assert.Equal(t, 4, rows)
			}
		})
	}
}

// TestReconcileAcceptDamaged: a damaged row of a reconcile input gives exit
// status 3, and 0 with -accept-damaged, which still counts it in
// summary.json.
func TestReconcileAcceptDamaged(t *testing.T) {
	dir := t.TempDir()
	body := strings.TrimPrefix(registryFixture, strings.SplitN(registryFixture, "\n", 2)[0]+"\n")
	ehr := writeFile(t, dir, "ehr.csv", strings.SplitN(registryFixture, "\n", 2)[0]+"\n"+body+"R9,\"Lê Văn Tí,01/01/1990,Nam\n")
	reg := writeFile(t, dir, "registry.csv", registryFixture)
	args := []string{"reconcile", "-registry", reg, "-ehr", ehr, "-today", today, "-q", "-xlsx=false"}
	code, log := runCLI(append(args, "-out", filepath.Join(dir, "a"))...)
	assert.Equal(t, 3, code, log)
	code, log = runCLI(append(args, "-out", filepath.Join(dir, "b"), "-accept-damaged")...)
	assert.Equal(t, 0, code, log)
	var sum struct {
		Reconcile struct {
			RowsNotWhole int `json:"rows_not_whole"`
		} `json:"reconcile"`
	}
	readJSON(t, filepath.Join(dir, "b", fileSummary), &sum)
	assert.Equal(t, 1, sum.Reconcile.RowsNotWhole)
}
