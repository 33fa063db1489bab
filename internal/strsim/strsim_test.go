package strsim_test

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/antzucaro/matchr"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/vnlink/vnlink/internal/strsim"
)

func TestJaroWinklerKnownValues(t *testing.T) {
	tests := []struct {
		a, b     string
		jaro, jw float64
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
		{a: "hùng", b: "hưng", jaro: 0.833333, jw: 0.85},
		{a: "nguyen thi lan", b: "nguyen thi lanh", jaro: 0.977778, jw: 0.986667},
	}
	for _, tt := range tests {
		t.Run(tt.a+"|"+tt.b, func(t *testing.T) {
			got := []float64{
				strsim.Jaro(tt.a, tt.b), strsim.Jaro(tt.b, tt.a),
				strsim.JaroWinkler(tt.a, tt.b), strsim.JaroWinkler(tt.b, tt.a),
			}
			want := []float64{tt.jaro, tt.jaro, tt.jw, tt.jw}
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
			got := []int{strsim.Levenshtein(tt.a, tt.b), strsim.Levenshtein(tt.b, tt.a), strsim.OSA(tt.a, tt.b), strsim.OSA(tt.b, tt.a)}
			want := []int{tt.lev, tt.lev, tt.osa, tt.osa}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

// randomWord returns a word of 1 to maxLen runes over alphabet; a small
// alphabet makes random pairs share many runes, so that matches and
// transpositions are common.
func randomWord(rng *rand.Rand, alphabet []rune, maxLen int) string {
	n := 1 + rng.IntN(maxLen)
	var sb strings.Builder
	for range n {
		sb.WriteRune(alphabet[rng.IntN(len(alphabet))])
	}
	return sb.String()
}

// TestAgreesWithMatchr checks the allocation-free functions against the
// matchr implementations on random words (with and without Vietnamese
// marks, ASCII only, and longer than MaxStackRunes).
func TestAgreesWithMatchr(t *testing.T) {
	alphabets := []struct {
		name     string
		alphabet []rune
	}{
		{"marked", []rune("abcdeghnoôơtuưyđ")},
		{"names", []rune("anhgtuưđ ")},
		{"ascii", []rune("anhgtuwd ")},
	}
	for k, al := range alphabets {
		t.Run(al.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, uint64(2+k)))
			for i := range 3000 {
				maxLen := 12
				if i%100 == 0 {
					maxLen = 90
				}
				a, b := randomWord(rng, al.alphabet, maxLen), randomWord(rng, al.alphabet, maxLen)
				if i%3 == 0 { // a near miss
					r := []rune(a)
					r[rng.IntN(len(r))] = 'x'
					b = string(r)
				}
				checkMatchr(t, a, b)
			}
		})
	}
	long := string(make([]rune, 100)) + "x"
	checkMatchr(t, long, long+"y")
	checkMatchr(t, strings.Repeat("nguyễn ", 12), strings.Repeat("nguyen ", 12))
}

// checkMatchr compares the four functions with matchr on one pair; a and b
// must not contain '#'.
func checkMatchr(t *testing.T, a, b string) {
	t.Helper()
	lo, hi := a, b
	if hi < lo {
		lo, hi = hi, lo
	}
	wantJaro, wantJW := matchr.Jaro(lo, hi), matchr.JaroWinkler(lo, hi, false)
	if a == b { // matchr gives 0 for two empty strings
		wantJaro, wantJW = 1, 1
	}
	// matchr.OSA misses a swap of the first two runes (it gives 2 for
	// "ab", "ba"); a common first rune found nowhere else changes no OSA
	// distance and moves every swap out of its blind spot.
	wantOSA := matchr.OSA("#"+a, "#"+b)
	got := []float64{strsim.Jaro(a, b), strsim.JaroWinkler(a, b), float64(strsim.Levenshtein(a, b)), float64(strsim.OSA(a, b))}
	want := []float64{wantJaro, wantJW, float64(matchr.Levenshtein(a, b)), float64(wantOSA)}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Fatalf("%q, %q: [Jaro JaroWinkler Levenshtein OSA] (-matchr +strsim)\n%s", a, b, diff)
	}
}

// TestAllocatesNothing checks the guarantee for strings of at most
// MaxStackRunes runes, ASCII and marked.
func TestAllocatesNothing(t *testing.T) {
	pairs := [][2]string{
		{"nguyễn thị thuỳ dương", "nguyen thi thuy duong"},
		{"nguyễn thị thuý", "nguyễn thị thủy"},
		{"nguyen thi thuy", "nguyen thi thuy linh"},
		{strings.Repeat("ab", 32), strings.Repeat("ba", 32)},
		{strings.Repeat("ơ", strsim.MaxStackRunes), strings.Repeat("ư", strsim.MaxStackRunes)},
	}
	var sink float64
	funcs := []struct {
		name string
		f    func(a, b string)
	}{
		{"Jaro", func(a, b string) { sink += strsim.Jaro(a, b) }},
		{"JaroWinkler", func(a, b string) { sink += strsim.JaroWinkler(a, b) }},
		{"JaroWinklerAbove", func(a, b string) { s, _ := strsim.JaroWinklerAbove(a, b, 0.8); sink += s }},
		{"Levenshtein", func(a, b string) { sink += float64(strsim.Levenshtein(a, b)) }},
		{"LevenshteinWithin", func(a, b string) { sink += float64(strsim.LevenshteinWithin(a, b, 2)) }},
		{"OSA", func(a, b string) { sink += float64(strsim.OSA(a, b)) }},
		{"OSAWithin", func(a, b string) { sink += float64(strsim.OSAWithin(a, b, 1)) }},
	}
	for _, fn := range funcs {
		t.Run(fn.name, func(t *testing.T) {
			for _, p := range pairs {
				if n := testing.AllocsPerRun(100, func() { fn.f(p[0], p[1]) }); n != 0 {
					t.Errorf("%s(%q, %q) allocates %v times per call, want 0", fn.name, p[0], p[1], n)
				}
			}
		})
	}
	_ = sink
}

func FuzzSimilarity(f *testing.F) {
	seeds := [][2]string{
		{"", ""}, {"a", ""}, {"martha", "marhta"}, {"nguyễn", "nguyen"},
		{"\xff\xfe", "ab"}, {strings.Repeat("ab", 40), strings.Repeat("ba", 40)},
		{"ca", "abc"}, {"đặng", "dang"}, {"Nguyễn Văn Hùng", "Hùng Nguyễn"},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 300 || len(b) > 300 {
			return
		}
		jw, jwr := strsim.JaroWinkler(a, b), strsim.JaroWinkler(b, a)
		if math.Float64bits(jw) != math.Float64bits(jwr) || !(jw >= 0 && jw <= 1) {
			t.Fatalf("JaroWinkler not symmetric or out of range: %v %v", jw, jwr)
		}
		j, jr := strsim.Jaro(a, b), strsim.Jaro(b, a)
		if math.Float64bits(j) != math.Float64bits(jr) || !(j >= 0 && j <= jw) {
			t.Fatalf("Jaro %v (reversed %v) not symmetric or not in [0, JaroWinkler %v]", j, jr, jw)
		}
		lev, osa := strsim.Levenshtein(a, b), strsim.OSA(a, b)
		if lev != strsim.Levenshtein(b, a) || osa != strsim.OSA(b, a) {
			t.Fatal("edit distance not symmetric")
		}
		la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
		if osa > lev || lev > max(la, lb) || lev < abs(la-lb) {
			t.Fatalf("distances out of bounds: lev %d osa %d lengths %d %d", lev, osa, la, lb)
		}
		if (lev == 0) != (a == b) && utf8.ValidString(a) && utf8.ValidString(b) {
			t.Fatalf("distance 0 iff equal violated: lev %d", lev)
		}
	})
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
