package linkage

import (
	"cmp"
	"slices"
)

// This file measures accuracy against a known truth. Cluster labels are
// []int32 slices aligned with the records (label[i] is the cluster of
// record i, as returned by Cluster); any int32 values may serve as labels,
// only equality matters. Everything is computed from the contingency table
// of the two labellings (the count n_ij of records in predicted cluster i
// and true cluster j), never by enumerating pairs, so a million records
// cost a few sorts.

// PrecisionRecall holds precision, recall and their harmonic mean F1.
//
// When nothing was predicted, precision is 1 (no prediction was wrong);
// when there was nothing to find, recall is 1; F1 is 0 when precision and
// recall are both 0. These conventions keep every value a number (never
// NaN): all-singletons clustering scores pairwise precision 1, recall 0
// and F1 0.
type PrecisionRecall struct {
	Precision, Recall, F1 float64
}

// precisionRecall returns the scores of correct predictions out of
// predicted ones, with actual true items to find.
func precisionRecall(correct, predicted, actual float64) PrecisionRecall {
	pr := PrecisionRecall{Precision: 1, Recall: 1}
	if predicted > 0 {
		pr.Precision = correct / predicted
	}
	if actual > 0 {
		pr.Recall = correct / actual
	}
	if s := pr.Precision + pr.Recall; s > 0 {
		pr.F1 = 2 * pr.Precision * pr.Recall / s
	}
	return pr
}

// ClusterMetrics compares a predicted clustering with the true one.
//
// With n_ij records in predicted cluster i and true cluster j, a_i = Σ_j
// n_ij and b_j = Σ_i n_ij the cluster sizes, N the number of records and
// C(k,2) = k(k−1)/2:
//
//	CorrectPairs   = Σ_ij C(n_ij, 2)
//	PredictedPairs = Σ_i C(a_i, 2)
//	TruePairs      = Σ_j C(b_j, 2)
//	Pairwise       = precision CorrectPairs/PredictedPairs, recall CorrectPairs/TruePairs
//	BCubed         = precision (1/N) Σ_ij n_ij²/a_i, recall (1/N) Σ_ij n_ij²/b_j
//
// B-cubed precision is the mean, over records, of the share of the
// record's predicted cluster that truly belongs with it (itself included);
// recall likewise over its true cluster. See PrecisionRecall for the
// conventions when a denominator is 0.
type ClusterMetrics struct {
	Records             int
	PredictedClusters   int
	TrueClusters        int
	PredictedSingletons int // predicted clusters of one record
	TrueSingletons      int // true clusters of one record
	PredictedPairs      int64
	TruePairs           int64
	CorrectPairs        int64
	Pairwise            PrecisionRecall
	BCubed              PrecisionRecall
}

// packLabels writes, for every record, its two labels packed into one
// uint64 (first label in the high half), with the sign bits flipped so that
// unsigned order is int32 order, and sorts them. Equal keys are then the
// records of one contingency cell, and the cells of one first label are
// contiguous.
func packLabels(keys []uint64, first, second []int32) {
	for i := range first {
		keys[i] = uint64(uint32(first[i])^0x80000000)<<32 | uint64(uint32(second[i])^0x80000000)
	}
	slices.Sort(keys)
}

// marginal walks sorted packed keys one first-label group at a time and
// returns the number of groups, the number of one-record groups, Σ C(g, 2)
// over group sizes g, Σ C(n, 2) over cell sizes n, and Σ n²/g over cells
// of each group.
func marginal(keys []uint64) (groups, singletons int, groupPairs, cellPairs int64, share float64) {
	for i := 0; i < len(keys); {
		g, sq := int64(0), 0.0
		j := i
		for j < len(keys) && keys[j]>>32 == keys[i]>>32 {
			k := j + 1
			for k < len(keys) && keys[k] == keys[j] {
				k++
			}
			n := int64(k - j)
			g += n
			sq += float64(n) * float64(n)
			cellPairs += pairs(n)
			j = k
		}
		groups++
		if g == 1 {
			singletons++
		}
		groupPairs += pairs(g)
		share += sq / float64(g)
		i = j
	}
	return groups, singletons, groupPairs, cellPairs, share
}

func pairs(k int64) int64 { return k * (k - 1) / 2 }

// EvaluateClusters scores a predicted clustering against the truth; both
// give one label per record, in the same record order. The result does not
// depend on the record order, and only through the order of floating-point
// sums on the label values. It allocates one slice of len(truth) uint64s.
// It returns an *Error wrapping ErrInvalid if the lengths differ and
// ErrNoData if there are no records.
func EvaluateClusters(predicted, truth []int32) (ClusterMetrics, error) {
	if len(predicted) != len(truth) {
		return ClusterMetrics{}, newError("EvaluateClusters", ErrInvalid, "predicted and true labels differ in length")
	}
	if len(predicted) == 0 {
		return ClusterMetrics{}, newError("EvaluateClusters", ErrNoData, "no records")
	}
	m := ClusterMetrics{Records: len(predicted)}
	keys := make([]uint64, len(predicted))
	// Cells grouped by predicted cluster: a_i, and Σ_ij n_ij²/a_i.
	packLabels(keys, predicted, truth)
	var bPrec, bRec float64
	m.PredictedClusters, m.PredictedSingletons, m.PredictedPairs, m.CorrectPairs, bPrec = marginal(keys)
	// The same cells grouped by true cluster: b_j, and Σ_ij n_ij²/b_j.
	packLabels(keys, truth, predicted)
	m.TrueClusters, m.TrueSingletons, m.TruePairs, _, bRec = marginal(keys)

	m.Pairwise = precisionRecall(float64(m.CorrectPairs), float64(m.PredictedPairs), float64(m.TruePairs))
	// Every record contributes at least 1/a_i and 1/b_j, so both are > 0.
	n := float64(m.Records)
	p, r := bPrec/n, bRec/n
	m.BCubed = PrecisionRecall{Precision: p, Recall: r, F1: 2 * p * r / (p + r)}
	return m, nil
}

// LinkMetrics compares predicted links between two files (left and right)
// with the truth. A true link is a (left, right) pair of records of the
// same entity; with l_e and r_e records of entity e on each side,
//
//	TrueLinks = Σ_e l_e · r_e
//	Links     = precision CorrectLinks/PredictedLinks, recall CorrectLinks/TrueLinks
//
// A record is correctly unlinked when it has no true partner on the other
// side and no predicted link.
type LinkMetrics struct {
	Left, Right            int   // records on each side
	PredictedLinks         int64 // distinct predicted links
	TrueLinks              int64
	CorrectLinks           int64
	Links                  PrecisionRecall
	LeftWithoutPartner     int // left records with no true partner on the right
	RightWithoutPartner    int // right records with no true partner on the left
	LeftCorrectlyUnlinked  int // of LeftWithoutPartner, those without a predicted link
	RightCorrectlyUnlinked int // of RightWithoutPartner, those without a predicted link
}

// EvaluateLinks scores predicted links (A indexes leftTruth, B indexes
// rightTruth) against the true entity labels of the two files. Duplicate
// links count once. It returns an *Error wrapping ErrInvalid if a link
// points outside its file.
func EvaluateLinks(links []Pair, leftTruth, rightTruth []int32) (LinkMetrics, error) {
	m := LinkMetrics{Left: len(leftTruth), Right: len(rightTruth)}
	ls := slices.Clone(links)
	for _, p := range ls {
		if p.A < 0 || int(p.A) >= len(leftTruth) || p.B < 0 || int(p.B) >= len(rightTruth) {
			return LinkMetrics{}, newError("EvaluateLinks", ErrInvalid, "a link points outside its file")
		}
	}
	slices.SortFunc(ls, func(x, y Pair) int {
		return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B))
	})
	ls = slices.Compact(ls)
	leftLinked := make([]bool, len(leftTruth))
	rightLinked := make([]bool, len(rightTruth))
	for _, p := range ls {
		m.PredictedLinks++
		if leftTruth[p.A] == rightTruth[p.B] {
			m.CorrectLinks++
		}
		leftLinked[p.A], rightLinked[p.B] = true, true
	}
	l, r := slices.Clone(leftTruth), slices.Clone(rightTruth)
	slices.Sort(l)
	slices.Sort(r)
	for i, j := 0, 0; i < len(l) && j < len(r); {
		switch {
		case l[i] < r[j]:
			i++
		case l[i] > r[j]:
			j++
		default:
			i2, j2 := i, j
			for i2 < len(l) && l[i2] == l[i] {
				i2++
			}
			for j2 < len(r) && r[j2] == r[j] {
				j2++
			}
			m.TrueLinks += int64(i2-i) * int64(j2-j)
			i, j = i2, j2
		}
	}
	for i, e := range leftTruth {
		if _, found := slices.BinarySearch(r, e); !found {
			m.LeftWithoutPartner++
			if !leftLinked[i] {
				m.LeftCorrectlyUnlinked++
			}
		}
	}
	for i, e := range rightTruth {
		if _, found := slices.BinarySearch(l, e); !found {
			m.RightWithoutPartner++
			if !rightLinked[i] {
				m.RightCorrectlyUnlinked++
			}
		}
	}
	m.Links = precisionRecall(float64(m.CorrectLinks), float64(m.PredictedLinks), float64(m.TrueLinks))
	return m, nil
}
