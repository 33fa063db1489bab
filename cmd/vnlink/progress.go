package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/vnlink/vnlink/linkage/vnperson"
)

// stageNames are the keys of the stages as the progress line shows them.
var stageNames = map[vnperson.Stage]string{
	vnperson.StagePrepare:   "standardising the rows",
	vnperson.StageBlock:     "finding the pairs to compare",
	vnperson.StageTrain:     "training the model",
	vnperson.StageScore:     "scoring the pairs",
	vnperson.StageCluster:   "grouping the rows by person",
	vnperson.StageWorklists: "making the lists",
}

// A progressLine shows the progress of a long run on one terminal line,
// rewritten in place: the stage, what is done of it, the rate and the time
// left. It shows counts only.
type progressLine struct {
	w     io.Writer
	now   func() time.Time
	stage vnperson.Stage
	start time.Time // of the stage
	width int       // of the last line written, to blank its rest
}

// newProgress returns the progress callback for a run writing its messages
// to log, and a func to call when the run ends; both do nothing unless log
// is a terminal and quiet is false.
func newProgress(log io.Writer, quiet bool) (func(vnperson.Progress), func()) {
	if quiet || !isTerminal(log) {
		return nil, func() {}
	}
	p := &progressLine{w: log, now: time.Now}
	return p.report, p.end
}

// isTerminal reports whether w is a character device (a terminal), not a
// file or a pipe.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// report writes the line for one progress report.
func (p *progressLine) report(r vnperson.Progress) {
	now := p.now()
	// A stage starts again when a second list is standardised (link).
	if r.Stage != p.stage || (r.Done == 0 && r.Total > 0) {
		p.stage, p.start = r.Stage, now
	}
	p.write(progressText(r, now.Sub(p.start)))
}

// progressText is the line for r, elapsed into its stage.
func progressText(r vnperson.Progress, elapsed time.Duration) string {
	name := tr(stageNames[r.Stage])
	if stageNames[r.Stage] == "" {
		name = r.Stage.String()
	}
	line := fmt.Sprintf("[%d/%d] %s", int(r.Stage), len(stageNames), name)
	if r.Total <= 0 {
		return line + " …"
	}
	done := min(r.Done, r.Total)
	line += tr(": %d / %d (%d%%)", done, r.Total, 100*done/r.Total)
	if secs := elapsed.Seconds(); done > 0 && secs >= 1 {
		rate := float64(done) / secs
		left := time.Duration(float64(r.Total-done) / rate * float64(time.Second))
		line += tr(", %d/s, about %s left", int(rate), viDuration(left))
	}
	return line
}

// viDuration writes d rounded to seconds: "45 giây", "3 phút 5 giây".
func viDuration(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	if s < 60 {
		return tr("%d s", s)
	}
	return tr("%d min %d s", s/60, s%60)
}

// write rewrites the terminal line with s.
func (p *progressLine) write(s string) {
	n := len([]rune(s))
	pad := ""
	if p.width > n {
		pad = strings.Repeat(" ", p.width-n)
	}
	fmt.Fprintf(p.w, "\r%s%s", s, pad)
	p.width = n
}

// end blanks the progress line so that the summary starts on a clean line.
func (p *progressLine) end() {
	if p.width > 0 {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.width))
		p.width = 0
	}
}
