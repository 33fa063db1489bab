package linkage_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/vnlink/vnlink/linkage"
)

// The algorithms are tested, fuzzed, compared with matchr and benchmarked
// in internal/strsim; these tests pin down the exported wrappers.

func TestSimilarityKnownValues(t *testing.T) {
	tests := []struct {
		a, b     string
		jaro, jw float64
		lev, osa int
	}{
		{a: "MARTHA", b: "MARHTA", jaro: 0.944444, jw: 0.961111, lev: 2, osa: 1},
		{a: "DWAYNE", b: "DUANE", jaro: 0.822222, jw: 0.84, lev: 2, osa: 2},
		{a: "", b: "", jaro: 1, jw: 1},
		{a: "abc", b: "", jaro: 0, jw: 0, lev: 3, osa: 3},
		{a: "nguyễn", b: "nguyên", jaro: 0.888889, jw: 0.933333, lev: 1, osa: 1},
		{a: "kitten", b: "sitting", jaro: 0.746032, jw: 0.746032, lev: 3, osa: 3},
		{a: "ca", b: "abc", jaro: 0, jw: 0, lev: 3, osa: 3},
		{a: "hoà", b: "hòa", jaro: 0.555556, jw: 0.555556, lev: 2, osa: 2},
	}
	for _, tt := range tests {
		t.Run(tt.a+"|"+tt.b, func(t *testing.T) {
			got := []float64{
				linkage.Jaro(tt.a, tt.b), linkage.JaroWinkler(tt.a, tt.b), linkage.JaroWinkler(tt.b, tt.a),
				float64(linkage.Levenshtein(tt.a, tt.b)), float64(linkage.OSA(tt.b, tt.a)),
			}
			want := []float64{tt.jaro, tt.jw, tt.jw, float64(tt.lev), float64(tt.osa)}
			if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-6)); diff != "" {
				t.Errorf("[Jaro JaroWinkler JaroWinkler(b, a) Levenshtein OSA(b, a)] (-want +got)\n%s", diff)
			}
		})
	}
}

func TestSimilarityAllocatesNothing(t *testing.T) {
	a, b := "nguyễn thị thuỳ dương", "nguyen thi thuy duong"
	var sink float64
	funcs := []struct {
		name string
		f    func()
	}{
		{"Jaro", func() { sink += linkage.Jaro(a, b) }},
		{"JaroWinkler", func() { sink += linkage.JaroWinkler(a, b) }},
		{"Levenshtein", func() { sink += float64(linkage.Levenshtein(a, b)) }},
		{"OSA", func() { sink += float64(linkage.OSA(a, b)) }},
	}
	for _, fn := range funcs {
		t.Run(fn.name, func(t *testing.T) {
			if n := testing.AllocsPerRun(100, fn.f); n != 0 {
				t.Errorf("%s allocates %v times per call, want 0", fn.name, n)
			}
		})
	}
	_ = sink
}
