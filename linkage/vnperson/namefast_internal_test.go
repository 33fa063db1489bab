package vnperson

import (
	"math/rand/v2"
	"testing"

	"github.com/vnlink/vnlink/vnname"
)

// TestNameLevelMatchesCompare checks that the fast path of the name
// comparison gives exactly vnname.Compare on every pair of a varied set of
// names: marks missing, typos, variants, swaps, one-word and compound names,
// pairs whose whole names are similar but whose given names are not, and
// pairs one typo apart whose Jaro–Winkler similarity is low.
func TestNameLevelMatchesCompare(t *testing.T) {
	base := []string{
		"Nguyễn Thị Lan", "Nguyen Thi Lan", "NGUYỄN THỊ LAN", "Nguyễn Lan", "Lan Nguyễn", "Nguyễn Thị Lành",
		"Trần Văn Hùng", "Tran Van Hung", "Trần Văn Hưng", "Chần Văn Hùng", "Trần Hùng", "Hùng Trần",
		"Hoàng Văn Nam", "Huỳnh Văn Nam", "Hoang Van Nam", "Huynh Van Nam", "Vũ Thị Mai", "Võ Thị Mai", "Vu Thi Mai",
		"Tôn Nữ Thị Lan", "Ton Nu Thi Lan", "Tôn Thất Minh", "Âu Dương Phong", "Lan", "Trãi", "Nguyễn Trãi",
		"Lê Minh Anh", "Le Minh Anh", "Lê Anh", "Lê Minh Ánh", "Lê Minh Anhh", "Lêe Minh Anh", "Phạm Thị Thuỷ", "Phạm Thị Thủy",
		"Phạm Thị Thũy", "Pham Thi Thuy", "Đặng Quốc Dũng", "Dang Quoc Dung", "Đặng Quốc Giũng", "Đặng Quốc Vũng",
		"Nguyễn Lê Minh Anh", "Nguyễn Minh Anh", "H'Hen Niê", "Con bà Nguyễn Thị Lan", "Lý Thị Yến", "Lí Thị Iến",
		"Nguyễn Thị Hằng", "Nguyen Thi Anh", "Nguyễn Thị Lam", "Nguyến Văn Giũng", "Nguyễn Văn Dũng",
		"Phạm Văn Hoàng", "Phm Văn Hoàng", "Lê An", "Lý An", "Le An", "Lê Na",
	}
	names := make([]vnname.Name, 0, len(base))
	for _, s := range base {
		n, err := vnname.Parse(s)
		if err != nil {
			t.Fatalf("parse %d: %v", len(names), err)
		}
		names = append(names, n)
	}
	// Random recombinations of the words of the base names.
	rng := rand.New(rand.NewPCG(1, 2))
	var words []string
	for _, n := range names {
		words = append(words, n.Family(), n.Given())
	}
	for i := 0; i < 300; i++ {
		s := words[rng.IntN(len(words))] + " " + words[rng.IntN(len(words))] + " " + words[rng.IntN(len(words))]
		if n, err := vnname.Parse(s); err == nil {
			names = append(names, n)
		}
	}
	recs := make([]Record, len(names)+1) // the last one has no name
	for i, n := range names {
		recs[i].Name = n
		recs[i].name = newNameFeatures(&recs[i].Name, nil)
	}
	for i := range recs {
		for j := range recs {
			want := int(vnname.Compare(&recs[i].Name, &recs[j].Name))
			if got := nameLevel(&recs[i], &recs[j]); got != want {
				t.Errorf("names %d and %d: fast level %d, vnname.Compare %d", i, j, got, want)
			}
		}
	}
}

// TestNameLevelCollisions checks that a collision of the key hashes of
// nameFeatures cannot change the level: on every pair, the hashes of one
// record are overwritten with those of the other, as if every key had
// collided, and the fast path must still give vnname.Compare.
func TestNameLevelCollisions(t *testing.T) {
	texts := []string{
		"Nguyễn Thị Lan", "Nguyen Thi Lan", "Trần Văn Hùng", "Trần Văn Hưng", "Hoàng Văn Nam", "Huỳnh Văn Nam",
		"Nguyễn Lan", "Lan Nguyễn", "Lê Minh Anh", "Lê Minh Anhh", "Phạm Văn Hoàng", "Phm Văn Hoàng", "Lan", "Tôn Nữ Thị Lan",
	}
	recs := make([]Record, len(texts))
	for i, s := range texts {
		n, err := vnname.Parse(s)
		if err != nil {
			t.Fatalf("parse %d: %v", i, err)
		}
		recs[i].Name = n
		recs[i].name = newNameFeatures(&recs[i].Name, nil)
	}
	skipped := 0
	for i := range recs {
		for j := range recs {
			b := recs[j]
			b.name.given, b.name.family, b.name.group = recs[i].name.given, recs[i].name.family, recs[i].name.group
			want := int(vnname.Compare(&recs[i].Name, &b.Name))
			if got := nameLevel(&recs[i], &b); got != want {
				t.Errorf("names %d and %d with colliding hashes: fast level %d, vnname.Compare %d", i, j, got, want)
			}
			if nameLevel(&recs[i], &recs[j]) == int(vnname.AgreeDifferent) {
				skipped++
			}
		}
	}
	if skipped == 0 {
		t.Fatal("no pair is AgreeDifferent: the test checks nothing")
	}
}

// TestKeyHash checks that only "" hashes to 0 (nameFeatures reads 0 as no
// key) and that the hash tells apart the keys of a few names.
func TestKeyHash(t *testing.T) {
	if keyHash("") != 0 {
		t.Fatal(`keyHash("") != 0`)
	}
	seen := map[uint64]string{}
	for _, k := range []string{"a", "lan", "lanh", "nguyen", "nguyeen3", "hun", "hung", "thi", "van", " "} {
		h := keyHash(k)
		if h == 0 {
			t.Errorf("keyHash(%q) = 0", k)
		}
		if prev, ok := seen[h]; ok {
			t.Errorf("keyHash(%q) = keyHash(%q)", k, prev)
		}
		seen[h] = k
	}
}

// FuzzNameLevel checks the fast path of the name comparison against
// vnname.Compare on arbitrary pairs of names.
func FuzzNameLevel(f *testing.F) {
	seeds := [][2]string{
		{"Nguyễn Thị Lan", "Nguyen Thi Lan"}, {"Hoàng Văn Nam", "Huỳnh Văn Nam"}, {"Nguyễn Lan", "Lan Nguyễn"},
		{"Trần Văn Hùng", "Trần Văn Hưng"}, {"Tôn Nữ Thị Lan", "Lan"}, {"Lê Minh Anh", "Lê Minh Anhh"},
		{"Vũ Thị Mai", "Võ Thị Mai"}, {"Âu Dương Phong", "Dương Âu Phong"},
		{"Nguyễn Thị Hằng", "Nguyen Thi Anh"}, {"Phạm Văn Hoàng", "Phm Văn Hoàng"}, {"Lê An", "Lý An"},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, x, y string) {
		var recs [2]Record
		for i, s := range []string{x, y} {
			if n, err := vnname.Parse(s); err == nil {
				recs[i].Name = n
				recs[i].name = newNameFeatures(&recs[i].Name, nil)
			}
		}
		want := int(vnname.Compare(&recs[0].Name, &recs[1].Name))
		if got := nameLevel(&recs[0], &recs[1]); got != want {
			t.Errorf("fast level %d, vnname.Compare %d", got, want)
		}
		if got := nameLevel(&recs[1], &recs[0]); got != want {
			t.Errorf("reversed: fast level %d, vnname.Compare %d", got, want)
		}
	})
}
