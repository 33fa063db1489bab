package xlsx_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/vnlink/vnlink/internal/xlsx"
)

// exampleBook builds a one-sheet workbook in memory, as Excel would save it
// (trimmed): a header row, a text CCCD with its leading zeros, a birth date
// as its serial day number, and a gap before row 4.
func exampleBook() []byte {
	parts := []struct{ name, body string }{
		{"_rels/.rels", `<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="DS" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
		{"xl/sharedStrings.xml", `<sst><si><t>Họ và tên</t></si><si><t>Ngày sinh</t></si><si><t>Số CCCD</t></si><si><t>Lê Thị Hoa</t></si><si><t>001190012345</t></si></sst>`},
		{"xl/worksheets/sheet1.xml", `<worksheet><sheetData>` +
			`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>` +
			`<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"><v>32966</v></c><c r="C2" t="s"><v>4</v></c></row>` +
			`<row r="4"><c r="C4"><v>1.0E+11</v></c></row>` +
			`</sheetData></worksheet>`},
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, p := range parts {
		w, _ := zw.Create(p.name)
		w.Write([]byte(p.body))
	}
	zw.Close()
	return b.Bytes()
}

func ExampleOpen() {
	file := exampleBook()
	wb, err := xlsx.Open(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range wb.Sheets {
		fmt.Println(s.Name, s.Part)
	}
	// Output:
	// DS xl/worksheets/sheet1.xml
}

func ExampleWorkbook_ReadSheet() {
	file := exampleBook()
	wb, err := xlsx.Open(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		log.Fatal(err)
	}
	rows, err := wb.ReadSheet("DS")
	if err != nil {
		log.Fatal(err)
	}
	for i, r := range rows {
		fmt.Printf("row %d: %q\n", i+1, r)
	}
	// Output:
	// row 1: ["Họ và tên" "Ngày sinh" "Số CCCD"]
	// row 2: ["Lê Thị Hoa" "32966" "001190012345"]
	// row 3: []
	// row 4: ["" "" "1.0E+11"]
}

func ExampleWorkbook_Rows() {
	file := exampleBook()
	wb, err := xlsx.Open(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		log.Fatal(err)
	}
	rows, err := wb.Rows(wb.Sheets[0])
	if err != nil {
		log.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		fmt.Println(rows.Row(), len(rows.Cells()))
	}
	if err := rows.Err(); err != nil {
		log.Fatal(err)
	}
	// Output:
	// 1 3
	// 2 3
	// 3 0
	// 4 3
}

func ExampleOpenFile() {
	dir, err := os.MkdirTemp("", "xlsx-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	name := filepath.Join(dir, "ds.xlsx")
	if err := os.WriteFile(name, exampleBook(), 0o600); err != nil {
		log.Fatal(err)
	}
	wb, err := xlsx.OpenFile(name)
	if err != nil {
		log.Fatal(err)
	}
	defer wb.Close()
	rows, err := wb.ReadSheet("")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(rows), "rows; header:", rows[0])
	// Output:
	// 4 rows; header: [Họ và tên Ngày sinh Số CCCD]
}

func ExampleWorkbook_Sheet() {
	file := exampleBook()
	wb, err := xlsx.Open(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		log.Fatal(err)
	}
	s, err := wb.Sheet("ds") // Excel ignores case in sheet names
	fmt.Println(s.Name, err)
	_, err = wb.Sheet("Sheet2")
	fmt.Println(errors.Is(err, xlsx.ErrNotFound))
	// Output:
	// DS <nil>
	// true
}

func ExampleColumnName() {
	fmt.Println(xlsx.ColumnName(1), xlsx.ColumnName(27), xlsx.ColumnName(xlsx.MaxColumns))
	// Output:
	// A AA XFD
}

func ExampleCellName() {
	fmt.Println(xlsx.CellName(12, 3), xlsx.ColumnName(xlsx.MaxColumns))
	// Output:
	// C12 XFD
}

func ExampleError() {
	file := exampleBook()
	wb, err := xlsx.Open(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		log.Fatal(err)
	}
	_, err = wb.ReadSheet("Sheet2")
	fmt.Println(err)
	// Output:
	// xlsx: sheet "Sheet2": no such sheet
}
