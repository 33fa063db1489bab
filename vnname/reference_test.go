package vnname

// The implementation of Name before it held its parts as offsets, kept
// while the compact Name is verified against it.

import (
	"strings"
	"unicode/utf8"

	"github.com/vnlink/vnlink/normalize"
)

type refForms struct {
	display string
	key     string
	fold    string
	strict  string
	loose   string
	marked  uint32
	words   uint8
}

type refName struct {
	full, family, middle, given refForms
	familyGroup                 uint8
	sex                         normalize.Sex
}

func refVariantGroup(f *refForms) uint8 {
	if f.words == 0 {
		return 0
	}
	if g := variantByKey[f.key]; g != 0 {
		return g
	}
	if f.marked == 0 {
		return variantByFold[f.fold]
	}
	return 0
}

func refParse(full string) (refName, error) {
	if strings.IndexByte(full, '@') >= 0 {
		return refName{}, parseError(normalize.ErrSyntax, "name looks like an e-mail address")
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
			return refName{}, err
		}
		if len(words) == MaxWords {
			return refName{}, parseError(normalize.ErrRange, "more than 16 words")
		}
		words = append(words, w)
	}
	if len(words) == 0 {
		return refName{}, parseError(normalize.ErrEmpty, "no name")
	}
	if len(text) > MaxBytes {
		return refName{}, parseError(normalize.ErrRange, "name longer than 256 bytes")
	}
	return refBuild(words), nil
}

func refBuild(texts []string) refName {
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
	all := string(buf)
	var wbuf [MaxWords]word
	ws := wbuf[:len(texts)]
	for i := range ws {
		// Only the keys and folded keys are read below.
		ws[i].key = all[span[formKey][i][0]:span[formKey][i][1]]
		ws[i].fold = all[span[formFold][i][0]:span[formFold][i][1]]
	}
	run := func(i, j int) refForms {
		if i == j {
			return refForms{}
		}
		get := func(f int) string { return all[span[f][i][0]:span[f][j-1][1]] }
		fm := refForms{
			display: get(formDisplay), key: get(formKey), fold: get(formFold),
			strict: get(formStrict), loose: get(formLoose), words: uint8(j - i),
		}
		for k := i; k < j; k++ {
			if ws[k].key != ws[k].fold {
				fm.marked |= 1 << (k - i)
			}
		}
		return fm
	}
	nw := len(ws)
	nf := familyWords(ws)
	if nw == 1 {
		nf = 0
	}
	var n refName
	n.full = run(0, nw)
	n.family = run(0, nf)
	n.middle = run(nf, nw-1)
	n.given = run(nw-1, nw)
	n.familyGroup = refVariantGroup(&n.family)
	n.sex = sexHint(ws[nf:nw-1], n.family.key)
	return n
}

func refCompare(a, b *refName) Agreement {
	if a.full.words == 0 || b.full.words == 0 {
		return AgreeMissing
	}
	// Without the Jaro–Winkler step the whole names agree at a level up to
	// AgreePhonetic, at AgreeMarksDiffer or at AgreeDifferent; the part
	// levels below only matter up to AgreeVariant, so they skip it too.
	whole := refCompareForms(&a.full, &b.full, false)
	if whole <= AgreePhonetic {
		return whole
	}
	family := refCompareFamily(a, b, false)
	given := refCompareForms(&a.given, &b.given, false)
	if agrees(family, AgreeVariant) && agrees(given, AgreePhonetic) {
		// The family and given names agree, so the middle words tell.
		middle := refCompareForms(&a.middle, &b.middle, false)
		bothEmpty := a.middle.words == 0 && b.middle.words == 0
		if family == AgreeVariant && (bothEmpty || agrees(middle, AgreePhonetic)) {
			return AgreeVariant
		}
		return AgreeMiddleDiffers
	}
	if agrees(refCompareForms(&a.family, &b.given, false), AgreePhonetic) &&
		agrees(refCompareForms(&a.given, &b.family, false), AgreePhonetic) {
		return AgreeSwapped
	}
	if whole == AgreeDifferent && refGivenClose(a, b) &&
		(similar(a.full.fold, b.full.fold) || typo(a.full.fold, b.full.fold)) {
		return AgreeSimilar
	}
	return whole // AgreeMarksDiffer or AgreeDifferent
}

func refGivenClose(a, b *refName) bool {
	x, y := &a.given, &b.given
	return typo(x.fold, y.fold) || (x.words == y.words && refSamePhonetic0(x, y))
}

func refCompareParts(a, b *refName) Parts {
	return Parts{
		Family: refCompareFamily(a, b, true),
		Middle: refCompareForms(&a.middle, &b.middle, true),
		Given:  refCompareForms(&a.given, &b.given, true),
	}
}

func refCompareFamily(a, b *refName, jw bool) Agreement {
	lvl := refCompareForms(&a.family, &b.family, jw)
	if lvl > AgreePhonetic && a.familyGroup != 0 && a.familyGroup == b.familyGroup {
		return AgreeVariant
	}
	return lvl
}

func refCompareForms(a, b *refForms, jw bool) Agreement {
	switch {
	case a.words == 0 || b.words == 0:
		return AgreeMissing
	case a.key == b.key:
		return AgreeExact
	}
	if a.words == b.words {
		if a.fold == b.fold && !refMarksConflict(a, b) {
			return AgreeMissingMarks
		}
		if refSamePhonetic0(a, b) {
			return AgreePhonetic
		}
		if a.fold == b.fold {
			return AgreeMarksDiffer
		}
	}
	if jw && similar(a.fold, b.fold) {
		return AgreeSimilar
	}
	return AgreeDifferent
}

func refMarksConflict(a, b *refForms) bool {
	both := a.marked & b.marked
	if both == 0 {
		return false
	}
	ka, kb := a.key, b.key
	for i := range a.words {
		var wa, wb string
		wa, ka = nextWord(ka)
		wb, kb = nextWord(kb)
		if both&(1<<i) != 0 && wa != wb {
			return true
		}
	}
	return false
}

func refSamePhonetic0(a, b *refForms) bool {
	both := a.marked & b.marked
	switch both {
	case 0: // no word is marked on both sides
		return a.loose == b.loose
	case a.marked | b.marked: // the unmarked words have strict == loose
		return a.strict == b.strict
	}
	sa, sb, la, lb := a.strict, b.strict, a.loose, b.loose
	for i := range a.words {
		var ws1, ws2, wl1, wl2 string
		ws1, sa = nextWord(sa)
		ws2, sb = nextWord(sb)
		wl1, la = nextWord(la)
		wl2, lb = nextWord(lb)
		if both&(1<<i) != 0 {
			if ws1 != ws2 {
				return false
			}
		} else if wl1 != wl2 {
			return false
		}
	}
	return true
}

func refSamePhonetic(a, b *refName) bool {
	return a.full.words == b.full.words && refSamePhonetic0(&a.full, &b.full)
}
