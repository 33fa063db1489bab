// Package linkage is the domain-agnostic record-linkage engine of vnlink:
// comparisons and levels, the Fellegi–Sunter model, its estimation (random
// sampling, EM over pattern counts, labels), term-frequency adjustment,
// parallel scoring, explanations and clustering. It knows nothing of
// Vietnamese names or addresses: it is generic over the prepared record
// type R, and links FEBRL data as well as commune health records (package
// linkage/vnperson holds the Vietnamese schema).
//
// # Comparisons and levels
//
// A Comparison maps a pair of prepared records to one of its ordered
// levels: level 0 is null (a value missing on either side), then the first
// of Levels whose predicate holds, the last being an else level. Templates
// build the usual ones: Exact, JaroWinklerLevels, LevenshteinLevels,
// OSALevels, DifferenceLevels (numbers, dates as day numbers) and Custom.
// A comparison may also set Classify, a fast path that returns the level
// number at once; it must agree with the predicates. Templates and
// Classified are built from one classifying function and derive the
// predicates from it, so they agree by construction. Validate rejects
// template arguments that would leave a level unreachable (thresholds out
// of range or out of order). Comparison functions must be symmetric,
// deterministic and pure; linkagetest.CheckComparison verifies it, and
// that Classify agrees with the predicates. The allocation-free similarity
// functions Jaro, JaroWinkler, Levenshtein and OSA work on runes and keep
// strings up to MaxStackRunes runes on the stack.
//
// The levels of all comparisons of a pair, its comparison vector, pack
// into a uint64 pattern (Model.Pattern), bits.Len(len(Levels)) bits per
// comparison, so that estimation works on counts of distinct patterns.
//
// # Model
//
// For each level, m = P(level | match) and u = P(level | non-match). With
// the prior λ = P(match) of a candidate pair, the match weight of a pair is
//
//	W = log2(λ/(1−λ)) + Σ_c w_c,   w_c = log2(m_c,k / u_c,k)
//
// where k is the pair's level in comparison c, m and u are first clamped
// to at least ProbabilityFloor, and the null level has w = 0. The match
// probability is p = 1/(1 + 2^−W), computed as 2^W/(1 + 2^W) for W < 0 so
// that it neither overflows nor loses precision (Probability).
//
// # Term-frequency adjustment
//
// A level marked TermFrequency (LevelParams) replaces u by the frequency
// tf of the compared value, precomputed per record by the comparison's
// TermFrequency function (e.g. from a TFTable), so that agreeing on a
// common name counts less than agreeing on a rare one, as in Splink:
//
//	w = log2(m/u) + α·log2(u / max(tf, tf_min))      (= log2(m/tf) for α = 1)
//
// where α is ComparisonParams.TFWeight and tf = max(tf_a, tf_b). For an
// exact level tf_a = tf_b; on fuzzy levels the larger, more common,
// frequency is used, which is the conservative choice (a misspelling is
// rare by construction and must not earn a large weight). tf = 0 (unknown)
// leaves the weight unadjusted. A value whose frequency depends on another
// field (a name on the birth year) can take its frequency within the
// record's group, shrunk toward the overall one (GroupFrequency); max then
// takes the frequency of the group where the value is the more common.
//
// # Estimation
//
// EstimateU compares random pairs (seeded PCG generators, one per chunk of
// pairs, on several workers with the same result for any number; or every
// pair when there are few) and sets u to the observed share of each level;
// the exact level of a comparison with an ExactKey gets its u from the
// value frequencies instead. With the zero SampleOptions the sample is
// adaptive: each comparison leaves it once its levels are settled (counted
// AdaptiveMinCount times, or known to be rarer than an identifier's
// agreement), and the level it stops on is estimated by inverse sampling,
// (K−1)/(N−1) for its K-th count at the N-th pair, which unlike K/N is
// unbiased. EstimatePriorFromRule sets λ = (pairs satisfying a deterministic rule / assumed recall) /
// possible pairs. TrainEM runs expectation–maximisation over Patterns
// (counts of distinct comparison vectors, as fastLink does): one round per
// blocking rule, the comparisons the rule uses excluded from that round,
// the rounds' m estimates averaged (as Splink does). EstimateMFromLabels
// uses known matches. Any m or u can be fixed by hand (FixM, FixU).
//
// # Scoring, explanation, clustering
//
// ScorePairs scores candidate pairs from an iterator on several workers
// without allocating per pair, and yields those at or above a weight
// threshold, in input order unless asked otherwise. Pair is blocking.Pair,
// so ScoreCandidates and CountCandidates take the candidates of package
// blocking directly and generate, compare and count them on the same
// workers. Explain gives the
// prior, one row per comparison (level label, m, u, Bayes factor, term
// frequency adjustment) and the total, which equals Score bit for bit:
// both sum the same terms in the same order. Cluster joins linked records
// by union–find in decreasing weight order, refusing a union that would
// place a cannot-link pair in one cluster, and labels each cluster by its
// smallest record index.
//
// # Persistence
//
// A Model's parameters (names, labels, m, u, λ, threshold, TF tables)
// serialise to JSON; LoadModel re-attaches them to the comparisons defined
// in Go, checking names and level labels, and gives bit-identical scores.
//
// # Evaluation
//
// EvaluateClusters compares a predicted clustering with the truth (both as
// one label per record) and reports pairwise precision, recall and F1
// (over the pairs of records placed together) and B-cubed precision,
// recall and F1 (per record, averaged), with cluster counts. EvaluateLinks
// does the same for two-file linking. Both count pairs from the contingency
// table of (predicted, true) labels, never by listing pairs, so they run on
// millions of records. SummarizeErrors lists the worst false merges and
// false splits by record id.
//
// # Limits
//
// Nothing grows without bound from an option: worker counts are at most
// MaxWorkers, score batches at most MaxBatchSize pairs, EM rounds at most
// MaxEMIterations iterations, u samples at most MaxSamplePairs pairs.
// Parameters and options are checked for NaN and infinities.
//
// Errors are *Error values wrapping ErrInvalid, ErrMismatch or ErrNoData;
// they never contain record values. Functions without an error result
// (ScorePairs, Cluster) panic on arguments that are programming errors, as
// their documentation states.
package linkage
