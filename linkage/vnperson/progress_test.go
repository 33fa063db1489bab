package vnperson_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/linkage/vnperson"
)

// progressLog collects the reports of one run and checks the order rules
// of Progress: stages in order, each started (Done 0) before its other
// reports, Done never going down within a stage and never above a Total.
type progressLog struct {
	t       *testing.T
	reports []vnperson.Progress
}

func (l *progressLog) add(p vnperson.Progress) { l.reports = append(l.reports, p) }

// stages returns the stages in the order first reported, and checks the
// rules on the way.
func (l *progressLog) stages() []vnperson.Stage {
	var out []vnperson.Stage
	for i, p := range l.reports {
		if i == 0 || p.Stage != l.reports[i-1].Stage {
			require.Zero(l.t, p.Done, "stage %v must start at 0", p.Stage)
			require.NotContains(l.t, out, p.Stage, "stage %v reported twice", p.Stage)
			if len(out) > 0 {
				require.Greater(l.t, p.Stage, out[len(out)-1], "stages out of order")
			}
			out = append(out, p.Stage)
			continue
		}
		prev := l.reports[i-1]
		require.GreaterOrEqual(l.t, p.Done, prev.Done, "stage %v: Done went down", p.Stage)
		require.Equal(l.t, prev.Total, p.Total, "stage %v: Total changed", p.Stage)
		if p.Total > 0 {
			require.LessOrEqual(l.t, p.Done, p.Total, "stage %v: Done above Total", p.Stage)
		}
	}
	return out
}

// last returns the last report of a stage.
func (l *progressLog) last(s vnperson.Stage) vnperson.Progress {
	var out vnperson.Progress
	for _, p := range l.reports {
		if p.Stage == s {
			out = p
		}
	}
	return out
}

func TestProgress(t *testing.T) {
	registry, ehr, _, _ := campaign(1500, 5)
	people, _ := community(1200, 6)
	all := []vnperson.Stage{vnperson.StagePrepare, vnperson.StageBlock, vnperson.StageTrain, vnperson.StageScore, vnperson.StageCluster}
	tests := []struct {
		name string
		rows int
		run  func(opts vnperson.Options) error
		want []vnperson.Stage
	}{
		{"dedupe", len(people), func(o vnperson.Options) error { _, err := vnperson.Dedupe(people, o); return err }, all},
		{"link", len(ehr) + len(registry), func(o vnperson.Options) error { _, err := vnperson.Link(ehr, registry, o); return err }, all},
		{"reconcile", len(ehr) + len(registry), func(o vnperson.Options) error {
			ro := reconcileOptions()
			ro.Options.Progress = o.Progress
			_, err := vnperson.Reconcile(registry, ehr, nil, ro)
			return err
		}, append(slices.Clone(all), vnperson.StageWorklists)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log := &progressLog{t: t}
			opts := testOptions()
			opts.Progress = log.add
			require.NoError(t, tt.run(opts))
			assert.Equal(t, tt.want, log.stages())
			prep := log.last(vnperson.StagePrepare)
			assert.Equal(t, vnperson.Progress{Stage: vnperson.StagePrepare, Done: int64(tt.rows), Total: int64(tt.rows)}, prep)
			score := log.last(vnperson.StageScore)
			assert.Positive(t, score.Done, "pairs scored")
			assert.LessOrEqual(t, score.Done, score.Total)
			assert.Equal(t, int64(1), log.last(vnperson.StageCluster).Done, "cluster stage ended")
		})
	}
}

func TestPrepareProgress(t *testing.T) {
	people, _ := community(3000, 7)
	log := &progressLog{t: t}
	_, _ = vnperson.Prepare(people, vnperson.PrepareOptions{Workers: 3, Progress: log.add})
	n := int64(len(people))
	assert.Equal(t, []vnperson.Stage{vnperson.StagePrepare}, log.stages())
	assert.Equal(t, vnperson.Progress{Stage: vnperson.StagePrepare, Done: n, Total: n}, log.last(vnperson.StagePrepare))
}

func ExampleProgress() {
	people := []vnperson.Person{
		{ID: "1", FullName: "Nguyễn Văn An", BirthDate: "12/03/1985"},
		{ID: "2", FullName: "Nguyen Van An", BirthDate: "1985-03-12"},
	}
	var stages []string
	opts := vnperson.Options{Progress: func(p vnperson.Progress) {
		if p.Done == 0 {
			stages = append(stages, p.Stage.String())
		}
	}}
	if _, err := vnperson.Dedupe(people, opts); err != nil {
		panic(err)
	}
	fmt.Println(stages)
	// Output:
	// [prepare block train score cluster]
}
