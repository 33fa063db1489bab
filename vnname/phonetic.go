package vnname

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Tone digits written at the end of a syllable of the strict phonetic key.
// Ngang (no mark) writes no digit; hỏi and ngã share one digit (rule 8).
const (
	toneNone  = 0 // ngang: no tone mark
	toneSac   = 1 // sắc: acute
	toneHuyen = 2 // huyền: grave
	toneHoi   = 3 // hỏi and ngã: hook above and tilde, merged
	toneNang  = 4 // nặng: dot below
)

// letter is one lower-case letter of a syllable split into its base (the
// letter without tone, written in Telex: â is "aa", ư is "uw", đ is "dd")
// and its tone.
type letter struct {
	base  string
	tone  uint8
	upper rune // the upper-case letter, where it lower-cases back
}

// letters maps every lower-case Vietnamese letter that is not plain ASCII to
// its Telex base and tone. It is built once from the Unicode compositions so
// that no table is typed by hand.
var letters = buildLetters()

// letterTables holds letters as arrays indexed by rune, for the two blocks
// every Vietnamese letter lies in (up to ư, and Latin Extended
// Additional), so that the hot paths look a letter up without hashing.
// An entry with an empty base is not in letters.
var lowLetters, highLetters = letterTables()

// highLettersStart is the first rune of highLetters.
const highLettersStart = 0x1E00

func letterTables() (low *[0x1B1]letter, high *[0x100]letter) {
	low, high = new([0x1B1]letter), new([0x100]letter)
	for r, l := range letters {
		switch {
		case r < rune(len(low)):
			low[r] = l
		case r >= highLettersStart && r < highLettersStart+rune(len(high)):
			high[r-highLettersStart] = l
		}
	}
	return low, high
}

// lookupLetter returns letters[r] and whether r is in letters.
func lookupLetter(r rune) (letter, bool) {
	switch {
	case r < rune(len(lowLetters)):
		l := lowLetters[r]
		return l, l.base != ""
	case r >= highLettersStart && r < highLettersStart+rune(len(highLetters)):
		l := highLetters[r-highLettersStart]
		return l, l.base != ""
	}
	l, ok := letters[r]
	return l, ok
}

func buildLetters() map[rune]letter {
	bases := []struct {
		r     string // the letter without tone
		telex string
	}{
		{"a", "a"}, {"ă", "aw"}, {"â", "aa"}, {"e", "e"}, {"ê", "ee"},
		{"i", "i"}, {"o", "o"}, {"ô", "oo"}, {"ơ", "ow"}, {"u", "u"},
		{"ư", "uw"}, {"y", "y"},
	}
	tones := []struct {
		mark string
		tone uint8
	}{
		{"", toneNone}, {"\u0301", toneSac}, {"\u0300", toneHuyen},
		{"\u0309", toneHoi}, {"\u0303", toneHoi}, {"\u0323", toneNang},
	}
	m := make(map[rune]letter, 140)
	for _, b := range bases {
		for _, t := range tones {
			s := norm.NFC.String(b.r + t.mark)
			r, n := utf8.DecodeRuneInString(s)
			if n != len(s) || r < utf8.RuneSelf {
				continue
			}
			m[r] = letter{base: b.telex, tone: t.tone, upper: upperOf(r)}
		}
	}
	m['đ'] = letter{base: "dd", upper: upperOf('đ')}
	return m
}

// upperOf returns the upper case of r where it lower-cases back to r,
// otherwise r.
func upperOf(r rune) rune {
	if u := unicode.ToUpper(r); unicode.ToLower(u) == r {
		return u
	}
	return r
}

// initials lists the written initial consonants, longest first, with the
// class each one is written as in the phonetic key (rules 1 to 6).
var initials = []struct{ spelling, class string }{
	{"ngh", "ng"}, // rule 6: ngh is ng before e, ê, i
	{"ng", "ng"},
	{"nh", "nh"},
	{"gh", "g"}, // rule 6: gh is g before e, ê, i
	{"gi", "z"}, // rule 1: d, gi, r, v
	{"ch", "ch"},
	{"tr", "ch"}, // rule 3: ch and tr
	{"th", "th"},
	{"ph", "ph"},
	{"kh", "kh"},
	{"qu", "qu"},
	{"dz", "z"}, // rule 7: dz, z and j are d in informal typing
	{"dd", "dd"},
	{"b", "b"},
	{"c", "c"},
	{"k", "c"}, // rule 6: k is c before e, ê, i, y
	{"d", "z"}, // rule 1
	{"g", "g"},
	{"h", "h"},
	{"l", "l"}, // rule 4: l and n
	{"n", "l"}, // rule 4
	{"m", "m"},
	{"p", "p"},
	{"r", "z"}, // rule 1
	{"s", "x"}, // rule 2: s and x
	{"x", "x"}, // rule 2
	{"t", "t"},
	{"v", "z"},  // rule 1
	{"f", "ph"}, // rule 7: f is ph in informal typing
	{"j", "z"},  // rule 7
	{"z", "z"},  // rule 7
}

// initialsByByte holds initials grouped by their first byte, each group
// in the order of initials (longest first).
var initialsByByte = func() (by [utf8.RuneSelf][]struct{ spelling, class string }) {
	for _, in := range initials {
		by[in.spelling[0]] = append(by[in.spelling[0]], in)
	}
	return by
}()

// finals lists the final consonants a Vietnamese syllable may end with and
// the way each is written in the phonetic key (rule 5).
var finals = []struct{ spelling, class string }{
	{"ng", "n"}, // rule 5: final ng and n
	{"nh", "nh"},
	{"ch", "ch"},
	{"c", "t"}, // rule 5: final c and t
	{"m", "m"},
	{"n", "n"},
	{"p", "p"},
	{"t", "t"},
}

// isVowel reports whether a Telex base starts with a vowel letter.
func isVowel(b byte) bool {
	switch b {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// phoneticWord appends the phonetic key of one lower-case word (a
// comparison key or a folded key) to dst. See the package documentation
// for the rules. A word that is not a Vietnamese syllable is written in
// Telex with its tone digit, without the consonant rules.
func phoneticWord(dst, word []byte) []byte {
	if isASCII(word) {
		// An ASCII word is its own Telex spelling and has no tone.
		start := len(dst)
		dst = appendSyllable(dst, word)
		if len(dst) == start {
			dst = append(dst, word...)
		}
		return dst
	}
	// Spell the word in Telex and find its tone.
	var buf [64]byte
	telex := buf[:0]
	tone := uint8(toneNone)
	for _, r := range string(word) {
		if r < utf8.RuneSelf {
			telex = append(telex, byte(r))
			continue
		}
		l, ok := lookupLetter(r)
		if !ok {
			telex = utf8.AppendRune(telex, r)
			continue
		}
		telex = append(telex, l.base...)
		if tone == toneNone {
			tone = l.tone
		}
	}
	start := len(dst)
	dst = appendSyllable(dst, telex)
	if len(dst) == start {
		dst = append(dst, telex...)
	}
	if tone != toneNone {
		dst = append(dst, '0'+tone)
	}
	return dst
}

// isASCII reports whether w is plain ASCII.
func isASCII(w []byte) bool {
	for _, c := range w {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// hasPrefix reports whether s starts with the short string p.
func hasPrefix(s []byte, p string) bool {
	if len(s) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		if s[i] != p[i] {
			return false
		}
	}
	return true
}

// appendSyllable appends the key of a Telex-spelled syllable without its
// tone, or appends nothing when s is not a Vietnamese syllable.
func appendSyllable(dst, s []byte) []byte {
	whole := s
	class := ""
	var group []struct{ spelling, class string }
	if len(s) > 0 && s[0] < utf8.RuneSelf {
		group = initialsByByte[s[0]]
	}
	for _, in := range group {
		if n := len(in.spelling); hasPrefix(s, in.spelling) {
			class, s = in.class, s[n:]
			if in.spelling == "gi" && (len(s) == 0 || !isVowel(s[0])) {
				// gì, gìn: the i belongs to the rhyme, so only the g
				// is taken.
				s = whole[1:]
			}
			break
		}
	}
	// The rhyme: vowel letters (with their Telex marks w and doubled
	// letters), then an optional final consonant.
	i := 0
	for i < len(s) && (isVowel(s[i]) || (i > 0 && (s[i] == 'w' || s[i] == s[i-1]))) {
		i++
	}
	if i == 0 {
		return dst
	}
	vowels, final := s[:i], s[i:]
	finalClass := ""
	if len(final) > 0 {
		found := false
		for _, f := range finals {
			if string(final) == f.spelling {
				finalClass, found = f.class, true
				break
			}
		}
		if !found {
			return dst
		}
	}
	dst = append(dst, class...)
	if vowels[0] == 'y' {
		// Rule 8: y written alone (Lý, Mỹ, Kỳ) or opening a rhyme (Yến) is i.
		dst = append(dst, 'i')
		vowels = vowels[1:]
	}
	dst = append(dst, vowels...)
	return append(dst, finalClass...)
}
