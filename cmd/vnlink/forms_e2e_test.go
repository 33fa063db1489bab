package main

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// utf16LE encodes s as Excel's "Unicode Text": UTF-16 little-endian with
// its byte-order mark.
func utf16LE(s string) string {
	out := []byte{0xff, 0xfe}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return string(out)
}

// TestInputForms runs clean on one person written in each form a station's
// files come in and checks that every form gives the same clean fields.
func TestInputForms(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, data, 0o600))
		return p
	}
	xlsxFile := func() string {
		f := excelize.NewFile()
		defer f.Close()
		require.NoError(t, f.SetSheetRow("Sheet1", "A1", &[]any{"Họ và tên", "Ngày sinh", "Số CCCD", "Dân tộc"}))
		require.NoError(t, f.SetCellValue("Sheet1", "A2", "Nguyễn Văn An"))
		require.NoError(t, f.SetCellValue("Sheet1", "B2", time.Date(1990, 1, 2, 0, 0, 0, 0, time.UTC)))
		style, err := f.NewStyle(&excelize.Style{NumFmt: 14})
		require.NoError(t, err)
		require.NoError(t, f.SetCellStyle("Sheet1", "B2", "B2", style))
		require.NoError(t, f.SetCellValue("Sheet1", "C2", 1090012345)) // a CCCD stored as a number: two zeros lost
		require.NoError(t, f.SetCellValue("Sheet1", "D2", "Kinh"))
		p := filepath.Join(dir, "ds.xlsx")
		require.NoError(t, f.SaveAs(p))
		return p
	}
	tongHop := `<?xml version="1.0" encoding="utf-8"?><TONG_HOP><MA_LK>LK1</MA_LK><HO_TEN>Nguyễn Văn An</HO_TEN>` +
		`<NGAY_SINH>199001020000</NGAY_SINH><SO_CCCD>001090012345</SO_CCCD><MA_DANTOC>01</MA_DANTOC></TONG_HOP>`
	xml1 := `<?xml version="1.0" encoding="utf-8"?><GIAMDINHHS><THONGTINDONVI><MACSKCB>01001</MACSKCB></THONGTINDONVI>` +
		`<THONGTINHOSO><NGAYLAP>20250101</NGAYLAP><SOLUONGHOSO>1</SOLUONGHOSO><DANHSACHHOSO><HOSO>` +
		`<FILEHOSO><LOAIHOSO>xml1</LOAIHOSO><NOIDUNGFILE>` + base64.StdEncoding.EncodeToString([]byte(tongHop)) + `</NOIDUNGFILE></FILEHOSO>` +
		`</HOSO></DANHSACHHOSO></THONGTINHOSO><CHUKYDONVI/></GIAMDINHHS>`
	for _, tc := range []struct {
		name, file string
	}{
		{"UTF-16 Unicode Text", write("u16.txt", []byte(utf16LE("Họ và tên\tNgày sinh\tSố CCCD\tDân tộc\r\nNguyễn Văn An\t02/01/1990\t001090012345\tKinh\r\n")))},
		{"title rows, semicolons, lost zeros", write("title.csv", []byte("DANH SÁCH NGƯỜI DÂN THÔN ĐÔNG;;;\nNgày lập: 01/12/2026;;;\n\nHọ và tên;Ngày sinh;Số CCCD;Dân tộc\nNguyễn Văn An;02/01/1990;1090012345;Kinh\n"))},
		{"XLSX date cell and numeric CCCD", xlsxFile()},
		{"XML1 container, MA_DANTOC", write("xml1.xml", []byte(xml1))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, "out.csv")
			code, log := runCLI("clean", "-in", tc.file, "-out", out, "-today", today)
			require.Equal(t, 0, code, log)
			tab := readCSVFile(t, out)
			require.Len(t, tab.Rows, 1, log)
			for col, want := range map[string]string{
				"clean_full_name": "Nguyễn Văn An", "clean_birth_date": "02/01/1990",
				"clean_national_id": "001090012345", "clean_ethnicity": "Kinh", "issues": "",
			} {
				assert.Equal(t, want, column(t, tab, col)[0], col)
			}
		})
	}
}

func TestMissingSheet(t *testing.T) {
	dir := t.TempDir()
	f := excelize.NewFile()
	require.NoError(t, f.SetSheetRow("Sheet1", "A1", &[]any{"Họ và tên", "Ngày sinh"}))
	p := filepath.Join(dir, "ds.xlsx")
	require.NoError(t, f.SaveAs(p))
	require.NoError(t, f.Close())
	code, log := runCLI("clean", "-in", p, "-out", filepath.Join(dir, "o.csv"), "-sheet", "Khong co", "-lang", "vi")
	assert.Equal(t, 1, code)
	assert.Contains(t, log, "bảng tính không có trang nào mang tên ghi ở -sheet")
	assert.NotContains(t, log, "table:")
}
