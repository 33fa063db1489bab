package normalize

import (
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// This file holds the model of one Vietnamese letter (base, modifier, tone,
// case), the tables that convert it to and from precomposed Unicode, and
// the syllable validator used by the tone placement and by the legacy
// encoding repair.

// Letter modifiers (the marks that make a different letter, not a tone).
const (
	modNone       uint8 = iota
	modCircumflex       // â ê ô
	modBreve            // ă
	modHorn             // ơ ư
	modStroke           // đ
)

// Tones, in the order of the Vietnamese tone names.
const (
	toneNone  uint8 = iota // ngang
	toneGrave              // huyền
	toneAcute              // sắc
	toneHook               // hỏi
	toneTilde              // ngã
	toneDot                // nặng
)

// letter is one letter of the Latin alphabet split into the parts that
// Vietnamese spelling cares about. base is the lower-case ASCII letter.
type letter struct {
	base  byte
	mod   uint8
	tone  uint8
	upper bool
}

// combiningTone and combiningMod are the combining characters (NFD) of
// each tone and modifier.
var (
	combiningTone = [6]rune{0, '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'}
	combiningMod  = [5]rune{0, '\u0302', '\u0306', '\u031B', 0}
)

// Index of a base letter in the compose table: only these carry marks.
const markedBases = "aeiouyd"

// letterTables converts letters to and from precomposed runes.
type letterTables struct {
	// compose[base][mod][tone][upper] is the precomposed rune.
	compose [len(markedBases)][5][6][2]rune
	// latin decomposes U+00C0..U+01B0, viet U+1EA0..U+1EF9.
	latin [0x1B0 - 0xC0 + 1]letter
	viet  [0x1EF9 - 0x1EA0 + 1]letter
}

// tables is built by a variable initialiser (not init) so that other
// package-level variables may use Text and EncodeLegacy.
var tables = buildLetterTables()

// validMod reports whether base can carry modifier m.
func validMod(base byte, m uint8) bool {
	switch m {
	case modNone:
		return true
	case modCircumflex:
		return base == 'a' || base == 'e' || base == 'o'
	case modBreve:
		return base == 'a'
	case modHorn:
		return base == 'o' || base == 'u'
	case modStroke:
		return base == 'd'
	}
	return false
}

// buildLetterTables builds the tables from Unicode itself: it composes
// base + modifier + tone with NFC and records the single rune it gives.
func buildLetterTables() *letterTables {
	tb := new(letterTables)
	for bi := 0; bi < len(markedBases); bi++ {
		base := markedBases[bi]
		for m := modNone; m <= modStroke; m++ {
			if !validMod(base, m) {
				continue
			}
			for t := toneNone; t <= toneDot; t++ {
				if base == 'd' && t != toneNone {
					continue
				}
				for u := 0; u < 2; u++ {
					b := rune(base)
					if u == 1 {
						b -= 'a' - 'A'
					}
					var r rune
					if m == modStroke {
						r = 'đ'
						if u == 1 {
							r = 'Đ'
						}
					} else {
						s := string(b)
						if m != modNone {
							s += string(combiningMod[m])
						}
						if t != toneNone {
							s += string(combiningTone[t])
						}
						s = norm.NFC.String(s)
						var size int
						r, size = utf8.DecodeRuneInString(s)
						if size != len(s) {
							panic("normalize: no precomposed Vietnamese letter for " + s)
						}
					}
					tb.compose[bi][m][t][u] = r
					l := letter{base: base, mod: m, tone: t, upper: u == 1}
					switch {
					case r == 'đ':
						// Ð and ð (eth), common stand-ins for Đ and đ,
						// read as the same letter.
						tb.latin[0xF0-0xC0] = l
						tb.latin[r-0xC0] = l
					case r == 'Đ':
						tb.latin[0xD0-0xC0] = l
						tb.latin[r-0xC0] = l
					case r >= 0xC0 && r <= 0x1B0:
						tb.latin[r-0xC0] = l
					case r >= 0x1EA0 && r <= 0x1EF9:
						tb.viet[r-0x1EA0] = l
					}
				}
			}
		}
	}
	return tb
}

// letterOf splits r into a letter. ok is false when r is not an ASCII
// letter nor one of the 134 precomposed Vietnamese letters and đ/Đ. The
// eth letters Ð and ð read as Đ and đ.
func letterOf(r rune) (l letter, ok bool) {
	switch {
	case r >= 'a' && r <= 'z':
		return letter{base: byte(r)}, true
	case r >= 'A' && r <= 'Z':
		return letter{base: byte(r) + 'a' - 'A', upper: true}, true
	case r >= 0xC0 && r <= 0x1B0:
		l = tables.latin[r-0xC0]
	case r >= 0x1EA0 && r <= 0x1EF9:
		l = tables.viet[r-0x1EA0]
	}
	return l, l.base != 0
}

// rune returns the precomposed rune of l.
func (l letter) rune() rune {
	if l.mod == modNone && l.tone == toneNone {
		if l.upper {
			return rune(l.base) - ('a' - 'A')
		}
		return rune(l.base)
	}
	u := 0
	if l.upper {
		u = 1
	}
	var bi int
	switch l.base {
	case 'a':
		bi = 0
	case 'e':
		bi = 1
	case 'i':
		bi = 2
	case 'o':
		bi = 3
	case 'u':
		bi = 4
	case 'y':
		bi = 5
	case 'd':
		bi = 6
	default:
		return utf8.RuneError // unreachable for letters built by this package
	}
	return tables.compose[bi][l.mod][l.tone][u]
}

// isVowel reports whether l is one of the twelve Vietnamese vowels.
func (l letter) isVowel() bool {
	switch l.base {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// markOf returns the tone or modifier that the combining rune r adds.
// Both are zero when r is not a Vietnamese combining mark.
func markOf(r rune) (tone, mod uint8) {
	switch r {
	case '\u0300', '\u0340':
		return toneGrave, modNone
	case '\u0301', '\u0341':
		return toneAcute, modNone
	case '\u0309':
		return toneHook, modNone
	case '\u0303':
		return toneTilde, modNone
	case '\u0323':
		return toneDot, modNone
	case '\u0302':
		return toneNone, modCircumflex
	case '\u0306':
		return toneNone, modBreve
	case '\u031B':
		return toneNone, modHorn
	}
	return toneNone, modNone
}

// absorb adds a combining tone or modifier to l, as NFC would compose it.
// It reports false when the result is not a precomposed Vietnamese letter.
func (l *letter) absorb(tone, mod uint8) bool {
	if tone != toneNone {
		if l.tone != toneNone || !l.isVowel() {
			return false
		}
		l.tone = tone
		return true
	}
	if mod == modNone || l.mod != modNone || !validMod(l.base, mod) {
		return false
	}
	l.mod = mod
	return true
}

// Finals (coda consonants) as bits of a mask.
const (
	finNone uint16 = 1 << iota
	finC
	finCH
	finM
	finN
	finNG
	finNH
	finP
	finT
	finK // only in names from minority languages: Đắk Lắk, Đăk Hà
)

// finStops are the finals that need the sắc or nặng tone (k, of names
// from minority languages, is written both ways: Đắk, Đăk).
const finStops = finC | finCH | finP | finT

// vowelCode numbers the twelve vowels 1..12 for the rime table.
func vowelCode(l letter) uint16 {
	switch l.base {
	case 'a':
		return [...]uint16{1, 2, 3, 0, 0}[l.mod] // a â ă
	case 'e':
		return [...]uint16{4, 5, 0, 0, 0}[l.mod] // e ê
	case 'i':
		return 6
	case 'o':
		return [...]uint16{7, 8, 0, 9, 0}[l.mod] // o ô ơ
	case 'u':
		return [...]uint16{10, 0, 0, 11, 0}[l.mod] // u ư
	case 'y':
		return 12
	}
	return 0
}

// rimeTable maps a vowel cluster (up to three vowel codes, four bits each)
// to the finals it may take.
var rimeTable = buildRimeTable()

func buildRimeTable() *[1 << 12]uint16 {
	var tb [1 << 12]uint16
	const all = finNone | finC | finCH | finM | finN | finNG | finNH | finP | finT | finK
	rimes := []struct {
		vowels string
		finals uint16
	}{
		{"a", all},
		{"ă", finC | finK | finM | finN | finNG | finP | finT},
		{"â", finC | finK | finM | finN | finNG | finP | finT},
		{"e", finNone | finC | finK | finM | finN | finNG | finP | finT},
		{"ê", finNone | finCH | finM | finN | finNG | finNH | finP | finT},
		{"i", finNone | finCH | finM | finN | finNH | finP | finT},
		{"o", finNone | finC | finK | finM | finN | finNG | finP | finT},
		{"ô", finNone | finC | finK | finM | finN | finNG | finP | finT},
		{"ơ", finNone | finM | finN | finP | finT},
		{"u", finNone | finC | finK | finM | finN | finNG | finP | finT},
		{"ư", finNone | finC | finK | finM | finN | finNG | finT},
		{"y", finNone | finCH | finN | finNH | finT},
		{"ai", finNone}, {"ao", finNone}, {"au", finNone}, {"ay", finNone},
		{"âu", finNone}, {"ây", finNone}, {"eo", finNone}, {"êu", finNone},
		{"ia", finNone}, {"iu", finNone}, {"oi", finNone}, {"ôi", finNone},
		{"ơi", finNone}, {"ua", finNone}, {"ui", finNone}, {"uơ", finNone},
		{"ưa", finNone}, {"ưi", finNone}, {"ưu", finNone},
		{"iê", finC | finK | finM | finN | finNG | finP | finT},
		{"yê", finC | finK | finM | finN | finNG | finP | finT},
		{"iêu", finNone}, {"yêu", finNone},
		{"oa", all},
		{"oă", finC | finK | finM | finN | finNG | finT},
		{"oai", finNone}, {"oay", finNone}, {"oao", finNone},
		{"oe", finNone | finN | finT},
		{"oeo", finNone},
		{"oo", finC | finK | finNG},
		{"uâ", finN | finNG | finT},
		{"uây", finNone},
		{"uê", finNone | finCH | finNH},
		{"uy", finNone | finCH | finN | finNH | finP | finT},
		{"uya", finNone}, {"uyu", finNone},
		{"uyê", finN | finT},
		{"uô", finC | finK | finM | finN | finNG | finT},
		{"uôi", finNone},
		{"ươ", finC | finK | finM | finN | finNG | finP | finT},
		{"ươi", finNone}, {"ươu", finNone},
	}
	for _, r := range rimes {
		key := uint16(0)
		shift := 0
		for _, c := range r.vowels {
			l, ok := letterOf(c)
			if !ok || vowelCode(l) == 0 {
				panic("normalize: bad rime " + r.vowels)
			}
			key |= vowelCode(l) << shift
			shift += 4
		}
		tb[key] = r.finals
	}
	return &tb
}

// syllable is the parse of a Vietnamese syllable: letters [0, vowelStart)
// are the initial consonant, [vowelStart, vowelEnd) the vowel cluster, the
// rest the final consonant.
type syllable struct {
	vowelStart, vowelEnd int
	final                uint16
	tone                 uint8
}

// maxSyllable is the longest syllable in letters ("nghiêng" has 7).
const maxSyllable = 8

// parseSyllable parses ls as one Vietnamese syllable, ignoring case. It
// checks the initial consonant, the vowel cluster and final against the
// table of rimes, the c/k, g/gh and ng/ngh spelling rules, that at most
// one letter has a tone mark, and that syllables ending in p, t, c, ch
// have the sắc or nặng tone.
func parseSyllable(ls []letter) (sy syllable, ok bool) {
	n := len(ls)
	if n == 0 || n > maxSyllable {
		return sy, false
	}
	for _, l := range ls {
		if l.tone != toneNone {
			if sy.tone != toneNone {
				return sy, false
			}
			sy.tone = l.tone
		}
		if l.base < 'a' || l.base > 'z' {
			return sy, false
		}
	}
	at := func(i int) byte {
		if i < n && ls[i].mod == modNone && ls[i].tone == toneNone {
			return ls[i].base
		}
		return 0
	}
	vowelAt := func(i int) bool { return i < n && ls[i].isVowel() }
	// Initial consonant.
	i := 0
	switch c := at(0); {
	case c == 'n' && at(1) == 'g' && at(2) == 'h':
		i = 3
	case c == 'n' && (at(1) == 'g' || at(1) == 'h'),
		c == 'c' && at(1) == 'h', c == 'g' && at(1) == 'h',
		c == 'k' && at(1) == 'h', c == 'p' && at(1) == 'h',
		c == 't' && (at(1) == 'h' || at(1) == 'r'):
		i = 2
	case c == 'g' && n > 2 && ls[1].base == 'i' && ls[1].mod == modNone && vowelAt(2):
		i = 2 // gi + vowel: the i belongs to the consonant (già, giúp)
	case c == 'q':
		if n < 3 || ls[1].base != 'u' || ls[1].mod != modNone || !vowelAt(2) {
			return sy, false
		}
		i = 2 // qu + vowel: the u belongs to the consonant (quý, quà)
	case ls[0].mod == modStroke:
		i = 1
	case c != 0 && !vowelAt(0) && c != 'f' && c != 'j' && c != 'w' && c != 'z':
		i = 1
	}
	if ls[0].mod == modStroke && i != 1 {
		return sy, false
	}
	sy.vowelStart = i
	key, shift := uint16(0), 0
	for ; i < n && ls[i].isVowel(); i++ {
		if shift == 12 {
			return sy, false
		}
		key |= vowelCode(ls[i]) << shift
		shift += 4
	}
	sy.vowelEnd = i
	if sy.vowelEnd == sy.vowelStart {
		return sy, false
	}
	if at(0) == 'q' {
		// qu already holds the w glide: no quo-, quu-.
		if v := ls[sy.vowelStart]; v.mod == modNone && (v.base == 'o' || v.base == 'u') {
			return sy, false
		}
	}
	// Final consonant.
	switch rest := n - i; {
	case rest == 0:
		sy.final = finNone
	case rest == 1:
		switch at(i) {
		case 'c':
			sy.final = finC
		case 'k':
			sy.final = finK
		case 'm':
			sy.final = finM
		case 'n':
			sy.final = finN
		case 'p':
			sy.final = finP
		case 't':
			sy.final = finT
		}
	case rest == 2:
		switch {
		case at(i) == 'c' && at(i+1) == 'h':
			sy.final = finCH
		case at(i) == 'n' && at(i+1) == 'g':
			sy.final = finNG
		case at(i) == 'n' && at(i+1) == 'h':
			sy.final = finNH
		}
	}
	if sy.final == 0 || rimeTable[key]&sy.final == 0 {
		return sy, false
	}
	if sy.final&finStops != 0 && sy.tone != toneAcute && sy.tone != toneDot ||
		sy.final == finK && sy.tone != toneNone && sy.tone != toneAcute && sy.tone != toneDot {
		return sy, false
	}
	// Spelling rules for the consonants written before front vowels.
	v := ls[sy.vowelStart]
	front := v.base == 'e' || v.base == 'i' || v.base == 'y'
	switch {
	case sy.vowelStart == 1 && at(0) == 'k' && !front,
		sy.vowelStart == 1 && at(0) == 'c' && front,
		sy.vowelStart == 2 && at(0) == 'g' && at(1) == 'h' && !(front && v.base != 'y'),
		sy.vowelStart == 3 && !(front && v.base != 'y'),
		sy.vowelStart == 2 && at(0) == 'n' && at(1) == 'g' && front,
		sy.vowelStart == 1 && at(0) == 'g' && v.base == 'e':
		return sy, false
	}
	return sy, true
}

// IsSyllable reports whether word is one well-formed Vietnamese syllable
// in any case: an optional initial consonant, a vowel cluster and an
// optional final consonant that form a rime of the language, spelled by
// the rules of the quốc ngữ (k and gh, ngh before e, ê, i), with at most
// one tone mark, and only the sắc or nặng tone after a final p, t, c or
// ch. The final k of place names from minority languages (Đắk Lắk, Đăk
// Hà) is accepted, with the sắc, nặng or no tone. The tone mark may sit
// on any vowel of the cluster: "hoà" and "hòa" are both syllables. Input
// may be precomposed or decomposed (NFD).
//
// IsSyllable("Nguyễn") and IsSyllable("hoạch") are true;
// IsSyllable("NguyÔn") (a TCVN3 mangling) and IsSyllable("Smith") are
// false. Marks are part of the spelling: "an" is a syllable, but neither
// "nguyen" (the vowel cluster needs ê) nor "hoc" (a final c needs the
// sắc or nặng tone) is.
func IsSyllable(word string) bool {
	var buf [maxSyllable]letter
	ls, ok := lettersOf(word, buf[:0])
	if !ok {
		return false
	}
	_, ok = parseSyllable(ls)
	return ok
}

// lettersOf splits s into letters, composing Vietnamese combining marks.
// ok is false when s holds anything else or more than cap(dst) letters.
func lettersOf(s string, dst []letter) ([]letter, bool) {
	for _, r := range s {
		if l, ok := letterOf(r); ok {
			if len(dst) == cap(dst) {
				return dst, false
			}
			dst = append(dst, l)
			continue
		}
		tone, mod := markOf(r)
		if len(dst) == 0 || (tone == toneNone && mod == modNone) || !dst[len(dst)-1].absorb(tone, mod) {
			return dst, false
		}
	}
	return dst, len(dst) > 0
}

// toneIndex returns where the tone mark of the parsed syllable ls belongs
// under style st:
//   - on the vowel with a modifier (â ă ê ô ơ ư); the later one in ươ;
//   - else on the only vowel;
//   - else, before a final consonant, on the last vowel (hoàng, huỳnh);
//   - else on the middle of three vowels (ngoài, khuỷu);
//   - else for oa, oe, uy: the second vowel in the new style (hoà, thuý),
//     the first in the old style (hòa, thúy);
//   - else on the first vowel (mái, mùa, chịu).
func toneIndex(ls []letter, sy syllable, st ToneStyle) int {
	vs, ve := sy.vowelStart, sy.vowelEnd
	pos := -1
	for i := vs; i < ve; i++ {
		if ls[i].mod != modNone {
			pos = i
		}
	}
	switch {
	case pos >= 0:
		return pos
	case ve-vs == 1:
		return vs
	case sy.final != finNone:
		return ve - 1
	case ve-vs == 3:
		return vs + 1
	}
	a, b := ls[vs].base, ls[vs+1].base
	if (a == 'o' && (b == 'a' || b == 'e')) || (a == 'u' && b == 'y') {
		if st == ToneOld {
			return vs
		}
		return vs + 1
	}
	return vs
}

// toneWellPlaced reports whether the tone mark of the parsed syllable ls
// sits where one of the two styles puts it.
func toneWellPlaced(ls []letter, sy syllable) bool {
	if sy.tone == toneNone {
		return true
	}
	for _, st := range [...]ToneStyle{ToneNew, ToneOld} {
		if ls[toneIndex(ls, sy, st)].tone != toneNone {
			return true
		}
	}
	return false
}

// placeTone moves the tone mark of ls to where style st puts it, and
// reports whether it moved. It does nothing unless ls is a valid syllable
// with a tone mark.
//
// The syllable is not parsed when the rules of toneIndex cannot move the
// mark: in a valid syllable every vowel but the u of qu and the i of gi
// (which are followed by another vowel, and carry no modifier) is in the
// vowel cluster, so a mark on the last vowel with a modifier stays, and
// so does a mark on the only vowel, or on the last vowel of a word that
// ends in a consonant.
func placeTone(ls []letter, st ToneStyle) bool {
	toneAt, lastMod, lastVowel, vowels := -1, -1, -1, 0
	for i, l := range ls {
		if l.tone != toneNone {
			if toneAt >= 0 {
				return false // two tone marks: not a syllable
			}
			toneAt = i
		}
		if l.isVowel() {
			vowels++
			lastVowel = i
			if l.mod != modNone {
				lastMod = i
			}
		}
	}
	switch {
	case toneAt < 0:
		return false
	case lastMod >= 0:
		if toneAt == lastMod {
			return false
		}
	case toneAt == lastVowel && (vowels == 1 || lastVowel < len(ls)-1):
		return false
	}
	sy, ok := parseSyllable(ls)
	if !ok {
		return false
	}
	want := toneIndex(ls, sy, st)
	if want == toneAt {
		return false
	}
	ls[toneAt].tone = toneNone
	ls[want].tone = sy.tone
	return true
}
