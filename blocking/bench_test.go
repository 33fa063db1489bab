package blocking

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

// person is the synthetic record of the benchmarks: a ward code, a birth
// year and a name as indexes into frequency-ordered name lists.
type person struct {
	ward                   int32
	year                   int16
	surname, middle, given uint16
}

// zipfIndex draws an index in [0, n) with probability proportional to
// 1/(i+1)^s, by inverting a precomputed cumulative table.
type zipfIndex []float64

func newZipf(n int, s float64) zipfIndex {
	z := make(zipfIndex, n)
	sum := 0.0
	for i := range z {
		sum += 1 / math.Pow(float64(i+1), s)
		z[i] = sum
	}
	for i := range z {
		z[i] /= sum
	}
	return z
}

func (z zipfIndex) draw(rng *rand.Rand) int {
	u := rng.Float64()
	lo, hi := 0, len(z)-1
	for lo < hi {
		m := (lo + hi) / 2
		if z[m] < u {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// synthPeople makes n records with a fixed seed and a skewed, roughly
// Vietnamese shape: ~200 wards of uneven size, ages 0-100 thinning with
// age, a few surnames dominating (the first about 38%, like Nguyễn), a
// short list of middle names and a long tail of given names.
func synthPeople(n int) []person {
	rng := rand.New(rand.NewPCG(20261125, 6))
	wards := newZipf(300, 0.5)
	surnames := newZipf(120, 1.25)
	middles := newZipf(60, 1.0)
	givens := newZipf(800, 0.9)
	ps := make([]person, n)
	for i := range ps {
		age := int(math.Abs(rng.NormFloat64()) * 40)
		if age > 100 {
			age = rng.IntN(100)
		}
		ps[i] = person{
			ward:    int32(wards.draw(rng)),
			year:    int16(2025 - age),
			surname: uint16(surnames.draw(rng)),
			middle:  uint16(middles.draw(rng)),
			given:   uint16(givens.draw(rng)),
		}
	}
	return ps
}

func yearWardKey(p *person, dst []Key) []Key {
	var h Hasher
	h.WriteInt(int64(p.year))
	h.WriteInt(int64(p.ward))
	return append(dst, h.Key())
}

func nameKey(p *person, dst []Key) []Key {
	return append(dst, KeyOfInts(int64(p.surname), int64(p.middle), int64(p.given)))
}

func benchCandidates(b *testing.B, n int) *Candidates {
	b.Helper()
	ps := synthPeople(n)
	bl, err := New(Options{MaxBlockSize: 5000}, Exact("year+ward", yearWardKey), Exact("name", nameKey))
	if err != nil {
		b.Fatal(err)
	}
	c, err := bl.Dedupe(ps)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// reportPerPair adds pairs/s and allocs/pair to the benchmark output.
func reportPerPair(b *testing.B, pairs int64, mallocs uint64) {
	b.ReportMetric(float64(pairs)/b.Elapsed().Seconds(), "pairs/s")
	b.ReportMetric(float64(mallocs)/float64(pairs), "allocs/pair")
	b.ReportMetric(float64(pairs)/float64(b.N), "pairs/op")
}

// countParallel counts the pairs with ForEachBatch on GOMAXPROCS workers,
// each adding to its own padded counter.
func countParallel(c *Candidates) int64 {
	var counts [64]struct {
		n int64
		_ [56]byte // one cache line per worker
	}
	c.ForEachBatch(0, func(id int, batch []Pair) bool {
		counts[id%64].n += int64(len(batch))
		return true
	})
	var n int64
	for i := range counts {
		n += counts[i].n
	}
	return n
}

// measurePairs runs gen in the benchmark loop and reports pairs/s and
// allocations per pair (from the runtime's malloc count).
func measurePairs(b *testing.B, gen func() int64) {
	var total int64
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	b.ResetTimer()
	for b.Loop() {
		total += gen()
	}
	b.StopTimer()
	runtime.ReadMemStats(&m1)
	reportPerPair(b, total, m1.Mallocs-m0.Mallocs)
}

func BenchmarkPairs1M(b *testing.B) {
	c := benchCandidates(b, 1_000_000)
	b.Run("ForEachBatch", func(b *testing.B) {
		measurePairs(b, func() int64 { return countParallel(c) })
	})
	b.Run("Batches", func(b *testing.B) {
		measurePairs(b, func() int64 {
			var n int64
			for batch := range c.Batches(0) {
				n += int64(len(batch))
			}
			return n
		})
	})
	b.Run("Pairs", func(b *testing.B) {
		measurePairs(b, func() int64 {
			var n int64
			for range c.Pairs() {
				n++
			}
			return n
		})
	})
}

func BenchmarkDedupePrepare1M(b *testing.B) {
	ps := synthPeople(1_000_000)
	bl, err := New(Options{MaxBlockSize: 5000}, Exact("year+ward", yearWardKey), Exact("name", nameKey))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := bl.Dedupe(ps); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(ps))*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

func BenchmarkLinkPairs1M(b *testing.B) {
	ps := synthPeople(1_000_000)
	bl, err := New(Options{MaxBlockSize: 5000}, Exact("year+ward", yearWardKey), Exact("name", nameKey))
	if err != nil {
		b.Fatal(err)
	}
	c, err := bl.Link(ps[:500_000], ps[500_000:])
	if err != nil {
		b.Fatal(err)
	}
	measurePairs(b, func() int64 { return countParallel(c) })
}

func BenchmarkKey(b *testing.B) {
	var sink Key
	b.Run("KeyOf/short", func(b *testing.B) {
		for b.Loop() {
			sink ^= KeyOf("nguyen", "an")
		}
	})
	b.Run("KeyOf/long", func(b *testing.B) {
		for b.Loop() {
			sink ^= KeyOf("nguyễn thị thuỳ dương", "phường nghĩa đô, quận cầu giấy")
		}
	})
	b.Run("KeyOfInts", func(b *testing.B) {
		for b.Loop() {
			sink ^= KeyOfInts(1990, 12345)
		}
	})
	b.Run("FirstRule", func(b *testing.B) {
		ps := synthPeople(10_000)
		bl, err := New(Options{}, Exact("year+ward", yearWardKey), Exact("name", nameKey))
		if err != nil {
			b.Fatal(err)
		}
		c, err := bl.Dedupe(ps)
		if err != nil {
			b.Fatal(err)
		}
		i := int32(0)
		for b.Loop() {
			r, _ := c.FirstRule(i%10_000, (i*7+1)%10_000)
			sink ^= Key(r)
			i++
		}
	})
	_ = sink
}

func BenchmarkSortedNeighbourhood1M(b *testing.B) {
	ps := synthPeople(1_000_000)
	// Sort by given name first, then surname and middle name, so that
	// neighbours differ in the surname or middle name.
	nameSort := func(p *person, dst []byte) []byte {
		return append(dst, byte(p.given>>8), byte(p.given), byte(p.surname>>8), byte(p.surname), byte(p.middle))
	}
	bl, err := New(Options{MaxBlockSize: 5000},
		Exact("year+ward", yearWardKey), SortedNeighbourhood("given+surname+middle", 2, nameSort))
	if err != nil {
		b.Fatal(err)
	}
	c, err := bl.Dedupe(ps)
	if err != nil {
		b.Fatal(err)
	}
	measurePairs(b, func() int64 { return countParallel(c) })
}
