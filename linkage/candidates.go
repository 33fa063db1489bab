package linkage

import (
	"iter"
	"sync"
	"sync/atomic"

	"github.com/vnlink/vnlink/blocking"
)

// checkSides returns right, or left when right is nil, and panics when the
// record counts differ from those the candidates were built on.
func checkSides[R any](op string, left, right []R, c *blocking.Candidates) []R {
	nl, nr := c.Len()
	if right == nil {
		right = left
		if c.Mode() == blocking.Dedupe {
			nr = nl
		}
	}
	if len(left) != nl || len(right) != nr {
		panic("linkage." + op + ": records do not match the candidates' record counts")
	}
	return right
}

// ScoreCandidates scores the candidate pairs of package blocking, like
// ScorePairs on c.Pairs(): right == nil for candidates from
// Blocker.Dedupe, the two sources for Blocker.Link. With opt.Unordered the
// pairs are generated and scored on the same workers
// (Candidates.ForEachBatch), the fastest way; otherwise they are generated
// in their deterministic order (Candidates.Batches) and yielded in it.
// The records must be those the candidates were built on (it panics when
// the counts differ), and it panics when opt.Validate fails.
func (m *Model[R]) ScoreCandidates(left, right []R, c *blocking.Candidates, opt ScoreOptions) iter.Seq[ScoredPair] {
	opt.mustValid()
	right = checkSides("ScoreCandidates", left, right, c)
	workers := workerCount("ScoreCandidates", opt.Workers)
	if !opt.Unordered {
		pairs := func(yield func(Pair) bool) {
			for batch := range c.Batches(workers) {
				for _, p := range batch {
					if !yield(p) {
						return
					}
				}
			}
		}
		return m.ScorePairs(left, right, pairs, opt)
	}
	size := opt.BatchSize
	if size <= 0 {
		size = 4096
	}
	return func(yield func(ScoredPair) bool) {
		// Up to nbuf+workers output buffers, made only when none is free.
		nbuf := 2*workers + 2
		free := make(chan []ScoredPair, nbuf+workers)
		var made atomic.Int64
		get := func() []ScoredPair {
			select {
			case out := <-free:
				return out
			default:
			}
			if made.Add(1) <= int64(nbuf+workers) {
				return make([]ScoredPair, 0, size)
			}
			return <-free
		}
		results := make(chan []ScoredPair, nbuf+workers)
		var stop atomic.Bool
		outs := make([][]ScoredPair, workers)
		done := make(chan struct{})
		var scored atomic.Int64
		go func() {
			defer close(done)
			c.ForEachBatch(workers, func(w int, batch []Pair) bool {
				defer scored.Add(int64(len(batch)))
				out := outs[w]
				if out == nil {
					out = get()
				}
				for _, p := range batch {
					s := m.Score(&left[p.A], &right[p.B])
					if s < opt.MinWeight {
						continue
					}
					if len(out) == cap(out) {
						results <- out
						out = get()
					}
					out = append(out, ScoredPair{A: p.A, B: p.B, Rule: p.Rule, Weight: s})
				}
				outs[w] = out
				return !stop.Load()
			})
			for _, out := range outs {
				if len(out) > 0 {
					results <- out
				}
			}
			close(results)
		}()
		for out := range results {
			if !stop.Load() {
				for _, sp := range out {
					if !yield(sp) {
						stop.Store(true)
						break
					}
				}
			}
			free <- out[:0]
			if opt.Progress != nil {
				opt.Progress(scored.Load())
			}
		}
		<-done
		if opt.Progress != nil {
			opt.Progress(scored.Load())
		}
	}
}

// CountCandidates is CountPatterns over the candidate pairs of package
// blocking, generated and compared on the same workers
// (Candidates.ForEachBatch). When rule ≥ 0 only the pairs whose first rule
// is rule are counted; rule < 0 counts them all. For an EM training round
// per blocking rule, as in Splink, build one Candidates per rule instead:
// a pair tagged with an earlier rule is missing from a later rule here.
// Like CountPatterns it panics when workers is outside [0, MaxWorkers].
func (m *Model[R]) CountCandidates(left, right []R, c *blocking.Candidates, rule, workers int) Patterns {
	right = checkSides("CountCandidates", left, right, c)
	workers = workerCount("CountCandidates", workers)
	counters := make([]*patternCounter, workers)
	var mu sync.Mutex
	c.ForEachBatch(workers, func(w int, batch []Pair) bool {
		ctr := counters[w]
		if ctr == nil {
			ctr = newPatternCounter(m.bits)
			mu.Lock()
			counters[w] = ctr
			mu.Unlock()
		}
		if rule < 0 {
			m.countBatch(ctr, left, right, batch)
			return true
		}
		for _, p := range batch {
			if int(p.Rule) == rule {
				ctr.add(m.Pattern(&left[p.A], &right[p.B]))
			}
		}
		return true
	})
	return mergeCounters(counters) // skips the workers that made no counter
}
