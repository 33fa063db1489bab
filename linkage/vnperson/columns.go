package vnperson

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vnlink/vnlink/normalize"
)

// ColumnMap says which column of a table holds each Person field: a 0-based
// column index, or -1 when the table has none. Build one with MapColumns;
// fields may be changed afterwards to force a column.
type ColumnMap struct {
	// ID, FullName, ... are the 0-based columns of the Person fields of
	// the same names, -1 for none.
	ID, FullName, BirthDate, Sex, NationalID, OldID, InsuranceID, Phone, Address, Ethnicity int
	// Header is the header the map was built from; with KeepExtra, the
	// columns that are no field are copied into Person.Extra under
	// these names.
	Header []string
	// KeepExtra copies the other columns into Person.Extra.
	KeepExtra bool
	// Warnings hold the problems of the header, by column position only:
	// a name given to two columns, a field with two candidate columns.
	Warnings []string
}

// columnAliases are the header keys (HeaderKey) recognised for each field,
// in order of preference: English names, Vietnamese with and without
// diacritics, and the element names of the Ministry of Health's XML1 table
// (QĐ 4750/QĐ-BYT).
var columnAliases = []struct {
	field   string
	aliases []string
}{
	{"record_id", []string{"record_id", "id", "ma_lk", "ma_ho_so", "ma_hs", "ma_benh_nhan", "ma_bn",
		"ma_ban_ghi", "ma_nguoi_benh", "ma_doi_tuong", "stt", "so_thu_tu"}},
	{FieldFullName, []string{"full_name", "name", "ho_ten", "ho_va_ten", "hoten", "hovaten",
		"ho_ten_nguoi_benh", "ho_ten_benh_nhan", "ten_day_du"}},
	{FieldBirthDate, []string{"birth_date", "date_of_birth", "dob", "ngay_sinh", "ngaysinh",
		"ngay_thang_nam_sinh", "nam_sinh", "namsinh"}},
	{FieldSex, []string{"sex", "gender", "gioi_tinh", "gioitinh", "gioi", "ma_gioi_tinh"}},
	{FieldNationalID, []string{"national_id", "cccd", "so_cccd", "ma_cccd", "so_dinh_danh", "so_dinh_danh_ca_nhan",
		"ma_dinh_danh", "can_cuoc", "so_can_cuoc", "so_can_cuoc_cong_dan", "cccd_cmnd",
		"so_cccd_cmnd", "cmnd_cccd", "so_cmnd_cccd", "socccd"}},
	{FieldOldID, []string{"old_id", "cmnd", "so_cmnd", "so_chung_minh_nhan_dan", "chung_minh_nhan_dan", "socmnd"}},
	{FieldInsuranceID, []string{"insurance_id", "so_the_bhyt", "ma_the_bhyt", "ma_the", "the_bhyt",
		"so_bhyt", "bhyt", "ma_bhyt", "so_bhxh", "ma_so_bhxh", "bhxh"}},
	{FieldPhone, []string{"phone", "phone_number", "mobile", "so_dien_thoai", "dien_thoai", "sdt",
		"so_dt", "dt", "dien_thoai_lien_he"}},
	{FieldAddress, []string{"address", "dia_chi", "noi_thuong_tru", "dia_chi_thuong_tru", "noi_o",
		"noi_o_hien_tai", "dia_chi_hien_tai", "cho_o_hien_tai", "dia_chi_lien_he"}},
	{FieldEthnicity, []string{"ethnicity", "dan_toc", "dantoc", "ma_dan_toc", "ma_dantoc"}},
}

// fieldIndex returns the pointer to the ColumnMap field of alias group g.
func (m *ColumnMap) fieldIndex(g int) *int {
	return [...]*int{&m.ID, &m.FullName, &m.BirthDate, &m.Sex, &m.NationalID, &m.OldID,
		&m.InsuranceID, &m.Phone, &m.Address, &m.Ethnicity}[g]
}

// HeaderKey returns the key a header name is matched by: folded to
// lower-case ASCII ("Họ và tên" -> "ho va ten"), every run of characters
// other than letters and digits turned into one "_", none at either end:
// "ho_va_ten", "HO_TEN" -> "ho_ten".
func HeaderKey(h string) string {
	f := normalize.Fold(strings.TrimPrefix(h, "\ufeff"))
	var b strings.Builder
	b.Grow(len(f))
	sep := false
	for _, r := range f {
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if sep && b.Len() > 0 {
				b.WriteByte('_')
			}
			sep = false
			b.WriteRune(r)
			continue
		}
		sep = true
	}
	return b.String()
}

// MapColumns finds the column of each field in header: the column whose
// HeaderKey is the field's most preferred alias; a column serves one field
// only. A name that two columns share is a warning, and the first of them
// is used.
func MapColumns(header []string) ColumnMap {
	m := ColumnMap{Header: header}
	keys := make([]string, len(header))
	first := make(map[string]int, len(header))
	for i, h := range header {
		keys[i] = HeaderKey(h)
		if j, dup := first[keys[i]]; dup && keys[i] != "" {
			m.Warnings = append(m.Warnings, fmt.Sprintf("columns %d and %d have the same name; column %d is used", j+1, i+1, j+1))
			continue
		}
		first[keys[i]] = i
	}
	used := make([]bool, len(header))
	for g, a := range columnAliases {
		p := m.fieldIndex(g)
		*p = -1
		for _, alias := range a.aliases {
			if i, ok := first[alias]; ok && !used[i] {
				*p, used[i] = i, true
				break
			}
		}
	}
	return m
}

// Found returns the number of fields that have a column.
func (m *ColumnMap) Found() int {
	n := 0
	for g := range columnAliases {
		if *m.fieldIndex(g) >= 0 {
			n++
		}
	}
	return n
}

// Missing returns the names of the fields in fields ("full_name",
// "birth_date", ... and "record_id") that have no column.
func (m *ColumnMap) Missing(fields ...string) []string {
	var out []string
	for g, a := range columnAliases {
		for _, f := range fields {
			if f == a.field && *m.fieldIndex(g) < 0 {
				out = append(out, f)
			}
		}
	}
	return out
}

// placeholders are the values software writes for "not known" in a coded
// column, read as missing. For MA_DANTOC, "00" is no code of the list
// (normalize.Ethnicity: 01-54, and 55 for foreigners, a real value that is
// kept); MA_QUOCTICH "000" and MA_NGHE_NGHIEP "00000" are the
// unknown codes of the XML1 table.
var placeholders = map[string][]string{
	FieldEthnicity:   {"0", "00"},
	"ma_quoctich":    {"000"},
	"ma_quoc_tich":   {"000"},
	"ma_nghe_nghiep": {"00000"},
}

// isPlaceholder reports whether v is a placeholder of the field or column
// key k.
func isPlaceholder(k, v string) bool {
	for _, p := range placeholders[k] {
		if v == p {
			return true
		}
	}
	return false
}

// Person returns the person of a row: each field the cell of its column,
// trimmed of spaces; a missing column, a short row or a placeholder value
// gives an empty field. ID is the cell of the ID column. Source is left
// empty. With KeepExtra, other non-empty cells go to Extra under their
// header names.
func (m *ColumnMap) Person(cells []string) Person {
	get := func(i int) string {
		if i < 0 || i >= len(cells) {
			return ""
		}
		return strings.TrimSpace(cells[i])
	}
	p := Person{
		ID:          get(m.ID),
		FullName:    get(m.FullName),
		BirthDate:   get(m.BirthDate),
		Sex:         get(m.Sex),
		NationalID:  get(m.NationalID),
		OldID:       get(m.OldID),
		InsuranceID: get(m.InsuranceID),
		Phone:       get(m.Phone),
		Address:     get(m.Address),
		Ethnicity:   get(m.Ethnicity),
	}
	if isPlaceholder(FieldEthnicity, p.Ethnicity) {
		p.Ethnicity = ""
	}
	if m.KeepExtra {
		for i, h := range m.Header {
			if m.isField(i) {
				continue
			}
			v := get(i)
			if v == "" || isPlaceholder(HeaderKey(h), v) {
				continue
			}
			if p.Extra == nil {
				p.Extra = map[string]string{}
			}
			p.Extra[h] = v
		}
	}
	return p
}

// isField reports whether column i is the column of a field.
func (m *ColumnMap) isField(i int) bool {
	for g := range columnAliases {
		if *m.fieldIndex(g) == i {
			return true
		}
	}
	return false
}

// People returns the person of every row, with source as Source; a row
// without an ID gets "#" and its 1-based position.
func (m *ColumnMap) People(source string, rows [][]string) []Person {
	out := make([]Person, len(rows))
	for i, r := range rows {
		out[i] = m.Person(r)
		out[i].Source = source
		if out[i].ID == "" {
			out[i].ID = "#" + strconv.Itoa(i+1)
		}
	}
	return out
}
