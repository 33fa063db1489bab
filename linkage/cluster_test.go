package linkage_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/linkage"
)

func TestCluster(t *testing.T) {
	link := func(a, b int32, w float64) linkage.ScoredPair { return linkage.ScoredPair{A: a, B: b, Weight: w} }
	tests := []struct {
		name  string
		n     int
		links []linkage.ScoredPair
		opt   linkage.ClusterOptions
		want  []int32
	}{
		{"no links", 3, nil, linkage.ClusterOptions{}, []int32{0, 1, 2}},
		{"chain", 5, []linkage.ScoredPair{link(4, 3, 1), link(3, 1, 2)}, linkage.ClusterOptions{}, []int32{0, 1, 2, 1, 1}},
		{"self link ignored", 2, []linkage.ScoredPair{link(1, 1, 5)}, linkage.ClusterOptions{}, []int32{0, 1}},
		{
			// 0-1 strong, 1-2 medium, 0-2 cannot link: the weaker 1-2 link is refused.
			"cannot link pair", 3,
			[]linkage.ScoredPair{link(1, 2, 3), link(0, 1, 9)},
			linkage.ClusterOptions{CannotLink: []linkage.Pair{{A: 2, B: 0}}},
			[]int32{0, 0, 2},
		},
		{
			// The constraint holds transitively: 3 joins 2 and 0 joins 1, then
			// the 1-3 bridge would put 0 and 2 together.
			"cannot link across merged clusters", 4,
			[]linkage.ScoredPair{link(1, 3, 1), link(0, 1, 8), link(2, 3, 7)},
			linkage.ClusterOptions{CannotLink: []linkage.Pair{{A: 0, B: 2}}},
			[]int32{0, 0, 2, 2},
		},
		{
			"separate callback", 4,
			[]linkage.ScoredPair{link(0, 1, 5), link(1, 2, 4), link(2, 3, 3)},
			linkage.ClusterOptions{Separate: func(a, b int32) bool { return a%2 == 0 && b%2 == 0 }},
			[]int32{0, 0, 2, 2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := linkage.Cluster(tt.n, tt.links, tt.opt)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestClusterIndependentOfLinkOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const n = 300
	var links []linkage.ScoredPair
	for range 400 {
		links = append(links, linkage.ScoredPair{A: int32(rng.IntN(n)), B: int32(rng.IntN(n)), Weight: float64(rng.IntN(20))})
	}
	var cannot []linkage.Pair
	for range 50 {
		cannot = append(cannot, linkage.Pair{A: int32(rng.IntN(n)), B: int32(rng.IntN(n))})
	}
	opt := linkage.ClusterOptions{CannotLink: cannot}
	want := linkage.Cluster(n, links, opt)
	for trial := range 5 {
		shuffled := append([]linkage.ScoredPair(nil), links...)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if diff := cmp.Diff(want, linkage.Cluster(n, shuffled, opt)); diff != "" {
			t.Errorf("trial %d: labels depend on link order (-want +got)\n%s", trial, diff)
		}
	}
	// No cannot-link pair ends in one cluster, and labels are the smallest member.
	for _, c := range cannot {
		if c.A != c.B && want[c.A] == want[c.B] {
			t.Errorf("cannot-link pair %v in one cluster", c)
		}
	}
	for i, l := range want {
		if l > int32(i) || want[l] != l {
			t.Errorf("record %d has label %d, not the smallest index of its cluster", i, l)
		}
	}
}

func TestClusterDistinctAndMaxSize(t *testing.T) {
	link := func(a, b int32, w float64) linkage.ScoredPair { return linkage.ScoredPair{A: a, B: b, Weight: w} }
	tests := []struct {
		name  string
		n     int
		links []linkage.ScoredPair
		opt   linkage.ClusterOptions
		want  []int32
	}{
		{
			// 0 and 2 are register rows: 1 joins the stronger of them, and the
			// 1-2 link would put both in one cluster.
			"distinct", 3,
			[]linkage.ScoredPair{link(1, 2, 3), link(0, 1, 9)},
			linkage.ClusterOptions{Distinct: []bool{true, false, true}},
			[]int32{0, 0, 2},
		},
		{
			// A distinct row passes its mark to the cluster it joins: 3 joined
			// 1, which joined 2, so 0 cannot join 3.
			"distinct through merges", 4,
			[]linkage.ScoredPair{link(0, 3, 1), link(2, 1, 8), link(1, 3, 7)},
			linkage.ClusterOptions{Distinct: []bool{true, false, true, false}},
			[]int32{0, 1, 1, 1},
		},
		{
			"max size", 5,
			[]linkage.ScoredPair{link(0, 1, 9), link(1, 2, 8), link(2, 3, 7), link(3, 4, 6)},
			linkage.ClusterOptions{MaxSize: 2},
			[]int32{0, 0, 2, 2, 4},
		},
		{
			"max size 0 means none", 3,
			[]linkage.ScoredPair{link(0, 1, 9), link(1, 2, 8)},
			linkage.ClusterOptions{MaxSize: 0},
			[]int32{0, 0, 0},
		},
		{
			"max size negative means none", 3,
			[]linkage.ScoredPair{link(0, 1, 9), link(1, 2, 8)},
			linkage.ClusterOptions{MaxSize: -1},
			[]int32{0, 0, 0},
		},
		{"no records", 0, nil, linkage.ClusterOptions{Distinct: []bool{}}, []int32{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := linkage.Cluster(tt.n, tt.links, tt.opt)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

// TestClusterPanics checks that bad arguments panic before any work, with
// a message that names the argument.
func TestClusterPanics(t *testing.T) {
	ok := []linkage.ScoredPair{{A: 0, B: 1, Weight: 1}}
	tests := []struct {
		name  string
		n     int
		links []linkage.ScoredPair
		opt   linkage.ClusterOptions
		want  string
	}{
		{"negative n", -1, nil, linkage.ClusterOptions{}, "linkage.Cluster: record count -1 outside [0, 2147483647]"},
		{"link beyond n", 2, []linkage.ScoredPair{{A: 0, B: 2}}, linkage.ClusterOptions{}, "linkage.Cluster: link index out of range"},
		{"negative link", 2, []linkage.ScoredPair{{A: -1, B: 0}}, linkage.ClusterOptions{}, "linkage.Cluster: link index out of range"},
		{"cannot-link beyond n", 2, ok, linkage.ClusterOptions{CannotLink: []linkage.Pair{{A: 5, B: 0}}}, "linkage.Cluster: cannot-link index out of range"},
		{"distinct length", 2, ok, linkage.ClusterOptions{Distinct: []bool{true}}, "linkage.Cluster: len(Distinct) != n"},
	}
	if math.MaxInt > math.MaxInt32 {
		big := int64(math.MaxInt32) + 1 // a variable: the constant overflows a 32-bit int
		tests = append(tests, struct {
			name  string
			n     int
			links []linkage.ScoredPair
			opt   linkage.ClusterOptions
			want  string
		}{"n above int32", int(big), nil, linkage.ClusterOptions{}, "linkage.Cluster: record count 2147483648 outside [0, 2147483647]"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.PanicsWithValue(t, tt.want, func() { linkage.Cluster(tt.n, tt.links, tt.opt) })
		})
	}
}

// FuzzCluster clusters random links under random constraints and checks
// the contract: labels are the smallest member of their cluster, no
// constraint is broken, unconstrained clusters are the connected
// components, and the link order does not matter.
func FuzzCluster(f *testing.F) {
	f.Add([]byte{5, 0, 1, 9, 1, 2, 3, 3, 4, 1}, uint8(0), uint8(0))
	f.Add([]byte{8, 0, 1, 9, 1, 2, 8, 2, 3, 7, 3, 4, 6, 5, 6, 1, 6, 7, 1}, uint8(3), uint8(0b1010))
	f.Add([]byte{4, 0, 0, 1, 3, 3, 0, 2, 1, 5}, uint8(1), uint8(0xff))
	f.Add([]byte{}, uint8(0), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, maxSize uint8, distinctBits uint8) {
		if len(data) == 0 {
			return
		}
		n := int(data[0]%16) + 1
		var links []linkage.ScoredPair
		var cannot []linkage.Pair
		for i := 1; i+2 < len(data); i += 3 {
			a, b := int32(data[i]%uint8(n)), int32(data[i+1]%uint8(n))
			if data[i+2] == 255 {
				cannot = append(cannot, linkage.Pair{A: a, B: b})
				continue
			}
			links = append(links, linkage.ScoredPair{A: a, B: b, Weight: float64(data[i+2] % 8)})
		}
		distinct := make([]bool, n)
		for i := range min(n, 8) {
			distinct[i] = distinctBits>>i&1 == 1
		}
		opt := linkage.ClusterOptions{CannotLink: cannot, Distinct: distinct, MaxSize: int(maxSize % 6)}
		labels := linkage.Cluster(n, links, opt)
		require.Len(t, labels, n)
		size := map[int32]int{}
		registry := map[int32]int{}
		for i, l := range labels {
			require.True(t, l <= int32(i) && labels[l] == l, "record %d: label %d is not the smallest member", i, l)
			size[l]++
			if distinct[i] {
				registry[l]++
			}
		}
		for l, s := range size {
			if opt.MaxSize > 0 {
				assert.LessOrEqual(t, s, opt.MaxSize, "cluster %d", l)
			}
			assert.LessOrEqual(t, registry[l], 1, "cluster %d holds two distinct records", l)
		}
		for _, c := range cannot {
			if c.A != c.B {
				assert.NotEqual(t, labels[c.A], labels[c.B], "cannot-link pair %v in one cluster", c)
			}
		}
		reversed := slices.Clone(links)
		slices.Reverse(reversed)
		assert.Equal(t, labels, linkage.Cluster(n, reversed, opt), "labels depend on link order")
		// Without constraints: the connected components.
		free := linkage.Cluster(n, links, linkage.ClusterOptions{})
		comp := make([]int32, n)
		for i := range comp {
			comp[i] = int32(i)
		}
		for changed := true; changed; {
			changed = false
			for _, l := range links {
				if m := min(comp[l.A], comp[l.B]); comp[l.A] != m || comp[l.B] != m {
					comp[l.A], comp[l.B] = m, m
					changed = true
				}
			}
		}
		assert.Equal(t, comp, free, "unconstrained clusters are not the connected components")
	})
}
