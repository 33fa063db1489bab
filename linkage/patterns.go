package linkage

import (
	"iter"
	"slices"
	"sync"
)

// Patterns are comparison vectors with their counts: the sufficient
// statistics of EM. Pattern values are what Model.Pattern returns. Entries
// need not be distinct (EM gives the same result on repeated entries as on
// their sum, up to rounding), but CountPatterns returns distinct patterns
// in increasing order.
type Patterns struct {
	Patterns []uint64  `json:"patterns"`
	Counts   []float64 `json:"counts"`
}

// Total returns the sum of the counts.
func (p Patterns) Total() float64 {
	var t float64
	for _, c := range p.Counts {
		t += c
	}
	return t
}

// denseBits is the widest pattern counted in a dense array rather than a
// map (2^16 counters per worker).
const denseBits = 16

// patternCounter counts patterns for one worker: in a dense array when
// the model's patterns fit in denseBits bits, else in a map.
type patternCounter struct {
	dense  []uint64
	sparse map[uint64]uint64
}

func newPatternCounter(bits uint) *patternCounter {
	if bits <= denseBits {
		return &patternCounter{dense: make([]uint64, 1<<bits)}
	}
	return &patternCounter{sparse: make(map[uint64]uint64)}
}

func (c *patternCounter) add(p uint64) {
	if c.dense != nil {
		c.dense[p]++
		return
	}
	c.sparse[p]++
}

// countBatch adds the patterns of a batch of pairs.
func (m *Model[R]) countBatch(c *patternCounter, left, right []R, batch []Pair) {
	if c.dense != nil {
		for _, p := range batch {
			c.dense[m.Pattern(&left[p.A], &right[p.B])]++
		}
		return
	}
	for _, p := range batch {
		c.sparse[m.Pattern(&left[p.A], &right[p.B])]++
	}
}

// mergeCounters sums the workers' counts into Patterns sorted by pattern.
func mergeCounters(counters []*patternCounter) Patterns {
	total := map[uint64]uint64{}
	for _, c := range counters {
		if c == nil {
			continue
		}
		for pat, n := range c.dense {
			if n > 0 {
				total[uint64(pat)] += n
			}
		}
		for pat, n := range c.sparse {
			total[pat] += n
		}
	}
	keys := make([]uint64, 0, len(total))
	for k := range total {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := Patterns{Patterns: keys, Counts: make([]float64, len(keys))}
	for i, k := range keys {
		out.Counts[i] = float64(total[k])
	}
	return out
}

// CountPatterns computes the comparison vector of every candidate pair and
// counts the distinct vectors, on workers goroutines (0 means GOMAXPROCS).
// As in ScorePairs, right == nil deduplicates left. Each worker counts in a
// dense array when the model's patterns fit in 16 bits, else in a map; the
// counts are merged at the end and returned sorted by pattern, so the
// result does not depend on scheduling. The pairs are read on the caller's
// goroutine; CountCandidates reads blocking's candidates on the workers.
// It panics when workers is outside [0, MaxWorkers] or a pair index is out
// of range.
func (m *Model[R]) CountPatterns(left, right []R, pairs iter.Seq[Pair], workers int) Patterns {
	if right == nil {
		right = left
	}
	workers = workerCount("CountPatterns", workers)
	counters := make([]*patternCounter, workers)
	const size = 4096
	nbuf := 2*workers + 2
	work := make(chan []Pair, 2*workers)
	back := make(chan []Pair, nbuf)
	// Closing work on every exit, panics included, ends the workers.
	closeWork := sync.OnceFunc(func() { close(work) })
	defer closeWork()
	// Batch buffers are made only when none is free, at most nbuf.
	made := 0
	next := func() []Pair {
		select {
		case b := <-back:
			return b
		default:
		}
		if made < nbuf {
			made++
			return make([]Pair, 0, size)
		}
		return <-back
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			// A worker that gets no batch makes no counter.
			var c *patternCounter
			for batch := range work {
				if c == nil {
					c = newPatternCounter(m.bits)
					counters[w] = c
				}
				m.countBatch(c, left, right, batch)
				back <- batch[:0]
			}
		})
	}
	nl, nr := len(left), len(right)
	cur := next()
	for p := range pairs {
		if p.A < 0 || int(p.A) >= nl || p.B < 0 || int(p.B) >= nr {
			panic("linkage.CountPatterns: pair index out of range")
		}
		cur = append(cur, p)
		if len(cur) == size {
			work <- cur
			cur = next()
		}
	}
	if len(cur) > 0 {
		work <- cur
	}
	closeWork()
	wg.Wait()
	return mergeCounters(counters)
}

// maskPatterns clears the bits of the excluded comparisons (their level
// becomes null) and merges equal patterns; the result is sorted.
func maskPatterns(p Patterns, clear uint64) Patterns {
	agg := make(map[uint64]float64, len(p.Patterns))
	for i, pat := range p.Patterns {
		agg[pat&^clear] += p.Counts[i]
	}
	keys := make([]uint64, 0, len(agg))
	for k := range agg {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := Patterns{Patterns: keys, Counts: make([]float64, len(keys))}
	for i, k := range keys {
		out.Counts[i] = agg[k]
	}
	return out
}
