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
// # City mode
//
// With Config.Communes above 0 (CityConfig), the people live in that many
// communes of Hà Nội instead: units of the list from 1 July 2025 taken
// from the table built into normalize (DefaultUnits), xã Ngọc Hồi first,
// then the others in an order drawn from the seed. Commune sizes are
// skewed: the k-th commune gets a share of the households proportional to
// 1/k^s (a Zipf law, s = Config.CommuneSkew, 0.8 in CityConfig, so the
// first of 20 communes is about 20^0.8 ≈ 11 times the last); Commune.Share
// holds each share. A commune has about one hamlet per 1,500 people
// (uneven sizes, 1 to 3): villages (thôn) in a xã, residential groups
// (tổ dân phố) in a phường. Each hamlet lies in one of the pre-2025 units
// of Hà Nội that went into its commune (normalize.AdminUnits.Successors),
// so an EHR record written before the reform names the old commune or
// ward and its district or quận:
//
//	before:  Tổ dân phố 1, phường Định Công, quận Hoàng Mai, thành phố Hà Nội
//	after:   Tổ dân phố 1, phường Định Công, thành phố Hà Nội
//
// The registry always has the 2025 form. Config.Communes 1 is the dense
// case: everyone in xã Ngọc Hồi. With two communes or more, two
// cross-commune cases are added, each labelled in the truth:
//
//   - moved households (Config.Moved): the registry has the new home, and
//     the EHR rows written before the move (on a day drawn per household)
//     carry the address of a hamlet in another commune (hard case
//     "moved", address noise outdated, cause "Moved");
//   - people with records at two stations (Config.TwoStations): one more
//     EHR row of the person, written at another commune's station with
//     the temporary address (tạm trú) there: a true duplicate pair across
//     communes (hard case "two_stations", address noise value, cause
//     "TwoStations").
//
// Children carry their mother's phone in every mode; CityConfig also sets
// Noise.IDParent to 0.05, so that records of children under 14 may carry a
// parent's CCCD. The city fields have no effect when Communes is 0: the
// single commune's files are the same bytes as before the city mode.
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
// record carries a parent's CCCD (Noise.IDParent, 0 by default); in city
// mode also the EHR rows of moved households written before the move and
// the rows written at a second station.
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
