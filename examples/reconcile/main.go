// Command reconcile is vnlink's main demonstration, the job of a commune
// health station in the record-cleaning campaign: it generates a synthetic
// commune (package benchmarks/synth: the police population list, a messy
// health-record extract and a BHYT list, with the truth of every row),
// reconciles the health records with the population list as the authority
// (vnperson.Reconcile), and prints the campaign figures the station reports
// — coverage, duplicate rate, records verified, fields to correct, per
// hamlet — then how right they are against the truth.
//
// Everything is unsupervised and uses the default settings. It prints
// counts and figures only, never a name, date or number, although the data
// is synthetic.
//
// Run it with:
//
//	go run ./examples/reconcile
//	go run ./examples/reconcile -people 50000   # the full default commune
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/vnlink/vnlink/benchmarks/accuracy"
	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

func main() {
	people := flag.Int("people", 5000, "people in the synthetic commune")
	seed := flag.Uint64("seed", 1, "random seed of the commune")
	flag.Parse()
	if err := run(os.Stdout, *people, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "reconcile:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, people int, seed uint64) error {
	cfg := synth.DefaultConfig()
	cfg.People, cfg.Seed = people, seed
	c, err := accuracy.GenerateCommune(cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Synthetic commune: %d people in the population list, %d health records, %d BHYT rows\n\n",
		len(c.Registry), len(c.EHR), len(c.BHYT))

	start := time.Now()
	m, res, err := accuracy.Reconcile(c)
	if err != nil {
		return err
	}
	elapsed := time.Since(start)

	f := &res.Metrics.Overall
	pct := func(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }
	fmt.Fprintf(w, "Reconciliation (registry = authority) in %v\n", elapsed.Round(time.Millisecond))
	fmt.Fprintf(w, "  coverage: %d of %d people have a health record (%s)\n", f.Covered, f.RegistryPeople, pct(f.Coverage))
	fmt.Fprintf(w, "  records to create: %d\n", f.MissingRecords)
	fmt.Fprintf(w, "  records verified against the registry: %d of %d (%s)\n", f.Verified, f.EHRRows, pct(f.VerifiedShare))
	fmt.Fprintf(w, "  duplicates: %d people with 2+ records, %d records to merge (rate %s of records, %s of people)\n",
		f.PeopleWithDuplicates, f.ExtraRows, pct(f.DuplicateRowRate), pct(f.DuplicatePeopleRate))
	fmt.Fprintf(w, "  records to correct: %d (fields: %d wrong, %d missing, %d outdated; %d differ in writing only)\n",
		f.RowsToCorrect, f.Corrections.Value, f.Corrections.Missing, f.Corrections.Outdated, f.Corrections.Form)
	fmt.Fprintf(w, "  records of nobody in the registry: %d; pairs for review: %d\n", f.Unmatched, len(res.Review))
	fmt.Fprintf(w, "  for the police: %d without an ID, %d malformed, %d with details that differ from the registry\n",
		f.PoliceNoID, f.PoliceMalformedID, f.PoliceIDDiffers)
	fmt.Fprintf(w, "  new people from the BHYT list: %d\n", f.NewFromBHYT)
	fmt.Fprintf(w, "  valid on all records: ")
	for i, ff := range f.Fields {
		if i > 0 {
			fmt.Fprint(w, ", ")
		}
		fmt.Fprintf(w, "%s %s", ff.Field, pct(ff.ValidShare))
	}
	fmt.Fprintf(w, "\n  every input row placed once: %v (%d rows)\n\n", len(res.Rows) == len(c.Registry)+len(c.EHR)+len(c.BHYT), len(res.Rows))

	// The per-hamlet figures: the hamlets of the registry, largest first.
	hamlets := slices.Clone(res.Metrics.Hamlets)
	slices.SortStableFunc(hamlets, func(a, b vnperson.HamletFigures) int { return b.RegistryPeople - a.RegistryPeople })
	fmt.Fprintf(w, "  %-24s %8s %9s %10s %9s\n", "hamlet", "people", "coverage", "to create", "dup rate")
	for i, h := range hamlets {
		if i == 5 || h.RegistryPeople == 0 {
			fmt.Fprintf(w, "  ... %d hamlets in all (%d named only by health records)\n", len(hamlets), countUnlisted(hamlets))
			break
		}
		fmt.Fprintf(w, "  %-24s %8d %9s %10d %9s\n", h.Hamlet, h.RegistryPeople, pct(h.Coverage), h.MissingRecords, pct(h.DuplicateRowRate))
	}

	cm := accuracy.ScoreCorrections(c, res)
	fmt.Fprintf(w, "\nAgainst the truth:\n")
	fmt.Fprintf(w, "  duplicate records  pairwise precision %.4f  recall %.4f  F1 %.4f\n",
		m.Duplicates.Pairwise.Precision, m.Duplicates.Pairwise.Recall, m.Duplicates.Pairwise.F1)
	fmt.Fprintf(w, "  record -> registry precision %.4f  recall %.4f  F1 %.4f\n", m.Links.Links.Precision, m.Links.Links.Recall, m.Links.Links.F1)
	fmt.Fprintf(w, "  field corrections  precision %.4f  recall %.4f (wrong, missing, outdated fields)\n",
		cm.Overall.Field.Precision, cm.Overall.Field.Recall)
	fmt.Fprintf(w, "  coverage %s (true %s), duplicate rate %s (true %s)\n",
		pct(m.Coverage), pct(m.TrueCoverage), pct(m.DuplicateRowRate), pct(m.TrueDuplicateRowRate))
	for _, h := range accuracy.ScoreHardCases(c, res) {
		fmt.Fprintf(w, "  hard case %-22s %5d records, placed right %.3f\n", h.Family, h.Rows, h.PlacedRight)
	}
	return nil
}

// countUnlisted counts the hamlets with no registry people: names that only
// health records give (a typo, a place outside the commune).
func countUnlisted(hs []vnperson.HamletFigures) int {
	n := 0
	for _, h := range hs {
		if h.RegistryPeople == 0 {
			n++
		}
	}
	return n
}
