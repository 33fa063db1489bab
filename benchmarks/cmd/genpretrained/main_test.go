package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vnlink/vnlink/benchmarks/pretrain"
)

// committed returns the committed files, named by their paths.
func committed(t *testing.T) []pretrain.File {
	t.Helper()
	files, err := readFiles(filepath.Join("..", "..", "..", filepath.FromSlash(pretrain.Dir)))
	require.NoError(t, err)
	return files
}

// generatedAs returns old as the generator names its files, with change
// applied to the link file's data.
func generatedAs(old []pretrain.File, change func(string) string) []pretrain.File {
	var out []pretrain.File
	for _, f := range old {
		data := string(f.Data)
		if filepath.Base(f.Name) == pretrain.LinkFile {
			data = change(data)
		}
		out = append(out, pretrain.File{Name: filepath.Base(f.Name), Data: []byte(data)})
	}
	return out
}

func TestCheckFiles(t *testing.T) {
	old := committed(t)
	same := func(s string) string { return s }
	tests := []struct {
		name      string
		generated []pretrain.File
		wantErr   []string // substrings of the error; nil for none
	}{
		{"up to date", generatedAs(old, same), nil},
		{"m changed", generatedAs(old, func(s string) string {
			return strings.Replace(s, `"m": 0.`, `"m": 0.5`, 1)
		}), []string{pretrain.LinkFile + " is stale: level national_id/cccd_exact: m: ", "go generate ./linkage/vnperson/"}},
		{"provenance changed", generatedAs(old, func(s string) string {
			return strings.Replace(s, `"People": 50000`, `"People": 5000`, 1)
		}), []string{pretrain.LinkFile + " is stale: provenance line ", `"People": 5000`}},
		{"one file", generatedAs(old, same)[:1], []string{"generated 1 files, 2 were read"}},
		{"order", []pretrain.File{generatedAs(old, same)[1], generatedAs(old, same)[0]}, []string{"generated " + pretrain.LinkFile + " where"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			err := checkFiles(old, tt.generated, &out)
			if tt.wantErr == nil {
				require.NoError(t, err)
				assert.Equal(t, 2, strings.Count(out.String(), "is up to date"))
				return
			}
			require.Error(t, err)
			for _, want := range tt.wantErr {
				assert.Contains(t, err.Error(), want)
			}
			assert.NotContains(t, err.Error(), pretrain.DedupeFile+" is stale")
		})
	}
}

func TestRunUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown flag", []string{"-update"}, "flag provided but not defined"},
		{"arguments", []string{"extra"}, "unexpected arguments: extra"},
		// -check reads the files before generating, so a wrong folder
		// fails at once.
		{"check without files", []string{"-check", "-out", t.TempDir()}, pretrain.DedupeFile},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, log bytes.Buffer
			err := run(tt.args, &stdout, &log)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Empty(t, stdout.String())
		})
	}
}

func TestDeclares(t *testing.T) {
	tests := []struct {
		gomod string
		want  bool
	}{
		{"module github.com/vnlink/vnlink\n\ngo 1.26.0\n", true},
		{"// comment\nmodule \"github.com/vnlink/vnlink\"\n", true},
		{"module github.com/vnlink/vnlink/v2\n", false},
		{"module example.com/other\n", false},
		{"go 1.26.0\n", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, declares([]byte(tt.gomod), modulePath), "%q", tt.gomod)
	}
}

func TestModuleRoot(t *testing.T) {
	root, err := moduleRoot()
	require.NoError(t, err)
	_, err = os.Stat(filepath.Join(root, filepath.FromSlash(pretrain.Dir), pretrain.DedupeFile))
	assert.NoError(t, err)
}

// TestRunWritesAndChecks runs the whole recipe twice (a few seconds each,
// minutes under the race detector): VNLINK_ACCURACY=1 only.
func TestRunWritesAndChecks(t *testing.T) {
	if os.Getenv("VNLINK_ACCURACY") == "" {
		t.Skip("set VNLINK_ACCURACY=1 to run the recipe (the 50,000-person commune)")
	}
	dir := t.TempDir()
	var stdout, log bytes.Buffer
	require.NoError(t, run([]string{"-out", dir}, &stdout, &log))
	assert.Equal(t, 2, strings.Count(stdout.String(), "wrote "), stdout.String())
	stdout.Reset()
	require.NoError(t, run([]string{"-check", "-out", dir}, &stdout, &log))
	assert.Equal(t, 2, strings.Count(stdout.String(), "is up to date"), stdout.String())

	path := filepath.Join(dir, pretrain.DedupeFile)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, bytes.Replace(data, []byte(`"prior": 0.`), []byte(`"prior": 0.1`), 1), 0o644))
	err = run([]string{"-check", "-out", dir}, &stdout, &log)
	require.Error(t, err)
	assert.Contains(t, err.Error(), pretrain.DedupeFile+" is stale: prior: ")
}
