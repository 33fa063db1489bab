package normalize

import (
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// phoneView is what the accessors of a Phone say.
type phoneView struct {
	String        string
	International string
	Kind          PhoneKind
	IsMobile      bool
}

func viewPhone(p Phone) phoneView {
	return phoneView{p.String(), p.International(), p.Kind(), p.IsMobile()}
}

func mobile(s string) phoneView {
	return phoneView{s, "+84" + s[1:], PhoneMobile, true}
}

func landline(s string) phoneView {
	return phoneView{s, "+84" + s[1:], PhoneLandline, false}
}

func TestParsePhone(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want phoneView
	}{
		{"national", "0912345678", mobile("0912345678")},
		{"spaced", "0912 345 678", mobile("0912345678")},
		{"dotted", "0912.345.678", mobile("0912345678")},
		{"dashed", "091-234-5678", mobile("0912345678")},
		{"plus 84", "+84 912 345 678", mobile("0912345678")},
		{"plus 84 with trunk zero", "+84 (0) 912 345 678", mobile("0912345678")},
		{"plus 84 with zero glued", "+840912345678", mobile("0912345678")},
		{"84 without plus", "84912345678", mobile("0912345678")},
		{"0084", "0084 912 345 678", mobile("0912345678")},
		{"parenthesised country code", "(+84) 912345678", mobile("0912345678")},
		{"lost leading zero", "912345678", mobile("0912345678")},
		{"lost zero of an 084 number", "841234567", mobile("0841234567")},
		{"excel float", "912345678.0", mobile("0912345678")},
		{"excel apostrophe", "'0912345678", mobile("0912345678")},
		{"label before", "ĐT: 0912345678", mobile("0912345678")},
		{"note after", "0912345678 (con trai)", mobile("0912345678")},
		{"new prefix 03", "0321234567", mobile("0321234567")},
		{"new prefix 05", "0561234567", mobile("0561234567")},
		{"new prefix 07", "0701234567", mobile("0701234567")},
		{"new prefix 08", "0861234567", mobile("0861234567")},
		{"viettel 0162", "01621234567", mobile("0321234567")},
		{"viettel 0169 spaced", "0169 933 3999", mobile("0399333999")},
		{"mobifone 0120", "01201234567", mobile("0701234567")},
		{"mobifone 0121", "01211234567", mobile("0791234567")},
		{"mobifone 0122", "01221234567", mobile("0771234567")},
		{"mobifone 0126", "01261234567", mobile("0761234567")},
		{"mobifone 0128", "01287878888", mobile("0787878888")},
		{"vinaphone 0123", "01231234567", mobile("0831234567")},
		{"vinaphone 0124", "01241234567", mobile("0841234567")},
		{"vinaphone 0125", "01251234567", mobile("0851234567")},
		{"vinaphone 0127", "01271234567", mobile("0811234567")},
		{"vinaphone 0129", "01298222888", mobile("0828222888")},
		{"vietnamobile 0186", "01861234567", mobile("0561234567")},
		{"vietnamobile 0188", "01888555888", mobile("0588555888")},
		{"gmobile 0199", "01995959999", mobile("0595959999")},
		{"old mobile lost zero", "1688123456", mobile("0388123456")},
		{"old mobile with +84", "+84 168 812 3456", mobile("0388123456")},
		{"hanoi landline", "024 3823 4567", landline("02438234567")},
		{"hanoi landline parenthesised", "(024) 38234567", landline("02438234567")},
		{"hcm landline", "028.3823.4567", landline("02838234567")},
		{"provincial landline", "0203 3823 456", landline("02033823456")},
		{"landline +84", "+84 236 3823 456", landline("02363823456")},
		{"landline lost zero", "2438234567", landline("02438234567")},
		{"old hanoi landline", "04 3823 4567", landline("02438234567")},
		{"old hanoi landline 84", "+84 4 3823 4567", landline("02438234567")},
		{"first of two, slash", "0912345678 / 0987654321", mobile("0912345678")},
		{"first of two, spaces only", "0912 345 678 0987 654 321", mobile("0912345678")},
		{"first of two, glued by dash", "0912345678-0987654321", mobile("0912345678")},
		{"extension ignored", "024 3823 4567 máy lẻ 12", landline("02438234567")},
		{"short run before ignored", "Số 12, 0912345678", mobile("0912345678")},
		{"old hcm landline is now a mobile number", "08 3823 4567", mobile("0838234567")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParsePhone(tt.in)
			if err != nil {
				t.Fatalf("ParsePhone(%q): %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, viewPhone(p)); diff != "" {
				t.Errorf("ParsePhone(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestParsePhones(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []string
		wantErr idErr
	}{
		{"one", "0912345678", []string{"0912345678"}, idErr{}},
		{"slash", "0912345678 / 0987654321", []string{"0912345678", "0987654321"}, idErr{}},
		{"comma and semicolon", "0912345678, 0987654321; 024 3823 4567", []string{"0912345678", "0987654321", "02438234567"}, idErr{}},
		{"words between", "0912 345 678 hoặc 0169 933 3999 (mẹ)", []string{"0912345678", "0399333999"}, idErr{}},
		{"spaces only", "0912 345 678 0987 654 321", []string{"0912345678", "0987654321"}, idErr{}},
		{"newline", "0912345678\n+84 987 654 321", []string{"0912345678", "0987654321"}, idErr{}},
		{"short tail ignored", "0912345678 12", []string{"0912345678"}, idErr{}},
		{"second invalid", "0912345678 / 0612345678", []string{"0912345678"}, idErr{"ParsePhones", "ErrUnknownCode", "prefix not assigned to any phone service"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePhones(nil, tt.in)
			var strs []string
			for _, p := range got {
				strs = append(strs, p.String())
			}
			if diff := cmp.Diff(tt.want, strs); diff != "" {
				t.Errorf("ParsePhones(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
			if diff := cmp.Diff(tt.wantErr, idErrOf(t, err)); diff != "" {
				t.Errorf("ParsePhones(%q) error mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestParsePhoneErrors(t *testing.T) {
	const fn = "ParsePhone"
	tests := []struct {
		name string
		in   string
		want idErr
	}{
		{"empty", "", idErr{fn, "ErrEmpty", "no characters"}},
		{"blank", " \t", idErr{fn, "ErrEmpty", "no characters"}},
		{"punctuation", "- . -", idErr{fn, "ErrEmpty", "no characters"}},
		{"text", "không có", idErr{fn, "ErrSyntax", "no digits"}},
		{"too short", "3823 4567", idErr{fn, "ErrRange", "wrong number of digits for a phone number"}},
		{"only short runs", "số 12", idErr{fn, "ErrRange", "too few digits for a phone number"}},
		{"mobile too long", "09123456789", idErr{fn, "ErrRange", "wrong number of digits for a phone number"}},
		{"mobile too short", "091234567", idErr{fn, "ErrRange", "wrong number of digits for a phone number"}},
		{"grouping too long", "0912 345 6789", idErr{fn, "ErrRange", "wrong number of digits for a phone number"}},
		{"unassigned 06", "0612345678", idErr{fn, "ErrUnknownCode", "prefix not assigned to any phone service"}},
		{"foreign country", "+1 202 555 0123", idErr{fn, "ErrUnknownCode", "foreign country code"}},
		{"foreign 00", "0012025550123", idErr{fn, "ErrUnknownCode", "prefix not assigned to any phone service"}},
		{"retired prefix not converted", "01301234567", idErr{fn, "ErrUnknownCode", "retired mobile prefix not in the 2018 conversion table"}},
		{"unknown area code", "0230 382 3456", idErr{fn, "ErrUnknownCode", "unknown landline area code"}},
		{"scientific", "9.12346E+08", idErr{fn, "ErrRange", "too few digits for a phone number"}},
		{"huge run", "1234567890123456789012345678901234567890123456789012", idErr{fn, "ErrRange", "too many digits in one number"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParsePhone(tt.in)
			if err == nil {
				t.Fatalf("ParsePhone(%q) = %v, want an error", tt.in, p)
			}
			if !p.IsZero() {
				t.Errorf("ParsePhone(%q) returned %v with its error, want the zero Phone", tt.in, p)
			}
			if diff := cmp.Diff(tt.want, idErrOf(t, err)); diff != "" {
				t.Errorf("ParsePhone(%q) error mismatch (-want +got):\n%s", tt.in, diff)
			}
			idAssertNoLeak(t, tt.in, err)
		})
	}
}

func TestPhoneTables(t *testing.T) {
	// 21 retired prefixes in the 2018 table, all mapped to distinct
	// current mobile prefixes.
	seen := map[uint8]bool{}
	for old, to := range phoneMobilePrefix2018 {
		if to == 0 {
			continue
		}
		if seen[to] {
			t.Errorf("two retired prefixes map to 0%d", to)
		}
		seen[to] = true
		if first := to / 10; first != 3 && first != 5 && first != 7 && first != 8 {
			t.Errorf("01%02d maps to 0%d, not a mobile range", old, to)
		}
	}
	if diff := cmp.Diff(21, len(seen)); diff != "" {
		t.Errorf("retired prefixes (-want +got):\n%s", diff)
	}
	// 61 four-digit area codes plus 024 and 028: one per province.
	n := 0
	for _, name := range phoneAreaCodes2017 {
		if name != "" {
			n++
		}
	}
	if diff := cmp.Diff(61, n); diff != "" {
		t.Errorf("four-digit area codes (-want +got):\n%s", diff)
	}
	// Every area code parses, with and without its zero.
	for xy, name := range phoneAreaCodes2017 {
		if name == "" {
			continue
		}
		want := "02" + idTwoDigits[xy] + "3823456"
		for _, in := range []string{want, want[1:], "+84 2" + idTwoDigits[xy] + " 382 3456"} {
			p, err := ParsePhone(in)
			if err != nil || p.String() != want || p.IsMobile() {
				t.Errorf("ParsePhone(%q) = %v, %v; want landline %s", in, p, err, want)
			}
		}
	}
	for k, want := range map[PhoneKind]string{PhoneMobile: "mobile", PhoneLandline: "landline", 0: ""} {
		if diff := cmp.Diff(want, k.String()); diff != "" {
			t.Errorf("PhoneKind(%d).String() (-want +got):\n%s", k, diff)
		}
	}
	if diff := cmp.Diff(phoneView{}, viewPhone(Phone{})); diff != "" {
		t.Errorf("zero Phone accessors (-want +got):\n%s", diff)
	}
}

func TestPhoneUint64(t *testing.T) {
	parse := func(s string) Phone {
		t.Helper()
		p, err := ParsePhone(s)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name string
		a, b Phone
		want bool
	}{
		{"same number, old and new prefix", parse("0169 933 3999"), parse("+84 39 933 3999"), true},
		{"different numbers", parse("0912345678"), parse("0912345679"), false},
		{"mobile vs landline with same digits", parse("0912345678"), parse("0291 2345678"), false},
		{"missing", Phone{}, Phone{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := [2]bool{tt.a == tt.b, tt.a.Uint64() == tt.b.Uint64()}
			if diff := cmp.Diff([2]bool{tt.want, tt.want}, got); diff != "" {
				t.Errorf("equality of %v and %v (-want +got):\n%s", tt.a, tt.b, diff)
			}
		})
	}
	if (Phone{}).Uint64() != 0 {
		t.Errorf("zero Phone has Uint64 %d", Phone{}.Uint64())
	}
}

func TestPhoneText(t *testing.T) {
	p, err := ParsePhone("+84 912 345 678")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal([]Phone{p})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(`["0912345678"]`, string(b)); diff != "" {
		t.Errorf("json.Marshal (-want +got):\n%s", diff)
	}
	var back []Phone
	if err := json.Unmarshal(b, &back); err != nil || len(back) != 1 || back[0] != p {
		t.Errorf("json round trip: %v, %v", back, err)
	}
	var q Phone
	if err := q.UnmarshalText(nil); err != nil || !q.IsZero() {
		t.Errorf("UnmarshalText(empty) = %v, %v; want zero", q, err)
	}
	if err := q.UnmarshalText([]byte("12")); err == nil {
		t.Errorf("UnmarshalText(invalid): no error")
	}
}

func TestParsePhoneAllocs(t *testing.T) {
	buf := make([]Phone, 0, 4)
	allocs := testing.AllocsPerRun(100, func() {
		p, _ := ParsePhone("+84 (0) 912.345.678")
		q, _ := ParsePhone("0169 933 3999 / 024 3823 4567")
		_ = p == q
		buf, _ = ParsePhones(buf[:0], "0912345678, 0987654321")
	})
	if allocs != 0 {
		t.Errorf("ParsePhone allocates %v times per run, want 0", allocs)
	}
}

func FuzzParsePhone(f *testing.F) {
	for _, s := range []string{
		"0912345678", "+84 912 345 678", "01621234567", "024 3823 4567", "04 3823 4567",
		"0912345678 / 0987654321", "912345678.0", "", "không", "+1 202 555 0123", "\xff+84", "0912 345 678 0987 654 321",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		all, errAll := ParsePhones(nil, s)
		p, err := ParsePhone(s)
		if err != nil {
			if !p.IsZero() {
				t.Fatalf("error with a non-zero Phone")
			}
			idErrOf(t, err)
			idAssertNoLeak(t, s, err)
			if len(all) > 0 {
				t.Fatalf("ParsePhone failed but ParsePhones found %v", all)
			}
			return
		}
		if len(all) == 0 || all[0] != p {
			t.Fatalf("ParsePhone = %v, ParsePhones = %v, %v", p, all, errAll)
		}
		for _, q := range all {
			out := q.String()
			if !utf8.ValidString(out) || (q.IsMobile() && len(out) != 10) || (!q.IsMobile() && len(out) != 11) {
				t.Fatalf("String() = %q", out)
			}
			again, err := ParsePhone(out)
			if err != nil || again != q {
				t.Fatalf("round trip of %q: %v, %v", out, again, err)
			}
			again, err = ParsePhone(q.International())
			if err != nil || again != q {
				t.Fatalf("round trip of %q: %v, %v", q.International(), again, err)
			}
		}
	})
}

func BenchmarkParsePhone(b *testing.B) {
	for _, bench := range []struct{ name, in string }{
		{"mobile", "0912345678"},
		{"mobile_messy", "+84 (0) 912.345.678"},
		{"old_mobile", "0169 933 3999"},
		{"landline", "024 3823 4567"},
		{"two_numbers", "0912345678 / 0987654321"},
	} {
		b.Run(bench.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParsePhone(bench.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
