package vnperson_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/linkage/vnperson"
)

func TestMapColumns(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		check  func(t *testing.T, m vnperson.ColumnMap)
	}{
		{"vietnamese", []string{"STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Địa chỉ"}, func(t *testing.T, m vnperson.ColumnMap) {
			assert.Equal(t, []int{0, 1, 2, 3, 4, 5}, []int{m.ID, m.FullName, m.BirthDate, m.Sex, m.NationalID, m.Address})
			assert.Equal(t, -1, m.Phone)
		}},
		{"folded", []string{"ho va ten", "ngay_sinh", "ho_ten_x"}, func(t *testing.T, m vnperson.ColumnMap) {
			assert.Equal(t, 0, m.FullName)
			assert.Equal(t, 1, m.BirthDate)
		}},
		{"xml1", []string{"MA_LK", "HO_TEN", "NGAY_SINH", "GIOI_TINH", "MA_CCCD", "MA_THE_BHYT", "DIA_CHI", "MA_DANTOC", "DIEN_THOAI"}, func(t *testing.T, m vnperson.ColumnMap) {
			assert.Equal(t, []int{0, 1, 2, 3, 4, 5, 6, 7, 8},
				[]int{m.ID, m.FullName, m.BirthDate, m.Sex, m.NationalID, m.InsuranceID, m.Address, m.Ethnicity, m.Phone})
		}},
		{"xml1 variants", []string{"SO_CCCD", "MA_THE", "MA_DAN_TOC"}, func(t *testing.T, m vnperson.ColumnMap) {
			assert.Equal(t, []int{0, 1, 2}, []int{m.NationalID, m.InsuranceID, m.Ethnicity})
		}},
		{"english", []string{"full_name", "birth_date", "national_id", "phone"}, func(t *testing.T, m vnperson.ColumnMap) {
			assert.Equal(t, []int{0, 1, 2, 3}, []int{m.FullName, m.BirthDate, m.NationalID, m.Phone})
			assert.Equal(t, 4, m.Found())
			assert.Equal(t, []string{"sex"}, m.Missing("full_name", "sex"))
		}},
		{"repeated", []string{"Họ tên", "HO_TEN", "Ngày sinh"}, func(t *testing.T, m vnperson.ColumnMap) {
			assert.Equal(t, 0, m.FullName)
			require.Len(t, m.Warnings, 1)
			assert.Equal(t, "columns 1 and 2 have the same name; column 1 is used", m.Warnings[0])
		}},
		{"preference", []string{"so_bhxh", "so_the_bhyt"}, func(t *testing.T, m vnperson.ColumnMap) {
			assert.Equal(t, 1, m.InsuranceID)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, vnperson.MapColumns(tt.header)) })
	}
}

func TestColumnMapPerson(t *testing.T) {
	m := vnperson.MapColumns([]string{"MA_LK", "HO_TEN", "NGAY_SINH", "MA_DANTOC", "MA_QUOCTICH", "MA_NGHE_NGHIEP", "GHI_CHU"})
	m.KeepExtra = true
	tests := []struct {
		name  string
		cells []string
		want  vnperson.Person
	}{
		{"placeholders", []string{"1", " Nguyễn Văn A ", "199001020000", "00", "000", "00000", ""},
			vnperson.Person{ID: "1", FullName: "Nguyễn Văn A", BirthDate: "199001020000"}},
		{"foreigner kept", []string{"2", "B", "", "55", "704", "12345", "x"},
			vnperson.Person{ID: "2", FullName: "B", Ethnicity: "55", Extra: map[string]string{"MA_QUOCTICH": "704", "MA_NGHE_NGHIEP": "12345", "GHI_CHU": "x"}}},
		{"short row", []string{"3"}, vnperson.Person{ID: "3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.want, m.Person(tt.cells)) })
	}
	people := m.People("ehr", [][]string{{"", "C"}})
	assert.Equal(t, []vnperson.Person{{ID: "#1", Source: "ehr", FullName: "C"}}, people)
}

func TestHeaderKey(t *testing.T) {
	for in, want := range map[string]string{"Họ và tên": "ho_va_ten", "\ufeffHO_TEN": "ho_ten", " Số  CCCD ": "so_cccd", "Đ/c": "d_c"} {
		assert.Equal(t, want, vnperson.HeaderKey(in), in)
	}
}

func FuzzMapColumns(f *testing.F) {
	f.Add("Họ và tên,Ngày sinh,HO_TEN", "a,b")
	f.Add("", "")
	f.Add("\ufeff,,x", ",,,,")
	f.Fuzz(func(t *testing.T, header, row string) {
		h := splitComma(header)
		m := vnperson.MapColumns(h)
		seen := map[int]bool{}
		for _, i := range []int{m.ID, m.FullName, m.BirthDate, m.Sex, m.NationalID, m.OldID, m.InsuranceID, m.Phone, m.Address, m.Ethnicity} {
			if i < -1 || i >= len(h) {
				t.Fatalf("column %d out of range", i)
			}
			if i >= 0 && seen[i] {
				t.Fatalf("column %d used twice", i)
			}
			seen[i] = true
		}
		m.KeepExtra = true
		_ = m.Person(splitComma(row))
	})
}

func splitComma(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ',' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
