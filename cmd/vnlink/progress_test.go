package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/linkage/vnperson"
)

func TestProgressText(t *testing.T) {
	setLanguage(langVI)
	defer setLanguage(langEN)
	for _, tc := range []struct {
		p       vnperson.Progress
		elapsed time.Duration
		want    string
	}{
		{vnperson.Progress{Stage: vnperson.StageBlock}, 0, "[2/6] tìm các cặp cần so sánh …"},
		{vnperson.Progress{Stage: vnperson.StagePrepare, Done: 0, Total: 50000}, 0, "[1/6] chuẩn hóa các dòng: 0 / 50.000 (0%)"},
		{vnperson.Progress{Stage: vnperson.StageScore, Done: 1000000, Total: 4000000}, 2 * time.Second,
			"[4/6] chấm điểm các cặp: 1.000.000 / 4.000.000 (25%), 500.000/giây, còn khoảng 6 giây"},
		{vnperson.Progress{Stage: vnperson.StageScore, Done: 100, Total: 100000}, 10 * time.Second,
			"[4/6] chấm điểm các cặp: 100 / 100.000 (0%), 10/giây, còn khoảng 166 phút 30 giây"},
		{vnperson.Progress{Stage: vnperson.StageScore, Done: 7, Total: 5}, time.Second, "[4/6] chấm điểm các cặp: 5 / 5 (100%), 5/giây, còn khoảng 0 giây"},
	} {
		assert.Equal(t, tc.want, progressText(tc.p, tc.elapsed))
	}
}

func TestProgressLineRewrites(t *testing.T) {
	setLanguage(langVI)
	defer setLanguage(langEN)
	var buf bytes.Buffer
	clock := time.Unix(0, 0)
	p := &progressLine{w: &buf, now: func() time.Time { return clock }}
	p.report(vnperson.Progress{Stage: vnperson.StagePrepare, Total: 10})
	clock = clock.Add(2 * time.Second)
	p.report(vnperson.Progress{Stage: vnperson.StagePrepare, Done: 10, Total: 10})
	p.report(vnperson.Progress{Stage: vnperson.StageBlock})
	p.end()
	out := buf.String()
	require.Equal(t, 4, strings.Count(out, "\r")-1, "each report starts with a carriage return, end blanks the line")
	assert.Contains(t, out, "10 / 10 (100%), 5/giây")
	assert.NotContains(t, out, "\n")
	assert.True(t, strings.HasSuffix(out, "\r"))
}

func TestProgressOnlyOnTerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	require.NoError(t, err)
	defer f.Close()
	assert.False(t, isTerminal(f), "a regular file")
	assert.False(t, isTerminal(&bytes.Buffer{}))
	cb, end := newProgress(f, false)
	assert.Nil(t, cb)
	end()
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		defer tty.Close()
		assert.True(t, isTerminal(tty))
		cb, _ := newProgress(tty, true)
		assert.Nil(t, cb, "-q silences the progress")
	}
}
