package normalize

import (
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// This file holds the one table that folds a precomposed Latin letter to
// its ASCII base letter. The folded form of the text canonicaliser
// ([Fold]), the date parser and the address keys all fold letters with it,
// each with its own rules for the other characters.

// foldLo and foldHi bound the runes of foldTable: Latin-1 Supplement to
// Latin Extended Additional, which hold every precomposed Vietnamese letter.
const (
	foldLo = 0xC0
	foldHi = 0x1F00
)

// foldTable maps a rune r in [foldLo, foldHi) to the lower-case ASCII letter
// it decomposes to (á, Ă, ệ, ñ to a, a, e, n; đ and Đ to d), or 0. It is
// built by a variable initialiser from the canonical decompositions, with
// đ/Đ added by hand because they have none. The eth letters Ð and ð are
// not in it: the canonicaliser reads them as Đ and đ before folding.
var foldTable = func() (t [foldHi - foldLo]byte) {
	for r := rune(foldLo); r < foldHi; r++ {
		d := norm.NFD.String(string(r))
		if c := d[0] | 0x20; d[0] < utf8.RuneSelf && 'a' <= c && c <= 'z' {
			t[r-foldLo] = c
		}
	}
	t['đ'-foldLo], t['Đ'-foldLo] = 'd', 'd'
	return t
}()

// foldRune returns the lower-case ASCII letter that the precomposed Latin
// letter r folds to, with its marks removed and đ written as d. ok is false
// for every other rune, ASCII included. It does not allocate.
func foldRune(r rune) (c byte, ok bool) {
	if r < foldLo || r >= foldHi {
		return 0, false
	}
	c = foldTable[r-foldLo]
	return c, c != 0
}
