package vnname

import "testing"

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
