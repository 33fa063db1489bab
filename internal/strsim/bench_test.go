package strsim_test

import (
	"testing"

	"github.com/antzucaro/matchr"

	"github.com/vnlink/vnlink/internal/strsim"
)

var benchSink float64

// benchInputs are typical name pairs: near misses, a swap, a reordering and
// an unrelated pair, in ASCII (folded keys) and with Vietnamese marks.
var benchInputs = []struct{ name, a, b string }{
	{"ascii", "nguyen thi thuy", "nguyen thi thuy linh"},
	{"marked", "nguyễn thị thuý", "nguyễn thị thuỷ linh"},
	{"ascii40", "cong tang ton nu thi thuy linh nguyen an", "cong tang ton nu thi thuy lin nguyen anh"},
	{"swap", "martha", "marhta"},
	{"reorder", "tran van minh", "tran minh van"},
	{"unrelated", "le hoang anh", "pham duc long"},
}

// BenchmarkSimilarity measures each function against its matchr
// counterpart on the same inputs: strsim/<func>/<input> and
// matchr/<func>/<input>.
func BenchmarkSimilarity(b *testing.B) {
	funcs := []struct {
		name         string
		ours, theirs func(a, b string) float64
	}{
		{"Jaro", strsim.Jaro, matchr.Jaro},
		{"JaroWinkler", strsim.JaroWinkler, func(a, b string) float64 { return matchr.JaroWinkler(a, b, false) }},
		{"Levenshtein",
			func(a, b string) float64 { return float64(strsim.Levenshtein(a, b)) },
			func(a, b string) float64 { return float64(matchr.Levenshtein(a, b)) }},
		{"OSA",
			func(a, b string) float64 { return float64(strsim.OSA(a, b)) },
			func(a, b string) float64 { return float64(matchr.OSA(a, b)) }},
	}
	for _, fn := range funcs {
		for _, in := range benchInputs {
			b.Run("strsim/"+fn.name+"/"+in.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					benchSink += fn.ours(in.a, in.b)
				}
			})
			b.Run("matchr/"+fn.name+"/"+in.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					benchSink += fn.theirs(in.a, in.b)
				}
			})
		}
	}
}

// BenchmarkBounded measures the early-exit variants the linkage templates
// use (floor 0.88, at most 2 edits).
func BenchmarkBounded(b *testing.B) {
	for _, in := range benchInputs {
		b.Run("JaroWinklerAbove/"+in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s, _ := strsim.JaroWinklerAbove(in.a, in.b, 0.88)
				benchSink += s
			}
		})
		b.Run("LevenshteinWithin/"+in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				benchSink += float64(strsim.LevenshteinWithin(in.a, in.b, 2))
			}
		})
		b.Run("OSAWithin/"+in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				benchSink += float64(strsim.OSAWithin(in.a, in.b, 2))
			}
		})
	}
}
