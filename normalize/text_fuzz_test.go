package normalize

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// fuzzSeeds are the seed inputs of the fuzz tests; they run in every go
// test.
var fuzzSeeds = []string{
	"", " ", "Nguyễn Thị Thuý", "  Trần\tVăn  Hòa. ", "NGUYỄN ĐỨC ÁNH",
	"NguyÔn ThÞ Hoµ", "Nguyeãn Thò Hoaø", "Nguyá»…n Thá»‹ HoÃ\u00a0",
	"Ä\u0090á»©c", "Nguyễn Văn Há»“ng", "H'Mông 12/3, P. Láng Hạ - Hà Nội",
	"Ng\u200buyễn\u00ad", "a\u0301\u0302", "\u0301x", "Ðức", "Nguy\xffn",
	"§ç ThÞ ¸nh", "sè 5 ¸nh s¸ng", "José Müller", "qúy gịa họach", "khuỷu",
	"Thò", "â", "A.-B", "' - ,", "Ê\u00a0Ban", "TRÇN V¡N C¤NG Lý",
	"e\u200b\u0301", "x-y--z", "Ô", "ÃÂ", "Æ°Æ¡", "ñoaøn",
}

func FuzzText(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	old := Canonicalizer{Style: ToneOld}
	f.Fuzz(func(t *testing.T, s string) {
		text, key, fold := Text(s), Key(s), Fold(s)
		for _, out := range []string{text, key, fold} {
			if !utf8.ValidString(out) {
				t.Fatalf("invalid UTF-8 %q from %q", out, s)
			}
			if strings.HasPrefix(out, " ") || strings.HasSuffix(out, " ") || strings.Contains(out, "  ") {
				t.Fatalf("bad spacing %q from %q", out, s)
			}
		}
		if got := Text(text); got != text {
			t.Fatalf("Text not idempotent: %q -> %q -> %q", s, text, got)
		}
		if got := Key(text); got != key {
			t.Fatalf("Key(Text(x)) = %q, Key(x) = %q, x = %q", got, key, s)
		}
		if got := Fold(text); got != fold {
			t.Fatalf("Fold(Text(x)) = %q, Fold(x) = %q, x = %q", got, fold, s)
		}
		if !norm.NFC.IsNormalString(text) {
			t.Fatalf("Text(%q) = %q is not NFC", s, text)
		}
		o := old.String(s)
		if got := old.String(o); got != o {
			t.Fatalf("old style not idempotent: %q -> %q -> %q", s, o, got)
		}
		// The style moves tone marks only; but where a legacy repair is in
		// play, the evidence may read differently in the two styles.
		_, repairedNew := Canonicalizer{}.canonical(s)
		_, repairedOld := old.canonical(s)
		if !repairedNew && !repairedOld && Fold(o) != fold {
			t.Fatalf("Fold depends on the style: %q, %q", Fold(o), fold)
		}
		// The streaming transformer does what Text does when there is
		// nothing to repair.
		if DetectEncoding(s) == UTF8 {
			got, _, err := transform.String(NewTextTransformer(), s)
			if err != nil {
				t.Fatal(err)
			}
			if DetectEncoding(got) == UTF8 && got != text {
				t.Fatalf("transformer %q, Text %q, input %q", got, text, s)
			}
		}
	})
}

// FuzzFoldASCII checks that Fold writes Vietnamese letters in ASCII.
func FuzzFoldASCII(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// Keep only Vietnamese letters, their combining marks and spaces.
		var b strings.Builder
		for _, r := range s {
			_, isLetter := letterOf(r)
			tone, mod := markOf(r)
			if isLetter || tone != toneNone || mod != modNone || r == ' ' {
				b.WriteRune(r)
			}
		}
		in := b.String()
		out := Fold(in)
		for i := 0; i < len(out); i++ {
			if c := out[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
				t.Fatalf("Fold(%q) = %q is not lower-case ASCII", in, out)
			}
		}
	})
}

// roundTripWords are correct words that a fuzzed name is built from.
var roundTripWords = []string{
	"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ",
	"Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Thị", "Văn", "Đức",
	"Hữu", "Thuý", "Thủy", "Hoà", "Hòa", "Khoẻ", "Quý", "Giang", "Ánh",
	"Tuyết", "Hường", "Nga", "Ước", "Ơn", "Ân", "Ưng", "Khuyến", "Thuở",
	"Ngoãn", "Kỷ", "Mỹ", "Quốc", "Khánh", "Nghĩa", "Xuân", "Yến", "Oanh",
}

// FuzzEncodeLegacyRoundTrip checks Text(EncodeLegacy(x, e)) == Text(x) for
// names x built from correct words, in title and upper case, after a
// family name and middle name that give the repair its evidence.
func FuzzEncodeLegacyRoundTrip(f *testing.F) {
	f.Add(uint8(0), uint8(1), uint8(2), false, uint8(1))
	f.Add(uint8(5), uint8(22), uint8(27), true, uint8(2))
	f.Add(uint8(40), uint8(36), uint8(34), false, uint8(3))
	f.Fuzz(func(t *testing.T, a, b, c uint8, upper bool, enc uint8) {
		n := len(roundTripWords)
		x := "Nguyễn Thị " + roundTripWords[int(a)%n] + " " + roundTripWords[int(b)%n] + " " + roundTripWords[int(c)%n]
		if upper {
			x = strings.ToUpper(x)
		}
		e := Encoding(1 + int(enc)%3)
		mangled := EncodeLegacy(x, e)
		if got, want := Text(mangled), Text(x); got != want {
			t.Fatalf("%v: Text(%q) = %q, want %q", e, mangled, got, want)
		}
	})
}

// FuzzMojibakeRoundTrip checks that UTF-8 read as Windows-1252 is always
// repaired, for any text of Vietnamese letters.
func FuzzMojibakeRoundTrip(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b strings.Builder
		for _, r := range s {
			if _, ok := letterOf(r); ok || r == ' ' {
				b.WriteRune(r)
			}
		}
		x := b.String()
		mangled := EncodeLegacy(x, Mojibake)
		for tok, _, end := nextToken(mangled, 0); tok != ""; tok, _, end = nextToken(mangled, end) {
			if utf8.RuneCountInString(tok) > maxToken {
				t.Skip("the repair leaves tokens longer than maxToken alone")
			}
		}
		if got, want := Text(mangled), Text(x); got != want {
			t.Fatalf("Text(%q) = %q, want %q (x = %q)", mangled, got, want, x)
		}
	})
}
