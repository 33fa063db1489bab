package strsim_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/vnlink/vnlink/internal/strsim"
)

// TestBoundedDistances checks that the early-exit distances agree with the
// full ones: exact up to the limit, above it otherwise.
func TestBoundedDistances(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	alphabet := []rune("abcdđêơ")
	word := func() string {
		var sb strings.Builder
		for range rng.IntN(9) {
			sb.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		return sb.String()
	}
	funcs := []struct {
		name    string
		full    func(a, b string) int
		bounded func(a, b string, limit int) int
	}{
		{"Levenshtein", strsim.Levenshtein, strsim.LevenshteinWithin},
		{"OSA", strsim.OSA, strsim.OSAWithin},
	}
	for _, f := range funcs {
		t.Run(f.name, func(t *testing.T) {
			for range 5000 {
				a, b := word(), word()
				full := f.full(a, b)
				for limit := range 4 {
					got := f.bounded(a, b, limit)
					if (full <= limit && got != full) || (full > limit && got <= limit) {
						t.Fatalf("%sWithin(%q, %q, %d) = %d, full distance %d", f.name, a, b, limit, got, full)
					}
				}
			}
		})
	}
}

// FuzzBoundedDistances checks the early-exit distances and the pruned
// Jaro–Winkler against the full ones on arbitrary input.
func FuzzBoundedDistances(f *testing.F) {
	f.Add("nguyen", "nguyne", 1)
	f.Add("10010", "10100", 1)
	f.Add("", "ab", 0)
	f.Add("đặng", "dang", 2)
	f.Add("\xff", "a", 1)
	f.Fuzz(func(t *testing.T, a, b string, limit int) {
		if len(a) > 200 || len(b) > 200 || limit < 0 || limit > 10 {
			return
		}
		for _, f := range []struct {
			full    func(a, b string) int
			bounded func(a, b string, limit int) int
		}{{strsim.Levenshtein, strsim.LevenshteinWithin}, {strsim.OSA, strsim.OSAWithin}} {
			full, got := f.full(a, b), f.bounded(a, b, limit)
			if (full <= limit && got != full) || (full > limit && got <= limit) {
				t.Fatalf("bounded distance %d with limit %d, full distance %d", got, limit, full)
			}
		}
		floor := float64(limit) / 10
		full := strsim.JaroWinkler(a, b)
		got, ok := strsim.JaroWinklerAbove(a, b, floor)
		if (ok && got != full) || (!ok && full >= floor) {
			t.Fatalf("JaroWinklerAbove = %v, %v with floor %v; JaroWinkler = %v", got, ok, floor, full)
		}
	})
}

// TestJaroWinklerAbove checks that the bound never hides a similarity at
// or above the floor, and that it prunes most unrelated pairs.
func TestJaroWinklerAbove(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	alphabet := []rune("abcdeghiklmnopqrstuvyđơư")
	word := func() string {
		var sb strings.Builder
		for range 1 + rng.IntN(8) {
			sb.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		return sb.String()
	}
	pruned := 0
	const n = 20000
	for i := range n {
		a, b := word(), word()
		if i%4 == 0 {
			r := []rune(a)
			r[rng.IntN(len(r))] = 'x'
			b = string(r)
		}
		full := strsim.JaroWinkler(a, b)
		for _, floor := range []float64{0.7, 0.8, 0.88, 0.92} {
			got, ok := strsim.JaroWinklerAbove(a, b, floor)
			if ok && got != full {
				t.Fatalf("JaroWinklerAbove = %v, JaroWinkler = %v", got, full)
			}
			if !ok && full >= floor {
				t.Fatalf("bound pruned a similarity %v ≥ floor %v", full, floor)
			}
			if !ok && floor == 0.88 {
				pruned++
			}
		}
	}
	if pruned < n/2 {
		t.Errorf("the bound pruned only %d of %d random pairs at 0.88", pruned, n)
	}
}
