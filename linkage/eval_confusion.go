package linkage

import (
	"cmp"
	"slices"
)

// ConfusionGroup is one clustering error: a predicted cluster that merges
// several true entities (a false merge), or a true entity split across
// several predicted clusters (a false split).
type ConfusionGroup struct {
	// Label is the predicted cluster label of a false merge, or the true
	// entity label of a false split.
	Label int32
	// Pairs counts the wrong pairs of a false merge (pairs inside the
	// cluster that belong to different entities) or the missed pairs of a
	// false split (pairs of the entity that ended in different clusters).
	Pairs int64
	// Parts holds the record ids of the group, split by the other
	// labelling: for a false merge one part per true entity, for a false
	// split one part per predicted cluster. Parts come largest first (ties:
	// the part whose first record comes first), ids in record order.
	Parts [][]string
}

// ConfusionSummary lists the worst clustering errors, worst first (most
// pairs; ties by label).
type ConfusionSummary struct {
	FalseMerges []ConfusionGroup
	FalseSplits []ConfusionGroup
}

// SummarizeErrors finds the worst false merges and false splits of a
// predicted clustering: at most worst of each, ranked by the number of
// pairs they get wrong. ids, predicted and truth are aligned with the
// records. Which groups are chosen and their order do not depend on the
// record order; within a group, the order of parts of equal size and of
// ids within a part follow the record order. It returns an *Error wrapping
// ErrInvalid if the lengths differ.
func SummarizeErrors(ids []string, predicted, truth []int32, worst int) (ConfusionSummary, error) {
	if len(ids) != len(predicted) || len(predicted) != len(truth) {
		return ConfusionSummary{}, newError("SummarizeErrors", ErrInvalid, "ids, predicted and true labels differ in length")
	}
	var s ConfusionSummary
	if worst <= 0 {
		return s, nil
	}
	s.FalseMerges = worstGroups(ids, predicted, truth, worst)
	s.FalseSplits = worstGroups(ids, truth, predicted, worst)
	return s, nil
}

// worstGroups returns the groups of outer labels that hold more than one
// inner label, ranked by the pairs whose inner labels differ. A false merge
// is such a group with outer = predicted, inner = truth; a false split with
// outer = truth, inner = predicted.
func worstGroups(ids []string, outer, inner []int32, worst int) []ConfusionGroup {
	// Sort the records by (outer, inner, index) on packed keys, so that the
	// sort touches one contiguous slice.
	type keyed struct {
		key uint64 // outer and inner label, sign bits flipped so unsigned order is int32 order
		idx int32
	}
	order := make([]keyed, len(outer))
	for i := range order {
		order[i] = keyed{uint64(uint32(outer[i])^0x80000000)<<32 | uint64(uint32(inner[i])^0x80000000), int32(i)}
	}
	slices.SortFunc(order, func(x, y keyed) int {
		return cmp.Or(cmp.Compare(x.key, y.key), cmp.Compare(x.idx, y.idx))
	})
	outerOf := func(k int) uint64 { return order[k].key >> 32 }
	// span is one outer group, order[start:end], with its wrong pairs.
	type span struct {
		start, end int
		pairs      int64
	}
	var spans []span
	for i := 0; i < len(order); {
		j := i
		var same int64
		parts := 0
		for j < len(order) && outerOf(j) == outerOf(i) {
			k := j
			for k < len(order) && order[k].key == order[j].key {
				k++
			}
			same += pairs(int64(k - j))
			parts++
			j = k
		}
		if parts > 1 {
			spans = append(spans, span{i, j, pairs(int64(j-i)) - same})
		}
		i = j
	}
	slices.SortFunc(spans, func(x, y span) int {
		return cmp.Or(cmp.Compare(y.pairs, x.pairs), cmp.Compare(outer[order[x.start].idx], outer[order[y.start].idx]))
	})
	spans = spans[:min(worst, len(spans))]
	groups := make([]ConfusionGroup, len(spans))
	for g, sp := range spans {
		var parts [][]keyed
		for i := sp.start; i < sp.end; {
			j := i
			for j < sp.end && order[j].key == order[i].key {
				j++
			}
			parts = append(parts, order[i:j])
			i = j
		}
		slices.SortFunc(parts, func(x, y []keyed) int {
			return cmp.Or(cmp.Compare(len(y), len(x)), cmp.Compare(x[0].idx, y[0].idx))
		})
		group := ConfusionGroup{Label: outer[order[sp.start].idx], Pairs: sp.pairs, Parts: make([][]string, len(parts))}
		for p, part := range parts {
			names := make([]string, len(part))
			for k, r := range part {
				names[k] = ids[r.idx]
			}
			group.Parts[p] = names
		}
		groups[g] = group
	}
	return groups
}
