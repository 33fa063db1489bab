package main

import (
	"encoding/json"
	"io"
	"math"
	"slices"
	"strconv"

	"github.com/vnlink/vnlink/blocking"
	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

// dedupeSummary counts the people found by dedupe.
type dedupeSummary struct {
	Rows int `json:"rows"`
	// Clusters is the number of people: clusters of one or more rows.
	Clusters int `json:"clusters"`
	// MultiRowClusters counts the people with two or more rows, and
	// RowsInMultiRowClusters their rows; DuplicateRate is the share of
	// rows in such clusters and ExtraRows = Rows - Clusters the rows that
	// a merge would remove.
	MultiRowClusters       int     `json:"multi_row_clusters"`
	RowsInMultiRowClusters int     `json:"rows_in_multi_row_clusters"`
	DuplicateRate          float64 `json:"duplicate_rate"`
	ExtraRows              int     `json:"extra_rows"`
	LargestCluster         int     `json:"largest_cluster"`
	// ClusterSizes[k] is the number of clusters of k+1 rows.
	ClusterSizes []int `json:"cluster_sizes"`
	// Links is the number of pairs linked, by blocking rule in LinksByRule.
	Links       int            `json:"links"`
	LinksByRule map[string]int `json:"links_by_rule"`
	// Threshold is the match weight (bits) at or above which pairs link.
	Threshold       float64 `json:"threshold_weight"`
	OversizedBlocks int     `json:"oversized_blocks"`
	// CandidatePairsByRule is what each blocking rule yields on its own,
	// from its block sizes (pairs of earlier rules included).
	CandidatePairsByRule map[string]int64 `json:"candidate_pairs_by_rule"`
}

// dedupeColumns are the ids of the columns dedupe adds after the original ones.
var dedupeColumns = []string{"col.row", "col.cluster", "col.cluster_size", "col.match_weight", "col.match_probability"}

// runDedupe reads a CSV file from in, finds the rows that belong to the same
// person and writes every row to out, in input order, with the original
// columns, then: its row number, its cluster (the row number of the first
// row of its person), the size of the cluster, the match weight and
// probability of its strongest link within the cluster (empty for a row
// alone), the canonical fields and the issues column. out is a CSV file, or
// a workbook when it is a workbookFile (see openList).
func runDedupe(in io.Reader, out io.Writer, opts *options) (*summary, error) {
	inp, err := loadInput("input", in, opts.Map, requiredForMatching, opts.Read)
	if err != nil {
		return nil, err
	}
	// The output writes the input's cells and the records' display forms:
	// the people may go once prepared.
	people := inp.people
	inp.people = nil
	res, err := vnperson.Dedupe(people, opts.linkOptions()) // with the display forms the output writes
	if err != nil {
		return nil, err
	}
	sum := &summary{Command: "dedupe"}
	sum.Weights = newWeightHistogram(res.Links, res.Threshold)
	is := summarizeInput("input", inp, mergeIssues(inp.t.Issues, res.Issues))
	sum.Inputs = append(sum.Inputs, is)
	if sum.Model, err = modelJSON(res.Model); err != nil {
		return nil, err
	}

	n := len(inp.present)
	size := make([]int, n)
	for _, c := range res.Clusters {
		size[c]++
	}
	best := bestLinkWeights(n, res.Links, res.Clusters)
	ds := &dedupeSummary{
		Rows:                 n,
		Links:                len(res.Links),
		LinksByRule:          linksByRule(res.Links, res.RuleNames),
		Threshold:            res.Threshold,
		OversizedBlocks:      len(res.Oversized),
		CandidatePairsByRule: pairsByRule(res.RuleCounts),
	}
	for _, s := range size {
		if s == 0 {
			continue
		}
		ds.Clusters++
		ds.LargestCluster = max(ds.LargestCluster, s)
		for len(ds.ClusterSizes) < s {
			ds.ClusterSizes = append(ds.ClusterSizes, 0)
		}
		ds.ClusterSizes[s-1]++
		if s > 1 {
			ds.MultiRowClusters++
			ds.RowsInMultiRowClusters += s
		}
	}
	ds.ExtraRows = n - ds.Clusters
	ds.DuplicateRate = share(ds.RowsInMultiRowClusters, n)
	sum.Dedupe = ds

	header := slices.Concat(inp.t.Header, columns(dedupeColumns), columns(canonColumns), columns([]string{"col.issues"}))
	cw, err := openList(out, inp.t, header, tr(sheetDedupe))
	if err != nil {
		return nil, err
	}
	defer abortList(cw)
	rec := make([]string, 0, len(header))
	for i := range n {
		c := res.Clusters[i]
		rec = inp.t.appendCells(rec[:0], i)
		rec = append(rec, strconv.Itoa(i+1), strconv.Itoa(int(c)+1), strconv.Itoa(size[c]))
		rec = append(rec, formatWeight(best[i]), formatProbability(best[i]))
		d := res.Display(i)
		rec = appendCanon(rec, &d)
		rec = append(rec, is.issuesOf(i))
		if err := cw.Write(rec); err != nil {
			return nil, err
		}
	}
	return sum, cw.Close()
}

// bestLinkWeights returns, for each of n records, the largest weight of its
// links to a record in the same cluster, or NaN when it has none.
func bestLinkWeights(n int, links []linkage.ScoredPair, clusters []int32) []float64 {
	best := make([]float64, n)
	for i := range best {
		best[i] = math.NaN()
	}
	upd := func(i int, w float64) {
		if math.IsNaN(best[i]) || w > best[i] {
			best[i] = w
		}
	}
	for _, l := range links {
		a, b := int(l.A), int(l.B)
		if clusters[a] != clusters[b] {
			continue
		}
		upd(a, l.Weight)
		upd(b, l.Weight)
	}
	return best
}

// linksByRule counts links by the name of the blocking rule that produced
// them.
func linksByRule(links []linkage.ScoredPair, names []string) map[string]int {
	m := map[string]int{}
	for _, l := range links {
		name := strconv.Itoa(int(l.Rule))
		if int(l.Rule) < len(names) {
			name = names[l.Rule]
		}
		m[name]++
	}
	return m
}

// pairsByRule maps each blocking rule to the candidate pairs it yields on
// its own (blocking.RuleCount.Comparisons).
func pairsByRule(counts []blocking.RuleCount) map[string]int64 {
	m := make(map[string]int64, len(counts))
	for _, c := range counts {
		m[c.Name] = c.Comparisons
	}
	return m
}

func formatWeight(w float64) string {
	if math.IsNaN(w) {
		return ""
	}
	return strconv.FormatFloat(w, 'f', 2, 64)
}

func formatProbability(w float64) string {
	if math.IsNaN(w) {
		return ""
	}
	return strconv.FormatFloat(linkage.Probability(w), 'f', 4, 64)
}

// modelJSON returns the model's JSON, nil for a nil model.
func modelJSON(m *linkage.Model[vnperson.Record]) (json.RawMessage, error) {
	if m == nil {
		return nil, nil
	}
	b, err := m.MarshalJSON()
	if err != nil {
		return nil, wrap(err, "model")
	}
	return b, nil
}
