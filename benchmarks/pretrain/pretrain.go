package pretrain

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/google/go-cmp/cmp"
	"github.com/vnlink/vnlink/benchmarks/accuracy"
	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

// The names of the two files, in package vnperson's folder.
const (
	DedupeFile = "pretrained_dedupe.json"
	LinkFile   = "pretrained_link.json"
)

// Dir is the folder of package vnperson, which embeds the files, relative
// to the module root.
const Dir = "linkage/vnperson"

// File is one generated parameter file.
type File struct {
	Name string // DedupeFile or LinkFile
	Data []byte // indented JSON, ending in a newline
}

// Config returns the configuration of the commune the parameters are
// estimated on: synth.DefaultConfig (seed 1) with
// vnperson.PretrainedCommunePeople people.
func Config() synth.Config {
	cfg := synth.DefaultConfig()
	cfg.People = vnperson.PretrainedCommunePeople
	return cfg
}

// Options returns the options both models are trained with: those of the
// accuracy harness (accuracy.Options: the defaults with Today fixed) with
// UsePretrained = vnperson.PretrainedNever, so that m and u come from the
// commune alone.
func Options() vnperson.Options {
	opts := accuracy.Options()
	opts.UsePretrained = vnperson.PretrainedNever
	return opts
}

// Generate runs the recipe (see the package documentation) and returns
// the two files, DedupeFile then LinkFile. It takes a few seconds (minutes
// under the race detector). The same code gives the same bytes on the
// same architecture.
func Generate() ([]File, error) {
	cfg := Config()
	c, err := accuracy.GenerateCommune(cfg)
	if err != nil {
		return nil, err
	}
	opts := Options()
	d, err := vnperson.Dedupe(c.EHR, opts)
	if err != nil {
		return nil, fmt.Errorf("pretrain: deduplicating the EHR extract: %w", err)
	}
	l, err := vnperson.Link(c.EHR, c.Registry, opts)
	if err != nil {
		return nil, fmt.Errorf("pretrain: linking the EHR extract to the registry: %w", err)
	}
	start, err := vnperson.DefaultModel()
	if err != nil {
		return nil, err
	}
	lp, spliced := SpliceUntrained(l.Model.Params(), d.Model.Params(), start.Params())
	if err := l.Model.SetParams(lp); err != nil {
		return nil, fmt.Errorf("pretrain: splicing the link model: %w", err)
	}
	described, err := describeOptions(opts)
	if err != nil {
		return nil, err
	}
	dprov := newProvenance(ModelDedupe, cfg, described, len(c.EHR), 0, nil)
	lprov := newProvenance(ModelLink, cfg, described, len(c.EHR), len(c.Registry), spliced)
	var files []File
	for _, f := range []struct {
		name string
		prov Provenance
		m    *linkage.Model[vnperson.Record]
	}{{DedupeFile, dprov, d.Model}, {LinkFile, lprov, l.Model}} {
		raw, err := f.m.MarshalJSON()
		if err != nil {
			return nil, err
		}
		data, err := Encode(f.prov, raw)
		if err != nil {
			return nil, err
		}
		files = append(files, File{Name: f.name, Data: data})
	}
	return files, nil
}

// SpliceUntrained is step 3 of the recipe. It returns the link
// parameters with every comparison that training left at its starting
// value (equal, name, m, u and all, to the comparison in start, the
// parameters of vnperson.DefaultModel) replaced by the same comparison of
// the deduplication parameters, and the names of the replaced
// comparisons. On the synthetic commune that is "bhxh": the registry has
// no BHYT cards, so no link training pair compares BHXH numbers.
// Comparisons are matched by position; all three parameter sets must be
// over the same comparisons (those of vnperson.DefaultComparisons).
// link's other fields (prior, threshold) are kept; its comparison slice
// is copied, not changed.
func SpliceUntrained(link, dedupe, start linkage.Params) (linkage.Params, []string) {
	out := link
	out.Comparisons = append([]linkage.ComparisonParams(nil), link.Comparisons...)
	var spliced []string
	for i := range out.Comparisons {
		if i < len(start.Comparisons) && i < len(dedupe.Comparisons) && cmp.Equal(out.Comparisons[i], start.Comparisons[i]) {
			out.Comparisons[i] = dedupe.Comparisons[i]
			out.Comparisons[i].Levels = append([]linkage.LevelParams(nil), dedupe.Comparisons[i].Levels...)
			spliced = append(spliced, out.Comparisons[i].Name)
		}
	}
	return out, spliced
}

// Encode returns the file for a model: model (the output of
// linkage.Model.MarshalJSON, a JSON object) with prov as its first field,
// "provenance", indented with tabs and ending in a newline.
func Encode(prov Provenance, model []byte) ([]byte, error) {
	model = bytes.TrimSpace(model)
	if len(model) < 2 || model[0] != '{' || bytes.Equal(bytes.TrimSpace(model[1:]), []byte("}")) {
		return nil, errors.New("pretrain: the model JSON is not a non-empty object")
	}
	pj, err := json.Marshal(prov)
	if err != nil {
		return nil, err
	}
	var raw bytes.Buffer
	raw.WriteString(`{"provenance":`)
	raw.Write(pj)
	raw.WriteByte(',')
	raw.Write(model[1:])
	var out bytes.Buffer
	if err := json.Indent(&out, raw.Bytes(), "", "\t"); err != nil {
		return nil, fmt.Errorf("pretrain: the model JSON is malformed: %w", err)
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// Decode splits a file written by Encode into its provenance (nil when
// the file has none) and its parameters. Unlike linkage.LoadModel, it
// rejects fields it does not know.
func Decode(data []byte) (*Provenance, linkage.Params, error) {
	var f struct {
		Provenance *Provenance `json:"provenance"`
		linkage.Params
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, linkage.Params{}, fmt.Errorf("pretrain: not a pretrained parameter file: %w", err)
	}
	if dec.More() {
		return nil, linkage.Params{}, errors.New("pretrain: not a pretrained parameter file: data after the JSON object")
	}
	return f.Provenance, f.Params, nil
}
