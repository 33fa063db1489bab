package normalize

import (
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Text returns the canonical display form of s, case preserved: legacy
// encodings repaired, NFC, the tone marks placed in the new style (hoà,
// thuý, khoẻ, Thuỷ), white space collapsed, stray symbols dropped. See
// [Canonicalizer.String] for the exact rules. Text returns s itself,
// without allocating, when s is already canonical.
func Text(s string) string { return Canonicalizer{}.String(s) }

// Key returns the comparison key of s: Text(s) in lower case.
func Key(s string) string { return Canonicalizer{}.Key(s) }

// Fold returns the ASCII folded key of s: Key(s) with every mark removed
// and đ written d ("Nguyễn Thị Thuý" -> "nguyen thi thuy"). Fold(x) ==
// Fold(Text(x)) for every x.
func Fold(s string) string { return Canonicalizer{}.Fold(s) }

// Canonicalizer canonicalises Vietnamese text in a chosen tone-mark style.
// The zero value uses [ToneNew], the style of [Text]. A Canonicalizer is a
// plain value, safe for concurrent use.
type Canonicalizer struct {
	// Style is where the tone mark goes in open oa, oe, uy syllables.
	Style ToneStyle
}

// maxRepairRounds bounds the repair-and-clean rounds of String.
const maxRepairRounds = 4

// String returns the canonical display form of s:
//
//  1. Legacy repair ([RepairLegacy]): tokens written in TCVN3, VNI or
//     UTF-8 and read as Windows-1252 are decoded when the evidence says
//     so, repeatedly for text mangled twice. The repair looks at the
//     whole string, so it is not part of the streaming [Transformer].
//  2. Unicode NFC. A letter followed by Vietnamese combining marks (NFD,
//     or marks typed separately) becomes the precomposed letter. The eth
//     letters Ð and ð, common stand-ins for Đ and đ, become Đ and đ.
//  3. Tone marks: in every word that is a Vietnamese syllable (see
//     [IsSyllable]) the tone mark is put where c.Style puts it, whatever
//     vowel it was typed on (hóa -> hoá, họach -> hoạch). Other words are
//     left as they are.
//  4. Letters, digits and marks are kept; zero-width and other format
//     characters (Unicode Cf: U+200B, U+200D, U+FEFF, soft hyphen, bidi
//     controls) and marks that follow no letter are deleted.
//  5. White space (any Unicode space, NBSP, tabs, line breaks), control
//     characters and every symbol or punctuation except the ones below
//     separate words: each run of separators becomes one space; leading
//     and trailing ones go.
//  6. Kept punctuation, its typographic variants mapped to ASCII (’ ʼ ` ´
//     to ', and ‐ – — − to -): / between two letters or digits (12/3);
//     ' . and , right after a letter or digit and followed later by a
//     word (H'Mông, Ia H' Drai, P. Láng Hạ, Số 5, ngõ 12); - after a word
//     and before another, with the spaces as typed (Bà Rịa - Vũng Tàu,
//     Nguyễn-Văn). Anywhere else they are separators, so leading and
//     trailing punctuation goes.
//
// Steps 2-6 are repeated after a repair, and the repair is tried again
// on their result, so that the result is stable: String(String(s)) ==
// String(s). String returns s itself, without allocating, when s is
// already canonical; otherwise it allocates once, for the result (more
// for text mangled twice, text that reads as mangled once cleaned, and
// text longer than a typical name: past 32 bytes the text in between
// costs an allocation too).
func (c Canonicalizer) String(s string) string {
	return c.form(s, FormText)
}

// scratch holds the intermediate text of one call of form: the repaired
// text, the cleaned text and the work of the repair. It is reused through
// scratchSlots, so that the forms cost one allocation, for the result, and
// by RepairLegacy.
type scratch struct {
	repaired, cleaned []byte
	cand              candidates
}

// scratchSlots keep scratch values between calls. A slot is a plain
// atomic pointer rather than a sync.Pool, which drops values at random
// under the race detector and at each garbage collection; when every
// slot is taken (more goroutines at work than slots) a call makes its own.
var scratchSlots [16]atomic.Pointer[scratch]

// maxScratch is the largest scratch buffer kept for reuse.
const maxScratch = 4096

func getScratch() *scratch {
	for i := range scratchSlots {
		if sc := scratchSlots[i].Swap(nil); sc != nil {
			return sc
		}
	}
	return new(scratch)
}

func putScratch(sc *scratch) {
	if sc == nil || cap(sc.repaired) > maxScratch || cap(sc.cleaned) > maxScratch {
		return
	}
	clear(sc.cand.tok[:sc.cand.n]) // keep no caller's string alive
	for i := range scratchSlots {
		if scratchSlots[i].CompareAndSwap(nil, sc) {
			return
		}
	}
}

// form returns c.String(s) in form f: what mapRunes(c.canonical(s), f)
// returns, with one allocation for a typical name. The common case (at
// most one legacy repair, and cleaning that leaves nothing to repair) runs
// the steps of canonical once, keeping the text in between in scratch
// buffers; anything else takes canonical itself.
func (c Canonicalizer) form(s string, f Form) string {
	if isCanonicalASCII(s) {
		return mapRunes(s, f)
	}
	if out, ok := c.formFast(s, f); ok {
		return out
	}
	out, _ := c.canonical(s)
	return mapRunes(out, f)
}

// formFast is form for the common case; ok is false for any other.
// It follows canonical: round 0 repairs s (RepairLegacy, until nothing is
// left to repair) and cleans the result; when that is not s, round 1
// returns it if it needs no repair. Text that is already canonical takes
// no scratch buffer.
//
// The text in between lives in scratch buffers. It is read as a string
// through conversions that never escape, which Go keeps on the stack up to
// 32 bytes (a typical name), so that the result is the one allocation;
// TestTextAllocations and TestKeyFoldAllocations fail if one escapes.
func (c Canonicalizer) formFast(s string, f Form) (out string, ok bool) {
	var sc *scratch
	defer func() { putScratch(sc) }() // after the result is made
	if needsDetect(s) {
		sc = getScratch()
		b, e := repairAppend(sc.repaired[:0], s, &sc.cand)
		sc.repaired = b
		if e != UTF8 {
			fixed := string(b)
			if needsDetect(fixed) {
				return "", false // mangled twice: canonical repairs again
			}
			w := writer{buf: sc.cleaned[:0]}
			var st textState
			clean(&w, fixed, &st, c.Style)
			sc.cleaned = w.buf
			// A repair that cleaning keeps whole was checked above.
			return finish(string(w.buf), s, f, string(w.buf) == fixed)
		}
	}
	w := writer{src: s, lazy: true, toBuf: true, sc: sc}
	var st textState
	clean(&w, s, &st, c.Style)
	if !w.dirty {
		next := s[:w.n]
		if next != s && needsDetect(next) {
			return "", false // cleaning made text that reads as mangled
		}
		return mapRunes(next, f), true
	}
	sc = w.sc
	sc.cleaned = w.buf
	return finish(string(w.buf), s, f, false)
}

// finish returns display text d, cleaned from s, in form f, for formFast;
// ok is false when d reads as mangled (checked tells that d was checked
// already). d is a copy of a scratch buffer and must not escape: the
// result is s itself or a new string.
func finish(d, s string, f Form, checked bool) (out string, ok bool) {
	if d == s {
		return mapRunes(s, f), true
	}
	if !checked && needsDetect(d) {
		return "", false // cleaning made text that reads as mangled
	}
	if f == FormText {
		return strings.Clone(d), true
	}
	return formString(d, s, f), true
}

// canonical is String that also reports whether a legacy repair was made.
func (c Canonicalizer) canonical(s string) (out string, repaired bool) {
	if isCanonicalASCII(s) {
		return s, false
	}
	out = s
	for round := 0; round < maxRepairRounds; round++ {
		// Repair until nothing is left to repair (text can be mangled
		// twice: VNI bytes, then UTF-8 read as Windows-1252).
		fixed, e := RepairLegacy(out)
		if e == UTF8 && round > 0 {
			return out, repaired // out is already clean
		}
		for k := 0; e != UTF8 && k < maxRepairRounds; k++ {
			repaired = true
			fixed, e = RepairLegacy(fixed)
		}
		w := writer{src: fixed, lazy: true}
		var st textState
		clean(&w, fixed, &st, c.Style)
		next := w.lazyString()
		if next == out {
			return out, repaired
		}
		out = next
	}
	return out, repaired
}

// Key returns the comparison key of s: c.String(s) in lower case
// (unicode.ToLower, which for Vietnamese maps each precomposed letter to
// its precomposed lower case, Đ to đ). Key(Text(s)) == Key(s). Apply Key
// to raw values: lower-casing can, rarely, turn a key into something that
// reads as legacy-encoded text, so Key(Key(s)) is not always Key(s).
// Key computes the key in the same pass as c.String, and allocates as it
// does: not at all when the key is s.
func (c Canonicalizer) Key(s string) string {
	return c.form(s, FormKey)
}

// Fold returns the ASCII folded key of s: c.String(s) in lower case with
// every combining mark removed and đ written d. Letters other than
// Vietnamese ones lose their marks when Unicode decomposes them (ü -> u);
// the others stay (ø, ß). The tone style does not change the result.
// Fold allocates as Key does: not at all when the folded key is s.
func (c Canonicalizer) Fold(s string) string {
	return c.form(s, FormFold)
}

// isASCII reports whether s has only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isCanonicalASCII reports whether s is ASCII letters and digits in words
// separated by single spaces: the common case that needs no work.
func isCanonicalASCII(s string) bool {
	if s == "" {
		return true
	}
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			prevSpace = false
		default:
			return false
		}
	}
	return !prevSpace
}

// writer collects output. In lazy mode it only compares the output with
// src until they first differ, so that unchanged input costs nothing;
// otherwise it appends to buf.
type writer struct {
	src   string
	n     int // bytes of src matched so far, lazy mode before a change
	lazy  bool
	dirty bool
	toBuf bool // lazy mode: after a change, append to buf (not sb)
	sb    strings.Builder
	buf   []byte
	sc    *scratch // toBuf: buf is sc.cleaned, taken when first needed
}

// diverge leaves the matching of a lazy writer. A toBuf writer then
// appends to the scratch buffer buf like a writer that is not lazy.
func (w *writer) diverge() {
	w.dirty = true
	if w.toBuf {
		if w.sc == nil {
			w.sc = getScratch()
		}
		w.lazy = false
		w.buf = append(w.sc.cleaned[:0], w.src[:w.n]...)
		return
	}
	w.sb.Grow(len(w.src) + 8)
	w.sb.WriteString(w.src[:w.n])
}

func (w *writer) byte(c byte) {
	switch {
	case !w.lazy:
		w.buf = append(w.buf, c)
		return
	case !w.dirty:
		if w.n < len(w.src) && w.src[w.n] == c {
			w.n++
			return
		}
		w.diverge()
		if !w.lazy {
			w.buf = append(w.buf, c)
			return
		}
	}
	w.sb.WriteByte(c)
}

func (w *writer) string(p string) {
	switch {
	case !w.lazy:
		w.buf = append(w.buf, p...)
		return
	case !w.dirty:
		if len(p) <= len(w.src)-w.n && w.src[w.n:w.n+len(p)] == p {
			w.n += len(p)
			return
		}
		w.diverge()
		if !w.lazy {
			w.buf = append(w.buf, p...)
			return
		}
	}
	w.sb.WriteString(p)
}

func (w *writer) rune(r rune) {
	if r < utf8.RuneSelf {
		w.byte(byte(r))
		return
	}
	var tmp [utf8.UTFMax]byte
	n := utf8.EncodeRune(tmp[:], r)
	switch {
	case !w.lazy:
		w.buf = append(w.buf, tmp[:n]...)
		return
	case !w.dirty:
		if n <= len(w.src)-w.n && w.src[w.n:w.n+n] == string(tmp[:n]) {
			w.n += n
			return
		}
		w.diverge()
		if !w.lazy {
			w.buf = append(w.buf, tmp[:n]...)
			return
		}
	}
	w.sb.Write(tmp[:n])
}

// lazyString returns the output of a lazy writer: a prefix of src when
// nothing differed.
func (w *writer) lazyString() string {
	if !w.dirty {
		return w.src[:w.n]
	}
	return w.sb.String()
}

// textState is what the cleaner remembers between words: whether a word
// was written, and the separator and punctuation waiting for the next one.
type textState struct {
	started    bool // a word has been written
	space      bool // a separator is pending
	punct      byte // pending punctuation: - ' . , / or 0
	punctSpace bool // a separator came before the pending -
}

// flush writes the pending separator and punctuation before a word.
func (st *textState) flush(w *writer) {
	switch st.punct {
	case 0:
		if st.space {
			w.byte(' ')
		}
	case '-':
		if st.punctSpace {
			w.byte(' ')
		}
		w.byte('-')
		if st.space {
			w.byte(' ')
		}
	case '.', ',', '\'':
		w.byte(st.punct)
		if st.space {
			w.byte(' ')
		}
	default: // / joins two words only when nothing is between them
		if st.space {
			w.byte(' ')
		} else {
			w.byte(st.punct)
		}
	}
	st.punct, st.space, st.punctSpace = 0, false, false
}

// separator records a run of separators.
func (st *textState) separator() {
	if st.started {
		st.space = true
	}
}

// punctuation records one of - ' . , / (already mapped to ASCII).
func (st *textState) punctuation(c byte) {
	if st.started && st.punct == 0 && (c == '-' || !st.space) {
		st.punct, st.punctSpace, st.space = c, st.space, false
		return
	}
	st.separator()
}

// punctOf maps the punctuation that the cleaner keeps, and its variants,
// to ASCII; it returns 0 for anything else.
func punctOf(r rune) byte {
	switch r {
	case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212', '\uFE63', '\uFF0D':
		return '-'
	case '\'', '\u2019', '\u2018', '\u02BC', '`', '\u00B4', '\u2032':
		return '\''
	case '.', ',', '/':
		return byte(r)
	}
	return 0
}

// isDeletable reports the invisible format characters that are removed
// without separating words.
func isDeletable(r rune) bool {
	return r >= 0x80 && unicode.Is(unicode.Cf, r)
}

// clean runs steps 2-6 of Canonicalizer.String over s, writing to w. st
// carries the pending separator between calls; what is pending at the
// end of the text is never written.
func clean(w *writer, s string, st *textState, style ToneStyle) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
				i = word(w, s, i, st, style)
			default:
				if p := punctOf(rune(c)); p != 0 {
					st.punctuation(p)
				} else {
					st.separator()
				}
				i++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			st.separator()
		case isLetterOrDigit(r):
			i = word(w, s, i, st, style)
			continue
		case unicode.IsMark(r) || isDeletable(r):
			// a mark with no letter before it, or an invisible character
		default:
			if p := punctOf(r); p != 0 {
				st.punctuation(p)
			} else {
				st.separator()
			}
		}
		i += size
	}
}

// isLetterOrDigit reports the runes that start a word.
func isLetterOrDigit(r rune) bool {
	if _, ok := letterOf(r); ok {
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// word writes the word that starts at s[i] (a letter or digit) and returns
// the index after it. A word of at most maxSyllable Vietnamese letters
// (with their combining marks) gets its tone mark placed; any other word
// is written in NFC.
func word(w *writer, s string, i int, st *textState, style ToneStyle) int {
	var buf [maxSyllable]letter
	ls := buf[:0]
	viet, ascii := true, true
	// composed: every letter is one precomposed rune of s that letterOf
	// writes back as itself (no combining mark, eth or deletable).
	composed := true
	j := i
scan:
	for j < len(s) {
		c := s[j]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z':
				ls, viet = addLetter(ls, viet, letter{base: c})
			case 'A' <= c && c <= 'Z':
				ls, viet = addLetter(ls, viet, letter{base: c + 'a' - 'A', upper: true})
			case '0' <= c && c <= '9':
				viet = false
			default:
				break scan
			}
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		if l, ok := letterOf(r); ok {
			ls, viet = addLetter(ls, viet, l)
			composed = composed && r != 'Ð' && r != 'ð'
		} else if tone, mod := markOf(r); tone != toneNone || mod != modNone {
			viet = viet && len(ls) > 0 && ls[len(ls)-1].absorb(tone, mod)
			composed = false
		} else if isDeletable(r) {
			composed = false // skipped
		} else if r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) {
			viet = false
		} else {
			break
		}
		ascii = false
		j += size
	}
	st.flush(w)
	st.started = true
	switch {
	case ascii:
		w.string(s[i:j])
	case viet && len(ls) > 0:
		if !placeTone(ls, style) && composed {
			w.string(s[i:j])
			break
		}
		for _, l := range ls {
			if l.mod == modNone && l.tone == toneNone {
				w.byte(byte(l.rune()))
			} else {
				w.rune(l.rune())
			}
		}
	default:
		genericWord(w, s[i:j])
	}
	return j
}

// plainNFC reports whether every rune of s is one that NFC leaves alone
// whatever surrounds it: ASCII, a precomposed Vietnamese letter, or a
// starter with no decomposition that combines with nothing before it.
// Such text is in NFC.
func plainNFC(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if _, ok := letterOf(r); ok {
			i += size
			continue
		}
		var tmp [utf8.UTFMax]byte
		n := copy(tmp[:], s[i:i+size])
		if p := norm.NFC.Properties(tmp[:n]); !p.BoundaryBefore() || len(p.Decomposition()) > 0 {
			return false
		}
		i += size
	}
	return true
}

// addLetter appends l to ls while the word may still be a syllable.
func addLetter(ls []letter, viet bool, l letter) ([]letter, bool) {
	if !viet || len(ls) == cap(ls) {
		return ls, false
	}
	return append(ls, l), true
}

// genericWord writes a word that is not a Vietnamese syllable in NFC,
// without its invisible characters.
func genericWord(w *writer, wd string) {
	del := false
	for _, r := range wd {
		if isDeletable(r) {
			del = true
			break
		}
	}
	if del {
		var b strings.Builder
		for _, r := range wd {
			if !isDeletable(r) {
				b.WriteRune(r)
			}
		}
		wd = b.String()
	}
	if !plainNFC(wd) {
		// The copy keeps wd, which may be temporary text (see formFast),
		// from escaping into the normalizer.
		wd = norm.NFC.String(strings.Clone(wd))
	}
	if !strings.ContainsAny(wd, "Ðð") {
		w.string(wd)
		return
	}
	// The eth letters are common stand-ins for Đ and đ: write those.
	for _, r := range wd {
		switch r {
		case 'Ð':
			r = 'Đ'
		case 'ð':
			r = 'đ'
		}
		w.rune(r)
	}
}

// Form selects one of the three forms of canonical text.
type Form uint8

const (
	// FormText is the display form, as [Text] returns it.
	FormText Form = iota
	// FormKey is the comparison key, as [Key] returns it.
	FormKey
	// FormFold is the ASCII folded key, as [Fold] returns it.
	FormFold
)

// mapRunes converts canonical display text s to form f. It returns s
// itself when nothing changes.
func mapRunes(s string, f Form) string {
	if f == FormText {
		return s
	}
	return formString(s, s, f)
}

// formString returns display text d in form f: s, or a prefix of s, when
// that is the result, else a new string. d may be a temporary copy of a
// scratch buffer (see formFast); the result never is.
func formString(d, s string, f Form) string {
	var arr [128]byte // the result, on the stack while it fits
	b := arr[:0]
	for i := 0; i < len(d); {
		c := d[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(d[i:])
		b = appendFormRune(b, r, f)
		i += size
	}
	if len(b) <= len(s) && string(b) == s[:len(b)] {
		return s[:len(b)]
	}
	return string(b)
}

// formRune writes display-form rune r in form f.
func formRune(w *writer, r rune, f Form) {
	var tmp [utf8.UTFMax]byte
	for _, c := range appendFormRune(tmp[:0], r, f) {
		w.byte(c)
	}
}

// appendFormRune appends display-form rune r in form f to b.
func appendFormRune(b []byte, r rune, f Form) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(b, byte(r))
	}
	if f == FormKey {
		// unicode.ToLower, read from the letter tables for Vietnamese
		// letters (TestKeyLowerCase checks every rune).
		if l, ok := letterOf(r); ok && r != 'Ð' && r != 'ð' {
			if l.upper {
				l.upper = false
				r = l.rune()
			}
			return utf8.AppendRune(b, r)
		}
		return utf8.AppendRune(b, unicode.ToLower(r))
	}
	// The eth letters, which foldRune leaves alone, never reach here: the
	// display form writes them as Đ and đ.
	if c, ok := foldRune(r); ok {
		return append(b, c)
	}
	if unicode.Is(unicode.Mn, r) {
		return b
	}
	var tmp [utf8.UTFMax]byte
	n := utf8.EncodeRune(tmp[:], r)
	if d := norm.NFD.Properties(tmp[:n]).Decomposition(); len(d) > 0 {
		base, _ := utf8.DecodeRune(d)
		if base < utf8.RuneSelf || !unicode.Is(unicode.Mn, base) {
			return appendFormRune(b, base, f)
		}
	}
	return utf8.AppendRune(b, unicode.ToLower(r))
}
