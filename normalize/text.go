package normalize

// PROVISIONAL: a minimal first version so that other packages compile.
// The text helper replaces this file with the full implementation.

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Text returns the canonical display form of s.
func Text(s string) string {
	s = norm.NFC.String(s)
	return strings.Join(strings.Fields(s), " ")
}

// Key returns the comparison key of s: Text(s) lower-cased.
func Key(s string) string { return strings.ToLower(Text(s)) }

// Fold returns the ASCII folded key of s.
func Fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, _ := transform.String(t, Text(s))
	out = strings.NewReplacer("đ", "d", "Đ", "D").Replace(out)
	return strings.ToLower(out)
}
