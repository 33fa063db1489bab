package vnname

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFamilyShare(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"Nguyễn", 0.38},
		{"NGUYỄN", 0.38},
		{"Trần", 0.11},
		{"Hoàng", 0.051},
		{"Huỳnh", 0.051},
		{"Võ", 0.039},
		{"Lý", 0.005},
		{"Nguyen", 0}, // unmarked: not looked up
		{"Kiều", 0},
		{"", 0},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, FamilyShare(tt.in)); diff != "" {
				t.Errorf("FamilyShare mismatch (-want +got):\n%s", diff)
			}
		})
	}
	total := 0.0
	for _, s := range familyShares {
		total += s.share
	}
	if total < 0.85 || total > 0.95 {
		t.Errorf("the fourteen shares add up to %v, want about 0.9", total)
	}
}

func TestFrequencies(t *testing.T) {
	var zero Frequencies
	if got := []float64{zero.FullName("x"), zero.Given("x"), zero.Family("x")}; !cmp.Equal([]float64{0, 0, 0}, got) {
		t.Errorf("zero Frequencies shares = %v, want zeros", got)
	}
	inputs := []string{
		"Nguyễn Thị Lan", "NGUYỄN THỊ LAN", "Nguyen Thi Lan", "Trần Thị Lan",
		"Nguyễn Văn Nam", "Lan", "Tôn Nữ Thị Lan",
	}
	names := make([]Name, len(inputs))
	for i, s := range inputs {
		names[i] = mustParse(t, s)
	}
	type shares struct {
		Total                                    int
		FullLan, FullUnmarked, GivenLan          float64
		FamilyNguyen, FamilyTonNu, FamilyMissing float64
	}
	measure := func(order []int) shares {
		var f Frequencies
		f.Add(Name{}) // not counted
		for _, i := range order {
			f.Add(names[i])
		}
		return shares{
			Total:         f.Total(),
			FullLan:       f.FullName("nguyễn thị lan"),
			FullUnmarked:  f.FullName("nguyen thi lan"),
			GivenLan:      f.Given("lan"),
			FamilyNguyen:  f.Family("nguyễn"),
			FamilyTonNu:   f.Family("tôn nữ"),
			FamilyMissing: f.Family(""),
		}
	}
	want := shares{
		Total:        7,
		FullLan:      2.0 / 7,
		FullUnmarked: 1.0 / 7,
		GivenLan:     6.0 / 7, // Lan has no marks: Nguyen Thi Lan counts too
		FamilyNguyen: 3.0 / 6, // the one-word name has no family name
		FamilyTonNu:  1.0 / 6,
	}
	rng := rand.New(rand.NewPCG(7, 7))
	for trial := range 5 {
		order := rng.Perm(len(names))
		got := measure(order)
		if diff := cmp.Diff(want, got, cmp.Comparer(func(x, y float64) bool { return math.Abs(x-y) < 1e-12 })); diff != "" {
			t.Errorf("trial %d (order %v) mismatch (-want +got):\n%s", trial, order, diff)
		}
	}
}

func TestFrequenciesAllocs(t *testing.T) {
	var f Frequencies
	f.Add(mustParse(t, "Nguyễn Thị Lan"))
	key := "nguyễn thị lan"
	var sink float64
	allocs := testing.AllocsPerRun(100, func() {
		sink += f.FullName(key) + f.Given("lan") + f.Family("nguyễn")
	})
	if allocs > 0 {
		t.Errorf("Frequencies lookups allocate %v times per run, want 0", allocs)
	}
}
