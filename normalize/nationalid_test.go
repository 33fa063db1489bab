package normalize

import (
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// nationalIDView is what the accessors of a NationalID say.
type nationalIDView struct {
	Kind         NationalIDKind
	String       string
	ProvinceCode string
	Province     string
	Province2025 string
	Sex          Sex
	BirthYear    int
}

func viewNationalID(id NationalID) nationalIDView {
	return nationalIDView{id.Kind(), id.String(), id.ProvinceCode(), id.Province(), id.Province2025(), id.Sex(), id.BirthYear()}
}

func TestParseNationalID(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want nationalIDView
	}{
		{"cccd hanoi male 1990", "001090012345", nationalIDView{CCCD, "001090012345", "001", "Hà Nội", "Hà Nội", Male, 1990}},
		{"cccd hcm female 2001", "079301234567", nationalIDView{CCCD, "079301234567", "079", "Hồ Chí Minh", "Hồ Chí Minh", Female, 2001}},
		{"cccd nam dinh female 1985", "036185000123", nationalIDView{CCCD, "036185000123", "036", "Nam Định", "Ninh Bình", Female, 1985}},
		{"cccd ha giang male 2000", "002200999999", nationalIDView{CCCD, "002200999999", "002", "Hà Giang", "Tuyên Quang", Male, 2000}},
		{"cccd born 1900", "096100000001", nationalIDView{CCCD, "096100000001", "096", "Cà Mau", "Cà Mau", Female, 1900}},
		{"spaces", " 001 090 012 345 ", nationalIDView{CCCD, "001090012345", "001", "Hà Nội", "Hà Nội", Male, 1990}},
		{"dots", "001.090.012.345", nationalIDView{CCCD, "001090012345", "001", "Hà Nội", "Hà Nội", Male, 1990}},
		{"dashes", "001-090-012345", nationalIDView{CCCD, "001090012345", "001", "Hà Nội", "Hà Nội", Male, 1990}},
		{"excel apostrophe", "'001090012345", nationalIDView{CCCD, "001090012345", "001", "Hà Nội", "Hà Nội", Male, 1990}},
		{"excel lost zero cccd", "79301234567", nationalIDView{CCCD, "079301234567", "079", "Hồ Chí Minh", "Hồ Chí Minh", Female, 2001}},
		{"excel lost two zeros hanoi", "1090012345", nationalIDView{CCCD, "001090012345", "001", "Hà Nội", "Hà Nội", Male, 1990}},
		{"excel lost two zeros, born 2003", "1203001234", nationalIDView{CCCD, "001203001234", "001", "Hà Nội", "Hà Nội", Male, 2003}},
		{"excel float", "79301234567.0", nationalIDView{CCCD, "079301234567", "079", "Hồ Chí Minh", "Hồ Chí Minh", Female, 2001}},
		{"cmnd", "012345678", nationalIDView{CMND, "012345678", "", "", "", SexUnknown, 0}},
		{"cmnd spaced", "012 345 678", nationalIDView{CMND, "012345678", "", "", "", SexUnknown, 0}},
		{"cmnd lost zero", "12345678", nationalIDView{CMND, "012345678", "", "", "", SexUnknown, 0}},
		{"cmnd hcm", "'025123456", nationalIDView{CMND, "025123456", "", "", "", SexUnknown, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := ParseNationalID(tt.in)
			if err != nil {
				t.Fatalf("ParseNationalID(%q): %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, viewNationalID(id)); diff != "" {
				t.Errorf("ParseNationalID(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// TestNationalIDProvinces parses a number for each of the 63 province codes
// and checks that every other code is refused.
func TestNationalIDProvinces(t *testing.T) {
	n := 0
	for code := 0; code < 100; code++ {
		in := "0" + idTwoDigits[code] + "090012345"
		id, err := ParseNationalID(in)
		if idProvinces[code].name == "" {
			if err == nil {
				t.Errorf("ParseNationalID(%q) = %v, want ErrUnknownCode", in, id)
			}
			continue
		}
		n++
		if err != nil || id.ProvinceCode() != in[:3] || id.Province() != idProvinces[code].name {
			t.Errorf("ParseNationalID(%q) = %v (%s %s), %v", in, id, id.ProvinceCode(), id.Province(), err)
		}
	}
	if diff := cmp.Diff(63, n); diff != "" {
		t.Errorf("province codes (-want +got):\n%s", diff)
	}
}

func TestParseNationalIDErrors(t *testing.T) {
	const fn = "ParseNationalID"
	tests := []struct {
		name string
		in   string
		want idErr
	}{
		{"empty", "", idErr{fn, "ErrEmpty", "no characters"}},
		{"blank", "   ", idErr{fn, "ErrEmpty", "no characters"}},
		{"dashes only", "---", idErr{fn, "ErrEmpty", "no digits"}},
		{"letters", "CCCD001090012345", idErr{fn, "ErrSyntax", "letters in a number"}},
		{"vietnamese text", "chưa có", idErr{fn, "ErrSyntax", "unexpected character"}},
		{"two numbers", "001090012345/012345678", idErr{fn, "ErrSyntax", "unexpected character"}},
		{"scientific", "1.09001E+11", idErr{fn, "ErrSyntax", "number in scientific notation: digits were lost"}},
		{"10 digits starting with 0", "0010900123", idErr{fn, "ErrRange", "10 digits starting with 0: want 9 or 12"}},
		{"10 digits bad province", "3090012345", idErr{fn, "ErrRange", "10 digits that are not a CCCD with its two leading zeros lost"}},
		{"10 digits bad century digit", "1503001234", idErr{fn, "ErrRange", "10 digits that are not a CCCD with its two leading zeros lost"}},
		{"11 digits bad century digit", "10503001234", idErr{fn, "ErrRange", "11 digits that are not a CCCD with its leading zero lost"}},
		{"13 digits", "0010900123456", idErr{fn, "ErrRange", "wrong number of digits: want 9 or 12"}},
		{"very long", "00109001234500109001234", idErr{fn, "ErrRange", "too many digits: want 9 or 12"}},
		{"unknown province 003", "003090012345", idErr{fn, "ErrUnknownCode", "unknown province code"}},
		{"unknown province 097", "097090012345", idErr{fn, "ErrUnknownCode", "unknown province code"}},
		{"province not starting 0", "101090012345", idErr{fn, "ErrUnknownCode", "unknown province code"}},
		{"century 2100", "001490012345", idErr{fn, "ErrRange", "century digit for a birth year after 2099"}},
		{"century 2300", "001990012345", idErr{fn, "ErrRange", "century digit for a birth year after 2099"}},
		{"11 digits bad province", "30900123456", idErr{fn, "ErrRange", "11 digits that are not a CCCD with its leading zero lost"}},
		{"8 digits with zero", "01234567", idErr{fn, "ErrRange", "8 digits starting with 0: want 9 or 12"}},
		{"cmnd placeholder", "000000000", idErr{fn, "ErrRange", "placeholder number (one digit repeated)"}},
		{"cmnd placeholder 9", "999999999", idErr{fn, "ErrRange", "placeholder number (one digit repeated)"}},
		{"cccd placeholder", "000000000000", idErr{fn, "ErrRange", "placeholder number (one digit repeated)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := ParseNationalID(tt.in)
			if err == nil {
				t.Fatalf("ParseNationalID(%q) = %v, want an error", tt.in, id)
			}
			if !id.IsZero() {
				t.Errorf("ParseNationalID(%q) returned %v with its error, want the zero NationalID", tt.in, id)
			}
			if diff := cmp.Diff(tt.want, idErrOf(t, err)); diff != "" {
				t.Errorf("ParseNationalID(%q) error mismatch (-want +got):\n%s", tt.in, diff)
			}
			idAssertNoLeak(t, tt.in, err)
		})
	}
}

func TestNationalIDKinds(t *testing.T) {
	cccd, err := ParseNationalID("001090012345")
	if err != nil {
		t.Fatal(err)
	}
	// A CMND with the same last nine digits is a different number.
	cmnd, err := ParseNationalID("090012345")
	if err != nil {
		t.Fatal(err)
	}
	again, err := ParseNationalID("001 090 012 345")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		a, b NationalID
		want bool
	}{
		{"same cccd written differently", cccd, again, true},
		{"cccd vs cmnd", cccd, cmnd, false},
		{"cccd vs zero", cccd, NationalID{}, false},
		{"zero vs zero", NationalID{}, NationalID{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.a == tt.b); diff != "" {
				t.Errorf("(%v == %v) mismatch (-want +got):\n%s", tt.a, tt.b, diff)
			}
			if diff := cmp.Diff(tt.want, tt.a.Uint64() == tt.b.Uint64()); diff != "" {
				t.Errorf("Uint64 equality of %v and %v mismatch (-want +got):\n%s", tt.a, tt.b, diff)
			}
		})
	}
	if (NationalID{}).Uint64() != 0 || cccd.Uint64() == 0 {
		t.Errorf("Uint64: zero gives %d, a CCCD gives %d", NationalID{}.Uint64(), cccd.Uint64())
	}
	var zero NationalID
	if diff := cmp.Diff(nationalIDView{}, viewNationalID(zero)); diff != "" {
		t.Errorf("zero NationalID accessors (-want +got):\n%s", diff)
	}
	for k, want := range map[NationalIDKind]string{CCCD: "CCCD", CMND: "CMND", 0: ""} {
		if diff := cmp.Diff(want, k.String()); diff != "" {
			t.Errorf("NationalIDKind(%d).String() (-want +got):\n%s", k, diff)
		}
	}
}

func TestNationalIDCheckAgainst(t *testing.T) {
	id, err := ParseNationalID("001190012345") // Hà Nội, female, 1990
	if err != nil {
		t.Fatal(err)
	}
	cmnd, err := ParseNationalID("012345678")
	if err != nil {
		t.Fatal(err)
	}
	mustDate := func(y, m, d int) Date {
		t.Helper()
		v, err := NewDate(y, m, d)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name  string
		id    NationalID
		sex   Sex
		birth Date
		want  IDMismatch
	}{
		{"agrees", id, Female, mustDate(1990, 5, 17), 0},
		{"sex differs", id, Male, mustDate(1990, 5, 17), IDMismatchSex},
		{"year differs", id, Female, mustDate(1991, 5, 17), IDMismatchBirthYear},
		{"both differ", id, Male, mustDate(1909, 1, 1), IDMismatchSex | IDMismatchBirthYear},
		{"unknown sex not checked", id, SexUnknown, mustDate(1990, 1, 1), 0},
		{"missing date not checked", id, Male, Date{}, IDMismatchSex},
		{"cmnd has nothing to check", cmnd, Male, mustDate(1950, 1, 1), 0},
		{"zero id", NationalID{}, Male, mustDate(1950, 1, 1), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.id.CheckAgainst(tt.sex, tt.birth)); diff != "" {
				t.Errorf("CheckAgainst mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, tt.id.CheckYear(tt.sex, tt.birth.Year())); diff != "" {
				t.Errorf("CheckYear mismatch (-want +got):\n%s", diff)
			}
		})
	}
	names := map[IDMismatch]string{0: "", IDMismatchSex: "sex", IDMismatchBirthYear: "birth year", IDMismatchSex | IDMismatchBirthYear: "sex,birth year", 4: "unknown"}
	for m, want := range names {
		if diff := cmp.Diff(want, m.String()); diff != "" {
			t.Errorf("IDMismatch(%d).String() (-want +got):\n%s", m, diff)
		}
	}
}

func TestNationalIDText(t *testing.T) {
	type record struct {
		ID NationalID `json:"id"`
	}
	in := record{}
	var err error
	if in.ID, err = ParseNationalID("079301234567"); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(`{"id":"079301234567"}`, string(b)); diff != "" {
		t.Errorf("json.Marshal (-want +got):\n%s", diff)
	}
	var out record
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if out.ID != in.ID {
		t.Errorf("json round trip: got %v, want %v", out.ID, in.ID)
	}
	var empty record
	if err := json.Unmarshal([]byte(`{"id":""}`), &empty); err != nil || !empty.ID.IsZero() {
		t.Errorf("empty text: got %v, %v; want the zero NationalID", empty.ID, err)
	}
	if err := json.Unmarshal([]byte(`{"id":"12"}`), &empty); err == nil {
		t.Errorf("invalid text: no error")
	}
}

func TestParseNationalIDAllocs(t *testing.T) {
	var id NationalID
	allocs := testing.AllocsPerRun(100, func() {
		id, _ = ParseNationalID("'001 090 012 345")
		_ = id.CheckAgainst(Male, Date{})
		_ = id.Province()
		_ = id.ProvinceCode()
	})
	if allocs != 0 {
		t.Errorf("ParseNationalID and accessors allocate %v times per run, want 0", allocs)
	}
}

func FuzzParseNationalID(f *testing.F) {
	for _, s := range []string{
		"001090012345", "'001 090 012 345", "79301234567.0", "012345678", "12345678",
		"1.09001E+11", "", "003090012345", "001490012345", "chưa có", "\xff\xfe", "0٣1090012345",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ParseNationalID(s)
		if err != nil {
			if !id.IsZero() {
				t.Fatalf("error with a non-zero NationalID")
			}
			idErrOf(t, err)
			idAssertNoLeak(t, s, err)
			return
		}
		out := id.String()
		if !utf8.ValidString(out) || (len(out) != 9 && len(out) != 12) {
			t.Fatalf("String() = %q", out)
		}
		again, err := ParseNationalID(out)
		if err != nil || again != id {
			t.Fatalf("round trip of %q: %v, %v", out, again, err)
		}
		if id.Kind() == CCCD && (id.Province() == "" || id.Province2025() == "" || id.Sex() == SexUnknown) {
			t.Fatalf("CCCD %q without province or sex", out)
		}
	})
}

func BenchmarkParseNationalID(b *testing.B) {
	for _, bench := range []struct{ name, in string }{
		{"cccd", "001090012345"},
		{"cccd_messy", "'001.090.012.345"},
		{"cmnd", "012345678"},
	} {
		b.Run(bench.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseNationalID(bench.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkNationalIDCompare(b *testing.B) {
	x, _ := ParseNationalID("001090012345")
	y, _ := ParseNationalID("001090012346")
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		if x == y || x.CheckYear(Male, 1990) != 0 {
			n++
		}
	}
	_ = n
}
