package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/vnlink/vnlink/benchmarks/synth"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "synthgen:", err)
		os.Exit(1)
	}
}

// run writes the files; the noise report, if asked for, goes to stdout
// and everything else to log.
func run(args []string, stdout, log io.Writer) error {
	cfg := synth.DefaultConfig()
	fs := flag.NewFlagSet("synthgen", flag.ContinueOnError)
	fs.SetOutput(log)
	fs.IntVar(&cfg.People, "n", cfg.People, "people in the population registry")
	fs.IntVar(&cfg.People, "people", cfg.People, "same as -n")
	fs.IntVar(&cfg.Communes, "communes", 0, "city mode: spread the people over this many communes of Hà Nội (0: the single commune xã Ngọc Hồi)")
	dense := fs.Bool("dense", false, "city mode with everyone in one commune (same as -communes 1)")
	city := synth.CityConfig(0, 0)
	fs.Float64Var(&cfg.CommuneSkew, "skew", city.CommuneSkew, "city mode: Zipf exponent of commune sizes")
	fs.Float64Var(&cfg.Moved, "moved", city.Moved, "city mode: share of households that moved from another commune")
	fs.Float64Var(&cfg.TwoStations, "two-stations", city.TwoStations,
		"city mode: share of covered people with a second EHR record at another commune's station")
	fs.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "random seed")
	out := fs.String("out", "out", "output folder")
	fs.BoolVar(&cfg.BHYT, "bhyt", cfg.BHYT, "also write the BHYT list")
	fs.Float64Var(&cfg.EHRCoverage, "coverage", cfg.EHRCoverage, "share of registry people with an EHR record")
	fs.Float64Var(&cfg.EHRDuplicates, "duplicates", cfg.EHRDuplicates, "share of covered people with 2-3 EHR records")
	report := fs.Bool("noise-report", false, "after writing the files, print the realised noise rates (Markdown) to stdout")
	fs.Float64Var(&cfg.Gone, "gone", cfg.Gone, "people no longer in the registry, as a share of -n")
	fs.Float64Var(&cfg.EHRNoise.IDParent, "parent-id", cfg.EHRNoise.IDParent,
		"share of EHR records of children under 14 that carry a parent's CCCD")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return errors.New("unexpected arguments; see -h")
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if *dense {
		if cfg.Communes > 1 {
			return errors.New("-dense and -communes above 1 exclude each other")
		}
		cfg.Communes = 1
	}
	if cfg.Communes == 0 {
		// The single commune: the city fields stay 0, so that its files
		// are the same bytes as before the city mode.
		cfg.CommuneSkew, cfg.Moved, cfg.TwoStations = 0, 0, 0
	} else if !set["parent-id"] {
		cfg.EHRNoise.IDParent = city.EHRNoise.IDParent
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	names := []string{"registry.csv", "ehr.csv", "bhyt.csv", "truth.csv", "field_truth.csv", "hard_cases.csv"}
	var files []*os.File
	var bufs []*bufio.Writer
	dst := make([]io.Writer, len(names))
	for i, name := range names {
		if name == "bhyt.csv" && !cfg.BHYT {
			continue
		}
		f, err := os.Create(filepath.Join(*out, name))
		if err != nil {
			return err
		}
		defer f.Close()
		b := bufio.NewWriterSize(f, 1<<20)
		files, bufs, dst[i] = append(files, f), append(bufs, b), b
	}
	st, err := synth.WriteCSV(cfg, synth.Outputs{Registry: dst[0], EHR: dst[1], BHYT: dst[2], Truth: dst[3],
		FieldTruth: dst[4], HardCases: dst[5]})
	if err != nil {
		return err
	}
	for i := range bufs {
		if err := bufs[i].Flush(); err != nil {
			return err
		}
		if err := files[i].Close(); err != nil {
			return err
		}
	}
	fmt.Fprintf(log, "people %d (+%d gone) in %d households, %d hamlets, %d twin pairs\n",
		st.People, st.Gone, st.Households, st.Hamlets, st.TwinPairs)
	if cfg.Communes > 0 {
		fmt.Fprintf(log, "city: %d communes, %d households moved (%d ehr rows at the old address), %d ehr rows at a second station\n",
			st.Communes, st.MovedHouseholds, st.MovedRows, st.TwoStationRows)
	}
	fmt.Fprintf(log, "rows: registry %d, ehr %d (%d people covered, %d with duplicates), bhyt %d\n",
		st.RegistryRows, st.EHRRows, st.EHRCovered, st.EHRDuplicated, st.BHYTRows)
	if !*report {
		return nil
	}
	ehr, bhyt, err := synth.MeasureNoise(cfg)
	if err != nil {
		return err
	}
	if err := ehr.WriteMarkdown(stdout, &cfg.EHRNoise); err != nil {
		return err
	}
	if bhyt != nil {
		if _, err := io.WriteString(stdout, "\n"); err != nil {
			return err
		}
		return bhyt.WriteMarkdown(stdout, &cfg.BHYTNoise)
	}
	return nil
}
