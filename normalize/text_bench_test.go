package normalize

import (
	"strings"
	"testing"

	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// benchInputs are typical full names, by kind of input.
var benchInputs = []struct{ name, in string }{
	{"ascii", "Nguyen Thi Thuy"},
	{"nfc", "Nguyễn Thị Thuý"},
	{"nfc2", "Trần Văn Hoà"},
	{"oldstyle", "Trần Văn Hòa"},
	{"nfd", norm.NFD.String("Nguyễn Thị Thuý")},
	{"spaces", "  Nguyễn  Thị\u00a0Thuý "},
	{"tcvn3", EncodeLegacy("Nguyễn Thị Thuý", TCVN3)},
	{"vni", EncodeLegacy("Nguyễn Thị Thuý", VNI)},
	{"mojibake", EncodeLegacy("Nguyễn Thị Thuý", Mojibake)},
}

func benchmarkString(b *testing.B, f func(string) string) {
	for _, bi := range benchInputs {
		b.Run(bi.name, func(b *testing.B) {
			b.SetBytes(int64(len(bi.in)))
			b.ReportAllocs()
			for b.Loop() {
				f(bi.in)
			}
		})
	}
}

func BenchmarkText(b *testing.B) { benchmarkString(b, Text) }
func BenchmarkKey(b *testing.B)  { benchmarkString(b, Key) }
func BenchmarkFold(b *testing.B) { benchmarkString(b, Fold) }

func BenchmarkTextOldStyle(b *testing.B) {
	benchmarkString(b, Canonicalizer{Style: ToneOld}.String)
}

func BenchmarkFoldTransformer(b *testing.B) {
	t := NewFoldTransformer()
	src := []byte("Nguyễn Thị Thuý")
	dst := make([]byte, 64)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		t.Reset()
		if _, _, err := t.Transform(dst, src, true); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkIsSyllable(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		IsSyllable("Nguyễn")
	}
}

func BenchmarkEncodeLegacy(b *testing.B) {
	for _, e := range []Encoding{TCVN3, VNI, Mojibake} {
		b.Run(e.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				EncodeLegacy("Nguyễn Thị Thuý", e)
			}
		})
	}
}

var _ transform.Transformer = (*Transformer)(nil)

// BenchmarkBaseline measures x/text NFC and strings.ToLower on the same
// inputs, to read the other figures against on the same machine.
func BenchmarkBaseline(b *testing.B) {
	b.Run("NFC", func(b *testing.B) { benchmarkString(b, norm.NFC.String) })
	b.Run("ToLower", func(b *testing.B) { benchmarkString(b, strings.ToLower) })
}
