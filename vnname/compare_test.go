package vnname

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want Agreement
	}{
		{"Nguyễn Thị Lan", "NGUYỄN THỊ LAN", AgreeExact},
		{"Nguyễn Thị Lan", "Nguyen Thi Lan", AgreeMissingMarks},
		{"Nguyễn Thị Lan", "Nguyễn Thi Lan", AgreeMissingMarks},
		{"Nguyễn Văn Hùng", "Nguyen Van Hung", AgreeMissingMarks},
		{"Trần Thị Trang", "Trần Thị Chang", AgreePhonetic},
		{"Trần Thị Thủy", "Trần Thị Thũy", AgreePhonetic},
		{"Tran Thi Trang", "Chan Thi Chang", AgreePhonetic},
		{"Lê Văn Dũng", "Lê Văn Giũng", AgreePhonetic},
		{"Hoàng Văn Nam", "Huỳnh Văn Nam", AgreeVariant},
		{"Vũ Thị Mai", "Võ Thị Mai", AgreeVariant},
		{"Hoang Minh", "Huynh Minh", AgreeVariant},
		{"Vũ Thị Mai", "Võ Mai", AgreeMiddleDiffers},
		{"Nguyễn Thị Lan", "Nguyễn Lan", AgreeMiddleDiffers},
		{"Nguyễn Thị Lan", "Nguyễn Ngọc Lan", AgreeMiddleDiffers},
		{"Nguyễn Lê Minh Anh", "Nguyễn Minh Anh", AgreeMiddleDiffers},
		{"Nguyễn Lan", "Lan Nguyễn", AgreeSwapped},
		{"Nguyễn Thị Lan", "Lan Thi Nguyen", AgreeSwapped},
		{"Nguyễn Văn Hùng", "Nguyễn Văn Hưng", AgreeMarksDiffer},
		{"Nguyễn Thị Vân", "Nguyễn Thị Văn", AgreeMarksDiffer},
		{"Nguyễn Thị Lan", "Nguyễn Thị Lanh", AgreeSimilar},
		{"Nguyễn Thị Lan", "Trần Văn Nam", AgreeDifferent},
		{"Nguyễn Thị Lan", "", AgreeMissing},
		{"", "", AgreeMissing},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			var a, b Name
			if tt.a != "" {
				a = mustParse(t, tt.a)
			}
			if tt.b != "" {
				b = mustParse(t, tt.b)
			}
			got := []Agreement{Compare(&a, &b), Compare(&b, &a)}
			if diff := cmp.Diff([]Agreement{tt.want, tt.want}, got); diff != "" {
				t.Errorf("Compare mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCompareParts(t *testing.T) {
	tests := []struct {
		a, b string
		want Parts
	}{
		{"Nguyễn Thị Lan", "Nguyen Thi Lan", Parts{AgreeMissingMarks, AgreeMissingMarks, AgreeExact}},
		{"Hoàng Văn Nam", "Huỳnh Văn Nam", Parts{AgreeVariant, AgreeExact, AgreeExact}},
		{"Nguyễn Thị Lan", "Nguyễn Lan", Parts{AgreeExact, AgreeMissing, AgreeExact}},
		{"Nguyễn Văn Hùng", "Nguyễn Văn Hưng", Parts{AgreeExact, AgreeExact, AgreeMarksDiffer}},
		{"Trần Thị Trang", "Chần Thị Chang", Parts{AgreePhonetic, AgreeExact, AgreePhonetic}},
		{"Nguyễn Thị Lan", "Nguyễn Thị Lanh", Parts{AgreeExact, AgreeExact, AgreeSimilar}},
		{"Nguyễn Thị Lan", "Phạm Thị Mai", Parts{AgreeDifferent, AgreeExact, AgreeDifferent}},
		{"Lan", "Nguyễn Lan", Parts{AgreeMissing, AgreeMissing, AgreeExact}},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			a, b := mustParse(t, tt.a), mustParse(t, tt.b)
			got := []Parts{CompareParts(&a, &b), CompareParts(&b, &a)}
			if diff := cmp.Diff([]Parts{tt.want, tt.want}, got); diff != "" {
				t.Errorf("CompareParts mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAgreementString(t *testing.T) {
	var got []string
	for a := AgreeMissing; a <= AgreeDifferent+1; a++ {
		got = append(got, a.String())
	}
	want := []string{"Missing", "Exact", "MissingMarks", "Phonetic", "Variant", "MiddleDiffers",
		"Swapped", "MarksDiffer", "Similar", "Different", "Agreement(invalid)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Agreement.String mismatch (-want +got):\n%s", diff)
	}
}

// compareCorpus is a set of names that exercises every level.
var compareCorpus = []string{
	"Nguyễn Thị Lan", "Nguyen Thi Lan", "Nguyễn Lan", "Lan Nguyễn", "Lan",
	"Trần Thị Trang", "Chần Thị Chang", "Hoàng Văn Nam", "Huỳnh Văn Nam",
	"Nguyễn Văn Hùng", "Nguyễn Văn Hưng", "Nguyen Van Hung", "Tôn Nữ Thị Lan",
	"Nguyễn Thị Lanh", "Nguyễn Lê Minh Anh", "Phạm Bình Minh", "Vũ Thị Mai",
	"Võ Mai", "Công Tằng Tôn Nữ Thị Mai", "H'Hen Niê",
}

// TestCompareContract checks that Compare is symmetric, reflexive (a name
// agrees exactly with itself) and consistent with CompareParts.
func TestCompareContract(t *testing.T) {
	names := make([]Name, len(compareCorpus))
	for i, s := range compareCorpus {
		names[i] = mustParse(t, s)
	}
	for i := range names {
		if got := Compare(&names[i], &names[i]); got != AgreeExact {
			t.Errorf("Compare(%q, itself) = %v", compareCorpus[i], got)
		}
		for j := range names {
			ab, ba := Compare(&names[i], &names[j]), Compare(&names[j], &names[i])
			if ab != ba {
				t.Errorf("Compare(%q, %q) = %v but reversed %v", compareCorpus[i], compareCorpus[j], ab, ba)
			}
			p := CompareParts(&names[i], &names[j])
			if ab == AgreeExact && (p.Family > AgreeExact || p.Given != AgreeExact) {
				t.Errorf("%q, %q: exact names with parts %+v", compareCorpus[i], compareCorpus[j], p)
			}
		}
	}
}

func TestCompareAllocs(t *testing.T) {
	a := mustParse(t, "Nguyễn Văn Hùng")
	b := mustParse(t, "Nguyen Van Hưng")
	c := mustParse(t, "Huỳnh Thị Lan")
	var sink Agreement
	allocs := testing.AllocsPerRun(100, func() {
		sink = Compare(&a, &b)
		sink = Compare(&a, &c)
		sink = CompareParts(&b, &c).Given
		if SamePhonetic(&a, &b) {
			sink++
		}
	})
	_ = sink
	if allocs > 0 {
		t.Errorf("Compare allocates %v times per run, want 0", allocs)
	}
}

// TestJaroWinkler pins down the exported wrapper; the algorithm is tested,
// fuzzed, compared with matchr and benchmarked in internal/strsim.
func TestJaroWinkler(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"", "", 1},
		{"abc", "", 0},
		{"martha", "marhta", 0.9611},
		{"dwayne", "duane", 0.84},
		{"dixon", "dicksonx", 0.8133},
		{"nguyen", "nguyen", 1},
		{"abc", "xyz", 0},
		{"hùng", "hưng", 0.85},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			got := []float64{JaroWinkler(tt.a, tt.b), JaroWinkler(tt.b, tt.a)}
			want := []float64{tt.want, tt.want}
			if diff := cmp.Diff(want, got, cmp.Comparer(func(x, y float64) bool { return math.Abs(x-y) < 1e-4 })); diff != "" {
				t.Errorf("JaroWinkler mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestJaroWinklerAllocs(t *testing.T) {
	var sink float64
	allocs := testing.AllocsPerRun(100, func() {
		sink += JaroWinkler("nguyen thi thuy", "nguyen thi thuy linh")
		sink += JaroWinkler("nguyễn thị thuý", "nguyễn thị thủy")
	})
	if allocs > 0 {
		t.Errorf("JaroWinkler allocates %v times per run, want 0", allocs)
	}
}

var benchSink float64

func BenchmarkCompare(b *testing.B) {
	pairs := [][2]string{
		{"Nguyễn Thị Lan", "Nguyễn Thị Lan"},
		{"Nguyễn Thị Lan", "Nguyen Thi Lan"},
		{"Nguyễn Văn Hùng", "Nguyễn Văn Hưng"},
		{"Hoàng Văn Nam", "Huỳnh Văn Nam"},
		{"Nguyễn Thị Lan", "Trần Văn Nam"},
	}
	names := make([][2]Name, len(pairs))
	for i, p := range pairs {
		names[i] = [2]Name{mustParse(b, p[0]), mustParse(b, p[1])}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		p := &names[i%len(names)]
		benchSink += float64(Compare(&p[0], &p[1]))
	}
}

func BenchmarkCompareParts(b *testing.B) {
	x, y := mustParse(b, "Nguyễn Văn Hùng"), mustParse(b, "Nguyen Van Hưng")
	b.ReportAllocs()
	for b.Loop() {
		benchSink += float64(CompareParts(&x, &y).Given)
	}
}

func FuzzCompare(f *testing.F) {
	for i := 0; i+1 < len(compareCorpus); i++ {
		f.Add(compareCorpus[i], compareCorpus[i+1])
	}
	f.Add("Nguyễn Văn Hùng", "Hùng Nguyễn")
	f.Add("a", "")
	f.Fuzz(func(t *testing.T, x, y string) {
		a, _ := Parse(x)
		b, _ := Parse(y)
		if ab, ba := Compare(&a, &b), Compare(&b, &a); ab != ba {
			t.Fatalf("Compare not symmetric: %v, %v", ab, ba)
		}
		if pab, pba := CompareParts(&a, &b), CompareParts(&b, &a); pab != pba {
			t.Fatalf("CompareParts not symmetric: %+v, %+v", pab, pba)
		}
		if !a.IsZero() && Compare(&a, &a) != AgreeExact {
			t.Fatalf("name does not agree exactly with itself")
		}
		jxy, jyx := JaroWinkler(x, y), JaroWinkler(y, x)
		if jxy != jyx || jxy < 0 || jxy > 1 || math.IsNaN(jxy) {
			t.Fatalf("JaroWinkler = %v, reversed %v", jxy, jyx)
		}
	})
}
