package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Encoding names a legacy way Vietnamese text gets mangled on its way into
// a record: bytes written in one encoding and read back as Windows-1252.
type Encoding int

// Legacy encodings.
const (
	UTF8     Encoding = iota // correct text, nothing to repair
	TCVN3                    // TCVN3 (ABC) font bytes read as Windows-1252: "NguyÔn ThÞ Hoµ"
	VNI                      // VNI-Windows font bytes read as Windows-1252: "Nguyeãn Thò Hoaø"
	Mojibake                 // UTF-8 bytes read as Windows-1252: "Nguyá»…n Thá»‹ HoÃ"
)

// String returns the name of the encoding: "UTF-8", "TCVN3", "VNI" or
// "mojibake".
func (e Encoding) String() string {
	switch e {
	case TCVN3:
		return "TCVN3"
	case VNI:
		return "VNI"
	case Mojibake:
		return "mojibake"
	}
	return "UTF-8"
}

// EncodeLegacy mangles correct text s the way encoding e does: it writes s
// in e's bytes and reads the bytes back as Windows-1252. It exists to
// produce realistic test data; [Text] repairs its output.
//
// For TCVN3 an upper-case letter with a tone mark gets the byte of its
// lower-case form, as typed in the upper-case ABC fonts (.VnTimeH); the
// seven upper-case letters that TCVN3 has (Ă Â Ê Ô Ơ Ư Đ) keep their own
// byte. Runes that e cannot write (anything but Vietnamese letters for
// TCVN3 and VNI) are kept as they are. s is first put in NFC. UTF8, or an
// unknown e, returns s unchanged.
func EncodeLegacy(s string, e Encoding) string {
	if e != TCVN3 && e != VNI && e != Mojibake {
		return s
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(2 * len(s))
	for _, r := range s {
		switch e {
		case Mojibake:
			var tmp [utf8.UTFMax]byte
			for _, c := range tmp[:utf8.EncodeRune(tmp[:], r)] {
				b.WriteRune(cp1252Rune(c))
			}
		case TCVN3:
			encodeTCVN3(&b, r)
		case VNI:
			encodeVNI(&b, r)
		}
	}
	return b.String()
}

// encodeTCVN3 writes r as a TCVN3 byte read as Windows-1252.
func encodeTCVN3(b *strings.Builder, r rune) {
	l, isLetter := letterOf(r)
	if isLetter {
		r = l.rune() // Ð (eth) is written as Đ
	}
	if c, ok := tcvn3Encode[r]; ok {
		b.WriteRune(cp1252Rune(c))
		return
	}
	if isLetter && r >= 0x80 && l.upper {
		l.upper = false
		if c, ok := tcvn3Encode[l.rune()]; ok {
			b.WriteRune(cp1252Rune(c))
			return
		}
	}
	b.WriteRune(r)
}

// encodeVNI writes r as VNI-Windows bytes read as Windows-1252.
func encodeVNI(b *strings.Builder, r rune) {
	l, ok := letterOf(r)
	if !ok || r < 0x80 {
		b.WriteRune(r)
		return
	}
	write := func(c byte) {
		if l.upper && c >= 0x80 {
			c -= 0x20
		}
		b.WriteRune(cp1252Rune(c))
	}
	// A letter with a byte of its own (ơ ư đ, i with a tone, ỵ), possibly
	// followed by a tone mark (ơ ư).
	single := letter{base: l.base, mod: l.mod}
	if l.base == 'i' || (l.base == 'y' && l.tone == toneDot) {
		single.tone = l.tone
	}
	for c := 0x80; c < 0x100; c++ {
		if vni.singleOf[c] == single && c >= 0xE0 {
			write(byte(c))
			if single.tone == toneNone && l.tone != toneNone {
				write(vni.markByte[modNone][l.tone])
			}
			return
		}
	}
	base := l.base
	if l.upper {
		base -= 'a' - 'A'
	}
	b.WriteByte(base)
	if c := vni.markByte[l.mod][l.tone]; c != 0 {
		write(c)
	}
}

// maxToken is the longest white-space separated token, in runes, that the
// legacy repair looks at; longer tokens are left alone. Words are short:
// the limit only bounds the work and the stack buffers.
const maxToken = 128

// tokenBuf holds one decoded token.
type tokenBuf struct {
	r       [maxToken]rune
	unknown [maxToken]bool // TCVN3: a letter whose case the bytes do not tell
	n       int
}

func (d *tokenBuf) add(r rune, unknown bool) bool {
	if d.n == maxToken {
		return false
	}
	d.r[d.n], d.unknown[d.n] = r, unknown
	d.n++
	return true
}

// decodeToken decodes tok as encoding e into d. It reports false when tok
// cannot be text in e (a rune outside Windows-1252, a byte e does not use,
// a mark without a base, invalid or implausible UTF-8).
func decodeToken(e Encoding, tok string, d *tokenBuf) bool {
	d.n = 0
	switch e {
	case Mojibake:
		var bs [maxToken * utf8.UTFMax]byte
		n := 0
		for _, r := range tok {
			c, ok := cp1252Byte(r)
			if !ok || n == len(bs) {
				return false
			}
			bs[n] = c
			n++
		}
		if !utf8.Valid(bs[:n]) {
			return false
		}
		multi := false
		for i := 0; i < n; {
			r, size := utf8.DecodeRune(bs[i:n])
			i += size
			if size > 1 {
				if !plausible(r) {
					return false
				}
				multi = true
			}
			if !d.add(r, false) {
				return false
			}
		}
		return multi
	case TCVN3:
		for _, r := range tok {
			c, ok := cp1252Byte(r)
			switch {
			case !ok:
				return false
			case c < 0x80:
				ok = d.add(r, false)
			case tcvn3Decode[c] != 0:
				ok = d.add(tcvn3Decode[c], c >= 0xA8)
			default:
				return false
			}
			if !ok {
				return false
			}
		}
		return true
	case VNI:
		var l letter
		have := false // l is a letter waiting for a mark
		flush := func() bool {
			if have {
				have = false
				return d.add(l.rune(), false)
			}
			return true
		}
		for _, r := range tok {
			c, ok := cp1252Byte(r)
			if !ok {
				return false
			}
			if vni.isMark[c] {
				mt := vni.markOf[c]
				// VNI writes i with a byte of its own, and a mark in the
				// case of its letter.
				if !have || (mt[0] != modNone && l.mod != modNone) || !validMod(l.base, mt[0]) ||
					(mt[1] != toneNone && (!l.isVowel() || l.tone != toneNone || l.base == 'i')) ||
					l.upper != (c < 0xE0) {
					return false
				}
				if mt[0] != modNone {
					l.mod = mt[0]
				}
				l.tone = mt[1]
				if !flush() {
					return false
				}
				continue
			}
			if !flush() {
				return false
			}
			switch {
			case vni.singleOf[c].base != 0:
				l, have = vni.singleOf[c], true
			case c < 0x80:
				if ll, ok := letterOf(r); ok {
					l, have = ll, true
				} else if !d.add(r, false) {
					return false
				}
			default:
				return false
			}
		}
		return flush()
	}
	return false
}

// plausible reports whether r is a rune that real text decoded from
// mojibake holds: Latin letters and marks, general punctuation.
func plausible(r rune) bool {
	switch {
	case r >= 0xA0 && r <= 0x24F, r >= 0x300 && r <= 0x36F,
		r >= 0x1E00 && r <= 0x1EFF, r >= 0x2000 && r <= 0x206F, r == 0x20AC:
		return true
	}
	return false
}

// runesValid reports whether rs reads as Vietnamese text: every run of
// letters is a syllable with its tone mark where one of the two styles
// puts it, in lower, upper or title case (or a run of
// ASCII consonants, an initial such as the H of H'Mông), and there is no
// non-ASCII rune that is not a Vietnamese letter.
func runesValid(rs []rune, unknown []bool) bool {
	var v validator
	for i, r := range rs {
		if !v.add(r, unknown != nil && unknown[i]) {
			return false
		}
	}
	return v.end()
}

// stringValid is runesValid for the runes of s, none of unknown case.
func stringValid(s string) bool {
	var v validator
	for _, r := range s {
		if !v.add(r, false) {
			return false
		}
	}
	return v.end()
}

// validator checks text rune by rune for runesValid.
type validator struct {
	buf      [maxSyllable]letter
	n        int  // letters in buf
	overflow bool // the run of letters is longer than buf
	vowel    bool // the run has a vowel
	// Case of the known letters of the run: the first one, and the others.
	firstLower, innerUpper, innerLower bool
}

// end ends a run of letters; it reports whether the run is valid.
func (v *validator) end() bool {
	ok := v.n == 0 || !v.vowel
	if !ok && !v.overflow {
		ls := v.buf[:v.n]
		var sy syllable
		sy, ok = parseSyllable(ls)
		ok = ok && toneWellPlaced(ls, sy)
	}
	// Only lower, UPPER and Title case: not NguyÔn, ChÊn, KÝnh.
	ok = ok && !(v.innerUpper && (v.innerLower || v.firstLower))
	*v = validator{}
	return ok
}

// add adds rune r, of unknown case when unknown is set; it reports false
// when the text is not valid.
func (v *validator) add(r rune, unknown bool) bool {
	if l, ok := letterOf(r); ok {
		if l.isVowel() {
			v.vowel = true
		}
		if !unknown {
			switch {
			case v.n == 0 && !v.overflow:
				v.firstLower = !l.upper
			case l.upper:
				v.innerUpper = true
			default:
				v.innerLower = true
			}
		}
		if v.n < len(v.buf) {
			v.buf[v.n] = l
			v.n++
		} else {
			v.overflow = true
		}
		return true
	}
	return r < 0x80 && v.end()
}

// stringRunesEqual reports whether s holds exactly the runes rs.
func stringRunesEqual(s string, rs []rune) bool {
	i := 0
	for _, r := range s {
		if i == len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return i == len(rs)
}

// isTokenSpace reports the separators of the legacy repair's tokens:
// ASCII white space only, since mojibake holds no-break spaces inside
// words (à is C3 A0, read as "Ã" and a no-break space).
func isTokenSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// nextToken returns the token of s that starts at or after i, and the
// index after it; tok is "" at the end of s.
func nextToken(s string, i int) (tok string, start, end int) {
	for i < len(s) && isTokenSpace(s[i]) {
		i++
	}
	start = i
	for i < len(s) && !isTokenSpace(s[i]) {
		i++
	}
	return s[start:i], start, i
}

// mayBeLegacy reports whether tok holds only Windows-1252 runes and at
// least one that is not ASCII: only such a token can be mangled text.
func mayBeLegacy(tok string) bool {
	_, ok := legacyMask(tok)
	return ok
}

// legacyMask returns the flags of the encodings that may decode tok to
// something else; ok is mayBeLegacy(tok).
func legacyMask(tok string) (mask uint8, ok bool) {
	for i := 0; i < len(tok); {
		c := tok[i]
		if c < 0x80 {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(tok[i:])
		b, in := cp1252Byte(r)
		if !in {
			return 0, false
		}
		mask |= legacyFlags[b]
		ok = true
		i += size
	}
	return mask, ok
}

// verdict is what decoding one token says about an encoding.
type verdict struct {
	changed bool // the token decodes to something else
	ok      bool // ... that reads as Vietnamese (mojibake: valid UTF-8)
	fixed   bool // ... and the token itself did not, with enough letters
	broken  bool // the token read as Vietnamese and its decoding holds
	// other characters than ASCII and Vietnamese letters
	plain bool // the token did not read as Vietnamese and its decoding
	// holds only ASCII and Vietnamese letters (Pl« -> Plô)
	letters bool // a decoding that is not ok holds only ASCII and
	// Vietnamese letters
}

// judge decodes tok (which must satisfy mayBeLegacy) by e into d and
// weighs the result. was caches whether tok itself reads as Vietnamese
// (0 unknown, 1 no, 2 yes) between the calls for one token.
func judge(e Encoding, tok string, d *tokenBuf, was *uint8) (v verdict) {
	if !decodeToken(e, tok, d) || stringRunesEqual(tok, d.r[:d.n]) {
		return v
	}
	if *was == 0 {
		if utf8.RuneCountInString(tok) > maxToken {
			return v
		}
		*was = 1
		if stringValid(tok) {
			*was = 2
		}
	}
	was2 := *was == 2
	v.changed = true
	v.ok = e == Mojibake || runesValid(d.r[:d.n], d.unknown[:d.n])
	// A lone letter (â read as TCVN3 is õ) is too little evidence.
	v.fixed = !was2 && v.ok && (e == Mojibake || d.n > 1)
	if !v.ok {
		v.letters = true
		for _, r := range d.r[:d.n] {
			if _, isLetter := letterOf(r); r >= 0x80 && !isLetter {
				v.letters = false
				break
			}
		}
		v.plain = !was2 && v.letters
		v.broken = was2 && !v.letters
	}
	return v
}

// maxCandidates is the number of tokens of a string that DetectEncoding
// weighs; the rest are ignored.
const maxCandidates = 32

// DetectEncoding returns the legacy encoding that [Text] would repair s
// from, or UTF8 when s is left as it is. The choice is evidence based: an
// encoding is chosen when decoding turns more tokens that are not
// Vietnamese into tokens that are (valid syllables; for mojibake, valid
// UTF-8) than it turns into something with other characters than ASCII
// and Vietnamese letters, and turns no Vietnamese token into such
// characters. Mojibake wins ties, then VNI, then TCVN3. Only tokens made
// of Windows-1252 characters, with at least one that is not ASCII, can be
// legacy text; DetectEncoding weighs the first 32 of them.
func DetectEncoding(s string) Encoding {
	if !needsDetect(s) {
		return UTF8
	}
	var c candidates
	return c.detect(s)
}

// needsDetect reports whether s has a token that DetectEncoding must
// weigh: a candidate token (see legacyMask) that does not itself read as
// Vietnamese. When it is false DetectEncoding(s) is UTF8, without the
// cost of decoding: a token that reads as Vietnamese is never counted as
// fixed by any encoding, so none can win. Most correct text is decided
// here: a token with a Vietnamese letter outside Windows-1252 (ễ, ị, ư)
// is no candidate, and most others read as Vietnamese (Hoà, Tú).
func needsDetect(s string) bool {
	start := 0       // of the current token
	mask := uint8(0) // legacyMask of the token so far
	out := false     // the token has a rune outside Windows-1252
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if isTokenSpace(c) {
				if mask != 0 && !out && !tokenReadsVietnamese(s[start:i]) {
					return true
				}
				start, mask, out = i+1, 0, false
			}
			i++
			continue
		}
		if out {
			i++ // the rest of the rune: never a token space
			continue
		}
		if (c == 0xC2 || c == 0xC3) && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			// U+0080..U+00FF: Windows-1252 byte = rune
			mask |= legacyFlags[(c&0x1F)<<6|s[i+1]&0x3F]
			i += 2
			continue
		}
		if c != 0xC5 && c != 0xC6 && c != 0xCB && c != 0xE2 {
			// The lead byte of no rune of Windows-1252 (Œ Š Ÿ Ž ƒ ˆ ˜ and
			// the punctuation, € and ™ of U+20xx and U+21xx), or invalid.
			out = true
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if b, in := cp1252Byte(r); in {
			mask |= legacyFlags[b]
		} else {
			out = true
		}
		i += size
	}
	return mask != 0 && !out && !tokenReadsVietnamese(s[start:])
}

// tokenReadsVietnamese reports whether tok, of at most maxToken runes,
// reads as Vietnamese (runesValid), as judge weighs it.
func tokenReadsVietnamese(tok string) bool {
	return utf8.RuneCountInString(tok) <= maxToken && stringValid(tok)
}

// candidates are the tokens of a string that may be legacy text, with
// what decoding them says.
type candidates struct {
	tok  [maxCandidates]string
	mask [maxCandidates]uint8
	was  [maxCandidates]uint8      // see judge
	v    [maxCandidates][4]verdict // by Encoding
	n    int
	d    tokenBuf // scratch for decoding
}

// detect implements DetectEncoding, keeping the verdicts in c.
// c need not be zero: detect resets what it uses, so that a candidates
// value can be reused without clearing it.
func (c *candidates) detect(s string) Encoding {
	all := uint8(0)
	c.n = 0
	for tok, _, end := nextToken(s, 0); tok != "" && c.n < maxCandidates; tok, _, end = nextToken(s, end) {
		if m, ok := legacyMask(tok); ok && m != 0 {
			c.tok[c.n], c.mask[c.n] = tok, m
			c.was[c.n], c.v[c.n] = 0, [4]verdict{}
			all |= m
			c.n++
		}
	}
	if c.n == 0 {
		return UTF8
	}
	best, bestFixed := UTF8, 0
	d := &c.d
	for _, e := range [...]Encoding{Mojibake, VNI, TCVN3} {
		flag := encodingFlag(e)
		if all&flag == 0 {
			continue
		}
		fixed, unfixed := 0, 0
		broken := false
		for k := range c.n {
			if c.mask[k]&flag == 0 {
				continue // e decodes the token to itself
			}
			v := judge(e, c.tok[k], d, &c.was[k])
			c.v[k][e] = v
			switch {
			case v.broken:
				broken = true
			case v.fixed:
				fixed++
			case v.changed && !v.ok && !v.letters:
				unfixed++ // decodes to something implausible
			}
		}
		if !broken && fixed > unfixed && fixed > bestFixed {
			best, bestFixed = e, fixed
		}
	}
	return best
}

// RepairLegacy returns s with its tokens decoded from the encoding that
// DetectEncoding finds, and that encoding. A token is decoded when its
// decoding reads as Vietnamese, or when the token does not and its
// decoding holds only ASCII and Vietnamese letters (names from minority
// languages: "X· §¾k Bl«" -> "Xã Đắk Blô"); other tokens are kept, so
// correct text mixed with mangled text survives. Only the tokens that
// DetectEncoding weighs are decoded. It does not otherwise canonicalise s;
// [Text] does both.
//
// TCVN3 bytes do not tell the case of a letter with a tone mark. A letter
// inside a word takes the case of the word's other letters (NGUYÔN ->
// NGUYỄN, NguyÔn -> Nguyễn); when the word has none, the case most used
// inside the words of s; a word-initial letter is upper case unless s has
// more lower-case than upper-case word-initial letters (¸nh -> Ánh).
func RepairLegacy(s string) (string, Encoding) {
	if !needsDetect(s) {
		return s, UTF8
	}
	sc := getScratch()
	defer putScratch(sc)
	b, e := repairAppend(sc.repaired[:0], s, &sc.cand)
	sc.repaired = b
	if e == UTF8 {
		return s, UTF8
	}
	return string(b), e
}

// repairAppend appends RepairLegacy(s) to dst, for s that needsDetect,
// using c (which need not be zero) for the work. When s needs no repair
// it returns dst unchanged and UTF8.
func repairAppend(dst []byte, s string, c *candidates) ([]byte, Encoding) {
	e := c.detect(s)
	if e == UTF8 {
		return dst, UTF8
	}
	return c.repair(dst, s, e), e
}

// repair appends s repaired from e to b, with the verdicts that detect
// left in c.
func (c *candidates) repair(b []byte, s string, e Encoding) []byte {
	// decoded reports whether the token that is candidate k (or no
	// candidate, k < 0) is written decoded, leaving its decoding in d.
	d := &c.d
	decoded := func(tok string, k int) bool {
		if k >= 0 {
			if v := c.v[k][e]; v.ok || v.plain {
				return decodeToken(e, tok, d)
			}
		}
		// A TCVN3 token that decodes to itself may still change case (LÝ
		// written Lý).
		return e == TCVN3 && mayBeLegacy(tok) && decodeToken(e, tok, d) && stringRunesEqual(tok, d.r[:d.n])
	}
	var st caseStats
	if e == TCVN3 {
		k := 0
		for tok, _, end := nextToken(s, 0); tok != ""; tok, _, end = nextToken(s, end) {
			ck := -1
			if k < c.n && c.tok[k] == tok {
				ck = k
				k++
			}
			if decoded(tok, ck) {
				st.count(d.r[:d.n], d.unknown[:d.n])
			} else {
				st.countString(tok)
			}
		}
	}
	last, k := 0, 0
	for tok, start, end := nextToken(s, 0); tok != ""; tok, start, end = nextToken(s, end) {
		ck := -1
		if k < c.n && c.tok[k] == tok {
			ck = k
			k++
		}
		if !decoded(tok, ck) {
			continue
		}
		b = append(b, s[last:start]...)
		last = end
		if e == TCVN3 {
			st.resolve(d.r[:d.n], d.unknown[:d.n])
		}
		for _, r := range d.r[:d.n] {
			b = utf8.AppendRune(b, r)
		}
	}
	return append(b, s[last:]...)
}

// caseStats counts the letters of known case at the start of words and
// inside them, to guess the case of TCVN3 letters.
type caseStats struct {
	initUpper, initLower, innerUpper, innerLower int
}

func (st *caseStats) countString(tok string) {
	inWord, n := false, 0
	for _, r := range tok {
		if n == maxToken {
			break
		}
		n++
		inWord = st.countRune(r, false, inWord)
	}
}

// countRune counts rune r, after a letter when inWord; it reports
// whether r is a letter.
func (st *caseStats) countRune(r rune, unknown, inWord bool) bool {
	if _, isLetter := letterOf(r); !isLetter {
		return false
	}
	if !unknown {
		up := unicode.IsUpper(r)
		switch {
		case !inWord && up:
			st.initUpper++
		case !inWord:
			st.initLower++
		case up:
			st.innerUpper++
		default:
			st.innerLower++
		}
	}
	return true
}

func (st *caseStats) count(rs []rune, unknown []bool) {
	inWord := false
	for i, r := range rs {
		inWord = st.countRune(r, unknown[i], inWord)
	}
}

// resolve upper-cases the letters of unknown case in rs that the rules of
// RepairLegacy say are upper case.
func (st *caseStats) resolve(rs []rune, unknown []bool) {
	for a := 0; a < len(rs); {
		if _, ok := letterOf(rs[a]); !ok {
			a++
			continue
		}
		b := a
		up, low := 0, 0 // known letters inside this word
		for ; b < len(rs); b++ {
			if _, ok := letterOf(rs[b]); !ok {
				break
			}
			if b > a && !unknown[b] {
				if unicode.IsUpper(rs[b]) {
					up++
				} else {
					low++
				}
			}
		}
		for i := a; i < b; i++ {
			if !unknown[i] {
				continue
			}
			var upper bool
			switch {
			case i > a && up != low:
				upper = up > low
			case i > a:
				upper = st.innerUpper > st.innerLower
			case up > low: // an upper-case word: NGUYÔN
				upper = true
			case low > up: // a capitalised or lower-case word: ¸nh
				upper = st.initUpper >= st.initLower
			default:
				upper = st.innerUpper > st.innerLower || st.initUpper >= st.initLower
			}
			if upper {
				rs[i] = unicode.ToUpper(rs[i])
			}
		}
		a = b
	}
}
