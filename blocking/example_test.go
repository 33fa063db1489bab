package blocking_test

import (
	"fmt"
	"slices"

	"github.com/vnlink/vnlink/blocking"
)

// person is an already prepared record: folded name, birth year (0 when
// unknown) and ward codes (old and new, after a merger).
type person struct {
	Name      string
	BirthYear int
	Wards     []string
}

var people = []person{
	{Name: "nguyen van an", BirthYear: 1990, Wards: []string{"00001"}},
	{Name: "nguyen van an", BirthYear: 1990, Wards: []string{"00001", "00004"}},
	{Name: "ngyuen van an", BirthYear: 1990, Wards: []string{"00004"}},
	{Name: "tran thi binh", BirthYear: 1985, Wards: []string{"00004"}},
	{Name: "tran thi binh", BirthYear: 0, Wards: nil},
}

// yearWard emits one key per ward, none when the year is unknown.
func yearWard(p *person, dst []blocking.Key) []blocking.Key {
	if p.BirthYear == 0 {
		return dst
	}
	for _, w := range p.Wards {
		var h blocking.Hasher
		h.WriteInt(int64(p.BirthYear))
		h.WriteString(w)
		dst = append(dst, h.Key())
	}
	return dst
}

func fullName(p *person, dst []blocking.Key) []blocking.Key {
	return append(dst, blocking.KeyOf(p.Name))
}

func Example() {
	b, err := blocking.New(blocking.Options{},
		blocking.Exact("year+ward", yearWard),
		blocking.Exact("name", fullName))
	if err != nil {
		panic(err)
	}
	c, err := b.Dedupe(people)
	if err != nil {
		panic(err)
	}
	names := c.RuleNames()
	// Blocks come in key (hash) order: deterministic, not by record index.
	for p := range c.Pairs() {
		fmt.Println(p.A, p.B, names[p.Rule])
	}
	// Output:
	// 1 2 year+ward
	// 0 1 year+ward
	// 3 4 name
}

func ExampleCandidates_Only() {
	b, err := blocking.New(blocking.Options{},
		blocking.Exact("year+ward", yearWard),
		blocking.Exact("name", fullName))
	if err != nil {
		panic(err)
	}
	c, err := b.Dedupe(people)
	if err != nil {
		panic(err)
	}
	// The name rule on its own also gives the pair 0-1 that year+ward
	// produced first: the pairs of a training round for that rule.
	name := c.Only(1)
	for p := range name.Pairs() {
		fmt.Println(p.A, p.B, name.RuleNames()[p.Rule])
	}
	// Output:
	// 0 1 name
	// 3 4 name
}

func ExampleBlocker_Link() {
	ehr := []person{{Name: "tran thi binh", BirthYear: 1985}}
	registry := []person{
		{Name: "tran thi binh", BirthYear: 1985},
		{Name: "nguyen van an", BirthYear: 1990},
		{Name: "tran thi binh", BirthYear: 1958},
	}
	b, err := blocking.New(blocking.Options{}, blocking.Exact("name", fullName))
	if err != nil {
		panic(err)
	}
	c, err := b.Link(ehr, registry)
	if err != nil {
		panic(err)
	}
	for p := range c.Pairs() {
		fmt.Printf("ehr %d - registry %d\n", p.A, p.B)
	}
	// Output:
	// ehr 0 - registry 0
	// ehr 0 - registry 2
}

func ExampleSortedNeighbourhood() {
	// "ngyuen" sorts next to "nguyen": a window of 2 distinct names pairs
	// them, where an exact key on the name would not.
	nameSort := func(p *person, dst []byte) []byte { return append(dst, p.Name...) }
	b, err := blocking.New(blocking.Options{}, blocking.SortedNeighbourhood("name window", 2, nameSort))
	if err != nil {
		panic(err)
	}
	c, err := b.Dedupe(people[:3])
	if err != nil {
		panic(err)
	}
	fmt.Println(slices.Collect(c.Pairs()))
	// Output:
	// [{0 1 0} {0 2 0} {1 2 0}]
}

func ExampleRule_SplitBy() {
	// Everyone was born in 1990: the year block is over the cap of 2, so
	// it is split by name, and reported.
	year := func(p *person, dst []blocking.Key) []blocking.Key {
		return append(dst, blocking.KeyOfInts(int64(p.BirthYear)))
	}
	b, err := blocking.New(blocking.Options{MaxBlockSize: 2},
		blocking.Exact("year", year).SplitBy(fullName))
	if err != nil {
		panic(err)
	}
	c, err := b.Dedupe(people[:3])
	if err != nil {
		panic(err)
	}
	fmt.Println(slices.Collect(c.Pairs()))
	for _, o := range c.Oversized() {
		fmt.Println(o.RuleName, o.Size, o.Pairs, o.Action)
	}
	// Output:
	// [{0 1 0}]
	// year 3 3 split
}

func ExampleCandidates_Batches() {
	b, err := blocking.New(blocking.Options{}, blocking.Exact("year+ward", yearWard), blocking.Exact("name", fullName))
	if err != nil {
		panic(err)
	}
	c, err := b.Dedupe(people)
	if err != nil {
		panic(err)
	}
	// Four workers, same order as Pairs.
	var all []blocking.Pair
	for batch := range c.Batches(4) {
		all = append(all, batch...) // a batch is reused after yield: copy
	}
	fmt.Println(all)
	// Output:
	// [{1 2 0} {0 1 0} {3 4 1}]
}

func ExampleCandidates_ForEachBatch() {
	b, err := blocking.New(blocking.Options{}, blocking.Exact("year+ward", yearWard), blocking.Exact("name", fullName))
	if err != nil {
		panic(err)
	}
	c, err := b.Dedupe(people)
	if err != nil {
		panic(err)
	}
	perWorker := make([]int, 2) // each worker writes only its own entry
	c.ForEachBatch(2, func(worker int, batch []blocking.Pair) bool {
		perWorker[worker] += len(batch)
		return true
	})
	fmt.Println(perWorker[0] + perWorker[1])
	// Output:
	// 3
}

func ExampleCandidates_Diagnose() {
	b, err := blocking.New(blocking.Options{}, blocking.Exact("year+ward", yearWard), blocking.Exact("name", fullName))
	if err != nil {
		panic(err)
	}
	c, err := b.Dedupe(people)
	if err != nil {
		panic(err)
	}
	// Records 0, 1, 2 are one person; 3 and 4 another.
	d, err := c.Diagnose(blocking.DiagnoseOptions{Labels: []int64{1, 1, 1, 2, 2}})
	if err != nil {
		panic(err)
	}
	fmt.Printf("pairs %d of %d, reduction ratio %.2f\n", d.Pairs, d.TotalPairs, d.ReductionRatio)
	for _, r := range d.Rules {
		fmt.Printf("%-9s new %d cumulative %d recall %.2f\n", r.Name, r.NewPairs, r.Cumulative, r.CumulativeCompleteness)
	}
	fmt.Printf("completeness %.2f quality %.2f\n", d.Completeness, d.Quality)
	// Output:
	// pairs 3 of 10, reduction ratio 0.70
	// year+ward new 2 cumulative 2 recall 0.50
	// name      new 1 cumulative 3 recall 0.75
	// completeness 0.75 quality 1.00
}

func ExampleCandidates_Counts() {
	b, err := blocking.New(blocking.Options{}, blocking.Exact("year+ward", yearWard), blocking.Exact("name", fullName))
	if err != nil {
		panic(err)
	}
	c, err := b.Dedupe(people)
	if err != nil {
		panic(err)
	}
	// From block sizes alone: name counts (0,1) again, which year+ward
	// already produced, so the cumulative figure is a bound.
	for _, rc := range c.Counts() {
		fmt.Println(rc.Name, rc.Blocks, rc.Comparisons, rc.CumulativeBound)
	}
	// Output:
	// year+ward 2 2 2
	// name 2 2 4
}

func ExampleCandidates_FirstRule() {
	b, err := blocking.New(blocking.Options{}, blocking.Exact("year+ward", yearWard), blocking.Exact("name", fullName))
	if err != nil {
		panic(err)
	}
	c, err := b.Dedupe(people)
	if err != nil {
		panic(err)
	}
	fmt.Println(c.FirstRule(1, 0))
	fmt.Println(c.FirstRule(0, 2))
	fmt.Println(c.Produces(1, 0, 1))
	// Output:
	// 0 true
	// 0 false
	// true
}

func ExampleKeyOf() {
	fmt.Println(blocking.KeyOf("ab", "c") == blocking.KeyOf("a", "bc"))
	fmt.Println(blocking.KeyOf("nguyen", "an") == blocking.KeyOf("nguyen", "an"))
	// Output:
	// false
	// true
}

func ExampleHasher() {
	var h blocking.Hasher
	h.WriteString("00004") // ward code
	h.WriteInt(1990)       // birth year
	fmt.Println(h.Key() == blocking.KeyOf("00004") || h.Key() == blocking.KeyOfInts(1990))
	// Output:
	// false
}

func ExampleNew() {
	_, err := blocking.New(blocking.Options{MaxBlockSize: -2},
		blocking.Exact[person]("", nil),
		blocking.SortedNeighbourhood[person]("window", 0, nil))
	fmt.Println(err)
	// Output:
	// blocking: options: invalid blocking rule: MaxBlockSize below NoBlockCap
	// blocking: rule 0 (""): invalid blocking rule: empty name
	// blocking: rule 0 (""): invalid blocking rule: nil key function
	// blocking: rule 1 ("window"): invalid blocking rule: nil sort key function
	// blocking: rule 1 ("window"): invalid blocking rule: window below 1
}

func ExampleKeyOfInts() {
	// Birth year and ward code as integers: no string formatting needed.
	fmt.Println(blocking.KeyOfInts(1990, 4) == blocking.KeyOfInts(1990, 4))
	fmt.Println(blocking.KeyOfInts(1990, 4) == blocking.KeyOfInts(4, 1990))
	// Output:
	// true
	// false
}

func ExampleOptions_BlockCap() {
	// The zero Options cap blocks at DefaultMaxBlockSize and split larger
	// ones; NoBlockCap turns the cap off.
	fmt.Println(blocking.Options{}.BlockCap(), blocking.Options{}.Oversize)
	fmt.Println(blocking.Options{MaxBlockSize: 50}.BlockCap())
	fmt.Println(blocking.Options{MaxBlockSize: blocking.NoBlockCap}.BlockCap())
	// Output:
	// 1000 split
	// 50
	// 0
}

// An engine that forms a Blocker's blocks itself (a pipeline grouping
// records by block key) meets a pair in every block the two records
// share; PairedEarlier says in which one the Blocker produces it. Here the
// two records share a key of the first rule (a ward) and two keys of the
// second (two spellings of the name).
func ExamplePairedEarlier() {
	ward := blocking.KeyOf("00004")
	n1, n2 := blocking.KeyOf("nguyen van an"), blocking.KeyOf("ngyuen van an")
	names := []blocking.Key{min(n1, n2), max(n1, n2)} // ascending
	a := [][]blocking.Key{{ward}, names}
	b := [][]blocking.Key{{ward}, names}
	fmt.Println(blocking.PairedEarlier(a, b, 0, ward))
	fmt.Println(blocking.PairedEarlier(a, b, 1, names[0]))
	// Without the shared ward, the pair is the second rule's, in its block
	// of the smaller key.
	b[0] = nil
	fmt.Println(blocking.PairedEarlier(a, b, 1, names[0]), blocking.PairedEarlier(a, b, 1, names[1]))
	// Output:
	// false
	// true
	// false true
}
