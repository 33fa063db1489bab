package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/xuri/excelize/v2"
)

// openWorkbook opens a workbook written by vnlink.
func openWorkbook(t *testing.T, r io.Reader) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(r)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

// sheetRows returns the rows of a sheet, each padded to n cells (excelize
// leaves out the empty cells at the end of a row).
func sheetRows(t *testing.T, f *excelize.File, sheet string, n int) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	for i, r := range rows {
		for len(r) < n {
			r = append(r, "")
		}
		rows[i] = r
	}
	return rows
}

// sheetXML returns the XML of the sheet numbered i (from 1) of a workbook.
func sheetXML(t *testing.T, b []byte, i int) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	rc, err := zr.Open(fmt.Sprintf("xl/worksheets/sheet%d.xml", i))
	require.NoError(t, err)
	defer rc.Close()
	x, err := io.ReadAll(rc)
	require.NoError(t, err)
	return string(x)
}

func TestWorkbookWriter(t *testing.T) {
	header := []string{"Họ và tên", "Số CCCD", "Số điện thoại", "Ghi chú"}
	rows := [][]string{
		{"Nguyễn Thị Thu Hà", "001203001234", "0912345678", "=1+1"},
		{"Lê Văn A", "", "+84912345678", "@SUM(A1)"},
		{"", "000000000001", "-1", "dòng một\ndòng hai"},
		{"Đỗ", "079", "0", strings.Repeat("x", 200)},
	}
	var buf bytes.Buffer
	b, err := newWorkbook(&buf)
	require.NoError(t, err)
	s, err := b.sheet("Danh sách: A/B", header)
	require.Error(t, err, "a sheet name with : and / is refused")
	require.Nil(t, s)
	s, err = b.sheet("Thiếu hồ sơ", header)
	require.NoError(t, err)
	for _, r := range rows {
		require.NoError(t, s.Write(r))
	}
	_, err = b.sheet("Khác", header)
	require.Error(t, err, "the previous sheet is still open")
	require.NoError(t, s.Close())
	s2, err := b.sheet("Tổng hợp", []string{"Chỉ tiêu", "Số liệu"})
	require.NoError(t, err)
	require.NoError(t, s2.Close())
	require.NoError(t, b.Close())

	f := openWorkbook(t, bytes.NewReader(buf.Bytes()))
	assert.Equal(t, []string{"Thiếu hồ sơ", "Tổng hợp"}, f.GetSheetList())
	assert.Equal(t, 0, f.GetActiveSheetIndex())
	got := sheetRows(t, f, "Thiếu hồ sơ", len(header))
	assert.Equal(t, slices.Concat([][]string{header}, rows), got, "every cell as written, no apostrophe")
	assert.Equal(t, [][]string{{"Chỉ tiêu", "Số liệu"}}, sheetRows(t, f, "Tổng hợp", 2))

	// Every non-empty cell is a text cell in the Text format, none a
	// formula; the header is bold.
	for r := range len(rows) + 1 {
		for c := range header {
			ref, err := excelize.CoordinatesToCellName(c+1, r+1)
			require.NoError(t, err)
			formula, err := f.GetCellFormula("Thiếu hồ sơ", ref)
			require.NoError(t, err)
			assert.Empty(t, formula, ref)
			if got[r][c] == "" {
				continue
			}
			typ, err := f.GetCellType("Thiếu hồ sơ", ref)
			require.NoError(t, err)
			assert.Equal(t, excelize.CellTypeInlineString, typ, ref)
			id, err := f.GetCellStyle("Thiếu hồ sơ", ref)
			require.NoError(t, err)
			st, err := f.GetStyle(id)
			require.NoError(t, err)
			assert.Equal(t, 49, st.NumFmt, "%s: Text format", ref)
			assert.Equal(t, r == 0, st.Font != nil && st.Font.Bold, "%s: bold only in the header", ref)
		}
	}
	x := sheetXML(t, buf.Bytes(), 1)
	assert.NotContains(t, x, "<f>", "no formula element")
	assert.Regexp(t, `<autoFilter ref="\$?A\$?1:\$?D\$?5"`, x, "autofilter over the header and the rows")

	// The header row is frozen.
	panes, err := f.GetPanes("Thiếu hồ sơ")
	require.NoError(t, err)
	assert.True(t, panes.Freeze)
	assert.Equal(t, 1, panes.YSplit)
	assert.Equal(t, "A2", panes.TopLeftCell)

	// Columns fit their longest cell, within bounds.
	for col, want := range map[string]float64{"A": 19, "B": 14, "C": 15, "D": maxColWidth + 2} {
		w, err := f.GetColWidth("Thiếu hồ sơ", col)
		require.NoError(t, err)
		assert.Equal(t, want, w, col)
	}
}

func TestWorkbookManyRows(t *testing.T) {
	// More rows than the width sample: the rows held and those streamed
	// after them are all there once, in order.
	// Both ways of writing the zip file (straight out, or excelize's
	// buffer for a sheet past 4 GiB of XML) give the same workbook.
	const n = 2*widthSampleRows + 17
	for _, big := range []bool{false, true} {
		var buf bytes.Buffer
		b, err := newWorkbook(&buf)
		require.NoError(t, err)
		s, err := b.sheet("Tất cả các dòng", []string{"Dòng", "Số CCCD"})
		require.NoError(t, err)
		for i := range n {
			require.NoError(t, s.Write([]string{fmt.Sprint(i + 1), fmt.Sprintf("%012d", i)}))
		}
		require.NoError(t, s.Close())
		assert.False(t, b.big, "a small sheet goes straight out")
		b.big = big
		require.NoError(t, b.Close())
		rows := sheetRows(t, openWorkbook(t, &buf), "Tất cả các dòng", 2)
		require.Len(t, rows, n+1)
		for i, r := range rows[1:] {
			require.Equal(t, []string{fmt.Sprint(i + 1), fmt.Sprintf("%012d", i)}, r)
		}
	}
}

func TestWorkbookSheetFull(t *testing.T) {
	// A sheet takes rows up to Excel's last row, then says in Vietnamese
	// to write CSV instead of cutting the list.
	b, err := newWorkbook(io.Discard)
	require.NoError(t, err)
	defer b.abort()
	s, err := b.sheet("Tất cả các dòng", []string{"Dòng"})
	require.NoError(t, err)
	require.NoError(t, s.start())
	s.rows = maxSheetRows - 1 // as if the rows before were written
	require.NoError(t, s.Write([]string{"dòng cuối"}))
	err = s.Write([]string{"một dòng nữa"})
	require.ErrorIs(t, err, errSheetFull)
	assert.Contains(t, err.Error(), ".csv")
}

func TestCheckSheetName(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"Tổng hợp", true},
		{"4 Không khớp DS dân cư", true},
		{strings.Repeat("ệ", 31), true},
		{strings.Repeat("ệ", 32), false},
		{"", false},
		{"a[b]", false},
		{"a:b", false},
		{"a*b", false},
		{"a?b", false},
		{"a/b", false},
		{`a\b`, false},
		{"'ab", false},
	} {
		assert.Equal(t, tc.ok, checkSheetName(tc.name) == nil, "%q", tc.name)
	}
	for _, name := range []string{tr(sheetClean), tr(sheetDedupe), tr(sheetLink), sheetHeadline} {
		assert.NoError(t, checkSheetName(name))
	}
}

func TestOutputExtension(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "ehr.csv", ehrFixture)
	for _, tc := range []struct {
		out      string
		workbook bool
		ok       bool
	}{
		{"ra.xlsx", true, true},
		{"RA.XLSX", true, true},
		{"ra.Xlsx", true, true},
		{"ra.csv", false, true},
		{"ra.CSV", false, true},
		{"ra.txt", false, true},
		{"ra.tsv", false, true},
		{"ra", false, true},
		{"ra.xls", false, false},
		{"ra.XLS", false, false},
		{"ra.xlsm", false, false},
		{"ra.xlsb", false, false},
		{"ra.ods", false, false},
		{"ra.json", false, false},
		{"ra.html", false, false},
	} {
		t.Run(tc.out, func(t *testing.T) {
			wb, err := outputIsWorkbook(tc.out)
			assert.Equal(t, tc.ok, err == nil)
			assert.Equal(t, tc.workbook, wb)
			for _, cmd := range []string{"clean", "dedupe"} {
				out := filepath.Join(dir, cmd+"-"+tc.out)
				code, log := runCLI(cmd, "-in", in, "-out", out, "-today", today, "-q", "-lang", "vi")
				if !tc.ok {
					assert.Equal(t, 2, code, log)
					assert.Contains(t, log, "hãy đặt tên tệp kết thúc bằng .xlsx")
					assert.NoFileExists(t, out)
					continue
				}
				require.Equal(t, 0, code, log)
				b, err := os.ReadFile(out)
				require.NoError(t, err)
				assert.Equal(t, tc.workbook, bytes.HasPrefix(b, []byte("PK\x03\x04")), "a zip file exactly when .xlsx")
			}
		})
	}
	code, log := runCLI("link", "-left", in, "-right", in, "-out", filepath.Join(dir, "ghep.ods"), "-today", today)
	assert.Equal(t, 2, code, log)
}

// TestCleanDedupeLinkWorkbook checks that the workbook of clean, dedupe and
// link holds exactly the rows of their CSV output, under the same header,
// with leading zeros and formula-like values kept as text.
func TestCleanDedupeLinkWorkbook(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "ehr.csv", ehrFixture+"A7,=1+1,01/01/2000,Nam,001203001234,,0912345678,Hà Nội,Kinh\n")
	reg := writeFile(t, dir, "dan-cu.csv", registryFixture)
	for _, tc := range []struct {
		cmd, sheet string
		args       []string
	}{
		{"clean", tr(sheetClean), []string{"-in", in}},
		{"dedupe", tr(sheetDedupe), []string{"-in", in}},
		{"link", tr(sheetLink), []string{"-left", in, "-right", reg}},
	} {
		t.Run(tc.cmd, func(t *testing.T) {
			csvOut, xlsxOut := filepath.Join(dir, tc.cmd+".csv"), filepath.Join(dir, tc.cmd+".xlsx")
			for _, out := range []string{csvOut, xlsxOut} {
				code, log := runCLI(slices.Concat([]string{tc.cmd}, tc.args, []string{"-out", out, "-today", today, "-q"})...)
				require.Equal(t, 0, code, log)
			}
			b, err := os.ReadFile(csvOut)
			require.NoError(t, err)
			want, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
			require.NoError(t, err)
			xf, err := os.Open(xlsxOut)
			require.NoError(t, err)
			defer xf.Close()
			f := openWorkbook(t, xf)
			require.Equal(t, []string{tc.sheet}, f.GetSheetList())
			got := sheetRows(t, f, tc.sheet, len(want[0]))
			for _, r := range got {
				for i, c := range r {
					r[i] = neutralizeCell(c) // the CSV file neutralises formula-like cells
				}
			}
			require.Equal(t, want, got)
			panes, err := f.GetPanes(tc.sheet)
			require.NoError(t, err)
			assert.True(t, panes.Freeze)
			if tc.cmd == "link" {
				return
			}
			// Row 8 of the sheet is the added record: its values as typed.
			for ref, v := range map[string]string{"B8": "=1+1", "E8": "001203001234", "G8": "0912345678"} {
				c, err := f.GetCellValue(tc.sheet, ref)
				require.NoError(t, err)
				assert.Equal(t, v, c, ref)
				formula, err := f.GetCellFormula(tc.sheet, ref)
				require.NoError(t, err)
				assert.Empty(t, formula, ref)
			}
		})
	}
}

// TestReconcileWorkbook checks that danh-sach.xlsx starts with the headline
// figures and holds one sheet per list, each with exactly the rows of the
// list's CSV file.
func TestReconcileWorkbook(t *testing.T) {
	dir := t.TempDir()
	cfg := synth.DefaultConfig()
	cfg.People, cfg.Seed = 800, 3 // a commune with pairs to review
	files := map[string]*bytes.Buffer{"registry": {}, "ehr": {}, "bhyt": {}}
	_, err := synth.WriteCSV(cfg, synth.Outputs{Registry: files["registry"], EHR: files["ehr"], BHYT: files["bhyt"]})
	require.NoError(t, err)
	for name, b := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name+".csv"), b.Bytes(), 0o600))
	}
	out := filepath.Join(dir, "ket-qua")
	code, log := runCLI("reconcile", "-registry", filepath.Join(dir, "registry.csv"), "-ehr", filepath.Join(dir, "ehr.csv"),
		"-bhyt", filepath.Join(dir, "bhyt.csv"), "-out", out, "-today", today, "-workers", "1", "-q", "-lang", "vi")
	require.Equal(t, 0, code, log)

	xf, err := os.Open(filepath.Join(out, fileWorkbook))
	require.NoError(t, err)
	defer xf.Close()
	f := openWorkbook(t, xf)
	lists := []struct{ file, sheet string }{
		{fileMissing, "1 Thiếu hồ sơ"}, {fileDuplicates, "2 Hồ sơ trùng"}, {fileCorrections, "3 Sửa thông tin"},
		{fileUnmatched, "4 Không khớp DS dân cư"}, {fileReview, "5 Cần xem xét"}, {filePolice, "6 Công an xác minh"},
		{fileNewFromBHYT, "7 Mới từ BHYT"}, {fileHamlets, "Theo thôn"}, {fileRows, "Tất cả các dòng"},
	}
	want := []string{sheetHeadline}
	for _, l := range lists {
		want = append(want, l.sheet)
	}
	require.Equal(t, want, f.GetSheetList())
	for _, l := range lists {
		recs := readOutCSV(t, filepath.Join(out, l.file))
		got := sheetRows(t, f, l.sheet, len(recs[0]))
		for _, r := range got {
			for i, c := range r {
				r[i] = neutralizeCell(c) // the CSV file neutralises formula-like cells
			}
		}
		require.Equal(t, recs, got, l.sheet)
	}
	head := sheetRows(t, f, sheetHeadline, 2)
	require.Equal(t, headlineHeader, head[0])
	figures := map[string]string{}
	for _, r := range head[1:] {
		figures[r[0]] = r[1]
	}
	rows := readOutCSV(t, filepath.Join(out, fileRows))
	assert.Equal(t, fmt.Sprint(len(rows)-1), figures["Dòng đầu vào"])
	assert.Equal(t, fmt.Sprint(len(readOutCSV(t, filepath.Join(out, fileMissing)))-1), figures["Cần tạo hồ sơ (người)"])
	assert.Regexp(t, `^\d+,\d%$`, figures["Độ bao phủ"])

	// A clerk marks a pair in the workbook's review sheet and passes the
	// workbook back: -decisions reads that sheet, not the first one.
	if review := sheetRows(t, f, "5 Cần xem xét", len(readOutCSV(t, filepath.Join(out, fileReview))[0])); len(review) > 1 {
		wb, err := excelize.OpenFile(filepath.Join(out, fileWorkbook))
		require.NoError(t, err)
		cell, err := excelize.CoordinatesToCellName(len(review[0]), 2)
		require.NoError(t, err)
		require.NoError(t, wb.SetCellValue("5 Cần xem xét", cell, reviewDifferent))
		decided := filepath.Join(dir, "quyet-dinh.xlsx")
		require.NoError(t, wb.SaveAs(decided))
		require.NoError(t, wb.Close())
		code, log := runCLI("reconcile", "-registry", filepath.Join(dir, "registry.csv"), "-ehr", filepath.Join(dir, "ehr.csv"),
			"-bhyt", filepath.Join(dir, "bhyt.csv"), "-out", filepath.Join(dir, "lan-2"), "-today", today, "-workers", "1",
			"-decisions", decided, "-lang", "vi")
		require.Equal(t, 0, code, log)
		assert.Contains(t, log, "quyết định đã áp dụng: 1")
	} else {
		t.Log("no pair to review in this commune: the workbook's decisions are not tried")
	}

	// -xlsx=false writes the same CSV files and no workbook; run in a
	// folder that holds an earlier run's workbook and BHYT list, without
	// -bhyt, it removes both.
	csvOnly := filepath.Join(dir, "chi-csv")
	require.NoError(t, os.MkdirAll(csvOnly, 0o755))
	for _, name := range []string{fileWorkbook, fileNewFromBHYT} {
		require.NoError(t, os.WriteFile(filepath.Join(csvOnly, name), []byte("old"), 0o600))
	}
	code, log = runCLI("reconcile", "-registry", filepath.Join(dir, "registry.csv"), "-ehr", filepath.Join(dir, "ehr.csv"),
		"-out", csvOnly, "-today", today, "-workers", "1", "-q", "-xlsx=false")
	require.Equal(t, 0, code, log)
	assert.NoFileExists(t, filepath.Join(csvOnly, fileWorkbook))
	assert.NoFileExists(t, filepath.Join(csvOnly, fileNewFromBHYT))
	code, log = runCLI("reconcile", "-registry", filepath.Join(dir, "registry.csv"), "-ehr", filepath.Join(dir, "ehr.csv"),
		"-bhyt", filepath.Join(dir, "bhyt.csv"), "-out", csvOnly, "-today", today, "-workers", "1", "-q", "-xlsx=false", "-lang", "vi")
	require.Equal(t, 0, code, log)
	assert.NoFileExists(t, filepath.Join(csvOnly, fileWorkbook))
	for _, l := range lists {
		a, err := os.ReadFile(filepath.Join(out, l.file))
		require.NoError(t, err)
		b, err := os.ReadFile(filepath.Join(csvOnly, l.file))
		require.NoError(t, err)
		assert.Equal(t, a, b, l.file)
	}
}
