// Command vnlink finds the same person across CSV exports of Vietnamese health
// and population records: the commune health station's electronic health
// records (HSSKĐT), the police population list (CCCD/VNeID) and BHYT lists. It
// is what a commune IT officer runs on their own exports; it reads and writes
// files only, and prints counts, never personal data.
//
// # Language
//
// Everything a clerk reads (messages, errors, -h, column names, status
// values, the lists of reconcile and the HTML report) is in Vietnamese by
// default, and in English with -lang en or an English locale: -lang first,
// then LC_ALL, LC_MESSAGES and LANG (the first one set; English when it
// starts with "en", Vietnamese for anything else). The column and status
// names below are the English ones; messages.go holds both languages.
//
// # Memory
//
// Unless GOMEMLIMIT is set, vnlink sets the Go runtime's soft memory limit
// (runtime/debug.SetMemoryLimit) to half the machine's memory, or of the
// cgroup's limit when lower (Linux; no limit elsewhere): near it the
// collector runs more often instead of letting the heap grow to twice the
// live data, so a city-sized run whose data fits finishes instead of being
// killed. Unless GOGC is set, it sets the collector's target to 70
// (runtime/debug.SetGCPercent): the heap grows 70% over the live data
// between collections instead of 100%, which lowers the peak by about a
// tenth for about the same CPU. An input file may have up to 1 GiB, or
// 1/8 of the memory limit in effect (vnlink's or GOMEMLIMIT's) when that
// is more. Figures per input size are in benchmarks/README.md.
//
// # Commands
//
//	vnlink clean     -in FILE -out FILE [-json FILE] [-html FILE]
//	vnlink dedupe    -in FILE -out FILE [-json FILE] [-html FILE]
//	vnlink link      -left FILE -right FILE -out FILE [-json FILE] [-html FILE]
//	vnlink reconcile -registry FILE -ehr FILE [-bhyt FILE] -out FOLDER
//	vnlink train     (-in FILE | -left FILE -right FILE | -registry FILE -ehr FILE) -out MODEL.json
//	vnlink explain   -in FILE -pair A,B  |  -left FILE -right FILE -pair A,B
//	vnlink version
//
// reconcile is the campaign job: the population list is the authority; it
// writes the station's worklists into FOLDER as CSV files and one workbook
// (danh-sach.xlsx; -xlsx=false for CSV only), summary.json and the report
// bao-cao.html (see the usage text). train saves the model that -model
// reuses in dedupe, link, reconcile and explain.
//
// clean writes every input row with the canonical form of each field
// (vnperson's display forms: name, date dd/mm/yyyy at its precision, Nam/Nữ,
// CCCD/CMND digits, BHYT card and BHXH number, national phone form, address,
// current ward, ethnic group) in clean_* columns after the original ones, and
// an issues column naming the fields that could not be read.
//
// dedupe runs vnperson.Dedupe (blocking, EM-trained Fellegi-Sunter model,
// clustering with the CCCD cannot-link rule) and writes every input row, in
// order, with: row (1-based data row), cluster (the row number of the first
// row of the same person), cluster_size, match_weight and match_probability
// of the row's strongest link inside its cluster (empty for a row alone), the
// clean_* columns and issues. The weight w is in bits and the probability is
// p = 1/(1 + 2^-w) (linkage.Probability).
//
// link runs vnperson.Link, each left row (an EHR extract) keeping its best
// right row (the population list) at or above the threshold, and writes one
// row per left row in order, with status linked or left_only (a record with no
// person), then one row per right row no left row links to, status right_only
// (a person with no record).
//
// # Input
//
// Every input is read by package table: CSV, TSV or semicolon-separated
// text in UTF-8 (with or without a byte-order mark) or UTF-16 with a
// byte-order mark, an Excel "sep=" first line followed, the delimiter
// sniffed otherwise; an Excel workbook (a file ending in .xlsx, or any input
// starting with the zip signature: the first sheet, or -sheet NAME, its cells
// as Excel shows them); or an XML1 claim file. The header row is found
// among the first rows (title rows above it are skipped and counted), or
// given with -header-row N; a header row that holds a number or a date is
// taken for a file exported without its header and refused. Columns are
// found by vnperson.MapColumns, through normalize.Fold, so "Họ và tên", "HO
// VA TEN" and "ho_va_ten" are the same; -map field=column,... names others;
// each row becomes a person through vnperson.ColumnMap.Person. The files of
// benchmarks/cmd/synthgen need no -map. Every data row appears in the output
// (empty rows are skipped and counted). A row with fewer cells than the
// header is padded; one with values right of the last column, or whose
// quotes cannot be read (damaged: split on the delimiter as written), is kept
// but left out of matching; a cell that is not valid UTF-8 is treated as
// missing. Each of these is an issue with its row number and column, as are
// the field issues of vnperson.Prepare; a damaged row makes the exit status 3
// unless -accept-damaged is given (reconcile too: its rows_not_whole still
// counts them). An old .xls file is refused with a message
// asking for .xlsx or CSV UTF-8. Limits of package table (64 KiB a cell,
// 1024 columns, 1 GiB of input or of expanded workbook cells) are errors;
// the input limit grows with the machine (its memory limit, see Memory,
// divided by 12, which is about what a run holds per byte of input: 1.4
// GiB on a machine of 24 GB).
//
// # Summary
//
// The log (standard error) and the -json file hold counts only: rows, columns
// found, per field the cells present, valid and with an issue, the first
// issues by row and field, and for dedupe the number of people, the duplicate
// rate (rows in clusters of two or more rows / rows), the links by blocking
// rule, and for link the coverage of each side. The JSON also holds the trained
// model (m and u per comparison level, prior), which explains every weight.
//
// # Options
//
// The administrative units before and after the 1 July 2025 reform are
// built in, so an old commune name maps to its unit today; -units DIR
// replaces them with other lists (normalize.LoadAdminUnits). -province names
// the province assumed when an address has none; -today fixes the date birth
// dates are checked against, for reproducible runs; -threshold, -seed and
// -workers tune the matching; -max-block caps the rows of a candidate block
// (default 1000: larger blocks are split by a second key, or skipped, and
// counted in the summary); -model reuses a saved model. Output files are
// written through a temporary file, readable only by the user, and renamed
// at the end (devices and pipes in place); see safeout.go for what happens
// on a signal.
package main
