package linkage_test

import (
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

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
