package vnname

import (
	"testing"
	"unicode"
)

var benchName Name

func BenchmarkParse(b *testing.B) {
	inputs := []struct{ name, in string }{
		{"marked", "Nguyễn Thị Thuý"},
		{"ascii", "NGUYEN VAN NAM"},
		{"compound", "Công Tằng Tôn Nữ Thị Mai"},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in.in)))
			for b.Loop() {
				n, err := Parse(in.in)
				if err != nil {
					b.Fatal(err)
				}
				benchName = n
			}
		})
	}
}

var benchKey []byte

// BenchmarkPhonetic measures the phonetic key of one name (the work Parse
// does once per name to fill Name.Phonetic and Name.FoldedPhonetic).
func BenchmarkPhonetic(b *testing.B) {
	words := [][]byte{[]byte("nguyễn"), []byte("thị"), []byte("thuý")}
	buf := make([]byte, 0, 64)
	b.ReportAllocs()
	for b.Loop() {
		buf = buf[:0]
		for _, w := range words {
			buf = phoneticWord(buf, w)
			buf = append(buf, ' ')
		}
		benchKey = buf
	}
}

// TestPhoneticWordAllocs checks that computing a phonetic key into a
// buffer with room does not allocate.
func TestPhoneticWordAllocs(t *testing.T) {
	buf := make([]byte, 0, 64)
	word := []byte("nguyễn")
	allocs := testing.AllocsPerRun(100, func() {
		buf = phoneticWord(buf[:0], word)
	})
	if allocs > 0 {
		t.Errorf("phoneticWord allocates %v times per run, want 0", allocs)
	}
}

// TestParseAllocs checks that Parse makes one allocation per name: the
// string that holds every form, the words and parts being substrings of it.
func TestParseAllocs(t *testing.T) {
	for _, in := range []string{"Nguyễn Thị Thuý", "NGUYEN VAN NAM", "Công Tằng Tôn Nữ Thị Mai"} {
		t.Run(in, func(t *testing.T) {
			allocs := testing.AllocsPerRun(100, func() {
				n, err := Parse(in)
				if err != nil {
					t.Fatal(err)
				}
				benchName = n
			})
			if allocs > 1 {
				t.Errorf("Parse allocates %v times per run, want at most 1", allocs)
			}
		})
	}
}

// TestLookupLetter checks that the rune-indexed letter tables agree with
// the letters map for every rune of the blocks they cover and beyond.
func TestLookupLetter(t *testing.T) {
	for r := rune(0); r < 0x2000; r++ {
		want, wantOK := letters[r]
		got, ok := lookupLetter(r)
		if ok != wantOK || got != want {
			t.Errorf("lookupLetter(%U) = %+v, %v; want %+v, %v", r, got, ok, want, wantOK)
		}
		if ok && (unicode.ToLower(r) != r || !unicode.IsLetter(r)) {
			// appendKey and checkWord rely on this.
			t.Errorf("letters holds %U, which is not a lower-case letter", r)
		}
	}
}

// TestDisplayUpper checks the table-driven upper case of the display form
// against the rule it stands for.
func TestDisplayUpper(t *testing.T) {
	for r := rune(0x80); r < 0x2000; r++ {
		want := r
		if u := unicode.ToUpper(r); unicode.ToLower(u) == r {
			want = u
		}
		if got := displayUpper(r); got != want {
			t.Errorf("displayUpper(%U) = %U, want %U", r, got, want)
		}
	}
}

// TestIsSeparator checks isSeparator's fast paths against its definition
// for every rune.
func TestIsSeparator(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := unicode.IsSpace(r) || r == ',' || r == '.' || r == '_'
		if got := isSeparator(r); got != want {
			t.Errorf("isSeparator(%U) = %v, want %v", r, got, want)
		}
	}
}
