// Command synthgen writes a synthetic commune with ground truth as CSV: the
// population registry, the EHR extract, the BHYT list and the truth file
// (see package benchmarks/synth for what they hold).
//
// Usage:
//
//	go run ./benchmarks/cmd/synthgen [-n 50000] [-seed 1] [-out out] [-bhyt=true]
//	    [-coverage 0.88] [-duplicates 0.06] [-gone 0.03] [-parent-id 0]
//
// It writes registry.csv, ehr.csv, bhyt.csv (with -bhyt) and truth.csv into
// the -out folder, with the truth of the noise: field_truth.csv (every
// damaged field of an EHR or BHYT row, with its kind: value, missing,
// outdated or form) and hard_cases.csv (the rows of twins, fathers and sons
// of one name, people sharing a name and birth date or year, newborns under
// the mother's name, children carrying a parent's CCCD), and prints what it
// generated. -parent-id sets the share of EHR records of children under 14
// that carry a parent's CCCD (0 by default, so the other files stay as
// without it).
//
// City mode:
//
//	go run ./benchmarks/cmd/synthgen -communes 20 -people 1000000 [-skew 0.8]
//	    [-moved 0.04] [-two-stations 0.02] [-parent-id 0.05] [-dense]
//
// spreads the people over -communes communes of Hà Nội (synth.CityConfig:
// xã Ngọc Hồi first, then other units of the 2025 list), commune sizes
// following a Zipf law of exponent -skew; -moved households moved from
// another commune (their EHR rows written before the move carry the old
// commune's address), -two-stations of the covered people have a second
// EHR record at another commune's station, and -parent-id defaults to
// 0.05. -dense puts everyone in one commune (-communes 1). -people is the
// same as -n. The same flags always give the same bytes.
package main
