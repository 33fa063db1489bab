package linkage

import (
	"errors"
	"iter"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
)

// Defaults and bounds of SampleOptions.
const (
	// DefaultSamplePairs is the largest cap on random pairs when
	// SampleOptions.Pairs is 0; the cap is then SamplePairsPerRecord pairs
	// per record, at least MinDefaultSamplePairs and at most this. Inputs
	// with no more pairs than the cap are counted exhaustively.
	DefaultSamplePairs = 1_000_000
	// SamplePairsPerRecord scales the default cap with the input: a level
	// with u = 1/n, n the records (a level that singles out one person
	// among them, such as agreeing on an identifier), is then expected on
	// 16 sampled pairs, which puts its weight within about 0.36 bit
	// (1/(ln 2·√16)); a rarer level is at least as telling as an
	// identifier, and gets u = 1/(2·pairs) (see EstimateU). Sampling more
	// pairs than this for a small input buys nothing its decisions show:
	// FEBRL4 (10,000 records) links with the same F1 from 16,384 pairs as
	// from 1,000,000 (benchmarks/README.md).
	SamplePairsPerRecord = 16
	// MinDefaultSamplePairs is the smallest default cap.
	MinDefaultSamplePairs = 1 << 16
	// DefaultMinCount is SampleOptions.MinCount when 0: the sampling stops
	// early once every sampled level has been seen this many times, which
	// bounds the relative standard error of each u near 1/√1000 ≈ 3%
	// (about 0.05 bit of weight).
	DefaultMinCount = 1000

	// MaxSamplePairs is the largest SampleOptions.Pairs (and MinCount)
	// accepted.
	MaxSamplePairs = 1 << 30
	// SampleChunk is the number of random pairs drawn from one generator:
	// chunk i of a sample uses its own PCG seeded with (Seed, i), so the
	// sample does not depend on how many workers draw it.
	SampleChunk = 1 << 14

	// AdaptiveMinCount is the count at which a level is settled when
	// EstimateU samples adaptively (SampleOptions.Pairs and MinCount both
	// 0): its u is then known within a relative standard error of about
	// 1/√10 ≈ 32%, its weight within about 0.46 bit (1/(ln 2·√10)).
	AdaptiveMinCount = 10
	// AdaptiveChunk is the number of random pairs drawn from one generator
	// by the adaptive sample: chunk i uses its own PCG seeded with
	// (Seed, i), and the comparisons are checked after every chunk.
	AdaptiveChunk = 1 << 10
)

// DefaultPairs returns the cap on random pairs EstimateU uses for an input
// of n records (both files together when linking) when
// SampleOptions.Pairs is 0: SamplePairsPerRecord·n, at least
// MinDefaultSamplePairs, at most DefaultSamplePairs.
func DefaultPairs(n int) int {
	return min(max(SamplePairsPerRecord*n, MinDefaultSamplePairs), DefaultSamplePairs)
}

// SampleOptions configure EstimateU. The zero value samples adaptively
// (each comparison until its levels are settled, see EstimateU) up to
// SamplePairsPerRecord pairs per record (between MinDefaultSamplePairs and
// DefaultSamplePairs) on GOMAXPROCS workers with seed 0.
type SampleOptions struct {
	// Pairs caps the number of random pairs drawn; 0 means
	// DefaultPairs(records), at most MaxSamplePairs are allowed. When the
	// inputs hold no more pairs than this, every pair is counted once and
	// the estimate is exact. When Pairs and MinCount are both 0 the
	// sample is adaptive (see EstimateU); setting either gives a sample
	// shared by all comparisons, stopped by MinCount.
	Pairs int
	// MinCount is the stopping criterion: random pairs are drawn in chunks
	// of SampleChunk, and the sampling stops after the first chunk at
	// which every free (not FixU) non-null level of every comparison whose
	// u is sampled has been seen at least MinCount times, or when Pairs
	// pairs have been drawn. 0 means DefaultMinCount when Pairs is set
	// (with Pairs also 0 the sample is adaptive and settles each
	// comparison at AdaptiveMinCount instead, see EstimateU); a value
	// above Pairs always draws Pairs. Levels whose u comes from value
	// frequencies (Comparison.ExactKey) do not take part.
	MinCount int
	// Seed seeds the PCG generators: the same seed, options (Workers
	// aside) and inputs give the same estimate, bit for bit.
	Seed uint64
	// Workers is the number of goroutines comparing pairs; 0 means
	// GOMAXPROCS. The result does not depend on it.
	Workers int
}

// Validate reports every problem with the options at once, joined with
// errors.Join, each an *Error wrapping ErrInvalid: Pairs or MinCount
// outside [0, MaxSamplePairs], Workers outside [0, MaxWorkers].
func (o SampleOptions) Validate() error {
	const op = "SampleOptions"
	var errs []error
	if o.Pairs < 0 || o.Pairs > MaxSamplePairs {
		errs = append(errs, newError(op, ErrInvalid, "sample size "+strconv.Itoa(o.Pairs)+" outside [0, "+strconv.Itoa(MaxSamplePairs)+"]"))
	}
	if o.MinCount < 0 || o.MinCount > MaxSamplePairs {
		errs = append(errs, newError(op, ErrInvalid, "minimum count "+strconv.Itoa(o.MinCount)+" outside [0, "+strconv.Itoa(MaxSamplePairs)+"]"))
	}
	if o.Workers < 0 || o.Workers > MaxWorkers {
		errs = append(errs, newError(op, ErrInvalid, "workers "+strconv.Itoa(o.Workers)+" outside [0, "+strconv.Itoa(MaxWorkers)+"]"))
	}
	return errors.Join(errs...)
}

// USample describes the pairs EstimateU counted.
type USample struct {
	// Pairs is the number of pairs compared.
	Pairs int64
	// Exhaustive is true when every pair of the input was compared.
	Exhaustive bool
	// Stopped is true when the sampling stopped before the cap because
	// every sampled level had been seen MinCount times (or, when adaptive,
	// every comparison was settled).
	Stopped bool
	// ComparisonPairs, set by the adaptive sample only (nil otherwise),
	// holds by comparison, in model order, the pairs its u was counted
	// from: a comparison leaves the sample once settled, so some count
	// fewer than Pairs.
	ComparisonPairs []int64
}

// EstimateU estimates u for every level from pairs of records, which are
// almost all non-matches: u_c,k is the share of level k among the pairs
// where comparison c is not null. right == nil pairs distinct records
// within left (deduplication), else one record from each side (linkage).
//
// When the inputs hold at most opt.Pairs pairs, every pair is counted.
// Otherwise pairs are drawn with replacement, in chunks of SampleChunk
// each from its own PCG generator seeded with (opt.Seed, chunk number),
// on opt.Workers goroutines; the level counts are integers summed over the
// chunks in order, and the stopping criterion (opt.MinCount) is checked
// after each chunk, so the estimate is the same for any number of workers.
//
// When opt.Pairs and opt.MinCount are both 0 the sample is adaptive:
// chunks are of AdaptiveChunk pairs, and each comparison leaves the
// sample (its pairs are no longer compared) after the first chunk at
// which it is settled: it has been non-null on s pairs, the share of
// non-null pairs is known within a relative standard error of
// 1/√AdaptiveMinCount (√c₀/s ≤ 1/√AdaptiveMinCount for c₀ null pairs),
// and every free non-null level it samples has either been counted
// AdaptiveMinCount times (a relative standard error of about 32%), or is
// known to be rarer than u_res with about 95% confidence, that is
// c + 3√c + 3 ≤ s·u_res for a level counted c times (a Poisson upper
// bound: a level never seen settles after 3/u_res non-null pairs). u_res
// is 1/n for n records when deduplicating and 1/max(L, R) when linking:
// the u of a level that singles out one record, such as agreeing on an identifier,
// below which a weight is already as telling as an identifier's. Each
// comparison's u is counted from its own pairs (USample.ComparisonPairs).
// A level whose count reached AdaptiveMinCount = K in the chunk that
// settled its comparison, and stayed below 2K (the level the sample
// stopped on, not a common one settled in the first chunk), is estimated
// by inverse sampling instead: its K-th count came at the comparison's N-th
// non-null pair, and (K−1)/(N−1) is an unbiased estimate of its share
// (Haldane), where K/N, read when a count first reaches K, is too large
// (by 8% for a level settled after three or four chunks,
// TestEstimateUAdaptiveUnbiased); the other free levels keep their counts
// and all share the free mass in proportion.
// The workers compare chunks ahead of the merge, each for the comparisons
// not yet settled when it was handed out; the chunks are merged in chunk
// order and a comparison's counts after the chunk that settled it are
// dropped, so this estimate too does not depend on opt.Workers.
//
// For a comparison with an ExactKey (and its exact level not FixU), the
// exact level's u comes from the value frequencies instead, as from an
// infinite sample: with n_v records of key v among the n records,
//
//	P(exact) = Σ_v n_v(n_v−1) / (n(n−1))       (deduplication, self-pairs excluded)
//	P(exact) = Σ_v l_v·r_v / (L·R)              (linkage)
//
// and u_exact = P(exact) / P(not null), the share of non-null pairs
// estimated from the pairs counted (1 when the comparison is never null on
// them), at least 1/(2·non-null pairs of the input). The other free levels
// share the rest of the mass in proportion to their counts. When every
// pair is counted the exact level is counted too (the frequencies would
// give the same value).
//
// A free level seen on no counted pair gets u = 1/(2·s), s the non-null
// pairs counted for its comparison (less than one in all of them), taken
// from the other free levels so that u still sums to 1 (the unseen levels
// together take at most 1% of the mass, which matters only for a few
// dozen pairs); never the bare ProbabilityFloor. Levels marked FixU keep
// their u; the free levels share the remaining mass. A comparison that is
// null on every counted pair keeps its u.
func (m *Model[R]) EstimateU(left, right []R, opt SampleOptions) error {
	_, err := m.EstimateUSample(left, right, opt)
	return err
}

// EstimateUSample is EstimateU that also reports the pairs it counted.
func (m *Model[R]) EstimateUSample(left, right []R, opt SampleOptions) (USample, error) {
	const op = "EstimateU"
	if len(m.comps) == 0 {
		return USample{}, errZeroModel(op)
	}
	if err := opt.Validate(); err != nil {
		return USample{}, err
	}
	dedupe := right == nil
	if dedupe {
		right = left
	}
	nl, nr := len(left), len(right)
	var total uint64
	if dedupe {
		total = uint64(nl) * uint64(max(nl-1, 0)) / 2
	} else {
		total = uint64(nl) * uint64(nr)
	}
	if total == 0 {
		return USample{}, newError(op, ErrNoData, "fewer than two records to pair")
	}
	want := opt.Pairs
	if want == 0 {
		n := nl
		if !dedupe {
			n += nr
		}
		want = DefaultPairs(n)
	}
	adaptive := opt.Pairs == 0 && opt.MinCount == 0
	minCount := opt.MinCount
	if minCount == 0 {
		minCount = DefaultMinCount
	}
	workers := opt.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	p := m.Params()
	fromKeys := m.exactFromKeys(&p)
	var counts [][]uint64
	var kth [][]int64 // adaptive: the non-null pair of the AdaptiveMinCount-th count, by level
	var sample USample
	pairs := make([]int64, len(m.comps)) // counted, by comparison
	switch {
	case total <= uint64(want):
		counts = m.countAll(left, right, dedupe, workers)
		sample = USample{Pairs: int64(total), Exhaustive: true}
	case adaptive:
		uRes := 1 / float64(max(nl, nr))
		if dedupe {
			uRes = 1 / float64(nl)
		}
		counts, pairs, kth = m.countAdaptive(left, right, dedupe, want, opt.Seed, workers, &p, fromKeys, uRes)
		sample = USample{Pairs: slices.Max(pairs), ComparisonPairs: pairs}
		sample.Stopped = sample.Pairs < int64(want)
	default:
		var drawn int64
		var stopped bool
		counts, drawn, stopped = m.countSample(left, right, dedupe, want, minCount, opt.Seed, workers, &p, fromKeys)
		sample = USample{Pairs: drawn, Stopped: stopped}
	}
	if !adaptive || sample.Exhaustive {
		for i := range pairs {
			pairs[i] = sample.Pairs
		}
	}
	var shares []float64
	if !sample.Exhaustive {
		shares = m.exactShares(left, right, dedupe, fromKeys, workers)
	}
	for i := range p.Comparisons {
		levels := p.Comparisons[i].Levels
		c := counts[i]
		nonNull := pairs[i] - int64(c[0])
		if nonNull <= 0 {
			continue
		}
		exact, pExact := -1, 0.0
		if e := fromKeys[i]; e > 0 && !sample.Exhaustive {
			exact = e - 1
			pExact = shares[i]
		}
		weights := make([]float64, len(levels))
		for k := range weights {
			weights[k] = float64(c[k+1])
			if kth != nil && kth[i][k+1] > 1 && c[k+1] < 2*AdaptiveMinCount {
				// Inverse sampling: the K-th count came at non-null pair
				// N, and (K−1)/(N−1) estimates the level's share without
				// the upward bias of K/N; as a count over nonNull pairs.
				// A level counted 2K times or more by then (a common one,
				// settled in the comparison's first chunk) did not hold
				// the sample back, and its counts after N say more.
				weights[k] = (AdaptiveMinCount - 1) * float64(nonNull) / float64(kth[i][k+1]-1)
			}
		}
		setU(levels, weights, nonNull, exact, pExact/(float64(nonNull)/float64(pairs[i])), float64(total)*float64(nonNull)/float64(pairs[i]))
	}
	return sample, m.SetParams(p)
}

// exactShares returns, by comparison whose exact level's u comes from
// key frequencies (fromKeys), the share of pairs whose keys agree
// (exactShare), the comparisons spread over workers goroutines.
func (m *Model[R]) exactShares(left, right []R, dedupe bool, fromKeys []int, workers int) []float64 {
	shares := make([]float64, len(m.comps))
	var keyed []int
	for i, e := range fromKeys {
		if e > 0 {
			keyed = append(keyed, i)
		}
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(workers, len(keyed)) {
		wg.Go(func() {
			for i := range next {
				shares[i] = exactShare(m.comps[i].ExactKey, left, right, dedupe)
			}
		})
	}
	for _, i := range keyed {
		next <- i
	}
	close(next)
	wg.Wait()
	return shares
}

// exactFromKeys returns, by comparison, the level number whose u comes
// from ExactKey frequencies, 0 for none.
func (m *Model[R]) exactFromKeys(p *Params) []int {
	out := make([]int, len(m.comps))
	for i := range m.comps {
		c := &m.comps[i]
		if c.ExactKey == nil {
			continue
		}
		e := c.exactLevel()
		if !p.Comparisons[i].Levels[e-1].FixU {
			out[i] = e
		}
	}
	return out
}

// setU sets the free u of one comparison's levels from their counts among
// nonNull counted pairs (whole numbers, or for the adaptive sample's
// inverse-sampled levels the count over nonNull pairs their estimate
// stands for). exact ≥ 0 is the index of a level whose u is uExact (from
// frequencies) instead of its count; possible is the number of non-null
// pairs in the whole input, which floors uExact.
func setU(levels []LevelParams, counts []float64, nonNull int64, exact int, uExact, possible float64) {
	fixed := 0.0
	var free float64 // a sum of whole numbers below 2^53 when counted: exact
	nFree := 0
	for k, lp := range levels {
		switch {
		case lp.FixU:
			fixed += lp.U
		case k != exact:
			free += counts[k]
			nFree++
		}
	}
	mass := max(1-fixed, 0)
	if exact >= 0 {
		uExact = max(uExact, 1/(2*max(possible, 1)))
		if nFree == 0 {
			levels[exact].U = min(uExact, mass)
			return
		}
		// A sampled share of non-null pairs below the true one could push
		// uExact up to the whole mass: leave the other levels their floor.
		uExact = min(uExact, (1-maxFloorShare)*mass)
		levels[exact].U = uExact
		mass -= uExact
	}
	if free == 0 {
		return
	}
	// Levels never seen get the floor 1/(2·nonNull), together at most
	// maxFloorShare of the mass (a handful of pairs says little); the seen
	// ones share what is left in proportion to their counts.
	floor := 1 / (2 * float64(nonNull))
	unseen := 0
	for k, lp := range levels {
		if !lp.FixU && k != exact && counts[k] == 0 {
			unseen++
		}
	}
	floorMass := min(float64(unseen)*floor, maxFloorShare*mass)
	if unseen > 0 {
		floor = floorMass / float64(unseen)
	}
	seenMass := mass - floorMass
	for k := range levels {
		lp := &levels[k]
		if lp.FixU || k == exact {
			continue
		}
		if counts[k] == 0 {
			lp.U = floor
		} else {
			lp.U = seenMass * counts[k] / free
		}
	}
}

// maxFloorShare bounds the share of a comparison's u mass that its unseen
// levels take from the seen ones.
const maxFloorShare = 0.01

// exactShare returns the share of all pairs (distinct records when
// deduplicating) whose keys are both present and equal.
func exactShare[R any](key func(*R) (string, bool), left, right []R, dedupe bool) float64 {
	freq := make(map[string]int64, len(left)/4)
	for i := range left {
		if k, ok := key(&left[i]); ok {
			freq[k]++
		}
	}
	if dedupe {
		n := float64(len(left))
		var same float64
		for _, c := range freq {
			same += float64(c) * float64(c-1)
		}
		return same / (n * (n - 1))
	}
	var same float64
	for i := range right {
		if k, ok := key(&right[i]); ok {
			same += float64(freq[k])
		}
	}
	return same / (float64(len(left)) * float64(len(right)))
}

func (m *Model[R]) newCounts() [][]uint64 {
	counts := make([][]uint64, len(m.c))
	for i := range counts {
		counts[i] = make([]uint64, len(m.comps[i].Levels)+1)
	}
	return counts
}

func addCounts(dst, src [][]uint64) {
	for i := range dst {
		for k := range dst[i] {
			dst[i][k] += src[i][k]
		}
	}
}

// countAll counts the levels of every pair, rows split among workers.
func (m *Model[R]) countAll(left, right []R, dedupe bool, workers int) [][]uint64 {
	const rowsPerJob = 64
	jobs := (len(left) + rowsPerJob - 1) / rowsPerJob
	return m.parallelCounts(jobs, workers, func(job int, counts [][]uint64) {
		for a := job * rowsPerJob; a < min((job+1)*rowsPerJob, len(left)); a++ {
			b0 := 0
			if dedupe {
				b0 = a + 1
			}
			for b := b0; b < len(right); b++ {
				for i := range m.c {
					counts[i][m.c[i].level(&left[a], &right[b])]++
				}
			}
		}
	})
}

// parallelCounts runs do(job) for job in [0, jobs) on workers goroutines,
// each job into its own counts, and returns their sum.
func (m *Model[R]) parallelCounts(jobs, workers int, do func(job int, counts [][]uint64)) [][]uint64 {
	total := m.newCounts()
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(workers, max(jobs, 1)) {
		wg.Go(func() {
			local := m.newCounts()
			for job := range next {
				do(job, local)
			}
			mu.Lock()
			addCounts(total, local)
			mu.Unlock()
		})
	}
	for job := range jobs {
		next <- job
	}
	close(next)
	wg.Wait()
	return total
}

// countSample draws up to want random pairs in chunks and returns the
// level counts of the chunks up to the first one after which the stopping
// criterion holds, the pairs they hold and whether it held before want.
func (m *Model[R]) countSample(left, right []R, dedupe bool, want, minCount int, seed uint64, workers int, p *Params, fromKeys []int) ([][]uint64, int64, bool) {
	chunks := (want + SampleChunk - 1) / SampleChunk
	total := m.newCounts()
	var drawn int64
	// Chunks are drawn in batches of a fixed size (not depending on the
	// workers) and merged in chunk order, checking the criterion after
	// each.
	const batch = 16
	all := make([]int, len(m.c))
	for i := range all {
		all[i] = i
	}
	per := make([][][]uint64, batch)
	for start := 0; start < chunks; start += batch {
		n := min(batch, chunks-start)
		var wg sync.WaitGroup
		next := make(chan int)
		for range min(workers, n) {
			wg.Go(func() {
				for j := range next {
					per[j] = m.sampleChunk(left, right, dedupe, start+j, min(SampleChunk, want-(start+j)*SampleChunk), seed, all, per[j])
				}
			})
		}
		for j := range n {
			next <- j
		}
		close(next)
		wg.Wait()
		for j := range n {
			addCounts(total, per[j])
			drawn += int64(min(SampleChunk, want-(start+j)*SampleChunk))
			if start+j < chunks-1 && m.stable(total, minCount, p, fromKeys) {
				return total, drawn, true
			}
		}
	}
	return total, drawn, false
}

// sampleChunk counts the levels of comparisons comps on the n random pairs
// of chunk number chunk into counts (allocated when nil, cleared
// otherwise).
func (m *Model[R]) sampleChunk(left, right []R, dedupe bool, chunk, n int, seed uint64, comps []int, counts [][]uint64) [][]uint64 {
	if counts == nil {
		counts = m.newCounts()
	} else {
		for i := range counts {
			clear(counts[i])
		}
	}
	rng := chunkRand(seed, chunk)
	for range n {
		a, b := drawPair(rng, len(left), len(right), dedupe)
		for _, i := range comps {
			counts[i][m.c[i].level(&left[a], &right[b])]++
		}
	}
	return counts
}

// chunkRand returns the generator of chunk number chunk.
func chunkRand(seed uint64, chunk int) *rand.Rand {
	return rand.New(rand.NewPCG(seed, uint64(chunk)^0x9e3779b97f4a7c15))
}

// drawPair draws a random pair: two distinct records of left when
// deduplicating (nl records), else one of left and one of right.
func drawPair(rng *rand.Rand, nl, nr int, dedupe bool) (int, int) {
	a := rng.IntN(nl)
	if !dedupe {
		return a, rng.IntN(nr)
	}
	b := rng.IntN(nl - 1)
	if b >= a {
		b++
	}
	return a, b
}

// sampleChunkFirst is sampleChunk for the adaptive sample: it also records
// in first[i][(k−1)·AdaptiveMinCount + j] the position among the chunk's
// non-null pairs of comparison i (from 0) of level k's (j+1)-th count, for
// the first AdaptiveMinCount counts (first is allocated when nil).
func (m *Model[R]) sampleChunkFirst(left, right []R, dedupe bool, chunk, n int, seed uint64, comps []int, counts [][]uint64, first [][]uint16) ([][]uint64, [][]uint16) {
	if counts == nil {
		counts = m.newCounts()
		first = make([][]uint16, len(m.c))
		for i := range first {
			first[i] = make([]uint16, len(m.comps[i].Levels)*AdaptiveMinCount)
		}
	} else {
		for i := range counts {
			clear(counts[i])
		}
	}
	rng := chunkRand(seed, chunk)
	for p := range n {
		a, b := drawPair(rng, len(left), len(right), dedupe)
		for _, i := range comps {
			c := counts[i]
			l := m.c[i].level(&left[a], &right[b])
			if k := c[l]; l != 0 && k < AdaptiveMinCount {
				first[i][(l-1)*AdaptiveMinCount+int(k)] = uint16(uint64(p) - c[0])
			}
			c[l]++
		}
	}
	return counts, first
}

// countAdaptive draws up to want random pairs in chunks of AdaptiveChunk,
// each comparison until the chunk after which it is settled (see
// EstimateU), and returns the level counts, by comparison the pairs
// counted, and by comparison and level number the non-null pair (from 1)
// that brought the level's count to AdaptiveMinCount when that happened
// in the comparison's last chunk, else 0. Workers compare chunks ahead of the merge (at most 2·workers
// chunks), each for the comparisons not yet settled when it was handed
// out; the chunks are merged in chunk order and a settled comparison's
// later counts are dropped, so the result does not depend on workers.
func (m *Model[R]) countAdaptive(left, right []R, dedupe bool, want int, seed uint64, workers int, p *Params, fromKeys []int, uRes float64) ([][]uint64, []int64, [][]int64) {
	type job struct {
		chunk  int
		comps  []int
		counts [][]uint64
		first  [][]uint16
	}
	chunks := (want + AdaptiveChunk - 1) / AdaptiveChunk
	size := func(chunk int) int { return min(AdaptiveChunk, want-chunk*AdaptiveChunk) }
	window := 2 * workers
	jobs, done := make(chan job, window), make(chan job, window)
	// settled marks the comparisons the merge has settled: a chunk not yet
	// started leaves them out, as their counts past the settling chunk are
	// dropped anyway.
	settled := make([]atomic.Bool, len(m.c))
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				j.comps = slices.DeleteFunc(j.comps, func(i int) bool { return settled[i].Load() })
				j.counts, j.first = m.sampleChunkFirst(left, right, dedupe, j.chunk, size(j.chunk), seed, j.comps, j.counts, j.first)
				done <- j
			}
		})
	}
	total := m.newCounts()
	pairs := make([]int64, len(m.c))
	active := make([]int, len(m.c))
	for i := range active {
		active[i] = i
	}
	kth := make([][]int64, len(m.c))
	for i := range kth {
		kth[i] = make([]int64, len(m.comps[i].Levels)+1)
	}
	type buffers struct {
		counts [][]uint64
		first  [][]uint16
	}
	var free []buffers
	pending := make(map[int]job, window)
	issued, merged := 0, 0
	for merged < chunks && len(active) > 0 {
		for ; issued < chunks && issued-merged < window; issued++ {
			var buf buffers
			if n := len(free); n > 0 {
				buf, free = free[n-1], free[:n-1]
			}
			jobs <- job{issued, slices.Clone(active), buf.counts, buf.first}
		}
		j := <-done
		pending[j.chunk] = j
		for len(active) > 0 {
			j, ok := pending[merged]
			if !ok {
				break
			}
			delete(pending, merged)
			// j.comps holds every comparison still active (it left out
			// only settled ones): the set only shrinks.
			active = slices.DeleteFunc(active, func(i int) bool {
				nonNull := pairs[i] - int64(total[i][0])
				for k := range total[i] {
					before := total[i][k]
					total[i][k] += j.counts[i][k]
					kth[i][k] = 0
					if k > 0 && before < AdaptiveMinCount && total[i][k] >= AdaptiveMinCount {
						kth[i][k] = nonNull + int64(j.first[i][(k-1)*AdaptiveMinCount+int(AdaptiveMinCount-1-before)]) + 1
					}
				}
				pairs[i] += int64(size(merged))
				if settledU(total[i], pairs[i], p.Comparisons[i].Levels, fromKeys[i], uRes) {
					settled[i].Store(true)
					return true
				}
				return false
			})
			free = append(free, buffers{j.counts, j.first})
			merged++
		}
	}
	close(jobs)
	for range jobs { // chunks not yet started are not needed
	}
	wg.Wait()
	return total, pairs, kth
}

// settledU reports whether a comparison's counts (by level number) among
// pairs counted pairs settle its u: the share of non-null pairs known
// within a relative standard error of 1/√AdaptiveMinCount (√c₀/s' for c₀
// null pairs and s' non-null ones), and every free level sampled (not
// FixU, not the level exact whose u comes from frequencies) counted
// AdaptiveMinCount times or known to be rarer than uRes (c + 3√c + 3 ≤
// s'·uRes).
func settledU(counts []uint64, pairs int64, levels []LevelParams, exact int, uRes float64) bool {
	settled := func(c uint64, s int64) bool {
		x := float64(c)
		return c >= AdaptiveMinCount || x+3*math.Sqrt(x)+3 <= float64(s)*uRes
	}
	nonNull := pairs - int64(counts[0])
	if nonNull <= 0 || float64(AdaptiveMinCount)*float64(counts[0]) > float64(nonNull)*float64(nonNull) {
		return false
	}
	for k, lp := range levels {
		if lp.FixU || k+1 == exact {
			continue
		}
		if !settled(counts[k+1], nonNull) {
			return false
		}
	}
	return true
}

// stable reports whether every free non-null level sampled for u has been
// counted at least minCount times.
func (m *Model[R]) stable(counts [][]uint64, minCount int, p *Params, fromKeys []int) bool {
	for i := range counts {
		for k, lp := range p.Comparisons[i].Levels {
			if lp.FixU || k+1 == fromKeys[i] {
				continue
			}
			if counts[i][k+1] < uint64(minCount) {
				return false
			}
		}
	}
	return true
}

func (m *Model[R]) newLevelCounts() [][]float64 {
	counts := make([][]float64, len(m.c))
	for i := range counts {
		counts[i] = make([]float64, len(m.comps[i].Levels)+1)
	}
	return counts
}

func (m *Model[R]) countLevels(counts [][]float64, a, b *R) {
	for i := range m.c {
		counts[i][m.c[i].level(a, b)]++
	}
}

// EstimateMFromLabels sets m for every level from pairs known to be
// matches (clerical review, a shared trusted ID): m_c,k is the share of
// level k among the labelled pairs where comparison c is not null. Levels
// marked FixM keep their m. right == nil means the pairs index left twice.
func (m *Model[R]) EstimateMFromLabels(left, right []R, matches iter.Seq[Pair]) error {
	const op = "EstimateMFromLabels"
	if len(m.comps) == 0 {
		return errZeroModel(op)
	}
	if right == nil {
		right = left
	}
	counts := m.newLevelCounts()
	n := 0
	for p := range matches {
		if p.A < 0 || int(p.A) >= len(left) || p.B < 0 || int(p.B) >= len(right) {
			return newError(op, ErrInvalid, "labelled pair "+strconv.Itoa(n+1)+" has an index out of range")
		}
		m.countLevels(counts, &left[p.A], &right[p.B])
		n++
	}
	if n == 0 {
		return newError(op, ErrNoData, "no labelled pairs")
	}
	p := m.Params()
	for i := range p.Comparisons {
		mStep(p.Comparisons[i].Levels, counts[i][1:], true)
	}
	return m.SetParams(p)
}

// EstimatePriorFromRule estimates λ with a deterministic rule: among the
// candidate pairs, those for which rule holds (for example, agreeing on
// the top level of a national-ID comparison) are taken as matches found
// with the stated recall, so
//
//	λ = (count(rule) / recall) / number of possible pairs
//
// where the number of possible pairs is n(n−1)/2 when deduplicating
// (right == nil) and |left|·|right| when linking. It sets the model's prior
// and returns it.
func (m *Model[R]) EstimatePriorFromRule(left, right []R, pairs iter.Seq[Pair], rule func(a, b *R) bool, recall float64) (float64, error) {
	const op = "EstimatePriorFromRule"
	if len(m.comps) == 0 {
		return 0, errZeroModel(op)
	}
	if !(recall > 0 && recall <= 1) {
		return 0, newError(op, ErrInvalid, "recall must lie in (0, 1]")
	}
	if rule == nil {
		return 0, newError(op, ErrInvalid, "nil rule")
	}
	var total float64
	if right == nil {
		right = left
		total = float64(len(left)) * float64(len(left)-1) / 2
	} else {
		total = float64(len(left)) * float64(len(right))
	}
	if total <= 0 {
		return 0, newError(op, ErrNoData, "fewer than two records to pair")
	}
	hits := 0
	for p := range pairs {
		if p.A < 0 || int(p.A) >= len(left) || p.B < 0 || int(p.B) >= len(right) {
			return 0, newError(op, ErrInvalid, "candidate pair has an index out of range")
		}
		if rule(&left[p.A], &right[p.B]) {
			hits++
		}
	}
	if hits == 0 {
		return 0, newError(op, ErrNoData, "no candidate pair satisfies the rule")
	}
	prior := min(float64(hits)/recall/total, 1-ProbabilityFloor)
	p := m.Params()
	p.Prior = prior
	if err := m.SetParams(p); err != nil {
		return 0, err
	}
	return prior, nil
}
