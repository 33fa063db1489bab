package linkage

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/internal/strsim"
)

// checkBounds checks that the pre-checks of jaroWinklerAbove,
// levenshteinWithin and osaWithin never change a result: each agrees with
// the plain strsim computation.
func checkBounds(t *testing.T, a, b string) {
	t.Helper()
	jw := strsim.JaroWinkler(a, b)
	for _, floor := range []float64{0.5, 0.7, 0.8, 0.88, 0.9, 0.92, 0.95} {
		s, ok := jaroWinklerAbove(a, b, floor)
		if ok {
			require.Equal(t, jw, s, "jaroWinklerAbove(%q, %q, %v)", a, b, floor)
		} else {
			require.Less(t, jw, floor, "jaroWinklerAbove(%q, %q, %v) gave up", a, b, floor)
		}
	}
	lev, osa := strsim.Levenshtein(a, b), strsim.OSA(a, b)
	for limit := range 4 {
		if d := levenshteinWithin(a, b, limit); lev <= limit {
			require.Equal(t, lev, d, "levenshteinWithin(%q, %q, %d)", a, b, limit)
		} else {
			require.Greater(t, d, limit, "levenshteinWithin(%q, %q, %d)", a, b, limit)
		}
		if d := osaWithin(a, b, limit); osa <= limit {
			require.Equal(t, osa, d, "osaWithin(%q, %q, %d)", a, b, limit)
		} else {
			require.Greater(t, d, limit, "osaWithin(%q, %q, %d)", a, b, limit)
		}
	}
	require.LessOrEqual(t, editLowerBound(a, b), min(lev, osa), "editLowerBound(%q, %q)", a, b)
}

func TestSimilarityBoundsKeepResults(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"", ""}, {"", "a"}, {"a", "a"}, {"ab", "ba"}, {"abc", "acb"},
		{"martha", "marhta"}, {"dwayne", "duane"}, {"dixon", "dicksonx"},
		{"123456789", "123456798"}, {"123456789", "987654321"}, {"19850312", "19850321"},
		{"a@", "!a"}, {"A", "a"}, {"nguyễn", "nguyen"}, {"hoà", "hòa"}, {"Đ", "D"},
		{"wattle street", "wattle st"}, {"kings road", "king road"},
	} {
		checkBounds(t, tc.a, tc.b)
	}
	// Random strings over a small alphabet, with bytes that collide modulo
	// 64 ('a' and '!' and 'A'), and sometimes a non-ASCII rune.
	alphabet := []string{"a", "b", "c", "!", "A", "1", "2", "ễ", "đ"}
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		n := rng.IntN(10)
		s := ""
		for range n {
			k := rng.IntN(len(alphabet) - 2)
			if rng.IntN(20) == 0 {
				k = rng.IntN(len(alphabet))
			}
			s += alphabet[k]
		}
		return s
	}
	for range 20_000 {
		a := word()
		b := a
		for range rng.IntN(4) { // a few edits of a, or a fresh word
			if rng.IntN(3) == 0 {
				b = word()
				break
			}
			if i := rng.IntN(len(b) + 1); i < len(b) {
				b = b[:i] + alphabet[rng.IntN(6)] + b[i+1:]
			} else {
				b += alphabet[rng.IntN(6)]
			}
		}
		checkBounds(t, a, b)
	}
}

func FuzzSimilarityBounds(f *testing.F) {
	f.Add("martha", "marhta")
	f.Add("123456789", "123456798")
	f.Add("nguyễn", "nguyen")
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 64 || len(b) > 64 {
			return
		}
		checkBounds(t, a, b)
	})
}

func TestSimilarityBoundsAllocateNothing(t *testing.T) {
	a, b := "wattle street", "kings road"
	allocs := testing.AllocsPerRun(100, func() {
		jaroWinklerAbove(a, b, 0.8)
		levenshteinWithin(a, b, 2)
		osaWithin(a, b, 2)
	})
	require.Zero(t, allocs)
}
