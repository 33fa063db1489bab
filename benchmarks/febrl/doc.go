// Package febrl loads the FEBRL benchmark data sets (Freely Extensible
// Biomedical Record Linkage, Peter Christen, ANU) with their ground truth,
// so that vnlink's engine can be measured on the data sets the
// record-linkage literature uses.
//
// The files are not part of this repository: tests and benchmarks read them
// from the shared data folder (shared/data/febrl beside the repository
// root; see SOURCE.md there for provenance and licence) and skip when it is
// absent.
//
// A FEBRL file has a header and eleven columns (Columns), with a space after
// each comma. The truth is in the record id: "rec-N-org" is the original of
// entity N and "rec-N-dup-K" its K-th duplicate, so Dataset.Entity gives,
// for every record, its entity number N. dataset3 is the deduplication set
// (5,000 records, 2,000 entities); dataset4a and dataset4b are the two files
// of the linking set (5,000 originals, 5,000 duplicates).
//
// Entity labels are []int32 aligned with the records, as the evaluation
// functions of package linkage expect:
//
//	d, _ := febrl.LoadDedupe(dir)
//	m, _ := linkage.EvaluateClusters(predicted, d.Entity)
package febrl
