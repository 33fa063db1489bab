package main

import (
	"strings"

	"github.com/vnlink/vnlink/linkage/vnperson"
)

// canonColumns are the ids of the canonical columns (columns gives their
// names) written next to the
// original ones, in order (see appendCanon).
var canonColumns = []string{
	"col.clean_full_name", "col.clean_birth_date", "col.clean_sex", "col.clean_national_id", "col.clean_old_id",
	"col.clean_insurance_id", "col.clean_bhxh", "col.clean_phone", "col.clean_address", "col.clean_ward",
	"col.clean_ward_candidates", "col.clean_ethnicity",
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
