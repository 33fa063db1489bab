package accuracy

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/vnlink/vnlink/benchmarks/febrl"
	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/vnlink/vnlink/blocking"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

// febrlDir is the shared FEBRL folder beside the repository root.
var febrlDir = filepath.Join("..", "..", "..", "shared", "data", "febrl")

var (
	smallOnce sync.Once
	small     *Commune
	smallErr  error
)

// smallCommune returns the 5,000-person commune of the default
// configuration, generated once for all the tests. It must not be modified.
func smallCommune(t testing.TB) *Commune {
	t.Helper()
	smallOnce.Do(func() {
		cfg := synth.DefaultConfig()
		cfg.People = 5000
		small, smallErr = GenerateCommune(cfg)
	})
	if smallErr != nil {
		t.Fatal(smallErr)
	}
	return small
}

// Floors sit a few points below the values measured on the 5,000-person
// commune (dedupe pairwise F1 1.000, link F1 0.9996, blocking completeness
// 0.9974 at the time of writing), so that a regression fails.
func TestSyntheticCommune(t *testing.T) {
	c := smallCommune(t)
	t.Run("dedupe", func(t *testing.T) {
		m, _, err := DedupeEHR(c)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("EHR dedupe, %d records: pairwise %+v, b-cubed %+v", m.Records, m.Pairwise, m.BCubed)
		if m.Pairwise.F1 < 0.97 || m.BCubed.F1 < 0.99 {
			t.Errorf("pairwise F1 %.4f, b-cubed F1 %.4f; want at least 0.97 and 0.99", m.Pairwise.F1, m.BCubed.F1)
		}
	})
	t.Run("link", func(t *testing.T) {
		m, _, err := LinkEHRToRegistry(c)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("EHR->registry: %+v", m.Links)
		if m.Links.F1 < 0.99 {
			t.Errorf("link F1 %.4f, want at least 0.99", m.Links.F1)
		}
	})
	t.Run("blocking", func(t *testing.T) {
		d := diagnoseEHR(t, c)
		if d.Completeness < 0.99 {
			t.Errorf("pairs completeness %.4f, want at least 0.99", d.Completeness)
		}
	})
}

// diagnoseEHR runs the default blocking plan on the EHR extract and logs
// each rule's figures.
func diagnoseEHR(t testing.TB, c *Commune) blocking.Diagnostics {
	t.Helper()
	recs, _ := vnperson.Prepare(c.EHR, Options().Prepare)
	b, err := blocking.New(blocking.Options{}, vnperson.DefaultRules()...)
	if err != nil {
		t.Fatal(err)
	}
	cands, err := b.Dedupe(recs)
	if err != nil {
		t.Fatal(err)
	}
	labels := make([]int64, len(c.EHRTruth))
	for i, p := range c.EHRTruth {
		labels[i] = int64(p)
	}
	d, err := cands.Diagnose(blocking.DiagnoseOptions{Labels: labels})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range d.Rules {
		t.Logf("rule %-26s new pairs %9d  cumulative %9d  completeness alone %.4f  cumulative %.4f", r.Name, r.NewPairs, r.Cumulative, r.Completeness, r.CumulativeCompleteness)
	}
	t.Logf("blocking: %d candidate pairs, reduction ratio %.6f, completeness %.5f", d.Pairs, d.ReductionRatio, d.Completeness)
	return d
}

func TestFEBRL(t *testing.T) {
	if raceEnabled && os.Getenv("VNLINK_ACCURACY") == "" {
		t.Skip("FEBRL takes half a minute under the race detector; set VNLINK_ACCURACY=1 to run it")
	}
	t.Run("dataset3", func(t *testing.T) {
		d, err := febrl.LoadDedupe(febrlDir)
		if err != nil {
			t.Skipf("FEBRL data not available in ../shared/data/febrl beside the repository: %v", err)
		}
		m, err := FEBRLDedupe(d)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("FEBRL3 dedupe: pairwise %+v, b-cubed %+v", m.Pairwise, m.BCubed)
		if m.Pairwise.F1 < 0.99 {
			t.Errorf("FEBRL3 pairwise F1 %.4f, want at least 0.99", m.Pairwise.F1)
		}
	})
	t.Run("dataset4", func(t *testing.T) {
		l, r, err := febrl.LoadLink(febrlDir)
		if err != nil {
			t.Skipf("FEBRL data not available in ../shared/data/febrl beside the repository: %v", err)
		}
		m, err := FEBRLLink(l, r)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("FEBRL4 link: %+v", m.Links)
		if m.Links.F1 < 0.995 {
			t.Errorf("FEBRL4 link F1 %.4f, want at least 0.995", m.Links.F1)
		}
	})
}

// TestFullSyntheticCommune measures the default 50,000-person commune. It
// takes about 20 s and runs only with VNLINK_ACCURACY=1:
//
//	VNLINK_ACCURACY=1 go test -run Full -v ./benchmarks/accuracy/
func TestFullSyntheticCommune(t *testing.T) {
	if os.Getenv("VNLINK_ACCURACY") == "" || testing.Short() {
		t.Skip("set VNLINK_ACCURACY=1 to measure the 50,000-person commune")
	}
	c, err := GenerateCommune(synth.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	diagnoseEHR(t, c)
	dm, _, err := DedupeEHR(c)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("EHR dedupe, %d records, %d true pairs: pairwise %+v, b-cubed %+v", dm.Records, dm.TruePairs, dm.Pairwise, dm.BCubed)
	lm, _, err := LinkEHRToRegistry(c)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("EHR->registry, %d true links: %+v", lm.TrueLinks, lm.Links)
	if dm.Pairwise.F1 < 0.98 || lm.Links.F1 < 0.995 {
		t.Errorf("dedupe pairwise F1 %.4f, link F1 %.4f; want at least 0.98 and 0.995", dm.Pairwise.F1, lm.Links.F1)
	}
}
