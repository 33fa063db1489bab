package normalize

import (
	"unicode"
	"unicode/utf8"
)

// maxIDChars is the most characters idChars keeps: a BHYT card number has
// 15, a CCCD 12. Longer values are reported as out of range.
const maxIDChars = 16

// idChars extracts the significant characters of an identifier typed into
// a spreadsheet cell: ASCII digits and letters (letters upper-cased), in
// order, into buf. It removes
//   - white space at both ends and inside (including no-break spaces),
//   - the separators '.', '-' and '_' inside the value,
//   - one leading apostrophe (the Excel marker for "store as text"),
//   - a ".0" or ".00" suffix on an otherwise all-digit value (a number
//     stored as a float and written back).
//
// It returns the number of characters kept (which may exceed len(buf): the
// caller then reports a length error) and the sentinel and reason of a
// failure. It never allocates.
func idChars(s string, buf *[maxIDChars]byte) (n int, sentinel error, reason string) {
	s = idTrimSpace(s)
	if s == "" {
		return 0, ErrEmpty, "no characters"
	}
	if r, size := utf8.DecodeRuneInString(s); r == '\'' || r == '\u2019' || r == '\u2018' || r == '`' {
		s = idTrimSpace(s[size:])
	}
	s = idTrimFloatSuffix(s)
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if n < maxIDChars {
				buf[n] = c
			}
			n++
			i++
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			if c == 'E' || c == 'e' {
				if i+1 < len(s) && (s[i+1] == '+' || s[i+1] == '-') && n > 0 && n <= maxIDChars && idAllDigits(buf[:n]) {
					return n, ErrSyntax, "number in scientific notation: digits were lost"
				}
			}
			if n < maxIDChars {
				buf[n] = c &^ 0x20
			}
			n++
			i++
		case c == '.' || c == '-' || c == '_':
			i++
		case c < utf8.RuneSelf:
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
				i++
				continue
			}
			return n, ErrSyntax, "unexpected character"
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) && r != '\u200b' && r != '\ufeff' {
				return n, ErrSyntax, "unexpected character"
			}
			i += size
		}
	}
	if n == 0 {
		return 0, ErrEmpty, "no digits"
	}
	return n, nil, ""
}

// idTrimSpace trims Unicode white space, zero-width spaces and byte-order
// marks from both ends of s without allocating.
func idTrimSpace(s string) string {
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if !unicode.IsSpace(r) && r != '\u200b' && r != '\ufeff' {
			break
		}
		s = s[size:]
	}
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		if !unicode.IsSpace(r) && r != '\u200b' && r != '\ufeff' {
			break
		}
		s = s[:len(s)-size]
	}
	return s
}

// idTrimFloatSuffix removes ".0" or ".00" from a value that is otherwise
// made of digits only: "12345678901.0" is a number Excel stored as a float.
func idTrimFloatSuffix(s string) string {
	for _, suffix := range [...]string{".0", ".00"} {
		if len(s) > len(suffix) && s[len(s)-len(suffix):] == suffix && idAllDigits(s[:len(s)-len(suffix)]) {
			return s[:len(s)-len(suffix)]
		}
	}
	return s
}

// idAllDigits reports whether b holds only ASCII digits (true when empty).
func idAllDigits[T string | []byte](b T) bool {
	for i := 0; i < len(b); i++ {
		if b[i] < '0' || b[i] > '9' {
			return false
		}
	}
	return true
}

// idDigitsValue returns the decimal value of the ASCII digits b (at most 19).
func idDigitsValue(b []byte) uint64 {
	var v uint64
	for _, c := range b {
		v = v*10 + uint64(c-'0')
	}
	return v
}

// idSameDigit reports whether every byte of b is the same (a placeholder
// such as 000000000 or 999999999999).
func idSameDigit(b []byte) bool {
	for _, c := range b[1:] {
		if c != b[0] {
			return false
		}
	}
	return true
}

// idAppendPadded appends v in decimal, left-padded with zeros to width.
func idAppendPadded(dst []byte, v uint64, width int) []byte {
	var tmp [20]byte
	i := len(tmp)
	for v > 0 || i == len(tmp) {
		i--
		tmp[i] = '0' + byte(v%10)
		v /= 10
	}
	for pad := width - (len(tmp) - i); pad > 0; pad-- {
		dst = append(dst, '0')
	}
	return append(dst, tmp[i:]...)
}
