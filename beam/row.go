package vnbeam

import (
	"fmt"
	"reflect"
	"strconv"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
	"github.com/vnlink/vnlink/normalize"
)

func init() {
	beam.RegisterType(reflect.TypeOf((*Row)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Pair)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Member)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*rowF)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*scoredLink)(nil)).Elem())
}

// Row is one input row: its index, unique within its input and ordered as
// the rows of the single-process input are (the index vnperson.Dedupe's
// results use, or, for shards, ShardIndex of the shard and the row: the
// order is what matters, for the canonical order's last tie-break and for
// the smallest index that labels a cluster), and the fields of a
// vnperson.Person as written. Person.Extra is not carried: it is never
// compared.
type Row struct {
	Index                                                                int64
	ID, Source, FullName, BirthDate, Sex, NationalID, OldID, InsuranceID string
	Phone, Address, Ethnicity                                            string
}

// RowOf returns the Row of person p at index i.
func RowOf(i int64, p *vnperson.Person) Row {
	return Row{Index: i, ID: p.ID, Source: p.Source, FullName: p.FullName, BirthDate: p.BirthDate, Sex: p.Sex,
		NationalID: p.NationalID, OldID: p.OldID, InsuranceID: p.InsuranceID, Phone: p.Phone,
		Address: p.Address, Ethnicity: p.Ethnicity}
}

// Person returns the row's fields as a vnperson.Person.
func (r *Row) Person() vnperson.Person {
	return vnperson.Person{ID: r.ID, Source: r.Source, FullName: r.FullName, BirthDate: r.BirthDate, Sex: r.Sex,
		NationalID: r.NationalID, OldID: r.OldID, InsuranceID: r.InsuranceID, Phone: r.Phone,
		Address: r.Address, Ethnicity: r.Ethnicity}
}

// Pair is one linked pair of rows: input indices, A < B for Dedupe, A of
// the left and B of the right input for Link; the index of the first
// blocking rule that produces the pair (in vnperson.DefaultRules) and the
// match weight. It is vnperson.Result.Links's linkage.ScoredPair.
type Pair struct {
	A, B   int64
	Rule   int
	Weight float64
}

// Member is one linked row and its cluster: the row's index, whether it is
// of the right input (Link), and the cluster's label, the smallest input
// index in the cluster as in vnperson.Result.Clusters. For Link, vnperson
// numbers right rows after the left ones, so the label is a left index
// unless the cluster holds right rows only (a right row whose links were
// all refused by the cannot-link constraint): then ClusterRight is set and
// Cluster is a right index, len(left)+Cluster in vnperson's numbering.
type Member struct {
	Index        int64
	Right        bool
	Cluster      int64
	ClusterRight bool
}

// rowF is a row with its side and the frequency of its name among the rows
// of both sides born in its year (vnperson.Record.NameFrequency).
type rowF struct {
	Row   Row
	Right bool
	Freq  float64
}

// scoredLink is a link with both rows (RowA the left, or for Dedupe the
// smaller index), which the last steps need to order records canonically
// and to test the cannot-link constraint.
type scoredLink struct {
	Pair       Pair
	RowA, RowB Row
}

// ref is the key of a row in joins: its side and index.
func ref(right bool, index int64) string {
	side := "L"
	if right {
		side = "R"
	}
	return side + strconv.FormatInt(index, 10)
}

// Config configures the pipeline: the model and the options of
// vnperson.Options that the pipeline honours.
type Config struct {
	// Model is the model, as saved by linkage.Model.MarshalJSON (a
	// vnperson.Result.Model, or the file of vnlink train): the pipeline
	// reads it back with vnperson.LoadModel, so weights are those of
	// vnperson.Dedupe run with Options.Model set to the same model.
	Model []byte
	// MatchProbability is the probability at or above which a pair is
	// linked; 0 means vnperson.DefaultMatchProbability.
	MatchProbability float64
	// MaxBlockSize is vnperson.Options.MaxBlockSize: 0 means
	// blocking.DefaultMaxBlockSize, blocking.NoBlockCap no cap.
	MaxBlockSize int
	// Today is vnperson.PrepareOptions.Today, the date birth dates are
	// checked against; set it (the zero value means the time of each
	// worker) so that every worker prepares the same records.
	Today time.Time
	// AllowCCCDConflicts is vnperson.Options.AllowCCCDConflicts.
	AllowCCCDConflicts bool
	// AllLinks is vnperson.Options.AllLinks: Link keeps every link at or
	// above the threshold instead of each left row's best.
	AllLinks bool
	// Units prepares addresses with the administrative units built into
	// package normalize (PrepareOptions.Resolver set to
	// normalize.DefaultResolver(), as the vnlink command does), so that a
	// pre-2025 commune name gets its new unit's ward key; false keeps
	// vnperson's default, the zero Resolver. DefaultProvince is the
	// resolver's province for addresses that name none ("Hà Nội").
	Units           bool
	DefaultProvince string
}

// settings is what the DoFns carry of a Config (their exported fields are
// serialised with the pipeline).
type settings struct {
	Model        []byte
	Threshold    float64
	MinWeight    float64 // pairs scoring below are dropped: Threshold, or Reconcile's lower bound
	MaxBlockSize int
	Today        string // RFC 3339, "" for none
	AllowCCCD    bool
	Link         bool // the pipeline links two inputs
	AllLinks     bool
	Reconcile    bool // the left rows hold health records and BHYT rows (bhytIndex)
	Units        bool
	Province     string
}

func (c *Config) settings() (settings, error) {
	if _, err := vnperson.LoadModel(c.Model); err != nil {
		return settings{}, fmt.Errorf("vnbeam: the model does not load: %w", err)
	}
	p := c.MatchProbability
	if p == 0 {
		p = vnperson.DefaultMatchProbability
	}
	if !(p > 0 && p < 1) {
		return settings{}, fmt.Errorf("vnbeam: match probability %v is outside (0, 1)", p)
	}
	w := linkage.WeightForProbability(p)
	st := settings{Model: c.Model, Threshold: w, MinWeight: w, MaxBlockSize: c.MaxBlockSize,
		AllowCCCD: c.AllowCCCDConflicts, AllLinks: c.AllLinks, Units: c.Units, Province: c.DefaultProvince}
	if !c.Today.IsZero() {
		st.Today = c.Today.Format(time.RFC3339Nano)
	}
	return st, nil
}

// prepareOptions returns the options every worker prepares records with.
func (s *settings) prepareOptions() vnperson.PrepareOptions {
	o := vnperson.PrepareOptions{Workers: 1}
	if s.Today != "" {
		// Written by settings with the same layout: it parses.
		o.Today, _ = time.Parse(time.RFC3339Nano, s.Today)
	}
	if s.Units {
		o.Resolver = normalize.DefaultResolver()
		o.Resolver.DefaultProvince = s.Province
	}
	return o
}

// prepare prepares rows (with their name frequencies, when freqs is not
// nil) as vnperson.Prepare would within one call over the whole input.
func (s *settings) prepare(rows []Row, freqs []float64) []vnperson.Record {
	people := make([]vnperson.Person, len(rows))
	for i := range rows {
		people[i] = rows[i].Person()
	}
	recs, _ := vnperson.Prepare(people, s.prepareOptions())
	for i := range recs {
		recs[i].NameFrequency = 0
		if freqs != nil {
			recs[i].NameFrequency = freqs[i]
		}
	}
	return recs
}
