package normalize

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/transform"
)

// Transformer is a [transform.Transformer] that writes canonical text in
// one [Form]: steps 2-6 of [Canonicalizer.String] (NFC, tone marks,
// invisible characters, white space and punctuation), and then the lower
// casing of [Key] or the folding of [Fold]. It can be chained with other
// transformers (transform.Chain) and used on readers and writers
// (transform.NewReader).
//
// It does not repair legacy encodings: that repair weighs the evidence of
// a whole string and cannot stream. Run [RepairLegacy] (or use Text, Key,
// Fold) on data that may hold TCVN3, VNI or mojibake. On any other input,
// transform.String(t, s) equals the matching string function.
//
// Line breaks are white space like any other: transform each value (a
// line, a field) on its own when they matter. The streaming unit is the
// white-space separated token: a single token
// longer than 512 bytes is cut, which may change how its parts are
// treated. A Transformer holds state between calls and is not safe for
// concurrent use; create one per goroutine, and Reset it before reuse.
type Transformer struct {
	form  Form
	style ToneStyle
	st    textState
	text  []byte // scratch: display-form output of one call
	out   []byte // output of one call in the transformer's form
	pend  []byte // output not yet copied to dst
}

// Transformer returns a new Transformer that writes form f in the tone
// style of c.
func (c Canonicalizer) Transformer(f Form) *Transformer {
	return &Transformer{form: f, style: c.Style}
}

// NewTextTransformer returns a Transformer to the display form of [Text]
// (without its legacy repair).
func NewTextTransformer() *Transformer { return Canonicalizer{}.Transformer(FormText) }

// NewKeyTransformer returns a Transformer to the comparison key of [Key]
// (without its legacy repair).
func NewKeyTransformer() *Transformer { return Canonicalizer{}.Transformer(FormKey) }

// NewFoldTransformer returns a Transformer to the folded key of [Fold]
// (without its legacy repair).
func NewFoldTransformer() *Transformer { return Canonicalizer{}.Transformer(FormFold) }

// Reset forgets the state of the text seen so far.
func (t *Transformer) Reset() {
	t.st = textState{}
	t.pend = t.pend[:0]
}

// maxStreamToken is the longest token a Transformer waits for.
const maxStreamToken = 512

// Transform implements [transform.Transformer].
func (t *Transformer) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	if len(t.pend) > 0 {
		n := copy(dst, t.pend)
		t.pend = t.pend[n:]
		if len(t.pend) > 0 {
			return n, 0, transform.ErrShortDst
		}
		nDst = n
	}
	cut := len(src)
	if !atEOF {
		cut = streamCut(src)
		if cut == 0 {
			return nDst, 0, transform.ErrShortSrc
		}
	}
	w := writer{buf: t.text[:0]}
	clean(&w, string(src[:cut]), &t.st, t.style)
	t.text = w.buf
	out := t.text
	if t.form != FormText {
		fw := writer{buf: t.out[:0]}
		for i := 0; i < len(t.text); {
			r, size := utf8.DecodeRune(t.text[i:])
			formRune(&fw, r, t.form)
			i += size
		}
		t.out = fw.buf
		out = t.out
	}
	if atEOF {
		t.st = textState{}
	}
	n := copy(dst[nDst:], out)
	nDst += n
	if n < len(out) {
		t.pend = append(t.pend[:0], out[n:]...)
		return nDst, cut, transform.ErrShortDst
	}
	return nDst, cut, nil
}

// streamCut returns how much of src can be cleaned now: up to the last
// ASCII white space, or, for a token longer than maxStreamToken, up to a
// rune that starts a letter. It returns 0 when more input is needed.
func streamCut(src []byte) int {
	for i := len(src) - 1; i >= 0; i-- {
		if isTokenSpace(src[i]) {
			return i + 1
		}
	}
	if len(src) < maxStreamToken {
		return 0
	}
	for i := len(src) - 1; i > 0; i-- {
		if !utf8.RuneStart(src[i]) {
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if size > 0 && r != utf8.RuneError && !unicode.IsMark(r) && !isDeletable(r) {
			return i
		}
	}
	return len(src)
}
