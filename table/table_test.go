package table_test

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/vnlink/vnlink/table"
)

func read(t *testing.T, data []byte, opts table.Options) *table.Table {
	t.Helper()
	tb, err := table.Read(bytes.NewReader(data), opts)
	require.NoError(t, err)
	return tb
}

func utf16Bytes(s string, be bool) []byte {
	out := []byte{0xff, 0xfe}
	if be {
		out = []byte{0xfe, 0xff}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if be {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func TestReadText(t *testing.T) {
	const csv = "Họ tên,Ngày sinh\nNguyễn Văn A,01/02/1990\n"
	tests := []struct {
		name      string
		in        []byte
		comma     rune
		header    []string
		rows      [][]string
		headerRow int
	}{
		{"comma", []byte(csv), ',', []string{"Họ tên", "Ngày sinh"}, [][]string{{"Nguyễn Văn A", "01/02/1990"}}, 1},
		{"bom crlf", []byte("\xef\xbb\xbfHọ tên,Ngày sinh\r\nA,1\r\n"), ',', []string{"Họ tên", "Ngày sinh"}, [][]string{{"A", "1"}}, 1},
		{"utf16 le", utf16Bytes(csv, false), ',', []string{"Họ tên", "Ngày sinh"}, [][]string{{"Nguyễn Văn A", "01/02/1990"}}, 1},
		{"utf16 be", utf16Bytes(csv, true), ',', []string{"Họ tên", "Ngày sinh"}, [][]string{{"Nguyễn Văn A", "01/02/1990"}}, 1},
		{"semicolon", []byte("Họ tên;Địa chỉ;Ghi chú\nA;Thôn 1, xã B;x\n"), ';', []string{"Họ tên", "Địa chỉ", "Ghi chú"}, [][]string{{"A", "Thôn 1, xã B", "x"}}, 1},
		{"sep line", []byte("sep=;\nHọ tên,x;Ngày sinh\nA,b;1\n"), ';', []string{"Họ tên,x", "Ngày sinh"}, [][]string{{"A,b", "1"}}, 2},
		{"tab", []byte("Họ tên\tNgày sinh\nA\t1\n"), '\t', []string{"Họ tên", "Ngày sinh"}, [][]string{{"A", "1"}}, 1},
		{"title row", []byte("DANH SÁCH BỆNH NHÂN,,\n\nHọ tên,Ngày sinh,Giới\nA,1,Nam\n"), ',', []string{"Họ tên", "Ngày sinh", "Giới"}, [][]string{{"A", "1", "Nam"}}, 3},
		{"bare quote", []byte("Họ tên,Ngày sinh\nNguyễn Văn \"Tí\",1\n"), ',', []string{"Họ tên", "Ngày sinh"}, [][]string{{"Nguyễn Văn \"Tí\"", "1"}}, 1},
		{"quoted newline", []byte("Họ tên,Địa chỉ\nA,\"Thôn 1\nxã B\"\nC,D\n"), ',', []string{"Họ tên", "Địa chỉ"}, [][]string{{"A", "Thôn 1\nxã B"}, {"C", "D"}}, 1},
		{"doubled quote", []byte("Họ tên,Ghi chú\n\"A \"\"B\"\"\",x\n"), ',', []string{"Họ tên", "Ghi chú"}, [][]string{{"A \"B\"", "x"}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := read(t, tt.in, table.Options{})
			assert.Equal(t, tt.comma, tb.Comma)
			assert.Equal(t, tt.header, tb.Header)
			assert.Equal(t, tt.headerRow, tb.HeaderRow)
			var got [][]string
			for _, r := range tb.Rows {
				got = append(got, r.Cells)
				assert.False(t, r.Damaged)
			}
			assert.Equal(t, tt.rows, got)
		})
	}
}

func TestStrayQuoteTSV(t *testing.T) {
	const n = 50000
	var b strings.Builder
	b.WriteString("Họ tên\tNgày sinh\tGiới tính\n")
	for i := range n {
		if i%1000 == 7 {
			fmt.Fprintf(&b, "\"Nguyễn Văn %d\t01/01/1990\tNam\n", i)
			continue
		}
		fmt.Fprintf(&b, "Nguyễn Văn %d\t01/01/1990\tNữ\n", i)
	}
	tb := read(t, []byte(b.String()), table.Options{})
	require.Len(t, tb.Rows, n)
	damaged := 0
	for i, r := range tb.Rows {
		require.Equal(t, i+2, r.Line)
		require.Len(t, r.Cells, 3)
		if r.Damaged {
			damaged++
			assert.Equal(t, fmt.Sprintf("\"Nguyễn Văn %d", i), r.Cells[0])
		}
	}
	assert.Equal(t, n/1000, damaged)
	assert.Len(t, tb.Issues, n/1000)
	assert.Equal(t, 0, tb.Issues[0].Column)
}

func TestReadRagged(t *testing.T) {
	tb := read(t, []byte("Họ tên,Giới\nA\nB,Nam,x\nC,Nữ,,\n"), table.Options{})
	require.Len(t, tb.Rows, 3)
	assert.True(t, tb.Rows[0].Ragged)
	assert.Equal(t, []string{"A", ""}, tb.Rows[0].Cells)
	assert.True(t, tb.Rows[1].Ragged)
	assert.Equal(t, []string{"B", "Nam", "x"}, tb.Rows[1].Cells)
	assert.False(t, tb.Rows[2].Ragged)
	assert.Equal(t, []table.Issue{{Row: 2, Reason: "has 1 cells, the header has 2"}, {Row: 3, Reason: "has values in 3 cells, the header has 2 columns"}}, tb.Issues)
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opts table.Options
		want error
	}{
		{"no header", "1,2,3\n4,5,6\n", table.Options{}, table.ErrNoHeader},
		{"empty", "", table.Options{}, table.ErrNoHeader},
		{"header row empty", "a,b\n\nc,d\n", table.Options{HeaderRow: 2}, table.ErrNoHeader},
		{"cell", "Họ tên,x\n" + strings.Repeat("a", 100) + ",b\n", table.Options{MaxCellBytes: 50}, table.ErrLimit},
		{"columns", "Họ tên,x\na,b,c,d\n", table.Options{MaxColumns: 3}, table.ErrLimit},
		{"rows", "Họ tên,x\na,b\nc,d\n", table.Options{MaxRows: 1}, table.ErrLimit},
		{"bytes", "Họ tên,x\na,b\n", table.Options{MaxBytes: 5}, table.ErrLimit},
		{"xls", "\xd0\xcf\x11\xe0xxxx", table.Options{}, table.ErrFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := table.Read(strings.NewReader(tt.in), tt.opts)
			assert.ErrorIs(t, err, tt.want)
		})
	}
	tb := read(t, []byte("a,b\n1,2\nc,d\n"), table.Options{HeaderRow: 3})
	assert.Equal(t, []string{"c", "d"}, tb.Header)
	assert.Empty(t, tb.Rows)
}

func TestColumnName(t *testing.T) {
	for n, want := range map[int]string{0: "", 1: "A", 3: "C", 26: "Z", 27: "AA", 702: "ZZ", 703: "AAA", 16384: "XFD"} {
		assert.Equal(t, want, table.ColumnName(n), n)
	}
}

func workbook(t testing.TB, fill func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	fill(f)
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	return buf.Bytes()
}

func TestReadXLSX(t *testing.T) {
	data := workbook(t, func(f *excelize.File) {
		iso, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		vn := "dd/mm/yyyy"
		custom, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &vn})
		f.SetSheetRow("Sheet1", "A1", &[]any{"Danh sách"})
		f.SetSheetRow("Sheet1", "A2", &[]any{"Họ tên", "Ngày sinh", "Số CCCD", "Ngày khám"})
		rows := []struct {
			name  string
			birth time.Time
			id    int64
		}{
			{"A", time.Date(1925, 6, 15, 0, 0, 0, 0, time.UTC), 1025000123},
			{"B", time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC), 1000123456},
			{"C", time.Date(1990, 2, 1, 0, 0, 0, 0, time.UTC), 79190000001},
		}
		for i, r := range rows {
			row := i + 3
			f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", row), &[]any{r.name, r.birth, r.id, r.birth})
			f.SetCellStyle("Sheet1", fmt.Sprintf("B%d", row), fmt.Sprintf("B%d", row), iso)
			f.SetCellStyle("Sheet1", fmt.Sprintf("D%d", row), fmt.Sprintf("D%d", row), custom)
		}
		f.NewSheet("Khác")
		f.SetSheetRow("Khác", "A1", &[]any{"Họ tên", "Giới"})
		f.SetSheetRow("Khác", "A3", &[]any{"X", "Nam"})
	})
	tb := read(t, data, table.Options{})
	assert.Equal(t, table.XLSX, tb.Format)
	assert.Equal(t, 2, tb.HeaderRow)
	assert.Equal(t, []string{"Họ tên", "Ngày sinh", "Số CCCD", "Ngày khám"}, tb.Header)
	assert.Equal(t, []string{"1 non-empty rows above the header row 2 were skipped"}, tb.Warnings)
	require.Len(t, tb.Rows, 3)
	assert.Equal(t, []string{"A", "1925-06-15", "1025000123", "15/06/1925"}, tb.Rows[0].Cells)
	assert.Equal(t, []string{"B", "1900-03-01", "1000123456", "01/03/1900"}, tb.Rows[1].Cells)
	assert.Equal(t, []string{"C", "1990-02-01", "79190000001", "01/02/1990"}, tb.Rows[2].Cells)
	assert.Equal(t, 5, tb.Rows[2].Line)

	other := read(t, data, table.Options{Sheet: "Khác"})
	require.Len(t, other.Rows, 1)
	assert.Equal(t, 3, other.Rows[0].Line)
	_, err := table.Read(bytes.NewReader(data), table.Options{Sheet: "Không có"})
	assert.Error(t, err)
}

// TestXLSXSharedStringBomb: a small workbook whose every row refers to one
// 10 MB shared string is refused at its first cell.
func TestXLSXSharedStringBomb(t *testing.T) {
	small := workbook(t, func(f *excelize.File) {
		f.SetSheetRow("Sheet1", "A1", &[]any{"Họ tên", "Ghi chú"})
		for r := 2; r < 2000; r++ {
			f.SetCellStr("Sheet1", fmt.Sprintf("A%d", r), "A")
			f.SetCellStr("Sheet1", fmt.Sprintf("B%d", r), "ZZZ")
		}
	})
	data := rezip(t, small, "xl/sharedStrings.xml", func(b []byte) []byte {
		return bytes.Replace(b, []byte(">ZZZ<"), []byte(">"+strings.Repeat("x", 10<<20)+"<"), 1)
	})
	require.Less(t, len(data), 1<<20)
	start := time.Now()
	_, err := table.Read(bytes.NewReader(data), table.Options{})
	assert.ErrorIs(t, err, table.ErrLimit)
	assert.Less(t, time.Since(start), 5*time.Second)

	// Under the cell limit, the total limit catches it.
	_, err = table.Read(bytes.NewReader(data), table.Options{MaxCellBytes: 20 << 20, MaxBytes: 100 << 20})
	assert.ErrorIs(t, err, table.ErrLimit)
}

// rezip returns the zip archive data with the part name rewritten by edit.
func rezip(t testing.TB, data []byte, name string, edit func([]byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	found := false
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		if f.Name == name {
			b, found = edit(b), true
		}
		w, err := zw.Create(f.Name)
		require.NoError(t, err)
		_, err = w.Write(b)
		require.NoError(t, err)
	}
	require.True(t, found)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

const tongHop = `<TONG_HOP><MA_LK>LK1</MA_LK><HO_TEN>Nguyễn Văn A</HO_TEN><NGAY_SINH>199001020000</NGAY_SINH><MA_DANTOC>01</MA_DANTOC></TONG_HOP>`

func container(files ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?><GIAMDINHHS><THONGTINDONVI><MACSKCB>01001</MACSKCB></THONGTINDONVI><THONGTINHOSO><NGAYLAP>20250101</NGAYLAP><SOLUONGHOSO>1</SOLUONGHOSO><DANHSACHHOSO><HOSO>`)
	for _, f := range files {
		b.WriteString(f)
	}
	b.WriteString(`</HOSO></DANHSACHHOSO></THONGTINHOSO><CHUKYDONVI/></GIAMDINHHS>`)
	return b.String()
}

func TestReadXML1(t *testing.T) {
	second := `<TONG_HOP><MA_LK>LK2</MA_LK><HO_TEN>B</HO_TEN><SO_CCCD>001090000001</SO_CCCD></TONG_HOP>`
	enc := base64.StdEncoding.EncodeToString([]byte(`<?xml version="1.0" encoding="utf-8"?>` + tongHop))
	tests := []struct {
		name string
		in   string
	}{
		{"base64", container(`<FILEHOSO><LOAIHOSO>XML1</LOAIHOSO><NOIDUNGFILE>`+enc+`</NOIDUNGFILE></FILEHOSO>`,
			`<FILEHOSO><LOAIHOSO>XML2</LOAIHOSO><NOIDUNGFILE>PGE+PC9hPg==</NOIDUNGFILE></FILEHOSO>`,
			`<FILEHOSO><LOAIHOSO>xml1</LOAIHOSO><NOIDUNGFILE>`+base64.StdEncoding.EncodeToString([]byte(second))+`</NOIDUNGFILE></FILEHOSO>`)},
		{"inline", container(`<FILEHOSO><LOAIHOSO>XML1</LOAIHOSO><NOIDUNGFILE>`+tongHop+`</NOIDUNGFILE></FILEHOSO>`,
			`<FILEHOSO><LOAIHOSO>XML1</LOAIHOSO><NOIDUNGFILE><![CDATA[`+second+`]]></NOIDUNGFILE></FILEHOSO>`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := read(t, []byte(tt.in), table.Options{})
			assert.Equal(t, table.XML1, tb.Format)
			assert.Equal(t, []string{"MA_LK", "HO_TEN", "NGAY_SINH", "MA_DANTOC", "SO_CCCD"}, tb.Header)
			require.Len(t, tb.Rows, 2)
			assert.Equal(t, []string{"LK1", "Nguyễn Văn A", "199001020000", "01", ""}, tb.Rows[0].Cells)
			assert.Equal(t, []string{"LK2", "B", "", "", "001090000001"}, tb.Rows[1].Cells)
			assert.Equal(t, 2, tb.Rows[1].Line)
			assert.Empty(t, tb.Issues)
		})
	}
	_, err := table.Read(strings.NewReader(container()), table.Options{})
	assert.True(t, errors.Is(err, table.ErrNoHeader))
	tb := read(t, []byte(container(`<FILEHOSO><LOAIHOSO>XML1</LOAIHOSO><NOIDUNGFILE>!!!</NOIDUNGFILE></FILEHOSO>`,
		`<FILEHOSO><LOAIHOSO>XML1</LOAIHOSO><NOIDUNGFILE>`+enc+`</NOIDUNGFILE></FILEHOSO>`)), table.Options{})
	require.Len(t, tb.Issues, 1)
	assert.Equal(t, "FILEHOSO 1: NOIDUNGFILE is neither XML nor base64", tb.Issues[0].Reason)
}

func TestQuoteThenText(t *testing.T) {
	tb := read(t, []byte("Họ tên,Năm sinh\n\"Tí\" Nguyễn,1990\nB,1985\n"), table.Options{})
	require.Len(t, tb.Rows, 2)
	assert.Equal(t, table.Row{Line: 2, Cells: []string{"\"Tí\" Nguyễn", "1990"}, Damaged: true}, tb.Rows[0])
	assert.Equal(t, table.Row{Line: 3, Cells: []string{"B", "1985"}}, tb.Rows[1])
}

// TestXLSXEmptyLastCells checks that a sheet row whose last cells are empty
// (a sheet does not store them) is padded, not ragged.
func TestXLSXEmptyLastCells(t *testing.T) {
	data := workbook(t, func(f *excelize.File) {
		f.SetSheetRow("Sheet1", "A1", &[]any{"ho_ten", "ngay_sinh", "so_cccd"})
		f.SetSheetRow("Sheet1", "A2", &[]any{"An", "1990"})
		f.SetSheetRow("Sheet1", "A3", &[]any{"Binh", "1991", "001"})
	})
	tb := read(t, data, table.Options{})
	require.Len(t, tb.Rows, 2)
	assert.Equal(t, []string{"An", "1990", ""}, tb.Rows[0].Cells)
	assert.False(t, tb.Rows[0].Ragged)
	assert.Empty(t, tb.Issues)
}

// TestReadAll checks ReadAll on a file, which tells its size, and on a
// reader that does not, at, under and over the limit, and that a file
// read whole gets a buffer of its size.
func TestReadAll(t *testing.T) {
	data := bytes.Repeat([]byte("họ_tên,ngày_sinh\nNguyễn Văn An,01/02/1990\n"), 100)
	path := filepath.Join(t.TempDir(), "in.csv")
	require.NoError(t, os.WriteFile(path, data, 0o600))
	n := int64(len(data))
	tests := []struct {
		name string
		max  int64
		ok   bool
	}{
		{"under the limit", 2 * n, true},
		{"at the limit", n, true},
		{"over the limit", n - 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := os.Open(path)
			require.NoError(t, err)
			defer f.Close()
			readers := map[string]io.Reader{"file": f, "stream": io.MultiReader(bytes.NewReader(data))}
			for kind, r := range readers {
				got, err := table.ReadAll(r, tt.max)
				if !tt.ok {
					assert.ErrorIs(t, err, table.ErrLimit, kind)
					continue
				}
				require.NoError(t, err, kind)
				assert.Equal(t, data, got, kind)
				if kind == "file" {
					assert.Equal(t, len(data)+1, cap(got), "a file is read into a buffer of its size")
				}
			}
		})
	}
	got, err := table.ReadAll(bytes.NewReader(nil), 10)
	require.NoError(t, err)
	assert.Empty(t, got)
}

// TestReadBytesIsRead checks that ReadBytes gives Read's table, and its
// limit.
func TestReadBytesIsRead(t *testing.T) {
	data := []byte("họ_tên;ngày_sinh\n\"Trần Thị\nBình\";1990\nLê Văn C;x\n")
	want := read(t, data, table.Options{})
	got, err := table.ReadBytes(data, table.Options{})
	require.NoError(t, err)
	assert.Equal(t, want, got)
	_, err = table.ReadBytes(data, table.Options{MaxBytes: 10})
	assert.ErrorIs(t, err, table.ErrLimit)
}

// TestOnRow checks that OnRow receives the rows of a text file, a workbook
// and an XML1 file, and that its error stops the read.
func TestOnRow(t *testing.T) {
	text := []byte("Họ tên,Ngày sinh\nA,1990\n\nB,1991\nC,1992\n")
	xlsx := workbook(t, func(f *excelize.File) {
		f.SetSheetRow("Sheet1", "A1", &[]any{"Họ tên", "Ngày sinh"})
		f.SetSheetRow("Sheet1", "A2", &[]any{"A", "1990"})
		f.SetSheetRow("Sheet1", "A4", &[]any{"B", "1991"})
	})
	xml1 := []byte(container(`<FILEHOSO><LOAIHOSO>XML1</LOAIHOSO><NOIDUNGFILE>` + tongHop + `</NOIDUNGFILE></FILEHOSO>`))
	for name, data := range map[string][]byte{"text": text, "xlsx": xlsx, "xml1": xml1} {
		t.Run(name, func(t *testing.T) {
			want := read(t, data, table.Options{})
			require.NotEmpty(t, want.Rows)
			var got []table.Row
			tb, err := table.ReadBytes(data, table.Options{OnRow: func(_ *table.Table, r table.Row) error {
				got = append(got, r)
				return nil
			}})
			require.NoError(t, err)
			assert.Equal(t, want.Rows, got)
			assert.Empty(t, tb.Rows)
			assert.Equal(t, want.Header, tb.Header)

			stop := errors.New("stop")
			calls := 0
			_, err = table.ReadBytes(data, table.Options{OnRow: func(*table.Table, table.Row) error {
				calls++
				return stop
			}})
			assert.ErrorIs(t, err, stop)
			assert.Equal(t, 1, calls)
		})
	}
}
