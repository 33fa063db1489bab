package main

import (
	"strconv"
	"strings"

	"github.com/vnlink/vnlink/linkage/vnperson"
)

// toPeople turns the rows of t into people, reading each field from the
// column m gives it. A row without a record id (no id column, or an empty
// cell) gets "#" and its row number. Unusable rows become people with every
// field missing except the id, so that they still appear in the output.
func toPeople(t *table, m columnMap, source string) []vnperson.Person {
	people := make([]vnperson.Person, len(t.Rows))
	for i := range t.Rows {
		r := &t.Rows[i]
		p := &people[i]
		p.Source = source
		p.ID = strings.TrimSpace(cellValue(&inRow{Cells: r.Cells, Invalid: r.Invalid}, m[fieldID]))
		if p.ID == "" {
			p.ID = "#" + strconv.Itoa(i+1)
		}
		p.FullName = cellValue(r, m[fieldFullName])
		p.BirthDate = cellValue(r, m[fieldBirthDate])
		p.Sex = cellValue(r, m[fieldSex])
		p.NationalID = cellValue(r, m[fieldNationalID])
		p.OldID = cellValue(r, m[fieldOldID])
		p.InsuranceID = cellValue(r, m[fieldInsuranceID])
		p.Phone = cellValue(r, m[fieldPhone])
		p.Address = cellValue(r, m[fieldAddress])
		p.Ethnicity = cellValue(r, m[fieldEthnicity])
	}
	return people
}

// canonColumns are the names of the canonical columns written next to the
// original ones, in order (see appendCanon).
var canonColumns = []string{
	"clean_full_name", "clean_birth_date", "clean_sex", "clean_national_id", "clean_old_id",
	"clean_insurance_id", "clean_bhxh", "clean_phone", "clean_address", "clean_ward",
	"clean_ward_candidates", "clean_ethnicity",
}

// appendCanon appends the canonical columns of one person to dst: the
// display forms vnperson.PrepareDisplay gave from its one parse, "" for a
// field that is missing or does not parse. clean_national_id holds the
// 12-digit CCCD and clean_old_id the 9-digit CMND, from whichever column
// they were typed in; clean_ward is today's commune-level unit of the
// address when the administrative units place it in exactly one, and
// clean_ward_candidates lists the units, separated by " | ", when it names
// an old commune split between several (the clerk chooses).
func appendCanon(dst []string, d *vnperson.Display) []string {
	return append(dst, d.FullName, d.BirthDate, d.Sex, d.NationalID, d.OldID,
		d.InsuranceID, d.BHXH, d.Phone, d.Address, d.Ward,
		strings.Join(d.WardCandidates, " | "), d.Ethnicity)
}
