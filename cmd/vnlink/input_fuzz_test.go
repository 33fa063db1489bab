package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	tbl "github.com/vnlink/vnlink/table"
)

// fuzzVocabulary is the text of the reading code: a word of an error
// message comes from it, so a cell equal to such a word is not a leak.
func fuzzVocabulary(t testing.TB) string {
	var b strings.Builder
	for _, pat := range []string{"input*.go", "../../table/*.go", "../../linkage/vnperson/columns.go"} {
		files, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			b.Write(data)
		}
	}
	// Errors of the zip reader and excelize under package table.
	b.WriteString("zip: not a valid zip file; unexpected EOF; XML syntax error on line; element; closed by; invalid character entity")
	return b.String()
}

// fuzzTokens splits raw input into the pieces a cell could be: between
// delimiters, quotes and line ends.
func fuzzTokens(data []byte) []string {
	f := strings.FieldsFunc(string(data), func(r rune) bool {
		return r == ',' || r == ';' || r == '\t' || r == '\n' || r == '\r' || r == '"' || r == '<' || r == '>'
	})
	return f
}

// worthChecking reports whether v is long enough, and made of more than
// digits and punctuation (row and column numbers are in every message).
func worthChecking(v string) bool {
	if len([]rune(strings.TrimSpace(v))) < 4 {
		return false
	}
	for _, r := range v {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// FuzzLoadInput feeds bytes (CSV, TSV, XLSX) to loadInput: it never
// panics; every data row package table reads becomes exactly one person;
// no error, warning or issue holds a cell value.
func FuzzLoadInput(f *testing.F) {
	f.Add([]byte(registryFixture))
	f.Add([]byte(ehrFixture))
	f.Add([]byte("ho_ten\tngay_sinh\n\"Nguyễn Văn An\t1990\nLê Thị Hoa\t1991\n"))
	f.Add([]byte("BÁO CÁO\nho_ten,ngay_sinh,ho_ten\nNguyễn Văn \"Tí\",1990,x\n\n,,\n"))
	f.Add(utf16LEBytes("ho_ten,ngay_sinh\nNguyễn Văn An,01/02/1990\n"))
	f.Add([]byte("Nguyễn Văn An,12/03/1985,001085012345\n"))
	f.Add(xlsxBook(f, map[string][][]any{"S": {{"Họ và tên", "Ngày sinh"}, {"Lê Thị Hoa", "1990-04-03"}, {}, {"Vũ Văn An"}}}, "S"))
	vocab := fuzzVocabulary(f)
	limits := tbl.Options{MaxCellBytes: 4096, MaxColumns: 64, MaxBytes: 1 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := loadInput("input", bytes.NewReader(data), nil, nil, readOptions{limits: limits})
		if err != nil {
			msg := err.Error()
			for _, v := range fuzzTokens(data) {
				if worthChecking(v) && strings.Contains(msg, v) && !strings.Contains(vocab, v) {
					t.Fatalf("the error holds a piece of the input (%d bytes): %q", len(v), msg)
				}
			}
			return
		}
		tt, err := tbl.Read(bytes.NewReader(data), tbl.Options{MaxCellBytes: 4096, MaxColumns: 64, MaxBytes: 1 << 20, HeaderRow: in.t.HeaderRow})
		if err != nil {
			t.Fatalf("loadInput read the input, table.Read with its header row did not: %v", err)
		}
		if len(in.people) != len(tt.Rows) || len(in.t.Rows) != len(tt.Rows) {
			t.Fatalf("%d data rows, %d rows, %d people", len(tt.Rows), len(in.t.Rows), len(in.people))
		}
		var msgs []string
		msgs = append(msgs, in.t.Warnings...)
		for _, is := range in.t.Issues {
			msgs = append(msgs, is.Field, is.Err.Error())
		}
		text := strings.Join(msgs, "\n")
		header := strings.Join(in.t.Header, "\n")
		for i := range in.t.Rows {
			for _, c := range in.t.cells(i) {
				if worthChecking(c) && strings.Contains(text, c) && !strings.Contains(vocab, c) && !strings.Contains(header, c) {
					t.Fatalf("a warning or issue holds a cell (%d bytes): %q", len(c), text)
				}
			}
		}
	})
}
