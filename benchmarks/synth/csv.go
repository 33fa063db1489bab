package synth

import (
	"encoding/csv"
	"io"
)

// Outputs are the destinations of WriteCSV; a nil writer skips its file.
// FieldTruth and HardCases are the truth of the noise and of the hard
// cases; the other four files are the same bytes with or without them.
type Outputs struct {
	Registry, EHR, BHYT, Truth io.Writer
	FieldTruth, HardCases      io.Writer
}

// Column names of each file. The registry uses the Vietnamese column names
// of a police (CCCD/VNeID) export; the EHR and BHYT files share one schema.
var (
	// RegistryColumns: record_id, họ và tên, ngày sinh (dd/mm/yyyy), giới
	// tính (Nam/Nữ), số định danh (12-digit CCCD), số CMND (9 digits or
	// empty), dân tộc, số điện thoại, mã hộ (household), nơi thường trú
	// (post-reform address).
	RegistryColumns = []string{"record_id", "ho_va_ten", "ngay_sinh", "gioi_tinh", "so_dinh_danh",
		"so_cmnd", "dan_toc", "so_dien_thoai", "ma_ho", "noi_thuong_tru"}
	// EHRColumns: the EHR extract, with the creation date of each record.
	EHRColumns = []string{"record_id", "full_name", "birth_date", "sex", "national_id",
		"insurance_id", "phone", "address", "ethnicity", "created_at"}
	// BHYTColumns: the BHYT list.
	BHYTColumns = []string{"record_id", "full_name", "birth_date", "sex", "national_id",
		"insurance_id", "phone", "address", "ethnicity"}
	// TruthColumns: one row per row of every file: the file ("registry",
	// "ehr" or "bhyt"), its record_id and the person_id (P and 8 digits).
	TruthColumns = []string{"file", "record_id", "person_id"}
	// FieldTruthColumns: one row per damaged field of an EHR or BHYT row
	// (Record.Corrupted): the file, the record_id, the field (a Field
	// constant, the name vnperson uses), the kind ("value", "missing",
	// "outdated" or "form") and the cause (the Noise field or other reason
	// that decided the kind).
	FieldTruthColumns = []string{"file", "record_id", "field", "kind", "cause"}
	// HardCaseColumns: one row per hard-case family of a row of any file
	// (Record.Hard): the file, the record_id and the family ("twin",
	// "father_son_same_name", "same_name_birth_date",
	// "same_name_birth_year", "newborn_under_parent", "parent_cccd").
	HardCaseColumns = []string{"file", "record_id", "hard_case"}
)

// WriteCSV generates cfg and writes each file as CSV (RFC 4180, "\n" line
// ends, header row first). The same cfg always gives the same bytes.
func WriteCSV(cfg Config, out Outputs) (Stats, error) {
	w := [3]*csv.Writer{}
	dst := [3]io.Writer{out.Registry, out.EHR, out.BHYT}
	cols := [3][]string{RegistryColumns, EHRColumns, BHYTColumns}
	for i, d := range dst {
		if d == nil {
			continue
		}
		w[i] = csv.NewWriter(d)
		if err := w[i].Write(cols[i]); err != nil {
			return Stats{}, err
		}
	}
	var truth, fieldTruth, hardCases *csv.Writer
	for _, o := range []struct {
		w    **csv.Writer
		dst  io.Writer
		cols []string
	}{{&truth, out.Truth, TruthColumns}, {&fieldTruth, out.FieldTruth, FieldTruthColumns},
		{&hardCases, out.HardCases, HardCaseColumns}} {
		if o.dst == nil {
			continue
		}
		*o.w = csv.NewWriter(o.dst)
		if err := (*o.w).Write(o.cols); err != nil {
			return Stats{}, err
		}
	}
	row := make([]string, 0, 10)
	trow := make([]string, 3)
	frow := make([]string, 5)
	_, st, err := Generate(cfg, func(r *Record) error {
		if truth != nil {
			trow[0], trow[1], trow[2] = r.File.String(), r.ID, PersonID(int(r.Person))
			if err := truth.Write(trow); err != nil {
				return err
			}
		}
		if fieldTruth != nil {
			for _, c := range r.Corrupted {
				frow[0], frow[1], frow[2], frow[3], frow[4] = r.File.String(), r.ID, c.Field, c.Kind.String(), c.Cause
				if err := fieldTruth.Write(frow); err != nil {
					return err
				}
			}
		}
		if hardCases != nil && r.Hard != 0 {
			for i, c := range HardCases {
				if !r.Hard.Has(c) {
					continue
				}
				trow[0], trow[1], trow[2] = r.File.String(), r.ID, hardCaseNames[i]
				if err := hardCases.Write(trow); err != nil {
					return err
				}
			}
		}
		cw := w[r.File]
		if cw == nil {
			return nil
		}
		switch r.File {
		case Registry:
			row = append(row[:0], r.ID, r.FullName, r.BirthDate, r.Sex, r.NationalID,
				r.OldID, r.Ethnicity, r.Phone, r.Household, r.Address)
		case EHR:
			row = append(row[:0], r.ID, r.FullName, r.BirthDate, r.Sex, r.NationalID,
				r.InsuranceID, r.Phone, r.Address, r.Ethnicity, r.CreatedAt)
		default:
			row = append(row[:0], r.ID, r.FullName, r.BirthDate, r.Sex, r.NationalID,
				r.InsuranceID, r.Phone, r.Address, r.Ethnicity)
		}
		return cw.Write(row)
	})
	if err != nil {
		return st, err
	}
	for _, cw := range append(w[:], truth, fieldTruth, hardCases) {
		if cw == nil {
			continue
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return st, err
		}
	}
	return st, nil
}
