package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/linkage/vnperson"
)

// modelParams reads the "model" of a JSON summary, or a whole model file,
// as generic JSON for comparison.
func modelParams(t *testing.T, data []byte, inSummary bool) any {
	t.Helper()
	if inSummary {
		var s struct {
			Model json.RawMessage `json:"model"`
		}
		require.NoError(t, json.Unmarshal(data, &s))
		data = s.Model
	}
	var v any
	require.NoError(t, json.Unmarshal(data, &v))
	return v
}

func TestTrainAndModelFlag(t *testing.T) {
	registry, ehr, _ := syntheticCommune(t, 1200)
	dir := t.TempDir()
	ehrFile := filepath.Join(dir, "ehr.csv")
	regFile := filepath.Join(dir, "registry.csv")
	require.NoError(t, os.WriteFile(ehrFile, ehr, 0o600))
	require.NoError(t, os.WriteFile(regFile, registry, 0o600))

	// train writes a model that LoadModel reads, for each way of training.
	for _, args := range [][]string{
		{"-in", ehrFile},
		{"-left", ehrFile, "-right", regFile},
		{"-registry", regFile, "-ehr", ehrFile},
	} {
		out := filepath.Join(dir, "m.json")
		code, log := runCLI(append(append([]string{"train"}, args...), "-out", out, "-today", today, "-workers", "1", "-lang", "vi")...)
		require.Equal(t, 0, code, log)
		assert.Contains(t, log, "đã ghi")
		data, err := os.ReadFile(out)
		require.NoError(t, err)
		_, err = vnperson.LoadModel(data)
		require.NoError(t, err, "train %v wrote a model LoadModel refuses", args)
	}

	// -model makes dedupe use the given model as it is: the pretrained
	// one, which differs from what this file would train.
	pm, err := vnperson.PretrainedModel()
	require.NoError(t, err)
	pdata, err := json.Marshal(pm)
	require.NoError(t, err)
	modelFile := filepath.Join(dir, "pretrained.json")
	require.NoError(t, os.WriteFile(modelFile, pdata, 0o600))
	runDedupe := func(extra ...string) any {
		sum := filepath.Join(dir, "sum.json")
		code, log := runCLI(append([]string{"dedupe", "-in", ehrFile, "-out", filepath.Join(dir, "d.csv"), "-json", sum, "-today", today, "-q"}, extra...)...)
		require.Equal(t, 0, code, log)
		data, err := os.ReadFile(sum)
		require.NoError(t, err)
		return modelParams(t, data, true)
	}
	want := modelParams(t, pdata, false)
	assert.Equal(t, want, runDedupe("-model", modelFile))
	assert.NotEqual(t, want, runDedupe(), "the file trains a model of its own without -model")

	// A file that is not a model is refused, naming the flag.
	bad := writeFile(t, dir, "bad.json", `{"comparisons": 7}`)
	code, log := runCLI("dedupe", "-in", ehrFile, "-out", filepath.Join(dir, "x.csv"), "-model", bad)
	assert.Equal(t, 1, code)
	assert.Contains(t, log, "-model")
	_, err = os.Stat(filepath.Join(dir, "x.csv"))
	assert.True(t, os.IsNotExist(err), "no output after a bad -model")
}

func TestTrainFlagErrors(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.csv", "ho_ten,ngay_sinh\nA,1990\n")
	for _, args := range [][]string{
		{"train", "-out", filepath.Join(dir, "m.json")},
		{"train", "-in", in},
		{"train", "-in", in, "-left", in, "-right", in, "-out", filepath.Join(dir, "m.json")},
		{"train", "-left", in, "-out", filepath.Join(dir, "m.json")},
		{"train", "-in", in, "-out", in},
	} {
		code, _ := runCLI(args...)
		assert.Equal(t, 2, code, "%v", args)
	}
}

func TestVersionAndDidYouMean(t *testing.T) {
	var out, log strings.Builder
	require.Equal(t, 0, run([]string{"version"}, &out, &log))
	assert.True(t, strings.HasPrefix(out.String(), "vnlink "), out.String())
	assert.Contains(t, out.String(), "go1")

	for in, want := range map[string]string{"dedup": "dedupe", "reconcle": "reconcile", "lnk": "link", "trian": "train"} {
		code, log := runCLI(in, "-in", "x.csv")
		assert.Equal(t, 2, code)
		assert.Contains(t, log, `"vnlink `+want+`"`, in)
	}
	code, msg := runCLI("frobnicate")
	assert.Equal(t, 2, code)
	assert.NotContains(t, msg, "có phải ý bạn")
}

func TestNearestCommand(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"clean", "clean"}, {"cleen", "clean"}, {"dedupe", "dedupe"}, {"explian", "explain"},
		{"xyzxyzxyz", ""}, {"", ""},
	} {
		assert.Equal(t, tc.want, nearestCommand(tc.in), tc.in)
	}
}
