package linkage_test

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/antzucaro/matchr"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/vnlink/vnlink/linkage"
)

func TestJaroWinklerKnownValues(t *testing.T) {
	tests := []struct {
		a, b      string
		jaro, jw  float64
		wantExact bool
	}{
		// Classic values from Winkler's papers.
		{a: "MARTHA", b: "MARHTA", jaro: 0.944444, jw: 0.961111},
		{a: "DWAYNE", b: "DUANE", jaro: 0.822222, jw: 0.84},
		{a: "DIXON", b: "DICKSONX", jaro: 0.766667, jw: 0.813333},
		{a: "abc", b: "abc", jaro: 1, jw: 1},
		{a: "", b: "", jaro: 1, jw: 1},
		{a: "abc", b: "", jaro: 0, jw: 0},
		{a: "abc", b: "xyz", jaro: 0, jw: 0},
		{a: "nguyễn", b: "nguyên", jaro: 0.888889, jw: 0.933333},
	}
	for _, tt := range tests {
		t.Run(tt.a+"|"+tt.b, func(t *testing.T) {
			got := []float64{linkage.Jaro(tt.a, tt.b), linkage.JaroWinkler(tt.a, tt.b), linkage.JaroWinkler(tt.b, tt.a)}
			want := []float64{tt.jaro, tt.jw, tt.jw}
			if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-6)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestEditDistanceKnownValues(t *testing.T) {
	tests := []struct {
		a, b     string
		lev, osa int
	}{
		{a: "kitten", b: "sitting", lev: 3, osa: 3},
		{a: "ca", b: "abc", lev: 3, osa: 3},
		{a: "ab", b: "ba", lev: 2, osa: 1},
		{a: "nguyen", b: "nguyne", lev: 2, osa: 1},
		{a: "", b: "abc", lev: 3, osa: 3},
		{a: "abc", b: "", lev: 3, osa: 3},
		{a: "", b: "", lev: 0, osa: 0},
		{a: "hoà", b: "hòa", lev: 2, osa: 2},
		{a: "Nguyễn", b: "Nguyen", lev: 1, osa: 1},
		{a: strings.Repeat("a", 100), b: strings.Repeat("a", 99) + "b", lev: 1, osa: 1},
		{a: strings.Repeat("ab", 50), b: strings.Repeat("ba", 50), lev: 2, osa: 2},
	}
	for _, tt := range tests {
		t.Run(tt.a+"|"+tt.b, func(t *testing.T) {
			got := []int{linkage.Levenshtein(tt.a, tt.b), linkage.Levenshtein(tt.b, tt.a), linkage.OSA(tt.a, tt.b), linkage.OSA(tt.b, tt.a)}
			want := []int{tt.lev, tt.lev, tt.osa, tt.osa}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

// randomWord returns a word over a small alphabet (letters with and
// without Vietnamese marks), so random pairs share many runes.
func randomWord(rng *rand.Rand, maxLen int) string {
	alphabet := []rune("abcdeghnoôơtuưyđ")
	n := 1 + rng.IntN(maxLen)
	var sb strings.Builder
	for range n {
		sb.WriteRune(alphabet[rng.IntN(len(alphabet))])
	}
	return sb.String()
}

// TestSimilarityAgreesWithMatchr checks our allocation-free functions
// against the matchr implementations on random words, including words
// longer than MaxStackRunes.
func TestSimilarityAgreesWithMatchr(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		maxLen := 12
		if i%100 == 0 {
			maxLen = 90
		}
		a, b := randomWord(rng, maxLen), randomWord(rng, maxLen)
		if i%3 == 0 { // a near miss
			r := []rune(a)
			r[rng.IntN(len(r))] = 'x'
			b = string(r)
		}
		lo, hi := a, b
		if hi < lo {
			lo, hi = hi, lo
		}
		got := []float64{linkage.JaroWinkler(a, b), float64(linkage.Levenshtein(a, b)), float64(linkage.OSA(a, b))}
		want := []float64{matchr.JaroWinkler(lo, hi, false), float64(matchr.Levenshtein(a, b)), float64(matchr.OSA(a, b))}
		if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
			t.Fatalf("pair %d: (-want +got)\n%s", i, diff)
		}
	}
}

func TestSimilarityAllocatesNothing(t *testing.T) {
	a, b := "nguyễn thị thuỳ dương", "nguyen thi thuy duong"
	funcs := map[string]func(){
		"Jaro":        func() { linkage.Jaro(a, b) },
		"JaroWinkler": func() { linkage.JaroWinkler(a, b) },
		"Levenshtein": func() { linkage.Levenshtein(a, b) },
		"OSA":         func() { linkage.OSA(a, b) },
	}
	for _, name := range []string{"Jaro", "JaroWinkler", "Levenshtein", "OSA"} {
		t.Run(name, func(t *testing.T) {
			if n := testing.AllocsPerRun(100, funcs[name]); n != 0 {
				t.Errorf("%s allocates %v times per call, want 0", name, n)
			}
		})
	}
}

func FuzzSimilarity(f *testing.F) {
	seeds := [][2]string{
		{"", ""}, {"a", ""}, {"martha", "marhta"}, {"nguyễn", "nguyen"},
		{"\xff\xfe", "ab"}, {strings.Repeat("ab", 40), strings.Repeat("ba", 40)},
		{"ca", "abc"}, {"đặng", "dang"},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 300 || len(b) > 300 {
			return
		}
		jw, jwr := linkage.JaroWinkler(a, b), linkage.JaroWinkler(b, a)
		if math.Float64bits(jw) != math.Float64bits(jwr) || !(jw >= 0 && jw <= 1) {
			t.Fatalf("JaroWinkler not symmetric or out of range: %v %v", jw, jwr)
		}
		j := linkage.Jaro(a, b)
		if !(j >= 0 && j <= jw) {
			t.Fatalf("Jaro %v not in [0, JaroWinkler %v]", j, jw)
		}
		lev, osa := linkage.Levenshtein(a, b), linkage.OSA(a, b)
		if lev != linkage.Levenshtein(b, a) || osa != linkage.OSA(b, a) {
			t.Fatal("edit distance not symmetric")
		}
		la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
		if osa > lev || lev > max(la, lb) || lev < absInt(la-lb) {
			t.Fatalf("distances out of bounds: lev %d osa %d lengths %d %d", lev, osa, la, lb)
		}
		if (lev == 0) != (a == b) && utf8.ValidString(a) && utf8.ValidString(b) {
			t.Fatalf("distance 0 iff equal violated: lev %d", lev)
		}
	})
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

var benchPairs = [][2]string{
	{"nguyen thi thuy", "nguyen thi thuyy"},
	{"tran van minh", "tran minh van"},
	{"martha", "marhta"},
	{"le hoang anh", "pham duc long"},
}

func BenchmarkSimilarity(b *testing.B) {
	funcs := []struct {
		name string
		f    func(a, b string) float64
	}{
		{"JaroWinkler/linkage", linkage.JaroWinkler},
		{"JaroWinkler/matchr", func(a, b string) float64 { return matchr.JaroWinkler(a, b, false) }},
		{"Levenshtein/linkage", func(a, b string) float64 { return float64(linkage.Levenshtein(a, b)) }},
		{"Levenshtein/matchr", func(a, b string) float64 { return float64(matchr.Levenshtein(a, b)) }},
		{"OSA/linkage", func(a, b string) float64 { return float64(linkage.OSA(a, b)) }},
		{"OSA/matchr", func(a, b string) float64 { return float64(matchr.OSA(a, b)) }},
	}
	for _, fn := range funcs {
		b.Run(fn.name, func(b *testing.B) {
			b.ReportAllocs()
			var sink float64
			for i := 0; b.Loop(); i++ {
				p := benchPairs[i%len(benchPairs)]
				sink += fn.f(p[0], p[1])
			}
			_ = sink
		})
	}
}
