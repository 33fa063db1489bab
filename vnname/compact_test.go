package vnname

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// differentialTexts returns a deterministic set of name texts: names built
// from the package's family tables and a list of given names, with the
// noise of records (marks dropped, upper case, decomposed text, other
// separators, a typo, words dropped or swapped, long names) and a few
// texts that are not Vietnamese names.
func differentialTexts(count int) []string {
	families := append([]string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Võ", "Đặng", "Ngô"}, knownFamilies...)
	families = append(families, familyOnly...)
	for _, c := range compoundFamilies {
		families = append(families, strings.Join(c, " "))
	}
	for _, g := range variantGroups {
		families = append(families, g...)
	}
	middles := []string{"", "", "Thị", "Văn", "Thị Minh", "Lê Minh", "Đức", "Ngọc", "Hữu", "Thanh", "Công Tằng", "Tôn Nữ Thị"}
	givens := []string{
		"Thuý", "Thủy", "Quyên", "Gia", "Giang", "Nghiêng", "Khuê", "Uyên", "Hưng", "Hùng", "Ý", "Ánh",
		"Đào", "Lan", "Lành", "Anh", "Chi", "Tường", "Yến", "Vy", "Hoà", "Hòa", "Quỳnh", "Nguyệt",
		"Xuân", "Trung", "Phương", "Huyền", "Ngoan", "Oanh", "Duy", "Khoa", "Dũng", "Thắng", "Mai", "Hương",
		"H'Hen", "Y-Bih", "Niê", "Ksor", "Müller", "ǅemal", "Straße", "Øyvind",
	}
	rng := rand.New(rand.NewPCG(13, 17))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	out := []string{
		"Nguyễn Thị Thuý", "NGUYEN VAN A", "Tôn Nữ Thị Lan", "Công Tằng Tôn Nữ Mai", "H'Hen Niê",
		"Lan Thi Nguyen", "a-b c'd", norm.NFD.String("Đặng Thị Đào"), "Nguyễn,Văn.Đức", "ǅ ß ﬁ",
		"Thuý", "Tôn Thất", "Âu Dương Phong", "Nguyễn Phước Bửu Chánh", "x", "Ă Â Ê Ô Ơ Ư Đ",
	}
	for len(out) < count {
		s := strings.Join(strings.Fields(pick(families)+" "+pick(middles)+" "+pick(givens)), " ")
		if len(out)%2 == 0 {
			// Even texts are clean, odd ones the noisy variant of the text
			// before them, so that pairs (2i, 2i+1) agree at many levels.
			out = append(out, s)
			continue
		}
		s = out[len(out)-1]
		switch rng.IntN(12) {
		case 0:
			s = foldForTest(s)
		case 1:
			s = strings.ToUpper(s)
		case 2:
			s = norm.NFD.String(s)
		case 3:
			s = strings.ReplaceAll(s, " ", pick([]string{",", ".", "_", " \t ", ",  "}))
		case 4:
			s = typoForTest(rng, s)
		case 5:
			s = pick(givens)
		case 6:
			ws := strings.Fields(s)
			ws[0], ws[len(ws)-1] = ws[len(ws)-1], ws[0]
			s = strings.Join(ws, " ")
		case 7:
			for range rng.IntN(MaxWords) {
				s += " " + pick(givens)
			}
		case 8:
			s = strings.ToLower(foldForTest(s))
		case 9:
			ws := strings.Fields(s)
			if vs := FamilyVariants(ws[0]); len(vs) > 0 {
				ws[0] = vs[0]
			}
			s = strings.Join(ws, " ")
		case 10:
			s = confusions.Replace(s)
		}
		out = append(out, s)
	}
	return out
}

// confusions makes phonetic confusions and changes of marks.
var confusions = strings.NewReplacer("D", "Gi", "Tr", "Ch", "S", "X", "y", "i", "ù", "ư", "à", "ạ", "ơ", "ô")

// checkSameName reports every accessor and every part's form where n
// differs from the reference implementation's r.
func checkSameName(t *testing.T, text string, n Name, r refName) {
	t.Helper()
	parts := []struct {
		p   part
		ref *refForms
	}{{partFull, &r.full}, {partFamily, &r.family}, {partMiddle, &r.middle}, {partGiven, &r.given}}
	for _, pt := range parts {
		f := n.run(pt.p)
		got := []string{f.display(), f.key(), f.fold(), f.strict(), f.loose()}
		want := []string{pt.ref.display, pt.ref.key, pt.ref.fold, pt.ref.strict, pt.ref.loose}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("input %d bytes: part %d form %d = %q, reference %q", len(text), pt.p, i, got[i], want[i])
			}
		}
		if f.words() != int(pt.ref.words) || f.marked() != pt.ref.marked {
			t.Fatalf("input %d bytes: part %d words %d marked %b, reference %d %b", len(text), pt.p, f.words(), f.marked(), pt.ref.words, pt.ref.marked)
		}
	}
	got := []any{n.IsZero(), n.String(), n.Key(), n.Fold(), n.Family(), n.Middle(), n.Given(), n.FamilyKey(),
		n.MiddleKey(), n.GivenKey(), n.FamilyFold(), n.GivenFold(), n.GivenFoldedPhonetic(), n.Words(),
		n.Marked(), n.Phonetic(), n.FoldedPhonetic(), n.SexHint(), n.familyGroup}
	want := []any{r.full.words == 0, r.full.display, r.full.key, r.full.fold, r.family.display, r.middle.display,
		r.given.display, r.family.key, r.middle.key, r.given.key, r.family.fold, r.given.fold, r.given.loose,
		int(r.full.words), r.full.marked != 0, r.full.strict, r.full.loose, r.sex, r.familyGroup}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("input %d bytes: accessor %d = %v, reference %v", len(text), i, got[i], want[i])
		}
	}
}

// TestCompactNameMatchesReference parses generated names with Parse and
// with the reference implementation and compares every accessor, every
// form of every part, and Compare, CompareParts and SamePhonetic on pairs.
func TestCompactNameMatchesReference(t *testing.T) {
	texts := differentialTexts(20000)
	names := make([]Name, 0, len(texts))
	refs := make([]refName, 0, len(texts))
	parsed := 0
	for _, s := range texts {
		n, err := Parse(s)
		r, rerr := refParse(s)
		if (err == nil) != (rerr == nil) || err != nil && err.Error() != rerr.Error() {
			t.Fatalf("input %d bytes: error %v, reference %v", len(s), err, rerr)
		}
		checkSameName(t, s, n, r)
		if err == nil {
			parsed++
			if v, ok := n.OrderVariant(); ok {
				rv, _ := refParse(v.Key())
				checkSameName(t, s, v, rv)
			}
		}
		names = append(names, n)
		refs = append(refs, r)
	}
	t.Logf("%d texts, %d parsed", len(texts), parsed)
	levels := map[Agreement]int{}
	for i := range names {
		j := (i*7919 + 1) % len(names)
		for _, k := range []int{j, (i + 1) % len(names)} {
			levels[Compare(&names[i], &names[k])]++
			if got, want := Compare(&names[i], &names[k]), refCompare(&refs[i], &refs[k]); got != want {
				t.Fatalf("pair %d, %d: Compare %v, reference %v", i, k, got, want)
			}
			if got, want := CompareParts(&names[i], &names[k]), refCompareParts(&refs[i], &refs[k]); got != want {
				t.Fatalf("pair %d, %d: CompareParts %+v, reference %+v", i, k, got, want)
			}
			if got, want := SamePhonetic(&names[i], &names[k]), refSamePhonetic(&refs[i], &refs[k]); got != want {
				t.Fatalf("pair %d, %d: SamePhonetic %v, reference %v", i, k, got, want)
			}
		}
	}
	t.Logf("levels of the pairs: %v", levels)
}

// FuzzCompactName compares Parse with the reference implementation.
func FuzzCompactName(f *testing.F) {
	for _, s := range differentialTexts(200) {
		f.Add(s, "Nguyễn Văn Hùng")
	}
	f.Fuzz(func(t *testing.T, x, y string) {
		n, err := Parse(x)
		r, rerr := refParse(x)
		if (err == nil) != (rerr == nil) {
			t.Fatalf("error %v, reference %v", err, rerr)
		}
		checkSameName(t, x, n, r)
		m, _ := Parse(y)
		q, _ := refParse(y)
		if got, want := Compare(&n, &m), refCompare(&r, &q); got != want {
			t.Fatalf("Compare %v, reference %v", got, want)
		}
		if got, want := CompareParts(&n, &m), refCompareParts(&r, &q); got != want {
			t.Fatalf("CompareParts %+v, reference %+v", got, want)
		}
	})
}
