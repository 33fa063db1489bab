package vnperson_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/linkagetest"
	"github.com/vnlink/vnlink/linkage/vnperson"
	"github.com/vnlink/vnlink/normalize"
)

func TestComparisonLevels(t *testing.T) {
	byName := map[string]linkage.Comparison[vnperson.Record]{}
	for _, c := range vnperson.DefaultComparisons() {
		byName[c.Name] = c
	}
	tests := []struct {
		comparison string
		a, b       vnperson.Person
		want       string
	}{
		{"national_id", vnperson.Person{NationalID: "001190012345"}, vnperson.Person{NationalID: "1190012345"}, "cccd_exact"},
		{"national_id", vnperson.Person{NationalID: "001190012345"}, vnperson.Person{NationalID: "001190012845"}, "one_digit_typo"},
		{"national_id", vnperson.Person{NationalID: "001190012345"}, vnperson.Person{NationalID: "001190012354"}, "one_digit_typo"},
		{"national_id", vnperson.Person{NationalID: "001190012345"}, vnperson.Person{NationalID: "001190099999"}, "different"},
		{"national_id", vnperson.Person{NationalID: "018626014"}, vnperson.Person{OldID: "018626014"}, "cmnd_exact"},
		{"national_id", vnperson.Person{NationalID: "018626014"}, vnperson.Person{NationalID: "018626041"}, "one_digit_typo"},
		{"national_id", vnperson.Person{NationalID: "001190012345"}, vnperson.Person{NationalID: "012345678"}, "null"},
		{"national_id", vnperson.Person{NationalID: "001190012345"}, vnperson.Person{}, "null"},
		{"national_id", vnperson.Person{NationalID: "001190012345", OldID: "012345678"}, vnperson.Person{NationalID: "001190012399", OldID: "012345678"}, "different"},
		{"bhxh", vnperson.Person{InsuranceID: "DN4010123456789"}, vnperson.Person{InsuranceID: "HT3010123456789"}, "exact"},
		{"bhxh", vnperson.Person{InsuranceID: "DN4010123456789"}, vnperson.Person{InsuranceID: "0123456789"}, "exact"},
		{"bhxh", vnperson.Person{InsuranceID: "DN4010123456789"}, vnperson.Person{InsuranceID: "0123456788"}, "else"},
		{"bhxh", vnperson.Person{InsuranceID: "DN4010123456789"}, vnperson.Person{}, "null"},
		{"name", vnperson.Person{FullName: "Nguyễn Thị Lan"}, vnperson.Person{FullName: "NGUYỄN THỊ LAN"}, "exact"},
		{"name", vnperson.Person{FullName: "Nguyễn Thị Lan"}, vnperson.Person{FullName: "Nguyen Thi Lan"}, "missing_marks"},
		{"name", vnperson.Person{FullName: "Lê Hoàng Anh"}, vnperson.Person{FullName: "Huỳnh Hoàng Anh"}, "different"},
		{"name", vnperson.Person{FullName: "Hoàng Văn Nam"}, vnperson.Person{FullName: "Huỳnh Văn Nam"}, "variant"},
		{"name", vnperson.Person{FullName: "Nguyễn Thị Lan"}, vnperson.Person{FullName: "Nguyễn Lan"}, "middle_differs"},
		{"name", vnperson.Person{FullName: "Trần Văn Hùng"}, vnperson.Person{FullName: "Trần Văn Hưng"}, "marks_differ"},
		{"name", vnperson.Person{FullName: "Nguyễn Thị Lan"}, vnperson.Person{FullName: "Nguyễn Thị Lanh"}, "similar"},
		{"name", vnperson.Person{FullName: "Lương Công Long"}, vnperson.Person{FullName: "Lương Công Log"}, "similar"},
		{"name", vnperson.Person{FullName: "Nguyễn Thị Hằng"}, vnperson.Person{FullName: "Nguyen Thi Anh"}, "different"},
		{"name", vnperson.Person{FullName: "Nguyễn Thị Lan"}, vnperson.Person{}, "null"},
		{"birth_date", vnperson.Person{BirthDate: "03/04/1990"}, vnperson.Person{BirthDate: "1990-04-03"}, "exact"},
		{"birth_date", vnperson.Person{BirthDate: "03/04/1990"}, vnperson.Person{BirthDate: "04/03/1990"}, "day_month_swapped"},
		{"birth_date", vnperson.Person{BirthDate: "03/04/1990"}, vnperson.Person{BirthDate: "03/04/1980"}, "one_digit_typo"},
		{"birth_date", vnperson.Person{BirthDate: "03/04/1990"}, vnperson.Person{BirthDate: "03/04/1909"}, "one_digit_typo"},
		{"birth_date", vnperson.Person{BirthDate: "03/04/1990"}, vnperson.Person{BirthDate: "25/04/1990"}, "year_month"},
		{"birth_date", vnperson.Person{BirthDate: "03/04/1990"}, vnperson.Person{BirthDate: "04/1990"}, "year_month"},
		{"birth_date", vnperson.Person{BirthDate: "03/04/1990"}, vnperson.Person{BirthDate: "1990"}, "year_only"},
		{"birth_date", vnperson.Person{BirthDate: "03/04/1990"}, vnperson.Person{BirthDate: "25/12/1991"}, "year_within_1"},
		{"birth_date", vnperson.Person{BirthDate: "1990"}, vnperson.Person{BirthDate: "1989"}, "year_within_1"},
		{"birth_date", vnperson.Person{BirthDate: "03/04/1990"}, vnperson.Person{BirthDate: "25/12/1995"}, "different"},
		{"birth_date", vnperson.Person{BirthDate: "03/04/1990"}, vnperson.Person{BirthDate: "not a date"}, "null"},
		{"sex", vnperson.Person{Sex: "Nữ"}, vnperson.Person{Sex: "2"}, "exact"},
		{"sex", vnperson.Person{Sex: "Nữ", FullName: "Nguyễn Thị Lan"}, vnperson.Person{Sex: "Nam", FullName: "Nguyễn Thị Lan"}, "name_hint_agrees"},
		{"sex", vnperson.Person{Sex: "Nữ", FullName: "Nguyễn Lan"}, vnperson.Person{Sex: "Nam", FullName: "Nguyễn Lan"}, "different"},
		{"sex", vnperson.Person{Sex: "Nữ"}, vnperson.Person{}, "null"},
		{"phone", vnperson.Person{Phone: "0912345678"}, vnperson.Person{Phone: "+84 912 345 678"}, "exact"},
		{"phone", vnperson.Person{Phone: "0912345678"}, vnperson.Person{Phone: "0912345679"}, "else"},
		{"address", vnperson.Person{Address: "Thôn Đoài, xã Ngọc Hồi, Hà Nội"}, vnperson.Person{Address: "THON DOAI, XA NGOC HOI, HA NOI"}, "ward_and_place"},
		{"address", vnperson.Person{Address: "Thôn Đoài, xã Ngọc Hồi, Hà Nội"}, vnperson.Person{Address: "Thôn Đoài, xã Đại Áng, Hà Nội"}, "place"},
		{"address", vnperson.Person{Address: "Thôn Đoài, xã Ngọc Hồi, Hà Nội"}, vnperson.Person{Address: "Thôn Đông, xã Ngọc Hồi, Hà Nội"}, "ward"},
		{"address", vnperson.Person{Address: "Thôn Đoài, xã Ngọc Hồi, Hà Nội"}, vnperson.Person{Address: "Thôn Đông, xã Đại Áng, Hà Nội"}, "different"},
		{"address", vnperson.Person{Address: "Thôn Đoài, xã Ngọc Hồi, Hà Nội", Phone: "0912345678"}, vnperson.Person{Address: "Thôn Đoài, xã Ngọc Hồi, Hà Nội", Phone: "0912345678"}, "null"},
		{"address", vnperson.Person{Address: "Thôn Đoài, xã Ngọc Hồi, Hà Nội", Phone: "0912345678"}, vnperson.Person{Address: "Thôn Đông, xã Đại Áng, Hà Nội", Phone: "0912345678"}, "null"},
		{"address", vnperson.Person{Address: "Thôn Đoài, xã Ngọc Hồi, Hà Nội", Phone: "0912345678"}, vnperson.Person{Address: "Thôn Đoài, xã Ngọc Hồi, Hà Nội", Phone: "0912345679"}, "ward_and_place"},
		{"address", vnperson.Person{Address: "Thôn Đoài, xã Ngọc Hồi, Hà Nội", Phone: "0912345678"}, vnperson.Person{Address: "Thôn Đoài, xã Ngọc Hồi, Hà Nội"}, "ward_and_place"},
		{"ethnicity", vnperson.Person{Ethnicity: "Kinh"}, vnperson.Person{Ethnicity: "01"}, "exact"},
		{"ethnicity", vnperson.Person{Ethnicity: "Kinh"}, vnperson.Person{Ethnicity: "Tày"}, "else"},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprintf("%s/%d", tt.comparison, i), func(t *testing.T) {
			c, ok := byName[tt.comparison]
			if !ok {
				t.Fatalf("no comparison %q", tt.comparison)
			}
			r := prepare(t, tt.a, tt.b)
			ab, ba := c.Label(c.Level(&r[0], &r[1])), c.Label(c.Level(&r[1], &r[0]))
			if diff := cmp.Diff([2]string{tt.want, tt.want}, [2]string{ab, ba}); diff != "" {
				t.Errorf("levels (a,b), (b,a) (-want +got):\n%s", diff)
			}
		})
	}
}

func TestComparisonsConform(t *testing.T) {
	// Besides the messy people: a child recorded with a parent's CCCD
	// twice (borrowed: missing for cccd_exact and its ExactKey), and the
	// same day read day first and month first (Prepare drops the parser's
	// flags, so both the level and the ExactKey say exact).
	extra := []vnperson.Person{
		{FullName: "Lê Minh An", BirthDate: "05/06/2018", NationalID: "001190012345"},
		{FullName: "Lê Minh An", BirthDate: "05/06/2018", NationalID: "001190012345"},
		{FullName: "Trần Văn Bình", BirthDate: "13/04/1990"},
		{FullName: "Trần Văn Bình", BirthDate: "04/13/1990"},
	}
	recs := prepare(t, append(messyPeople(), extra...)...)
	for _, c := range vnperson.DefaultComparisons() {
		t.Run(c.Name, func(t *testing.T) {
			linkagetest.CheckComparison(t, c, recs)
		})
	}
}

func TestOneDigitApart(t *testing.T) {
	tests := []struct {
		x, y uint64
		want bool
	}{
		{12345, 12345, false},
		{12345, 12375, true},
		{12345, 12354, true},
		{12345, 21345, true},
		{12345, 13245, true},
		{12345, 12435, true},
		{12345, 13254, false},
		{12345, 12367, false},
		{12345, 2345, true}, // a leading digit replaced by 0
		{102, 201, false},   // not adjacent
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d-%d", tt.x, tt.y), func(t *testing.T) {
			got := [2]bool{vnperson.OneDigitApart(tt.x, tt.y), vnperson.OneDigitApart(tt.y, tt.x)}
			if diff := cmp.Diff([2]bool{tt.want, tt.want}, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestCannotLink(t *testing.T) {
	recs := prepare(t, messyPeople()...)
	tests := []struct {
		a, b int
		want bool
	}{
		{0, 1, false}, // same CCCD
		{0, 2, false}, // one transposition apart: maybe a typo
		{0, 3, true},  // two different valid CCCDs
		{4, 5, false}, // CMND only
		{0, 4, false}, // CCCD and CMND are never compared
		{0, 7, false}, // missing
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d-%d", tt.a, tt.b), func(t *testing.T) {
			got := [2]bool{vnperson.CannotLink(&recs[tt.a], &recs[tt.b]), vnperson.CannotLink(&recs[tt.b], &recs[tt.a])}
			if diff := cmp.Diff([2]bool{tt.want, tt.want}, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestScoringAllocatesNothing(t *testing.T) {
	recs := prepare(t, messyPeople()...)
	m, err := vnperson.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	var sink float64
	allocs := testing.AllocsPerRun(20, func() {
		for i := range recs {
			for j := range recs {
				sink += m.Score(&recs[i], &recs[j])
				if vnperson.CannotLink(&recs[i], &recs[j]) {
					sink++
				}
			}
		}
	})
	if allocs != 0 {
		t.Errorf("scoring %d pairs allocates %v times, want 0", len(recs)*len(recs), allocs)
	}
	_ = sink
}

func TestDefaultRulesDeterministic(t *testing.T) {
	// Blocking keys are computed once per record; the rules must accept
	// every prepared record, including an empty one, and be deterministic.
	recs := prepare(t, messyPeople()...)
	b, err := newDefaultBlocker()
	if err != nil {
		t.Fatal(err)
	}
	c1, err := b.Dedupe(recs)
	if err != nil {
		t.Fatal(err)
	}
	c2, _ := b.Dedupe(recs)
	var p1, p2 []string
	for p := range c1.Pairs() {
		p1 = append(p1, fmt.Sprint(p))
	}
	for p := range c2.Pairs() {
		p2 = append(p2, fmt.Sprint(p))
	}
	if diff := cmp.Diff(p1, p2); diff != "" {
		t.Errorf("pairs differ between runs (-first +second):\n%s", diff)
	}
	if len(p1) == 0 {
		t.Error("no candidate pairs on the messy sample")
	}
}

func TestHandBuiltRecords(t *testing.T) {
	// Records built without Prepare lack the precomputed features; the
	// comparisons must still give the documented levels.
	id := vnperson.NationalIDComparison()
	birth := vnperson.BirthDateComparison()
	d1, _ := normalize.NewDate(1990, 4, 3)
	d2, _ := normalize.NewDate(1980, 4, 3)
	a := vnperson.Record{CCCD: 1190012345, Birth: d1}
	b := vnperson.Record{CCCD: 1190012354, Birth: d2}
	got := []string{id.Label(id.Level(&a, &b)), birth.Label(birth.Level(&a, &b))}
	if diff := cmp.Diff([]string{"one_digit_typo", "one_digit_typo"}, got); diff != "" {
		t.Errorf("levels (-want +got):\n%s", diff)
	}
}
