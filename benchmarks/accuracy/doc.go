// Package accuracy measures the accuracy of vnlink end to end, unsupervised
// and with default settings, against known truth:
//
//   - the synthetic commune of package synth: deduplication of the EHR
//     extract (pairwise and B-cubed F1, linkage.EvaluateClusters) and
//     linkage of the EHR extract to the population registry (link F1,
//     linkage.EvaluateLinks), with the schema of package linkage/vnperson;
//   - the FEBRL benchmark: FEBRL3 deduplication and FEBRL4 linkage, with a
//     FEBRL schema defined here (FEBRLComparisons, FEBRLRules) and the same
//     engine (package linkage).
//
// With P the predicted pairs (or links) and T the true ones,
//
//	precision = |P ∩ T| / |P|,  recall = |P ∩ T| / |T|,  F1 = 2·p·r / (p + r).
//
// ScoreCorrections scores the field corrections of a reconciliation
// (vnperson.Reconcile) of kinds value, missing and outdated against the
// generator's truth of which fields it damaged (synth.Record.Corrupted), by
// kind, with "field right" and "field and kind right" precision and recall,
// a confusion table and the causes of the errors; ScoreHardCases scores
// duplicate detection and registry links on the rows of each hard-case
// family (twins, fathers and sons with one name, same name and birth date,
// newborns under the mother's name, a parent's CCCD on a child's record).
//
// The tests run a 5,000-person commune and assert floors a few points below
// the measured values; the full figures (50,000 people, FEBRL) run with
// VNLINK_ACCURACY=1 go test -run Full -v ./benchmarks/accuracy/.
package accuracy
