package accuracy

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

var updatePretrained = flag.Bool("update", false, "regenerate the pretrained vnperson parameters (TestPretrainedModel)")

// pretrainedDir is the vnperson package folder, which embeds the
// pretrained parameters.
var pretrainedDir = filepath.Join("..", "..", "linkage", "vnperson")

// pretrainedFiles are the embedded parameter files: deduplication, then
// linkage.
var pretrainedFiles = [2]string{"pretrained_dedupe.json", "pretrained_link.json"}

// trainPretrained returns the parameters the pretrained files hold: the
// models trained from the data alone (PretrainedNever) by deduplicating the
// EHR extract of the default synthetic commune of
// vnperson.PretrainedCommunePeople people, and by linking it to the
// commune's registry, as indented JSON.
func trainPretrained(t *testing.T) [2][]byte {
	t.Helper()
	cfg := synth.DefaultConfig()
	cfg.People = vnperson.PretrainedCommunePeople
	c, err := GenerateCommune(cfg)
	if err != nil {
		t.Fatal(err)
	}
	opts := Options()
	opts.UsePretrained = vnperson.PretrainedNever
	d, err := vnperson.Dedupe(c.EHR, opts)
	if err != nil {
		t.Fatal(err)
	}
	l, err := vnperson.Link(c.EHR, c.Registry, opts)
	if err != nil {
		t.Fatal(err)
	}
	// The registry has no BHYT cards, so the link training pairs never
	// compare BHXH numbers: such a comparison would keep the engine's
	// starting values. It takes the deduplication model's instead.
	start, err := vnperson.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	sp, dp, lp := start.Params(), d.Model.Params(), l.Model.Params()
	for i := range lp.Comparisons {
		if cmp.Equal(lp.Comparisons[i], sp.Comparisons[i]) {
			lp.Comparisons[i] = dp.Comparisons[i]
		}
	}
	if err := l.Model.SetParams(lp); err != nil {
		t.Fatal(err)
	}
	var out [2][]byte
	for i, m := range []*linkage.Model[vnperson.Record]{d.Model, l.Model} {
		raw, err := m.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := json.Indent(&buf, raw, "", "\t"); err != nil {
			t.Fatal(err)
		}
		buf.WriteByte('\n')
		out[i] = buf.Bytes()
	}
	return out
}

// TestPretrainedModel checks that the pretrained parameters embedded in
// vnperson are those training on the synthetic commune produces, or with
// -update rewrites them:
//
//	go test ./benchmarks/accuracy/ -run TestPretrainedModel -update
//
// Training on 50,000 people takes 15 s (minutes under the race detector),
// so the check runs only with VNLINK_ACCURACY=1, like the other full
// accuracy runs; vnperson's own tests check the embedded files' sanity.
func TestPretrainedModel(t *testing.T) {
	if !*updatePretrained && os.Getenv("VNLINK_ACCURACY") == "" {
		t.Skip("training on the 50,000-person commune takes 15 s (minutes under the race detector); set VNLINK_ACCURACY=1 to check the pretrained parameters")
	}
	got := trainPretrained(t)
	for i, name := range pretrainedFiles {
		path := filepath.Join(pretrainedDir, name)
		if *updatePretrained {
			if err := os.WriteFile(path, got[i], 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s", path)
			continue
		}
		embedded, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var want, have linkage.Params
		if err := json.Unmarshal(embedded, &want); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := json.Unmarshal(got[i], &have); err != nil {
			t.Fatal(err)
		}
		// A tolerance, not bytes: architectures that fuse multiply-adds may
		// round the last bits differently.
		if diff := pretrainedParamsDiff(want, have, 1e-9); diff != "" {
			t.Errorf("%s is stale (%s); regenerate with\n\tgo test ./benchmarks/accuracy/ -run TestPretrainedModel -update", name, diff)
		}
	}
}

// pretrainedParamsDiff describes the first difference between two parameter sets
// beyond a relative tolerance, or returns "".
func pretrainedParamsDiff(want, got linkage.Params, tol float64) string {
	near := func(a, b float64) bool { return math.Abs(a-b) <= tol*max(math.Abs(a), math.Abs(b), 1e-300) }
	if want.Version != got.Version || !near(want.Prior, got.Prior) || !near(want.Threshold, got.Threshold) {
		return "version, prior or threshold differ"
	}
	if len(want.Comparisons) != len(got.Comparisons) {
		return "number of comparisons differs"
	}
	for i, wc := range want.Comparisons {
		gc := got.Comparisons[i]
		if wc.Name != gc.Name || len(wc.Levels) != len(gc.Levels) || wc.TFWeight != gc.TFWeight || wc.TFMinimum != gc.TFMinimum {
			return "comparison " + strconv.Quote(wc.Name) + " differs in name, levels or term-frequency settings"
		}
		for k, wl := range wc.Levels {
			gl := gc.Levels[k]
			if wl.Label != gl.Label || !near(wl.M, gl.M) || !near(wl.U, gl.U) || wl.FixM != gl.FixM || wl.FixU != gl.FixU || wl.TermFrequency != gl.TermFrequency {
				return "level " + wc.Name + "/" + wl.Label + " differs"
			}
		}
	}
	return ""
}

func TestPretrainedParamsDiff(t *testing.T) {
	base := func() linkage.Params {
		m, err := vnperson.PretrainedModel()
		if err != nil {
			t.Fatal(err)
		}
		return m.Params()
	}
	tests := []struct {
		name   string
		change func(p *linkage.Params)
		same   bool
	}{
		{"identical", func(*linkage.Params) {}, true},
		{"rounding", func(p *linkage.Params) { p.Comparisons[0].Levels[0].M *= 1 + 1e-12 }, true},
		{"m", func(p *linkage.Params) { p.Comparisons[0].Levels[0].M *= 1.01 }, false},
		{"u", func(p *linkage.Params) { p.Comparisons[2].Levels[1].U *= 0.5 }, false},
		{"prior", func(p *linkage.Params) { p.Prior *= 2 }, false},
		{"label", func(p *linkage.Params) { p.Comparisons[1].Levels[0].Label = "other" }, false},
		{"levels", func(p *linkage.Params) { p.Comparisons[3].Levels = p.Comparisons[3].Levels[1:] }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := base()
			tt.change(&p)
			if got := pretrainedParamsDiff(base(), p, 1e-9) == ""; got != tt.same {
				t.Errorf("same = %v, want %v", got, tt.same)
			}
		})
	}
}

// TestPretrainedPolicySweep measures pairwise dedupe F1 and link F1 of
// both policies on synthetic communes of growing size (seeds other than
// the pretrained commune's), the measurements behind
// vnperson.MinTrainRecords. It takes a minute: VNLINK_ACCURACY=1 only.
func TestPretrainedPolicySweep(t *testing.T) {
	if os.Getenv("VNLINK_ACCURACY") == "" {
		t.Skip("set VNLINK_ACCURACY=1 to measure the pretrained policies by commune size")
	}
	for _, people := range []int{50, 100, 200, 500, 1000, 2000, 5000} {
		for _, seed := range []uint64{2, 3} {
			cfg := synth.DefaultConfig()
			cfg.People, cfg.Seed = people, seed
			c, err := GenerateCommune(cfg)
			if err != nil {
				t.Fatal(err)
			}
			for _, pol := range []vnperson.PretrainedPolicy{vnperson.PretrainedAlways, vnperson.PretrainedNever} {
				opts := Options()
				opts.UsePretrained = pol
				d, err := vnperson.Dedupe(c.EHR, opts)
				if err != nil {
					t.Fatal(err)
				}
				dm, err := linkage.EvaluateClusters(d.Clusters, c.EHRTruth)
				if err != nil {
					t.Fatal(err)
				}
				l, err := vnperson.Link(c.EHR, c.Registry, opts)
				if err != nil {
					t.Fatal(err)
				}
				links := make([]linkage.Pair, len(l.Links))
				for i, x := range l.Links {
					links[i] = linkage.Pair{A: x.A, B: x.B}
				}
				lm, err := linkage.EvaluateLinks(links, c.EHRTruth, c.RegistryTruth)
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("people %5d seed %d EHR %5d policy %-6s dedupe pairwise F1 %.4f (P %.4f R %.4f)  link F1 %.4f (P %.4f R %.4f)",
					people, seed, len(c.EHR), pol, dm.Pairwise.F1, dm.Pairwise.Precision, dm.Pairwise.Recall, lm.Links.F1, lm.Links.Precision, lm.Links.Recall)
			}
		}
	}
}
