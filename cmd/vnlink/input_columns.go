package main

import (
	"slices"
	"strings"

	"github.com/vnlink/vnlink/linkage/vnperson"
)

// A field is one of the person fields vnlink reads from a column.
type field int

const (
	fieldID field = iota
	fieldFullName
	fieldBirthDate
	fieldSex
	fieldNationalID
	fieldOldID
	fieldInsuranceID
	fieldPhone
	fieldAddress
	fieldEthnicity
	numFields
)

// fieldNames are the names of the fields as the -map flag and the summary
// write them; they are the vnperson field names, plus record_id.
var fieldNames = [numFields]string{
	fieldID:          "record_id",
	fieldFullName:    vnperson.FieldFullName,
	fieldBirthDate:   vnperson.FieldBirthDate,
	fieldSex:         vnperson.FieldSex,
	fieldNationalID:  vnperson.FieldNationalID,
	fieldOldID:       vnperson.FieldOldID,
	fieldInsuranceID: vnperson.FieldInsuranceID,
	fieldPhone:       vnperson.FieldPhone,
	fieldAddress:     vnperson.FieldAddress,
	fieldEthnicity:   vnperson.FieldEthnicity,
}

func (f field) String() string { return fieldNames[f] }

// headerKey returns the key a header is matched by (vnperson.HeaderKey):
// "Họ và tên" -> "ho_va_ten".
func headerKey(h string) string { return vnperson.HeaderKey(h) }

// columnMap says which column of a table holds each field: the column
// index, or -1 when the table has none.
type columnMap [numFields]int

// fromVNPerson returns the columns of cm.
func fromVNPerson(cm vnperson.ColumnMap) columnMap {
	return columnMap{cm.ID, cm.FullName, cm.BirthDate, cm.Sex, cm.NationalID, cm.OldID,
		cm.InsuranceID, cm.Phone, cm.Address, cm.Ethnicity}
}

// parseMapFlag reads the -map flag: a comma-separated list of field=column
// pairs. Field names are those of fieldNames, or any header name
// vnperson.MapColumns recognises for the field; the column is a header as
// written in the file, or any spelling with the same headerKey.
func parseMapFlag(s string) (map[field]string, error) {
	out := map[field]string{}
	if strings.TrimSpace(s) == "" {
		return out, nil
	}
	for item := range strings.SplitSeq(s, ",") {
		name, col, ok := strings.Cut(item, "=")
		name, col = strings.TrimSpace(name), strings.TrimSpace(col)
		if !ok || name == "" || col == "" {
			return nil, errorf("-map: %q is not field=column", item)
		}
		f, ok := fieldByName(name)
		if !ok {
			return nil, errorf("-map: unknown field %q; fields are %s", name, strings.Join(fieldNames[:], ", "))
		}
		if _, dup := out[f]; dup {
			return nil, errorf("-map: field %s given twice", f)
		}
		out[f] = col
	}
	return out, nil
}

// fieldByName finds a field by its name or by a header name of it.
func fieldByName(name string) (field, bool) {
	m := fromVNPerson(vnperson.MapColumns([]string{name}))
	for f, c := range m {
		if c == 0 {
			return field(f), true
		}
	}
	return 0, false
}

// mapColumns finds the column of each field in header: first the columns
// named by explicit (from -map), then, for the other fields, those
// vnperson.MapColumns finds among the other columns. A column serves one
// field only. Each field in required must be found. The warnings are those
// of vnperson.MapColumns (repeated names, by position). Errors name columns
// and fields, never cell values.
func mapColumns(header []string, explicit map[field]string, required []field) (columnMap, []string, error) {
	var m columnMap
	for i := range m {
		m[i] = -1
	}
	warnings := translated(vnperson.MapColumns(header).Warnings)
	keys := make([]string, len(header))
	for i, h := range header {
		keys[i] = headerKey(h)
	}
	rest := slices.Clone(header) // the columns not named by explicit
	for f := range numFields {
		col, ok := explicit[f]
		if !ok {
			continue
		}
		i := slices.Index(header, col)
		if i < 0 {
			i = slices.Index(keys, headerKey(col))
		}
		if i < 0 {
			return m, nil, errorf("-map %s=%s: the file has no column %q (%s)", f, col, col, describeHeader(header))
		}
		if rest[i] == "" && header[i] != "" {
			return m, nil, errorf("-map: column %q is mapped to two fields", col)
		}
		m[f], rest[i] = i, ""
	}
	found := fromVNPerson(vnperson.MapColumns(rest))
	for f := range numFields {
		if m[f] < 0 && found[f] >= 0 {
			m[f] = found[f]
		}
	}
	var missing []string
	for _, f := range required {
		if m[f] < 0 {
			missing = append(missing, f.String())
		}
	}
	if len(missing) > 0 {
		return m, nil, errorf("no column found for %s (%s); name it with -map, e.g. -map %s=\"Họ tên\"",
			strings.Join(missing, ", "), describeHeader(header), missing[0])
	}
	return m, warnings, nil
}

// describeHeader lists the columns of header for an error message: by name
// those whose name is known, the others by position (columnLabel), since a
// file without a header row has a row of personal data in its place, which
// must not be printed.
func describeHeader(header []string) string {
	var out []string
	known := 0
	for i, h := range header {
		if knownName(h) {
			known++
		}
		out = append(out, columnLabel(header, i))
	}
	if known == 0 {
		return tr("%d columns, none with a known name: does the file start with a header row? (-header-row gives its row)", len(header))
	}
	if len(out) > 2*maxListed {
		out = append(out[:2*maxListed], tr("... %d more", len(header)-2*maxListed))
	}
	return tr("columns: %s (the columns shown by letter have no known name)", strings.Join(out, ", "))
}
