package main

import (
	"bytes"
	"cmp"
	"errors"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
	"github.com/vnlink/vnlink/normalize"
	tbl "github.com/vnlink/vnlink/table"
)

// options are the settings shared by the subcommands.
type options struct {
	// Map and MapRight are the -map and -map-right flags: field -> column.
	Map, MapRight map[field]string
	// MapRegistry and MapBHYT are the -map-registry and -map-bhyt flags
	// of reconcile (-map names the columns of its -ehr file).
	MapRegistry, MapBHYT map[field]string
	// Read holds the -sheet and -header-row flags, for every input.
	Read readOptions
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

// readOptions are the flags that say how a file is read: -sheet and
// -header-row.
type readOptions struct {
	// Sheet names the worksheet of a workbook; "": the first.
	Sheet string
	// HeaderRow is the 1-based row (line, Excel row) of the header; 0:
	// found by package table.
	HeaderRow int
	// limits lowers the limits of package table, for tests; zero: the
	// defaults.
	limits tbl.Options
}

// An input is one CSV or XLSX file read, its columns mapped and its rows
// turned into people.
type input struct {
	t      *table
	cols   columnMap
	people []vnperson.Person
	// present has one mask per data row: bit f set when the cell of field
	// f holds more than spaces, bit unusable when the row is unusable. The
	// summary reads these, not the cells, so that a command can release
	// the cells (release).
	present []uint16
}

// unusable is the bit of input.present that marks an unusable row.
const unusable = 1 << 15

// The field bits of input.present stay below unusable.
const _ uint = 15 - uint(numFields)

// release lets the cells and the people of in be collected, for a command
// that writes none of the input's cells (link): the records prepared from
// them hold what the output needs.
func (in *input) release() {
	in.t.Rows, in.t.ends, in.t.invalid, in.people = nil, nil, nil, nil
}

// presence returns the masks of input.present for the rows of t.
func presence(t *table, cols columnMap) []uint16 {
	out := make([]uint16, len(t.Rows))
	for i := range t.Rows {
		r := &t.Rows[i]
		if r.Unusable {
			out[i] |= unusable
		}
		for f := range numFields {
			if c := cols[f]; c >= 0 && strings.TrimSpace(t.cell(i, c)) != "" {
				out[i] |= 1 << f
			}
		}
	}
	return out
}

// requiredForMatching are the columns dedupe and link cannot do without.
var requiredForMatching = []field{fieldFullName, fieldBirthDate}

// loadInput reads an input as readInput does, and makes each row one person
// (vnperson.ColumnMap.Person, toPeople), of Source role.
func loadInput(role string, r io.Reader, explicit map[field]string, required []field, ro readOptions) (*input, error) {
	in, err := readInput(role, r, explicit, required, ro)
	if err != nil {
		return nil, err
	}
	in.people = toPeople(in.t, in.cols, role)
	return in, nil
}

// readInput reads a CSV/TSV file, an .xlsx workbook or an XML1 file from r
// with package table (readInputTable) and maps its columns: explicit first,
// then the known header names (vnperson.MapColumns); each field of required
// must be found. Errors name the input by role ("input", "left", "right"),
// never a value. The rows are not yet people (loadInput, prepareInto).
func readInput(role string, r io.Reader, explicit map[field]string, required []field, ro readOptions) (*input, error) {
	t, err := readInputTable(r, ro)
	if err != nil {
		return nil, wrap(err, "%s", roleName(role))
	}
	cols, warnings, err := mapColumns(t.Header, explicit, required)
	if err != nil {
		return nil, wrap(err, "%s", roleName(role))
	}
	t.Warnings = append(t.Warnings, warnings...)
	found := false
	for _, c := range cols {
		found = found || c >= 0
	}
	if !found {
		return nil, errorf("%s: %s; name the columns with -map", roleName(role), describeHeader(t.Header))
	}
	// A cell issue names its column; name the field instead when the
	// column is one.
	for _, e := range t.Issues {
		for f := range numFields {
			if c := cols[f]; c >= 0 && e.Field == columnLabel(t.Header, c) {
				e.Field = f.String()
			}
		}
	}
	if w := repeatedIDs(t, cols); w != "" {
		t.Warnings = append(t.Warnings, w)
	}
	return &input{t: t, cols: cols, present: presence(t, cols)}, nil
}

// loadFile opens the file name and loads it as loadInput does, with the
// columns dedupe and link need.
func loadFile(role, name string, mapping map[field]string, ro readOptions) (*input, error) {
	r, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return loadInput(role, r, mapping, requiredForMatching, ro)
}

// mergeIssues returns the issues of a and b sorted by row, then field.
func mergeIssues(a, b []*normalize.RecordError) []*normalize.RecordError {
	out := slices.Concat(a, b)
	slices.SortStableFunc(out, func(x, y *normalize.RecordError) int {
		return cmp.Or(cmp.Compare(x.Row, y.Row), cmp.Compare(x.Field, y.Field))
	})
	return out
}

// rowField is the field name of the issues about a whole row.
const rowField = "row"

// A table is an input file read by package table, in the shape the
// commands write back: the header and one inRow per data row.
type table struct {
	// Header holds the column names as written in the header row.
	Header []string
	// Format is the format the file was read as.
	Format tbl.Format
	// Delim is the delimiter of text input: ',', ';' or '\t'; ',' for a
	// workbook or an XML1 file, which are written back as CSV.
	Delim rune
	// BOM reports whether the input had a byte-order mark (UTF-8, or the
	// one of UTF-16 text); the outputs always start with one (excelCSV).
	BOM bool
	// HeaderRow is the line (Excel row) of the header; 0 for XML1.
	HeaderRow int
	Rows      []inRow
	// ends[i*len(Header)+k] is where cell k of row i ends in its text.
	ends []uint32
	// invalid maps a data row (0-based) to its columns whose cells are not
	// valid UTF-8; they are left out of matching.
	invalid map[int][]int
	// Ragged counts the rows with fewer cells than the header, or with
	// values right of its last column.
	Ragged int
	// Damaged counts the rows whose quotes could not be read: they were
	// split on the delimiter as written.
	Damaged int
	// Blank counts the empty rows between data rows, which are skipped.
	Blank int
	// Issues are the problems of rows and cells, by row then column: a
	// damaged or ragged row (Field "row"), a cell that is not valid UTF-8
	// (Field: the column, see columnLabel). Row is the 1-based data row.
	Issues []*normalize.RecordError
	// Warnings describe the file as a whole, in counts and positions.
	Warnings []string
}

// An inRow is one data row of a table. Its cells are one string (see
// table.cell): a city's file holds a million rows, and a string header per
// cell would cost more than the cells.
type inRow struct {
	// Line is the line of the file (Excel row) on which the row starts.
	Line int
	// text is the row's cells one after another; table.ends says where
	// each ends.
	text string
	// Damaged reports that the row's quotes could not be read.
	Damaged bool
	// Unusable reports that the cells cannot be trusted (a damaged row,
	// or one with values right of the last column, so that its values are
	// probably shifted); its fields are left out of matching.
	Unusable bool
}

// cell returns cell c of row i: every row has one per header column, a
// short row padded with empty cells, a long row cut to the header's
// length.
func (t *table) cell(i, c int) string {
	w := len(t.Header)
	from := uint32(0)
	if c > 0 {
		from = t.ends[i*w+c-1]
	}
	return t.Rows[i].text[from:t.ends[i*w+c]]
}

// appendCells appends the cells of row i to dst.
func (t *table) appendCells(dst []string, i int) []string {
	w := len(t.Header)
	text, from := t.Rows[i].text, uint32(0)
	for _, e := range t.ends[i*w : (i+1)*w] {
		dst = append(dst, text[from:e])
		from = e
	}
	return dst
}

// cells returns the cells of row i.
func (t *table) cells(i int) []string {
	return t.appendCells(make([]string, 0, len(t.Header)), i)
}

// addRow appends a data row of the given cells (padded or cut to the
// header's length) to t.
func (t *table) addRow(r inRow, cells []string) {
	var b strings.Builder
	n := 0
	for _, c := range cells[:min(len(cells), len(t.Header))] {
		n += len(c)
	}
	b.Grow(n)
	for k := range len(t.Header) {
		if k < len(cells) {
			b.WriteString(cells[k])
		}
		t.ends = append(t.ends, uint32(b.Len()))
	}
	r.text = b.String()
	t.Rows = append(t.Rows, r)
}

// Magic numbers of the workbooks.
const (
	zipMagic = "PK\x03\x04"       // every zip archive, so every .xlsx
	oleMagic = "\xd0\xcf\x11\xe0" // Excel 97-2003 (.xls), not read
)

var errXLS = newLazyError(`the file is an Excel 97-2003 workbook (.xls); save it as "Excel Workbook (.xlsx)" or "CSV UTF-8" and try again`)

// readInputTable reads r with package table: a workbook when r is a file
// whose name ends in ".xlsx" or when it starts with the zip signature, an
// XML1 file when it starts with "<", text otherwise.
func readInputTable(r io.Reader, ro readOptions) (*table, error) {
	opts := ro.limits
	opts.Sheet, opts.HeaderRow = ro.Sheet, ro.HeaderRow
	opts.TmpDir = privateTmp()
	if n, ok := r.(interface{ Name() string }); ok && strings.HasSuffix(strings.ToLower(n.Name()), ".xlsx") {
		opts.Format = tbl.XLSX
	}
	maxBytes := cmp.Or(opts.MaxBytes, inputLimit)
	opts.MaxBytes = maxBytes
	data, err := tbl.ReadAll(r, maxBytes)
	if errors.Is(err, tbl.ErrLimit) {
		return nil, kindErrorf(tbl.ErrLimit, "the file is larger than %s bytes; split the file", plain(int(maxBytes)))
	}
	if err != nil {
		return nil, err
	}
	head := string(data[:min(len(data), 4)])
	if head == oleMagic {
		return nil, errXLS
	}
	if len(data) == 0 {
		return nil, errorf("the file is empty: the first row must name the columns")
	}
	bom := strings.HasPrefix(head, "\xef\xbb\xbf") || strings.HasPrefix(head, "\xff\xfe") || strings.HasPrefix(head, "\xfe\xff")
	// The rows are handed over one at a time and kept only in the
	// commands' compact form: a file's rows are not held twice.
	read := func(opts tbl.Options) (*tbl.Table, *rowTaker, error) {
		k := &rowTaker{bom: bom}
		if !strings.HasPrefix(head, zipMagic) {
			k.lines = bytes.Count(data, []byte{'\n'}) + 1 // at most the rows of a text file
		}
		opts.OnRow = k.take
		tt, err := tbl.ReadBytes(data, opts)
		return tt, k, err
	}
	tt, k, err := read(opts)
	if errors.Is(err, tbl.ErrNoHeader) && opts.HeaderRow == 0 {
		// A file of one column has no row with two filled cells, which
		// package table asks of a header: take the first row (after a
		// "sep=" line) when its first cell is a known column name.
		for _, h := range []int{1, 2} {
			opts.HeaderRow = h
			if t2, k2, err2 := read(opts); err2 == nil && len(t2.Header) > 0 && knownName(t2.Header[0]) {
				tt, k, err = t2, k2, nil
				break
			}
		}
	}
	if err != nil {
		return nil, readError(err, ro)
	}
	if c := dataLikeHeader(tt.Header); c >= 0 && ro.HeaderRow == 0 && tt.Format != tbl.XML1 {
		return nil, errorf("the header row (row %d) looks like a row of data: column %d (%s) holds a number or a date; "+
			"was the file exported without its header row? Add the column names as the first row, or give the header row with -header-row",
			tt.HeaderRow, c+1, tbl.ColumnName(c+1))
	}
	return k.finish(tt), nil
}

// dataLikeHeader returns the first header cell that holds four digits or
// more (a date, an ID or phone number: no column name does), -1 for none.
// Such a header is the first record of a file exported without its header
// row, which would otherwise be lost as the header.
func dataLikeHeader(header []string) int {
	for i, h := range header {
		n := 0
		for _, r := range h {
			if r >= '0' && r <= '9' {
				n++
			}
		}
		if n >= 4 {
			return i
		}
	}
	return -1
}

// readError turns an error of table.Read into the words of the command
// line: the flags to use, no value (the errors of package table hold
// positions only).
func readError(err error, ro readOptions) error {
	switch {
	case errors.Is(err, tbl.ErrNoHeader) && ro.HeaderRow == 0:
		return kindErrorf(tbl.ErrNoHeader, "no row among the first rows names the columns (such as ho_ten, ngay_sinh); "+
			"add the column names as the first row, or give the header row with -header-row")
	case errors.Is(err, tbl.ErrNoHeader):
		return kindErrorf(tbl.ErrNoHeader, "row %d given by -header-row is empty or past the end of the file", ro.HeaderRow)
	case errors.Is(err, tbl.ErrLimit):
		return kindErrorf(err, "%s", tableError(err))
	}
	return err
}

// rowTaker builds the table the commands write back from the rows package
// table hands over (tbl.Options.OnRow): data row i of the result is the
// i-th row handed over. finish moves the issues from lines to data rows
// and names the line in their reason.
type rowTaker struct {
	t   *table
	bom bool
	// lines is the number of lines of the input, which bounds the rows of
	// text input (not of XML1): their rows and cell ends are reserved
	// once.
	lines int
	// end is the last physical line of the previous row (the header row
	// before the first data row).
	end int
}

// start makes the table from what tt knows before its first row.
func (k *rowTaker) start(tt *tbl.Table) {
	t := &table{Header: tt.Header, Format: tt.Format, Delim: tt.Comma, BOM: k.bom, HeaderRow: tt.HeaderRow}
	if t.Delim == 0 || tt.Format != tbl.Text {
		t.Delim, t.BOM = ',', false // a workbook or XML1 file has no byte-order mark
	}
	if n := max(0, k.lines-tt.HeaderRow); n > 0 && tt.Format == tbl.Text {
		t.Rows = make([]inRow, 0, n)
		t.ends = make([]uint32, 0, n*len(t.Header))
	}
	k.t, k.end = t, tt.HeaderRow
}

// take adds the next data row r of tt.
func (k *rowTaker) take(tt *tbl.Table, r tbl.Row) error {
	if k.t == nil {
		k.start(tt)
	}
	t := k.t
	extra := len(r.Cells) > len(t.Header)
	t.addRow(inRow{Line: r.Line, Damaged: r.Damaged, Unusable: r.Damaged || extra}, r.Cells)
	if r.Ragged {
		t.Ragged++
	}
	if r.Damaged {
		t.Damaged++
	}
	if k.end > 0 {
		t.Blank += max(0, r.Line-k.end-1)
	}
	k.end = r.Line + continuationLines(tt.Format, r.Cells)
	return nil
}

// finish returns the table once tt is read whole, with its warnings and
// its issues moved to data rows.
func (k *rowTaker) finish(tt *tbl.Table) *table {
	if k.t == nil {
		k.start(tt) // no data row
	}
	t := k.t
	t.Warnings = translated(tt.Warnings)
	n := len(tt.Header)
	where := "line %d"
	if tt.Format == tbl.XLSX {
		where = "Excel row %d"
	} else if tt.Format == tbl.XML1 {
		where = "record %d"
	}
	for _, is := range tt.Issues {
		// The rows are in the order of their lines (a map of 8 million
		// lines would cost hundreds of megabytes for a few issues).
		i, found := slices.BinarySearchFunc(t.Rows, is.Row, func(r inRow, line int) int { return cmp.Compare(r.Line, line) })
		if !found {
			continue // not a data row
		}
		row := i + 1
		field := rowField
		if is.Column > 0 {
			field = columnLabel(t.Header, is.Column-1)
			if is.Column <= n {
				if t.invalid == nil {
					t.invalid = map[int][]int{}
				}
				t.invalid[row-1] = append(t.invalid[row-1], is.Column-1)
			}
		}
		t.Issues = append(t.Issues, &normalize.RecordError{Row: row, Field: field, Err: kindErrorf(normalize.ErrSyntax, "%s (%s)", tableText(is.Reason), tr(where, is.Row))})
	}
	if t.Blank > 0 {
		t.Warnings = append(t.Warnings, tr("%d empty rows between the data rows were skipped", t.Blank))
	}
	if t.Damaged > 0 {
		t.Warnings = append(t.Warnings, tr("%d rows whose quotes could not be read were split as written (rows %s)",
			t.Damaged, rowList(t, func(r *inRow) bool { return r.Damaged })))
	}
	return t
}

// continuationLines returns the lines a row of cells spans after its
// first (a quoted cell of text input holding line breaks).
func continuationLines(f tbl.Format, cells []string) int {
	if f != tbl.Text {
		return 0
	}
	n := 0
	for _, c := range cells {
		n += strings.Count(c, "\n")
	}
	return n
}

// maxListed is the most row numbers a warning lists.
const maxListed = 10

// rowList lists the data row numbers of the rows of t that match, at most
// maxListed of them.
func rowList(t *table, match func(*inRow) bool) string {
	var rows []string
	n := 0
	for i := range t.Rows {
		if match(&t.Rows[i]) {
			n++
			if n <= maxListed {
				rows = append(rows, strconv.Itoa(i+1))
			}
		}
	}
	if n > maxListed {
		rows = append(rows, tr("... %d more", n-maxListed))
	}
	return strings.Join(rows, ", ")
}

// repeatedIDs describes the rows whose record id repeats that of an earlier
// row, by row number; "" when there are none or no id column.
func repeatedIDs(t *table, cols columnMap) string {
	c := cols[fieldID]
	if c < 0 {
		return ""
	}
	seen := make(map[string]bool, len(t.Rows))
	var rows []string
	n := 0
	for i := range t.Rows {
		id := strings.TrimSpace(t.cell(i, c))
		if id == "" {
			continue
		}
		if seen[id] {
			n++
			if n <= maxListed {
				rows = append(rows, strconv.Itoa(i+1))
			}
		}
		seen[id] = true
	}
	if n == 0 {
		return ""
	}
	if n > maxListed {
		rows = append(rows, tr("... %d more", n-maxListed))
	}
	return tr("%d rows repeat the record id of an earlier row (%s): rows %s", n, columnLabel(t.Header, c), strings.Join(rows, ", "))
}

// columnLabel names column c (0-based) of header for a message: its name
// when that is a known column name, else its position and letter,
// "column 3 (C)". A header row that is in fact a row of data (a file
// exported without its header) is never printed.
func columnLabel(header []string, c int) string {
	if c < len(header) && knownName(header[c]) {
		return header[c]
	}
	return tr("column %d (%s)", c+1, tbl.ColumnName(c+1))
}

// knownName reports whether h is the name of a field (vnperson.MapColumns
// recognises it).
func knownName(h string) bool {
	m := vnperson.MapColumns([]string{h})
	return m.Found() > 0
}

// toPeople turns the rows of t into people with vnperson.ColumnMap.Person,
// reading each field from the column m gives it. A row without a record id
// (no id column, or an empty cell) gets "#" and its row number. Unusable
// rows become people with every field missing except the id, so that they
// still appear in the output; a cell that is not valid UTF-8 is missing.
func toPeople(t *table, m columnMap, source string) []vnperson.Person {
	people := make([]vnperson.Person, len(t.Rows))
	fillPeople(people, t, m, m.vnperson(t.Header), source, 0)
	return people
}

// fillPeople sets people to the people of rows first … first+len(people)-1
// of t, as toPeople does.
func fillPeople(people []vnperson.Person, t *table, m columnMap, cm vnperson.ColumnMap, source string, first int) {
	var cells []string
	for k := range people {
		i := first + k
		r := &t.Rows[i]
		cells = t.appendCells(cells[:0], i)
		for _, c := range t.invalid[i] {
			cells[c] = ""
		}
		p := &people[k]
		*p = vnperson.Person{}
		if r.Unusable {
			if c := m[fieldID]; c >= 0 {
				p.ID = strings.TrimSpace(cells[c])
			}
		} else {
			*p = cm.Person(cells)
		}
		p.Source = source
		if p.ID == "" {
			p.ID = "#" + strconv.Itoa(i+1)
		}
	}
}

// preparePart is the number of rows prepareInto turns into people at a
// time: their people take some 45 MB, and the caches of names and
// addresses of preparation (within a part) still see most repeats.
const preparePart = 1 << 18

// prepareInto adds the rows of in to p, a part at a time, and lets each
// part's cells go once added (release, a part at a time): a command that
// writes none of the input's cells never holds the people of a whole file.
func (in *input) prepareInto(p *vnperson.Prepared, source string) {
	t := in.t
	cm := in.cols.vnperson(t.Header)
	p.Grow(len(t.Rows))
	people := make([]vnperson.Person, min(preparePart, len(t.Rows)))
	for first := 0; first < len(t.Rows); first += preparePart {
		part := people[:min(preparePart, len(t.Rows)-first)]
		fillPeople(part, t, in.cols, cm, source, first)
		p.Add(part)
		for i := first; i < first+len(part); i++ {
			t.Rows[i].text = ""
		}
	}
	clear(people)
	in.release()
}

// vnperson returns m as a vnperson.ColumnMap.
func (m columnMap) vnperson(header []string) vnperson.ColumnMap {
	cm := vnperson.ColumnMap{Header: header}
	for f, p := range [numFields]*int{fieldID: &cm.ID, fieldFullName: &cm.FullName, fieldBirthDate: &cm.BirthDate,
		fieldSex: &cm.Sex, fieldNationalID: &cm.NationalID, fieldOldID: &cm.OldID, fieldInsuranceID: &cm.InsuranceID,
		fieldPhone: &cm.Phone, fieldAddress: &cm.Address, fieldEthnicity: &cm.Ethnicity} {
		*p = m[f]
	}
	return cm
}

// errDamaged is returned, after the outputs are written, when some input
// row had quotes that could not be read and -accept-damaged is not given:
// exit status 3.
var errDamaged = newLazyError("some rows had quotes that could not be read")

// damagedError returns errDamaged with the count of damaged rows of the
// inputs, nil when there are none or -accept-damaged is given.
func (f *cliFlags) damagedError(damaged int) error {
	if damaged == 0 || f.acceptDamaged {
		return nil
	}
	return kindErrorf(errDamaged, "%s: %d rows were split on the delimiter as written and left out of matching; "+
		"they are in the output: check them in the file (row numbers in the summary), or pass -accept-damaged",
		errDamaged.Error(), damaged)
}

// damaged returns the error for the damaged rows of the inputs of sum.
func (f *cliFlags) damaged(sum *summary) error {
	if sum == nil {
		return nil
	}
	n := 0
	for _, in := range sum.Inputs {
		n += in.DamagedRows
	}
	return f.damagedError(n)
}

// explained returns the function that takes the result of runExplain:
// it prints the warnings of the inputs to log (unless -q) and returns the
// error of explain, or the one for damaged rows.
func (f *cliFlags) explained(log io.Writer) func([]*input, error) error {
	return func(ins []*input, err error) error {
		n := 0
		for _, in := range ins {
			n += in.t.Damaged
			if f.quiet {
				continue
			}
			for _, w := range in.t.Warnings {
				say(log, "warning: %s\n", w)
			}
		}
		if err != nil {
			return err
		}
		return f.damagedError(n)
	}
}
