package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vnlink/vnlink/normalize"
)

// today fixes the date birth dates are checked against in the tests.
const today = "2026-01-01"

// ehrFixture is a small EHR extract with Vietnamese headers: two records of
// one man written differently, a record full of bad values, a name with a
// digit, a row with too many cells and a row with too few.
const ehrFixture = "Mã BN,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số thẻ BHYT,Điện thoại,Địa chỉ,Dân tộc\n" +
	"A1,Nguyễn Văn Quảng,12/03/1985,Nam,001085012345,DN4010123456789,0912345678,\"Thôn Đoài, xã Ngọc Hồi, Hà Nội\",Kinh\n" +
	"A2,NGUYEN VAN QUANG,1985-03-12,nam,001085012345,,0912 345 678,\"Thon Doai, Ngoc Hoi, Ha Noi\",kinh\n" +
	"A3,Trần Thị Bích Ngọc,31/02/1990,Nữ,99912,XX99,1234,\"Xóm Bãi, xã Liên Ninh\",Marsianh\n" +
	"A4,Lê Minh 3 Khôi,07/07/2001,Nam,,,,,Tày\n" +
	"A5,Phạm Thu Hường,05/05/1970,Nữ,001170054321,,0987654321,\"Thôn Đông, xã Ngọc Hồi\",Kinh,surplusvalue\n" +
	"A6,Đỗ Hữu Thắng,09/09/1999\n"

// registryFixture is a small population list with the police export's
// column names.
const registryFixture = "record_id,ho_va_ten,ngay_sinh,gioi_tinh,so_dinh_danh,so_cmnd,dan_toc,so_dien_thoai,ma_ho,noi_thuong_tru\n" +
	"R1,Nguyễn Văn Quảng,12/03/1985,Nam,001085012345,013456789,Kinh,0912345678,H1,\"Thôn Đoài, xã Ngọc Hồi, thành phố Hà Nội\"\n" +
	"R2,Phạm Thu Hường,05/05/1970,Nữ,001170054321,,Kinh,0987654321,H2,\"Thôn Đông, xã Ngọc Hồi, thành phố Hà Nội\"\n" +
	"R3,Vũ Thị Hạnh,20/10/1955,Nữ,001155000777,011223344,Kinh,,H3,\"Thôn Bắc, xã Ngọc Hồi, thành phố Hà Nội\"\n"

// writeFile writes content to name in dir and returns its path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// runCLI runs the command line and returns the exit status and what it
// printed, standard output and log together.
func runCLI(args ...string) (int, string) {
	var log bytes.Buffer
	code := run(args, &log, &log)
	return code, log.String()
}

// readCSVFile reads a whole CSV file written by vnlink.
func readCSVFile(t *testing.T, path string) *table {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := readTable(f)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

// column returns the cells of the named column of tab.
func column(t *testing.T, tab *table, name string) []string {
	t.Helper()
	c := slices.Index(tab.Header, name)
	if c < 0 {
		t.Fatalf("no column %q in %v", name, tab.Header)
	}
	var out []string
	for i := range tab.Rows {
		out = append(out, tab.cell(i, c))
	}
	return out
}

func TestCommandLineErrors(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.csv", registryFixture)
	out := filepath.Join(dir, "out.csv")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no command", nil, 2, "Usage:"},
		{"help", []string{"-h"}, 0, "Privacy:"},
		{"command help", []string{"dedupe", "-h"}, 0, "-in file"},
		{"unknown command", []string{"merge"}, 2, `unknown command "merge"`},
		{"missing -in", []string{"clean", "-out", out}, 2, "-in is required"},
		{"missing -out", []string{"dedupe", "-in", in}, 2, "-out is required"},
		{"link needs both", []string{"link", "-left", in, "-out", out}, 2, "-left and -right are required"},
		{"no terminal output", []string{"clean", "-in", in, "-out", "-"}, 2, "never to the terminal"},
		{"overwrite input", []string{"clean", "-in", in, "-out", in}, 2, "overwrite an input"},
		{"bad threshold", []string{"dedupe", "-in", in, "-out", out, "-threshold", "3"}, 2, "-threshold"},
		{"NaN threshold", []string{"dedupe", "-in", in, "-out", out, "-threshold", "NaN"}, 2, "-threshold"},
		{"too many workers", []string{"dedupe", "-in", in, "-out", out, "-workers", "100000"}, 2, "-workers"},
		{"negative max-block", []string{"dedupe", "-in", in, "-out", out, "-max-block", "-2"}, 2, "-1 for no limit"},
		{"extra argument", []string{"clean", "-in", in, "-out", out, "x"}, 2, "unexpected arguments"},
		{"bad today", []string{"clean", "-in", in, "-out", out, "-today", "1/1/2026"}, 1, "-today"},
		{"bad map", []string{"clean", "-in", in, "-out", out, "-map", "shoe=x"}, 1, `unknown field "shoe"`},
		{"missing input", []string{"clean", "-in", filepath.Join(dir, "nope.csv"), "-out", out}, 1, "file or folder"},
		{"missing units", []string{"clean", "-in", in, "-out", out, "-units", filepath.Join(dir, "nope")}, 1, "-units"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, log := runCLI(tc.args...)
			if code != tc.code || !strings.Contains(log, tc.want) {
				t.Errorf("exit %d, log:\n%s\nwant exit %d and %q", code, log, tc.code, tc.want)
			}
		})
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a failed run left %s behind", out)
	}
}

func TestMissingRequiredColumn(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.csv", "id;ho_ten;dia_chi\n1;Nguyễn Văn An;Hà Nội\n")
	out := filepath.Join(dir, "out.csv")
	code, log := runCLI("dedupe", "-in", in, "-out", out, "-today", today)
	if code != 1 || !strings.Contains(log, "no column found for birth_date") {
		t.Errorf("exit %d, log:\n%s", code, log)
	}
	if strings.Contains(log, "Nguyễn") {
		t.Errorf("log holds a name:\n%s", log)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("output written despite the error")
	}
	// clean needs no particular column.
	if code, log := runCLI("clean", "-in", in, "-out", out, "-today", today); code != 0 {
		t.Errorf("clean: exit %d, log:\n%s", code, log)
	}
}

func TestClean(t *testing.T) {
	tests := []struct {
		name  string
		input string
		delim rune
		bom   bool
	}{
		{"comma", ehrFixture, ',', false},
		{"semicolon with BOM", "\ufeff" + toSemicolons(t, ehrFixture), ';', true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			in := writeFile(t, dir, "ehr.csv", tc.input)
			out := filepath.Join(dir, "clean.csv")
			js := filepath.Join(dir, "clean.json")
			if code, log := runCLI("clean", "-in", in, "-out", out, "-json", js, "-today", today); code != 0 {
				t.Fatalf("exit %d, log:\n%s", code, log)
			}
			raw, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			// The output starts with the byte-order mark Excel needs, with
			// or without one in the input.
			if !bytes.HasPrefix(raw, []byte("\ufeff")) {
				t.Errorf("output without a byte-order mark (input BOM %v)", tc.bom)
			}
			tab := readCSVFile(t, out)
			if tab.Delim != tc.delim {
				t.Errorf("output delimiter %q, want %q", tab.Delim, tc.delim)
			}
			got := map[string][]string{
				"row":                column(t, tab, "row"),
				"Mã BN":              column(t, tab, "Mã BN"),
				"clean_full_name":    column(t, tab, "clean_full_name"),
				"clean_birth_date":   column(t, tab, "clean_birth_date"),
				"clean_sex":          column(t, tab, "clean_sex"),
				"clean_national_id":  column(t, tab, "clean_national_id"),
				"clean_insurance_id": column(t, tab, "clean_insurance_id"),
				"clean_bhxh":         column(t, tab, "clean_bhxh"),
				"clean_phone":        column(t, tab, "clean_phone"),
				"clean_ethnicity":    column(t, tab, "clean_ethnicity"),
				"issues":             column(t, tab, "issues"),
			}
			want := map[string][]string{
				"row":                {"1", "2", "3", "4", "5", "6"},
				"Mã BN":              {"A1", "A2", "A3", "A4", "A5", "A6"},
				"clean_full_name":    {"Nguyễn Văn Quảng", "Nguyen Van Quang", "Trần Thị Bích Ngọc", "", "", "Đỗ Hữu Thắng"},
				"clean_birth_date":   {"12/03/1985", "12/03/1985", "", "07/07/2001", "", "09/09/1999"},
				"clean_sex":          {"Nam", "Nam", "Nữ", "Nam", "", ""},
				"clean_national_id":  {"001085012345", "001085012345", "", "", "", ""},
				"clean_insurance_id": {"DN4010123456789", "", "", "", "", ""},
				"clean_bhxh":         {"0123456789", "", "", "", "", ""},
				"clean_phone":        {"0912345678", "0912345678", "", "", "", ""},
				"clean_ethnicity":    {"Kinh", "Kinh", "", "Tày", "", ""},
				"issues": {"", "", "birth_date;ethnicity;insurance_id;national_id;phone",
					"full_name", "row", "row"},
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("clean output (-want +got):\n%s", diff)
			}
			var sum summary
			readJSON(t, js, &sum)
			fields := map[string][3]int{}
			for _, f := range sum.Inputs[0].Fields {
				fields[f.Field] = [3]int{f.Present, f.Valid, f.Issues}
			}
			wantFields := map[string][3]int{
				"full_name": {6, 4, 2}, "birth_date": {6, 4, 2}, "sex": {5, 4, 1},
				"national_id": {4, 2, 2}, "insurance_id": {2, 1, 1}, "phone": {4, 2, 2},
				"address": {4, 3, 1}, "ethnicity": {5, 3, 2},
			}
			if diff := cmp.Diff(wantFields, fields); diff != "" {
				t.Errorf("field counts [present valid issues] (-want +got):\n%s", diff)
			}
		})
	}
}

// toSemicolons rewrites a comma-separated fixture with semicolons.
func toSemicolons(t *testing.T, s string) string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(s))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = ';'
	w.WriteAll(recs)
	return b.String()
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

// personalValues returns the cells of a fixture worth looking for in the
// logs: every cell of a data row with four characters or more, as written,
// in canonical text and folded.
func personalValues(t *testing.T, fixture string) []string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(fixture))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, rec := range recs[1:] {
		for _, c := range rec {
			for _, v := range []string{c, normalize.Text(c), normalize.Fold(c)} {
				if len([]rune(v)) >= 4 && !slices.Contains(out, v) {
					out = append(out, v)
				}
			}
		}
	}
	return out
}

// TestNoPersonalDataInLogs runs every command on fixtures full of personal
// values, good and bad, and checks that none of them reaches the log or the
// JSON summary: only the -out file may hold them.
func TestNoPersonalDataInLogs(t *testing.T) {
	dir := t.TempDir()
	ehr := writeFile(t, dir, "ehr.csv", ehrFixture)
	reg := writeFile(t, dir, "registry.csv", registryFixture)
	values := append(personalValues(t, ehrFixture), personalValues(t, registryFixture)...)
	out := filepath.Join(dir, "out.csv")
	js := filepath.Join(dir, "summary.json")
	page := filepath.Join(dir, "report.html")
	tests := []struct {
		name     string
		args     []string
		wantHTML []string
	}{
		{"clean", []string{"clean", "-in", ehr}, []string{"Cách đọc tệp: Tệp đầu vào", "<td>birth_date</td><td>Ngày sinh</td><td>6</td><td>4</td><td>2</td>"}},
		{"dedupe", []string{"dedupe", "-in", ehr, "-workers", "1"}, []string{`<div class="v">5</div><div class="l">Người</div>`, "cccd_exact"}},
		{"link", []string{"link", "-left", ehr, "-right", reg, "-workers", "1"}, []string{"(hồ sơ không tìm thấy người)", "cccd_exact"}},
		{"link reversed", []string{"link", "-left", reg, "-right", ehr, "-workers", "1"}, []string{"(người chưa có hồ sơ)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append(tc.args, "-out", out, "-json", js, "-html", page, "-today", today, "-lang", "vi")
			code, log := runCLI(args...)
			if code != 0 {
				t.Fatalf("exit %d, log:\n%s", code, log)
			}
			var sum map[string]any
			readJSON(t, js, &sum)
			delete(sum, "model") // numbers only, checked by linkage
			b, err := json.Marshal(sum)
			if err != nil {
				t.Fatal(err)
			}
			outFile, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			html, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.wantHTML {
				if !strings.Contains(string(html), w) {
					t.Errorf("the HTML report lacks %q", w)
				}
			}
			found := 0
			for _, v := range values {
				if strings.Contains(log, v) {
					t.Errorf("the log holds the personal value %q:\n%s", v, log)
				}
				if strings.Contains(string(b), v) {
					t.Errorf("the JSON summary holds the personal value %q", v)
				}
				if strings.Contains(string(html), v) {
					t.Errorf("the HTML report holds the personal value %q", v)
				}
				if strings.Contains(string(outFile), v) {
					found++
				}
			}
			if found == 0 {
				t.Error("the output file holds none of the values: the check looks for the wrong strings")
			}
		})
	}
}

// TestTinyInputs checks that files with no row or one row, where there is
// nothing to train a model on, still give every row in the output.
func TestTinyInputs(t *testing.T) {
	dir := t.TempDir()
	empty := writeFile(t, dir, "empty.csv", "ho_ten,ngay_sinh\n")
	one := writeFile(t, dir, "one.csv", "ho_ten,ngay_sinh\nNguyễn An,1990\n")
	out := filepath.Join(dir, "out.csv")
	tests := []struct {
		name   string
		args   []string
		column string
		want   []string
	}{
		{"dedupe empty", []string{"dedupe", "-in", empty}, "cluster", nil},
		{"dedupe one row", []string{"dedupe", "-in", one}, "cluster", []string{"1"}},
		{"link empty left", []string{"link", "-left", empty, "-right", one}, "status", []string{tr(statusRightOnly)}},
		{"link empty right", []string{"link", "-left", one, "-right", empty}, "status", []string{tr(statusLeftOnly)}},
		{"clean empty", []string{"clean", "-in", empty}, "issues", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, log := runCLI(append(tc.args, "-out", out, "-today", today)...)
			if code != 0 {
				t.Fatalf("exit %d, log:\n%s", code, log)
			}
			got := column(t, readCSVFile(t, out), tc.column)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s column (-want +got):\n%s", tc.column, diff)
			}
		})
	}
}

func TestExplain(t *testing.T) {
	dir := t.TempDir()
	ehr := writeFile(t, dir, "ehr.csv", ehrFixture)
	reg := writeFile(t, dir, "registry.csv", registryFixture)
	values := append(personalValues(t, ehrFixture), personalValues(t, registryFixture)...)
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"dedupe pair", []string{"-in", ehr, "-pair", "1,2"}, 0,
			[]string{"rows 1 and 2: weight", "same cluster: yes", "national_id", "cccd_exact", "birth_date"}},
		{"dedupe pair apart", []string{"-in", ehr, "-pair", "1,5"}, 0,
			[]string{"rows 1 and 5: weight", "same cluster: no"}},
		{"link pair", []string{"-left", ehr, "-right", reg, "-pair", "2-1", "-pair", "1 3"}, 0,
			[]string{"left row 2 and right row 1: weight", "left row 1 and right row 3: weight", "different people"}},
		{"row out of range", []string{"-in", ehr, "-pair", "1,7"}, 1, []string{"the files have 6 and 6 rows"}},
		{"bad pair", []string{"-in", ehr, "-pair", "1"}, 2, []string{"give two row numbers"}},
		{"no pair", []string{"-in", ehr}, 2, []string{"-pair is required"}},
		{"both inputs", []string{"-in", ehr, "-left", ehr, "-right", reg, "-pair", "1,2"}, 2, []string{"either -in, or -left and -right"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, log := runCLI(append([]string{"explain", "-today", today, "-workers", "1"}, tc.args...)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; log:\n%s", code, tc.code, log)
			}
			for _, w := range tc.want {
				if !strings.Contains(log, w) {
					t.Errorf("output lacks %q:\n%s", w, log)
				}
			}
			for _, v := range values {
				if strings.Contains(log, v) {
					t.Errorf("output holds the personal value %q", v)
				}
			}
		})
	}
}

// unitsDir is the administrative-unit data, kept outside the repository.
const unitsDir = "../../../shared/data/adminunits"

// TestCleanUnits checks the clean_ward column with the built-in
// administrative units and with the lists given by -units.
func TestCleanUnits(t *testing.T) {
	_, noData := os.Stat(filepath.Join(unitsDir, "units_2025_after.json"))
	dir := t.TempDir()
	in := writeFile(t, dir, "in.csv", "dia_chi\n"+
		"\"Thôn Đông, xã Ngọc Hồi, huyện Thanh Trì, thành phố Hà Nội\"\n"+
		"\"Thôn Đoài, xã Ngọc Hồi, thành phố Hà Nội\"\n"+
		"\"Thôn Đông, xã Ngọc Hồi\"\n"+
		"\"Xóm Mới\"\n")
	out := filepath.Join(dir, "out.csv")
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"built in", nil, []string{"xã Ngọc Hồi, Hà Nội", "xã Ngọc Hồi, Hà Nội", "xã Ngọc Hồi, Hà Nội", ""}},
		{"with data", []string{"-units", unitsDir}, []string{"xã Ngọc Hồi, Hà Nội", "xã Ngọc Hồi, Hà Nội", "xã Ngọc Hồi, Hà Nội", ""}},
		{"with data and province", []string{"-units", unitsDir, "-province", "Hà Nội"},
			[]string{"xã Ngọc Hồi, Hà Nội", "xã Ngọc Hồi, Hà Nội", "xã Ngọc Hồi, Hà Nội", ""}},
		{"built in, province", []string{"-province", "Hà Nội"}, []string{"xã Ngọc Hồi, Hà Nội", "xã Ngọc Hồi, Hà Nội", "xã Ngọc Hồi, Hà Nội", ""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if noData != nil && slices.Contains(tc.args, "-units") {
				t.Skipf("administrative-unit data not found in %s (the shared data folder beside the repository): %v", unitsDir, noData)
			}
			args := append([]string{"clean", "-in", in, "-out", out, "-today", today, "-q"}, tc.args...)
			if code, log := runCLI(args...); code != 0 {
				t.Fatalf("exit %d, log:\n%s", code, log)
			}
			if diff := cmp.Diff(tc.want, column(t, readCSVFile(t, out), "clean_ward")); diff != "" {
				t.Errorf("clean_ward (-want +got):\n%s", diff)
			}
		})
	}
}
