package vnperson

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/vnlink/vnlink/blocking"
	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/normalize"
)

// Role names the list an input row comes from.
type Role uint8

// Roles of Reconcile's three inputs.
const (
	RoleRegistry Role = iota // the population registry (CCCD / VNeID): the authority
	RoleEHR                  // the electronic health records (HSSKĐT)
	RoleBHYT                 // the BHXH/BHYT list of insured people
)

// String returns "registry", "ehr" or "bhyt".
func (r Role) String() string {
	switch r {
	case RoleRegistry:
		return "registry"
	case RoleEHR:
		return "ehr"
	case RoleBHYT:
		return "bhyt"
	}
	return "role(" + strconv.Itoa(int(r)) + ")"
}

// RowRef identifies one input row of Reconcile: its list and its 0-based
// position in that list.
type RowRef struct {
	Role Role
	Row  int
}

// Default values of ReconcileOptions.
const (
	DefaultReviewLow         = 0.2
	DefaultReviewHigh        = 0.9
	DefaultChainProbability  = 0.01
	DefaultMaxPersonRecords  = 30
	DefaultMaxReviewPairs    = 100_000
	defaultReconcileMinScore = 1e-6 // smallest probability a scored pair is kept for review and nearest candidates
)

// ReconcileOptions configure Reconcile. The zero value gives the defaults.
type ReconcileOptions struct {
	// Options configure preparation, blocking, training and the link
	// threshold (Options.MatchProbability) as for Dedupe and Link.
	// AllLinks is ignored: the registry is a list of distinct people.
	Options
	// ReviewLow and ReviewHigh bound the uncertain band of match
	// probabilities, ReviewLow ≤ p < ReviewHigh, whose pairs go to the
	// review queue; 0 means DefaultReviewLow and DefaultReviewHigh.
	ReviewLow, ReviewHigh float64
	// ChainProbability is the anti-chaining rule: two groups of records are
	// merged into one person only if every pair across them has a match
	// probability of at least ChainProbability (and none is a cannot-link
	// pair), so that A–B and B–C never join A and C when A and C are
	// clearly different people. 0 means DefaultChainProbability.
	ChainProbability float64
	// MaxPersonRecords is the most records one person may gather (registry,
	// health records and BHYT rows together); a merge beyond it is refused.
	// 0 means DefaultMaxPersonRecords.
	MaxPersonRecords int
	// MaxReviewPairs caps the review queue (the most uncertain pairs are
	// kept); 0 means DefaultMaxReviewPairs.
	MaxReviewPairs int
	// Decisions are clerical decisions from an earlier review: pairs that
	// are the same person (must-link) or not (cannot-link). A decision
	// overrides the model for its pair.
	Decisions []Decision
}

// Decision is a clerk's verdict on a pair of rows.
type Decision struct {
	A, B RowRef
	// Same is true when the rows are the same person (must-link), false
	// when they are not (cannot-link).
	Same bool
}

func (o *ReconcileOptions) validate() error {
	errs := []error{o.Options.Validate()}
	bad := func(reason string) {
		errs = append(errs, &linkage.Error{Op: "vnperson.ReconcileOptions", Reason: reason, Err: linkage.ErrInvalid})
	}
	prob := func(name string, p float64) {
		if !(p >= 0 && p < 1) { // NaN too
			bad(name + " must lie in [0, 1)")
		}
	}
	prob("ReviewLow", o.ReviewLow)
	prob("ReviewHigh", o.ReviewHigh)
	prob("ChainProbability", o.ChainProbability)
	if o.ReviewLow > 0 && o.ReviewHigh > 0 && o.ReviewLow >= o.ReviewHigh {
		bad("ReviewLow must be below ReviewHigh")
	}
	if o.MaxPersonRecords < 0 || o.MaxPersonRecords == 1 {
		bad("MaxPersonRecords must be 0 (the default) or at least 2")
	}
	if o.MaxReviewPairs < 0 {
		bad("MaxReviewPairs must not be negative")
	}
	return errors.Join(errs...)
}

func (o *ReconcileOptions) fillReconcile() {
	o.Options.fill()
	if o.ReviewLow <= 0 {
		o.ReviewLow = DefaultReviewLow
	}
	if o.ReviewHigh <= 0 {
		o.ReviewHigh = DefaultReviewHigh
	}
	if o.ChainProbability <= 0 {
		o.ChainProbability = DefaultChainProbability
	}
	if o.MaxPersonRecords <= 0 {
		o.MaxPersonRecords = DefaultMaxPersonRecords
	}
	if o.MaxReviewPairs <= 0 {
		o.MaxReviewPairs = DefaultMaxReviewPairs
	}
}

// Reconciliation is the outcome of Reconcile: every input row placed, the
// people found, the worklists of the campaign and its figures.
type Reconciliation struct {
	// Registry, EHR and BHYT are the prepared rows of each input, in input
	// order, with their display forms and field issues.
	Registry, EHR, BHYT Source
	// Model is the one model trained for the run; Threshold the match
	// weight at or above which pairs were linked.
	Model     *linkage.Model[Record]
	Threshold float64
	// People are the people found, sorted by ID: each registry row is one
	// person; health records and BHYT rows that match no registry row form
	// people of their own.
	People []PersonGroup
	// Rows gives every input row exactly one status and its person.
	Rows []RowStatus
	// Missing lists the registry people with no health record: records to
	// create, pre-filled from the registry.
	Missing []MissingRecord
	// NewFromBHYT lists the people of the BHYT list found neither in the
	// registry nor in the health records.
	NewFromBHYT []MissingRecord
	// Duplicates lists the groups of two or more health records of one
	// person, to merge into one.
	Duplicates []DuplicateGroup
	// Corrections lists, for health records linked to a registry person,
	// every field whose value differs from the registry's.
	Corrections []Correction
	// Unmatched lists, for each person with health records who matches no
	// registry person, one record: the only one, or the one a duplicate
	// group keeps (that group is in Duplicates too).
	Unmatched []UnmatchedRecord
	// Review lists the pairs in the uncertain band, most uncertain first.
	Review []ReviewPair
	// PoliceChecks lists the health records whose identity number the
	// commune police should verify.
	PoliceChecks []PoliceCheck
	// Metrics are the campaign figures, overall and per hamlet.
	Metrics Metrics
	// Oversized lists the blocks above the block cap: split by a secondary
	// key, or skipped.
	Oversized []blocking.OversizeBlock
	// RuleNames name the blocking rules (ReviewPair.Rule indexes them).
	RuleNames []string
	// Training reports the EM rounds, in order; nil when the model was
	// given (Options.Model) or pretrained.
	Training []RoundReport
	// UnresolvedDecisions counts decisions naming a row outside the inputs.
	UnresolvedDecisions int
}

// Source holds one prepared input of Reconcile.
type Source struct {
	People  []Person
	Records []Record
	Display []Display
	Issues  []*normalize.RecordError
}

// PersonGroup is one person: at most one registry row and any number of
// health records and BHYT rows (0-based input rows of each list).
type PersonGroup struct {
	// ID is stable: it depends on the content of the rows, never on their
	// order (see Reconcile).
	ID       string
	Registry int // the registry row, -1 when none
	EHR      []int
	BHYT     []int
	// Hamlet is the hamlet of the person: the registry's when linked, else
	// that of the first health record (or BHYT row) with one.
	Hamlet string
}

// Status says where an input row went.
type Status uint8

// Statuses of input rows: exactly one per row.
const (
	StatusHasRecord      Status = iota + 1 // registry row with at least one health record
	StatusMissingRecord                    // registry row with no health record: create one
	StatusVerified                         // the only health record of a registry person
	StatusDuplicateKeep                    // the record to keep of a duplicate group
	StatusDuplicateMerge                   // a record to merge into the one kept
	StatusUnmatched                        // health record of nobody in the registry
	StatusBHYTLinked                       // BHYT row of a person found in the registry or the health records
	StatusBHYTNew                          // BHYT row of a person found nowhere else
)

var statusNames = [...]string{"", "has_record", "missing_record", "verified", "duplicate_keep",
	"duplicate_merge", "unmatched", "bhyt_linked", "bhyt_new"}

// String returns the status's name in snake case ("missing_record").
func (s Status) String() string {
	if int(s) < len(statusNames) && s != 0 {
		return statusNames[s]
	}
	return "status(" + strconv.Itoa(int(s)) + ")"
}

// RowStatus is the place of one input row.
type RowStatus struct {
	RowRef
	Status Status
	// Person indexes Reconciliation.People.
	Person int
}

// MissingRecord is a person to create a health record for, with the
// canonical fields to fill in.
type MissingRecord struct {
	Person int    // index in People
	From   RowRef // the registry (or BHYT) row the fields come from
	// Fields are the display forms to pre-fill; InsuranceID also comes
	// from a linked BHYT row when the registry has none.
	Fields Display
	Hamlet string
}

// DuplicateGroup is two or more health records of one person.
type DuplicateGroup struct {
	Person int // index in People
	// Rows are the EHR rows of the group, the one to keep first.
	Rows []int
	// Keep is the row to keep (Rows[0]) and KeepReason why it was chosen.
	Keep       int
	KeepReason KeepReason
	// Probability holds, for each row of Rows, its match probability to
	// the group: to the registry row when the person has one, else its
	// best link within the group.
	Probability []float64
	// Disagree names the fields (Field constants) on which the rows hold
	// different non-empty values.
	Disagree []string
	// Linked reports whether the person is in the registry.
	Linked bool
	Hamlet string
}

// KeepReason says why a record was chosen to survive a merge.
type KeepReason uint8

// Reasons for the record kept, in the order they are tried.
const (
	KeepMostComplete KeepReason = iota + 1 // the most fields agreeing with the registry, then the most fields filled
	KeepSmallestID                         // a tie: the smallest record id
)

// String returns "most_complete" or "smallest_id".
func (k KeepReason) String() string {
	switch k {
	case KeepMostComplete:
		return "most_complete"
	case KeepSmallestID:
		return "smallest_id"
	}
	return ""
}

// CorrectionKind classifies a field to correct.
type CorrectionKind uint8

// Kinds of correction.
const (
	// CorrectValue: the content is wrong (a typo, another date, the other
	// sex, another number).
	CorrectValue CorrectionKind = iota + 1
	// CorrectMissing: empty (or less precise, like a year-only birth date)
	// in the health record.
	CorrectMissing
	// CorrectOutdated: an old CMND where a CCCD exists, an older BHYT card,
	// a pre-2018 phone prefix, a pre-2025 address.
	CorrectOutdated
	// CorrectForm: only the writing differs (case, diacritics, tone-mark
	// placement, date format, spacing, leading zeros).
	CorrectForm
)

var correctionNames = [...]string{"", "value", "missing", "outdated", "form"}

// String returns "value", "missing", "outdated" or "form".
func (k CorrectionKind) String() string {
	if int(k) < len(correctionNames) && k != 0 {
		return correctionNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Correction is one field of one health record to change to the registry's
// value. Old is the value as written in the health record, New the
// registry's display form.
type Correction struct {
	EHR    int    // the EHR row
	Person int    // index in People
	Field  string // a Field constant
	Kind   CorrectionKind
	Old    string
	New    string
	Hamlet string
}

// UnmatchedRecord is the health record of a person who is nobody in the
// registry (the kept record of a duplicate group), with the nearest
// registry candidate of any of the person's records when one was scored.
type UnmatchedRecord struct {
	EHR    int
	Person int
	// Nearest is the registry row of the best-scoring candidate below the
	// threshold, -1 when none; Probability its match probability.
	Nearest     int
	Probability float64
	Hamlet      string
}

// ReviewPair is a pair in the uncertain band for a clerk to decide.
type ReviewPair struct {
	A, B        RowRef
	Weight      float64
	Probability float64
	// Together reports whether the run put the two rows in one person.
	Together bool
	// Rule indexes RuleNames: the blocking rule that produced the pair.
	Rule int
}

// PoliceCheckKind says why the police should verify a record's identity.
type PoliceCheckKind uint8

// Kinds of police check.
const (
	PoliceNoID        PoliceCheckKind = iota + 1 // no CCCD or CMND in the health record
	PoliceMalformedID                            // an identity number that does not read as a CCCD or CMND
	PoliceIDDiffers                              // a valid CCCD found in the registry whose holder's name, birth date or sex differ
)

var policeNames = [...]string{"", "no_id", "malformed_id", "id_details_differ"}

// String returns "no_id", "malformed_id" or "id_details_differ".
func (k PoliceCheckKind) String() string {
	if int(k) < len(policeNames) && k != 0 {
		return policeNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// PoliceCheck is one health record for the police to verify.
type PoliceCheck struct {
	EHR    int
	Person int
	Kind   PoliceCheckKind
	// Fields lists, for PoliceIDDiffers, the fields that differ from the
	// registry row holding the same CCCD.
	Fields []string
	Hamlet string
}

// Reconcile resolves the people of a commune with the population registry
// as the authority. registry is the police population list (one row per
// person), ehr the health-record extract, bhyt the optional BHXH/BHYT list.
//
// All rows are prepared together once (PrepareDisplay), one model is trained
// on the pairs of health records (and BHYT rows) with registry rows (Train in
// link mode), and the candidate pairs of the blocking plan — health records
// with the registry, and health records among themselves — are scored once.
// Links at or above the threshold are clustered in decreasing weight
// (linkage.Cluster) under four constraints:
//
//   - two registry rows are never in one person (ClusterOptions.Distinct),
//     so a health record joins at most one registry person, and health
//     records that join the same registry person are duplicates;
//   - two rows with different valid CCCDs are never in one person
//     (CannotLink; off with AllowCCCDConflicts), except where a CCCD is
//     borrowed: its birth-year digits belong to someone at least 12 years
//     older than the record, like a parent's card on a child's record;
//   - anti-chaining: a merge is refused when any pair across the two groups
//     has a match probability below ChainProbability, so A–B and B–C never
//     join A with a clearly different C;
//   - no person gathers more than MaxPersonRecords rows, so thousands of
//     rows sharing a placeholder number never become one person.
//
// Health records that match nobody in the registry are still deduplicated
// among themselves. Person IDs come from content: the registry row's id,
// else the smallest id of the person's health records (then BHYT rows);
// rows without an id, or whose id is repeated in their list, are put in a
// canonical order by their content, so the same rows in any order give the
// same people and ids.
//
// Every input row gets exactly one status (Reconciliation.Rows). It returns
// an error only for invalid options or inputs too large for 32-bit indices.
func Reconcile(registry, ehr, bhyt []Person, opts ReconcileOptions) (*Reconciliation, error) {
	run, err := startReconcile(registry, ehr, bhyt, &opts)
	if err != nil {
		return nil, err
	}
	res, left, right := run.res, run.left, run.right

	rep := reporter(opts.Progress)
	b, err := newBlocker(opts.Options, opts.Rules...)
	if err != nil {
		return nil, err
	}
	rep.stage(StageBlock, false)
	var linkCands, dedupeCands *blocking.Candidates
	if len(left) > 0 && len(right) > 0 {
		if linkCands, err = b.Link(left, right); err != nil {
			return nil, err
		}
	}
	if len(left) > 1 {
		if dedupeCands, err = b.Dedupe(left); err != nil {
			return nil, err
		}
	}
	rep.stage(StageBlock, true)
	model, report, err := modelFor(left, right, opts.Options, linkCands)
	if err != nil {
		return nil, err
	}
	res.Training = report
	res.Model = model
	res.Threshold = linkage.WeightForProbability(opts.MatchProbability)
	minWeight := opts.minScoredWeight()
	var linkPairs, total, done int64
	if linkCands != nil {
		linkPairs = pairBound(linkCands)
	}
	if total = linkPairs; dedupeCands != nil {
		total += pairBound(dedupeCands)
	}
	rep.scoreStart(total)
	nl := int32(len(left))
	// Nodes: left i is i, right j is nl+j.
	var scored []linkage.ScoredPair
	if cands := linkCands; cands != nil {
		res.RuleNames, res.Oversized = cands.RuleNames(), cands.Oversized()
		so := linkage.ScoreOptions{MinWeight: minWeight, Workers: opts.Workers, Progress: rep.scoring(0, total, &done)}
		for sp := range model.ScoreCandidates(left, right, cands, so) {
			sp.B += nl
			scored = append(scored, sp)
		}
	}
	if cands := dedupeCands; cands != nil {
		res.RuleNames = cands.RuleNames()
		res.Oversized = append(res.Oversized, cands.Oversized()...)
		so := linkage.ScoreOptions{MinWeight: minWeight, Workers: opts.Workers, Progress: rep.scoring(linkPairs, total, &done)}
		for sp := range model.ScoreCandidates(left, nil, cands, so) {
			scored = append(scored, sp)
		}
	}
	rep.scoreEnd(done, total)
	run.finish(scored, opts, rep)
	return res, nil
}

func splitSource(people []Person, recs []Record, disp []displayParts, issues []*normalize.RecordError, offset int) Source {
	end := offset + len(people)
	return Source{People: people, Records: recs[offset:end:end], Display: expandDisplay(recs[offset:end], disp[offset:end]),
		Issues: issuesOfRows(issues, offset, len(people))}
}

// issuesOfRows returns the issues of the n rows after the first offset
// (1-based rows offset+1 … offset+n), renumbered from 1; issues at offset 0
// are returned as they are.
func issuesOfRows(issues []*normalize.RecordError, offset, n int) []*normalize.RecordError {
	var out []*normalize.RecordError
	for _, is := range issues {
		if is.Row <= offset || is.Row > offset+n {
			continue
		}
		if offset != 0 {
			moved := *is
			moved.Row -= offset
			is = &moved
		}
		out = append(out, is)
	}
	return out
}

// toCanonical puts recs (whose Row is offset plus their index in keys, the
// contentKey of each row) in canonical order: by id (Person.ID; a
// positional "#N" id counts as none), then by content, then Source. Rows
// equal in id and content are interchangeable, so their relative order
// cannot change a partition. It sorts indices and moves each record along
// its cycle of the permutation, so no second copy of the records is made;
// toInputOrder undoes it.
func toCanonical(recs []Record, keys []uint64, offset int) []Record {
	// What the order reads, kept beside the index so that sorting touches
	// no record.
	type keyed struct {
		id, source string
		key        uint64
		row, i     int32
	}
	order := make([]keyed, len(recs))
	for i := range order {
		r := &recs[i]
		order[i] = keyed{orderID(r.ID), r.Source, keys[int(r.Row)-offset], r.Row, int32(i)}
	}
	slices.SortFunc(order, func(a, b keyed) int {
		return compareCanonical(a.id, a.key, a.source, int(a.row), b.id, b.key, b.source, int(b.row))
	})
	// dest[i] is where the record now at i goes.
	dest := make([]int32, len(recs))
	for k, o := range order {
		dest[o.i] = int32(k)
	}
	order = nil
	for i := range recs {
		for d := dest[i]; int(d) != i; d = dest[i] {
			recs[i], recs[d] = recs[d], recs[i]
			dest[i], dest[d] = dest[d], d
		}
	}
	return recs
}

// compareCanonical is the canonical order of two rows of one input, given
// their order ids (orderID), content keys (contentKey), sources and rows:
// the one definition toCanonical sorts by.
func compareCanonical(idA string, keyA uint64, sourceA string, rowA int, idB string, keyB uint64, sourceB string, rowB int) int {
	return cmp.Or(strings.Compare(idA, idB), cmp.Compare(keyA, keyB), strings.Compare(sourceA, sourceB), cmp.Compare(rowA, rowB))
}

// toInputOrder puts the records of recs back at their input positions,
// Row - offset, in place.
func toInputOrder(recs []Record, offset int) {
	for i := range recs {
		for d := int(recs[i].Row) - offset; d != i; d = int(recs[i].Row) - offset {
			recs[i], recs[d] = recs[d], recs[i]
		}
	}
}
