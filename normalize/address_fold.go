package normalize

import (
	"unicode"
	"unicode/utf8"
)

// addrIsLetterByte reports whether c is an ASCII letter.
func addrIsLetterByte(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// addrIsDigitByte reports whether c is an ASCII digit.
func addrIsDigitByte(c byte) bool { return '0' <= c && c <= '9' }

// addrAppendFold appends the folded key of s to dst: lower-case ASCII
// letters and digits with every mark removed and đ written as d, words
// separated by exactly one space, punctuation dropped. Letters of other
// scripts are kept, lower-cased. Latin letters fold with foldRune, as in
// [Fold]. It allocates only when dst must grow.
func addrAppendFold(dst []byte, s string) []byte {
	start := len(dst)
	pending := false
	for _, r := range s {
		var c byte
		switch {
		case r < utf8.RuneSelf:
			b := byte(r)
			if addrIsDigitByte(b) {
				c = b
			} else if addrIsLetterByte(b) {
				c = b | 0x20
			}
		default:
			c, _ = foldRune(r)
		}
		if c == 0 {
			if unicode.Is(unicode.Mn, r) {
				continue // a combining mark: part of the letter before it
			}
			if r >= utf8.RuneSelf && r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				if pending {
					dst = append(dst, ' ')
					pending = false
				}
				dst = utf8.AppendRune(dst, unicode.ToLower(r))
				continue
			}
			pending = len(dst) > start
			continue
		}
		if pending {
			dst = append(dst, ' ')
			pending = false
		}
		dst = append(dst, c)
	}
	return dst
}

// addrFold returns the folded key of s (see addrAppendFold).
func addrFold(s string) string {
	var buf [64]byte
	return string(addrAppendFold(buf[:0], s))
}

// addrHashSeed and addrHashPrime are the FNV-1a 64-bit parameters.
const (
	addrHashSeed  uint64 = 14695981039346656037
	addrHashPrime uint64 = 1099511628211
)

// addrHash continues an FNV-1a 64-bit hash h over b.
func addrHash(h uint64, b []byte) uint64 {
	for _, c := range b {
		h ^= uint64(c)
		h *= addrHashPrime
	}
	return h
}
