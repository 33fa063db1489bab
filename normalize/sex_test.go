package normalize

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/unicode/norm"
)

// Error messages of ParseSex, written out in full.
const (
	msgSexSyntax = "normalize.ParseSex: invalid syntax: not a recognised sex value"
	msgSexCode   = "normalize.ParseSex: unknown code: not a GIOI_TINH code (1 nam, 2 nữ, 3 chưa xác định)"
)

var parseSexCases = []struct {
	in      string
	want    Sex
	wantErr string
}{
	// Male.
	{in: "Nam", want: Male},
	{in: "nam", want: Male},
	{in: "NAM", want: Male},
	{in: "  Nam  ", want: Male},
	{in: "Nam giới", want: Male},
	{in: "nam  gioi", want: Male},
	{in: "M", want: Male},
	{in: "m", want: Male},
	{in: "Male", want: Male},
	{in: "trai", want: Male},
	{in: "Con trai", want: Male},
	{in: "bé trai", want: Male},
	{in: "1", want: Male},
	{in: "Nám", want: Male},
	// Female.
	{in: "Nữ", want: Female},
	{in: "nữ", want: Female},
	{in: "NỮ", want: Female},
	{in: norm.NFD.String("Nữ"), want: Female},
	{in: norm.NFD.String("NỮ"), want: Female},
	{in: "Nu", want: Female},
	{in: "NU", want: Female},
	{in: "nũ", want: Female},
	{in: "Nư", want: Female},
	{in: "Nữ giới", want: Female},
	{in: "F", want: Female},
	{in: "female", want: Female},
	{in: "FEMALE", want: Female},
	{in: "gái", want: Female},
	{in: "Con gái", want: Female},
	{in: "bé gái", want: Female},
	{in: "2", want: Female},
	{in: "\tNữ\n", want: Female},
	// Unknown, without error.
	{in: "", want: SexUnknown},
	{in: "   ", want: SexUnknown},
	{in: "-", want: SexUnknown},
	{in: "?", want: SexUnknown},
	{in: "3", want: SexUnknown},
	{in: "Chưa xác định", want: SexUnknown},
	{in: "không xác định", want: SexUnknown},
	{in: "Không rõ", want: SexUnknown},
	{in: "KXĐ", want: SexUnknown},
	{in: "kxd", want: SexUnknown},
	{in: "U", want: SexUnknown},
	{in: "unknown", want: SexUnknown},
	// Errors.
	{in: "0", wantErr: msgSexCode},
	{in: "4", wantErr: msgSexCode},
	{in: "12", wantErr: msgSexCode},
	{in: "01", wantErr: msgSexCode},
	{in: "Ông", wantErr: msgSexSyntax},
	{in: "Bà", wantErr: msgSexSyntax},
	{in: "Nam/Nữ", wantErr: msgSexSyntax},
	{in: "Nam Nữ", wantErr: msgSexSyntax},
	{in: "x", wantErr: msgSexSyntax},
	{in: "nami", wantErr: msgSexSyntax},
	{in: "Nguyễn Văn An", wantErr: msgSexSyntax},
	{in: "con", wantErr: msgSexSyntax},
	{in: "khong xac dinh gioi", wantErr: msgSexSyntax},
	{in: "1.0", wantErr: msgSexSyntax},
}

func TestParseSex(t *testing.T) {
	for _, tt := range parseSexCases {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseSex(tt.in)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("ParseSex(%q) = %v, want error", tt.in, got)
				}
				if diff := cmp.Diff(tt.wantErr, err.Error()); diff != "" {
					t.Errorf("ParseSex(%q) error (-want +got):\n%s", tt.in, diff)
				}
				want := ErrSyntax
				if tt.wantErr == msgSexCode {
					want = ErrUnknownCode
				}
				var pe *ParseError
				if !errors.As(err, &pe) || pe.Func != "ParseSex" || !errors.Is(err, want) {
					t.Errorf("ParseSex(%q) error %#v, want a *ParseError of ParseSex wrapping %v", tt.in, err, want)
				}
				if in := strings.TrimSpace(tt.in); len(in) >= 2 && strings.Contains(err.Error(), in) {
					t.Errorf("error %q repeats the input", err)
				}
				if got != SexUnknown {
					t.Errorf("ParseSex(%q) = %v with an error", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseSex(%q): %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseSex(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestSexString(t *testing.T) {
	type view struct {
		String string
		Code   int
		Text   string
	}
	tests := []struct {
		s    Sex
		want view
	}{
		{Male, view{"Nam", 1, "Nam"}},
		{Female, view{"Nữ", 2, "Nữ"}},
		{SexUnknown, view{"", 3, ""}},
		{Sex(7), view{"Sex(7)", 3, "Sex(7)"}},
	}
	for _, tt := range tests {
		t.Run(tt.want.String, func(t *testing.T) {
			text, err := tt.s.MarshalText()
			if err != nil {
				t.Fatal(err)
			}
			got := view{tt.s.String(), tt.s.Code(), string(text)}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestSexUnmarshalText(t *testing.T) {
	for _, s := range []Sex{Male, Female, SexUnknown} {
		t.Run(s.String(), func(t *testing.T) {
			text, _ := s.MarshalText()
			got := Sex(9)
			if err := got.UnmarshalText(text); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(s, got); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
	got := Female
	if err := got.UnmarshalText([]byte("Ông")); !errors.Is(err, ErrSyntax) || got != Female {
		t.Errorf("UnmarshalText(Ông) = %v, %v; want Female unchanged and ErrSyntax", got, err)
	}
}

func TestParseSexDoesNotAllocate(t *testing.T) {
	for _, in := range []string{"Nam", "nam", "NAM", "Nữ", "nữ", "NỮ", "Nu", "M", "F", "1", "2", "3", "", "Male", "nam gioi"} {
		t.Run(in, func(t *testing.T) {
			allocs := testing.AllocsPerRun(100, func() {
				if _, err := ParseSex(in); err != nil {
					t.Fatal(err)
				}
			})
			if allocs != 0 {
				t.Errorf("ParseSex(%q) allocates %v times, want 0", in, allocs)
			}
		})
	}
}

func FuzzParseSex(f *testing.F) {
	for _, tt := range parseSexCases {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s, err := ParseSex(in)
		if err != nil {
			if s != SexUnknown {
				t.Fatalf("ParseSex(%q) = %v with an error", in, s)
			}
			if !errors.Is(err, ErrSyntax) && !errors.Is(err, ErrUnknownCode) {
				t.Fatalf("ParseSex(%q) error %v wraps no expected sentinel", in, err)
			}
			return
		}
		if s != Male && s != Female && s != SexUnknown {
			t.Fatalf("ParseSex(%q) = %d, not a Sex constant", in, s)
		}
		text := s.String()
		if !utf8.ValidString(text) {
			t.Fatalf("String() = %q is not UTF-8", text)
		}
		again, err := ParseSex(text)
		if err != nil || again != s {
			t.Fatalf("ParseSex(%q) = %v; ParseSex(%q) = %v, %v", in, s, text, again, err)
		}
		if c := s.Code(); c < 1 || c > 3 {
			t.Fatalf("Code() = %d", c)
		}
	})
}

func BenchmarkParseSex(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"ascii", "Nam"},
		{"nfc", "Nữ"},
		{"code", "2"},
		{"nfd_fold", norm.NFD.String("Nữ")},
		{"words_fold", "Chưa xác định"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = ParseSex(bc.in)
			}
		})
	}
}

// TestParseSexLegacy parses values written in the legacy encodings that
// Fold repairs.
func TestParseSexLegacy(t *testing.T) {
	inputs := []struct {
		in   string
		want Sex
	}{
		{"Nữ", Female},
		{"NỮ", Female},
		{"Nữ giới", Female},
		{"Bé gái", Female},
		{"Chưa xác định", SexUnknown},
		{"Không rõ", SexUnknown},
	}
	for _, e := range []Encoding{TCVN3, VNI, Mojibake} {
		for _, tt := range inputs {
			in := EncodeLegacy(tt.in, e)
			t.Run(e.String()+"/"+in, func(t *testing.T) {
				got, err := ParseSex(in)
				if err != nil {
					t.Fatalf("ParseSex(%q): %v", in, err)
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("ParseSex(%q) (-want +got):\n%s", in, diff)
				}
			})
		}
	}
}
