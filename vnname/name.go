package vnname

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vnlink/vnlink/normalize"
)

// Limits on what Parse accepts as one person's name.
const (
	// MaxWords is the largest number of words in a name.
	MaxWords = 16
	// MaxBytes is the largest length in bytes of a name after
	// canonicalisation.
	MaxBytes = 256
)

// Name is a parsed and prepared Vietnamese personal name: a family name,
// zero or more middle words and a given name, each held in all the forms
// that comparison needs, so that comparing two names never re-parses them.
//
// The zero Name is the missing name: every form is empty and [Compare]
// reports [AgreeMissing] for it. A Name is immutable and safe for
// concurrent use.
type Name struct {
	// all holds the five forms of the whole name one after the other, in
	// the order of formKey to formLoose: the comparison key, the display
	// form, the folded key and the two phonetic keys, each with single
	// spaces between words ("nguyễn thị thuýNguyễn Thị Thuý..."). The
	// per-word forms line up: word i of one form is word i of every other.
	// Every form of every part (family, middle and given name) is a
	// substring of the form of the whole name, so a part is held as
	// offsets into all.
	all string
	// span[p][f] holds the start and the end in all of form f of part p
	// (an empty part starts and ends at one offset).
	span [numParts][numForms][2]uint16
	// marked has bit i set when word i carries marks (key != fold).
	marked uint32
	// partFirst[p] is the first word of part p and partWords[p] its
	// number of words.
	partFirst, partWords [numParts]uint8
	familyGroup          uint8 // variant group of the family name, 0 if none
	sex                  normalize.Sex
}

// part names a run of the words of a name.
type part uint8

// The parts of a name.
const (
	partFull part = iota
	partFamily
	partMiddle
	partGiven
	numParts
)

// forms is a run of the words of a name (the whole name or one of its
// parts) in every form: a view of the Name that reads each form on demand
// and does not copy it.
type forms struct {
	n *Name
	p part
}

// run returns the forms of part p of n.
func (n *Name) run(p part) forms { return forms{n, p} }

// form returns form f (formKey to formLoose) of the run.
func (r forms) form(f int) string {
	sp := &r.n.span[r.p&3][f]
	return r.n.all[sp[0]:sp[1]]
}

// display returns the display form: proper case, "Nguyễn Thị Thuý".
func (r forms) display() string { return r.form(formDisplay) }

// key returns the comparison key: lower case, "nguyễn thị thuý".
func (r forms) key() string { return r.form(formKey) }

// fold returns the folded key: ASCII, "nguyen thi thuy".
func (r forms) fold() string { return r.form(formFold) }

// strict returns the phonetic key of the key: "nguyeen3 thi4 thuy1".
func (r forms) strict() string { return r.form(formStrict) }

// loose returns the phonetic key of the folded key: "nguyen thi thuy".
func (r forms) loose() string { return r.form(formLoose) }

// words returns the number of words of the run.
func (r forms) words() int { return int(r.n.partWords[r.p&3]) }

// marked returns the marks of the run: bit i is set when its word i
// carries marks.
func (r forms) marked() uint32 {
	return r.n.marked >> r.n.partFirst[r.p&3] & (1<<r.n.partWords[r.p&3] - 1)
}

// Parse parses a full name written family name first, from any messy input
// that normalize.Text accepts: legacy encodings, missing diacritics, upper
// case, decomposed (NFD) text, extra spaces. Commas, full stops and
// underscores separate words like spaces do. An apostrophe or hyphen inside
// a word is kept (H'Hen).
//
// The family name is the first word, or the first two to four words when
// they form a known compound family name (Tôn Thất, Công Tằng Tôn Nữ,
// Âu Dương, ...) and at least one word follows. The given name is the last
// word and the words in between are the middle name, which may hold a
// mother's family name (Nguyễn Lê Minh Anh: middle Lê Minh). A one-word
// name is a given name alone; a two-word name has no middle name.
//
// Parse never reorders words: a name written given name first is parsed as
// written, and [Name.OrderVariant] offers the reordered reading when the
// evidence is strong.
//
// The error, when not nil, is a *normalize.ParseError wrapping
// normalize.ErrEmpty (nothing but spaces and separators),
// normalize.ErrSyntax (digits, as when a phone number sits in the name
// column, an @ as in an e-mail address, or a character that is not a
// letter and that normalize.Text does not drop) or normalize.ErrRange
// (more than MaxWords words or MaxBytes bytes). It never quotes the input.
func Parse(full string) (Name, error) {
	if strings.IndexByte(full, '@') >= 0 {
		return Name{}, parseError(normalize.ErrSyntax, "name looks like an e-mail address")
	}
	// Separators become spaces before normalize.Text sees the text, so that
	// it judges the same words as when the display form is parsed again.
	text := normalize.Text(spaceSeparators(full))
	var buf [MaxWords]string
	words := buf[:0]
	rest := text
	for rest != "" {
		i := indexSeparator(rest)
		var w string
		if i < 0 {
			w, rest = rest, ""
		} else {
			_, n := utf8.DecodeRuneInString(rest[i:])
			w, rest = rest[:i], rest[i+n:]
		}
		if w == "" {
			continue
		}
		if err := checkWord(w); err != nil {
			return Name{}, err
		}
		if len(words) == MaxWords {
			return Name{}, parseError(normalize.ErrRange, "more than 16 words")
		}
		words = append(words, w)
	}
	if len(words) == 0 {
		return Name{}, parseError(normalize.ErrEmpty, "no name")
	}
	if len(text) > MaxBytes {
		return Name{}, parseError(normalize.ErrRange, "name longer than 256 bytes")
	}
	return build(words), nil
}

// spaceSeparators returns s with every separator written as a space, as
// strings.Map does, without calling a mapping function for each rune when
// s has no separator but spaces (and no invalid UTF-8, which strings.Map
// rewrites).
func spaceSeparators(s string) string {
	for _, r := range s {
		// strings.Map also writes every invalid byte as U+FFFD.
		if r == utf8.RuneError || r != ' ' && isSeparator(r) {
			return strings.Map(func(r rune) rune {
				if isSeparator(r) {
					return ' '
				}
				return r
			}, s)
		}
	}
	return s
}

// indexSeparator returns the index of the first separator in s, or -1.
func indexSeparator(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if isSeparator(rune(c)) {
				return i
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isSeparator(r) {
			return i
		}
		i += n - 1
	}
	return -1
}

// parseError returns the error of Parse.
func parseError(sentinel error, reason string) error {
	return &normalize.ParseError{Func: "vnname.Parse", Reason: reason, Err: sentinel}
}

// isSeparator reports whether r separates the words of a name.
func isSeparator(r rune) bool {
	if r < utf8.RuneSelf {
		// The ASCII spaces of unicode.IsSpace: '\t' to '\r' and ' '.
		return r == ' ' || '\t' <= r && r <= '\r' || r == ',' || r == '.' || r == '_'
	}
	if r < '\u1680' {
		// The non-ASCII spaces of unicode.IsSpace below U+1680 (the
		// Vietnamese letters lie there).
		return r == '\u0085' || r == '\u00a0'
	}
	return unicode.IsSpace(r)
}

// isLetter reports whether r is a letter, looking lower-case Vietnamese
// letters up first.
func isLetter(r rune) bool {
	if _, ok := lookupLetter(r); ok {
		return true
	}
	return unicode.IsLetter(r)
}

// isJoiner reports whether r may join two parts of one word (H'Hen).
func isJoiner(r rune) bool {
	return r == '\'' || r == '-' || r == '\u2019' || r == '\u02bc'
}

// checkWord reports an error when w is not a word of a name: letters and
// combining marks, with apostrophes and hyphens only between letters.
func checkWord(w string) error {
	prevJoiner := true // a word may not start with a joiner
	for _, r := range w {
		switch {
		case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
			prevJoiner = false
		case r >= utf8.RuneSelf && (isLetter(r) || unicode.Is(unicode.Mn, r)):
			prevJoiner = false
		case unicode.IsDigit(r):
			return parseError(normalize.ErrSyntax, "name contains digits")
		case isJoiner(r):
			if prevJoiner {
				return parseError(normalize.ErrSyntax, "misplaced apostrophe or hyphen")
			}
			prevJoiner = true
		case r == utf8.RuneError:
			return parseError(normalize.ErrSyntax, "invalid UTF-8")
		default:
			return parseError(normalize.ErrSyntax, "name contains a character that is not a letter")
		}
	}
	if prevJoiner {
		return parseError(normalize.ErrSyntax, "misplaced apostrophe or hyphen")
	}
	return nil
}

// word is one word of a name in every form.
type word struct {
	display, key, fold, strict, loose string
}

// newWord prepares one word of the package's tables on its own, after
// canonicalising it with normalize.Text so that the tables follow its tone
// placement; Parse uses build, which prepares the words of a name in one
// buffer.
func newWord(w string) word {
	key := string(appendKey(nil, normalize.Text(w)))
	fold := string(appendFold(nil, []byte(key)))
	return word{
		display: string(appendDisplay(nil, []byte(key))),
		key:     key,
		fold:    fold,
		strict:  string(phoneticWord(nil, []byte(key))),
		loose:   string(phoneticWord(nil, []byte(fold))),
	}
}

// appendKey appends the comparison key of a canonical word: lower case,
// every apostrophe written '.
func appendKey(dst []byte, w string) []byte {
	for _, r := range w {
		if r < utf8.RuneSelf {
			c := byte(r)
			switch {
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == '-':
				c = '\''
			}
			dst = append(dst, c)
			continue
		}
		if _, ok := lookupLetter(r); ok {
			// Already a lower-case Vietnamese letter.
			dst = utf8.AppendRune(dst, r)
			continue
		}
		if isJoiner(r) {
			r = '\''
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// appendDisplay appends the display form of a word's key: the first letter
// and the first letter after each apostrophe or hyphen upper-cased, where
// the upper-case letter lower-cases back to it (not ı), so that the display
// form parses to the same key.
func appendDisplay(dst, key []byte) []byte {
	upper := true
	for _, r := range string(key) {
		if upper && 'a' <= r && r <= 'z' {
			r += 'A' - 'a'
		} else if upper && r >= utf8.RuneSelf {
			r = displayUpper(r)
		}
		upper = isJoiner(r)
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// displayUpper returns the upper case of r where it lower-cases back to r,
// otherwise r.
func displayUpper(r rune) rune {
	if l, ok := lookupLetter(r); ok {
		return l.upper
	}
	if u := unicode.ToUpper(r); unicode.ToLower(u) == r {
		return u
	}
	return r
}

// appendFold appends the folded key of a word's key: every Vietnamese
// letter written as its ASCII base letter (đ as d). A word with another
// non-ASCII letter is folded by normalize.Fold.
func appendFold(dst, key []byte) []byte {
	start := len(dst)
	for _, r := range string(key) {
		if r < utf8.RuneSelf {
			dst = append(dst, byte(r))
			continue
		}
		l, ok := lookupLetter(r)
		if !ok {
			return appendOtherFold(dst[:start], key)
		}
		dst = append(dst, l.base[0])
	}
	return dst
}

// appendOtherFold folds a word holding letters that are not Vietnamese
// with normalize.Fold, keeping it one non-empty word.
func appendOtherFold(dst, key []byte) []byte {
	start := len(dst)
	for _, r := range strings.ToLower(normalize.Fold(string(key))) {
		if !unicode.IsSpace(r) {
			dst = utf8.AppendRune(dst, r)
		}
	}
	if len(dst) == start {
		dst = append(dst, key...)
	}
	return dst
}

// appendBytes appends src to dst.
func appendBytes(dst, src []byte) []byte { return append(dst, src...) }

// The forms of a word, in the order build writes them.
const (
	formKey = iota
	formDisplay
	formFold
	formStrict
	formLoose
	numForms
)

// build prepares a Name from its canonical words (normalize.Text output,
// checked by checkWord), in written order. All the forms live in one
// string; the words and parts are substrings of it.
func build(texts []string) Name {
	size := 0
	for _, t := range texts {
		size += len(t) + 1
	}
	// The forms are written into a buffer on the stack, which append
	// moves to the heap only for an unusually long name, and copied once
	// into the string that holds them.
	var stack [512]byte
	buf := stack[:0]
	if need := numForms*size + 2*size; need > len(stack) {
		buf = make([]byte, 0, need)
	}
	var span [numForms][MaxWords][2]int
	add := func(f, i int, appendForm func(dst, src []byte) []byte, src []byte) {
		if i > 0 {
			buf = append(buf, ' ')
		}
		span[f][i][0] = len(buf)
		buf = appendForm(buf, src)
		span[f][i][1] = len(buf)
	}
	from := func(f, i int) []byte { return buf[span[f][i][0]:span[f][i][1]] }
	for i, t := range texts {
		if i > 0 {
			buf = append(buf, ' ')
		}
		span[formKey][i][0] = len(buf)
		buf = appendKey(buf, t)
		span[formKey][i][1] = len(buf)
	}
	for i := range texts {
		add(formDisplay, i, appendDisplay, from(formKey, i))
	}
	for i := range texts {
		add(formFold, i, appendFold, from(formKey, i))
	}
	for i := range texts {
		add(formStrict, i, phoneticWord, from(formKey, i))
	}
	for i := range texts {
		if string(from(formKey, i)) == string(from(formFold, i)) {
			// A word without marks has the same key both ways.
			add(formLoose, i, appendBytes, from(formStrict, i))
			continue
		}
		add(formLoose, i, phoneticWord, from(formFold, i))
	}
	nw := len(texts)
	all := string(buf)
	var wbuf [MaxWords]word
	ws := wbuf[:nw]
	for i := range ws {
		// Only the keys and folded keys are read below.
		ws[i].key = all[span[formKey][i][0]:span[formKey][i][1]]
		ws[i].fold = all[span[formFold][i][0]:span[formFold][i][1]]
	}
	nf := familyWords(ws)
	if nw == 1 {
		nf = 0
	}
	// Every form is at most a few times MaxBytes long, so the offsets fit
	// in 16 bits.
	n := Name{all: all}
	set := func(p part, i, j int) { // words i to j-1
		for f := range numForms {
			if i == j {
				at := uint16(span[f][min(i, nw-1)][0])
				n.span[p][f] = [2]uint16{at, at}
				continue
			}
			n.span[p][f] = [2]uint16{uint16(span[f][i][0]), uint16(span[f][j-1][1])}
		}
	}
	set(partFull, 0, nw)
	set(partFamily, 0, nf)
	set(partMiddle, nf, nw-1)
	set(partGiven, nw-1, nw)
	n.partFirst = [numParts]uint8{0, 0, uint8(nf), uint8(nw - 1)}
	n.partWords = [numParts]uint8{uint8(nw), uint8(nf), uint8(nw - 1 - nf), 1}
	for i := range ws {
		if ws[i].key != ws[i].fold {
			n.marked |= 1 << i
		}
	}
	n.familyGroup = variantGroup(n.run(partFamily))
	n.sex = sexHint(ws[nf:nw-1], n.run(partFamily).key())
	return n
}

// splitWords splits a Name back into prepared words.
func (n *Name) splitWords() []word {
	ws := make([]word, 0, n.partWords[partFull])
	full := n.run(partFull)
	display, key, fold, strict, loose := full.display(), full.key(), full.fold(), full.strict(), full.loose()
	for range n.partWords[partFull] {
		var w word
		w.display, display = nextWord(display)
		w.key, key = nextWord(key)
		w.fold, fold = nextWord(fold)
		w.strict, strict = nextWord(strict)
		w.loose, loose = nextWord(loose)
		ws = append(ws, w)
	}
	return ws
}

// nextWord splits s at its first space.
func nextWord(s string) (word, rest string) {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

// IsZero reports whether n is the zero (missing) name.
func (n Name) IsZero() bool { return n.partWords[partFull] == 0 }

// String returns the display form written back to records: canonical text
// in proper case, single spaces, e.g. "Nguyễn Thị Thuý".
func (n Name) String() string { return n.run(partFull).display() }

// Key returns the comparison key: the display form lower-cased,
// e.g. "nguyễn thị thuý".
func (n Name) Key() string { return n.run(partFull).key() }

// Fold returns the folded key: lower-case ASCII with every mark removed and
// đ written as d, e.g. "nguyen thi thuy". It is a match feature, never
// written back to records.
func (n Name) Fold() string { return n.run(partFull).fold() }

// Family returns the family name in display form, "" for a one-word name.
func (n Name) Family() string { return n.run(partFamily).display() }

// Middle returns the middle words in display form, "" when there are none.
func (n Name) Middle() string { return n.run(partMiddle).display() }

// Given returns the given name in display form.
func (n Name) Given() string { return n.run(partGiven).display() }

// FamilyKey returns the comparison key of the family name.
func (n Name) FamilyKey() string { return n.run(partFamily).key() }

// MiddleKey returns the comparison key of the middle words.
func (n Name) MiddleKey() string { return n.run(partMiddle).key() }

// GivenKey returns the comparison key of the given name.
func (n Name) GivenKey() string { return n.run(partGiven).key() }

// FamilyFold returns the folded key of the family name: with GivenFold and
// GivenFoldedPhonetic it makes blocking keys that survive missing
// diacritics. Like every accessor it returns a substring of the prepared
// forms and does not allocate.
func (n Name) FamilyFold() string { return n.run(partFamily).fold() }

// GivenFold returns the folded key of the given name.
func (n Name) GivenFold() string { return n.run(partGiven).fold() }

// GivenFoldedPhonetic returns the loose phonetic key of the given name
// (see [Name.FoldedPhonetic]).
func (n Name) GivenFoldedPhonetic() string { return n.run(partGiven).loose() }

// Words returns the number of words in the name.
func (n Name) Words() int { return int(n.partWords[partFull]) }

// Marked reports whether the name carries any diacritic (Key differs from
// Fold). A name without marks may have been typed without diacritics, or
// may be a name whose words need none (Chu Minh Anh).
func (n Name) Marked() bool { return n.marked != 0 }

// Phonetic returns the strict phonetic key of the name: one key per word,
// separated by spaces, computed from the comparison key. It keeps vowel
// quality and tone, so Lan and Lành, Hùng and Hưng get different keys,
// while the confusions of typists and regional speech (see the package
// documentation) get the same key.
func (n Name) Phonetic() string { return n.run(partFull).strict() }

// FoldedPhonetic returns the loose phonetic key of the name: the same rules
// as [Name.Phonetic] applied to the folded key, so a name typed without
// diacritics gets the same loose key as the marked name (Hung, Hùng and
// Hưng all give "hun"). Compare it when either side has no marks.
func (n Name) FoldedPhonetic() string { return n.run(partFull).loose() }
