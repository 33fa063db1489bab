package normalize

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestFoldRune(t *testing.T) {
	tests := []struct {
		in   rune
		want byte // 0: not folded
	}{
		{'á', 'a'}, {'Ă', 'a'}, {'ẫ', 'a'}, {'ệ', 'e'}, {'Ỵ', 'y'}, {'ư', 'u'}, {'Ở', 'o'},
		{'đ', 'd'}, {'Đ', 'd'},
		{'ñ', 'n'}, {'Ç', 'c'}, {'ǖ', 'u'},
		{'ð', 0}, {'Ð', 0}, // eth: the canonicaliser reads it as đ before folding
		{'Ø', 0}, {'ß', 0}, {'Æ', 0}, // no decomposition
		{'a', 0}, {'Z', 0}, {'1', 0}, // ASCII is the caller's
		{'\u0301', 0}, {'×', 0}, {'ά', 0}, {'\u1F00', 0}, {'\u212B', 0}, // Ångström sign: A and a ring, but outside the table
		{utf8.RuneError, 0},
	}
	for _, tt := range tests {
		c, ok := foldRune(tt.in)
		if c != tt.want || ok != (tt.want != 0) {
			t.Errorf("foldRune(%q) = %q, %v; want %q, %v", tt.in, c, ok, tt.want, tt.want != 0)
		}
	}
}

// TestFoldRuneDecomposition checks the whole table against its definition:
// a rune folds exactly when its canonical decomposition is an ASCII letter
// followed by combining marks only, or it is đ or Đ.
func TestFoldRuneDecomposition(t *testing.T) {
	n := 0
	for r := rune(0); r < 0x2000; r++ {
		var want byte
		if d := norm.NFD.String(string(r)); r >= utf8.RuneSelf && len(d) > 1 && d[0] < utf8.RuneSelf {
			marks := true
			for _, m := range d[1:] {
				marks = marks && m >= 0x300 && m <= 0x36F
			}
			if marks && strings.ContainsRune("abcdefghijklmnopqrstuvwxyz", rune(d[0]|0x20)) {
				want = d[0] | 0x20
			}
		}
		if r == 'đ' || r == 'Đ' {
			want = 'd'
		}
		if c, ok := foldRune(r); c != want || ok != (want != 0) {
			t.Errorf("foldRune(%U) = %q, %v; want %q", r, c, ok, want)
		}
		if want != 0 {
			n++
		}
	}
	if n != 490 {
		t.Errorf("foldRune folds %d runes, want 490", n)
	}
}

// TestFoldRuneLetters checks that the table and the letter model of the
// canonicaliser agree on every Vietnamese letter.
func TestFoldRuneLetters(t *testing.T) {
	for r := rune(utf8.RuneSelf); r < 0x1F00; r++ {
		l, ok := letterOf(r)
		if !ok || r == 'ð' || r == 'Ð' {
			continue
		}
		if c, ok := foldRune(r); !ok || c != l.base {
			t.Errorf("foldRune(%q) = %q, %v; letterOf gives base %q", r, c, ok, l.base)
		}
	}
}

func TestFoldRuneAllocs(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { foldRune('ệ'); foldRune('x') }); n != 0 {
		t.Errorf("foldRune allocates %v times, want 0", n)
	}
}
