package pretrain

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

// committed returns the committed file name.
func committed(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(Dir), name))
	require.NoError(t, err)
	return data
}

func defaultParams(t *testing.T) linkage.Params {
	t.Helper()
	m, err := vnperson.DefaultModel()
	require.NoError(t, err)
	return m.Params()
}

// clone returns a deep copy of p.
func clone(t *testing.T, p linkage.Params) linkage.Params {
	t.Helper()
	data, err := json.Marshal(p)
	require.NoError(t, err)
	var out linkage.Params
	require.NoError(t, json.Unmarshal(data, &out))
	return out
}

func TestSpliceUntrained(t *testing.T) {
	start := defaultParams(t)
	dedupe := defaultParams(t)
	for i := range dedupe.Comparisons {
		for k := range dedupe.Comparisons[i].Levels {
			dedupe.Comparisons[i].Levels[k].M = 0.5 // marks the dedupe values
		}
	}
	trained := func(p linkage.Params, names ...string) linkage.Params {
		for i, c := range p.Comparisons {
			for _, n := range names {
				if c.Name == n {
					p.Comparisons[i].Levels[0].M = 0.25
				}
			}
		}
		return p
	}
	all := []string{}
	for _, c := range start.Comparisons {
		all = append(all, c.Name)
	}
	others := []string{}
	for _, n := range all {
		if n != "bhxh" {
			others = append(others, n)
		}
	}
	tests := []struct {
		name    string
		link    linkage.Params
		spliced []string
	}{
		{"bhxh untrained", trained(defaultParams(t), others...), []string{"bhxh"}},
		{"all trained", trained(defaultParams(t), all...), nil},
		{"none trained", defaultParams(t), all},
		// Any changed field makes a comparison trained.
		{"bhxh tf weight changed", func() linkage.Params {
			p := trained(defaultParams(t), others...)
			for i := range p.Comparisons {
				if p.Comparisons[i].Name == "bhxh" {
					p.Comparisons[i].TFWeight = 0.5
				}
			}
			return p
		}(), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := clone(t, tt.link)
			got, spliced := SpliceUntrained(tt.link, dedupe, start)
			assert.Equal(t, tt.spliced, spliced)
			assert.Empty(t, cmp.Diff(before, tt.link), "the link parameters were changed in place")
			for i, c := range got.Comparisons {
				want := tt.link.Comparisons[i]
				for _, n := range spliced {
					if n == c.Name {
						want = dedupe.Comparisons[i]
					}
				}
				assert.Empty(t, cmp.Diff(want, c), "comparison %s (-want +got)", c.Name)
			}
			assert.Equal(t, tt.link.Prior, got.Prior)
		})
	}
}

func TestEncodeDecode(t *testing.T) {
	m, err := vnperson.DefaultModel()
	require.NoError(t, err)
	model, err := m.MarshalJSON()
	require.NoError(t, err)
	prov := newProvenance(ModelLink, Config(), map[string]string{"UsePretrained": "never"}, 10, 20, []string{"bhxh"})
	data, err := Encode(prov, model)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(data, []byte("{\n\t\"provenance\": {\n\t\t\"model\": \"link\",")), "provenance comes first, indented with tabs")
	assert.True(t, bytes.HasSuffix(data, []byte("}\n")))

	got, params, err := Decode(data)
	require.NoError(t, err)
	require.NotNil(t, got)
	assert.Empty(t, cmp.Diff(prov, *got), "provenance (-want +got)")
	assert.Empty(t, cmp.Diff(m.Params(), params), "parameters (-want +got)")
	// The library reads the file as any saved model.
	loaded, err := vnperson.LoadModel(data)
	require.NoError(t, err)
	again, err := loaded.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, string(model), string(again))

	_, err = Encode(prov, []byte("[]"))
	assert.Error(t, err, "not an object")
	_, err = Encode(prov, []byte("{ }"))
	assert.Error(t, err, "empty object")
	_, err = Encode(prov, []byte(`{"version":`))
	assert.Error(t, err, "malformed")

	tests := []struct {
		name, data string
		prov       bool
		ok         bool
	}{
		{"without provenance", string(model), false, true},
		{"unknown field", `{"extra":1,` + string(model[1:]), false, false},
		{"trailing data", string(model) + "{}", false, false},
		{"malformed", string(model[:10]), false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, _, err := Decode([]byte(tt.data))
			if !tt.ok {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.prov, p != nil)
		})
	}
}

func TestDescribeOptions(t *testing.T) {
	got, err := describeOptions(Options())
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"Prepare.Today": "2026-01-01T00:00:00Z", "UsePretrained": "never"}, got)

	got, err = describeOptions(vnperson.Options{})
	require.NoError(t, err)
	assert.Empty(t, got)

	opts := Options()
	opts.Seed = 7
	_, err = describeOptions(opts)
	assert.Error(t, err, "a field the provenance does not describe")
}

func TestDiff(t *testing.T) {
	base := committed(t, LinkFile)
	edit := func(old, new string) []byte {
		require.Contains(t, string(base), old)
		return bytes.Replace(base, []byte(old), []byte(new), 1)
	}
	_, params, err := Decode(base)
	require.NoError(t, err)
	m := params.Comparisons[0].Levels[0].M
	mText, _ := json.Marshal(m)
	nearM, _ := json.Marshal(m * (1 + 1e-12))
	farM, _ := json.Marshal(m * 1.01)
	tests := []struct {
		name string
		new  []byte
		want string // a prefix of the description; "" for none
	}{
		{"identical", base, ""},
		{"reindented", func() []byte {
			var b bytes.Buffer
			require.NoError(t, json.Compact(&b, base))
			return b.Bytes()
		}(), ""},
		{"rounding", edit(`"m": `+string(mText), `"m": `+string(nearM)), ""},
		{"m", edit(`"m": `+string(mText), `"m": `+string(farM)), "level national_id/cccd_exact: m: " + string(mText) + " in the file, " + string(farM) + " generated"},
		{"prior", edit(`"prior": 0.`, `"prior": 0.1`), "prior: "},
		{"threshold", edit(`"threshold": 0`, `"threshold": 2`), "threshold: 0 in the file, 2 generated"},
		{"label", edit(`"label": "cmnd_exact"`, `"label": "cmnd"`), `comparison national_id: level 2: "cmnd_exact" in the file, "cmnd" generated`},
		{"fixed", edit(`"label": "cmnd_exact",`, `"label": "cmnd_exact", "fix_m": true,`), "level national_id/cmnd_exact: fix_m, fix_u or term_frequency differ"},
		{"provenance", edit(`"People": 50000`, `"People": 4`), `provenance line 11: "People": 50000 in the file, "People": 4 generated`},
		{"spliced", edit(`"comparisons": [
					"bhxh"
				]`, `"comparisons": []`), `provenance line`},
		{"no provenance", func() []byte {
			_, p, err := Decode(base)
			require.NoError(t, err)
			b, err := json.Marshal(p)
			require.NoError(t, err)
			return b
		}(), "the generated file has no provenance"},
		{"malformed", base[:100], "the generated file does not decode: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Diff(base, tt.new)
			if tt.want == "" {
				assert.Empty(t, got)
				return
			}
			assert.True(t, strings.HasPrefix(got, tt.want), "got %q, want it to start with %q", got, tt.want)
			assert.NotEmpty(t, Diff(tt.new, base), "the difference is seen both ways")
		})
	}
}

// TestCommittedFiles checks the committed files without training: each is
// exactly Encode of its provenance and of what linkage.Model.MarshalJSON
// writes for the parameters it holds (so the files are the generator's
// output and LoadModel reads them exactly); the provenance is what the
// recipe writes (configuration, options, the splice) but for the counts
// that only a run knows; and the spliced comparisons of the link file hold
// the dedupe file's parameters. Whether the parameters are stale is
// checked by go run ./benchmarks/cmd/genpretrained -check (CI).
func TestCommittedFiles(t *testing.T) {
	opts, err := describeOptions(Options())
	require.NoError(t, err)
	var params [2]linkage.Params
	for i, name := range []string{DedupeFile, LinkFile} {
		t.Run(name, func(t *testing.T) {
			data := committed(t, name)
			prov, p, err := Decode(data)
			require.NoError(t, err)
			require.NotNil(t, prov, "provenance")
			params[i] = p
			m, err := vnperson.LoadModel(data)
			require.NoError(t, err)
			model, err := m.MarshalJSON()
			require.NoError(t, err)
			again, err := Encode(*prov, model)
			require.NoError(t, err)
			assert.Equal(t, string(data), string(again), "the file is not Encode(provenance, MarshalJSON)")

			kind, registry, spliced := ModelDedupe, 0, []string(nil)
			if name == LinkFile {
				kind, registry = ModelLink, prov.Commune.RegistryRecords
				require.NotNil(t, prov.Training.Splice)
				spliced = prov.Training.Splice.Comparisons
				assert.Equal(t, []string{"bhxh"}, spliced)
			}
			want := newProvenance(kind, Config(), opts, prov.Commune.EHRRecords, registry, spliced)
			assert.Empty(t, cmp.Diff(want, *prov), "provenance (-recipe +file)")
			assert.Positive(t, prov.Commune.EHRRecords)
			if name == LinkFile {
				assert.Equal(t, vnperson.PretrainedCommunePeople, prov.Commune.RegistryRecords, "the registry is clean, one row a person")
			}
		})
	}
	for i, c := range params[1].Comparisons {
		if c.Name == "bhxh" {
			assert.Empty(t, cmp.Diff(params[0].Comparisons[i], c), "link bhxh is the dedupe model's (-dedupe +link)")
		}
	}
}

// TestGenerate runs the recipe on the 50,000-person commune (seconds,
// minutes under the race detector): VNLINK_ACCURACY=1 only. It checks what
// the recipe promises beyond the numbers: two files that the library
// loads, the provenance of the committed files, and the bhxh splice.
func TestGenerate(t *testing.T) {
	if os.Getenv("VNLINK_ACCURACY") == "" {
		t.Skip("set VNLINK_ACCURACY=1 to run the recipe (the 50,000-person commune)")
	}
	files, err := Generate()
	require.NoError(t, err)
	require.Len(t, files, 2)
	var params [2]linkage.Params
	for i, name := range []string{DedupeFile, LinkFile} {
		f := files[i]
		require.Equal(t, name, f.Name)
		_, err := vnperson.LoadModel(f.Data)
		require.NoError(t, err, name)
		prov, p, err := Decode(f.Data)
		require.NoError(t, err)
		params[i] = p
		old, _, err := Decode(committed(t, name))
		require.NoError(t, err)
		assert.Empty(t, cmp.Diff(old, prov), "%s: provenance (-committed +generated)", name)
	}
	start := defaultParams(t)
	for i, c := range params[1].Comparisons {
		if c.Name == "bhxh" {
			assert.Empty(t, cmp.Diff(params[0].Comparisons[i], c), "link bhxh is the dedupe model's (-dedupe +link)")
		} else {
			assert.NotEqual(t, start.Comparisons[i], c, "%s is trained", c.Name)
		}
	}
}
