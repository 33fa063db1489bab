package normalize

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// The three spellings of the issue: one place before and after the reform.
const (
	addrOldForm   = "xã Đại Áng, huyện Thanh Trì, Hà Nội"
	addrAbbrForm  = "X. Ngoc Hoi, TP HN"
	addrHamletNew = "thôn Đại Áng, xã Ngọc Hồi, thành phố Hà Nội"
)

var parseAddressCases = []struct {
	name string
	in   string
	want Address
}{
	{
		name: "old form with district",
		in:   addrOldForm,
		want: Address{
			Commune:  Part{UnitXa, "Đại Áng"},
			District: Part{UnitHuyen, "Thanh Trì"},
			Province: Part{UnitNone, "Hà Nội"},
		},
	},
	{
		name: "abbreviated without diacritics",
		in:   addrAbbrForm,
		want: Address{
			Commune:  Part{UnitXa, "Ngoc Hoi"},
			Province: Part{UnitThanhPho, "Hà Nội"},
		},
	},
	{
		name: "hamlet named after the old commune",
		in:   addrHamletNew,
		want: Address{
			Hamlets:  []Part{{UnitThon, "Đại Áng"}},
			Commune:  Part{UnitXa, "Ngọc Hồi"},
			Province: Part{UnitThanhPho, "Hà Nội"},
		},
	},
	{
		name: "no commas at all",
		in:   "Số 12 ngõ 5 thôn Đại Áng xã Ngọc Hồi Hà Nội",
		want: Address{
			House:    "12",
			Alleys:   []Part{{UnitNgo, "5"}},
			Hamlets:  []Part{{UnitThon, "Đại Áng"}},
			Commune:  Part{UnitXa, "Ngọc Hồi"},
			Province: Part{UnitNone, "Hà Nội"},
		},
	},
	{
		name: "glued abbreviations, upper case",
		in:   "X.NGOC HOI H.THANH TRI TP.HN",
		want: Address{
			Commune:  Part{UnitXa, "Ngoc Hoi"},
			District: Part{UnitHuyen, "Thanh Tri"},
			Province: Part{UnitThanhPho, "Hà Nội"},
		},
	},
	{
		name: "house number and street in one part, untyped ward",
		in:   "12 Nguyễn Trãi, Thanh Xuân, Hà Nội",
		want: Address{
			House:    "12",
			Street:   Part{UnitNone, "Nguyễn Trãi"},
			Commune:  Part{UnitNone, "Thanh Xuân"},
			Province: Part{UnitNone, "Hà Nội"},
		},
	},
	{
		name: "alley off a street, old ward and district untyped, country dropped",
		in:   "ngõ 120 Trần Duy Hưng, Trung Hòa, Cầu Giấy, HN, Việt Nam",
		want: Address{
			Alleys:   []Part{{UnitNgo, "120"}},
			Street:   Part{UnitNone, "Trần Duy Hưng"},
			Commune:  Part{UnitNone, "Trung Hoà"},
			District: Part{UnitNone, "Cầu Giấy"},
			Province: Part{UnitNone, "Hà Nội"},
		},
	},
	{
		name: "Roman numerals, numbered ward and district glued",
		in:   "Tổ III, P12, Q.10, TPHCM",
		want: Address{
			Hamlets:  []Part{{UnitTo, "3"}},
			Commune:  Part{UnitPhuong, "12"},
			District: Part{UnitQuan, "10"},
			Province: Part{UnitThanhPho, "Hồ Chí Minh"},
		},
	},
	{
		name: "zero-padded numbers and số after the type word",
		in:   "tổ số 03, phường 05, quận 01, tp hcm",
		want: Address{
			Hamlets:  []Part{{UnitTo, "3"}},
			Commune:  Part{UnitPhuong, "5"},
			District: Part{UnitQuan, "1"},
			Province: Part{UnitThanhPho, "Hồ Chí Minh"},
		},
	},
	{
		name: "type words without diacritics are not taken from names",
		in:   "Phuong Quan Thanh Quan Ba Dinh Ha Noi",
		want: Address{
			Commune:  Part{UnitPhuong, "Quan Thanh"},
			District: Part{UnitQuan, "Ba Dinh"},
			Province: Part{UnitNone, "Hà Nội"},
		},
	},
	{
		name: "district-level city, then the province",
		in:   "P. Linh Trung, TP Thủ Đức, TP HCM",
		want: Address{
			Commune:  Part{UnitPhuong, "Linh Trung"},
			District: Part{UnitThanhPhoTinh, "Thủ Đức"},
			Province: Part{UnitThanhPho, "Hồ Chí Minh"},
		},
	},
	{
		name: "nested hamlets and township, southern abbreviations",
		in:   "Tổ 5 KP 3, TT Cần Giuộc, H. Cần Giuộc, T. Long An",
		want: Address{
			Hamlets:  []Part{{UnitTo, "5"}, {UnitKhuPho, "3"}},
			Commune:  Part{UnitThiTran, "Cần Giuộc"},
			District: Part{UnitHuyen, "Cần Giuộc"},
			Province: Part{UnitTinh, "Long An"},
		},
	},
	{
		name: "notes in parentheses and a part written twice",
		in:   "(gần chợ) xã Đại Áng, xã Ngọc Hồi, Thanh Trì",
		want: Address{
			Commune:  Part{UnitXa, "Đại Áng"},
			District: Part{UnitNone, "Thanh Trì"},
			Notes:    []string{"gần chợ", "xã Ngọc Hồi"},
		},
	},
	{
		name: "untyped village before the commune",
		in:   "Đại Áng, xã Ngọc Hồi",
		want: Address{
			Hamlets: []Part{{UnitNone, "Đại Áng"}},
			Commune: Part{UnitXa, "Ngọc Hồi"},
		},
	},
	{
		name: "untyped street before an urban ward",
		in:   "Nguyễn Trãi, phường Thanh Xuân",
		want: Address{
			Street:  Part{UnitNone, "Nguyễn Trãi"},
			Commune: Part{UnitPhuong, "Thanh Xuân"},
		},
	},
	{
		name: "untyped parts with nothing urban: hamlet before street",
		in:   "Tây Sơn, Quang Trung, Đống Đa, Hà Nội",
		want: Address{
			Hamlets:  []Part{{UnitNone, "Tây Sơn"}},
			Commune:  Part{UnitNone, "Quang Trung"},
			District: Part{UnitNone, "Đống Đa"},
			Province: Part{UnitNone, "Hà Nội"},
		},
	},
	{
		name: "special zone with hyphenated province",
		in:   "đặc khu Côn Đảo; Ba Ria - Vung Tau",
		want: Address{
			Commune:  Part{UnitDacKhu, "Côn Đảo"},
			Province: Part{UnitNone, "Bà Rịa - Vũng Tàu"},
		},
	},
	{
		name: "dashes between parts, all upper case",
		in:   "XÓM 5 - XÃ DUYÊN THÁI – THƯỜNG TÍN - HÀ NỘI",
		want: Address{
			Hamlets:  []Part{{UnitXom, "5"}},
			Commune:  Part{UnitXa, "Duyên Thái"},
			District: Part{UnitNone, "Thường Tín"},
			Province: Part{UnitNone, "Hà Nội"},
		},
	},
	{
		name: "hyphen inside a word, dash inside a province name",
		in:   "thôn Nà-Sảng, xã Pa Vệ Sử - tỉnh Bà Rịa - Vũng Tàu",
		want: Address{
			Hamlets:  []Part{{UnitThon, "Nà-Sảng"}},
			Commune:  Part{UnitXa, "Pa Vệ Sử"},
			Province: Part{UnitTinh, "Bà Rịa - Vũng Tàu"},
		},
	},
	{
		name: "kiệt glued, Đà Nẵng",
		in:   "K12/3 Lê Duẩn, Q. Hải Châu, Đà Nẵng",
		want: Address{
			Alleys:   []Part{{UnitKiet, "12/3"}},
			Street:   Part{UnitNone, "Lê Duẩn"},
			District: Part{UnitQuan, "Hải Châu"},
			Province: Part{UnitNone, "Đà Nẵng"},
		},
	},
	{
		name: "house with a letter and a named street",
		in:   "số nhà 12a đường Lê Lợi, Thị xã Sơn Tây",
		want: Address{
			House:    "12A",
			Street:   Part{UnitDuong, "Lê Lợi"},
			District: Part{UnitThiXa, "Sơn Tây"},
		},
	},
}

func TestParseAddress(t *testing.T) {
	for _, tt := range parseAddressCases {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseAddress(tt.in)
			if err != nil {
				t.Fatalf("ParseAddress: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseAddress mismatch (-want +got):\n%s", diff)
			}
			again, err := ParseAddress(got.String())
			if err != nil {
				t.Fatalf("ParseAddress(String()): %v", err)
			}
			if diff := cmp.Diff(got, again); diff != "" {
				t.Errorf("canonical form %q is not idempotent (-want +got):\n%s", got.String(), diff)
			}
		})
	}
}

func TestAddressString(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"so 12 ngo 5 thon Đại Áng xã Ngọc Hồi Hà Nội", "Số 12, ngõ 5, thôn Đại Áng, xã Ngọc Hồi, Hà Nội"},
		{addrAbbrForm, "Xã Ngoc Hoi, thành phố Hà Nội"},
		{"TỔ III P.12 Q.10 TPHCM", "Tổ 3, phường 12, quận 10, thành phố Hồ Chí Minh"},
		{"(cũ) Đại Áng, Thanh Trì", "Đại Áng, Thanh Trì (cũ)"},
		{"ngách 3, ngõ 5, phố Huế", "Ngách 3, ngõ 5, phố Huế"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			a, err := ParseAddress(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, a.String()); diff != "" {
				t.Errorf("String mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseAddressErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want ParseError
	}{
		{"empty", "", ParseError{Func: "ParseAddress", Reason: "no words in the address", Err: ErrEmpty}},
		{"punctuation only", " , ; - .\n", ParseError{Func: "ParseAddress", Reason: "no words in the address", Err: ErrEmpty}},
		{"only the country", "Việt Nam", ParseError{Func: "ParseAddress", Reason: "no words in the address", Err: ErrEmpty}},
		{"too long", "xã Ngọc Hồi " + strings.Repeat("a", addrMaxLen), ParseError{Func: "ParseAddress", Reason: "address longer than 4096 bytes", Err: ErrRange}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseAddress(tt.in)
			var pe *ParseError
			if !errors.As(err, &pe) || !errors.Is(err, tt.want.Err) {
				t.Fatalf("error %v is not a *ParseError wrapping %v", err, tt.want.Err)
			}
			if diff := cmp.Diff(tt.want, *pe, cmpopts.EquateErrors()); diff != "" {
				t.Errorf("error mismatch (-want +got):\n%s", diff)
			}
			if strings.Contains(err.Error(), "Ngọc") || strings.Contains(err.Error(), "Việt") {
				t.Errorf("error %q quotes the input", err)
			}
		})
	}
}

func TestParseAddressOnlyCountryAfterNotes(t *testing.T) {
	got, err := ParseAddress("(ghi chú), Việt Nam")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Address{Notes: []string{"ghi chú"}}, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestPartKeys(t *testing.T) {
	tests := []struct {
		p                Part
		str, key, folded string
	}{
		{Part{UnitXa, "Ngọc Hồi"}, "xã Ngọc Hồi", "ngọc hồi", "ngoc hoi"},
		{Part{UnitNone, "Đại Áng"}, "Đại Áng", "đại áng", "dai ang"},
		{Part{UnitThanhPho, "Bà Rịa - Vũng Tàu"}, "thành phố Bà Rịa - Vũng Tàu", "bà rịa - vũng tàu", "ba ria vung tau"},
		{Part{UnitToDanPho, "12B"}, "tổ dân phố 12B", "12b", "12b"},
		{Part{}, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.str, func(t *testing.T) {
			got := [3]string{tt.p.String(), tt.p.Key(), tt.p.Folded()}
			if diff := cmp.Diff([3]string{tt.str, tt.key, tt.folded}, got); diff != "" {
				t.Errorf("String, Key, Folded mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUnitTypeAndLevel(t *testing.T) {
	tests := []struct {
		typ   UnitType
		word  string
		level AddressLevel
	}{
		{UnitNone, "", LevelNone},
		{UnitNgach, "ngách", LevelAlley},
		{UnitPho, "phố", LevelStreet},
		{UnitToDanPho, "tổ dân phố", LevelHamlet},
		{UnitDacKhu, "đặc khu", LevelCommune},
		{UnitThanhPhoTinh, "thành phố", LevelDistrict},
		{UnitThanhPho, "thành phố", LevelProvince},
		{addrUnitTypeCount, "", LevelNone},
	}
	for _, tt := range tests {
		t.Run(tt.word+"/"+tt.level.String(), func(t *testing.T) {
			got := struct {
				Word  string
				Level AddressLevel
			}{tt.typ.String(), tt.typ.Level()}
			want := struct {
				Word  string
				Level AddressLevel
			}{tt.word, tt.level}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAddrFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Đại Áng", "dai ang"},
		{"  NGỌC   HỒI ", "ngoc hoi"},
		{"Bà Rịa - Vũng Tàu", "ba ria vung tau"},
		{"Hoà/Hòa", "hoa hoa"},
		{"Nguye\u0302\u0303n", "nguyen"}, // decomposed marks
		{"12/3A", "12 3a"},
		{"Mường Tè\xff", "muong te"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, addrFold(tt.in)); diff != "" {
				t.Errorf("addrFold mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAddrRomanValue(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"I", 1}, {"III", 3}, {"IV", 4}, {"IX", 9}, {"XIV", 14}, {"XXXIX", 39},
		{"IIII", 0}, {"VX", 0}, {"IL", 0}, {"MIL", 0}, {"", 0}, {"XL", 0}, {"iii", 3},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := addrRomanValue(tt.in); got != tt.want {
				t.Errorf("addrRomanValue(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

// TestWardKeyWithoutData checks the fallback key: the folded commune name
// and province.
func TestWardKeyWithoutData(t *testing.T) {
	key := func(r Resolver, s string) uint64 {
		t.Helper()
		a, err := ParseAddress(s)
		if err != nil {
			t.Fatal(err)
		}
		return r.WardKey(a)
	}
	var plain Resolver
	hanoi := Resolver{DefaultProvince: "Thành phố Hà Nội"}
	tests := []struct {
		name string
		r    Resolver
		a, b string
		same bool
	}{
		{"abbreviated and hamlet forms", plain, addrAbbrForm, addrHamletNew, true},
		{"diacritics and case", plain, "XA NGOC HOI, HN", "xã Ngọc Hồi, Hà Nội", true},
		{"commune type is not part of the key", plain, "phường Ngọc Hồi, Hà Nội", "xã Ngọc Hồi, Hà Nội", true},
		{"no province without a default", plain, "X. Ngoc Hoi", addrHamletNew, false},
		{"no province with a default", hanoi, "X. Ngoc Hoi", addrHamletNew, true},
		{"default written as an abbreviation", Resolver{DefaultProvince: "HN"}, "X. Ngoc Hoi", addrHamletNew, true},
		{"another province", plain, "xã Ngọc Hồi, Hà Nam", addrHamletNew, false},
		{"old name needs the data", plain, addrOldForm, addrHamletNew, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ka, kb := key(tt.r, tt.a), key(tt.r, tt.b)
			if ka == 0 || kb == 0 {
				t.Fatalf("zero key: %x %x", ka, kb)
			}
			if ka&auWardKeyFlag != 0 || kb&auWardKeyFlag != 0 {
				t.Errorf("name keys must have the top bit clear: %x %x", ka, kb)
			}
			if (ka == kb) != tt.same {
				t.Errorf("keys %x and %x: same = %v, want %v", ka, kb, ka == kb, tt.same)
			}
		})
	}
	if k := key(plain, "thôn Đại Áng, huyện Thanh Trì"); k != 0 {
		t.Errorf("address without a commune: key %x, want 0", k)
	}
	if got := plain.Resolve(mustParseAddress(t, addrAbbrForm)); got.Status != ResolveUnknown {
		t.Errorf("Resolve without data: %v, want unknown", got.Status)
	}
}

func mustParseAddress(t testing.TB, s string) Address {
	t.Helper()
	a, err := ParseAddress(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestWardKeyWithoutDataAllocs(t *testing.T) {
	a := mustParseAddress(t, addrHamletNew)
	b := mustParseAddress(t, "X. Ngoc Hoi")
	r := Resolver{DefaultProvince: "Thành phố Hà Nội"}
	if n := testing.AllocsPerRun(100, func() { r.WardKey(a); r.WardKey(b) }); n != 0 {
		t.Errorf("WardKey allocates %v times per call, want 0", n)
	}
}

func FuzzParseAddress(f *testing.F) {
	for _, tt := range parseAddressCases {
		f.Add(tt.in)
	}
	for _, s := range []string{
		"", "(", ")", "((a) b", "số", "xã", "X.", "TP", "Q1", "P.", "tổ số", "12", "Việt Nam, HN",
		"Hà Nội, xã Ngọc Hồi", "thôn A, B, xã C, D, E, F, G", "a, b, c, d, e, f, g, h",
		"TP Thái Nguyên, Thái Nguyên", "XA  x", "P0. 0", "Số 0 HA  Nội", "A,0,0,0,000000000", "0 -Q0", "Aᢣ0, Aû0", "THÔN TƯỜNG X", "thôn Tường vi", "\xff\xfe xã \x00 Ngọc", "ngõ 5 số 3 ngách 2", "Tổ VI, XÃ TƯỜNG VI", "AP 00000 ı",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseAddress(s)
		if err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrRange) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		canon := a.String()
		if !utf8.ValidString(canon) {
			t.Fatalf("String() is not valid UTF-8: %q", canon)
		}
		b, err := ParseAddress(canon)
		if err != nil {
			t.Fatalf("ParseAddress(%q) of the canonical form: %v", canon, err)
		}
		if diff := cmp.Diff(a, b); diff != "" {
			t.Fatalf("not idempotent: %q -> %q (-first +second):\n%s", s, canon, diff)
		}
		var r Resolver
		_ = r.WardKey(a)
	})
}

func BenchmarkParseAddress(b *testing.B) {
	inputs := []struct{ name, in string }{
		{"full", "Số 12 ngõ 5, thôn Đại Áng, xã Ngọc Hồi, huyện Thanh Trì, Hà Nội"},
		{"ascii_abbrev", "X.Ngoc Hoi H.Thanh Tri TP.HN"},
		{"hcm", "123/45 Lê Lợi, P.12, Q.10, TPHCM"},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in.in)))
			for b.Loop() {
				if _, err := ParseAddress(in.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkWardKeyWithoutData(b *testing.B) {
	a := mustParseAddress(b, addrOldForm)
	r := Resolver{DefaultProvince: "Hà Nội"}
	b.ReportAllocs()
	for b.Loop() {
		r.WardKey(a)
	}
}

func TestAddrLowerAligned(t *testing.T) {
	tests := []struct {
		name, in string
		aligned  bool // lower-casing keeps the length of every rune
	}{
		{"empty", "", false},
		{"lower ascii", "ngoc hoi", true},
		{"upper ascii", "TP.HCM Q1", true},
		{"vietnamese", "Xã NGỌC Hồi, Đại Áng", true},
		{"kelvin sign shrinks", "\u212a12 Lê Duẩn", false},
		{"dotted capital I grows", "İstanbul", false},
		{"invalid byte", "Hà\xffNội", false},
		{"replacement rune", "Hà\uFFFDNội", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := addrLowerAligned(tt.in)
			want := ""
			if tt.aligned {
				want = strings.ToLower(tt.in)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("addrLowerAligned(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestAddrIsUpper(t *testing.T) {
	for _, in := range []string{"", "HN", "Hn", "12A", "12a", "ĐẠI ÁNG", "Đại", "\xff", "\uFFFD", "ǅ", "ß"} {
		t.Run(in, func(t *testing.T) {
			if diff := cmp.Diff(in == strings.ToUpper(in), addrIsUpper(in)); diff != "" {
				t.Errorf("addrIsUpper(%q) mismatch (-want +got):\n%s", in, diff)
			}
		})
	}
}

func TestAddrSplitGluedLowerCases(t *testing.T) {
	// The ASCII fast path of addrSplitGlued reads f as strings.ToLower
	// would write it.
	tests := []struct{ in, abbr, rest string }{
		{"Q1", "q.", "1"},
		{"p12", "p.", "12"},
		{"F3", "f.", "3"},
		{"K12/3", "k.", "12/3"},
		{"TPHCM", "tp.", "HCM"},
		{"TpHn", "tp.", "Hn"},
		{"Q1a", "", ""},
		{"Thanh", "", ""},
		{"Phường", "", ""},
		{"Ka", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			abbr, rest := addrSplitGlued(tt.in)
			if diff := cmp.Diff([2]string{tt.abbr, tt.rest}, [2]string{abbr, rest}); diff != "" {
				t.Errorf("addrSplitGlued(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
