package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// addrToken is one word of an address.
type addrToken struct {
	text  string // as written, without surrounding punctuation
	lower string // text lower-cased
	fold  string // folded key of text, for ASCII tokens only (see addrTokenFold)
	ascii bool   // text is plain ASCII (typed without diacritics)
}

// addrMarker is a word or phrase that introduces a part of an address:
// "xã", "thị trấn", "TP.", "số nhà".
type addrMarker struct {
	words  []string // lower-case words, with diacritics or as abbreviated
	folds  []string // folded words, to match text typed without diacritics
	typ    UnitType // UnitNone for the house-number markers
	house  bool     // introduces a house number
	abbr   bool     // an abbreviation: matched on its exact (lower-case) form only
	strong bool     // never a plain word of a name, even without diacritics
}

// addrMarkers lists the markers. Abbreviations with a dot also match when
// glued to the next word ("X.Ngọc Hồi", "TP.HCM").
var addrMarkers = []*addrMarker{
	{words: []string{"số"}, house: true},
	{words: []string{"số", "nhà"}, house: true},
	{words: []string{"nhà", "số"}, house: true},
	{words: []string{"sn"}, house: true, abbr: true},
	{words: []string{"sn."}, house: true, abbr: true},

	{words: []string{"ngõ"}, typ: UnitNgo},
	{words: []string{"ngách"}, typ: UnitNgach},
	{words: []string{"hẻm"}, typ: UnitHem},
	{words: []string{"kiệt"}, typ: UnitKiet},
	{words: []string{"k."}, typ: UnitKiet, abbr: true},

	{words: []string{"đường"}, typ: UnitDuong},
	{words: []string{"đ."}, typ: UnitDuong, abbr: true},
	{words: []string{"phố"}, typ: UnitPho},
	{words: []string{"đại", "lộ"}, typ: UnitDaiLo},

	{words: []string{"thôn"}, typ: UnitThon},
	{words: []string{"xóm"}, typ: UnitXom},
	{words: []string{"ấp"}, typ: UnitAp},
	{words: []string{"bản"}, typ: UnitBan},
	{words: []string{"làng"}, typ: UnitLang},
	{words: []string{"tổ", "dân", "phố"}, typ: UnitToDanPho},
	{words: []string{"tdp"}, typ: UnitToDanPho, abbr: true},
	{words: []string{"tdp."}, typ: UnitToDanPho, abbr: true},
	{words: []string{"tổ"}, typ: UnitTo},
	{words: []string{"khu", "phố"}, typ: UnitKhuPho},
	{words: []string{"kp"}, typ: UnitKhuPho, abbr: true},
	{words: []string{"kp."}, typ: UnitKhuPho, abbr: true},
	{words: []string{"khối"}, typ: UnitKhoi},
	{words: []string{"cụm"}, typ: UnitCum},
	{words: []string{"đội"}, typ: UnitDoi},

	{words: []string{"xã"}, typ: UnitXa},
	{words: []string{"x."}, typ: UnitXa, abbr: true},
	{words: []string{"phường"}, typ: UnitPhuong, strong: true},
	{words: []string{"p."}, typ: UnitPhuong, abbr: true},
	{words: []string{"f."}, typ: UnitPhuong, abbr: true},
	{words: []string{"thị", "trấn"}, typ: UnitThiTran},
	{words: []string{"tt"}, typ: UnitThiTran, abbr: true},
	{words: []string{"tt."}, typ: UnitThiTran, abbr: true},
	{words: []string{"đặc", "khu"}, typ: UnitDacKhu},

	{words: []string{"huyện"}, typ: UnitHuyen, strong: true},
	{words: []string{"h."}, typ: UnitHuyen, abbr: true},
	{words: []string{"quận"}, typ: UnitQuan},
	{words: []string{"q."}, typ: UnitQuan, abbr: true},
	{words: []string{"thị", "xã"}, typ: UnitThiXa},
	{words: []string{"tx"}, typ: UnitThiXa, abbr: true},
	{words: []string{"tx."}, typ: UnitThiXa, abbr: true},

	{words: []string{"thành", "phố"}, typ: UnitThanhPho},
	{words: []string{"tp"}, typ: UnitThanhPho, abbr: true},
	{words: []string{"tp."}, typ: UnitThanhPho, abbr: true},
	{words: []string{"tỉnh"}, typ: UnitTinh},
	{words: []string{"t."}, typ: UnitTinh, abbr: true},
}

// addrMarkersByWord indexes addrMarkers by their first word, both as
// written and folded (the folded entries exclude abbreviations).
var addrMarkersByWord, addrMarkersByFold = func() (exact, folded map[string][]*addrMarker) {
	exact = make(map[string][]*addrMarker)
	folded = make(map[string][]*addrMarker)
	for _, m := range addrMarkers {
		m.folds = make([]string, len(m.words))
		for i, w := range m.words {
			m.folds[i] = addrFold(w)
		}
		exact[m.words[0]] = append(exact[m.words[0]], m)
		if !m.abbr {
			folded[m.folds[0]] = append(folded[m.folds[0]], m)
		}
	}
	return exact, folded
}()

// addrMatchMarker reports the longest marker that starts at toks[i], the
// number of tokens it spans, and whether it is strong: written with its
// diacritics, abbreviated, several words long or never a name word.
func addrMatchMarker(toks []addrToken, i int) (m *addrMarker, n int, strong bool) {
	try := func(cands []*addrMarker) {
		for _, c := range cands {
			if len(c.words) <= n || i+len(c.words) > len(toks) {
				continue
			}
			exact := true
			ok := true
			for j, w := range c.words {
				t := &toks[i+j]
				switch {
				case t.lower == w:
				case !c.abbr && t.ascii && t.fold == c.folds[j]:
					exact = false
				default:
					ok = false
				}
				if !ok {
					break
				}
			}
			if ok {
				m, n = c, len(c.words)
				strong = exact || c.abbr || c.strong || len(c.words) > 1
			}
		}
	}
	try(addrMarkersByWord[toks[i].lower])
	if toks[i].ascii {
		try(addrMarkersByFold[toks[i].fold])
	}
	return m, n, strong
}

// addrCountries are folded names of the country, dropped from the end.
var addrCountries = map[string]bool{"viet nam": true, "vietnam": true, "vn": true}

// addrMaxAbbr is the length in bytes of the longest abbreviation ("tdp.").
const addrMaxAbbr = 4

// addrSplitDotted splits an abbreviation with a dot off the front of a
// word: "X.Ngọc" -> "x.", "Ngọc"; "TP.HCM" -> "tp.", "HCM". It returns the
// abbreviation (lower-case, as in addrMarkers) and the rest, or "" when f
// does not start with one.
func addrSplitDotted(f string) (abbr, rest string) {
	i := strings.IndexByte(f, '.')
	if i <= 0 || i+1 > addrMaxAbbr {
		return "", ""
	}
	lf := strings.ToLower(f[:i+1])
	if m, ok := addrMarkersByWord[lf]; ok && m[0].abbr {
		return lf, f[i+1:]
	}
	return "", ""
}

// addrSplitGlued splits an abbreviation glued without a dot off the front
// of a word stripped of punctuation: "P12" -> "p.", "12"; "Q1" -> "q.",
// "1"; "K12/3" -> "k.", "12/3"; "TPHCM" -> "tp.", "HCM".
func addrSplitGlued(f string) (abbr, rest string) {
	if f == "" {
		return "", ""
	}
	// Every glued abbreviation starts with q, p, f, k or t.
	if f[0] < utf8.RuneSelf {
		// No rune but ASCII ones lower-cases to these letters or digits,
		// so f can be read without lower-casing it.
		switch c := f[0] | 0x20; {
		case (c == 'q' || c == 'p' || c == 'f') && len(f) >= 2 && addrAllDigits(f[1:]):
			return addrGluedAbbr[c], f[1:]
		case c == 'k' && len(f) >= 2 && addrIsDigitByte(f[1]):
			return "k.", f[1:]
		case c == 't' && (addrASCIIEqualFold(f, "tphcm") || addrASCIIEqualFold(f, "tphn")):
			return "tp.", f[2:]
		}
		return "", ""
	}
	lf := strings.ToLower(f)
	if len(lf) >= 2 && (lf[0] == 'q' || lf[0] == 'p' || lf[0] == 'f') && addrAllDigits(lf[1:]) {
		return lf[:1] + ".", f[1:]
	}
	if len(lf) >= 2 && lf[0] == 'k' && addrIsDigitByte(lf[1]) {
		return "k.", f[1:] // kiệt, as written in Đà Nẵng: "K12/3"
	}
	if lf == "tphcm" || lf == "tphn" {
		return "tp.", f[2:]
	}
	return "", ""
}

// addrGluedAbbr maps the first letter of a glued number to its abbreviation.
var addrGluedAbbr = map[byte]string{'q': "q.", 'p': "p.", 'f': "f."}

// addrASCIIEqualFold reports whether s is the lower-case ASCII word w in
// any case.
func addrASCIIEqualFold(s, w string) bool {
	if len(s) != len(w) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c |= 0x20
		}
		if c != w[i] {
			return false
		}
	}
	return true
}

// addrTrimPunct removes the runes that are neither letters nor digits
// from both ends of f.
func addrTrimPunct(f string) string {
	return strings.TrimFunc(f, addrIsPunct)
}

// addrIsPunct reports the runes that are neither letters nor digits.
func addrIsPunct(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// addrAppendTokens appends the tokens of the words of one segment.
func addrAppendTokens(toks []addrToken, seg string) []addrToken {
	lseg := addrLowerAligned(seg)
	for seg != "" {
		i := strings.IndexFunc(seg, unicode.IsSpace)
		if i < 0 {
			return addrAppendWord(toks, seg, lseg, 0)
		}
		if i > 0 {
			toks = addrAppendWord(toks, seg[:i], addrPrefix(lseg, i), 0)
		}
		_, n := utf8.DecodeRuneInString(seg[i:])
		seg = seg[i+n:]
		lseg = addrSuffix(lseg, len(seg))
	}
	return toks
}

// addrLowerAligned returns strings.ToLower(s) when lower-casing keeps the
// length of every rune, so that the lower-case form of a substring of s is
// the substring of the result at the same bytes; "" otherwise.
func addrLowerAligned(s string) string {
	upper := false
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			upper = true
			break
		}
	}
	if !upper {
		return s // lower-case ASCII, as strings.ToLower returns it
	}
	var buf [128]byte
	b := buf[:0]
	for i, r := range s {
		if r < utf8.RuneSelf {
			c := byte(r)
			if 'A' <= c && c <= 'Z' {
				c |= 0x20
			}
			b = append(b, c)
			continue
		}
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return ""
			}
		}
		l := unicode.ToLower(r)
		if utf8.RuneLen(l) != utf8.RuneLen(r) {
			return ""
		}
		b = utf8.AppendRune(b, l)
	}
	return string(b)
}

// addrPrefix returns the first n bytes of l, or "" when l is shorter.
func addrPrefix(l string, n int) string {
	if len(l) < n {
		return ""
	}
	return l[:n]
}

// addrSuffix returns the last n bytes of l, or "" when l is shorter.
func addrSuffix(l string, n int) string {
	if len(l) < n {
		return ""
	}
	return l[len(l)-n:]
}

// addrAppendWord appends the token(s) of one word f. lf is the lower-case
// form of f when it has f's length (see addrLowerAligned), else "".
func addrAppendWord(toks []addrToken, f, lf string, depth int) []addrToken {
	g := strings.TrimLeftFunc(f, addrIsPunct)
	f, lf = g, addrSuffix(lf, len(g))
	if len(f) <= addrMaxAbbr {
		if m, ok := addrShortMarker(f, lf); ok && m[0].abbr {
			return append(toks, addrNewToken(m[0].words[0], ""))
		}
	}
	if depth < 4 {
		if abbr, rest := addrSplitDotted(f); abbr != "" {
			return addrAppendWord(append(toks, addrNewToken(abbr, "")), rest, addrSuffix(lf, len(rest)), depth+1)
		}
	}
	f = addrTrimPunct(f) // f starts with no punctuation: a prefix of it
	lf = addrPrefix(lf, len(f))
	if f == "" {
		return toks
	}
	if depth < 4 {
		if abbr, rest := addrSplitGlued(f); abbr != "" {
			return addrAppendWord(append(toks, addrNewToken(abbr, "")), rest, addrSuffix(lf, len(rest)), depth+1)
		}
	}
	return append(toks, addrNewToken(f, lf))
}

// addrShortMarker returns the markers indexed under the lower-case form
// of the short word f (at most addrMaxAbbr bytes), lf when it is given,
// without allocating when f is ASCII or lf is given.
func addrShortMarker(f, lf string) ([]*addrMarker, bool) {
	if lf != "" && len(lf) == len(f) {
		m, ok := addrMarkersByWord[lf]
		return m, ok
	}
	if !isASCII(f) {
		m, ok := addrMarkersByWord[strings.ToLower(f)]
		return m, ok
	}
	var buf [addrMaxAbbr]byte
	b := buf[:len(f)]
	for i := 0; i < len(f); i++ {
		c := f[i]
		if 'A' <= c && c <= 'Z' {
			c |= 0x20
		}
		b[i] = c
	}
	m, ok := addrMarkersByWord[string(b)]
	return m, ok
}

// addrNewToken makes the token of the word f; lf is its lower-case form
// when it has f's length, else "".
func addrNewToken(f, lf string) addrToken {
	if lf == "" || len(lf) != len(f) {
		lf = strings.ToLower(f)
	}
	t := addrToken{text: f, lower: lf, ascii: isASCII(f)}
	if t.ascii {
		t.fold = t.lower
		for i := 0; i < len(t.lower); i++ {
			if c := t.lower[i]; !addrIsDigitByte(c) && !addrIsLetterByte(c) {
				t.fold = addrFold(t.lower)
				break
			}
		}
	}
	return t
}

// addrNumberLike reports whether a token starts with a digit, as house and
// alley numbers do ("12", "12A", "12/3").
func addrNumberLike(t addrToken) bool {
	return t.text != "" && addrIsDigitByte(t.text[0])
}

// addrRomanValue returns the value of s read as a Roman numeral written
// with I, V and X only, in canonical form, from 1 to 39; 0 otherwise.
func addrRomanValue(s string) int {
	if s == "" || len(s) > 8 {
		return 0
	}
	val := func(c byte) int {
		switch c | 0x20 {
		case 'i':
			return 1
		case 'v':
			return 5
		case 'x':
			return 10
		}
		return 0
	}
	total := 0
	for i := 0; i < len(s); i++ {
		v := val(s[i])
		if v == 0 {
			return 0
		}
		if i+1 < len(s) && v < val(s[i+1]) {
			total -= v
		} else {
			total += v
		}
	}
	if total < 1 || total > 39 || addrRoman(total) != strings.ToUpper(s) {
		return 0
	}
	return total
}

// addrRoman writes n (1 to 39) as a Roman numeral.
func addrRoman(n int) string {
	var b strings.Builder
	for ; n >= 10; n -= 10 {
		b.WriteByte('X')
	}
	units := [...]string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"}
	b.WriteString(units[n])
	return b.String()
}

// addrSyllableRoman are Roman numerals that are also Vietnamese syllables.
var addrSyllableRoman = map[string]bool{"i": true, "v": true, "x": true, "vi": true, "xi": true}

// addrNameOptions says how the words of a name are canonicalised.
type addrNameOptions struct {
	roman bool // Roman numerals become Arabic ("Tổ III" -> "Tổ 3")
	zeros bool // leading zeros are dropped from numbers ("Phường 05" -> "Phường 5")
}

// addrDisplayName writes the canonical display form of a name: words
// title-cased, words with digits upper-cased, and numerals canonicalised
// as opts says.
func addrDisplayName(toks []addrToken, opts addrNameOptions) string {
	allUpper := true
	size := 0
	for _, t := range toks {
		allUpper = allUpper && addrIsUpper(t.text)
		size += len(t.text) + 1
	}
	var b strings.Builder
	b.Grow(size)
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		w := t.text
		if opts.roman {
			if v := addrRomanValue(w); v > 0 {
				// A single letter looks upper-case once title-cased, so it
				// counts as upper-case in any case, for idempotence.
				letter := len(w) == 1
				upper := addrIsUpper(w)
				syll := addrSyllableRoman[t.lower]
				if len(toks) == 1 && (upper || !syll || letter) ||
					len(toks) > 1 && i == len(toks)-1 && (letter || upper && (!syll || !allUpper)) {
					b.WriteString(addrItoa(v))
					continue
				}
			}
		}
		if opts.zeros && addrAllDigits(w) {
			w = strings.TrimLeft(w, "0")
			if w == "" {
				w = "0"
			}
			b.WriteString(w)
			continue
		}
		if strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			for _, r := range w {
				b.WriteRune(unicode.ToUpper(r)) // as strings.ToUpper writes it
			}
			continue
		}
		addrWriteTitle(&b, w)
	}
	return b.String()
}

// addrIsUpper reports whether s == strings.ToUpper(s), without allocating.
func addrIsUpper(s string) bool {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return false // ToUpper writes an invalid byte as U+FFFD
			}
		}
		if unicode.ToUpper(r) != r {
			return false
		}
	}
	return true
}

// addrWriteTitle writes w to b with the first letter of w and of each
// part after a hyphen or an apostrophe upper-cased ("nà-sảng" ->
// "Nà-Sảng", "h'mông" -> "H'Mông"), and the rest lower-cased.
func addrWriteTitle(b *strings.Builder, w string) {
	start := true
	for _, r := range w {
		if start {
			b.WriteRune(addrToUpper(r))
		} else {
			b.WriteRune(addrToLower(r))
		}
		start = r == '-' || r == '\''
	}
}

// addrAllDigits reports whether w is made of ASCII digits only.
func addrAllDigits(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if !addrIsDigitByte(w[i]) {
			return false
		}
	}
	return true
}

// addrItoa formats a small non-negative integer.
func addrItoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return addrItoa(n/10) + string(rune('0'+n%10))
}

// addrToUpper upper-cases r when the change can be undone: a letter such as
// the dotless ı, whose upper case I lower-cases to another letter, is kept
// as it is, so that canonical forms stay canonical when parsed again
// (a title-cased "ı" would otherwise turn into the Roman numeral I).
func addrToUpper(r rune) rune {
	if u := unicode.ToUpper(r); unicode.ToLower(u) == r {
		return u
	}
	return r
}

// addrToLower is addrToUpper's counterpart for lower case.
func addrToLower(r rune) rune {
	if l := unicode.ToLower(r); unicode.ToUpper(l) == r {
		return l
	}
	return r
}
