//go:build unix

package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOutputToFIFOIsWrittenInPlace(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.csv", safeInput)
	fifo := filepath.Join(dir, "out.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- "open: " + err.Error()
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- string(b)
	}()
	code, log := runCLI("clean", "-in", in, "-out", fifo, "-q")
	require.Equal(t, 0, code, log)
	out := <-got
	assert.Contains(t, out, "clean_full_name")
	assert.Equal(t, 3, strings.Count(strings.TrimSpace(out), "\n")+1, "header and two rows through the pipe")
	st, err := os.Lstat(fifo)
	require.NoError(t, err)
	assert.NotZero(t, st.Mode()&os.ModeNamedPipe, "the pipe was replaced by a regular file")
}
