package accuracy

import (
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/vnlink/vnlink/blocking"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

// TestCity measures vnlink on the city mode of the generator: people
// spread over many communes of Hà Nội (synth.CityConfig), with moved
// households and second stations. It is gated (VNLINK_CITY=1) because a
// million people take minutes and gigabytes. Settings:
//
//	VNLINK_CITY_PEOPLE    sizes, comma-separated (default 50000,200000)
//	VNLINK_CITY_COMMUNES  communes (default 20)
//	VNLINK_CITY_STAGES    any of blocking,dedupe,link,reconcile (default all)
//	VNLINK_CITY_DIAGNOSE  1: per-rule completeness too (enumerates the pairs)
//
// It logs the time of each stage, the Go heap after it, the accuracy
// against the truth and the candidate pairs of each blocking rule; it
// fails only when a stage returns an error. For a CPU profile of one
// stage, run one size and one stage with -cpuprofile.
func TestCity(t *testing.T) {
	if os.Getenv("VNLINK_CITY") != "1" {
		t.Skip("set VNLINK_CITY=1 to measure the city mode")
	}
	sizes := []int{50_000, 200_000}
	if s := os.Getenv("VNLINK_CITY_PEOPLE"); s != "" {
		sizes = sizes[:0]
		for _, f := range strings.Split(s, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil {
				t.Fatalf("VNLINK_CITY_PEOPLE: %v", err)
			}
			sizes = append(sizes, n)
		}
	}
	communes := 20
	if s := os.Getenv("VNLINK_CITY_COMMUNES"); s != "" {
		var err error
		if communes, err = strconv.Atoi(s); err != nil {
			t.Fatalf("VNLINK_CITY_COMMUNES: %v", err)
		}
	}
	stages := map[string]bool{"blocking": true, "dedupe": true, "link": true, "reconcile": true}
	if s := os.Getenv("VNLINK_CITY_STAGES"); s != "" {
		stages = map[string]bool{}
		for _, f := range strings.Split(s, ",") {
			stages[strings.TrimSpace(f)] = true
		}
	}
	for _, n := range sizes {
		t.Run(strconv.Itoa(n), func(t *testing.T) { cityRun(t, synth.CityConfig(n, communes), stages) })
	}
}

// heapMiB returns the Go heap in use after a collection, in MiB.
func heapMiB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / (1 << 20)
}

func cityRun(t *testing.T, cfg synth.Config, stages map[string]bool) {
	start := time.Now()
	c, err := GenerateCommune(cfg)
	if err != nil {
		t.Fatal(err)
	}
	st := c.Stats
	t.Logf("generated in %v: %d people in %d communes, ehr %d rows (%d at a previous commune, %d at a second station), registry %d, bhyt %d; heap %.0f MiB",
		time.Since(start).Round(time.Millisecond), st.People, st.Communes, st.EHRRows, st.MovedRows,
		st.TwoStationRows, st.RegistryRows, st.BHYTRows, heapMiB())

	if stages["blocking"] {
		ehr, _ := vnperson.Prepare(c.EHR, Options().Prepare)
		reg, _ := vnperson.Prepare(c.Registry, Options().Prepare)
		b, err := blocking.New(blocking.Options{}, vnperson.DefaultRules()...)
		if err != nil {
			t.Fatal(err)
		}
		for _, mode := range []string{"dedupe", "link"} {
			var cands *blocking.Candidates
			if mode == "dedupe" {
				cands, err = b.Dedupe(ehr)
			} else {
				cands, err = b.Link(ehr, reg)
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range cands.Counts() {
				t.Logf("blocking %s: rule %-26s blocks %8d  comparisons %12d  cumulative bound %12d",
					mode, r.Name, r.Blocks, r.Comparisons, r.CumulativeBound)
			}
			t.Logf("blocking %s: %d oversized blocks", mode, len(cands.Oversized()))
			// Oversized blocks of each rule (sub-blocks of a split block
			// left out) and the largest, to show which rules stay bounded.
			over := map[string][2]int{}
			for _, o := range cands.Oversized() {
				if !o.SubBlock {
					n := over[o.RuleName]
					over[o.RuleName] = [2]int{n[0] + 1, max(n[1], o.Size)}
				}
			}
			for _, r := range cands.Counts() {
				if n := over[r.Name]; n[0] > 0 {
					t.Logf("blocking %s: rule %-31s oversized blocks %6d, largest %7d records", mode, r.Name, n[0], n[1])
				}
			}
			if os.Getenv("VNLINK_CITY_DIAGNOSE") == "1" {
				opts := blocking.DiagnoseOptions{Labels: diagLabels(c.EHRTruth)}
				if mode == "link" {
					opts.RightLabels = diagLabels(c.RegistryTruth)
				}
				d, err := cands.Diagnose(opts)
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range d.Rules {
					t.Logf("diagnose %s: rule %-26s new pairs %10d  cumulative %11d  completeness alone %.4f  cumulative %.4f",
						mode, r.Name, r.NewPairs, r.Cumulative, r.Completeness, r.CumulativeCompleteness)
				}
				t.Logf("diagnose %s: %d candidate pairs, completeness %.5f", mode, d.Pairs, d.Completeness)
			}
		}
		ehr, reg = nil, nil
		debug.FreeOSMemory()
	}

	if stages["dedupe"] {
		start = time.Now()
		m, res, err := DedupeEHR(c)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("dedupe: %v, heap after %.0f MiB; pairwise P %.4f R %.4f F1 %.4f, b-cubed F1 %.4f; %d links",
			time.Since(start).Round(time.Millisecond), heapMiB(), m.Pairwise.Precision, m.Pairwise.Recall,
			m.Pairwise.F1, m.BCubed.F1, len(res.Links))
		found, total := crossCommuneFound(c, res.Clusters)
		t.Logf("dedupe: second-station rows clustered with another row of the person: %d of %d", found, total)
		res = nil
		debug.FreeOSMemory()
	}

	if stages["link"] {
		start = time.Now()
		m, res, err := LinkEHRToRegistry(c)
		if err != nil {
			t.Fatal(err)
		}
		var moved, movedOK, station, stationOK int
		best := make([]int32, len(c.EHR))
		for i := range best {
			best[i] = -1
		}
		for _, l := range res.Links {
			best[l.A] = l.B
		}
		for i, h := range c.EHRHard {
			ok := best[i] >= 0 && c.RegistryTruth[best[i]] == c.EHRTruth[i]
			if h.Has(synth.HardMoved) {
				moved++
				if ok {
					movedOK++
				}
			}
			if h.Has(synth.HardTwoStations) {
				station++
				if ok {
					stationOK++
				}
			}
		}
		t.Logf("link: %v, heap after %.0f MiB; P %.4f R %.4f F1 %.4f; moved rows linked right %d of %d, second-station rows %d of %d",
			time.Since(start).Round(time.Millisecond), heapMiB(), m.Links.Precision, m.Links.Recall, m.Links.F1,
			movedOK, moved, stationOK, station)
		res = nil
		debug.FreeOSMemory()
	}

	if stages["reconcile"] {
		start = time.Now()
		m, _, err := Reconcile(c)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("reconcile: %v, heap after %.0f MiB; duplicates pairwise F1 %.4f, links F1 %.4f, coverage %.4f (true %.4f), duplicate rows %.4f (true %.4f)",
			time.Since(start).Round(time.Millisecond), heapMiB(), m.Duplicates.Pairwise.F1, m.Links.Links.F1,
			m.Coverage, m.TrueCoverage, m.DuplicateRowRate, m.TrueDuplicateRowRate)
	}
}

// crossCommuneFound counts the EHR rows written at a second station
// (synth.HardTwoStations) and those of them in one cluster with another
// row of the same person: the true duplicate pairs across communes found.
func crossCommuneFound(c *Commune, clusters []int32) (found, total int) {
	type key struct{ cluster, person int32 }
	rows := map[key]int{}
	for i, cl := range clusters {
		rows[key{cl, c.EHRTruth[i]}]++
	}
	for i, h := range c.EHRHard {
		if !h.Has(synth.HardTwoStations) {
			continue
		}
		total++
		if rows[key{clusters[i], c.EHRTruth[i]}] > 1 {
			found++
		}
	}
	return found, total
}
