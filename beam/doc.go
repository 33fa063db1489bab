// Package vnbeam runs vnlink's linkage as an Apache Beam pipeline, for inputs
// too large for one machine: the same preparation (vnperson.Prepare), the
// same blocking rules (vnperson.DefaultRules with their block caps and
// secondary split keys), the same model (a linkage.Model saved as JSON and
// read back with vnperson.LoadModel) and the same clustering
// (linkage.Cluster with the cannot-link constraint vnperson.CannotLink), so
// that the pipeline's links, weights and clusters equal those of
// vnperson.Dedupe on the same input, bit for bit.
//
// # The pipeline
//
// Dedupe takes one PCollection of Row, Link two (left and right, blocks
// holding rows of both and pairs joining a left row with a right one);
// ReadShards makes rows of the shards of a file (CSV, XLSX, XML1 read by
// package table), numbered by shard and row.
//
//	rows (index, person)
//	  -> name frequencies: the folded name of every record, counted over
//	     the whole input and within each birth year (the term frequencies
//	     Prepare computes over one call), joined back to the rows by index
//	  -> block keys: every rule's keys of every record, deduplicated per
//	     record, keyed by (rule, key)
//	  -> bounded blocks: the rows of each (rule, key) are counted (a
//	     combine, no hot key); a block above the rule's cap is split by the
//	     rule's secondary key into sub-blocks, or dropped when the rule has
//	     none, and sub-blocks above the cap are dropped, exactly as package
//	     blocking does, before any grouping: no worker receives a block
//	     above the cap, whatever the data (a placeholder ID on 100,000 rows)
//	  -> group by (rule, key) or (rule, key, secondary key): a block
//	  -> the pairs of a (sub-)block that package blocking produces from it
//	     (blocking.PairedEarlier: no earlier rule pairs the two rows, and
//	     this is the first block of the rule they share), each tagged with
//	     the block's rule, the first that produces it, and scored with the
//	     model once, the record first in vnperson's canonical order
//	     (vnperson.CompareCanonical) as the first argument; pairs at or
//	     above the threshold are links
//	  -> components: the connected components of the links, found on one
//	     worker from the links' row refs alone (no rows)
//	  -> clusters: linkage.Cluster over the links of each component, in
//	     parallel, their records numbered in canonical order, so ties of
//	     weight are broken as in Dedupe (a component's clusters depend on
//	     its links only)
//
// # Reconcile
//
// Reconcile is the distributed part of vnperson.Reconcile (the registry as
// the authority): the name frequencies over the registry, health-record
// and BHYT rows together, then the blocks and scores above twice, health
// records and BHYT rows with the registry and among themselves, keeping
// every pair at or above vnperson.ReconcileOptions.MinScoredWeight (the
// review queue needs pairs below the threshold). Reconciliation, on one
// machine, turns the rows and those pairs into vnperson.Reconcile's result
// with vnperson.ReconcileScored: the same people, statuses and worklists.
//
// Every candidate pair is scored once, as package blocking produces it
// once, and the shuffle holds records keyed by block and the links, not
// the candidate pairs. Records travel as their raw fields (Row) and are
// prepared again where they are needed: a prepared vnperson.Record holds
// unexported match features no coder can carry.
//
// Personal data never appears in the pipeline's logs or errors: indices,
// counts, rule names and weights only.
package vnbeam
