package strsim

import (
	"unicode/utf8"
	"unsafe"
)

// MaxStackRunes is the longest string, in runes (Unicode code points), that
// JaroWinkler, Jaro, Levenshtein and OSA handle without allocating: shorter
// strings are decoded into fixed buffers on the stack (ASCII strings are
// not decoded at all: they are compared byte by byte). Longer strings are
// still handled correctly, with a few heap allocations per call.
const MaxStackRunes = 64

// symbol is the element type the algorithms run on: bytes for ASCII strings
// (no decoding needed), runes otherwise.
type symbol interface{ ~byte | ~rune }

// decodeRunes decodes s into buf when it fits, else into a new slice.
// Invalid UTF-8 bytes decode to utf8.RuneError, as in a range loop.
func decodeRunes(buf *[MaxStackRunes]rune, s string) []rune {
	var r []rune
	if len(s) <= MaxStackRunes || utf8.RuneCountInString(s) <= MaxStackRunes {
		r = buf[:0]
	} else {
		r = make([]rune, 0, utf8.RuneCountInString(s))
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			r = append(r, rune(c))
			i++
			continue
		}
		d, size := utf8.DecodeRuneInString(s[i:])
		r = append(r, d)
		i += size
	}
	return r
}

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	var or byte
	for i := 0; i < len(s); i++ {
		or |= s[i]
	}
	return or < utf8.RuneSelf
}

// asBytes views s as a byte slice without copying; the slice must never be
// written.
func asBytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// orderArgs returns a and b in a fixed order (the lexicographically smaller
// first), so that the functions whose algorithm reads its arguments
// asymmetrically (the greedy Jaro matching) still give f(a, b) == f(b, a)
// exactly.
func orderArgs(a, b string) (string, string) {
	if b < a {
		return b, a
	}
	return a, b
}

// trimCommon removes the common prefix and suffix of two sequences, which
// does not change an edit distance.
func trimCommon[T symbol](ra, rb []T) ([]T, []T) {
	for len(ra) > 0 && len(rb) > 0 && ra[0] == rb[0] {
		ra, rb = ra[1:], rb[1:]
	}
	for len(ra) > 0 && len(rb) > 0 && ra[len(ra)-1] == rb[len(rb)-1] {
		ra, rb = ra[:len(ra)-1], rb[:len(rb)-1]
	}
	return ra, rb
}
