package main

import (
	"fmt"
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

// fieldAliases are the header names recognised for each field, in order of
// preference, written as headerKey writes them: folded to lower-case ASCII,
// every run of other characters turned into one "_". The first alias of each
// field is its own name.
var fieldAliases = [numFields][]string{
	fieldID: {"record_id", "id", "ma_ho_so", "ma_hs", "ma_benh_nhan", "ma_bn",
		"ma_ban_ghi", "ma_nguoi_benh", "ma_doi_tuong", "stt", "so_thu_tu"},
	fieldFullName: {"full_name", "name", "ho_ten", "ho_va_ten", "hoten", "hovaten",
		"ho_ten_nguoi_benh", "ho_ten_benh_nhan", "ten_day_du"},
	fieldBirthDate: {"birth_date", "date_of_birth", "dob", "ngay_sinh", "ngaysinh",
		"ngay_thang_nam_sinh", "nam_sinh", "namsinh"},
	fieldSex: {"sex", "gender", "gioi_tinh", "gioitinh", "gioi", "ma_gioi_tinh"},
	fieldNationalID: {"national_id", "cccd", "so_cccd", "so_dinh_danh", "so_dinh_danh_ca_nhan",
		"ma_dinh_danh", "can_cuoc", "so_can_cuoc", "so_can_cuoc_cong_dan", "cccd_cmnd",
		"so_cccd_cmnd", "cmnd_cccd", "so_cmnd_cccd", "socccd"},
	fieldOldID: {"old_id", "cmnd", "so_cmnd", "so_chung_minh_nhan_dan", "chung_minh_nhan_dan",
		"socmnd"},
	fieldInsuranceID: {"insurance_id", "so_the_bhyt", "ma_the", "ma_the_bhyt", "the_bhyt",
		"so_bhyt", "bhyt", "ma_bhyt", "so_bhxh", "ma_so_bhxh", "bhxh"},
	fieldPhone: {"phone", "phone_number", "mobile", "so_dien_thoai", "dien_thoai", "sdt",
		"so_dt", "dt", "dien_thoai_lien_he"},
	fieldAddress: {"address", "dia_chi", "noi_thuong_tru", "dia_chi_thuong_tru", "noi_o",
		"noi_o_hien_tai", "dia_chi_hien_tai", "cho_o_hien_tai", "dia_chi_lien_he"},
	fieldEthnicity: {"ethnicity", "dan_toc", "dantoc", "ma_dan_toc"},
}

// headerKey returns the key a header is matched by: folded to lower-case
// ASCII with normalize.Fold ("Họ và tên" -> "ho va ten"), with every run of
// characters other than letters and digits turned into one "_" and none at
// either end ("ho_va_ten").
func headerKey(h string) string { return vnperson.HeaderKey(h) }

// columnMap says which column of a table holds each field: the column
// index, or -1 when the table has none.
type columnMap [numFields]int

// parseMapFlag reads the -map flag: a comma-separated list of field=column
// pairs. Field names are those of fieldNames (or any alias); the column is a
// header as written in the file, or any spelling with the same headerKey.
func parseMapFlag(s string) (map[field]string, error) {
	out := map[field]string{}
	if strings.TrimSpace(s) == "" {
		return out, nil
	}
	for item := range strings.SplitSeq(s, ",") {
		name, col, ok := strings.Cut(item, "=")
		name, col = strings.TrimSpace(name), strings.TrimSpace(col)
		if !ok || name == "" || col == "" {
			return nil, fmt.Errorf("-map: %q is not field=column", item)
		}
		f, ok := fieldByName(name)
		if !ok {
			return nil, fmt.Errorf("-map: unknown field %q; fields are %s", name, strings.Join(fieldNames[:], ", "))
		}
		if _, dup := out[f]; dup {
			return nil, fmt.Errorf("-map: field %s given twice", f)
		}
		out[f] = col
	}
	return out, nil
}

// fieldByName finds a field by its name or by one of its aliases.
func fieldByName(name string) (field, bool) {
	k := headerKey(name)
	for f := range numFields {
		if slices.Contains(fieldAliases[f], k) {
			return f, true
		}
	}
	return 0, false
}

// mapColumns finds the column of each field in header: first the columns
// named by explicit (from -map), then, for the other fields, the header
// whose key is the field's earliest alias. A column serves one field only.
// Each field in required must be found. Errors name columns and fields,
// never cell values.
func mapColumns(header []string, explicit map[field]string, required []field) (columnMap, error) {
	var m columnMap
	for i := range m {
		m[i] = -1
	}
	keys := make([]string, len(header))
	for i, h := range header {
		keys[i] = headerKey(h)
	}
	used := make([]bool, len(header))
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
			return m, fmt.Errorf("-map %s=%s: the file has no column %q (%s)",
				f, col, col, describeHeader(header, keys))
		}
		if used[i] {
			return m, fmt.Errorf("-map: column %q is mapped to two fields", header[i])
		}
		m[f], used[i] = i, true
	}
	for f := range numFields {
		if m[f] >= 0 {
			continue
		}
		for _, alias := range fieldAliases[f] {
			i := slices.Index(keys, alias)
			if i >= 0 && !used[i] {
				m[f], used[i] = i, true
				break
			}
		}
	}
	var missing []string
	for _, f := range required {
		if m[f] < 0 {
			missing = append(missing, f.String())
		}
	}
	if len(missing) > 0 {
		return m, fmt.Errorf("no column found for %s (%s); name it with -map, e.g. -map %s=\"Họ tên\"",
			strings.Join(missing, ", "), describeHeader(header, keys), missing[0])
	}
	return m, nil
}

// describeHeader lists the columns of header for an error message, but only
// when at least one of them has a known name: a file without a header row
// has a row of personal data in its place, which must not be printed.
func describeHeader(header, keys []string) string {
	for _, k := range keys {
		for f := range numFields {
			if slices.Contains(fieldAliases[f], k) {
				return "columns: " + strings.Join(header, ", ")
			}
		}
	}
	return fmt.Sprintf("%d columns, none with a known name: does the file start with a header row?", len(header))
}
