// Command linkscore scores the output of a whole vnlink CLI run against the
// ground truth written by benchmarks/cmd/synthgen.
//
// Usage:
//
//	go run ./benchmarks/cmd/linkscore -truth D/truth.csv -dedupe D/dedupe.csv -link D/link.csv [-cases D/hard_cases.csv] [-json]
//
// where D is a synthgen output folder, dedupe.csv is the output of
// `vnlink dedupe` run on D/ehr.csv and link.csv the output of `vnlink link`
// run with D/ehr.csv on the left and D/registry.csv on the right. Either of
// -dedupe and -link may be left out, not both.
//
// The truth file has the header file,record_id,person_id (file is registry,
// ehr or bhyt). The dedupe output needs the input's record_id column and the
// cluster column ("Mã người" or "cluster"); every row must be an ehr record of
// the truth, at most once. The link output needs the left and right record
// id columns ("Mã hồ sơ tệp trái"/"left_record_id", "Mã hồ sơ tệp
// phải"/"right_record_id"); a row with both ids is a link from an ehr record
// to a registry record, the other rows are ignored. Either language of the
// headers is accepted, a leading UTF-8 byte-order mark is skipped, and the
// delimiter (comma, semicolon or tab) is taken from the header line.
//
// The dedupe clustering is scored with linkage.EvaluateClusters (pairwise and
// B-cubed precision, recall and F1 over the rows of the output), the links
// with linkage.EvaluateLinks against every ehr and registry record of the
// truth. The result is a few lines of text on standard output:
//
//	dedupe pairwise P 0.98500 R 0.99480 F1 0.98990  B3 P 0.99010 R 0.99620 F1 0.99315  rows 61234
//	dedupe clusters predicted 50210 true 50190  pairs predicted 12000 true 11890 correct 11820
//	link P 0.99120 R 0.98010 F1 0.98562  links 55012
//	link true 55600 correct 54527  left 61234 right 50000
//
// With -cases, one more line per hard case of the ehr records (synthgen's
// hard_cases.csv: twins, moved households, records at two stations, …):
// the true pairs touching a record of the case and how many of them share
// a predicted cluster, the false pairs touching one, and the records of
// the case linked to their registry person or to another.
//
// With -json the last line is also the same figures as one JSON object.
//
// The files are streamed; only the record ids, end to end in one compact hash
// table, and an int32 label per record are kept. Time is linear in the size
// of the files and memory about 60 bytes per truth row (170 MB peak for the
// 2.8 million rows of a million-people data set, with both outputs), so that
// runs on millions of rows can be scored. Errors
// name the file and the 1-based line, never a cell's value. The exit status is
// 1 on an error and 2 on bad flags.
package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"hash/maphash"
	"io"
	"iter"
	"math"
	"os"

	"github.com/vnlink/vnlink/linkage"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// options are the command-line flags.
type options struct {
	Truth, Dedupe, Link, Cases string
	JSON                       bool
}

// run parses args, scores the files and writes the result to stdout and
// errors to stderr. It returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	var o options
	fs := flag.NewFlagSet("linkscore", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.Truth, "truth", "", "truth.csv written by synthgen (required)")
	fs.StringVar(&o.Dedupe, "dedupe", "", "output of vnlink dedupe run on ehr.csv")
	fs.StringVar(&o.Link, "link", "", "output of vnlink link run with ehr.csv left and registry.csv right")
	fs.StringVar(&o.Cases, "cases", "", "hard_cases.csv written by synthgen: also score each hard case of the ehr records")
	fs.BoolVar(&o.JSON, "json", false, "also write the figures as one JSON object, on the last line")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	var bad string
	switch {
	case fs.NArg() > 0:
		bad = "unexpected arguments"
	case o.Truth == "":
		bad = "-truth is required"
	case o.Dedupe == "" && o.Link == "":
		bad = "give -dedupe, -link or both"
	}
	if bad != "" {
		fmt.Fprintln(stderr, "linkscore:", bad+"; see -h")
		return 2
	}
	rep, err := score(&o)
	if err == nil {
		err = rep.write(stdout, o.JSON)
	}
	if err != nil {
		fmt.Fprintln(stderr, "linkscore:", err)
		return 1
	}
	return 0
}

// report holds every figure linkscore writes.
type report struct {
	Truth  truthCounts   `json:"truth"`
	Dedupe *dedupeReport `json:"dedupe,omitempty"`
	Link   *linkReport   `json:"link,omitempty"`
	// Cases are the figures per hard case (-cases).
	Cases []caseFigures `json:"cases,omitempty"`
}

type truthCounts struct {
	Registry int `json:"registry"`
	EHR      int `json:"ehr"`
	BHYT     int `json:"bhyt"`
	People   int `json:"people"`
}

type precisionRecall struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func newPR(p linkage.PrecisionRecall) precisionRecall {
	return precisionRecall{p.Precision, p.Recall, p.F1}
}

type dedupeReport struct {
	Rows int `json:"rows"`
	// MissingRecords counts the ehr records of the truth absent from the
	// output; they are not scored.
	MissingRecords      int             `json:"missing_ehr_records"`
	PredictedClusters   int             `json:"predicted_clusters"`
	TrueClusters        int             `json:"true_clusters"`
	PredictedSingletons int             `json:"predicted_singletons"`
	TrueSingletons      int             `json:"true_singletons"`
	PredictedPairs      int64           `json:"predicted_pairs"`
	TruePairs           int64           `json:"true_pairs"`
	CorrectPairs        int64           `json:"correct_pairs"`
	Pairwise            precisionRecall `json:"pairwise"`
	BCubed              precisionRecall `json:"bcubed"`
}

type linkReport struct {
	Rows                   int             `json:"rows"`      // data rows of the output
	LinkRows               int             `json:"link_rows"` // rows with both record ids
	PredictedLinks         int64           `json:"predicted_links"`
	TrueLinks              int64           `json:"true_links"`
	CorrectLinks           int64           `json:"correct_links"`
	Links                  precisionRecall `json:"links"`
	Left                   int             `json:"left_records"`
	Right                  int             `json:"right_records"`
	LeftWithoutPartner     int             `json:"left_without_partner"`
	RightWithoutPartner    int             `json:"right_without_partner"`
	LeftCorrectlyUnlinked  int             `json:"left_correctly_unlinked"`
	RightCorrectlyUnlinked int             `json:"right_correctly_unlinked"`
}

func (r *report) write(w io.Writer, asJSON bool) error {
	bw := bufio.NewWriter(w)
	if d := r.Dedupe; d != nil {
		fmt.Fprintf(bw, "dedupe pairwise P %.5f R %.5f F1 %.5f  B3 P %.5f R %.5f F1 %.5f  rows %d\n",
			d.Pairwise.Precision, d.Pairwise.Recall, d.Pairwise.F1,
			d.BCubed.Precision, d.BCubed.Recall, d.BCubed.F1, d.Rows)
		fmt.Fprintf(bw, "dedupe clusters predicted %d true %d  pairs predicted %d true %d correct %d\n",
			d.PredictedClusters, d.TrueClusters, d.PredictedPairs, d.TruePairs, d.CorrectPairs)
		if d.MissingRecords > 0 {
			fmt.Fprintf(bw, "dedupe: %d ehr records of the truth are not in the output (not scored)\n", d.MissingRecords)
		}
	}
	if l := r.Link; l != nil {
		fmt.Fprintf(bw, "link P %.5f R %.5f F1 %.5f  links %d\n",
			l.Links.Precision, l.Links.Recall, l.Links.F1, l.PredictedLinks)
		fmt.Fprintf(bw, "link true %d correct %d  left %d right %d  correctly unlinked left %d of %d right %d of %d\n",
			l.TrueLinks, l.CorrectLinks, l.Left, l.Right,
			l.LeftCorrectlyUnlinked, l.LeftWithoutPartner, l.RightCorrectlyUnlinked, l.RightWithoutPartner)
	}
	writeCases(bw, r.Cases, r.Dedupe != nil, r.Link != nil)
	if asJSON {
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		bw.Write(b)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// score reads the truth and the outputs named in o.
func score(o *options) (*report, error) {
	t, err := readTruth(o.Truth, o.Link != "")
	if err != nil {
		return nil, err
	}
	rep := &report{Truth: t.counts}
	var hc *hardCases
	if o.Cases != "" {
		if hc, err = readCases(o.Cases, t); err != nil {
			return nil, err
		}
		rep.Cases = hc.newCaseFigures()
	}
	if o.Dedupe != "" {
		if rep.Dedupe, err = scoreDedupe(o.Dedupe, t, hc, rep.Cases); err != nil {
			return nil, err
		}
	}
	if o.Link != "" {
		if rep.Link, err = scoreLink(o.Link, t, hc, rep.Cases); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// truth holds, for the ehr and registry files, the index of every record id
// and the entity label of every record (in truth-file order).
type truth struct {
	counts        truthCounts
	ehr, registry idTable
	ehrLabel      []int32
	registryLabel []int32
}

// readTruth reads the truth file; the registry records are kept only when
// withRegistry is set (the bhyt ones never).
func readTruth(path string, withRegistry bool) (*truth, error) {
	f, cr, cols, err := openCSV(path, []string{"file"}, []string{"record_id"}, []string{"person_id"})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	t := &truth{}
	var people idTable
	var readErr error
	for rec, line := range dataRows(cr, path, cols, &readErr) {
		id, person := rec[cols[1]], rec[cols[2]]
		var tab *idTable
		var labels *[]int32
		switch rec[cols[0]] {
		case "ehr":
			t.counts.EHR++
			tab, labels = &t.ehr, &t.ehrLabel
		case "registry":
			t.counts.Registry++
			if withRegistry {
				tab, labels = &t.registry, &t.registryLabel
			}
		case "bhyt":
			t.counts.BHYT++
		default:
			return nil, fileError(path, line, errors.New("the file column is none of registry, ehr and bhyt"))
		}
		if id == "" || person == "" {
			return nil, fileError(path, line, errors.New("empty record_id or person_id"))
		}
		label, _, err := people.add(person)
		if err != nil {
			return nil, fileError(path, line, err)
		}
		if tab == nil {
			continue
		}
		_, added, err := tab.add(id)
		if err != nil {
			return nil, fileError(path, line, err)
		}
		if !added {
			return nil, fileError(path, line, errors.New("record_id seen before in the same file"))
		}
		*labels = append(*labels, label)
	}
	if readErr != nil {
		return nil, readErr
	}
	t.counts.People = people.len()
	return t, nil
}

// Header names of the vnlink outputs, in Vietnamese and English.
var (
	recordIDNames = []string{"record_id"}
	clusterNames  = []string{"Mã người", "cluster"}
	leftIDNames   = []string{"Mã hồ sơ tệp trái", "left_record_id"}
	rightIDNames  = []string{"Mã hồ sơ tệp phải", "right_record_id"}
)

// openOutput opens the output file path and finds its columns, one of
// each list of names; the caller closes f.
func openCSV(path string, names ...[]string) (f *os.File, cr *csv.Reader, cols []int, err error) {
	if f, err = os.Open(path); err != nil {
		return nil, nil, nil, err
	}
	if cr, err = newCSV(f); err != nil {
		f.Close()
		return nil, nil, nil, fileError(path, 0, err)
	}
	if cols, err = header(cr, path, names...); err != nil {
		f.Close()
		return nil, nil, nil, err
	}
	return f, cr, cols, nil
}

// scoreDedupe scores the dedupe output path; with hc, it adds the figures
// of each hard case to cases.
func scoreDedupe(path string, t *truth, hc *hardCases, cases []caseFigures) (*dedupeReport, error) {
	f, cr, cols, err := openCSV(path, recordIDNames, clusterNames)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var clusters idTable
	seen := make([]bool, len(t.ehrLabel))
	var rows, predicted, actual []int32
	var readErr error
	for rec, line := range dataRows(cr, path, cols, &readErr) {
		id, cluster := rec[cols[0]], rec[cols[1]]
		if id == "" || cluster == "" {
			return nil, fileError(path, line, errors.New("empty record id or cluster"))
		}
		i := t.ehr.find(id)
		if i < 0 {
			return nil, fileError(path, line, errors.New("record id is not an ehr record of the truth"))
		}
		if seen[i] {
			return nil, fileError(path, line, errors.New("record id seen before in this file"))
		}
		seen[i] = true
		c, _, err := clusters.add(cluster)
		if err != nil {
			return nil, fileError(path, line, err)
		}
		rows = append(rows, i)
		predicted = append(predicted, c)
		actual = append(actual, t.ehrLabel[i])
	}
	if readErr != nil {
		return nil, readErr
	}
	if len(predicted) == 0 {
		return nil, fileError(path, 0, errors.New("no data rows"))
	}
	m, err := linkage.EvaluateClusters(predicted, actual)
	if err != nil {
		return nil, fileError(path, 0, err)
	}
	if hc != nil {
		hc.dedupe(cases, rows, predicted, actual)
	}
	return &dedupeReport{
		Rows:                m.Records,
		MissingRecords:      len(t.ehrLabel) - len(predicted),
		PredictedClusters:   m.PredictedClusters,
		TrueClusters:        m.TrueClusters,
		PredictedSingletons: m.PredictedSingletons,
		TrueSingletons:      m.TrueSingletons,
		PredictedPairs:      m.PredictedPairs,
		TruePairs:           m.TruePairs,
		CorrectPairs:        m.CorrectPairs,
		Pairwise:            newPR(m.Pairwise),
		BCubed:              newPR(m.BCubed),
	}, nil
}

// scoreLink scores the link output path; with hc, it adds the figures of
// each hard case to cases.
func scoreLink(path string, t *truth, hc *hardCases, cases []caseFigures) (*linkReport, error) {
	f, cr, cols, err := openCSV(path, leftIDNames, rightIDNames)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := &linkReport{}
	var links []linkage.Pair
	var readErr error
	for rec, line := range dataRows(cr, path, cols, &readErr) {
		r.Rows++
		left, right := rec[cols[0]], rec[cols[1]]
		if left == "" || right == "" {
			continue
		}
		a, b := t.ehr.find(left), t.registry.find(right)
		if a < 0 || b < 0 {
			return nil, fileError(path, line, errors.New("record id not in the truth (ehr records on the left, registry records on the right)"))
		}
		links = append(links, linkage.Pair{A: a, B: b})
	}
	if readErr != nil {
		return nil, readErr
	}
	r.LinkRows = len(links)
	m, err := linkage.EvaluateLinks(links, t.ehrLabel, t.registryLabel)
	if err != nil {
		return nil, fileError(path, 0, err)
	}
	if hc != nil {
		hc.link(cases, links, t)
	}
	r.PredictedLinks, r.TrueLinks, r.CorrectLinks = m.PredictedLinks, m.TrueLinks, m.CorrectLinks
	r.Links = newPR(m.Links)
	r.Left, r.Right = m.Left, m.Right
	r.LeftWithoutPartner, r.RightWithoutPartner = m.LeftWithoutPartner, m.RightWithoutPartner
	r.LeftCorrectlyUnlinked, r.RightCorrectlyUnlinked = m.LeftCorrectlyUnlinked, m.RightCorrectlyUnlinked
	return r, nil
}

// fileError prefixes err with the file and, when line > 0, the 1-based line.
func fileError(path string, line int, err error) error {
	if line > 0 {
		return fmt.Errorf("%s:%d: %w", path, line, err)
	}
	return fmt.Errorf("%s: %w", path, err)
}

// newCSV returns a reader of r that skips a UTF-8 byte-order mark and uses
// the delimiter found in the first line.
func newCSV(r io.Reader) (*csv.Reader, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	head, err := br.Peek(br.Size())
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	if bytes.HasPrefix(head, []byte("\uFEFF")) {
		head = head[3:]
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.Comma = sniffDelimiter(head)
	cr.ReuseRecord = true
	return cr, nil
}

// sniffDelimiter returns the most frequent of comma, semicolon and tab
// outside quotes in the first line of b; comma when there is none.
func sniffDelimiter(b []byte) rune {
	var n [3]int
	quoted := false
loop:
	for _, c := range b {
		switch c {
		case '"':
			quoted = !quoted
		case '\n', '\r':
			if !quoted {
				break loop
			}
		case ',':
			n[0]++
		case ';':
			n[1]++
		case '\t':
			n[2]++
		}
	}
	best := 0
	for i := range n {
		if n[i] > n[best] {
			best = i
		}
	}
	return []rune{',', ';', '\t'}[best]
}

// header reads the header row and returns, for each set of names, the
// index of the first column that has one of them.
func header(cr *csv.Reader, path string, names ...[]string) ([]int, error) {
	h, err := cr.Read()
	if err == io.EOF {
		return nil, fileError(path, 1, errors.New("empty file, no header row"))
	}
	if err != nil {
		return nil, csvError(path, err)
	}
	cols := make([]int, len(names))
	for k, set := range names {
		cols[k] = -1
	find:
		for i, name := range h {
			for _, want := range set {
				if name == want {
					cols[k] = i
					break find
				}
			}
		}
		if cols[k] < 0 {
			return nil, fileError(path, 1, fmt.Errorf("no column %q in the header", set))
		}
	}
	return cols, nil
}

// next reads the next data row and its 1-based line; it checks that the
// row has the columns cols. It returns io.EOF at the end.
// dataRows yields the data rows of cr with their 1-based line; a read error
// ends the loop and is left in *errp.
func dataRows(cr *csv.Reader, path string, cols []int, errp *error) iter.Seq2[[]string, int] {
	return func(yield func([]string, int) bool) {
		for {
			rec, line, err := next(cr, path, cols)
			if err == io.EOF {
				return
			}
			if err != nil {
				*errp = err
				return
			}
			if !yield(rec, line) {
				return
			}
		}
	}
}

func next(cr *csv.Reader, path string, cols []int) ([]string, int, error) {
	rec, err := cr.Read()
	if err == io.EOF {
		return nil, 0, err
	}
	if err != nil {
		return nil, 0, csvError(path, err)
	}
	line, _ := cr.FieldPos(0)
	for _, c := range cols {
		if c >= len(rec) {
			return nil, line, fileError(path, line, errors.New("row too short"))
		}
	}
	return rec, line, nil
}

// csvError names the file and line of a CSV syntax error, without the
// text of the row.
func csvError(path string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		line := pe.Line
		if line == 0 {
			line = pe.StartLine
		}
		return fileError(path, line, pe.Err)
	}
	return fileError(path, 0, err)
}

// idTable interns strings: it gives each distinct string the next int32
// index. The strings are stored end to end in one byte slice and the index
// is an open-addressing hash table of int32, about 4 bytes per string plus
// its length and 8 to 16 bytes of table, rather than the 50 or so of a Go
// map[string]int32 with a separate allocation per key.
type idTable struct {
	seed  maphash.Seed
	bytes []byte   // the strings, end to end
	ends  []uint32 // ends[i]: end of string i in bytes
	slots []int32  // index+1 of a string, 0 for an empty slot; len a power of 2
}

func (t *idTable) len() int { return len(t.ends) }

func (t *idTable) key(i int32) []byte {
	start := uint32(0)
	if i > 0 {
		start = t.ends[i-1]
	}
	return t.bytes[start:t.ends[i]]
}

// lookup returns the slot of s: the slot holding it, or the empty slot
// where it would go.
func (t *idTable) lookup(s string) int {
	mask := len(t.slots) - 1
	j := int(maphash.String(t.seed, s)) & mask
	for {
		v := t.slots[j]
		if v == 0 || string(t.key(v-1)) == s {
			return j
		}
		j = (j + 1) & mask
	}
}

// find returns the index of s, or -1.
func (t *idTable) find(s string) int32 {
	if len(t.slots) == 0 {
		return -1
	}
	return t.slots[t.lookup(s)] - 1
}

// add returns the index of s, adding it if new (added reports that).
func (t *idTable) add(s string) (idx int32, added bool, err error) {
	if len(t.slots) == 0 {
		t.seed = maphash.MakeSeed()
		t.slots = make([]int32, 1024)
	}
	j := t.lookup(s)
	if v := t.slots[j]; v != 0 {
		return v - 1, false, nil
	}
	if len(t.ends) >= math.MaxInt32-1 || uint64(len(t.bytes))+uint64(len(s)) > math.MaxUint32 {
		return 0, false, errors.New("too many records")
	}
	t.bytes = append(t.bytes, s...)
	t.ends = append(t.ends, uint32(len(t.bytes)))
	idx = int32(len(t.ends) - 1)
	t.slots[j] = idx + 1
	if 2*len(t.ends) > len(t.slots) {
		t.grow()
	}
	return idx, true, nil
}

// grow doubles the table and puts every string back.
func (t *idTable) grow() {
	t.slots = make([]int32, 2*len(t.slots))
	mask := len(t.slots) - 1
	for i := range t.ends {
		j := int(maphash.Bytes(t.seed, t.key(int32(i)))) & mask
		for t.slots[j] != 0 {
			j = (j + 1) & mask
		}
		t.slots[j] = int32(i) + 1
	}
}
