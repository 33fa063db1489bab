package normalize

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// vowelRows lists every Vietnamese vowel with its five tones, in the order
// none, huyền, sắc, hỏi, ngã, nặng, written out (not built from tables).
var vowelRows = []string{
	"aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ",
	"eèéẻẽẹ", "êềếểễệ",
	"iìíỉĩị",
	"oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ",
	"uùúủũụ", "ưừứửữự",
	"yỳýỷỹỵ",
}

func TestTextEveryLetter(t *testing.T) {
	var letters []string
	for _, row := range vowelRows {
		for _, r := range row {
			letters = append(letters, string(r), strings.ToUpper(string(r)))
		}
	}
	letters = append(letters, "đ", "Đ")
	if len(letters) != 12*6*2+2 {
		t.Fatalf("got %d letters, want %d", len(letters), 12*6*2+2)
	}
	for _, want := range letters {
		inputs := map[string]string{
			"nfc": want,
			"nfd": norm.NFD.String(want),
		}
		for kind, in := range inputs {
			t.Run(want+"/"+kind, func(t *testing.T) {
				if diff := cmp.Diff(want, Text(in)); diff != "" {
					t.Errorf("Text(%+q) mismatch (-want +got):\n%s", in, diff)
				}
				if diff := cmp.Diff(strings.ToLower(want), Key(in)); diff != "" {
					t.Errorf("Key(%+q) mismatch (-want +got):\n%s", in, diff)
				}
				fold := Fold(in)
				if len(fold) != 1 || fold[0] < 'a' || fold[0] > 'z' {
					t.Errorf("Fold(%+q) = %q, want one ASCII lower-case letter", in, fold)
				}
			})
		}
	}
}

// correctTexts are correct, canonical Vietnamese texts, many of them with
// Ô, Ơ, Ư, Â and other letters that legacy-encoded text also holds.
var correctTexts = []string{
	"Nguyễn Thị Thuý", "Trần Văn Hoà", "Lê Thị Khoẻ", "Phạm Thị Thuỷ",
	"NGUYỄN THỊ THUÝ", "nguyễn văn ánh",
	"Ông Ích Khiêm", "Ưng Hoàng Phúc", "Ân Thị Ơn", "Đỗ Thị Ánh Tuyết",
	"Huỳnh Quý Giàu", "Ngô Thị Ước", "Âu Dương Lộc", "Ô Môn", "Ê Đê",
	"H'Hen Niê", "Y Moan Niê", "Quách Thị Gấm", "Giáp Văn Quyết",
	"Võ Thị Sáu", "Vương Thị Huyền", "Khuất Duy Tiến", "Nghiêm Xuân Hoạch",
	"Lương Thế Vinh", "Thừa Thiên Huế", "Bà Rịa - Vũng Tàu",
	"Số 5, ngõ 12/3, P. Láng Hạ", "Nguyễn Văn A", "Thò", "Tôn", "Hoà", "Thuý",
	"Lý", "Mỹ", "Tú", "Ấn", "Ý", "Ơ", "Ư", "José Müller", "H'Mông",
	"Tôn Nữ Thị Hà", "Chu Thị Thuỳ Dương", "Kiều Oanh", "Ngoãn", "Khuyến",
	"Huyện Ia H' Drai", "Tỉnh Đắk Lắk", "Xã Đắk R'Măng",
}

func TestTextKeepsCorrectText(t *testing.T) {
	for _, s := range correctTexts {
		t.Run(s, func(t *testing.T) {
			if diff := cmp.Diff(s, Text(s)); diff != "" {
				t.Errorf("Text mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(strings.ToLower(s), Key(s)); diff != "" {
				t.Errorf("Key mismatch (-want +got):\n%s", diff)
			}
			if e := DetectEncoding(s); e != UTF8 {
				t.Errorf("DetectEncoding = %v, want UTF-8", e)
			}
		})
	}
}

func TestTextToneStyle(t *testing.T) {
	tests := []struct{ in, newStyle, oldStyle string }{
		{"hòa", "hoà", "hòa"},
		{"hoà", "hoà", "hòa"},
		{"HÒA", "HOÀ", "HÒA"},
		{"Hóa", "Hoá", "Hóa"},
		{"thúy", "thuý", "thúy"},
		{"Thủy", "Thuỷ", "Thủy"},
		{"khỏe", "khoẻ", "khỏe"},
		{"khoẻ", "khoẻ", "khỏe"},
		{"ủy ban", "uỷ ban", "ủy ban"},
		{"oà", "oà", "òa"},
		{norm.NFD.String("Nguyễn Thị Thúy"), "Nguyễn Thị Thuý", "Nguyễn Thị Thúy"},
		// qu and gi: the u and i belong to the consonant.
		{"quý", "quý", "quý"},
		{"quà", "quà", "quà"},
		{"giúp", "giúp", "giúp"},
		{"già", "già", "già"},
		{"qúy", "quý", "quý"},
		{"gịa", "giạ", "giạ"},
		// Closed syllables and marked vowels: one spelling in both styles.
		{"hoàng", "hoàng", "hoàng"},
		{"thuyền", "thuyền", "thuyền"},
		{"hoạch", "hoạch", "hoạch"},
		{"họach", "hoạch", "hoạch"},
		{"hòang", "hoàng", "hoàng"},
		{"huỳnh", "huỳnh", "huỳnh"},
		{"ngoài", "ngoài", "ngoài"},
		{"ngòai", "ngoài", "ngoài"},
		{"khuỷu", "khuỷu", "khuỷu"},
		{"người", "người", "người"},
		{"ngưòi", "ngưòi", "ngưòi"}, // ưo is no vowel cluster: left alone
		{"mùa", "mùa", "mùa"},
		{"muà", "mùa", "mùa"},
		{"thuở", "thuở", "thuở"},
		{"tuấn", "tuấn", "tuấn"},
		// Not syllables: left alone.
		{"Hoàaa", "Hoàaa", "Hoàaa"},
		{"Smíth", "Smíth", "Smíth"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if diff := cmp.Diff(tt.newStyle, Text(tt.in)); diff != "" {
				t.Errorf("Text mismatch (-want +got):\n%s", diff)
			}
			old := Canonicalizer{Style: ToneOld}
			if diff := cmp.Diff(tt.oldStyle, old.String(tt.in)); diff != "" {
				t.Errorf("old style mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(Fold(tt.newStyle), old.Fold(tt.in)); diff != "" {
				t.Errorf("Fold depends on the style (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTextSpacesAndPunctuation(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"only spaces", " \t\u00a0\u3000 ", ""},
		{"trim and collapse", "  Nguyễn \t Văn\n\nA  ", "Nguyễn Văn A"},
		{"nbsp and unicode spaces", "Nguyễn\u00a0Văn\u2003A\u202fB", "Nguyễn Văn A B"},
		{"zero width inside a word", "Ng\u200buyễn\u200d Văn\ufeff", "Nguyễn Văn"},
		{"soft hyphen and bidi", "Hoà\u00ad\u200eng", "Hoàng"},
		{"controls separate", "Nguyễn\x00Văn\x1fA\x7f", "Nguyễn Văn A"},
		{"invalid utf-8", "Nguy\xffn", "Nguy n"},
		{"stray symbols", "*Nguyễn_Văn \"A\"!", "Nguyễn Văn A"},
		{"brackets", "Hà Nội (cũ)", "Hà Nội cũ"},
		{"apostrophe", "H'Mông K’Sor", "H'Mông K'Sor"},
		{"apostrophe not after a letter", "'A' B' 'C'", "A' B' C"},
		{"apostrophe before a space", "Ia H' Drai", "Ia H' Drai"},
		{"slash", "12/3 /4 5/", "12/3 4 5"},
		{"address", " Số 5 , ngõ 12/3,P. Láng Hạ,, ", "Số 5 ngõ 12/3,P. Láng Hạ"},
		{"trailing dot", "Nguyễn Văn A.", "Nguyễn Văn A"},
		{"abbreviation", "Tp.HCM", "Tp.HCM"},
		{"hyphen spaced", "Bà Rịa – Vũng Tàu", "Bà Rịa - Vũng Tàu"},
		{"hyphen tight", "Nguyễn-Văn", "Nguyễn-Văn"},
		{"hyphen stray", "- A - - B -", "A - B"},
		{"lone mark", "\u0301A \u0303", "A"},
		{"emoji", "An😀Bình", "An Bình"},
		{"eth for đ", "Ðức Ðoàn", "Đức Đoàn"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Text(tt.in)); diff != "" {
				t.Errorf("Text(%+q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestKeyAndFold(t *testing.T) {
	tests := []struct{ in, key, fold string }{
		{"Nguyễn Thị Thuý", "nguyễn thị thuý", "nguyen thi thuy"},
		{"ĐẶNG VĂN ĐỨC", "đặng văn đức", "dang van duc"},
		{"Trần Văn Hòa", "trần văn hoà", "tran van hoa"},
		{"NguyÔn ThÞ Hoµ", "nguyễn thị hoà", "nguyen thi hoa"},
		{"Nguyen Van A", "nguyen van a", "nguyen van a"},
		{"José Müller", "josé müller", "jose muller"},
		{"Ðức", "đức", "duc"},
		{"Ô Môn, Cần Thơ", "ô môn, cần thơ", "o mon, can tho"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if diff := cmp.Diff(tt.key, Key(tt.in)); diff != "" {
				t.Errorf("Key mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.fold, Fold(tt.in)); diff != "" {
				t.Errorf("Fold mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTextReturnsInputWhenCanonical(t *testing.T) {
	for _, s := range correctTexts {
		if got := Text(s); got != s {
			t.Errorf("Text(%q) = %q", s, got)
		}
	}
	// Canonical inputs must come back without allocating.
	tests := []struct {
		name string
		f    func(string) string
		in   string
	}{
		{"Text/ascii", Text, "Nguyen Van A"},
		{"Text/nfc", Text, "Nguyễn Thị Thuý"},
		{"Text/address", Text, "Số 5, ngõ 12/3, P. Láng Hạ"},
		{"Text/latin1 word", Text, "Trần Văn Hoà"},
		{"Key/canonical", Key, "nguyễn thị thuý"},
		{"Fold/canonical", Fold, "nguyen thi thuy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f(tt.in); got != tt.in {
				t.Fatalf("got %q, want the input", got)
			}
			if n := testing.AllocsPerRun(100, func() { tt.f(tt.in) }); n != 0 {
				t.Errorf("%v allocations, want 0", n)
			}
		})
	}
}

func TestTextAllocations(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  float64
	}{
		{"old style", "Trần Văn Hòa", 1},
		{"nfd", norm.NFD.String("Nguyễn Thị Thuý"), 1},
		{"spaces", "  Nguyễn   Thị Thuý ", 1},
		{"tcvn3", "NguyÔn ThÞ Thuý", 1},
		{"vni", "Nguyeãn Thò Thuyù", 1},
		{"mojibake", "Nguyá»…n Thá»‹ ThuÃ½", 1},
		{"tcvn3 and spaces", " NguyÔn  ThÞ Thuý ", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if n := testing.AllocsPerRun(100, func() { Text(tt.in) }); n > tt.max {
				t.Errorf("%v allocations, want at most %v", n, tt.max)
			}
		})
	}
}

// TestKeyFoldAllocations checks that Key and Fold write their result in
// one allocation, as Text does, and none when it is the input.
func TestKeyFoldAllocations(t *testing.T) {
	inputs := []string{
		"Nguyen Van A", "Nguyễn Thị Thuý", "Trần Văn Hòa", norm.NFD.String("Nguyễn Thị Thuý"),
		"  Nguyễn   Thị Thuý ", "NguyÔn ThÞ Thuý", "Nguyeãn Thò Thuyù", "Nguyá»…n Thá»‹ ThuÃ½",
		EncodeLegacy("Nguyễn Thị Thuý", TCVN3), EncodeLegacy("NGUYỄN THỊ THUÝ", TCVN3),
	}
	for _, in := range inputs {
		for _, f := range []struct {
			name string
			f    func(string) string
		}{{"Key", Key}, {"Fold", Fold}} {
			t.Run(f.name+"/"+in, func(t *testing.T) {
				if n := testing.AllocsPerRun(100, func() { f.f(in) }); n > 1 {
					t.Errorf("%v allocations, want at most 1", n)
				}
				out := f.f(in)
				if n := testing.AllocsPerRun(100, func() { f.f(out) }); n != 0 {
					t.Errorf("%s(%q): %v allocations, want 0", f.name, out, n)
				}
			})
		}
	}
}

func TestTransformerMatchesStrings(t *testing.T) {
	inputs := append([]string{
		"  Nguyễn \t Thị\u00a0Thúy  ", norm.NFD.String("Trần Văn Hòa, P. Láng Hạ - Hà Nội"),
		"Bà Rịa - Vũng Tàu -", "H'Mông 12/3,", "",
	}, correctTexts...)
	forms := []struct {
		name string
		new  func() *Transformer
		str  func(string) string
	}{
		{"text", NewTextTransformer, Text},
		{"key", NewKeyTransformer, Key},
		{"fold", NewFoldTransformer, Fold},
		{"old", func() *Transformer { return Canonicalizer{Style: ToneOld}.Transformer(FormText) },
			Canonicalizer{Style: ToneOld}.String},
	}
	for _, f := range forms {
		for _, in := range inputs {
			t.Run(f.name+"/"+in, func(t *testing.T) {
				want := f.str(in)
				got, _, err := transform.String(f.new(), in)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("transform.String mismatch (-want +got):\n%s", diff)
				}
				// One byte at a time through a reader.
				r := transform.NewReader(iotest.OneByteReader(strings.NewReader(in)), f.new())
				b, err := io.ReadAll(r)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, string(b)); diff != "" {
					t.Errorf("reader mismatch (-want +got):\n%s", diff)
				}
			})
		}
	}
}

func TestTransformerShortDst(t *testing.T) {
	tr := NewTextTransformer()
	src := []byte("Nguyễn   Thị Thúy")
	want := "Nguyễn Thị Thuý"
	var out []byte
	dst := make([]byte, 3)
	for i := 0; i < 100; i++ {
		nDst, nSrc, err := tr.Transform(dst, src, true)
		out = append(out, dst[:nDst]...)
		src = src[nSrc:]
		if err == nil {
			break
		}
		if err != transform.ErrShortDst {
			t.Fatalf("unexpected error %v", err)
		}
	}
	if diff := cmp.Diff(want, string(out)); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// TestKeyLowerCase checks that Key lower-cases every rune as
// unicode.ToLower does (Key reads Vietnamese letters from its tables),
// and that Key and Fold map every rune as they map it in a word.
func TestKeyLowerCase(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xD800 && r < 0xE000 {
			continue
		}
		got := string(appendFormRune(nil, r, FormKey))
		if want := string(unicode.ToLower(r)); got != want {
			t.Fatalf("Key form of %U = %q, want %q", r, got, want)
		}
	}
}

func TestFormsMatchTransformer(t *testing.T) {
	for r := rune(0x80); r < 0x3000; r++ {
		s := "Ab" + string(r) + "c " + string(r)
		text := Text(s)
		for _, f := range []Form{FormKey, FormFold} {
			want, _, err := transform.String(Canonicalizer{}.Transformer(f), text)
			if err != nil {
				t.Fatal(err)
			}
			got := Key(s)
			if f == FormFold {
				got = Fold(s)
			}
			if DetectEncoding(text) == UTF8 && got != want {
				t.Fatalf("form %d of %q: got %q, transformer %q", f, s, got, want)
			}
		}
	}
}

// TestFormsConcurrent checks that the scratch buffers that Text, Key and
// Fold reuse are never shared: concurrent calls give the results of
// sequential ones (run it with -race).
func TestFormsConcurrent(t *testing.T) {
	var inputs []string
	for _, s := range correctTexts {
		inputs = append(inputs, s, norm.NFD.String(s), " "+s+"  x",
			EncodeLegacy(s, TCVN3), EncodeLegacy(s, VNI), EncodeLegacy(s, Mojibake))
	}
	want := make([][3]string, len(inputs))
	for i, s := range inputs {
		want[i] = [3]string{Text(s), Key(s), Fold(s)}
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 20; k++ {
				for i := range inputs {
					s := inputs[(i+g*7)%len(inputs)]
					w := want[(i+g*7)%len(inputs)]
					if got := [3]string{Text(s), Key(s), Fold(s)}; got != w {
						errs <- fmt.Sprintf("%q: got %q, want %q", s, got, w)
						return
					}
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestPlainNFC checks that the quick test plainNFC never calls text NFC
// that NFC would change: on every rune alone, after a letter and before a
// combining mark.
func TestPlainNFC(t *testing.T) {
	plain := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		for _, s := range []string{string(r), "a" + string(r), string(r) + "\u0301", "e" + string(r) + "\u0323"} {
			if plainNFC(s) && !norm.NFC.IsNormalString(s) {
				t.Fatalf("plainNFC(%+q) is true, but NFC changes it", s)
			}
		}
		if plainNFC(string(r)) {
			plain++
		}
	}
	require.True(t, plainNFC("Hà Nội Đắk ø"))
	require.False(t, plainNFC("e\u0301"))
	require.False(t, plainNFC("\u212b")) // the angstrom sign: NFC writes Å
	t.Logf("%d runes are plain", plain)
}
