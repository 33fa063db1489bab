package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestCommandParsesNoField keeps DESIGN's "every record is prepared exactly
// once": the command renders the display forms vnperson.PrepareDisplay
// returns and never parses a field itself.
func TestCommandParsesNoField(t *testing.T) {
	parse := regexp.MustCompile(`\b(normalize\.(Parse\w*\(|DateParser\b|DateFromExcelSerial\b)|vnname\.Parse\w*\()`)
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		for i, line := range strings.Split(string(src), "\n") {
			if code, _, _ := strings.Cut(line, "//"); parse.MatchString(code) {
				t.Errorf("%s:%d parses a field: %s", f, i+1, strings.TrimSpace(line))
			}
		}
	}
}
