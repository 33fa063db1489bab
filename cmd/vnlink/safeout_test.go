package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const safeInput = "ho_ten,ngay_sinh,gioi_tinh\nNguyễn Văn An,01/02/1990,Nam\nTrần Thị Bình,03/04/1985,Nữ\n"

func TestOutputToDevNullStaysADevice(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.csv", safeInput)
	code, log := runCLI("clean", "-in", in, "-out", os.DevNull, "-json", os.DevNull, "-q")
	require.Equal(t, 0, code, log)
	st, err := os.Stat(os.DevNull)
	require.NoError(t, err)
	assert.NotZero(t, st.Mode()&os.ModeCharDevice, "/dev/null was replaced by a regular file")
}

func TestOutputThatIsAnInputIsRefused(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.csv", safeInput)
	sym := filepath.Join(dir, "sym.csv")
	hard := filepath.Join(dir, "hard.csv")
	require.NoError(t, os.Symlink(in, sym))
	require.NoError(t, os.Link(in, hard))
	for _, args := range [][]string{
		{"clean", "-in", in, "-out", sym},
		{"clean", "-in", in, "-out", hard},
		{"dedupe", "-in", sym, "-out", in},
		{"dedupe", "-in", in, "-out", filepath.Join(dir, "o.csv"), "-json", hard},
		{"link", "-left", in, "-right", filepath.Join(dir, "o.csv"), "-out", hard},
		{"train", "-in", in, "-out", sym},
	} {
		code, log := runCLI(args...)
		assert.Equal(t, 2, code, "%v: %s", args, log)
		assert.Contains(t, log, "overwrite an input", "%v", args)
	}
	data, err := os.ReadFile(in)
	require.NoError(t, err)
	assert.Equal(t, safeInput, string(data), "the input was changed")
}

func TestTempFilesRemoved(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.csv", safeInput)
	// A write that fails leaves nothing behind.
	out := filepath.Join(dir, "out.csv")
	err := writeFileAtomic(out, func(w io.Writer) error {
		_, _ = io.WriteString(w, "half")
		return io.ErrUnexpectedEOF
	})
	require.Error(t, err)
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1, "only the input remains: %v", entries)

	// What a signal handler removes: the temporary files being written.
	stop := make(chan struct{})
	done := make(chan error, 1)
	started := make(chan struct{})
	go func() {
		done <- writeFileAtomic(out, func(w io.Writer) error {
			close(started)
			<-stop
			return io.ErrClosedPipe
		})
	}()
	<-started
	matches, _ := filepath.Glob(filepath.Join(dir, ".out.csv.*.tmp"))
	require.Len(t, matches, 1, "the temporary file is being written")
	assert.Equal(t, 1, removeTemps())
	_, err = os.Stat(matches[0])
	assert.True(t, os.IsNotExist(err), "removeTemps left the temporary file")
	close(stop)
	require.Error(t, <-done)
	_, err = os.Stat(out)
	assert.True(t, os.IsNotExist(err))
	_ = in
}

func TestFailedSummaryNamesWhatWasWritten(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.csv", safeInput)
	out := filepath.Join(dir, "out.csv")
	code, log := runCLI("clean", "-in", in, "-out", out, "-json", filepath.Join(dir, "no-such-folder", "s.json"), "-q", "-lang", "vi")
	assert.Equal(t, 1, code)
	assert.Contains(t, log, "đã ghi xong "+out)
	assert.FileExists(t, out)
}

func TestPrivateTmpRemoved(t *testing.T) {
	d := privateTmp()
	require.NotEmpty(t, d)
	require.NoError(t, os.WriteFile(filepath.Join(d, "excelize-sheet"), []byte("rows"), 0o600))
	assert.Equal(t, d, privateTmp(), "one folder per run")
	removeTemps()
	_, err := os.Stat(d)
	assert.True(t, os.IsNotExist(err), "the private folder is removed with the temporary files")

	d = privateTmp()
	removePrivateTmp()
	_, err = os.Stat(d)
	assert.True(t, os.IsNotExist(err))
}
