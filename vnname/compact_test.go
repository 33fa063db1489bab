package vnname

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/vnlink/vnlink/normalize"
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

// partForms is the expected content of one part of a Name.
type partForms struct {
	display, key, fold, strict, loose string
	words                             int
	marked                            uint32
}

// TestNameForms checks every form of every part of parsed names, and every
// accessor, against the values the implementation that held each part's
// forms as separate strings gave (the Name holds them as offsets into one
// string now).
func TestNameForms(t *testing.T) {
	tests := []struct {
		in    string
		parts [numParts]partForms
		group uint8
		sex   normalize.Sex
	}{
		{
			in: "Nguyễn Thị Thuý",
			parts: [numParts]partForms{
				{"Nguyễn Thị Thuý", "nguyễn thị thuý", "nguyen thi thuy", "nguyeen3 thi4 thuy1", "nguyen thi thuy", 3, 0b111},
				{"Nguyễn", "nguyễn", "nguyen", "nguyeen3", "nguyen", 1, 0b1},
				{"Thị", "thị", "thi", "thi4", "thi", 1, 0b1},
				{"Thuý", "thuý", "thuy", "thuy1", "thuy", 1, 0b1},
			},
			group: 0, sex: normalize.Female,
		},
		{
			in: "NGUYEN VAN NAM",
			parts: [numParts]partForms{
				{"Nguyen Van Nam", "nguyen van nam", "nguyen van nam", "nguyen zan lam", "nguyen zan lam", 3, 0b0},
				{"Nguyen", "nguyen", "nguyen", "nguyen", "nguyen", 1, 0b0},
				{"Van", "van", "van", "zan", "zan", 1, 0b0},
				{"Nam", "nam", "nam", "lam", "lam", 1, 0b0},
			},
			group: 0, sex: normalize.SexUnknown,
		},
		{
			in: "Công Tằng Tôn Nữ Thị Mai",
			parts: [numParts]partForms{
				{"Công Tằng Tôn Nữ Thị Mai", "công tằng tôn nữ thị mai", "cong tang ton nu thi mai", "coon tawn2 toon luw3 thi4 mai", "con tan ton lu thi mai", 6, 0b11111},
				{"Công Tằng Tôn Nữ", "công tằng tôn nữ", "cong tang ton nu", "coon tawn2 toon luw3", "con tan ton lu", 4, 0b1111},
				{"Thị", "thị", "thi", "thi4", "thi", 1, 0b1},
				{"Mai", "mai", "mai", "mai", "mai", 1, 0b0},
			},
			group: 0, sex: normalize.Female,
		},
		{
			in: "Tôn Thất Minh",
			parts: [numParts]partForms{
				{"Tôn Thất Minh", "tôn thất minh", "ton that minh", "toon thaat1 minh", "ton that minh", 3, 0b11},
				{"Tôn Thất", "tôn thất", "ton that", "toon thaat1", "ton that", 2, 0b11},
				{"", "", "", "", "", 0, 0b0},
				{"Minh", "minh", "minh", "minh", "minh", 1, 0b0},
			},
			group: 5, sex: normalize.Male,
		},
		{
			in: "Âu Dương Phong",
			parts: [numParts]partForms{
				{"Âu Dương Phong", "âu dương phong", "au duong phong", "aau zuwown phon", "au zuon phon", 3, 0b11},
				{"Âu Dương", "âu dương", "au duong", "aau zuwown", "au zuon", 2, 0b11},
				{"", "", "", "", "", 0, 0b0},
				{"Phong", "phong", "phong", "phon", "phon", 1, 0b0},
			},
			group: 0, sex: normalize.SexUnknown,
		},
		{
			in: "Lan",
			parts: [numParts]partForms{
				{"Lan", "lan", "lan", "lan", "lan", 1, 0b0},
				{"", "", "", "", "", 0, 0b0},
				{"", "", "", "", "", 0, 0b0},
				{"Lan", "lan", "lan", "lan", "lan", 1, 0b0},
			},
			group: 0, sex: normalize.SexUnknown,
		},
		{
			in: "Nguyễn Trãi",
			parts: [numParts]partForms{
				{"Nguyễn Trãi", "nguyễn trãi", "nguyen trai", "nguyeen3 chai3", "nguyen chai", 2, 0b11},
				{"Nguyễn", "nguyễn", "nguyen", "nguyeen3", "nguyen", 1, 0b1},
				{"", "", "", "", "", 0, 0b0},
				{"Trãi", "trãi", "trai", "chai3", "chai", 1, 0b1},
			},
			group: 0, sex: normalize.SexUnknown,
		},
		{
			in: "Hoàng Văn Nam",
			parts: [numParts]partForms{
				{"Hoàng Văn Nam", "hoàng văn nam", "hoang van nam", "hoan2 zawn lam", "hoan zan lam", 3, 0b11},
				{"Hoàng", "hoàng", "hoang", "hoan2", "hoan", 1, 0b1},
				{"Văn", "văn", "van", "zawn", "zan", 1, 0b1},
				{"Nam", "nam", "nam", "lam", "lam", 1, 0b0},
			},
			group: 1, sex: normalize.Male,
		},
		{
			in: "Huynh Van Nam",
			parts: [numParts]partForms{
				{"Huynh Van Nam", "huynh van nam", "huynh van nam", "huynh zan lam", "huynh zan lam", 3, 0b0},
				{"Huynh", "huynh", "huynh", "huynh", "huynh", 1, 0b0},
				{"Van", "van", "van", "zan", "zan", 1, 0b0},
				{"Nam", "nam", "nam", "lam", "lam", 1, 0b0},
			},
			group: 1, sex: normalize.SexUnknown,
		},
		{
			in: "Nguyễn Lê Minh Anh",
			parts: [numParts]partForms{
				{"Nguyễn Lê Minh Anh", "nguyễn lê minh anh", "nguyen le minh anh", "nguyeen3 lee minh anh", "nguyen le minh anh", 4, 0b11},
				{"Nguyễn", "nguyễn", "nguyen", "nguyeen3", "nguyen", 1, 0b1},
				{"Lê Minh", "lê minh", "le minh", "lee minh", "le minh", 2, 0b1},
				{"Anh", "anh", "anh", "anh", "anh", 1, 0b0},
			},
			group: 0, sex: normalize.SexUnknown,
		},
		{
			in: "H'Hen Niê",
			parts: [numParts]partForms{
				{"H'Hen Niê", "h'hen niê", "h'hen nie", "h'hen liee", "h'hen lie", 2, 0b10},
				{"H'Hen", "h'hen", "h'hen", "h'hen", "h'hen", 1, 0b0},
				{"", "", "", "", "", 0, 0b0},
				{"Niê", "niê", "nie", "liee", "lie", 1, 0b1},
			},
			group: 0, sex: normalize.SexUnknown,
		},
		{
			in: "y-bih  niê",
			parts: [numParts]partForms{
				{"Y'Bih Niê", "y'bih niê", "y'bih nie", "y'bih liee", "y'bih lie", 2, 0b10},
				{"Y'Bih", "y'bih", "y'bih", "y'bih", "y'bih", 1, 0b0},
				{"", "", "", "", "", 0, 0b0},
				{"Niê", "niê", "nie", "liee", "lie", 1, 0b1},
			},
			group: 0, sex: normalize.SexUnknown,
		},
		{
			in: "Đặng Thị Đào",
			parts: [numParts]partForms{
				{"Đặng Thị Đào", "đặng thị đào", "dang thi dao", "ddawn4 thi4 ddao2", "zan thi zao", 3, 0b111},
				{"Đặng", "đặng", "dang", "ddawn4", "zan", 1, 0b1},
				{"Thị", "thị", "thi", "thi4", "thi", 1, 0b1},
				{"Đào", "đào", "dao", "ddao2", "zao", 1, 0b1},
			},
			group: 0, sex: normalize.Female,
		},
		{
			in: "Nguyễn,Văn.Đức",
			parts: [numParts]partForms{
				{"Nguyễn Văn Đức", "nguyễn văn đức", "nguyen van duc", "nguyeen3 zawn dduwt1", "nguyen zan zut", 3, 0b111},
				{"Nguyễn", "nguyễn", "nguyen", "nguyeen3", "nguyen", 1, 0b1},
				{"Văn", "văn", "van", "zawn", "zan", 1, 0b1},
				{"Đức", "đức", "duc", "dduwt1", "zut", 1, 0b1},
			},
			group: 0, sex: normalize.Male,
		},
		{
			in: "Lan Thi Nguyen",
			parts: [numParts]partForms{
				{"Lan Thi Nguyen", "lan thi nguyen", "lan thi nguyen", "lan thi nguyen", "lan thi nguyen", 3, 0b0},
				{"Lan", "lan", "lan", "lan", "lan", 1, 0b0},
				{"Thi", "thi", "thi", "thi", "thi", 1, 0b0},
				{"Nguyen", "nguyen", "nguyen", "nguyen", "nguyen", 1, 0b0},
			},
			group: 0, sex: normalize.Female,
		},
		{
			in: "Trần Văn Hưng",
			parts: [numParts]partForms{
				{"Trần Văn Hưng", "trần văn hưng", "tran van hung", "chaan2 zawn huwn", "chan zan hun", 3, 0b111},
				{"Trần", "trần", "tran", "chaan2", "chan", 1, 0b1},
				{"Văn", "văn", "van", "zawn", "zan", 1, 0b1},
				{"Hưng", "hưng", "hung", "huwn", "hun", 1, 0b1},
			},
			group: 0, sex: normalize.Male,
		},
		{
			in: "Phạm Thị Thủy",
			parts: [numParts]partForms{
				{"Phạm Thị Thuỷ", "phạm thị thuỷ", "pham thi thuy", "pham4 thi4 thuy3", "pham thi thuy", 3, 0b111},
				{"Phạm", "phạm", "pham", "pham4", "pham", 1, 0b1},
				{"Thị", "thị", "thi", "thi4", "thi", 1, 0b1},
				{"Thuỷ", "thuỷ", "thuy", "thuy3", "thuy", 1, 0b1},
			},
			group: 0, sex: normalize.Female,
		},
		{
			in: "Nguyễn Phước Bửu Chánh",
			parts: [numParts]partForms{
				{"Nguyễn Phước Bửu Chánh", "nguyễn phước bửu chánh", "nguyen phuoc buu chanh", "nguyeen3 phuwowt1 buwu3 chanh1", "nguyen phuot buu chanh", 4, 0b1111},
				{"Nguyễn Phước", "nguyễn phước", "nguyen phuoc", "nguyeen3 phuwowt1", "nguyen phuot", 2, 0b11},
				{"Bửu", "bửu", "buu", "buwu3", "buu", 1, 0b1},
				{"Chánh", "chánh", "chanh", "chanh1", "chanh", 1, 0b1},
			},
			group: 4, sex: normalize.SexUnknown,
		},
		{
			in: "Müller Straße",
			parts: [numParts]partForms{
				{"Müller Straße", "müller straße", "muller straße", "müller straße", "muller straße", 2, 0b1},
				{"Müller", "müller", "muller", "müller", "muller", 1, 0b1},
				{"", "", "", "", "", 0, 0b0},
				{"Straße", "straße", "straße", "straße", "straße", 1, 0b0},
			},
			group: 0, sex: normalize.SexUnknown,
		},
		{
			in: "ǅ ß ﬁ",
			parts: [numParts]partForms{
				{"Ǆ ß ﬁ", "ǆ ß ﬁ", "ǆ ß ﬁ", "ǆ ß ﬁ", "ǆ ß ﬁ", 3, 0b0},
				{"Ǆ", "ǆ", "ǆ", "ǆ", "ǆ", 1, 0b0},
				{"ß", "ß", "ß", "ß", "ß", 1, 0b0},
				{"ﬁ", "ﬁ", "ﬁ", "ﬁ", "ﬁ", 1, 0b0},
			},
			group: 0, sex: normalize.SexUnknown,
		},
		{
			in: "Lê Minh Anh Thư Ngọc Diệp Hồng Nhung Quỳnh Như",
			parts: [numParts]partForms{
				{"Lê Minh Anh Thư Ngọc Diệp Hồng Nhung Quỳnh Như", "lê minh anh thư ngọc diệp hồng nhung quỳnh như", "le minh anh thu ngoc diep hong nhung quynh nhu", "lee minh anh thuw ngot4 zieep4 hoon2 nhun quinh2 nhuw", "le minh anh thu ngot ziep hon nhun quinh nhu", 10, 0b1101111001},
				{"Lê", "lê", "le", "lee", "le", 1, 0b1},
				{"Minh Anh Thư Ngọc Diệp Hồng Nhung Quỳnh", "minh anh thư ngọc diệp hồng nhung quỳnh", "minh anh thu ngoc diep hong nhung quynh", "minh anh thuw ngot4 zieep4 hoon2 nhun quinh2", "minh anh thu ngot ziep hon nhun quinh", 8, 0b10111100},
				{"Như", "như", "nhu", "nhuw", "nhu", 1, 0b1},
			},
			group: 0, sex: normalize.SexUnknown,
		},
		{
			in: "Tôn Nữ",
			parts: [numParts]partForms{
				{"Tôn Nữ", "tôn nữ", "ton nu", "toon luw3", "ton lu", 2, 0b11},
				{"Tôn", "tôn", "ton", "toon", "ton", 1, 0b1},
				{"", "", "", "", "", 0, 0b0},
				{"Nữ", "nữ", "nu", "luw3", "lu", 1, 0b1},
			},
			group: 0, sex: normalize.SexUnknown,
		},
		{
			in: "Ngô Thị",
			parts: [numParts]partForms{
				{"Ngô Thị", "ngô thị", "ngo thi", "ngoo thi4", "ngo thi", 2, 0b11},
				{"Ngô", "ngô", "ngo", "ngoo", "ngo", 1, 0b1},
				{"", "", "", "", "", 0, 0b0},
				{"Thị", "thị", "thi", "thi4", "thi", 1, 0b1},
			},
			group: 0, sex: normalize.SexUnknown,
		},
		{
			in: "Vũ Quang Huy",
			parts: [numParts]partForms{
				{"Vũ Quang Huy", "vũ quang huy", "vu quang huy", "zu3 quan huy", "zu quan huy", 3, 0b1},
				{"Vũ", "vũ", "vu", "zu3", "zu", 1, 0b1},
				{"Quang", "quang", "quang", "quan", "quan", 1, 0b0},
				{"Huy", "huy", "huy", "huy", "huy", 1, 0b0},
			},
			group: 2, sex: normalize.SexUnknown,
		},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n := mustParse(t, tt.in)
			for p := range numParts {
				f, want := n.run(p), tt.parts[p]
				got := partForms{f.display(), f.key(), f.fold(), f.strict(), f.loose(), f.words(), f.marked()}
				if got != want {
					t.Errorf("part %d = %+v, want %+v", p, got, want)
				}
			}
			full, family, middle, given := tt.parts[partFull], tt.parts[partFamily], tt.parts[partMiddle], tt.parts[partGiven]
			got := []any{n.IsZero(), n.String(), n.Key(), n.Fold(), n.Family(), n.Middle(), n.Given(), n.FamilyKey(),
				n.MiddleKey(), n.GivenKey(), n.FamilyFold(), n.GivenFold(), n.GivenFoldedPhonetic(), n.Words(),
				n.Marked(), n.Phonetic(), n.FoldedPhonetic(), n.SexHint(), n.familyGroup}
			want := []any{false, full.display, full.key, full.fold, family.display, middle.display, given.display,
				family.key, middle.key, given.key, family.fold, given.fold, given.loose, full.words,
				full.marked != 0, full.strict, full.loose, tt.sex, tt.group}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("accessor %d = %v, want %v", i, got[i], want[i])
				}
			}
		})
	}
}

// checkParts reports where the parts of n do not make up the whole name:
// in every form, the non-empty parts joined by single spaces are the whole
// form, the word counts add up, and word i is marked exactly when its key
// differs from its folded key.
func checkParts(t *testing.T, n *Name) {
	t.Helper()
	if n.IsZero() {
		for p := range numParts {
			if f := n.run(p); f.words() != 0 || f.marked() != 0 || f.key() != "" || f.display() != "" || f.loose() != "" {
				t.Fatalf("zero name: part %d is not empty", p)
			}
		}
		return
	}
	for f := range numForms {
		var ws []string
		for _, p := range []part{partFamily, partMiddle, partGiven} {
			if s := n.run(p).form(f); s != "" {
				ws = append(ws, s)
			}
		}
		if got, want := strings.Join(ws, " "), n.run(partFull).form(f); got != want {
			t.Fatalf("form %d: parts joined %q, whole %q", f, got, want)
		}
		if got := strings.Count(n.run(partFull).form(f), " ") + 1; got != n.Words() {
			t.Fatalf("form %d: %d words, want %d", f, got, n.Words())
		}
	}
	if w := n.run(partFamily).words() + n.run(partMiddle).words() + n.run(partGiven).words(); w != n.Words() {
		t.Fatalf("parts have %d words, the name %d", w, n.Words())
	}
	for _, p := range []part{partFull, partFamily, partMiddle, partGiven} {
		r := n.run(p)
		keys, folds := strings.Fields(r.key()), strings.Fields(r.fold())
		if len(keys) != r.words() || len(folds) != r.words() {
			t.Fatalf("part %d: %d keys, %d folded keys, %d words", p, len(keys), len(folds), r.words())
		}
		var marked uint32
		for i := range keys {
			if keys[i] != folds[i] {
				marked |= 1 << i
			}
		}
		if marked != r.marked() {
			t.Fatalf("part %d: marks %b, want %b", p, r.marked(), marked)
		}
	}
	if ws := n.splitWords(); len(ws) != n.Words() || ws[len(ws)-1].key != n.GivenKey() {
		t.Fatalf("splitWords: %d words", len(ws))
	}
}

// TestNameParts checks checkParts on generated names and their reordered
// readings.
func TestNameParts(t *testing.T) {
	checkParts(t, &Name{})
	parsed := 0
	for _, s := range differentialTexts(20000) {
		n, err := Parse(s)
		if err != nil {
			continue
		}
		parsed++
		checkParts(t, &n)
		if v, ok := n.OrderVariant(); ok {
			checkParts(t, &v)
		}
	}
	if parsed < 19000 {
		t.Fatalf("only %d of 20000 texts parsed", parsed)
	}
}

// FuzzNameParts checks checkParts on arbitrary input.
func FuzzNameParts(f *testing.F) {
	for _, s := range differentialTexts(200) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if n, err := Parse(s); err == nil {
			checkParts(t, &n)
		}
	})
}

var accessorSink int

// TestAccessorAllocs checks that no accessor of a Name allocates: each
// returns a substring of the prepared forms.
func TestAccessorAllocs(t *testing.T) {
	n := mustParse(t, "Công Tằng Tôn Nữ Thị Minh Anh")
	allocs := testing.AllocsPerRun(100, func() {
		for _, s := range []string{n.String(), n.Key(), n.Fold(), n.Family(), n.Middle(), n.Given(),
			n.FamilyKey(), n.MiddleKey(), n.GivenKey(), n.FamilyFold(), n.GivenFold(),
			n.GivenFoldedPhonetic(), n.Phonetic(), n.FoldedPhonetic()} {
			accessorSink += len(s)
		}
		accessorSink += n.Words() + int(n.SexHint())
		if n.Marked() && !n.IsZero() {
			accessorSink++
		}
	})
	if allocs != 0 {
		t.Fatalf("accessors allocate %v times", allocs)
	}
}
