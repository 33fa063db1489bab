package accuracy

import (
	"os"
	"time"

	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
	"github.com/vnlink/vnlink/normalize"
)

// Today is the date the synthetic files are read on: after synth.RefYear, so
// that every generated birth date is in the past, and fixed, so that runs are
// reproducible.
var Today = time.Date(synth.RefYear+1, time.January, 1, 0, 0, 0, 0, time.UTC)

// Commune holds the files of one synthetic commune as vnperson input, with
// the true person of every row (an index into the population), the truth of
// the noise of every EHR row and the hard cases of every row.
type Commune struct {
	Registry, EHR, BHYT                []vnperson.Person
	RegistryTruth, EHRTruth, BHYTTruth []int32
	// EHRCorrupted holds, for each EHR row, its damaged fields
	// (synth.Record.Corrupted).
	EHRCorrupted [][]synth.FieldNoise
	// RegistryHard, EHRHard and BHYTHard hold the hard-case families of
	// each row (synth.Record.Hard).
	RegistryHard, EHRHard, BHYTHard []synth.HardCase
	Stats                           synth.Stats
}

// GenerateCommune generates the commune of cfg (see package synth).
func GenerateCommune(cfg synth.Config) (*Commune, error) {
	c := &Commune{}
	_, stats, err := synth.Generate(cfg, func(r *synth.Record) error {
		p := vnperson.Person{
			ID: r.ID, Source: r.File.String(), FullName: r.FullName, BirthDate: r.BirthDate,
			Sex: r.Sex, NationalID: r.NationalID, OldID: r.OldID, InsuranceID: r.InsuranceID,
			Phone: r.Phone, Address: r.Address, Ethnicity: r.Ethnicity,
		}
		switch r.File {
		case synth.Registry:
			c.Registry = append(c.Registry, p)
			c.RegistryTruth = append(c.RegistryTruth, r.Person)
			c.RegistryHard = append(c.RegistryHard, r.Hard)
		case synth.EHR:
			c.EHR = append(c.EHR, p)
			c.EHRTruth = append(c.EHRTruth, r.Person)
			c.EHRCorrupted = append(c.EHRCorrupted, r.Corrupted) // a fresh slice per row
			c.EHRHard = append(c.EHRHard, r.Hard)
		case synth.BHYT:
			c.BHYT = append(c.BHYT, p)
			c.BHYTTruth = append(c.BHYTTruth, r.Person)
			c.BHYTHard = append(c.BHYTHard, r.Hard)
		}
		return nil
	})
	c.Stats = stats
	return c, err
}

// Options returns the vnperson options the harness uses: the defaults, with
// Today fixed. With VNLINK_RESOLVER=1 in the environment the records are
// prepared with the built-in administrative units
// (normalize.DefaultResolver, as the vnlink command does), so that ward
// keys of old and new commune names agree where the units say so.
func Options() vnperson.Options {
	o := vnperson.Options{Prepare: vnperson.PrepareOptions{Today: Today}}
	if os.Getenv("VNLINK_RESOLVER") == "1" {
		o.Prepare.Resolver = normalize.DefaultResolver()
	}
	return o
}

// DedupeEHR deduplicates the EHR extract of c with default settings and
// scores the clusters against the truth.
func DedupeEHR(c *Commune) (linkage.ClusterMetrics, *vnperson.Result, error) {
	res, err := vnperson.Dedupe(c.EHR, Options())
	if err != nil {
		return linkage.ClusterMetrics{}, nil, err
	}
	m, err := linkage.EvaluateClusters(res.Clusters, c.EHRTruth)
	return m, res, err
}

// LinkEHRToRegistry links the EHR extract of c to its population registry
// with default settings (each EHR record keeps its best registry link) and
// scores the links against the truth.
func LinkEHRToRegistry(c *Commune) (linkage.LinkMetrics, *vnperson.Result, error) {
	res, err := vnperson.Link(c.EHR, c.Registry, Options())
	if err != nil {
		return linkage.LinkMetrics{}, nil, err
	}
	links := make([]linkage.Pair, len(res.Links))
	for i, l := range res.Links {
		links[i] = linkage.Pair{A: l.A, B: l.B}
	}
	m, err := linkage.EvaluateLinks(links, c.EHRTruth, c.RegistryTruth)
	return m, res, err
}

// ReconcileMetrics are the accuracy figures of a reconciliation against the
// truth of a synthetic commune.
type ReconcileMetrics struct {
	// Duplicates scores the EHR partition the reconciliation finds (EHR
	// rows of one person together) against the truth.
	Duplicates linkage.ClusterMetrics
	// Links scores the EHR rows placed with a registry person.
	Links linkage.LinkMetrics
	// Coverage and DuplicateRowRate are the reported figures; TrueCoverage
	// and TrueDuplicateRowRate the same figures computed from the truth.
	Coverage, TrueCoverage                 float64
	DuplicateRowRate, TrueDuplicateRowRate float64
}

// Reconcile reconciles the commune's EHR extract and BHYT list with its
// registry (default settings) and scores the result against the truth.
func Reconcile(c *Commune) (ReconcileMetrics, *vnperson.Reconciliation, error) {
	var out ReconcileMetrics
	res, err := vnperson.Reconcile(c.Registry, c.EHR, c.BHYT, vnperson.ReconcileOptions{Options: Options()})
	if err != nil {
		return out, nil, err
	}
	labels := make([]int32, len(c.EHR))
	var links []linkage.Pair
	for pi, g := range res.People {
		for _, r := range g.EHR {
			labels[r] = int32(pi)
			if g.Registry >= 0 {
				links = append(links, linkage.Pair{A: int32(r), B: int32(g.Registry)})
			}
		}
	}
	if out.Duplicates, err = linkage.EvaluateClusters(labels, c.EHRTruth); err != nil {
		return out, nil, err
	}
	if out.Links, err = linkage.EvaluateLinks(links, c.EHRTruth, c.RegistryTruth); err != nil {
		return out, nil, err
	}
	inRegistry := map[int32]bool{}
	for _, p := range c.RegistryTruth {
		inRegistry[p] = true
	}
	covered, people := map[int32]bool{}, map[int32]bool{}
	for _, p := range c.EHRTruth {
		people[p] = true
		if inRegistry[p] {
			covered[p] = true
		}
	}
	out.Coverage, out.DuplicateRowRate = res.Metrics.Overall.Coverage, res.Metrics.Overall.DuplicateRowRate
	out.TrueCoverage = float64(len(covered)) / float64(len(inRegistry))
	out.TrueDuplicateRowRate = float64(len(c.EHRTruth)-len(people)) / float64(len(c.EHRTruth))
	return out, res, nil
}
