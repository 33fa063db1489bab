package pretrain

import (
	"errors"
	"reflect"
	"time"

	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

// The values of Provenance.Model.
const (
	ModelDedupe = "dedupe"
	ModelLink   = "link"
)

// Provenance says how a pretrained parameter file was made, so that a
// reader can reproduce it. It is the file's "provenance" object; every
// field is fixed by the recipe and the code (no dates, hosts or Go
// versions), so regenerating an up-to-date file gives the same bytes.
type Provenance struct {
	// Model is ModelDedupe or ModelLink.
	Model string `json:"model"`
	// Generator is the command that writes the files, run from the
	// module root (go generate ./linkage/vnperson/ runs it too); Check is
	// the command that fails when they are stale.
	Generator string `json:"generator"`
	Check     string `json:"check"`
	// Recipe is the Go function that holds the whole recipe.
	Recipe string `json:"recipe"`
	// Commune is the synthetic commune trained on.
	Commune Commune `json:"commune"`
	// Training is how the model was trained on it.
	Training Training `json:"training"`
}

// Commune describes the synthetic commune in a Provenance.
type Commune struct {
	// Generator is the import path of the generator, package synth of the
	// same module at the same commit as the file (it has no version of
	// its own).
	Generator string `json:"generator"`
	// Description says how Config was made, in words.
	Description string `json:"description"`
	// Config is the full generator configuration, as encoding/json writes
	// a synth.Config (Go field names).
	Config synth.Config `json:"config"`
	// EHRRecords and RegistryRecords are the rows of the EHR extract and
	// of the population registry trained on (RegistryRecords is 0 for the
	// deduplication model, which does not read the registry): a
	// fingerprint of the generator's output.
	EHRRecords      int `json:"ehr_records"`
	RegistryRecords int `json:"registry_records,omitempty"`
}

// Training describes the training in a Provenance.
type Training struct {
	// Call is the vnperson call that trained the model.
	Call string `json:"call"`
	// Options are the fields of vnperson.Options that differ from their
	// zero value (the defaults), by Go field path, as text.
	Options map[string]string `json:"options"`
	// Splice is step 3 of the recipe (SpliceUntrained), for the link
	// model only.
	Splice *Splice `json:"splice,omitempty"`
	// Output says how the parameters were written.
	Output string `json:"output"`
}

// Splice describes SpliceUntrained's step in a Provenance.
type Splice struct {
	// Step is the Go function that does it, and Rule what it does.
	Step string `json:"step"`
	Rule string `json:"rule"`
	// Comparisons are the comparisons it replaced.
	Comparisons []string `json:"comparisons"`
	// Reason says why the step is needed.
	Reason string `json:"reason"`
}

// newProvenance returns the provenance of one model; registry is 0 and
// spliced nil for the deduplication model.
func newProvenance(model string, cfg synth.Config, options map[string]string, ehr, registry int, spliced []string) Provenance {
	p := Provenance{
		Model:     model,
		Generator: "go run ./benchmarks/cmd/genpretrained",
		Check:     "go run ./benchmarks/cmd/genpretrained -check",
		Recipe:    "github.com/vnlink/vnlink/benchmarks/pretrain.Generate",
		Commune: Commune{
			Generator:   "github.com/vnlink/vnlink/benchmarks/synth",
			Description: "synth.DefaultConfig() with People = vnperson.PretrainedCommunePeople",
			Config:      cfg,
			EHRRecords:  ehr,
		},
		Training: Training{
			Call:    "vnperson.Dedupe(EHR extract, options)",
			Options: options,
			Output:  "linkage.Model.MarshalJSON, indented with tabs, after this object",
		},
	}
	if model == ModelLink {
		p.Commune.RegistryRecords = registry
		p.Training.Call = "vnperson.Link(EHR extract, population registry, options)"
		p.Training.Splice = &Splice{
			Step:        "github.com/vnlink/vnlink/benchmarks/pretrain.SpliceUntrained",
			Rule:        "every comparison still equal to vnperson.DefaultModel's starting values takes the m and u of the deduplication model (" + DedupeFile + ")",
			Comparisons: append([]string{}, spliced...),
			Reason:      "the registry has no BHYT cards, so no link training pair compares BHXH numbers and training leaves bhxh at its starting values",
		}
	}
	return p
}

// describeOptions returns the fields of opts that differ from the
// defaults, as Training.Options holds them, or an error when opts sets a
// field it does not know how to describe (so that a change to Options
// cannot go unrecorded).
func describeOptions(opts vnperson.Options) (map[string]string, error) {
	out := map[string]string{}
	if !opts.Prepare.Today.IsZero() {
		out["Prepare.Today"] = opts.Prepare.Today.Format(time.RFC3339)
		opts.Prepare.Today = time.Time{}
	}
	if opts.UsePretrained != vnperson.PretrainedAuto {
		out["UsePretrained"] = opts.UsePretrained.String()
		opts.UsePretrained = vnperson.PretrainedAuto
	}
	if !reflect.ValueOf(opts).IsZero() {
		return nil, errors.New("pretrain: the training options set a field the provenance does not describe (extend describeOptions)")
	}
	return out, nil
}
