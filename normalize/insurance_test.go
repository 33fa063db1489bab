package normalize

import (
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// insuranceView is what the accessors of an InsuranceID say.
type insuranceView struct {
	String       string
	HasCard      bool
	ObjectCode   string
	BenefitLevel int
	ProvinceCode string
	BHXH         string
	BHXHNumber   uint64
}

func viewInsurance(x InsuranceID) insuranceView {
	return insuranceView{x.String(), x.HasCard(), x.ObjectCode(), x.BenefitLevel(), x.ProvinceCode(), x.BHXH(), x.BHXHNumber()}
}

func TestParseInsuranceID(t *testing.T) {
	card := func(s, obj string, level int, prov, bhxh string, n uint64) insuranceView {
		return insuranceView{s, true, obj, level, prov, bhxh, n}
	}
	tests := []struct {
		name string
		in   string
		want insuranceView
	}{
		{"card", "DN4010123456789", card("DN4010123456789", "DN", 4, "01", "0123456789", 123456789)},
		{"lower case", "dn4010123456789", card("DN4010123456789", "DN", 4, "01", "0123456789", 123456789)},
		{"grouped with spaces", "DN 4 01 012 345 6789", card("DN4010123456789", "DN", 4, "01", "0123456789", 123456789)},
		{"dashes and padding", "  gd-4-79-7912345678 ", card("GD4797912345678", "GD", 4, "79", "7912345678", 7912345678)},
		{"child", "TE1010112345678", card("TE1010112345678", "TE", 1, "01", "0112345678", 112345678)},
		{"retired", "HT3013001234567", card("HT3013001234567", "HT", 3, "01", "3001234567", 3001234567)},
		{"army province 97", "QN5970123456789", card("QN5970123456789", "QN", 5, "97", "0123456789", 123456789)},
		{"police province 98", "CA5980123456789", card("CA5980123456789", "CA", 5, "98", "0123456789", 123456789)},
		{"excel apostrophe", "'HN2010198765432", card("HN2010198765432", "HN", 2, "01", "0198765432", 198765432)},
		{"bhxh only", "0123456789", insuranceView{"0123456789", false, "", 0, "", "0123456789", 123456789}},
		{"bhxh spaced", "01 2345 6789", insuranceView{"0123456789", false, "", 0, "", "0123456789", 123456789}},
		{"bhxh lost zero", "123456789", insuranceView{"0123456789", false, "", 0, "", "0123456789", 123456789}},
		{"bhxh float", "123456789.0", insuranceView{"0123456789", false, "", 0, "", "0123456789", 123456789}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := ParseInsuranceID(tt.in)
			if err != nil {
				t.Fatalf("ParseInsuranceID(%q): %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, viewInsurance(x)); diff != "" {
				t.Errorf("ParseInsuranceID(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestParseInsuranceIDErrors(t *testing.T) {
	const fn = "ParseInsuranceID"
	tests := []struct {
		name string
		in   string
		want idErr
	}{
		{"empty", "", idErr{fn, "ErrEmpty", "no characters"}},
		{"dots", "...", idErr{fn, "ErrEmpty", "no digits"}},
		{"text", "không có thẻ", idErr{fn, "ErrSyntax", "unexpected character"}},
		{"one letter", "D40101234567890", idErr{fn, "ErrSyntax", "want two letters then digits"}},
		{"letter inside", "DN401012345678X", idErr{fn, "ErrSyntax", "want two letters then digits"}},
		{"short card", "DN401012345678", idErr{fn, "ErrRange", "wrong number of characters: want 15"}},
		{"long card", "DN40101234567890", idErr{fn, "ErrRange", "wrong number of characters: want 15"}},
		{"too long", "DN4010123456789012", idErr{fn, "ErrRange", "too many characters: want 15 or 10"}},
		{"unknown object", "ZZ4010123456789", idErr{fn, "ErrUnknownCode", "unknown object code"}},
		{"level 0", "DN0010123456789", idErr{fn, "ErrRange", "benefit level not 1 to 5"}},
		{"level 6", "DN6010123456789", idErr{fn, "ErrRange", "benefit level not 1 to 5"}},
		{"province 03", "DN4030123456789", idErr{fn, "ErrUnknownCode", "unknown province code"}},
		{"province 99", "DN4990123456789", idErr{fn, "ErrUnknownCode", "unknown province code"}},
		{"placeholder card", "DN4010000000000", idErr{fn, "ErrRange", "placeholder number (one digit repeated)"}},
		{"placeholder bhxh", "0000000000", idErr{fn, "ErrRange", "placeholder number (one digit repeated)"}},
		{"8 digits", "12345678", idErr{fn, "ErrRange", "wrong number of digits: want 10, or a 15-character card"}},
		{"12 digits", "001090012345", idErr{fn, "ErrRange", "wrong number of digits: want 10, or a 15-character card"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := ParseInsuranceID(tt.in)
			if err == nil {
				t.Fatalf("ParseInsuranceID(%q) = %v, want an error", tt.in, x)
			}
			if !x.IsZero() {
				t.Errorf("ParseInsuranceID(%q) returned %v with its error, want the zero InsuranceID", tt.in, x)
			}
			if diff := cmp.Diff(tt.want, idErrOf(t, err)); diff != "" {
				t.Errorf("ParseInsuranceID(%q) error mismatch (-want +got):\n%s", tt.in, diff)
			}
			idAssertNoLeak(t, tt.in, err)
		})
	}
}

func TestInsuranceIDSameBHXH(t *testing.T) {
	parse := func(s string) InsuranceID {
		t.Helper()
		x, err := ParseInsuranceID(s)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	tests := []struct {
		name      string
		a, b      InsuranceID
		same, equ bool
	}{
		{"reissued card", parse("HS4010123456789"), parse("DN4790123456789"), true, false},
		{"card and bare number", parse("DN4010123456789"), parse("0123456789"), true, false},
		{"same card", parse("dn 4 01 0123456789"), parse("DN4010123456789"), true, true},
		{"different people", parse("DN4010123456789"), parse("DN4010123456788"), false, false},
		{"missing", InsuranceID{}, InsuranceID{}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := struct{ Same, Equal bool }{tt.a.SameBHXH(tt.b), tt.a == tt.b}
			want := struct{ Same, Equal bool }{tt.same, tt.equ}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
	if diff := cmp.Diff(insuranceView{}, viewInsurance(InsuranceID{})); diff != "" {
		t.Errorf("zero InsuranceID accessors (-want +got):\n%s", diff)
	}
}

func TestInsuranceObjectCodes(t *testing.T) {
	var codes []string
	for _, c := range bhytObjectCodes {
		if c != "" {
			codes = append(codes, c)
		}
	}
	// 43 codes in Quyết định 1351/QĐ-BHXH; each must parse.
	if diff := cmp.Diff(43, len(codes)); diff != "" {
		t.Errorf("number of object codes (-want +got):\n%s", diff)
	}
	for _, c := range codes {
		t.Run(c, func(t *testing.T) {
			x, err := ParseInsuranceID(c + "1010123456789")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c, x.ObjectCode()); diff != "" {
				t.Errorf("ObjectCode (-want +got):\n%s", diff)
			}
		})
	}
}

func TestInsuranceIDText(t *testing.T) {
	x, err := ParseInsuranceID("dn4010123456789")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(map[string]InsuranceID{"card": x})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(`{"card":"DN4010123456789"}`, string(b)); diff != "" {
		t.Errorf("json.Marshal (-want +got):\n%s", diff)
	}
	var back map[string]InsuranceID
	if err := json.Unmarshal(b, &back); err != nil || back["card"] != x {
		t.Errorf("json round trip: %v, %v", back, err)
	}
	var y InsuranceID
	if err := y.UnmarshalText(nil); err != nil || !y.IsZero() {
		t.Errorf("UnmarshalText(empty) = %v, %v; want zero", y, err)
	}
	if err := y.UnmarshalText([]byte("XX")); err == nil {
		t.Errorf("UnmarshalText(invalid): no error")
	}
}

func TestParseInsuranceIDAllocs(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		x, _ := ParseInsuranceID("dn 4 01 0123456789")
		y, _ := ParseInsuranceID("0123456789")
		_ = x.SameBHXH(y)
		_ = x.ObjectCode()
		_ = x.ProvinceCode()
	})
	if allocs != 0 {
		t.Errorf("ParseInsuranceID and accessors allocate %v times per run, want 0", allocs)
	}
}

func FuzzParseInsuranceID(f *testing.F) {
	for _, s := range []string{
		"DN4010123456789", "dn 4 01 012 345 6789", "0123456789", "123456789", "QN5970123456789",
		"ZZ4010123456789", "DN6010123456789", "", "thẻ", "\xffDN", "DN4010123456789.0",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		x, err := ParseInsuranceID(s)
		if err != nil {
			if !x.IsZero() {
				t.Fatalf("error with a non-zero InsuranceID")
			}
			idErrOf(t, err)
			idAssertNoLeak(t, s, err)
			return
		}
		out := x.String()
		if !utf8.ValidString(out) || (len(out) != 15 && len(out) != 10) {
			t.Fatalf("String() = %q", out)
		}
		again, err := ParseInsuranceID(out)
		if err != nil || again != x {
			t.Fatalf("round trip of %q: %v, %v", out, again, err)
		}
		if !x.SameBHXH(again) || len(x.BHXH()) != 10 {
			t.Fatalf("BHXH of %q", out)
		}
	})
}

func BenchmarkParseInsuranceID(b *testing.B) {
	for _, bench := range []struct{ name, in string }{
		{"card", "DN4010123456789"},
		{"card_messy", "dn 4 01 012 345 6789"},
		{"bhxh", "0123456789"},
	} {
		b.Run(bench.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseInsuranceID(bench.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
