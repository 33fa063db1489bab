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
// without it). The same flags always give
// the same bytes.
package main
