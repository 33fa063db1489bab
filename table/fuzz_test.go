package table_test

import (
	"bytes"
	"encoding/base64"
	"reflect"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/vnlink/vnlink/table"
)

// checkTable asserts the invariants of any table read without error.
func checkTable(t *testing.T, tb *table.Table) {
	t.Helper()
	last := 0
	for _, r := range tb.Rows {
		if len(r.Cells) < len(tb.Header) {
			t.Fatalf("row %d: %d cells, header %d", r.Line, len(r.Cells), len(tb.Header))
		}
		if r.Line <= last {
			t.Fatalf("row lines not increasing: %d after %d", r.Line, last)
		}
		last = r.Line
	}
}

// checkStreamed reads data again with Options.OnRow and asserts that the
// rows handed over are tb's rows, in order, and that the table read is tb
// without its rows.
func checkStreamed(t *testing.T, data []byte, opts table.Options, tb *table.Table) {
	t.Helper()
	var rows []table.Row
	opts.OnRow = func(st *table.Table, r table.Row) error {
		if len(st.Header) == 0 {
			t.Fatalf("row %d handed over before the header", r.Line)
		}
		rows = append(rows, r)
		return nil
	}
	st, err := table.ReadBytes(data, opts)
	if err != nil {
		t.Fatalf("read with OnRow: %v; without: no error", err)
	}
	if !reflect.DeepEqual(rows, tb.Rows) && (len(rows) > 0 || len(tb.Rows) > 0) {
		t.Fatalf("OnRow got %d rows, Read %d, or other cells", len(rows), len(tb.Rows))
	}
	if len(st.Rows) != 0 {
		t.Fatalf("Table.Rows holds %d rows with OnRow set", len(st.Rows))
	}
	want := *tb
	want.Rows = nil
	if !reflect.DeepEqual(&want, st) {
		t.Fatalf("the table read with OnRow differs from Read's beyond its rows")
	}
}

func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"Họ tên,Ngày sinh\nA,1\n",
		"sep=;\nHọ tên;x\na;b\n",
		"Họ tên\tx\n\"a\tb\nc\td\n",
		"Họ tên,x\n\"a\"\"b\",\"c\nd\"\n",
		"\xff\xfeH\x00o\x00,\x00x\x00",
		"TITLE\n\nHọ tên,x\n1,2,3\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := table.Options{Format: table.Text, MaxCellBytes: 1 << 10, MaxColumns: 64}
		tb, err := table.Read(bytes.NewReader(data), opts)
		if err != nil {
			return
		}
		checkTable(t, tb)
		checkStreamed(t, data, opts, tb)
		if utf8.Valid(data) && !bytes.ContainsAny(data, "\"\r") {
			// Without quotes every non-blank line below the header is a row.
			n := 0
			for i, l := range bytes.Split(data, []byte("\n")) {
				// Cells are trimmed of Unicode white space (a "\v" line is
				// blank); commas and semicolons may be the delimiter.
				blank := func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == ';' }
				if i+1 > tb.HeaderRow && len(bytes.TrimFunc(l, blank)) > 0 {
					n++
				}
			}
			if len(tb.Rows) != n {
				t.Fatalf("%d rows, %d non-blank lines below the header", len(tb.Rows), n)
			}
		}
	})
}

func FuzzXLSX(f *testing.F) {
	wb := excelize.NewFile()
	wb.SetSheetRow("Sheet1", "A1", &[]any{"Họ tên", "Ngày sinh"})
	wb.SetSheetRow("Sheet1", "A2", &[]any{"A", 32966})
	var buf bytes.Buffer
	if err := wb.Write(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := table.Options{Format: table.XLSX, MaxBytes: 16 << 20}
		tb, err := table.Read(bytes.NewReader(data), opts)
		if err == nil {
			checkTable(t, tb)
			checkStreamed(t, data, opts, tb)
		}
	})
}

func FuzzXML1(f *testing.F) {
	f.Add([]byte(container(`<FILEHOSO><LOAIHOSO>XML1</LOAIHOSO><NOIDUNGFILE>` + tongHop + `</NOIDUNGFILE></FILEHOSO>`)))
	f.Add([]byte(container(`<FILEHOSO><LOAIHOSO>XML1</LOAIHOSO><NOIDUNGFILE>` + base64.StdEncoding.EncodeToString([]byte(tongHop)) + `</NOIDUNGFILE></FILEHOSO>`)))
	f.Add([]byte(tongHop))
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := table.Options{Format: table.XML1}
		tb, err := table.Read(bytes.NewReader(data), opts)
		if err == nil {
			checkTable(t, tb)
			checkStreamed(t, data, opts, tb)
		}
	})
}
