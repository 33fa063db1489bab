// Command normalize is vnlink's first demonstration: it canonicalises an
// embedded sample of messy rows, typed the way commune exports arrive
// (missing diacritics, legacy TCVN3/VNI fonts, UTF-8 mojibake, day/month
// order, lost leading zeros, old phone prefixes), and prints each field
// before -> after, then a per-column summary.
//
// The sample is synthetic: no real person is in it. Printing values is
// what this demonstration is for; the library itself never prints or logs
// personal data, and its errors name only the row and the column.
//
// Run it with:
//
//	go run ./examples/normalize
//	go run ./examples/normalize -in your.csv   # same columns, your file
//	go run ./examples/normalize -units ../shared/data/adminunits   # resolve addresses to today's communes
package main

import (
	_ "embed"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/vnlink/vnlink/normalize"
)

//go:embed sample.csv
var sample string

// columns lists the fields this demo canonicalises, in output order, with
// the function that canonicalises each one.
var columns = []struct {
	name string
	fix  func(string) (string, error)
}{
	{"full_name", func(s string) (string, error) {
		t := normalize.Text(s)
		if t == "" {
			return "", normalize.ErrEmpty
		}
		return t, nil
	}},
	{"birth_date", func(s string) (string, error) {
		d, err := normalize.ParseDate(s)
		if err != nil {
			return "", err
		}
		if d.MonthFirst() {
			// Valid only month first: accepted, but flagged for review.
			return d.String() + " (read month first: check)", nil
		}
		return d.String(), nil
	}},
	{"sex", stringer(normalize.ParseSex)},
	{"national_id", stringer(normalize.ParseNationalID)},
	{"insurance_id", stringer(normalize.ParseInsuranceID)},
	{"phone", stringer(normalize.ParsePhone)},
	{"ethnicity", func(s string) (string, error) {
		e, err := normalize.ParseEthnicity(s)
		if err != nil {
			return "", err
		}
		return e.Code() + " " + e.Name(), nil
	}},
	{"address", func(s string) (string, error) {
		a, err := normalize.ParseAddress(s)
		if err != nil {
			return "", err
		}
		out := a.String()
		if resolver.Units != nil {
			res := resolver.Resolve(a)
			switch res.Status {
			case normalize.ResolveExact:
				out += " [today: " + res.Unit.String() + ", " + res.Unit.Code.String() + "]"
			case normalize.ResolveAmbiguous:
				out += fmt.Sprintf(" [today: ambiguous, %d candidates; most likely %s]", len(res.Candidates), res.Unit.String())
			default:
				out += " [today: not found in the unit lists]"
			}
		}
		return out, nil
	}},
}

// resolver maps addresses to today's communes when -units is given.
var resolver = normalize.Resolver{DefaultProvince: "Hà Nội"}

// stringer adapts a Parse function to the demo's column signature.
func stringer[T fmt.Stringer](parse func(string) (T, error)) func(string) (string, error) {
	return func(s string) (string, error) {
		v, err := parse(s)
		if err != nil {
			return "", err
		}
		return v.String(), nil
	}
}

func main() {
	in := flag.String("in", "", "CSV file with the sample's columns (default: the embedded sample)")
	units := flag.String("units", "", "folder of the administrative-unit lists (e.g. ../shared/data/adminunits): map old communes to today's")
	flag.Parse()
	if *units != "" {
		u, err := normalize.LoadAdminUnits(os.DirFS(*units))
		if err != nil {
			fmt.Fprintln(os.Stderr, "normalize:", err)
			os.Exit(1)
		}
		resolver.Units = u
	}
	var r io.Reader = strings.NewReader(sample)
	if *in != "" {
		f, err := os.Open(*in)
		if err != nil {
			fmt.Fprintln(os.Stderr, "normalize:", err)
			os.Exit(1)
		}
		defer f.Close()
		r = f
	}
	if err := run(r, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "normalize:", err)
		os.Exit(1)
	}
}

// tally counts, for one column, the values that were already canonical,
// repaired, missing, and rejected.
type tally struct{ same, fixed, empty, bad int }

func run(r io.Reader, w io.Writer) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("reading header: %w", err)
	}
	index := map[string]int{}
	for i, h := range header {
		index[strings.TrimSpace(h)] = i
	}
	for _, c := range columns {
		if _, ok := index[c.name]; !ok {
			return fmt.Errorf("header: missing column %q", c.name)
		}
	}
	idCol, hasID := index["id"]

	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	tallies := make([]tally, len(columns))
	var problems []error
	row := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		row++
		if err != nil {
			// csv.ParseError holds positions only, never the value.
			return fmt.Errorf("row %d: %w", row, err)
		}
		id := fmt.Sprintf("row %d", row)
		if hasID && idCol < len(rec) {
			id = rec[idCol]
		}
		fmt.Fprintf(tw, "%s\t\t\t\n", id)
		for i, c := range columns {
			before := ""
			if j := index[c.name]; j < len(rec) {
				before = rec[j]
			}
			after, err := c.fix(before)
			switch {
			case strings.TrimSpace(before) == "" && (err == nil || errors.Is(err, normalize.ErrEmpty)):
				tallies[i].empty++
				fmt.Fprintf(tw, "  %s\t%q\t-> (missing)\t\n", c.name, before)
			case err != nil:
				tallies[i].bad++
				problems = append(problems, &normalize.RecordError{Row: row, Field: c.name, Err: err})
				fmt.Fprintf(tw, "  %s\t%q\t-> rejected\t\n", c.name, before)
			case after == before:
				tallies[i].same++
				fmt.Fprintf(tw, "  %s\t%q\t-> unchanged\t\n", c.name, before)
			default:
				tallies[i].fixed++
				fmt.Fprintf(tw, "  %s\t%q\t-> %q\t\n", c.name, before, after)
			}
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintf(w, "\n%d rows. Per column: canonical as typed / repaired / missing / rejected\n", row)
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "column\tcanonical\trepaired\tmissing\trejected\tvalid share\t\n")
	for i, c := range columns {
		t := tallies[i]
		valid := 0.0
		if row > 0 {
			valid = float64(t.same+t.fixed) / float64(row)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%.0f%%\t\n", c.name, t.same, t.fixed, t.empty, t.bad, 100*valid)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(problems) > 0 {
		// These messages name the row and the column, never the value:
		// this is what a campaign tool would write to its log.
		fmt.Fprintf(w, "\nRejected values, as a log would record them:\n")
		for _, p := range problems {
			fmt.Fprintf(w, "  %v\n", p)
		}
	}
	return nil
}
