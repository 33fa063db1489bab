package xlsx

import (
	"fmt"
	"strings"
	"testing"
)

// commune50k is the sheet of a 50,000-row commune list with a header row:
// eight text columns (shared strings) and a date serial.
func commune50k(tb testing.TB) []byte {
	tb.Helper()
	const rows = 50000
	var sst, sheet strings.Builder
	sst.WriteString(`<sst>`)
	header := []string{"Mã BN", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Điện thoại", "Địa chỉ", "Dân tộc"}
	for _, h := range header {
		fmt.Fprintf(&sst, `<si><t>%s</t></si>`, h)
	}
	sheet.WriteString(`<row r="1">`)
	for i := range header {
		fmt.Fprintf(&sheet, `<c r="%s1" t="s"><v>%d</v></c>`, ColumnName(i+1), i)
	}
	sheet.WriteString(`</row>`)
	n := len(header)
	for r := 2; r <= rows+1; r++ {
		fmt.Fprintf(&sst, `<si><t>Nguyễn Văn Người %d</t></si><si><t>0010%08d</t></si><si><t>Thôn %d, xã Ngọc Hồi, Hà Nội</t></si>`, r, r, r%97)
		fmt.Fprintf(&sheet, `<row r="%d" spans="1:8">`+
			`<c r="A%d" t="inlineStr"><is><t>BN%d</t></is></c>`+
			`<c r="B%d" t="s"><v>%d</v></c>`+
			`<c r="C%d" s="1"><v>%d</v></c>`+
			`<c r="D%d" t="inlineStr"><is><t>Nam</t></is></c>`+
			`<c r="E%d" t="s"><v>%d</v></c>`+
			`<c r="F%d"><v>912%06d</v></c>`+
			`<c r="G%d" t="s"><v>%d</v></c>`+
			`<c r="H%d" t="inlineStr"><is><t>Kinh</t></is></c></row>`,
			r, r, r, r, n, r, 20000+r%20000, r, r, n+1, r, r, r, n+2, r)
		n += 3
	}
	sst.WriteString(`</sst>`)
	parts := bookParts("")
	parts["xl/sharedStrings.xml"] = sst.String()
	parts["xl/worksheets/sheet1.xml"] = sheetXML(sheet.String())
	return zipParts(tb, parts)
}

// BenchmarkReadSheet50k opens a workbook and reads its 50,001-row sheet with
// ReadSheet.
func BenchmarkReadSheet50k(b *testing.B) {
	file := commune50k(b)
	b.SetBytes(int64(len(file)))
	b.ResetTimer()
	for b.Loop() {
		wb, err := openBytes(file)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := wb.ReadSheet("")
		if err != nil {
			b.Fatal(err)
		}
		if len(rows) != 50001 || len(rows[50000]) != 8 {
			b.Fatalf("%d rows", len(rows))
		}
	}
}
