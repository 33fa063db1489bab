package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The date parser folds non-ASCII input itself rather than with [Fold],
// because Fold drops the punctuation a date needs (":" of a time of day,
// "+" of a zone). It falls back to Fold only for text it cannot read,
// such as legacy encodings, which Fold repairs. Only the letter table
// (foldRune) is shared with Fold.

// dateFoldASCII returns s with Vietnamese letters folded to ASCII, combining
// marks removed, Unicode spaces written as " " and Unicode dashes and
// slashes as "-" and "/". ASCII bytes are kept as they are. It reports
// false when s holds another non-ASCII character or invalid UTF-8.
func dateFoldASCII(s string) (string, bool) {
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
		if l, ok := foldRune(r); ok {
			b.WriteByte(l)
			continue
		}
		switch {
		case r >= 0x300 && r <= 0x36F: // combining mark
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
