package vnbeam

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"

	"github.com/vnlink/vnlink/blocking"
	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

func init() {
	register.DoFn2x0[Row, func(string, int64)](&foldFn{})
	register.Emitter2[string, int64]()
	register.DoFn4x0[string, func(*int64) bool, int, func(int64, float64)](&freqFn{})
	register.Iter1[int64]()
	register.Emitter2[int64, float64]()
	register.Function1x2[Row, int64, Row](keyByIndex)
	register.DoFn4x0[int64, func(*Row) bool, func(*float64) bool, func(string, rowF)](&keysFn{})
	register.Iter1[Row]()
	register.Iter1[float64]()
	register.Emitter2[string, rowF]()
	register.DoFn4x1[context.Context, string, func(*rowF) bool, func(int64, scoredLink), error](&blockFn{})
	register.Iter1[rowF]()
	register.Emitter2[int64, scoredLink]()
	register.Function2x1[scoredLink, scoredLink, scoredLink](firstRule)
	register.Function1x1[scoredLink, Link](linkOf)
	register.DoFn4x1[context.Context, int, func(*scoredLink) bool, func(int64, int64), error](&clusterFn{})
	register.Iter1[scoredLink]()
	register.Emitter2[int64, int64]()
}

// Dedupe adds to s the deduplication of rows (a PCollection of Row, each
// Index given once, 0 to n−1) and returns the links (a PCollection of Link)
// and the clusters of the linked rows (a PCollection of KV<int64, int64>:
// a row's index and its cluster, the smallest index in the cluster). A row
// without a link is a cluster of its own and is not listed. On the same
// rows and model (Config.Model, and vnperson.Options.Model set to it),
// the links and clusters are those of vnperson.Dedupe: the same pairs with
// the same rule and the same weight, bit for bit, and the same partition.
func Dedupe(s beam.Scope, rows beam.PCollection, cfg Config) (links, clusters beam.PCollection, err error) {
	st, err := cfg.settings()
	if err != nil {
		return beam.PCollection{}, beam.PCollection{}, err
	}
	s = s.Scope("vnlink.Dedupe")
	withFreq := nameFrequencies(s, rows, st)
	keyed := beam.ParDo(s.Scope("BlockKeys"), &keysFn{S: st}, beam.CoGroupByKey(s, beam.ParDo(s, keyByIndex, rows), withFreq))
	scored := beam.ParDo(s.Scope("ScoreBlocks"), &blockFn{S: st}, beam.GroupByKey(s, keyed))
	unique := beam.DropKey(s, beam.CombinePerKey(s.Scope("FirstRule"), firstRule, scored))
	links = beam.ParDo(s, linkOf, unique)
	clusters = beam.ParDo(s.Scope("Cluster"), &clusterFn{S: st}, beam.GroupByKey(s, beam.AddFixedKey(s, unique)))
	return links, clusters, nil
}

// nameFrequencies returns KV<int64, float64>: the index of every row whose
// name has a folded key and the key's frequency among all rows, as
// vnperson.Prepare computes Record.NameFrequency over one call.
func nameFrequencies(s beam.Scope, rows beam.PCollection, st settings) beam.PCollection {
	s = s.Scope("NameFrequencies")
	folds := beam.ParDo(s, &foldFn{S: st}, rows)
	total := stats.CountElms(s, folds)
	return beam.ParDo(s, &freqFn{}, beam.GroupByKey(s, folds), beam.SideInput{Input: total})
}

// foldFn emits the folded name key of a row with its index, nothing for a
// row without a name.
type foldFn struct{ S settings }

func (f *foldFn) ProcessElement(r Row, emit func(string, int64)) {
	rec := f.S.prepare([]Row{r}, nil)
	if k := rec[0].Name.Fold(); k != "" {
		emit(k, r.Index)
	}
}

// freqFn gives every row of a name key the key's frequency, count / total
// as linkage.TFTable.Frequency computes it.
type freqFn struct{}

func (f *freqFn) ProcessElement(_ string, idx func(*int64) bool, total int, emit func(int64, float64)) {
	var rows []int64
	var i int64
	for idx(&i) {
		rows = append(rows, i)
	}
	freq := float64(uint64(len(rows))) / float64(uint64(total))
	for _, r := range rows {
		emit(r, freq)
	}
}

func keyByIndex(r Row) (int64, Row) { return r.Index, r }

// keysFn joins a row with its name frequency and emits it under every
// block key of every rule: "rule:key", each key once per row and rule.
type keysFn struct {
	S     settings
	rules []blocking.Rule[vnperson.Record]
}

func (f *keysFn) Setup() { f.rules = vnperson.DefaultRules() }

func (f *keysFn) ProcessElement(_ int64, rows func(*Row) bool, freqs func(*float64) bool, emit func(string, rowF)) {
	var r Row
	if !rows(&r) {
		return
	}
	var freq float64
	freqs(&freq)
	rec := f.S.prepare([]Row{r}, nil)
	var keys []blocking.Key
	for i, rule := range f.rules {
		keys = rule.Keys(&rec[0], keys[:0])
		slices.Sort(keys)
		for _, k := range slices.Compact(keys) {
			emit(blockKey(i, k), rowF{Row: r, Freq: freq})
		}
	}
}

// blockKey is the grouping key of block k of rule i.
func blockKey(i int, k blocking.Key) string {
	return strconv.Itoa(i) + ":" + k.String()
}

// blockFn scores the pairs of one block: a block above its rule's cap is
// split by the rule's secondary key (sub-blocks above the cap skipped), or
// skipped when the rule has none, as package blocking does. Pairs at or
// above the threshold are emitted under their pair key.
type blockFn struct {
	S     settings
	rules []blocking.Rule[vnperson.Record]
	model *linkage.Model[vnperson.Record]
}

func (f *blockFn) Setup() error {
	f.rules = vnperson.DefaultRules()
	m, err := vnperson.LoadModel(f.S.Model)
	f.model = m
	return err
}

func (f *blockFn) ProcessElement(_ context.Context, key string, members func(*rowF) bool, emit func(int64, scoredLink)) error {
	ruleIdx, err := strconv.Atoi(key[:strings.IndexByte(key, ':')])
	if err != nil || ruleIdx < 0 || ruleIdx >= len(f.rules) {
		return fmt.Errorf("vnbeam: bad block key rule %q", key[:strings.IndexByte(key, ':')])
	}
	rule := f.rules[ruleIdx]
	var block []rowF
	var m rowF
	for members(&m) {
		block = append(block, m)
	}
	if len(block) < 2 {
		return nil
	}
	slices.SortFunc(block, func(x, y rowF) int { return cmp.Compare(x.Row.Index, y.Row.Index) })
	limit := rule.Cap(blocking.Options{MaxBlockSize: f.S.MaxBlockSize})
	rows := make([]Row, len(block))
	freqs := make([]float64, len(block))
	for i := range block {
		rows[i], freqs[i] = block[i].Row, block[i].Freq
	}
	recs := f.S.prepare(rows, freqs)
	all := make([]int, len(block))
	for i := range all {
		all[i] = i
	}
	if limit == 0 || len(block) <= limit {
		f.pairs(ruleIdx, rows, recs, all, emit)
		return nil
	}
	if !rule.HasSplit() {
		return nil // skipped, as blocking.Candidates.Oversized reports it
	}
	sub := map[blocking.Key][]int{}
	var keys []blocking.Key
	for i := range recs {
		keys = rule.SplitKeys(&recs[i], keys[:0])
		slices.Sort(keys)
		for _, k := range slices.Compact(keys) {
			sub[k] = append(sub[k], i)
		}
	}
	for _, members := range sub {
		if len(members) <= limit {
			f.pairs(ruleIdx, rows, recs, members, emit)
		}
	}
	return nil
}

// pairs scores every pair of the records at positions members (in index
// order) and emits those at or above the threshold.
func (f *blockFn) pairs(rule int, rows []Row, recs []vnperson.Record, members []int, emit func(int64, scoredLink)) {
	people := make([]vnperson.Person, len(rows))
	for _, i := range members {
		people[i] = rows[i].Person()
	}
	for x, i := range members {
		for _, j := range members[x+1:] {
			a, b := i, j // rows[i].Index < rows[j].Index
			if vnperson.CompareCanonical(&people[a], &people[b], int(rows[a].Index), int(rows[b].Index)) > 0 {
				a, b = b, a
			}
			w := f.model.Score(&recs[a], &recs[b])
			if w < f.S.Threshold {
				continue
			}
			lo, hi := rows[i], rows[j]
			emit(lo.Index<<32|hi.Index, scoredLink{Link: Link{A: lo.Index, B: hi.Index, Rule: rule, Weight: w}, RowA: lo, RowB: hi})
		}
	}
}

// firstRule keeps, of two emissions of one pair, that of the first rule:
// the rule package blocking tags the pair with. Their weights are equal.
func firstRule(x, y scoredLink) scoredLink {
	if y.Link.Rule < x.Link.Rule {
		return y
	}
	return x
}

func linkOf(l scoredLink) Link { return l.Link }

// clusterFn clusters all the links on one worker as vnperson.Dedupe does:
// linkage.Cluster over the linked records numbered in canonical order
// (ties of weight are broken by that order), refusing merges that would
// join two records with different valid CCCDs. It emits every linked row
// with its cluster, the smallest row index in the cluster.
type clusterFn struct{ S settings }

func (f *clusterFn) ProcessElement(_ context.Context, _ int, links func(*scoredLink) bool, emit func(int64, int64)) error {
	var all []scoredLink
	byIndex := map[int64]Row{}
	var l scoredLink
	for links(&l) {
		all = append(all, l)
		byIndex[l.RowA.Index], byIndex[l.RowB.Index] = l.RowA, l.RowB
	}
	rows := make([]Row, 0, len(byIndex))
	for _, r := range byIndex {
		rows = append(rows, r)
	}
	people := make(map[int64]vnperson.Person, len(rows))
	for _, r := range rows {
		people[r.Index] = r.Person()
	}
	slices.SortFunc(rows, func(x, y Row) int {
		px, py := people[x.Index], people[y.Index]
		return vnperson.CompareCanonical(&px, &py, int(x.Index), int(y.Index))
	})
	local := make(map[int64]int32, len(rows))
	for i, r := range rows {
		local[r.Index] = int32(i)
	}
	recs := f.S.prepare(rows, nil)
	scored := make([]linkage.ScoredPair, len(all))
	for i, l := range all {
		a, b := local[l.Link.A], local[l.Link.B]
		if a > b {
			a, b = b, a
		}
		scored[i] = linkage.ScoredPair{A: a, B: b, Rule: uint8(l.Link.Rule), Weight: l.Link.Weight}
	}
	var co linkage.ClusterOptions
	if !f.S.AllowCCCD {
		co.Separate = func(a, b int32) bool { return vnperson.CannotLink(&recs[a], &recs[b]) }
	}
	labels := linkage.Cluster(len(rows), scored, co)
	smallest := map[int32]int64{}
	for i, lab := range labels {
		if s, ok := smallest[lab]; !ok || rows[i].Index < s {
			smallest[lab] = rows[i].Index
		}
	}
	for i, lab := range labels {
		emit(rows[i].Index, smallest[lab])
	}
	return nil
}
