package febrl

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vnlink/vnlink/normalize"
)

// Record is one row of a FEBRL file. Empty strings are missing values.
type Record struct {
	ID           string // rec_id: "rec-N-org" or "rec-N-dup-K"
	GivenName    string
	Surname      string
	StreetNumber string
	Address1     string
	Address2     string
	Suburb       string
	Postcode     string
	State        string
	DateOfBirth  string // yyyymmdd as written, possibly damaged
	SocSecID     string
}

// Columns are the column names of a FEBRL file, in order.
var Columns = []string{"rec_id", "given_name", "surname", "street_number", "address_1",
	"address_2", "suburb", "postcode", "state", "date_of_birth", "soc_sec_id"}

func (r *Record) fields() []*string {
	return []*string{&r.ID, &r.GivenName, &r.Surname, &r.StreetNumber, &r.Address1,
		&r.Address2, &r.Suburb, &r.Postcode, &r.State, &r.DateOfBirth, &r.SocSecID}
}

// ErrHeader means the first row of a file is not the FEBRL header.
var ErrHeader = errors.New("febrl: not a FEBRL header")

// ParseID splits a FEBRL record id into its entity number N and its
// duplicate number K: "rec-N-org" gives (N, -1), "rec-N-dup-K" gives
// (N, K). It returns normalize.ErrSyntax for any other form and
// normalize.ErrRange for numbers that do not fit an int32.
func ParseID(id string) (entity int32, dup int, err error) {
	rest, ok := strings.CutPrefix(id, "rec-")
	if !ok {
		return 0, 0, normalize.ErrSyntax
	}
	num, kind, ok := strings.Cut(rest, "-")
	if !ok {
		return 0, 0, normalize.ErrSyntax
	}
	n, err := parseNumber(num)
	if err != nil {
		return 0, 0, err
	}
	if kind == "org" {
		return int32(n), -1, nil
	}
	k, ok := strings.CutPrefix(kind, "dup-")
	if !ok {
		return 0, 0, normalize.ErrSyntax
	}
	d, err := parseNumber(k)
	if err != nil {
		return 0, 0, err
	}
	return int32(n), int(d), nil
}

// parseNumber parses a non-empty string of ASCII digits that fits an
// int32.
func parseNumber(s string) (int64, error) {
	if s == "" || strings.Trim(s, "0123456789") != "" {
		return 0, normalize.ErrSyntax
	}
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil {
		return 0, normalize.ErrRange
	}
	return n, nil
}

// Read parses a FEBRL CSV file: a header row (Columns) and rows of eleven
// fields, each field possibly preceded by spaces. Surrounding spaces are
// removed from every field. Errors are *normalize.RecordError values that
// give the row (1-based, header excluded) and field but never the value:
// wrapping normalize.ErrSyntax for a malformed rec_id or invalid UTF-8, or
// the *csv.ParseError of a malformed row; ErrHeader for a wrong header.
func Read(r io.Reader) ([]Record, error) {
	cr := csv.NewReader(r)
	cr.TrimLeadingSpace = true
	cr.FieldsPerRecord = len(Columns)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, ErrHeader
		}
		return nil, &normalize.RecordError{Row: 0, Field: "", Err: err}
	}
	for i, h := range head {
		if strings.TrimSpace(h) != Columns[i] {
			return nil, ErrHeader
		}
	}
	var recs []Record
	for row := 1; ; row++ {
		f, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return recs, nil
		}
		if err != nil {
			return nil, &normalize.RecordError{Row: row, Field: "", Err: err}
		}
		var rec Record
		for i, p := range rec.fields() {
			v := strings.TrimSpace(f[i])
			if !utf8.ValidString(v) {
				return nil, &normalize.RecordError{Row: row, Field: Columns[i], Err: normalize.ErrSyntax}
			}
			*p = v
		}
		if _, _, err := ParseID(rec.ID); err != nil {
			return nil, &normalize.RecordError{Row: row, Field: "rec_id", Err: err}
		}
		recs = append(recs, rec)
	}
}

// Write writes records as CSV that Read reads back: the header, then one
// row per record (without the space after each comma of the original
// files).
func Write(w io.Writer, recs []Record) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Columns); err != nil {
		return err
	}
	row := make([]string, len(Columns))
	for i := range recs {
		for k, p := range recs[i].fields() {
			row[k] = *p
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Dataset is a FEBRL file with its ground truth.
type Dataset struct {
	Name    string   // file name without extension, e.g. "dataset3"
	Records []Record // in file order
	Entity  []int32  // Entity[i] is the entity number N of Records[i]
}

// TruePairs returns the number of pairs of records of the same entity
// inside the dataset: Σ_e C(n_e, 2).
func (d *Dataset) TruePairs() int64 {
	count := map[int32]int64{}
	for _, e := range d.Entity {
		count[e]++
	}
	var p int64
	for _, n := range count {
		p += n * (n - 1) / 2
	}
	return p
}

// TrueLinks returns the number of (left, right) pairs of records of the
// same entity: Σ_e l_e · r_e.
func TrueLinks(left, right *Dataset) int64 {
	count := map[int32]int64{}
	for _, e := range left.Entity {
		count[e]++
	}
	var p int64
	for _, e := range right.Entity {
		p += count[e]
	}
	return p
}

// Load reads the FEBRL file at path into a Dataset.
func Load(path string) (*Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := Read(f)
	if err != nil {
		return nil, err
	}
	d := &Dataset{
		Name:    strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)),
		Records: recs,
		Entity:  make([]int32, len(recs)),
	}
	for i := range recs {
		d.Entity[i], _, _ = ParseID(recs[i].ID) // Read checked every id
	}
	return d, nil
}

// LoadDedupe loads dataset3.csv from dir: 5,000 records of 2,000 people,
// for deduplication.
func LoadDedupe(dir string) (*Dataset, error) {
	return Load(filepath.Join(dir, "dataset3.csv"))
}

// LoadLink loads dataset4a.csv and dataset4b.csv from dir: 5,000 originals
// and one duplicate of each, for linking two files.
func LoadLink(dir string) (left, right *Dataset, err error) {
	if left, err = Load(filepath.Join(dir, "dataset4a.csv")); err != nil {
		return nil, nil, err
	}
	if right, err = Load(filepath.Join(dir, "dataset4b.csv")); err != nil {
		return nil, nil, err
	}
	return left, right, nil
}
