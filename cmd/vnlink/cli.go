package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/normalize"
)

// cliFlags are the flags of one command line.
type cliFlags struct {
	in, left, right, out, json string
	html                       string
	mapping, mapRight          string
	registry, ehr, bhyt        string
	mapRegistry, mapBHYT       string
	decisions                  string
	reviewLow, reviewHigh      float64
	units, province, today     string
	threshold                  float64
	seed                       uint64
	workers, maxBlock          int
	quiet                      bool
	sheet                      string
	headerRow                  int
	acceptDamaged              bool
	pairs                      []rowPair
}

// check reports the first problem with the flags of cmd.
func (f *cliFlags) check(cmd string) error {
	if cmd == "explain" {
		if (f.in == "") == (f.left == "" || f.right == "") {
			return errors.New("give either -in, or -left and -right")
		}
		if len(f.pairs) == 0 {
			return errors.New("-pair is required")
		}
		return nil
	}
	if cmd == "reconcile" {
		return f.checkReconcile()
	}
	if cmd == "link" {
		if f.left == "" || f.right == "" {
			return errors.New("-left and -right are required")
		}
	} else if f.in == "" {
		return errors.New("-in is required")
	}
	if f.out == "" {
		return errors.New("-out is required")
	}
	if f.out == "-" || f.json == "-" {
		return errors.New("output goes to files only, never to the terminal")
	}
	for _, in := range []string{f.in, f.left, f.right} {
		if in != "" && (samePath(in, f.out) || samePath(in, f.json)) {
			return errors.New("an output file would overwrite an input file")
		}
	}
	if samePath(f.json, f.out) || samePath(f.html, f.out) || samePath(f.json, f.html) {
		return errors.New("-out, -json and -html must name different files")
	}
	if f.html == "-" {
		return errors.New("output goes to files only, never to the terminal")
	}
	for _, in := range []string{f.in, f.left, f.right} {
		if samePath(in, f.html) {
			return errors.New("an output file would overwrite an input file")
		}
	}
	if f.threshold != 0 && !(f.threshold > 0 && f.threshold < 1) { // NaN and infinities too
		return errors.New("-threshold must be a probability between 0 and 1, e.g. 0.9")
	}
	return f.checkLimits()
}

// checkLimits checks the flags that bound the work.
func (f *cliFlags) checkLimits() error {
	if f.headerRow < 0 {
		return errors.New("-header-row must be a row number, from 1")
	}
	if f.workers < 0 || f.maxBlock < 0 {
		return errors.New("-workers and -max-block must not be negative")
	}
	if f.workers > linkage.MaxWorkers {
		return fmt.Errorf("-workers: at most %d", linkage.MaxWorkers)
	}
	return nil
}

// checkReconcile reports the first problem with the flags of reconcile.
func (f *cliFlags) checkReconcile() error {
	if f.registry == "" || f.ehr == "" {
		return errors.New("-registry and -ehr are required")
	}
	if f.out == "" || f.out == "-" {
		return errors.New("-out is required: the folder the lists are written to")
	}
	if st, err := os.Stat(f.out); err == nil && !st.IsDir() {
		return errors.New("-out must name a folder, not a file")
	}
	for _, in := range []string{f.registry, f.ehr, f.bhyt, f.decisions} {
		if in != "" && insideDir(in, f.out) {
			return errors.New("an input file lies in the -out folder, where the lists are written: choose another folder")
		}
	}
	for _, p := range []float64{f.threshold, f.reviewLow, f.reviewHigh} {
		if p != 0 && !(p > 0 && p < 1) {
			return errors.New("-threshold, -review-low and -review-high must be probabilities between 0 and 1, e.g. 0.9")
		}
	}
	if f.reviewLow != 0 && f.reviewHigh != 0 && f.reviewLow >= f.reviewHigh {
		return errors.New("-review-low must be below -review-high")
	}
	return f.checkLimits()
}

// insideDir reports whether the file name lies directly in the folder dir.
func insideDir(name, dir string) bool {
	return samePath(filepath.Dir(name), dir)
}

func samePath(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	x, err1 := filepath.Abs(a)
	y, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && x == y
}

// options builds the options of the run from the flags.
func (f *cliFlags) options() (*options, error) {
	o := &options{MatchProbability: f.threshold, Seed: f.seed, Workers: f.workers, MaxBlockSize: f.maxBlock,
		Read: readOptions{Sheet: f.sheet, HeaderRow: f.headerRow}}
	var err error
	if o.Map, err = parseMapFlag(f.mapping); err != nil {
		return nil, err
	}
	if o.MapRight, err = parseMapFlag(f.mapRight); err != nil {
		return nil, err
	}
	if o.MapRegistry, err = parseMapFlag(f.mapRegistry); err != nil {
		return nil, err
	}
	if o.MapBHYT, err = parseMapFlag(f.mapBHYT); err != nil {
		return nil, err
	}
	o.Today = time.Now()
	if f.today != "" {
		if o.Today, err = time.Parse("2006-01-02", f.today); err != nil {
			return nil, errors.New("-today: write the date as yyyy-mm-dd")
		}
	}
	// The administrative units built into the binary place every address
	// in today's commune; -units replaces them with other lists.
	o.Resolver = normalize.DefaultResolver()
	o.Resolver.DefaultProvince = f.province
	if f.units != "" {
		if o.Resolver.Units, err = normalize.LoadAdminUnits(os.DirFS(f.units)); err != nil {
			return nil, fmt.Errorf("-units: %w", err)
		}
	}
	return o, nil
}

// run runs cmd with files: it reads the inputs, writes the output through a
// temporary file renamed at the end (so that a failed run leaves no half
// file), prints the summary to log and writes the JSON summary.
func (f *cliFlags) run(cmd string, stdout, log io.Writer) (err error) {
	opts, err := f.options()
	if err != nil {
		return err
	}
	if cmd == "explain" {
		return f.explain(stdout, log, opts)
	}
	if cmd == "reconcile" {
		sum, err := runReconcile(f, opts, log)
		if sum != nil && !f.quiet {
			printSummary(log, sum)
			fmt.Fprintf(log, "đã ghi các danh sách vào thư mục %s\n", f.out)
		}
		if err == nil {
			err = f.damaged(sum)
		}
		return err
	}
	var sum *summary
	err = writeFileAtomic(f.out, func(w io.Writer) error {
		switch cmd {
		case "link":
			left, err := os.Open(f.left)
			if err != nil {
				return err
			}
			defer left.Close()
			right, err := os.Open(f.right)
			if err != nil {
				return err
			}
			defer right.Close()
			sum, err = runLink(left, right, w, opts)
			return err
		default:
			in, err := os.Open(f.in)
			if err != nil {
				return err
			}
			defer in.Close()
			if cmd == "clean" {
				sum, err = runClean(in, w, opts)
			} else {
				sum, err = runDedupe(in, w, opts)
			}
			return err
		}
	})
	if err != nil {
		return err
	}
	if !f.quiet {
		printSummary(log, sum)
		fmt.Fprintf(log, "wrote %s\n", f.out)
	}
	defer func() {
		if err == nil {
			err = f.damaged(sum)
		}
	}()
	for _, o := range []struct {
		name  string
		write func(io.Writer, *summary) error
	}{{f.json, writeJSON}, {f.html, func(w io.Writer, s *summary) error {
		return writeReportHTML(w, s, reportMeta{Inputs: []string{f.in, f.left, f.right}, Date: opts.Today})
	}}} {
		if o.name == "" {
			continue
		}
		if err := writeFileAtomic(o.name, func(w io.Writer) error { return o.write(w, sum) }); err != nil {
			return err
		}
		if !f.quiet {
			fmt.Fprintf(log, "wrote %s\n", o.name)
		}
	}
	return nil
}

// writeFileAtomic writes name through a temporary file in the same folder,
// renamed to name only when write succeeds.
func writeFileAtomic(name string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if err := write(bw); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// explain runs the explain command: -in alone, or -left and -right.
func (f *cliFlags) explain(stdout, log io.Writer, opts *options) error {
	leftName := f.in
	if leftName == "" {
		leftName = f.left
	}
	left, err := os.Open(leftName)
	if err != nil {
		return err
	}
	defer left.Close()
	if f.right == "" {
		return f.explained(log)(runExplain(left, nil, f.pairs, stdout, opts))
	}
	right, err := os.Open(f.right)
	if err != nil {
		return err
	}
	defer right.Close()
	return f.explained(log)(runExplain(left, right, f.pairs, stdout, opts))
}
