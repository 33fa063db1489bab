package linkage

import (
	"cmp"
	"math"
	"slices"
	"strconv"
)

// ClusterOptions configure Cluster. The zero value has no constraints.
type ClusterOptions struct {
	// CannotLink lists pairs of records that must not end in the same
	// cluster (for example, two different valid national IDs).
	CannotLink []Pair
	// Separate, when set, reports whether two records must not end in the
	// same cluster. It is called for every pair of records across two
	// clusters about to merge, so it costs |X|·|Y| calls per merge; keep it
	// for small clusters, and prefer CannotLink for known pairs.
	Separate func(a, b int32) bool
	// Distinct, when not nil, has one entry per record: records marked true
	// are known to be different people from one another (the rows of an
	// authoritative register), so no cluster ever holds two of them. It is
	// checked in O(1) per merge.
	Distinct []bool
	// MaxSize, when positive, is the most records a cluster may hold: a
	// merge that would exceed it is refused. It bounds the work of Separate
	// and stops a block of records sharing a placeholder value from
	// becoming one cluster.
	MaxSize int
}

// Cluster groups n records (indices 0..n−1) into clusters from scored
// links and returns, for every record, its cluster label: the smallest
// record index in its cluster (a record without links is its own cluster).
// To cluster the result of a linkage between two lists, give right records
// the indices len(left)+B.
//
// Links are processed in decreasing weight (ties by A, then B, so the
// result does not depend on their order in the slice), and each joins the
// clusters of its two records by union–find unless that would put a
// cannot-link pair (from opt.CannotLink or opt.Separate) in one cluster:
// then the link is refused, and weaker links cannot bring the two clusters
// together later either. Without constraints the clusters are the
// connected components of the links. Self-links are ignored. Distinct and
// MaxSize refuse a merge the same way.
//
// Like a slice index out of range, bad arguments are programming errors
// and panic, before any work, with a message naming the argument: n
// negative or above math.MaxInt32 (labels are int32), a link or cannot-link
// pair with an index outside [0, n), a Distinct of length other than n.
func Cluster(n int, links []ScoredPair, opt ClusterOptions) []int32 {
	if n < 0 || n > math.MaxInt32 {
		panic("linkage.Cluster: record count " + strconv.Itoa(n) + " outside [0, 2147483647]")
	}
	for _, l := range links {
		if l.A < 0 || int(l.A) >= n || l.B < 0 || int(l.B) >= n {
			panic("linkage.Cluster: link index out of range")
		}
	}
	for _, p := range opt.CannotLink {
		if p.A < 0 || int(p.A) >= n || p.B < 0 || int(p.B) >= n {
			panic("linkage.Cluster: cannot-link index out of range")
		}
	}
	if opt.Distinct != nil && len(opt.Distinct) != n {
		panic("linkage.Cluster: len(Distinct) != n")
	}
	parent := make([]int32, n)
	size := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
		size[i] = 1
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	// forbidden[root] lists records that some member of root's cluster
	// must not join; members[root] lists the members (for Separate).
	var forbidden map[int32][]int32
	if len(opt.CannotLink) > 0 {
		forbidden = make(map[int32][]int32)
		for _, p := range opt.CannotLink {
			if p.A == p.B {
				continue
			}
			forbidden[p.A] = append(forbidden[p.A], p.B)
			forbidden[p.B] = append(forbidden[p.B], p.A)
		}
	}
	var members [][]int32
	if opt.Separate != nil {
		members = make([][]int32, n)
		for i := range members {
			members[i] = []int32{int32(i)}
		}
	}
	var anchored []bool
	if opt.Distinct != nil {
		anchored = slices.Clone(opt.Distinct)
	}
	sorted := slices.Clone(links)
	slices.SortFunc(sorted, func(x, y ScoredPair) int {
		if c := cmp.Compare(y.Weight, x.Weight); c != 0 {
			return c
		}
		if c := cmp.Compare(x.A, y.A); c != 0 {
			return c
		}
		return cmp.Compare(x.B, y.B)
	})
	for _, l := range sorted {
		x, y := find(l.A), find(l.B)
		if x == y {
			continue
		}
		if size[x] < size[y] {
			x, y = y, x
		}
		if anchored != nil && anchored[x] && anchored[y] {
			continue
		}
		if opt.MaxSize > 0 && int(size[x])+int(size[y]) > opt.MaxSize {
			continue
		}
		if forbidden != nil && conflicts(forbidden[x], forbidden[y], x, y, find) {
			continue
		}
		if members != nil && separated(members[x], members[y], opt.Separate) {
			continue
		}
		parent[y] = x
		size[x] += size[y]
		if anchored != nil {
			anchored[x] = anchored[x] || anchored[y]
		}
		if forbidden != nil {
			if f := forbidden[y]; len(f) > 0 {
				forbidden[x] = append(forbidden[x], f...)
				delete(forbidden, y)
			}
		}
		if members != nil {
			members[x] = append(members[x], members[y]...)
			members[y] = nil
		}
	}
	minIndex := make([]int32, n)
	for i := range minIndex {
		minIndex[i] = int32(n)
	}
	for i := range n {
		r := find(int32(i))
		minIndex[r] = min(minIndex[r], int32(i))
	}
	labels := make([]int32, n)
	for i := range labels {
		labels[i] = minIndex[find(int32(i))]
	}
	return labels
}

// conflicts reports whether joining clusters x and y would put a
// cannot-link pair together. Constraints are stored on both sides, so
// scanning the shorter list is enough.
func conflicts(fx, fy []int32, x, y int32, find func(int32) int32) bool {
	list, other := fx, y
	if len(fy) < len(fx) {
		list, other = fy, x
	}
	for _, r := range list {
		if find(r) == other {
			return true
		}
	}
	return false
}

func separated(mx, my []int32, sep func(a, b int32) bool) bool {
	for _, a := range mx {
		for _, b := range my {
			if sep(a, b) {
				return true
			}
		}
	}
	return false
}
