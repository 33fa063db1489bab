// Command synthgen writes a synthetic commune with ground truth as CSV: the
// population registry, the EHR extract, the BHYT list and the truth file
// (see package benchmarks/synth for what they hold).
//
// Usage:
//
//	go run ./benchmarks/cmd/synthgen [-n 50000] [-seed 1] [-out out] [-bhyt=true]
//	    [-coverage 0.88] [-duplicates 0.06] [-gone 0.03]
//
// It writes registry.csv, ehr.csv, bhyt.csv (with -bhyt) and truth.csv into
// the -out folder and prints what it generated. The same flags always give
// the same bytes.
package main
