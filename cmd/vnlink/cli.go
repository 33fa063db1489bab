package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
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
	model                      string
	noWorkbook                 bool
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
			return errorf("give either -in, or -left and -right")
		}
		if len(f.pairs) == 0 {
			return errorf("-pair is required")
		}
		return nil
	}
	if cmd == "reconcile" {
		return f.checkReconcile()
	}
	if cmd == "train" {
		return f.checkTrain()
	}
	if cmd == "link" {
		if f.left == "" || f.right == "" {
			return errorf("-left and -right are required")
		}
	} else if f.in == "" {
		return errorf("-in is required")
	}
	if f.out == "" {
		return errorf("-out is required")
	}
	if f.out == "-" || f.json == "-" {
		return errorf("output goes to files only, never to the terminal")
	}
	if _, err := outputIsWorkbook(f.out); err != nil {
		return err
	}
	for _, in := range []string{f.in, f.left, f.right} {
		if in != "" && (samePath(in, f.out) || samePath(in, f.json)) {
			return errorf("an output file would overwrite an input file")
		}
	}
	if sameOutput(f.json, f.out) || sameOutput(f.html, f.out) || sameOutput(f.json, f.html) {
		return errorf("-out, -json and -html must name different files")
	}
	if f.html == "-" {
		return errorf("output goes to files only, never to the terminal")
	}
	for _, in := range []string{f.in, f.left, f.right} {
		if samePath(in, f.html) {
			return errorf("an output file would overwrite an input file")
		}
	}
	if f.threshold != 0 && !(f.threshold > 0 && f.threshold < 1) { // NaN and infinities too
		return errorf("-threshold must be a probability between 0 and 1, e.g. 0.9")
	}
	return f.checkLimits()
}

// checkLimits checks the flags that bound the work.
func (f *cliFlags) checkLimits() error {
	if f.headerRow < 0 {
		return errorf("-header-row must be a row number, from 1")
	}
	if f.workers < 0 {
		return errorf("-workers must not be negative")
	}
	if f.maxBlock < -1 {
		return errorf("-max-block: give a number of rows, or -1 for no limit")
	}
	if f.workers > linkage.MaxWorkers {
		return errorf("-workers: at most %d", linkage.MaxWorkers)
	}
	return nil
}

// checkReconcile reports the first problem with the flags of reconcile.
func (f *cliFlags) checkReconcile() error {
	if f.registry == "" || f.ehr == "" {
		return errorf("-registry and -ehr are required")
	}
	if f.out == "" || f.out == "-" {
		return errorf("-out is required: the folder the lists are written to")
	}
	if st, err := os.Stat(f.out); err == nil && !st.IsDir() {
		return errorf("-out must name a folder, not a file")
	}
	for _, in := range []string{f.registry, f.ehr, f.bhyt, f.decisions} {
		if in != "" && insideDir(in, f.out) {
			return errorf("an input file lies in the -out folder, where the lists are written: choose another folder")
		}
	}
	for _, p := range []float64{f.threshold, f.reviewLow, f.reviewHigh} {
		if p != 0 && !(p > 0 && p < 1) {
			return errorf("-threshold, -review-low and -review-high must be probabilities between 0 and 1, e.g. 0.9")
		}
	}
	if f.reviewLow != 0 && f.reviewHigh != 0 && f.reviewLow >= f.reviewHigh {
		return errorf("-review-low must be below -review-high")
	}
	return f.checkLimits()
}

// insideDir reports whether the file name lies directly in the folder dir.
func insideDir(name, dir string) bool {
	return samePath(filepath.Dir(name), dir)
}

// samePath reports whether a and b name one file or folder: the same path,
// or (sameFile) a symbolic or hard link to the same regular file or folder.
func samePath(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	x, err1 := filepath.Abs(a)
	y, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && x == y || sameFile(a, b)
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
	if f.model != "" {
		if o.Model, err = loadModelFile(f.model); err != nil {
			return nil, err
		}
	}
	o.Today = time.Now()
	if f.today != "" {
		if o.Today, err = time.Parse("2006-01-02", f.today); err != nil {
			return nil, errorf("-today: write the date as yyyy-mm-dd")
		}
	}
	// The administrative units built into the binary place every address
	// in today's commune; -units replaces them with other lists.
	o.Resolver = normalize.DefaultResolver()
	o.Resolver.DefaultProvince = f.province
	if f.units != "" {
		if o.Resolver.Units, err = normalize.LoadAdminUnits(os.DirFS(f.units)); err != nil {
			return nil, wrap(err, "-units")
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
	var endProgress func()
	opts.Progress, endProgress = newProgress(log, f.quiet)
	defer endProgress()
	if cmd == "train" {
		var ts *trainSummary
		err := writeFileAtomic(f.out, func(w io.Writer) error {
			var err error
			ts, err = runTrain(f, opts, w)
			return err
		})
		endProgress()
		if err == nil && !f.quiet {
			if ts.Right > 0 {
				say(log, "trained the model on %d + %d rows; wrote %s\n", ts.Left, ts.Right, f.out)
			} else {
				say(log, "trained the model on %d rows; wrote %s\n", ts.Left, f.out)
			}
		}
		return err
	}
	if cmd == "reconcile" {
		sum, err := runReconcile(f, opts, log)
		endProgress()
		if sum != nil && !f.quiet {
			printSummary(log, sum)
			say(log, "wrote the lists into the folder %s\n", f.out)
		}
		if err == nil {
			err = f.damaged(sum)
		}
		return err
	}
	var sum *summary
	workbook, err := outputIsWorkbook(f.out)
	if err != nil {
		return err
	}
	err = writeFileAtomic(f.out, func(w io.Writer) error {
		if workbook {
			w = workbookFile{w}
		}
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
	endProgress()
	if err != nil {
		return err
	}
	if !f.quiet {
		printSummary(log, sum)
		say(log, "wrote %s\n", f.out)
	}
	defer func() {
		if err == nil {
			err = f.damaged(sum)
		}
	}()
	written := []string{f.out}
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
			return wrap(err, "wrote %s, but could not write %s", strings.Join(written, ", "), o.name)
		}
		written = append(written, o.name)
		if !f.quiet {
			say(log, "wrote %s\n", o.name)
		}
	}
	return nil
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
