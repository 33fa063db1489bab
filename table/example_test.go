package table_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/vnlink/vnlink/linkage/vnperson"
	"github.com/vnlink/vnlink/table"
)

// Example loads a CSV file into vnperson.Person values: open, map the
// columns, take the people.
func Example() {
	path := filepath.Join(os.TempDir(), "ehr-example.csv")
	os.WriteFile(path, []byte("\ufeffDANH SÁCH KHÁM BỆNH\nSTT;Họ và tên;Ngày sinh;Giới tính;MA_DANTOC\n1;Nguyễn Văn \"Tí\";02/01/1990;Nam;00\n2;Lê Thị Hoa;1985;Nữ;01\n"), 0o600)
	defer os.Remove(path)

	t, err := table.Open(path, table.Options{})
	if err != nil {
		panic(err)
	}
	m := vnperson.MapColumns(t.Header)
	people := m.People("ehr", t.Cells())

	fmt.Printf("header row %d, delimiter %q, %d people\n", t.HeaderRow, t.Comma, len(people))
	fmt.Printf("%s | %s | %s | %q\n", people[0].ID, people[0].FullName, people[0].BirthDate, people[0].Ethnicity)
	fmt.Println(t.Warnings)
	// Output:
	// header row 2, delimiter ';', 2 people
	// 1 | Nguyễn Văn "Tí" | 02/01/1990 | ""
	// [1 non-empty rows above the header row 2 were skipped]
}

// ExampleRead shows a stray quote in a TSV: the row is read from its line
// as written, marked Damaged and reported, and the rows after it are kept.
func ExampleRead() {
	in := "Họ tên\tNgày sinh\n\"Nguyễn Văn A\t1990\nLê Thị B\t1985\n"
	t, err := table.Read(strings.NewReader(in), table.Options{})
	if err != nil {
		panic(err)
	}
	for _, r := range t.Rows {
		fmt.Println(r.Line, len(r.Cells), r.Damaged)
	}
	fmt.Println(t.Issues[0].Row, t.Issues[0].Column)
	// Output:
	// 2 2 true
	// 3 2 false
	// 2 0
}

// ExampleColumnName turns 1-based column numbers into letters.
func ExampleColumnName() {
	fmt.Println(table.ColumnName(3), table.ColumnName(28))
	// Output: C AB
}
