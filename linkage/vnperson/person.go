package vnperson

import (
	"github.com/vnlink/vnlink/normalize"
	"github.com/vnlink/vnlink/vnname"
)

// Person is one input row about a person, with every field as written in
// the source file: messy text that Prepare parses once. Empty strings are
// missing values. The zero Person is a row with nothing known.
type Person struct {
	// ID identifies the row within its source (a record id). Records are
	// put in a canonical order by ID, then by their content, before
	// training, so that the result does not depend on the row order. An
	// ID that only gives the row's position, "#" and digits as
	// ColumnMap.People writes for a row without one, counts as no ID: it
	// changes when the rows are shuffled.
	ID string
	// Source names the file the row comes from ("ehr", "registry", ...).
	Source string
	// FullName is the full name, family name first (họ và tên).
	FullName string
	// BirthDate is the date of birth in any form normalize.DateParser reads.
	BirthDate string
	// Sex is the recorded sex in any spelling normalize.ParseSex reads.
	Sex string
	// NationalID is the 12-digit CCCD or the old 9-digit CMND.
	NationalID string
	// OldID is a second, older identity number when the source has one
	// (the registry's so_cmnd column); usually a 9-digit CMND.
	OldID string
	// InsuranceID is the BHYT card number or the bare 10-digit BHXH number.
	InsuranceID string
	// Phone is a phone number in any format normalize.ParsePhone reads.
	Phone string
	// Address is the address as written (nơi thường trú or nơi ở).
	Address string
	// Ethnicity is the ethnic group, by name or code.
	Ethnicity string
	// Extra holds other columns, carried along untouched and never
	// compared.
	Extra map[string]string
}

// Field names used in field issues (normalize.RecordError.Field).
const (
	FieldFullName    = "full_name"
	FieldBirthDate   = "birth_date"
	FieldSex         = "sex"
	FieldNationalID  = "national_id"
	FieldOldID       = "old_id"
	FieldInsuranceID = "insurance_id"
	FieldPhone       = "phone"
	FieldAddress     = "address"
	FieldEthnicity   = "ethnicity"
)

// Record is a prepared person: every field parsed once into the features
// that the default comparisons and blocking rules read, so that comparing two
// records never parses or allocates. A field that is missing or failed to
// parse holds its zero value. Records are built by Prepare; a Record is
// read-only afterwards and safe for concurrent use.
type Record struct {
	// The fields that every comparison reads come first, so that scoring
	// a pair touches few cache lines.

	// CCCD and CMND are the digits of the 12-digit and of the 9-digit
	// identity numbers read from NationalID and OldID, 0 when absent.
	CCCD, CMND uint64
	// BHXH is the 10-digit social-insurance number (the last 10 digits of a
	// BHYT card), 0 when absent.
	BHXH uint64
	// Phone identifies the phone number (normalize.Phone.Uint64), 0 when
	// absent.
	Phone uint64
	// Ward is the blocking key of the commune-level unit of the address
	// (normalize.Resolver.WardKey), 0 when unknown.
	Ward uint64
	// Place is a hash of the folded name of the smallest named place of the
	// address (hamlet, else street), 0 when there is none. It survives the
	// 2025 renaming of communes, which changes Ward but not the hamlet.
	Place uint64
	// NameFrequency is the frequency of the name's folded key among the
	// prepared records born in the same year as this one, for the
	// term-frequency adjustment of the name's exact level, 0 if the name is
	// missing. With c and N the records holding the key and all records
	// with a name, c_y and N_y the same among those born in the record's
	// year (the record included), it is linkage.GroupFrequency(c, N, c_y,
	// N_y, NameYearStrength):
	//
	//	q    = (c − 1)/(N − 1)
	//	lift = (c_y − 1 + κ) / (q·(N_y − 1) + κ),   κ = NameYearStrength
	//	f    = (1 + (c − 1)·lift) / N
	//
	// the overall frequency c/N with the other holders of the name weighted
	// by how much more (or less) often than expected they were born in the
	// record's year, shrunk toward 1 while the year holds few of them. The
	// record itself is left out of the year's counts, so that a rare name
	// in a sparse year (a commune has a few hundred people per year) keeps
	// its overall frequency: a name held once has 1/N. Without a birth year
	// it is c/N. Dates known to the year only count in their year.
	NameFrequency float64
	// Birth is the date of birth with its precision.
	Birth normalize.Date
	// Row is the 0-based position of the person in the input of Prepare.
	Row int32
	// Sex is the recorded sex; NameSex the sex the name's markers suggest
	// (Thị, Văn), both normalize.SexUnknown when unknown.
	Sex, NameSex normalize.Sex
	// Ethnicity is the ethnic group, zero when missing.
	Ethnicity normalize.Ethnicity
	// borrowedID is set when the CCCD's birth-year digits belong to a
	// person at least 12 years older than the record's birth date (a child
	// recorded with a parent's card): the number is then no evidence of
	// identity, for comparisons and cannot-link alike (see borrowedID). It
	// sits beside the other one-byte fields, where it takes no padding.
	borrowedID bool

	// bcd holds the numbers in binary-coded decimal, for typo tests.
	bcd struct{ cccd, cmnd, birth uint64 }
	// name holds the features of the fast path of the name comparison.
	name nameFeatures

	// Name is the parsed full name; the zero Name when missing.
	Name vnname.Name
	// ID and Source are copied from the Person (ID as a copy of its own,
	// so that a record does not keep the caller's input alive).
	ID, Source string
}

// FullName returns the display form of the name (Display.FullName): the
// canonical spelling, "" when missing. It renders the parsed name; nothing
// is parsed again.
func (r *Record) FullName() string {
	if r.Name.IsZero() {
		return ""
	}
	return r.Name.String()
}

// BirthDate returns the display form of the date of birth
// (Display.BirthDate): dd/mm/yyyy, mm/yyyy or yyyy as precise as known, ""
// when missing.
func (r *Record) BirthDate() string {
	return FormatDate(r.Birth)
}

// BirthYear returns the year of birth, or 0 when unknown.
func (r *Record) BirthYear() int {
	if r.Birth.IsZero() {
		return 0
	}
	return r.Birth.Year()
}

// positionalID reports whether id only gives a row's position: "#" and
// digits (ColumnMap.People, the vnlink command).
func positionalID(id string) bool {
	if len(id) < 2 || id[0] != '#' {
		return false
	}
	for i := 1; i < len(id); i++ {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
	}
	return true
}

// orderID is the ID a row is ordered by: "" for a positional one.
func orderID(id string) string {
	if positionalID(id) {
		return ""
	}
	return id
}

// contentKey is the 64-bit FNV-1a hash of the person as written: its
// order id (orderID) and its fields, each followed by a zero byte. Two rows
// with the same key are the same row in all but Source (up to a hash
// collision). The canonical order (toCanonical) reads it, so it needs no
// people once they are prepared, and so does the id Reconcile gives a person
// with no unique id (personID).
func contentKey(p *Person) uint64 {
	h := fnvOffset
	for _, s := range [...]string{orderID(p.ID), p.FullName, p.BirthDate, p.Sex, p.NationalID, p.OldID, p.InsuranceID, p.Phone, p.Address, p.Ethnicity} {
		h = fnvAdd(h, s)
		h *= 1099511628211 // the zero byte: h ^= 0 changes nothing
	}
	return h
}
