// Package synth generates a synthetic commune with ground truth: a
// population living in households in the hamlets of xã Ngọc Hồi, Hà Nội,
// and the files its commune health station holds. Nobody may share real
// health records, so every accuracy and speed figure of vnlink is measured
// on this data.
//
// # Files
//
//   - the population registry (the police list from CCCD/VNeID): one clean
//     row per person, post-reform address, columns RegistryColumns;
//   - the EHR extract (HSSKĐT): about EHRCoverage of the people, some of
//     them with two or three records created at different dates, plus
//     records of people no longer in the registry (Gone), rows shuffled,
//     columns EHRColumns;
//   - optionally the BHXH/BHYT list of insured people, often with an older
//     address, columns BHYTColumns;
//   - the truth file: file, record_id, person_id for every row of every
//     file;
//   - the truth of the noise (field_truth.csv): every field of an EHR or
//     BHYT row that differs from the person's registry value, with its
//     kind and cause (Record.Corrupted), and the hard cases
//     (hard_cases.csv): the hard-case families of every row (Record.Hard).
//
// Generate streams the rows with their person; WriteCSV writes the files;
// the cmd/synthgen command writes them to disk.
//
// # The population
//
// Households are single people (often old widows) or couples, sometimes
// widowed, with the children still at home and sometimes a grandmother.
// A wife keeps her own family name; children take the father's. Family
// names follow their national shares (Nguyễn 38%, Trần 11%, Lê 9.5%,
// Phạm 7%, …); middle and given names are drawn by sex and generation from
// the package's own weighted lists. Adult ages follow a rough age pyramid;
// children are born when their mother was 20 to 42.
//
// Each person has a CCCD number whose digits agree with the record:
//
//	digits 1-3   province of birth registration (001 Hà Nội, 036 Nam Định, …)
//	digit  4     2*(century-19) + (1 if female): 0/1 born 1900s, 2/3 born 2000s
//	digits 5-6   birth year mod 100
//	digits 7-12  unique within the first six digits
//
// Most adults born up to 2007 also have an old 9-digit CMND. About 92% are
// insured: a BHYT card is object code (2 letters, chosen by age: TE, HS,
// SV, DN, HC, GD, HN, HT, BT, CC, KC, CN), benefit level (1 digit), province
// (01) and the 10-digit BHXH number, which is unique and survives a reissue.
// Adults have a mobile number; children carry their mother's. About 98.5%
// are Kinh.
//
// Addresses change with the 1 July 2025 reform (Resolution
// 1656/NQ-UBTVQH15): the new commune is made of all of old xã Ngọc Hồi and
// parts of Đại Áng and Liên Ninh (huyện Thanh Trì) and of Duyên Thái and
// Khánh Hà (huyện Thường Tín). Each hamlet lies in one old commune, so
//
//	before:  Thôn Đoài, xã Đại Áng, huyện Thanh Trì, thành phố Hà Nội
//	after:   Thôn Đoài, xã Ngọc Hồi, thành phố Hà Nội
//
// EHR records created before the reform carry the old form. Hamlet names
// are generic, not the real list.
//
// # Hard cases
//
// Built in on purpose: twins (same parents, same birth date, different
// given names; Config.Twins), a son with his father's full name
// (Config.FatherSonSameName), many unrelated people with the same common
// full name and birth year (from the skewed name weights), spouses and
// children sharing an address and phone, and newborns recorded under the
// mother's name, "Con bà Nguyễn Thị Lan" (Config.NewbornUnderParent).
//
// # Noise
//
// Every EHR and BHYT record is damaged independently with the rates of
// Noise (see its fields): names without diacritics, upper case, NFD,
// TCVN3/VNI legacy encodings and UTF-8 mojibake (made by
// normalize.EncodeLegacy), the new tone placement (hoà for hòa), one-edit
// typos, a dropped middle name, Hoàng/Huỳnh-style variants; birth dates in
// eight formats (dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd,
// yyyymmdd, yyyymmddHHMM, Excel serial), year only, day and month swapped,
// a digit typo; sex in many spellings; CCCD missing, an old CMND instead,
// a digit typo, leading zeros lost; an older BHYT card with another object
// code, or only the BHXH number; phones in many formats, including the
// pre-2018 11-digit numbers (0168… for today's 038…); old addresses and
// abbreviations; missing fields. DefaultEHRNoise and DefaultBHYTNoise give
// typical rates.
//
// # Truth of the noise
//
// Every damaged field of an EHR or BHYT row is listed in Record.Corrupted
// with one NoiseKind, the terms of vnperson.CorrectionKind, and the field
// names of vnperson (FieldFullName is "full_name", …):
//
//	value     a typo that changes letters, a dropped middle name, a variant
//	          spelling (Hoàng/Huỳnh), the mother's name on a newborn's
//	          record, day and month swapped, a digit typo in a date or ID,
//	          a parent's CCCD
//	missing   emptied, or a year-only birth date
//	outdated  an old CMND, an older BHYT card or the bare BHXH number, a
//	          pre-2018 phone prefix, a pre-2025 address (noise, or an EHR
//	          record written before the reform)
//	form      case, diacritics (a typo that only changes a mark too), tone
//	          placement, NFD, legacy encodings, spaces, date formats, sex and
//	          ethnicity spellings, phone formats, address abbreviations,
//	          leading zeros lost
//
// When several noises hit one field it gets the most severe kind, in that
// order. A field is listed exactly when its written value differs from the
// registry's. Recording the truth draws no random number, so the files are
// the same bytes as without it.
//
// Hard cases (Record.Hard) are twins, fathers and sons with one full name,
// different people with the same full name and birth date (or birth
// year), newborns under the mother's name, and children under 14 whose
// record carries a parent's CCCD (Noise.IDParent, 0 by default).
//
// # Determinism and scale
//
// All randomness comes from math/rand/v2 PCG generators seeded from
// Config.Seed, one stream per phase, and each EHR or BHYT row draws its
// noise from its own generator seeded by its position; nothing depends on
// map order or time. The same Config gives byte-identical files. People
// are stored compactly (48 bytes each) so that ten million fit in
// memory; generating a million people takes a few seconds.
//
// # Concurrency
//
// Generate, WriteCSV and NewPopulation are safe for concurrent use; a
// Population is read-only after NewPopulation returns.
package synth
