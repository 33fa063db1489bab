package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/vnlink/vnlink/normalize"
)

// issueKey is the part of an issue a test compares: row and field.
type issueKey struct {
	Row   int
	Field string
}

func issueKeys(issues []*normalize.RecordError) []issueKey {
	var out []issueKey
	for _, e := range issues {
		out = append(out, issueKey{e.Row, e.Field})
	}
	return out
}

func TestReadTable(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		delim    rune
		bom      bool
		header   []string
		cells    [][]string
		unusable []int // 1-based rows
		issues   []issueKey
		ragged   int
	}{
		{
			name:   "comma",
			in:     "id,ho_ten\n1,An\n2,Bình\n",
			delim:  ',',
			header: []string{"id", "ho_ten"},
			cells:  [][]string{{"1", "An"}, {"2", "Bình"}},
		},
		{
			name:   "BOM, semicolons and CRLF",
			in:     "\ufeffid;Họ tên;Địa chỉ\r\n1;An;\"Thôn Đoài; xã Ngọc Hồi\"\r\n",
			delim:  ';',
			bom:    true,
			header: []string{"id", "Họ tên", "Địa chỉ"},
			cells:  [][]string{{"1", "An", "Thôn Đoài; xã Ngọc Hồi"}},
		},
		{
			name:   "tabs",
			in:     "id\tname\n1\tAn\n",
			delim:  '\t',
			header: []string{"id", "name"},
			cells:  [][]string{{"1", "An"}},
		},
		{
			name:   "quoted commas in the header do not count",
			in:     "\"a;b\",c\n1,2\n",
			delim:  ',',
			header: []string{"a;b", "c"},
			cells:  [][]string{{"1", "2"}},
		},
		{
			name:     "short row padded, long row with values unusable, trailing empties dropped",
			in:       "a,b,c\n1,2\n1,2,3,4\n1,2,3,,\n",
			delim:    ',',
			header:   []string{"a", "b", "c"},
			cells:    [][]string{{"1", "2", ""}, {"1", "2", "3"}, {"1", "2", "3"}},
			unusable: []int{2},
			issues:   []issueKey{{1, "row"}, {2, "row"}},
			ragged:   2,
		},
		{
			name:     "bare quote: row kept, unusable, reading goes on",
			in:       "a,b\n1,x\"y\n2,z\n",
			delim:    ',',
			header:   []string{"a", "b"},
			cells:    [][]string{{"", ""}, {"2", "z"}},
			unusable: []int{1},
			issues:   []issueKey{{1, "row"}},
		},
		{
			name:   "invalid UTF-8 cell",
			in:     "a,b\n1,\xff\xfe\n",
			delim:  ',',
			header: []string{"a", "b"},
			cells:  [][]string{{"1", "\xff\xfe"}},
			issues: []issueKey{{1, "b"}},
		},
		{
			name:   "quoted newline",
			in:     "a,b\n1,\"x\ny\"\n2,z\n",
			delim:  ',',
			header: []string{"a", "b"},
			cells:  [][]string{{"1", "x\ny"}, {"2", "z"}},
		},
		{
			name:   "Excel sep= line",
			in:     "sep=;\r\nid;ho_ten,x\r\n1;An,B\r\n",
			delim:  ';',
			header: []string{"id", "ho_ten,x"},
			cells:  [][]string{{"1", "An,B"}},
		},
		{
			name:   "header only",
			in:     "a,b\n",
			delim:  ',',
			header: []string{"a", "b"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tab, err := readTable(strings.NewReader(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			var cells [][]string
			var unusable []int
			for i, r := range tab.Rows {
				cells = append(cells, r.Cells)
				if r.Unusable {
					unusable = append(unusable, i+1)
				}
			}
			got := struct {
				Delim    rune
				BOM      bool
				Header   []string
				Cells    [][]string
				Unusable []int
				Issues   []issueKey
				Ragged   int
			}{tab.Delim, tab.BOM, tab.Header, cells, unusable, issueKeys(tab.Issues), tab.Ragged}
			want := struct {
				Delim    rune
				BOM      bool
				Header   []string
				Cells    [][]string
				Unusable []int
				Issues   []issueKey
				Ragged   int
			}{tc.delim, tc.bom, tc.header, tc.cells, tc.unusable, tc.issues, tc.ragged}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("readTable (-want +got):\n%s", diff)
			}
			for _, e := range tab.Issues {
				if !errors.Is(e, normalize.ErrSyntax) {
					t.Errorf("issue %v does not wrap ErrSyntax", e)
				}
			}
		})
	}
}

func TestReadTableErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "the file is empty"},
		{"UTF-16 LE", "\xff\xfei\x00d\x00", "UTF-16"},
		{"UTF-16 BE", "\xfe\xff\x00i\x00d", "UTF-16"},
		{"header not UTF-8", "a,\xff\n", "header row, column 2: not valid UTF-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readTable(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("readTable error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestReadTableUnclosedQuote checks that a quote never closed, which eats
// the rest of the file, is reported with the lines it covers.
func TestReadTableUnclosedQuote(t *testing.T) {
	tab, err := readTable(strings.NewReader("a,b\n1,x\n2,\"y\n3,z\n4,w\n"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]issueKey{{2, "row"}}, issueKeys(tab.Issues)); diff != "" {
		t.Fatalf("issues (-want +got):\n%s", diff)
	}
	msg := tab.Issues[0].Error()
	if !strings.Contains(msg, "lines 3 to 5") {
		t.Errorf("issue %q does not name lines 3 to 5", msg)
	}
}

// TestReadTableLines checks the line numbers of rows and issues, with a
// quoted line break and an Excel "sep=" line before the header.
func TestReadTableLines(t *testing.T) {
	tab, err := readTable(strings.NewReader("sep=,\na,b\n1,\"x\ny\"\n2\n3,z\n"))
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, r := range tab.Rows {
		lines = append(lines, r.Line)
	}
	if diff := cmp.Diff([]int{3, 5, 6}, lines); diff != "" {
		t.Errorf("row lines (-want +got):\n%s", diff)
	}
	if len(tab.Issues) != 1 || !strings.Contains(tab.Issues[0].Error(), "row 2, field \"row\"") ||
		!strings.Contains(tab.Issues[0].Error(), "(line 5)") {
		t.Errorf("issues %v, want row 2 on line 5", tab.Issues)
	}
}

func TestSniffDelimiter(t *testing.T) {
	tests := []struct {
		in   string
		want rune
	}{
		{"a,b,c", ','},
		{"a;b;c", ';'},
		{"a\tb\tc", '\t'},
		{"a;b,c", ','},
		{"single", ','},
		{"a;b\nc,d,e,f", ';'},
		{"\"x,y,z\";b;c", ';'},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := sniffDelimiter([]byte(tc.in)); got != tc.want {
				t.Errorf("sniffDelimiter = %q, want %q", got, tc.want)
			}
		})
	}
}

// FuzzReadTable checks that any input reads without panic into rows of the
// header's width, that issues are valid UTF-8, and that writing the rows
// back and reading them again gives the same cells.
func FuzzReadTable(f *testing.F) {
	for _, s := range []string{
		"id,ho_ten\n1,An\n",
		"\ufeffa;b\r\n1;\"x;y\"\r\n",
		"a,b\n1,x\"y\n2,\"z\n",
		"a,b,c\n1\n1,2,3,4\n",
		"a\tb\n\xff\t2\n",
		"",
		"\"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := readTable(bytes.NewReader(data))
		if err != nil {
			return
		}
		for i, r := range tab.Rows {
			if len(r.Cells) != len(tab.Header) {
				t.Fatalf("row %d has %d cells, header %d", i+1, len(r.Cells), len(tab.Header))
			}
		}
		for _, e := range tab.Issues {
			if !utf8.ValidString(e.Error()) {
				t.Fatalf("issue message is not valid UTF-8")
			}
			if e.Row < 1 || e.Row > len(tab.Rows) {
				t.Fatalf("issue row %d out of 1..%d", e.Row, len(tab.Rows))
			}
		}
		// A row of one empty cell is written as a blank line, which
		// readers skip: vnlink's outputs always have several columns.
		if len(tab.Issues) > 0 || len(tab.Header) < 2 {
			return
		}
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Comma = tab.Delim
		w.Write(tab.Header)
		for _, r := range tab.Rows {
			w.Write(r.Cells)
		}
		w.Flush()
		// A header whose names hold another delimiter more often than
		// the one used (";;" in a comma file) is ambiguous by nature.
		if sniffDelimiter(buf.Bytes()) != tab.Delim {
			return
		}
		again, err := readTable(&buf)
		if err != nil {
			t.Fatalf("re-reading written rows: %v", err)
		}
		var want, got [][]string
		for _, r := range tab.Rows {
			want = append(want, r.Cells)
		}
		for _, r := range again.Rows {
			got = append(got, r.Cells)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("rows written and read again (-want +got):\n%s", diff)
		}
	})
}
