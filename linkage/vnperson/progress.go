package vnperson

import (
	"strconv"
	"sync/atomic"
	"time"
)

// Stage is a step of Prepare, Dedupe, Link or Reconcile, as reported to a
// progress callback (Options.Progress, PrepareOptions.Progress).
type Stage uint8

// The stages, in the order they run.
const (
	// StagePrepare parses and normalises the rows; Done and Total count
	// rows. Prepared.Add reports it for each call, Done counting on from
	// the rows added before.
	StagePrepare Stage = iota + 1
	// StageBlock builds the candidate pairs of the blocking plan; Total
	// is 0.
	StageBlock
	// StageTrain estimates the model (u, the prior, EM); Total is 0. It is
	// skipped when Options.Model gives the model.
	StageTrain
	// StageScore scores the candidate pairs; Done counts the pairs scored
	// and Total bounds them (pairs that several rules produce are scored
	// once, so the last report may stop below Total).
	StageScore
	// StageCluster forms the people (or clusters) from the links; Total
	// is 0.
	StageCluster
	// StageWorklists builds Reconcile's worklists and figures; Total is 0.
	StageWorklists
)

// String returns the stage's name: "prepare", "block", "train", "score",
// "cluster" or "worklists".
func (s Stage) String() string {
	switch s {
	case StagePrepare:
		return "prepare"
	case StageBlock:
		return "block"
	case StageTrain:
		return "train"
	case StageScore:
		return "score"
	case StageCluster:
		return "cluster"
	case StageWorklists:
		return "worklists"
	}
	return "Stage(" + strconv.Itoa(int(s)) + ")"
}

// Progress is one report of a long run: the stage and how much of it is
// done. Each stage is reported when it starts (Done 0) and when it ends; the
// stages with a Total are also reported while they run, at most about five
// times a second. Reports come from one goroutine at a time and in order, so
// the callback needs no locking, but it must return quickly: the work waits
// for it.
type Progress struct {
	Stage Stage
	// Done is how much of the stage is done: rows for StagePrepare, pairs
	// for StageScore, 0 or 1 (started, ended) for the others.
	Done int64
	// Total is the size of the stage when known (see the Stage constants),
	// else 0.
	Total int64
}

// progressInterval is the least time between two reports within a stage.
const progressInterval = 200 * time.Millisecond

// reporter sends the reports of one run; a nil func makes every method a
// no-op.
type reporter func(Progress)

// stage reports that a stage without a size starts (done false) or ends.
func (r reporter) stage(s Stage, done bool) {
	if r == nil {
		return
	}
	var d int64
	if done {
		d = 1
	}
	r(Progress{Stage: s, Done: d})
}

// counter reports a sized stage from a count others update: it reports
// the start (with the count as it is), then every progressInterval until stop is called, which
// reports the end with the final count. stop must be called from the
// goroutine that called counter.
func (r reporter) counter(s Stage, total int64, n *atomic.Int64) (stop func()) {
	if r == nil {
		return func() {}
	}
	r(Progress{Stage: s, Done: n.Load(), Total: total})
	quit, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(progressInterval)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
				r(Progress{Stage: s, Done: n.Load(), Total: total})
			}
		}
	}()
	return func() {
		close(quit)
		<-finished
		r(Progress{Stage: s, Done: n.Load(), Total: total})
	}
}

// scoreStart reports the start of StageScore.
func (r reporter) scoreStart(total int64) {
	if r != nil {
		r(Progress{Stage: StageScore, Total: total})
	}
}

// scoring returns a linkage.ScoreOptions.Progress func that keeps in
// *scored the pairs scored so far, offset by the pairs of the candidate
// sets already scored, and reports them at most every progressInterval.
func (r reporter) scoring(offset, total int64, scored *int64) func(int64) {
	if r == nil {
		return nil
	}
	var last time.Time
	return func(n int64) {
		*scored = offset + n
		if now := time.Now(); now.Sub(last) >= progressInterval {
			last = now
			r(Progress{Stage: StageScore, Done: offset + n, Total: total})
		}
	}
}

// scoreEnd reports the end of StageScore.
func (r reporter) scoreEnd(scored, total int64) {
	if r != nil {
		r(Progress{Stage: StageScore, Done: scored, Total: total})
	}
}
