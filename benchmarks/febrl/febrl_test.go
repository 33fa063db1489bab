package febrl

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/vnlink/vnlink/normalize"
)

// dataDir returns the shared FEBRL folder, or skips the test.
func dataDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "data", "febrl")
	if _, err := os.Stat(filepath.Join(dir, "dataset3.csv")); err != nil {
		t.Skipf("FEBRL data not found at %s (it lives beside the repository, in shared/data/febrl): %v", dir, err)
	}
	return dir
}

func TestParseID(t *testing.T) {
	type result struct {
		Entity int32
		Dup    int
		Err    error
	}
	tests := []struct {
		id   string
		want result
	}{
		{"rec-552-org", result{552, -1, nil}},
		{"rec-552-dup-3", result{552, 3, nil}},
		{"rec-0-dup-0", result{0, 0, nil}},
		{"rec-552", result{Err: normalize.ErrSyntax}},
		{"rec--org", result{Err: normalize.ErrSyntax}},
		{"rec-5x-org", result{Err: normalize.ErrSyntax}},
		{"rec-5-dup-", result{Err: normalize.ErrSyntax}},
		{"rec-5-dupe-1", result{Err: normalize.ErrSyntax}},
		{"rec-+5-org", result{Err: normalize.ErrSyntax}},
		{"rec-99999999999-org", result{Err: normalize.ErrRange}},
		{"", result{Err: normalize.ErrSyntax}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			e, d, err := ParseID(tt.id)
			got := result{e, d, err}
			if err != nil {
				got = result{Err: err}
			}
			if diff := cmp.Diff(tt.want, got, cmp.Comparer(func(a, b error) bool { return errors.Is(a, b) })); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

const sample = `rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id
rec-1496-org, mitchell, green, 7, wallaby place, delmar, cleveland, 2119, sa, 19560409, 1804974
rec-1716-dup-1, isabelle, , 23, gundulu place, currin ga, utakarra, 2193, wa, 19921119, 4314184
`

func TestRead(t *testing.T) {
	got, err := Read(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	want := []Record{
		{ID: "rec-1496-org", GivenName: "mitchell", Surname: "green", StreetNumber: "7",
			Address1: "wallaby place", Address2: "delmar", Suburb: "cleveland", Postcode: "2119",
			State: "sa", DateOfBirth: "19560409", SocSecID: "1804974"},
		{ID: "rec-1716-dup-1", GivenName: "isabelle", Surname: "", StreetNumber: "23",
			Address1: "gundulu place", Address2: "currin ga", Suburb: "utakarra", Postcode: "2193",
			State: "wa", DateOfBirth: "19921119", SocSecID: "4314184"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestReadErrors(t *testing.T) {
	header := strings.SplitN(sample, "\n", 2)[0] + "\n"
	tests := []struct {
		name  string
		in    string
		row   int
		field string
		want  error
	}{
		{"empty", "", -1, "", ErrHeader},
		{"bad header", "a,b,c,d,e,f,g,h,i,j,k\n", -1, "", ErrHeader},
		{"bad id", header + "person-1, a, b, 1, x, y, z, 1, s, 19000101, 1\n", 1, "rec_id", normalize.ErrSyntax},
		{"short row", header + "rec-1-org, a\n", 1, "", nil},
		{"invalid utf-8", header + "rec-1-org, a\xff, b, 1, x, y, z, 1, s, 19000101, 1\n", 1, "given_name", normalize.ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tt.in))
			if err == nil {
				t.Fatal("no error")
			}
			if tt.row < 0 {
				if !errors.Is(err, tt.want) {
					t.Fatalf("got %v, want %v", err, tt.want)
				}
				return
			}
			var re *normalize.RecordError
			if !errors.As(err, &re) {
				t.Fatalf("got %T %v, want a *normalize.RecordError", err, err)
			}
			if diff := cmp.Diff([]any{tt.row, tt.field}, []any{re.Row, re.Field}); diff != "" {
				t.Errorf("location (-want +got):\n%s", diff)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("got %v, want it to wrap %v", err, tt.want)
			}
			for _, secret := range []string{"person-1", "a\xff"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error %q quotes the value", err)
				}
			}
		})
	}
}

func TestDatasets(t *testing.T) {
	dir := dataDir(t)
	d3, err := LoadDedupe(dir)
	if err != nil {
		t.Fatal(err)
	}
	left, right, err := LoadLink(dir)
	if err != nil {
		t.Fatal(err)
	}
	type counts struct {
		Name            string
		Records         int
		Entities        int
		TruePairs       int64
		UniqueRecordIDs int
	}
	count := func(d *Dataset) counts {
		ents, ids := map[int32]bool{}, map[string]bool{}
		for i, r := range d.Records {
			ents[d.Entity[i]] = true
			ids[r.ID] = true
		}
		return counts{d.Name, len(d.Records), len(ents), d.TruePairs(), len(ids)}
	}
	// Counts stated in shared/data/febrl/SOURCE.md (dataset2's pair count
	// was computed independently from its rec_id column).
	want := []counts{
		{"dataset1", 1000, 500, 500, 1000},
		{"dataset2", 5000, 4000, 1934, 5000},
		{"dataset3", 5000, 2000, 6538, 5000},
		{"dataset4a", 5000, 5000, 0, 5000},
		{"dataset4b", 5000, 5000, 0, 5000},
	}
	var got []counts
	for _, name := range []string{"dataset1", "dataset2"} {
		d, err := Load(filepath.Join(dir, name+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, count(d))
	}
	got = append(got, count(d3), count(left), count(right))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if n := TrueLinks(left, right); n != 5000 {
		t.Errorf("dataset4a x dataset4b: %d true links, want 5000", n)
	}
	for i, r := range left.Records {
		if _, dup, _ := ParseID(r.ID); dup != -1 {
			t.Fatalf("dataset4a row %d is not an original", i+1)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte(strings.SplitN(sample, "\n", 2)[0] + "\n" + `"rec-1-org", "a ""b""", c, 1, "x,y", y, z, 1, s, 19000101, 1` + "\n"))
	f.Add([]byte("rec_id\n"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, r := range recs {
			for _, p := range r.fields() {
				if !utf8.ValidString(*p) || *p != strings.TrimSpace(*p) {
					t.Fatalf("field %q is not trimmed valid UTF-8", *p)
				}
			}
			if _, _, err := ParseID(r.ID); err != nil {
				t.Fatalf("Read accepted a bad id: %v", err)
			}
		}
		var buf bytes.Buffer
		if err := Write(&buf, recs); err != nil {
			t.Fatalf("Write: %v", err)
		}
		again, err := Read(&buf)
		if err != nil {
			t.Fatalf("reading back what Write wrote: %v", err)
		}
		if len(recs) == 0 && len(again) == 0 {
			return // nil and empty are the same here
		}
		if diff := cmp.Diff(recs, again); diff != "" {
			t.Fatalf("round trip (-first +second):\n%s", diff)
		}
	})
}
