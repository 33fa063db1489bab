package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// findBrowser returns the first headless-capable Chromium or Chrome on PATH.
func findBrowser() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestReportInBrowser renders the reconcile report in a headless browser:
// the page loads offline, its charts are in the DOM, and a screenshot is
// taken. Set VNLINK_REPORT_KEEP to a folder to keep the page and the
// screenshot there.
func TestReportInBrowser(t *testing.T) {
	vietnamese(t)
	browser := findBrowser()
	if browser == "" {
		t.Skip("no chromium, chromium-browser or google-chrome on PATH: the report is not rendered (install chromium to run this test)")
	}
	if testing.Short() {
		t.Skip("-short: the browser is not started")
	}
	r := newReportRun(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "bao-cao.html")
	var b bytes.Buffer
	require.NoError(t, writeReportHTML(&b, r.sum, reportMeta{Commune: "xã Ngọc Hồi", Inputs: []string{r.registry, r.ehr, r.bhyt}}))
	require.NoError(t, os.WriteFile(page, b.Bytes(), 0o600))

	run := func(args ...string) []byte {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
			"--user-data-dir=" + filepath.Join(dir, "profile"), "--window-size=1280,2600"}
		cmd := exec.CommandContext(ctx, browser, append(append(base, args...), "file://"+page)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		require.NoError(t, err, "%s: %s", browser, stderr.String())
		return out
	}
	dom := string(run("--dump-dom"))
	assert.Contains(t, dom, "Báo cáo đối chiếu hồ sơ sức khỏe với danh sách dân cư")
	assert.Contains(t, dom, "Độ bao phủ")
	assert.GreaterOrEqual(t, strings.Count(dom, "<svg"), 3, "the charts are in the DOM")
	assert.Contains(t, dom, "<details>")

	shot := filepath.Join(dir, "bao-cao.png")
	run("--screenshot=" + shot)
	info, err := os.Stat(shot)
	require.NoError(t, err, "no screenshot")
	assert.Greater(t, info.Size(), int64(10_000), "the screenshot is nearly empty")
	png, err := os.ReadFile(shot)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(png, []byte("\x89PNG")), "the screenshot is a PNG")

	if keep := os.Getenv("VNLINK_REPORT_KEEP"); keep != "" {
		require.NoError(t, os.WriteFile(filepath.Join(keep, "bao-cao.html"), b.Bytes(), 0o600))
		require.NoError(t, os.WriteFile(filepath.Join(keep, "bao-cao.png"), png, 0o600))
	}
}
