// Command dedupe is vnlink's main demonstration: it generates a small
// synthetic commune (package benchmarks/synth: a population registry and a
// messy EHR extract with ground truth), finds the people who have several
// EHR records (vnperson.Dedupe), links every EHR record to the registry
// (vnperson.Link), prints the accuracy against the truth, and explains one
// linked pair comparison by comparison.
//
// Everything is unsupervised and uses the default settings: no labels, no
// tuning. It prints counts, metrics, level labels and weights only, never a
// name, date or number, although the data is synthetic.
//
// Run it with:
//
//	go run ./examples/dedupe
//	go run ./examples/dedupe -people 50000   # the full default commune
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

func main() {
	people := flag.Int("people", 5000, "people in the synthetic commune")
	seed := flag.Uint64("seed", 1, "random seed of the commune")
	flag.Parse()
	if err := run(os.Stdout, *people, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "dedupe:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, people int, seed uint64) error {
	cfg := synth.DefaultConfig()
	cfg.People, cfg.Seed = people, seed
	var registry, ehr []vnperson.Person
	var registryTruth, ehrTruth []int32
	_, stats, err := synth.Generate(cfg, func(r *synth.Record) error {
		p := vnperson.Person{
			ID: r.ID, Source: r.File.String(), FullName: r.FullName, BirthDate: r.BirthDate,
			Sex: r.Sex, NationalID: r.NationalID, OldID: r.OldID, InsuranceID: r.InsuranceID,
			Phone: r.Phone, Address: r.Address, Ethnicity: r.Ethnicity,
		}
		switch r.File {
		case synth.Registry:
			registry, registryTruth = append(registry, p), append(registryTruth, r.Person)
		case synth.EHR:
			ehr, ehrTruth = append(ehr, p), append(ehrTruth, r.Person)
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "synthetic commune: %d people, %d registry rows, %d EHR rows (%d people with several)\n\n",
		stats.People, stats.RegistryRows, stats.EHRRows, stats.EHRDuplicated)

	// The generated files are read as of 1 January after the extraction
	// year, so that runs are reproducible.
	opts := vnperson.Options{Prepare: vnperson.PrepareOptions{Today: time.Date(synth.RefYear+1, 1, 1, 0, 0, 0, 0, time.UTC)}}

	start := time.Now()
	dd, err := vnperson.Dedupe(ehr, opts)
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	m, err := linkage.EvaluateClusters(dd.Clusters, ehrTruth)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Dedupe EHR (%d records, %d field issues) in %v\n", len(dd.Records), len(dd.Issues), elapsed.Round(time.Millisecond))
	fmt.Fprintf(w, "  clusters %d (true %d), links %d\n", m.PredictedClusters, m.TrueClusters, len(dd.Links))
	fmt.Fprintf(w, "  pairwise  precision %.4f  recall %.4f  F1 %.4f\n", m.Pairwise.Precision, m.Pairwise.Recall, m.Pairwise.F1)
	fmt.Fprintf(w, "  B-cubed   precision %.4f  recall %.4f  F1 %.4f\n\n", m.BCubed.Precision, m.BCubed.Recall, m.BCubed.F1)

	start = time.Now()
	lk, err := vnperson.Link(ehr, registry, opts)
	if err != nil {
		return err
	}
	elapsed = time.Since(start)
	pairs := make([]linkage.Pair, len(lk.Links))
	for i, l := range lk.Links {
		pairs[i] = linkage.Pair{A: l.A, B: l.B}
	}
	lm, err := linkage.EvaluateLinks(pairs, ehrTruth, registryTruth)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Link EHR -> registry (%d -> %d records) in %v\n", len(lk.Records), len(lk.Right), elapsed.Round(time.Millisecond))
	fmt.Fprintf(w, "  links %d (true %d)\n", lm.PredictedLinks, lm.TrueLinks)
	fmt.Fprintf(w, "  precision %.4f  recall %.4f  F1 %.4f\n", lm.Links.Precision, lm.Links.Recall, lm.Links.F1)
	fmt.Fprintf(w, "  EHR records of people gone from the registry left unlinked: %d of %d\n\n", lm.LeftCorrectlyUnlinked, lm.LeftWithoutPartner)

	// Explain the weakest link that the deduplication made: the pair the
	// model was least sure of.
	if len(dd.Links) > 0 {
		weakest := dd.Links[0]
		for _, l := range dd.Links[1:] {
			if l.Weight < weakest.Weight {
				weakest = l
			}
		}
		same := ehrTruth[weakest.A] == ehrTruth[weakest.B]
		fmt.Fprintf(w, "The least certain EHR duplicate found (blocking rule %s, truly the same person: %v):\n",
			dd.RuleNames[weakest.Rule], same)
		fmt.Fprintln(w, dd.Explain(int(weakest.A), int(weakest.B)))
	}
	return nil
}
