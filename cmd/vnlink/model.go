package main

import (
	"encoding/json"
	"io"
	"os"

	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

// maxModelFile bounds the size of a -model file: a model over the default
// comparisons is a few kilobytes of JSON.
const maxModelFile = 1 << 20

// loadModelFile reads a model saved by "vnlink train". Its errors name the
// flag and the problem; a model file holds no personal data.
func loadModelFile(name string) (*linkage.Model[vnperson.Record], error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, wrap(err, "-model")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxModelFile+1))
	if err != nil {
		return nil, wrap(err, "-model")
	}
	if len(data) > maxModelFile {
		return nil, errorf("-model: the file is larger than %d bytes: not a model file written by \"vnlink train\"", maxModelFile)
	}
	m, err := vnperson.LoadModel(data)
	if err != nil {
		return nil, wrap(err, "-model: the model cannot be read (a file written by \"vnlink train\")")
	}
	return m, nil
}

// trainSummary is what "vnlink train" prints: counts only.
type trainSummary struct {
	Left, Right int
}

// runTrain reads the inputs of the train command, trains the model as
// dedupe (-in), link (-left, -right) or reconcile (-registry, -ehr, -bhyt:
// the health and BHYT rows linked to the registry) would, and writes it as
// JSON to w.
func runTrain(f *cliFlags, opts *options, w io.Writer) (*trainSummary, error) {
	open := func(role, name string, mapping map[field]string) ([]vnperson.Person, error) {
		if name == "" {
			return nil, nil
		}
		in, err := loadFile(role, name, mapping, opts.Read)
		if err != nil {
			return nil, err
		}
		return in.people, nil
	}
	var left, right []vnperson.Person
	var err error
	switch {
	case f.in != "":
		left, err = open("input", f.in, opts.Map)
	case f.left != "":
		if left, err = open("left", f.left, opts.Map); err == nil {
			right, err = open("right", f.right, opts.MapRight)
		}
	default:
		var bhyt []vnperson.Person
		if left, err = open("ehr", f.ehr, opts.Map); err == nil {
			if bhyt, err = open("bhyt", f.bhyt, opts.MapBHYT); err == nil {
				left = append(left, bhyt...)
				right, err = open("registry", f.registry, opts.MapRegistry)
			}
		}
	}
	if err != nil {
		return nil, err
	}
	po := opts.prepareOptions()
	lrec, _ := vnperson.Prepare(left, po)
	var rrec []vnperson.Record
	if right != nil {
		rrec, _ = vnperson.Prepare(right, po)
	}
	if len(lrec)+len(rrec) < 2 || (right != nil && (len(lrec) == 0 || len(rrec) == 0)) {
		return nil, errorf("too few rows to train a model")
	}
	m, err := vnperson.Train(lrec, rrec, opts.linkOptions())
	if err != nil {
		return nil, err
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(append(data, '\n')); err != nil {
		return nil, err
	}
	return &trainSummary{Left: len(lrec), Right: len(rrec)}, nil
}

// checkTrain reports the first problem with the flags of train.
func (f *cliFlags) checkTrain() error {
	n := 0
	for _, set := range []bool{f.in != "", f.left != "" || f.right != "", f.registry != "" || f.ehr != ""} {
		if set {
			n++
		}
	}
	switch {
	case n != 1:
		return errorf("give one of: -in; -left and -right; -registry and -ehr")
	case (f.left != "") != (f.right != ""):
		return errorf("-left and -right go together")
	case (f.registry != "") != (f.ehr != ""):
		return errorf("-registry and -ehr go together")
	case f.bhyt != "" && f.ehr == "":
		return errorf("-bhyt goes with -registry and -ehr")
	case f.out == "" || f.out == "-":
		return errorf("-out is required: the model file to write (.json)")
	}
	for _, in := range []string{f.in, f.left, f.right, f.registry, f.ehr, f.bhyt} {
		if samePath(in, f.out) {
			return errorf("an output file would overwrite an input file")
		}
	}
	if f.threshold != 0 && !(f.threshold > 0 && f.threshold < 1) {
		return errorf("-threshold must be a probability between 0 and 1, e.g. 0.9")
	}
	return f.checkLimits()
}
