package vnperson_test

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

// distinctNames returns n different full names, none of them "Nguyễn Thị
// Lan" or "Lê Văn Hùng".
func distinctNames(n int) []string {
	families := []string{"Trần", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"}
	given := []string{"An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hải", "Khánh", "Long", "Minh"}
	names := make([]string, 0, n)
	for _, f := range families {
		for _, g := range given {
			names = append(names, f+" Văn "+g)
		}
	}
	return names[:n]
}

func TestNameFrequencyByBirthYear(t *testing.T) {
	// 1985: 20 Nguyễn Thị Lan among 40; 2001: one among 40; 1960: a year
	// of two records, both Lê Văn Hùng; one Nguyễn Thị Lan without a birth
	// date. Every other name is held once.
	var people []vnperson.Person
	add := func(name, birth string) int {
		people = append(people, vnperson.Person{FullName: name, BirthDate: birth})
		return len(people) - 1
	}
	names := distinctNames(59)
	lan1985 := add("Nguyễn Thị Lan", "15/06/1985")
	for range 19 {
		add("Nguyễn Thị Lan", "02/01/1985")
	}
	for _, n := range names[:20] {
		add(n, "1985")
	}
	lan2001 := add("Nguyễn Thị Lan", "03/03/2001")
	for _, n := range names[20:] {
		add(n, "04/2001")
	}
	hung := add("Lê Văn Hùng", "01/01/1960")
	add("Le Van Hung", "1960")
	lanNoYear := add("Nguyễn Thị Lan", "")
	unique := 1 + lan2001
	recs := prepare(t, people...)
	require.Len(t, recs, 83)

	const total = 83
	lanOverall := 22.0 / total
	tests := []struct {
		name string
		row  int
		want float64
	}{
		// Over the 82 other records, 21 hold the name: 10 expected among
		// the 39 others of 1985, 19 seen.
		{"common name in its year", lan1985, linkage.GroupFrequency(22, total, 20, 40, vnperson.NameYearStrength)},
		{"common name rare in its year", lan2001, linkage.GroupFrequency(22, total, 1, 40, vnperson.NameYearStrength)},
		{"missing birth year: the overall frequency", lanNoYear, lanOverall},
		{"name held once", unique, 1.0 / total},
		{"sparse year", hung, linkage.GroupFrequency(2, total, 2, 2, vnperson.NameYearStrength)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, recs[tt.row].NameFrequency)
		})
	}
	assert.Greater(t, recs[lan1985].NameFrequency, 1.4*lanOverall, "common in 1985")
	assert.Less(t, recs[lan1985].NameFrequency, 20.0/40, "shrunk toward the overall frequency")
	assert.Less(t, recs[lan2001].NameFrequency, lanOverall/2, "rare in 2001")
	// Alone in their year the two records would have the frequency 1;
	// they stay within 25% of the overall 2/83.
	assert.InEpsilon(t, 2.0/total, recs[hung].NameFrequency, 0.25, "sparse year")
	for i := range recs {
		if recs[i].Name.Fold() == recs[lan1985].Name.Fold() && recs[i].Birth.Year() == 1985 {
			assert.Equal(t, recs[lan1985].NameFrequency, recs[i].NameFrequency, "row %d: same name and year, same frequency", i)
		}
	}
}

// TestSameNameSameBirthDateInItsYear scores two different women with the
// same name, birth date and commune, the name common among the records born
// that year: their name agreement weighs log2(f_year/f_overall) bits less
// than with the overall frequency, so the pair scores lower than it did.
func TestSameNameSameBirthDateInItsYear(t *testing.T) {
	var people []vnperson.Person
	for i := range 30 {
		people = append(people, vnperson.Person{FullName: "Nguyễn Thị Lan", BirthDate: fmt.Sprintf("%02d/%02d/1985", 1+i%28, 1+i%12), Sex: "Nữ"})
	}
	// Others born over 60 years, a few of them in 1985.
	for i, n := range distinctNames(100) {
		people = append(people, vnperson.Person{FullName: n, BirthDate: strconv.Itoa(1950 + i%60), Sex: "Nam"})
	}
	address := "Thôn Đoài, xã Ngọc Hồi, thành phố Hà Nội"
	a := len(people)
	people = append(people,
		vnperson.Person{FullName: "Nguyễn Thị Lan", BirthDate: "15/06/1985", Sex: "Nữ", Phone: "0912345678", Address: address},
		vnperson.Person{FullName: "Nguyễn Thị Lan", BirthDate: "15/06/1985", Sex: "Nữ", Phone: "0987654321", Address: address})
	recs := prepare(t, people...)
	model, err := vnperson.PretrainedModel()
	require.NoError(t, err)

	overall := linkage.RelativeFrequency(32, uint64(len(recs)))
	inYear := recs[a].NameFrequency
	require.Equal(t, inYear, recs[a+1].NameFrequency)
	require.Greater(t, inYear, 1.5*overall, "the name is common among those born in 1985")

	before := slices.Clone(recs[a : a+2])
	before[0].NameFrequency, before[1].NameFrequency = overall, overall
	w := model.Score(&recs[a], &recs[a+1])
	wBefore := model.Score(&before[0], &before[1])
	assert.InDelta(t, math.Log2(inYear/overall), wBefore-w, 1e-9, "the name's exact level weighs log2(m/tf)")
	assert.Less(t, linkage.Probability(w), linkage.Probability(wBefore))
}
