package vnperson

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCompareCanonicalIsToCanonical(t *testing.T) {
	base := []Person{
		{ID: "b", FullName: "Nguyễn Văn An", BirthDate: "1990"},
		{ID: "a", FullName: "Trần Thị Bình"},
		{ID: "#3", FullName: "Lê Văn Cường"},
		{FullName: "Lê Văn Cường"},
		{FullName: "Lê Văn Cường", Phone: "0912345678"},
		{ID: "#7", FullName: "Lê Văn Cường"},
		{ID: "a", FullName: "Trần Thị Bình", Source: "ehr"},
		{ID: "b", FullName: "Nguyễn Văn An", BirthDate: "1990"},
	}
	tests := []struct {
		name string
		seed uint64
	}{{"input order", 0}, {"shuffled 1", 1}, {"shuffled 2", 2}, {"shuffled 3", 3}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			people := slices.Clone(base)
			if tt.seed != 0 {
				r := rand.New(rand.NewPCG(tt.seed, 0))
				r.Shuffle(len(people), func(i, j int) { people[i], people[j] = people[j], people[i] })
			}
			recs, _ := Prepare(people, PrepareOptions{Workers: 1})
			var want []int32
			keys := make([]uint64, len(people))
			for i := range people {
				keys[i] = contentKey(&people[i])
			}
			for _, r := range toCanonical(recs, keys, 0) {
				want = append(want, r.Row)
			}
			got := make([]int32, len(people))
			for i := range got {
				got[i] = int32(i)
			}
			slices.SortFunc(got, func(x, y int32) int {
				return CompareCanonical(&people[x], &people[y], int(x), int(y))
			})
			require.Equal(t, want, got)
		})
	}
}
