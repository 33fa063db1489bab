package vnbeam

import (
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

func init() {
	register.DoFn1x2[scoredLink, int, edge](&edgeFn{})
	register.DoFn3x0[int, func(*edge) bool, func(string, string)](&componentsFn{})
	register.Iter1[edge]()
	register.Function1x2[scoredLink, string, scoredLink](linkByA)
	register.DoFn4x0[string, func(*scoredLink) bool, func(*string) bool, func(string, scoredLink)](&byComponentFn{})
	register.Iter1[string]()
	beam.RegisterType(reflect.TypeOf((*edge)(nil)).Elem())
}

// edge is a link as the refs of its two rows: all the components step
// gathers.
type edge struct{ A, B string }

// byComponent returns the links (scoredLink) keyed by their connected
// component (KV<string, scoredLink>), so that each component is clustered
// on its own: linkage.Cluster merges only clusters joined by a link, and
// its constraints read only the records of the two clusters, so the
// clusters of one component do not depend on the links of another, and a
// component numbered in the single process's relative order gives the same
// partition. The components are found on one worker from the links' row
// refs alone (union-find over two short strings per link, not the rows);
// the links and their rows are then grouped per component, in parallel.
func byComponent(s beam.Scope, st settings, links beam.PCollection) beam.PCollection {
	s = s.Scope("Components")
	roots := beam.ParDo(s, &componentsFn{}, beam.GroupByKey(s, beam.ParDo(s, &edgeFn{Link: st.Link}, links)))
	joined := beam.CoGroupByKey(s, beam.ParDo(s, linkByA, links), roots)
	return beam.ParDo(s, &byComponentFn{}, joined)
}

// edgeFn emits a link's edge under one key: the components step sees
// them all. With Link, B is a right row.
type edgeFn struct{ Link bool }

func (f *edgeFn) ProcessElement(l scoredLink) (int, edge) {
	return 0, edge{A: ref(false, l.Pair.A), B: ref(f.Link, l.Pair.B)}
}

// linkByA keys a link by the ref of its row A.
func linkByA(l scoredLink) (string, scoredLink) { return ref(false, l.Pair.A), l }

// componentsFn emits, for every row of a link, its ref and its
// component's: the ref of one row of the component, the same for all.
type componentsFn struct{}

func (f *componentsFn) ProcessElement(_ int, edges func(*edge) bool, emit func(string, string)) {
	id := map[string]int32{}
	var refs []string
	var parent []int32
	node := func(r string) int32 {
		if i, ok := id[r]; ok {
			return i
		}
		i := int32(len(refs))
		id[r] = i
		refs = append(refs, r)
		parent = append(parent, i)
		return i
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	var e edge
	for edges(&e) {
		a, b := find(node(e.A)), find(node(e.B))
		if a != b {
			parent[max(a, b)] = min(a, b)
		}
	}
	for i, r := range refs {
		emit(r, refs[find(int32(i))])
	}
}

// byComponentFn keys the links of a row A by the row's component.
type byComponentFn struct{}

func (f *byComponentFn) ProcessElement(_ string, links func(*scoredLink) bool, roots func(*string) bool, emit func(string, scoredLink)) {
	var root string
	if !roots(&root) {
		return // no link has this row as A
	}
	var l scoredLink
	for links(&l) {
		emit(root, l)
	}
}
