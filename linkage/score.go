package linkage

import (
	"iter"
	"math"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/vnlink/vnlink/blocking"
)

// Pair is a candidate pair of records given by their indices: A in the
// left slice, B in the right slice (the same slice when deduplicating).
// It is blocking.Pair, so the candidates of package blocking feed scoring
// and estimation directly; Rule, the blocking rule that produced the pair,
// is carried through to ScoredPair and is 0 for pairs made by hand.
type Pair = blocking.Pair

// ScoredPair is a candidate pair with its match weight (in bits; see
// Probability to turn it into a match probability) and the blocking rule
// that produced it.
type ScoredPair struct {
	A, B   int32
	Rule   uint8
	Weight float64
}

// levelWeight returns the weight of level k of comparison c for the pair
// (a, b): the table weight log2(m/u), plus the term-frequency adjustment
// when the level is adjusted. Score and Explain both call it, so an
// explanation's rows add up to the score exactly.
func (c *compiled[R]) levelWeight(k int, a, b *R) (weight, adjustment float64) {
	w := c.weights[k]
	if c.tf[k] {
		f := c.cmp.TermFrequency
		adj := tfAdjustment(c.us[k], max(f(a), f(b)), c.tfWeight, c.tfMin)
		// The conversion forbids fusing with the addition, so every call
		// site rounds the same way.
		return float64(w + adj), adj
	}
	return w, 0
}

// Score returns the match weight of the pair (a, b):
//
//	weight = log2(λ/(1−λ)) + Σ_c w_c(level_c(a, b))
//
// summed in comparison order. It allocates nothing beyond what the
// comparison functions allocate.
func (m *Model[R]) Score(a, b *R) float64 {
	w := m.priorWeight
	for i := range m.c {
		c := &m.c[i]
		lw, _ := c.levelWeight(c.level(a, b), a, b)
		w += lw
	}
	return w
}

// Pattern returns the comparison vector of the pair (a, b) packed into an
// integer: the level number of comparison i sits in bits
// [shift_i, shift_i + bits_i), where bits_i = bits.Len(number of levels)
// and shifts accumulate in comparison order.
func (m *Model[R]) Pattern(a, b *R) uint64 {
	var p uint64
	for i := range m.c {
		c := &m.c[i]
		p |= uint64(c.level(a, b)) << c.shift
	}
	return p
}

// PatternLevel returns the level number of comparison i in pattern p. Like
// a slice index, i must lie in [0, number of comparisons); it panics
// otherwise.
func (m *Model[R]) PatternLevel(p uint64, i int) int {
	c := &m.c[i]
	return int(p >> c.shift & c.mask)
}

// ScoreOptions configure ScorePairs. The zero value scores on GOMAXPROCS
// workers, keeps pairs with weight ≥ 0 (probability ≥ 1/2) and yields them
// in input order.
type ScoreOptions struct {
	// Workers is the number of scoring goroutines; 0 means GOMAXPROCS.
	Workers int
	// MinWeight is the weight at or above which a pair is yielded. Use
	// math.Inf(-1) to keep every pair, WeightForProbability for a
	// probability threshold.
	MinWeight float64
	// Unordered yields pairs as soon as their batch is scored instead of
	// in input order: slightly faster, but the order varies between runs.
	Unordered bool
	// BatchSize is the number of pairs handed to a worker at a time;
	// 0 means 4096.
	BatchSize int
	// Progress, when set, is called after each batch is scored with the
	// number of pairs scored so far (all of them, yielded or not), on the
	// goroutine that ranges over the scored pairs, so never concurrently.
	// The counts only grow; the last call gives the total. It must return
	// quickly: scoring waits for it.
	Progress func(scored int64)
}

// Limits on options, checked by ScoreOptions.Validate and by the
// functions that take a worker count. Memory grows with both: each worker
// may hold up to about three batches of pairs in flight.
const (
	// MaxWorkers is the largest worker count accepted.
	MaxWorkers = 1024
	// MaxBatchSize is the largest ScoreOptions.BatchSize accepted.
	MaxBatchSize = 1 << 16
)

// Validate reports every problem with the options at once, in one *Error
// wrapping ErrInvalid: Workers outside [0, MaxWorkers], BatchSize outside
// [0, MaxBatchSize], a NaN MinWeight (±Inf are allowed: −Inf keeps every
// pair). ScorePairs and ScoreCandidates panic on options that Validate
// rejects, so call it first on options that come from a user.
func (o ScoreOptions) Validate() error {
	var bad []string
	if o.Workers < 0 || o.Workers > MaxWorkers {
		bad = append(bad, workersReason(o.Workers))
	}
	if o.BatchSize < 0 || o.BatchSize > MaxBatchSize {
		bad = append(bad, "batch size "+strconv.Itoa(o.BatchSize)+" is outside [0, "+strconv.Itoa(MaxBatchSize)+"]")
	}
	if math.IsNaN(o.MinWeight) {
		bad = append(bad, "minimum weight is NaN")
	}
	if len(bad) > 0 {
		return newError("ScoreOptions.Validate", ErrInvalid, strings.Join(bad, "; "))
	}
	return nil
}

func workersReason(n int) string {
	return "worker count " + strconv.Itoa(n) + " is outside [0, " + strconv.Itoa(MaxWorkers) + "]"
}

// mustValid panics with the error of opt.Validate, if any.
func (o ScoreOptions) mustValid() {
	if err := o.Validate(); err != nil {
		panic(err.Error())
	}
}

// workerCount returns n, or GOMAXPROCS when n is 0; it panics, naming op,
// when n is outside [0, MaxWorkers].
func workerCount(op string, n int) int {
	if n < 0 || n > MaxWorkers {
		panic("linkage." + op + ": " + workersReason(n))
	}
	if n == 0 {
		return runtime.GOMAXPROCS(0)
	}
	return n
}

type scoreBatch struct {
	seq   uint64
	pairs []Pair
	out   []ScoredPair
}

// ScorePairs scores the candidate pairs in parallel and yields those whose
// weight is at least opt.MinWeight. A pair (A, B) compares left[A] with
// right[B]; pass right == nil to deduplicate left (B indexes left too).
// Pairs are read from the iterator in the caller's goroutine, batched, and
// scored by opt.Workers goroutines; nothing is allocated per pair, and
// batch buffers only as the input needs them (at most 2·Workers + 2).
// Unless opt.Unordered is set, pairs come out in the order they went in.
// It panics when opt.Validate fails (before returning the iterator), and
// a pair index out of range panics in the caller's goroutine. Stopping the
// iteration early stops the workers.
func (m *Model[R]) ScorePairs(left, right []R, pairs iter.Seq[Pair], opt ScoreOptions) iter.Seq[ScoredPair] {
	opt.mustValid()
	if right == nil {
		right = left
	}
	workers := workerCount("ScorePairs", opt.Workers)
	size := opt.BatchSize
	if size <= 0 {
		size = 4096
	}
	return func(yield func(ScoredPair) bool) {
		nbuf := 2*workers + 2
		free := make([]*scoreBatch, 0, nbuf)
		allocated := 0
		work := make(chan *scoreBatch, nbuf)
		results := make(chan *scoreBatch, nbuf)
		// Closing work on every exit, panics included, ends the workers.
		closeWork := sync.OnceFunc(func() { close(work) })
		defer closeWork()
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for b := range work {
					b.out = b.out[:0]
					for _, p := range b.pairs {
						w := m.Score(&left[p.A], &right[p.B])
						if w >= opt.MinWeight {
							b.out = append(b.out, ScoredPair{A: p.A, B: p.B, Rule: p.Rule, Weight: w})
						}
					}
					results <- b
				}
			})
		}
		ring := make([]*scoreBatch, nbuf)
		var next, seq uint64
		inflight := 0
		stopped := false
		var scored int64
		emit := func(b *scoreBatch) {
			scored += int64(len(b.pairs))
			if opt.Progress != nil {
				opt.Progress(scored)
			}
			if !stopped {
				for _, sp := range b.out {
					if !yield(sp) {
						stopped = true
						break
					}
				}
			}
			b.pairs = b.pairs[:0]
			free = append(free, b)
		}
		receive := func() {
			b := <-results
			inflight--
			if opt.Unordered {
				emit(b)
				return
			}
			ring[b.seq%uint64(nbuf)] = b
			for {
				slot := next % uint64(nbuf)
				r := ring[slot]
				if r == nil || r.seq != next {
					return
				}
				ring[slot] = nil
				next++
				emit(r)
			}
		}
		send := func(b *scoreBatch) {
			b.seq = seq
			seq++
			inflight++
			work <- b
		}
		take := func() *scoreBatch {
			if len(free) == 0 && allocated < nbuf {
				allocated++
				return &scoreBatch{pairs: make([]Pair, 0, size), out: make([]ScoredPair, 0, size)}
			}
			for len(free) == 0 {
				receive()
			}
			b := free[len(free)-1]
			free = free[:len(free)-1]
			return b
		}
		nl, nr := len(left), len(right)
		cur := take()
		for p := range pairs {
			if p.A < 0 || int(p.A) >= nl || p.B < 0 || int(p.B) >= nr {
				panic("linkage.ScorePairs: pair index out of range")
			}
			cur.pairs = append(cur.pairs, p)
			if len(cur.pairs) == size {
				send(cur)
				cur = take()
				if stopped {
					break
				}
			}
		}
		if len(cur.pairs) > 0 && !stopped {
			send(cur)
		}
		closeWork()
		for inflight > 0 {
			receive()
		}
		wg.Wait()
	}
}
