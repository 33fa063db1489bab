package vnname

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/internal/strsim"
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
		{"Nguyễn Thị Lan", "Nguyễn Thị Lam", AgreeSimilar},
		{"Nguyễn Thị Lan", "Nguễn Thị Lan", AgreeSimilar},
		{"Trần Văn Nam", "Trần Văn Nma", AgreeSimilar},
		{"Nguyễn Văn Dũng", "Nguyến Văn Giũng", AgreeSimilar},
		{"Nguyễn Thị Hằng", "Nguyen Thi Anh", AgreeDifferent},
		{"Nguyễn Thị Hằng", "Nguyễn Thị Hương", AgreeDifferent},
		{"Nguyễn Văn Minh", "Nguyễn Văn Linh", AgreeSimilar},
		{"Phạm Văn Hoàng", "Phm Văn Hoàng", AgreeSimilar},
		{"Lê An", "Lý An", AgreeSimilar},
		{"Lê An", "Lý Anh", AgreeDifferent},
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

// generatedNames builds a deterministic set of names from the shared
// given-name lists: clean names, and the same names with the noise of
// records (marks dropped, a typo, the middle word dropped, the word order
// swapped, a family-name variant).
func generatedNames(t *testing.T) []Name {
	t.Helper()
	givens := append(readNames(t, "girl_one_word.txt"), readNames(t, "boy_one_word.txt")...)
	for _, s := range append(readNames(t, "girl.txt"), readNames(t, "boy.txt")...) {
		if len(givens)%7 == 0 { // a sample of the two-word given names
			givens = append(givens, s)
		}
		givens = append(givens, strings.Fields(s)[len(strings.Fields(s))-1])
	}
	families := append([]string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Võ", "Tôn Nữ"}, knownFamilies[:12]...)
	middles := []string{"Thị", "Văn", "Minh", "Ngọc", "Đức", "Thanh", ""}
	rng := rand.New(rand.NewPCG(7, 11))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	var texts []string
	for range 220 {
		fam, mid, giv := pick(families), pick(middles), pick(givens)
		if rng.IntN(3) == 0 { // a relative: same family and middle word
			fam, mid = families[0], middles[0]
		}
		clean := strings.Join(strings.Fields(fam+" "+mid+" "+giv), " ")
		texts = append(texts, clean)
		switch rng.IntN(6) {
		case 0:
			texts = append(texts, foldForTest(clean))
		case 1:
			texts = append(texts, typoForTest(rng, clean))
		case 2:
			texts = append(texts, strings.Join(strings.Fields(fam+" "+giv), " "))
		case 3:
			texts = append(texts, giv+" "+fam)
		case 4:
			if vs := FamilyVariants(fam); len(vs) > 0 {
				texts = append(texts, strings.Join(strings.Fields(vs[0]+" "+mid+" "+giv), " "))
			}
		default:
			texts = append(texts, typoForTest(rng, foldForTest(clean)))
		}
	}
	names := make([]Name, 0, len(texts)+1)
	for _, s := range texts {
		if n, err := Parse(s); err == nil {
			names = append(names, n)
		}
	}
	return append(names, Name{})
}

// foldForTest drops the marks of a name, as typed without diacritics.
func foldForTest(s string) string {
	n, err := Parse(s)
	if err != nil {
		return s
	}
	return n.Fold()
}

// typoForTest replaces, inserts, deletes or swaps one letter of s.
func typoForTest(rng *rand.Rand, s string) string {
	rs := []rune(s)
	i := rng.IntN(len(rs) - 1)
	if rs[i] == ' ' || rs[i+1] == ' ' {
		return s
	}
	c := rune("aeinoutghmlc"[rng.IntN(12)])
	switch rng.IntN(4) {
	case 0:
		rs[i] = c
	case 1:
		rs = append(rs[:i+1], append([]rune{c}, rs[i+1:]...)...)
	case 2:
		rs = append(rs[:i], rs[i+1:]...)
	default:
		rs[i], rs[i+1] = rs[i+1], rs[i]
	}
	return string(rs)
}

// TestCompareGenerated checks Compare on pairs drawn from the names of
// generatedNames, a few for each level. before is the level that Compare
// gave when it computed the whole-name Jaro–Winkler similarity first and
// AgreeSimilar did not depend on the given names: the levels are the same
// except on pairs at AgreeSimilar or AgreeDifferent, which are AgreeSimilar
// now exactly when the given names are close.
func TestCompareGenerated(t *testing.T) {
	tests := []struct {
		a, b         string
		before, want Agreement
	}{
		{"Nguyễn Thị Chi", "", AgreeMissing, AgreeMissing},
		{"Võ Ngọc Tường", "", AgreeMissing, AgreeMissing},
		{"Hoàng Thanh Yến", "", AgreeMissing, AgreeMissing},
		{"Nguyen Thi Vy", "", AgreeMissing, AgreeMissing},
		{"Hoàng Thị Án", "", AgreeMissing, AgreeMissing},
		{"Nguyễn Thị Tịnh", "Nguyễn Thị Tịnh", AgreeExact, AgreeExact},
		{"Nguyễn Hạnh", "Nguyễn Hạnh", AgreeExact, AgreeExact},
		{"Phan Trung", "Phan Trung", AgreeExact, AgreeExact},
		{"Vũ Đức Đạo", "Vũ Đức Đạo", AgreeExact, AgreeExact},
		{"Nguyễn Thị Hương", "Nguyễn Thị Hương", AgreeExact, AgreeExact},
		{"Phạm Đức Anh", "Pham Duc Anh", AgreeMissingMarks, AgreeMissingMarks},
		{"Nguyễn Thị Ly", "Nguyen Thi Ly", AgreeMissingMarks, AgreeMissingMarks},
		{"Nguyen Thi Vy", "Nguyễn Thị Vy", AgreeMissingMarks, AgreeMissingMarks},
		{"Nguyễn Thị Trang", "Nguyen Thi Trang", AgreeMissingMarks, AgreeMissingMarks},
		{"Hoàng Văn Hồng", "Hoang Van Hong", AgreeMissingMarks, AgreeMissingMarks},
		{"Nguyễn Thị San", "Nguyễn Thị Sang", AgreePhonetic, AgreePhonetic},
		{"Nguyễn Thị San", "Nguyen Thi Sang", AgreePhonetic, AgreePhonetic},
		{"Nguyen Thi San", "Nguyễn Thị Sang", AgreePhonetic, AgreePhonetic},
		{"Nguyen Thi San", "Nguyen Thi Sang", AgreePhonetic, AgreePhonetic},
		{"Nguyễn Thị Lương", "Nguyễn Thị Nương", AgreePhonetic, AgreePhonetic},
		{"Hoàng Thanh Ân", "Huỳnh Thanh Ân", AgreeVariant, AgreeVariant},
		{"Hoàng Lâm", "Huỳnh Lâm", AgreeVariant, AgreeVariant},
		{"Hoàng Minh Huệ", "Huỳnh Minh Huệ", AgreeVariant, AgreeVariant},
		{"Vũ Văn My", "Võ Văn My", AgreeVariant, AgreeVariant},
		{"Hoàng Đức Mộng Lâm", "Huỳnh Đức Mộng Lâm", AgreeVariant, AgreeVariant},
		{"Nguyễn Thị Chi", "Nguyễn Chi", AgreeMiddleDiffers, AgreeMiddleDiffers},
		{"Nguyễn Thị Bình", "Nguyễn Đức Bình", AgreeMiddleDiffers, AgreeMiddleDiffers},
		{"Nguyễn Thị Lộc Uyển", "Nguyen Thi Uyen", AgreeMiddleDiffers, AgreeMiddleDiffers},
		{"Hoàng Ngọc Giang", "Hoàng Đức Thảo Vân", AgreeMiddleDiffers, AgreeMiddleDiffers},
		{"Phạm Thanh Hậu", "Phạm Hậu", AgreeMiddleDiffers, AgreeMiddleDiffers},
		{"Nguyễn Thị Linh", "Linh Nguyễn", AgreeSwapped, AgreeSwapped},
		{"Lâm Võ", "Võ Minh Nam", AgreeSwapped, AgreeSwapped},
		{"Trâm Huỳnh", "Huỳnh Ngọc Trâm", AgreeSwapped, AgreeSwapped},
		{"Nguyễn Thị Lộc", "Lộc Nguyễn", AgreeSwapped, AgreeSwapped},
		{"Nguyễn Thị Quyền", "Nguyễn Thị Quyên", AgreeMarksDiffer, AgreeMarksDiffer},
		{"Nguyễn Thị Đạo", "Nguyễn Thị Đào", AgreeMarksDiffer, AgreeMarksDiffer},
		{"Nguyễn Thị Chi", "Nguyễn Thị Thi", AgreeSimilar, AgreeSimilar},
		{"Nguyễn Thị Mỹ", "Nguyen Thi Vy", AgreeSimilar, AgreeSimilar},
		{"Nguyen Thi Tuan Chuong", "Nguyễn Thị Hương", AgreeSimilar, AgreeSimilar},
		{"Nguyễn Thị Vy", "Nguyễn Htị Hỷ", AgreeSimilar, AgreeSimilar},
		{"Nguyễn Thị Anh Thái", "Nguyễn Thị Thi", AgreeSimilar, AgreeSimilar},
		{"Đặng Văn Hiệp", "Daog Van Hiep", AgreeDifferent, AgreeSimilar},
		{"Huỳnh Đức Cơ", "Huỳuh Đức Cơ", AgreeDifferent, AgreeSimilar},
		{"Dân Nguyễn", "Đạo Nguyễn", AgreeDifferent, AgreeSimilar},
		{"Nguyễn Thị Chi", "Nguyễn Thị Phúc", AgreeSimilar, AgreeDifferent},
		{"Nguyễn Thị Loan", "Nguyễn Thị Bảo", AgreeSimilar, AgreeDifferent},
		{"Nguyễn Thị Tú", "Nguyễn Thị Hạo", AgreeSimilar, AgreeDifferent},
		{"Nguyễn Thị Thế", "Nguyễn Thị Hỷ", AgreeSimilar, AgreeDifferent},
		{"Nguyễn Thị Quyên", "Nguyễn Thị Tiển", AgreeSimilar, AgreeDifferent},
		{"Nguyễn Thị Chi", "Huỳnh Đức Tiên", AgreeDifferent, AgreeDifferent},
		{"Hoàng Hiệp", "Tran Duc Trinh", AgreeDifferent, AgreeDifferent},
		{"Pham Van Dung", "Do Duc Ha", AgreeDifferent, AgreeDifferent},
		{"Quỳnh Phan", "Lương Nguyễn", AgreeDifferent, AgreeDifferent},
		{"Nguyễn Quyên", "Nguyễn Thị Anh Thái", AgreeDifferent, AgreeDifferent},
	}
	demoted, promoted := 0, 0
	for _, tt := range tests {
		var a, b Name
		if tt.a != "" {
			a = mustParse(t, tt.a)
		}
		if tt.b != "" {
			b = mustParse(t, tt.b)
		}
		assert.Equal(t, tt.want, Compare(&a, &b), "Compare(%q, %q)", tt.a, tt.b)
		assert.Equal(t, tt.want, Compare(&b, &a), "Compare(%q, %q)", tt.b, tt.a)
		switch {
		case tt.before == AgreeSimilar && tt.want == AgreeDifferent:
			demoted++
		case tt.before == AgreeDifferent && tt.want == AgreeSimilar:
			promoted++
		default:
			require.Equal(t, tt.before, tt.want, "%q, %q: a level other than AgreeSimilar changed", tt.a, tt.b)
		}
	}
	require.Positive(t, demoted, "no pair left AgreeSimilar")
	require.Positive(t, promoted, "no pair joined AgreeSimilar")
}

// TestCompareSimilarRule checks, on every pair of generatedNames, that a
// pair that agrees at no level above AgreeSimilar is AgreeSimilar exactly
// when the given names are close (at most one edit apart by strsim.OSA on
// the folded keys, or agreeing at AgreePhonetic or better) and the whole
// folded keys are similar (Jaro–Winkler at least SimilarThreshold) or one
// edit apart; and that the set reaches every level.
func TestCompareSimilarRule(t *testing.T) {
	names := generatedNames(t)
	seen := make(map[Agreement]int)
	for i := range names {
		for j := range names {
			a, b := &names[i], &names[j]
			got := Compare(a, b)
			seen[got]++
			if got != AgreeSimilar && got != AgreeDifferent {
				continue
			}
			near := strsim.OSA(a.GivenFold(), b.GivenFold()) <= 1 || agrees(CompareParts(a, b).Given, AgreePhonetic)
			similar := JaroWinkler(a.Fold(), b.Fold()) >= SimilarThreshold || strsim.OSA(a.Fold(), b.Fold()) <= 1
			if want := near && similar; (got == AgreeSimilar) != want {
				t.Errorf("Compare(%q, %q) = %v; given names close %v, whole names similar %v", a, b, got, near, similar)
			}
		}
	}
	for l := AgreeMissing; l <= AgreeDifferent; l++ {
		if seen[l] == 0 {
			t.Errorf("no pair at level %v among %d names", l, len(names))
		}
	}
	t.Logf("%d names, %d pairs; levels %v", len(names), len(names)*len(names), seen)
}

// BenchmarkCompareLevels measures Compare on pairs that end at each level,
// the later levels being the ones that used to pay for the Jaro–Winkler
// similarity before it was needed.
func BenchmarkCompareLevels(b *testing.B) {
	pairs := []struct{ level, a, b string }{
		{"Variant", "Hoàng Văn Nam", "Huỳnh Văn Nam"},
		{"MiddleDiffers", "Nguyễn Thị Lan", "Nguyễn Lan"},
		{"Swapped", "Nguyễn Lan", "Lan Nguyễn"},
		{"MarksDiffer", "Nguyễn Văn Hùng", "Nguyễn Văn Hưng"},
		{"Similar", "Nguyễn Thị Lan", "Nguyễn Thị Lanh"},
		{"Different/family", "Nguyễn Thị Hằng", "Nguyen Thi Anh"},
		{"Different", "Nguyễn Thị Lan", "Trần Văn Nam"},
	}
	for _, p := range pairs {
		x, y := mustParse(b, p.a), mustParse(b, p.b)
		b.Run(p.level, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				benchSink += float64(Compare(&x, &y))
			}
		})
	}
}

// BenchmarkCompareCorpus compares every ordered pair of compareCorpus; one
// op is one pair.
func BenchmarkCompareCorpus(b *testing.B) {
	names := make([]Name, len(compareCorpus))
	for i, s := range compareCorpus {
		names[i] = mustParse(b, s)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		k := i % (len(names) * len(names))
		benchSink += float64(Compare(&names[k/len(names)], &names[k%len(names)]))
	}
}
