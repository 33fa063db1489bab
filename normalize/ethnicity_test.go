package normalize

import (
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

type ethnicityView struct {
	Code, Name string
	Foreigner  bool
}

func viewEthnicity(e Ethnicity) ethnicityView {
	return ethnicityView{e.Code(), e.Name(), e.IsForeigner()}
}

func TestParseEthnicity(t *testing.T) {
	kinh := ethnicityView{"01", "Kinh", false}
	hmong := ethnicityView{"08", "HMông", false}
	tests := []struct {
		name string
		in   string
		want ethnicityView
	}{
		{"official", "Kinh", kinh},
		{"upper case", "KINH", kinh},
		{"code", "01", kinh},
		{"code without zero", "1", kinh},
		{"code with two zeros", "001", kinh},
		{"viet", "Việt", kinh},
		{"viet no marks", "viet", kinh},
		{"kinh with parenthesis", "Kinh (Việt)", kinh},
		{"dan toc prefix", "Dân tộc Kinh", kinh},
		{"nguoi prefix", "người Kinh", kinh},
		{"tay", "Tày", ethnicityView{"02", "Tày", false}},
		{"thai", "thái", ethnicityView{"03", "Thái", false}},
		{"hoa", "Hoa", ethnicityView{"04", "Hoa", false}},
		{"han", "Hán", ethnicityView{"04", "Hoa", false}},
		{"khmer", "Khmer", ethnicityView{"05", "Khơ-me", false}},
		{"kho me spaced", "Khơ Me", ethnicityView{"05", "Khơ-me", false}},
		{"muong code", "06", ethnicityView{"06", "Mường", false}},
		{"muong", "Mường", ethnicityView{"06", "Mường", false}},
		{"hmong", "HMông", hmong},
		{"h'mong", "H'Mông", hmong},
		{"mong", "Mông", hmong},
		{"meo", "Mèo", hmong},
		{"hmong ascii", "hmong", hmong},
		{"ede hyphen", "Ê-đê", ethnicityView{"12", "Ê-đê", false}},
		{"ede spaced", "Ê Đê", ethnicityView{"12", "Ê-đê", false}},
		{"ede glued", "Êđê", ethnicityView{"12", "Ê-đê", false}},
		{"gia rai", "Gia Rai", ethnicityView{"10", "Gia-rai", false}},
		{"cham", "Chàm", ethnicityView{"17", "Chăm", false}},
		{"mnong", "M'Nông", ethnicityView{"20", "Mnông", false}},
		{"xtieng", "X'Tiêng", ethnicityView{"22", "Xtiêng", false}},
		{"bru", "Bru - Vân Kiều", ethnicityView{"23", "Bru-Vân Kiều", false}},
		{"gie trieng", "Giẻ Triêng", ethnicityView{"27", "Gié-Triêng", false}},
		{"kho mu", "Khơ Mú", ethnicityView{"29", "Khơ-mú", false}},
		{"co lao", "Cờ Lao", ethnicityView{"47", "Co Lao", false}},
		{"ro mam", "Rơ Măm", ethnicityView{"54", "Rơ-măm", false}},
		{"o du", "Ơ Đu", ethnicityView{"53", "Ơ-đu", false}},
		{"foreigner", "Người nước ngoài", ethnicityView{"55", "Người nước ngoài", true}},
		{"foreigner code", "55", ethnicityView{"55", "Người nước ngoài", true}},
		{"padded", "  Nùng\u00a0", ethnicityView{"07", "Nùng", false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := ParseEthnicity(tt.in)
			if err != nil {
				t.Fatalf("ParseEthnicity(%q): %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, viewEthnicity(e)); diff != "" {
				t.Errorf("ParseEthnicity(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestParseEthnicityErrors(t *testing.T) {
	const fn = "ParseEthnicity"
	tests := []struct {
		name string
		in   string
		want idErr
	}{
		{"empty", "", idErr{fn, "ErrEmpty", "no characters"}},
		{"blank", "  ", idErr{fn, "ErrEmpty", "no characters"}},
		{"dash", "-", idErr{fn, "ErrEmpty", "no ethnicity recorded"}},
		{"question mark", "?", idErr{fn, "ErrEmpty", "no ethnicity recorded"}},
		{"khong ro", "Không rõ", idErr{fn, "ErrEmpty", "no ethnicity recorded"}},
		{"chua xac dinh", "chưa xác định", idErr{fn, "ErrEmpty", "no ethnicity recorded"}},
		{"code 0", "0", idErr{fn, "ErrUnknownCode", "code not in the list"}},
		{"code 00", "00", idErr{fn, "ErrUnknownCode", "code not in the list"}},
		{"code 56", "56", idErr{fn, "ErrUnknownCode", "code not in the list"}},
		{"code 999", "999", idErr{fn, "ErrUnknownCode", "code not in the list"}},
		{"long number", "0001", idErr{fn, "ErrUnknownCode", "name not in the list"}},
		{"unknown name", "Klingon", idErr{fn, "ErrUnknownCode", "name not in the list"}},
		{"unrepaired symbol", "Br©u", idErr{fn, "ErrUnknownCode", "name not in the list"}},
		{"symbol inside a known name", "Ki#nh", idErr{fn, "ErrUnknownCode", "name not in the list"}},
		{"name shared by two groups", "Mán", idErr{fn, "ErrUnknownCode", "name not in the list"}},
		{"too long", "Dân tộc có một cái tên rất dài không có trong danh mục", idErr{fn, "ErrUnknownCode", "name not in the list"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := ParseEthnicity(tt.in)
			if err == nil {
				t.Fatalf("ParseEthnicity(%q) = %v, want an error", tt.in, e)
			}
			if !e.IsZero() {
				t.Errorf("ParseEthnicity(%q) returned %v with its error, want 0", tt.in, e)
			}
			if diff := cmp.Diff(tt.want, idErrOf(t, err)); diff != "" {
				t.Errorf("ParseEthnicity(%q) error mismatch (-want +got):\n%s", tt.in, diff)
			}
			idAssertNoLeak(t, tt.in, err)
		})
	}
}

// TestEthnicityTable checks the 1979 list: 54 groups and the foreigner
// code, each name parsing back to its own code, in the order of the list.
func TestEthnicityTable(t *testing.T) {
	var codes []string
	for code := 1; code < len(ethnicityNames); code++ {
		e := Ethnicity(code)
		codes = append(codes, e.Code())
		for _, in := range []string{e.Name(), Fold(e.Name()), e.Code()} {
			got, err := ParseEthnicity(in)
			if err != nil || got != e {
				t.Errorf("ParseEthnicity(%q) = %v, %v; want %v", in, got, err, e)
			}
		}
		for _, alias := range ethnicityAliases[e] {
			if got, err := ParseEthnicity(alias); err != nil || got != e {
				t.Errorf("ParseEthnicity(%q) = %v, %v; want %v", alias, got, err, e)
			}
		}
	}
	if diff := cmp.Diff(55, len(codes)); diff != "" {
		t.Errorf("number of codes (-want +got):\n%s", diff)
	}
	// Spot checks of the order of the 1979 list (not the 2008 one).
	for code, name := range map[Ethnicity]string{1: "Kinh", 2: "Tày", 3: "Thái", 4: "Hoa", 5: "Khơ-me", 6: "Mường", 8: "HMông", 11: "Ngái", 24: "Thổ", 54: "Rơ-măm"} {
		if diff := cmp.Diff(name, code.Name()); diff != "" {
			t.Errorf("Ethnicity(%d).Name() (-want +got):\n%s", code, diff)
		}
	}
	for _, e := range []Ethnicity{0, 56, 255} {
		if diff := cmp.Diff(ethnicityView{}, viewEthnicity(e)); diff != "" {
			t.Errorf("Ethnicity(%d) accessors (-want +got):\n%s", e, diff)
		}
	}
	if Kinh.String() != "Kinh" || Kinh.Code() != "01" || !Foreigner.IsForeigner() || Kinh.IsForeigner() {
		t.Errorf("named constants: %v %v %v", Kinh, Kinh.Code(), Foreigner.IsForeigner())
	}
}

// TestParseEthnicityLegacy reads names typed with the legacy Vietnamese
// encodings that Fold repairs. Some short names are not recognised as
// legacy text by Fold; those must then be rejected, never read as another
// group (TCVN3 "Br©u" must not become "Bru").
func TestParseEthnicityLegacy(t *testing.T) {
	mustRead := map[string]bool{"Tày": true, "Ê-đê": true, "Mường": true, "Người nước ngoài": true, "Hà Nhì": true}
	for _, enc := range []Encoding{TCVN3, VNI, Mojibake} {
		for code := 1; code < len(ethnicityNames); code++ {
			want := Ethnicity(code)
			in := EncodeLegacy(want.Name(), enc)
			t.Run(enc.String()+"/"+want.Code(), func(t *testing.T) {
				got, err := ParseEthnicity(in)
				if err != nil {
					if mustRead[want.Name()] {
						t.Errorf("ParseEthnicity(%q): %v", in, err)
					}
					return
				}
				if diff := cmp.Diff(want.Name(), got.Name()); diff != "" {
					t.Errorf("ParseEthnicity(%q) mismatch (-want +got):\n%s", in, diff)
				}
			})
		}
	}
}

func TestEthnicityText(t *testing.T) {
	b, err := json.Marshal(struct{ E Ethnicity }{Ethnicity(12)})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(`{"E":"12"}`, string(b)); diff != "" {
		t.Errorf("json.Marshal (-want +got):\n%s", diff)
	}
	var back struct{ E Ethnicity }
	if err := json.Unmarshal([]byte(`{"E":"Ê đê"}`), &back); err != nil || back.E != 12 {
		t.Errorf("json.Unmarshal: %v, %v", back.E, err)
	}
	var e Ethnicity = 3
	if err := e.UnmarshalText(nil); err != nil || !e.IsZero() {
		t.Errorf("UnmarshalText(empty) = %v, %v; want zero", e, err)
	}
	if err := e.UnmarshalText([]byte("zzz")); err == nil {
		t.Errorf("UnmarshalText(invalid): no error")
	}
}

func TestParseEthnicityAllocs(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		_, _ = ParseEthnicity("Kinh")
		_, _ = ParseEthnicity("hmong")
		_, _ = ParseEthnicity("01")
		_, _ = ParseEthnicity("Ê-đê")
		_, _ = ParseEthnicity("MƯỜNG")
	})
	if allocs != 0 {
		t.Errorf("ParseEthnicity of ASCII input and listed names allocates %v times per run, want 0", allocs)
	}
}

func FuzzParseEthnicity(f *testing.F) {
	for _, s := range []string{"Kinh", "01", "1", "H'Mông", "Êđê", "Không rõ", "", "\xff", "Dân tộc Mường", "999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := ParseEthnicity(s)
		if err != nil {
			if !e.IsZero() {
				t.Fatalf("error with a non-zero Ethnicity")
			}
			idErrOf(t, err)
			idAssertNoLeak(t, s, err)
			return
		}
		if !utf8.ValidString(e.Name()) || e.Name() == "" || len(e.Code()) != 2 {
			t.Fatalf("Name %q, Code %q", e.Name(), e.Code())
		}
		for _, in := range []string{e.Name(), e.Code()} {
			if again, err := ParseEthnicity(in); err != nil || again != e {
				t.Fatalf("round trip of %q: %v, %v", in, again, err)
			}
		}
	})
}

func BenchmarkParseEthnicity(b *testing.B) {
	for _, bench := range []struct{ name, in string }{
		{"code", "01"},
		{"ascii", "Kinh"},
		{"listed_name", "Ê-đê"},
		{"repaired_folded", "Ê đê"},
	} {
		b.Run(bench.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseEthnicity(bench.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
