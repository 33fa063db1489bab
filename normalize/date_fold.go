package normalize

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The date parser folds non-ASCII input itself rather than with [Fold],
// because Fold drops the punctuation a date needs (":" of a time of day,
// "+" of a zone). It falls back to Fold only for text it cannot read,
// such as legacy encodings, which Fold repairs.

// dateFoldLo and dateFoldHi bound the runes of dateFoldTable: Latin-1
// Supplement to Latin Extended Additional, which hold every precomposed
// Vietnamese letter.
const (
	dateFoldLo = 0xC0
	dateFoldHi = 0x1F00
)

// dateFoldTable maps a rune r in [dateFoldLo, dateFoldHi) to the lower-case
// ASCII letter it decomposes to (á, Ă, ệ to a, a, e; đ and Đ to d), or 0.
var dateFoldTable = sync.OnceValue(func() *[dateFoldHi - dateFoldLo]byte {
	var t [dateFoldHi - dateFoldLo]byte
	for r := rune(dateFoldLo); r < dateFoldHi; r++ {
		d := norm.NFD.String(string(r))
		if len(d) < 2 || !dateIsLetter(d[0]) {
			continue
		}
		marksOnly := true
		for _, m := range d[1:] {
			if m < 0x300 || m > 0x36F {
				marksOnly = false
			}
		}
		if marksOnly {
			t[r-dateFoldLo] = d[0] | 0x20
		}
	}
	t['đ'-dateFoldLo] = 'd'
	t['Đ'-dateFoldLo] = 'd'
	return &t
})

// dateFoldASCII returns s with Vietnamese letters folded to ASCII, combining
// marks removed, Unicode spaces written as " " and Unicode dashes and
// slashes as "-" and "/". ASCII bytes are kept as they are. It reports
// false when s holds another non-ASCII character or invalid UTF-8.
func dateFoldASCII(s string) (string, bool) {
	table := dateFoldTable()
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r >= 0x300 && r <= 0x36F: // combining mark
		case r >= dateFoldLo && r < dateFoldHi && table[r-dateFoldLo] != 0:
			b.WriteByte(table[r-dateFoldLo])
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		case r >= 0x2010 && r <= 0x2015, r == 0x2212: // hyphens, dashes, minus
			b.WriteByte('-')
		case r == 0x2044 || r == 0x2215 || r == 0xFF0F: // fraction, division, fullwidth slash
			b.WriteByte('/')
		default:
			return "", false
		}
	}
	return b.String(), true
}
