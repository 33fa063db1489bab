package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
	"github.com/vnlink/vnlink/normalize"
)

// options are the settings shared by the subcommands.
type options struct {
	// Map and MapRight are the -map and -map-right flags: field -> column.
	Map, MapRight map[field]string
	// MapRegistry and MapBHYT are the -map-registry and -map-bhyt flags
	// of reconcile (-map names the columns of its -ehr file).
	MapRegistry, MapBHYT map[field]string
	// Today is the date birth dates are checked against.
	Today time.Time
	// Resolver maps addresses to current wards; nil: no unit data.
	Resolver *normalize.Resolver
	// MatchProbability is the match probability at or above which a pair
	// is linked; 0: the vnperson default.
	MatchProbability float64
	// Seed seeds the sampling of the model training.
	Seed uint64
	// Workers is the number of goroutines; 0: GOMAXPROCS.
	Workers int
	// MaxBlockSize caps the rows of a blocking block; 0: the vnperson
	// default, -1: no cap.
	MaxBlockSize int
	// Model, when set, is used instead of training one (-model).
	Model *linkage.Model[vnperson.Record]
	// Progress, when set, receives the progress of the run.
	Progress func(vnperson.Progress)
}

func (o *options) prepareOptions() vnperson.PrepareOptions {
	return vnperson.PrepareOptions{Today: o.Today, Resolver: o.Resolver, Workers: o.Workers, Progress: o.Progress}
}

func (o *options) linkOptions() vnperson.Options {
	return vnperson.Options{
		Prepare:          o.prepareOptions(),
		Seed:             o.Seed,
		MatchProbability: o.MatchProbability,
		Workers:          o.Workers,
		MaxBlockSize:     o.MaxBlockSize,
		Model:            o.Model,
		Progress:         o.Progress,
		Display:          true,
	}
}

// An input is one CSV or XLSX file read, its columns mapped and its rows
// turned into people.
type input struct {
	t      *table
	cols   columnMap
	people []vnperson.Person
}

// requiredForMatching are the columns dedupe and link cannot do without.
var requiredForMatching = []field{fieldFullName, fieldBirthDate}

// loadInput reads a CSV file, or the first sheet of an .xlsx workbook, from
// r (readInputTable) and maps its columns (explicit first, then the known
// header names); each field of required must be found.
// Errors name the input by role ("input", "left", "right"), never a value.
func loadInput(role string, r io.Reader, explicit map[field]string, required []field) (*input, error) {
	t, err := readInputTable(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", role, err)
	}
	cols, err := mapColumns(t.Header, explicit, required)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", role, err)
	}
	found := false
	for _, c := range cols {
		found = found || c >= 0
	}
	if !found {
		return nil, fmt.Errorf("%s: %s; name the columns with -map", role, describeHeader(t.Header, nil))
	}
	// A cell issue names its column; name the field instead when the
	// column is one.
	for _, e := range t.Issues {
		for f := range numFields {
			if c := cols[f]; c >= 0 && e.Field == t.Header[c] {
				e.Field = f.String()
			}
		}
	}
	return &input{t: t, cols: cols, people: toPeople(t, cols, role)}, nil
}

// mergeIssues returns the issues of a and b sorted by row, then field.
func mergeIssues(a, b []*normalize.RecordError) []*normalize.RecordError {
	out := slices.Concat(a, b)
	slices.SortStableFunc(out, func(x, y *normalize.RecordError) int {
		return cmp.Or(cmp.Compare(x.Row, y.Row), cmp.Compare(x.Field, y.Field))
	})
	return out
}
