package vnperson

import (
	"errors"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/normalize"
	"github.com/vnlink/vnlink/vnname"
)

// PrepareOptions configure Prepare. The zero value is ready to use: today is
// time.Now(), addresses are keyed without the administrative-unit data, and
// the work is spread over GOMAXPROCS goroutines.
type PrepareOptions struct {
	// Today is the date birth dates are checked against (a date of birth
	// in the future is an issue). The zero value means time.Now(); set it
	// for reproducible runs.
	Today time.Time
	// Resolver maps addresses to ward keys. Nil means a zero
	// normalize.Resolver: ward keys from the folded commune and province
	// names, without the administrative-unit data (so an old commune name
	// and its new unit get different keys).
	Resolver *normalize.Resolver
	// Workers is the number of goroutines; 0 means GOMAXPROCS.
	Workers int
	// Progress, when set, receives StagePrepare reports (rows done of the
	// rows given); see Progress. Dedupe, Link and Reconcile use
	// Options.Progress when it is nil.
	Progress func(Progress)
}

// Prepare parses every person once into a Record, in input order: one
// Record per Person, whatever its fields hold. A non-empty field that does
// not parse is left missing in the Record and reported as a
// *normalize.RecordError with the 1-based row and the field name (see the
// Field constants), wrapping the *normalize.ParseError; the value itself is
// never reported. An empty field is simply missing. A CCCD whose digits
// disagree with the recorded sex or birth year is kept and reported too
// (wrapping normalize.ErrRange). Issues come sorted by row, then field.
//
// The name frequencies (Record.NameFrequency, by birth year) are computed
// over the people given, so prepare the records to be linked together in
// one call.
func Prepare(people []Person, opts PrepareOptions) ([]Record, []*normalize.RecordError) {
	records, _, _, issues := prepare(opts, false, false, people)
	return records, issues
}

// PrepareDisplay is Prepare that also returns the display form of every
// field of every person (see Display), from the same single parse: the
// outputs render these and never parse a field again.
func PrepareDisplay(people []Person, opts PrepareOptions) ([]Record, []Display, []*normalize.RecordError) {
	records, parts, _, issues := prepare(opts, true, false, people)
	return records, expandDisplay(records, parts), issues
}

// prepare prepares the people of sources, one after another, as one input
// (rows numbered across them), without concatenating them. With keyed set,
// keys holds the contentKey of every row (for toCanonical).
func prepare(opts PrepareOptions, display, keyed bool, sources ...[]Person) (records []Record, displays []displayParts, keys []uint64, issues []*normalize.RecordError) {
	total := 0
	for _, src := range sources {
		total += len(src)
	}
	records = make([]Record, total)
	if keyed {
		keys = make([]uint64, total)
	}
	if display {
		displays = make([]displayParts, total)
	}
	var done atomic.Int64
	stop := reporter(opts.Progress).counter(StagePrepare, int64(total), &done)
	first := 0
	for _, src := range sources {
		end := first + len(src)
		var d []displayParts
		if display {
			d = displays[first:end]
		}
		var k []uint64
		if keyed {
			k = keys[first:end]
		}
		issues = append(issues, prepareRows(opts, display, src, first, records[first:end], d, k, &done)...)
		first = end
	}
	stop()
	setNameFrequencies(records)
	return records, displays, keys, issues
}

// prepareRows prepares people, rows first … first+len(people)-1 of an
// input, into recs (and disp, when not nil) and their contentKey into keys
// (when not nil), spread over the workers of opts, and returns their issues
// sorted by row.
// done counts the rows prepared.
func prepareRows(opts PrepareOptions, display bool, people []Person, first int, recs []Record, disp []displayParts, keys []uint64, done *atomic.Int64) []*normalize.RecordError {
	total := len(people)
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	chunk := max((total+workers-1)/workers, 256)
	resolver := opts.Resolver
	if resolver == nil {
		resolver = &normalize.Resolver{}
	}
	// One issue list per chunk, allocated before the goroutines start.
	issues := make([][]*normalize.RecordError, (total+chunk-1)/chunk)
	var wg sync.WaitGroup
	for start := 0; start < total; start += chunk {
		end := min(start+chunk, total)
		slot := &issues[start/chunk]
		wg.Go(func() {
			p := preparer{dates: normalize.DateParser{Now: opts.Today}, resolver: resolver, groups: map[string]string{},
				names: map[string]parsedName{}, addresses: map[string]*parsedAddress{}, display: display}
			for i := start; i < end; i++ {
				var d *displayParts
				if disp != nil {
					d = &disp[i]
				}
				*slot = p.prepare(&recs[i], d, &people[i], first+i, *slot)
				if keys != nil {
					keys[i] = contentKey(&people[i])
				}
				if (i-start)%256 == 255 {
					done.Add(256)
				}
			}
			done.Add(int64((end - start) % 256))
		})
	}
	wg.Wait()
	var all []*normalize.RecordError
	for _, s := range issues {
		all = append(all, s...)
	}
	return all
}

// NameYearStrength is the strength of linkage.GroupFrequency in
// Record.NameFrequency: a name's frequency among the records born in the
// same year departs from its overall frequency once the year holds more
// than about this many of the name's expected holders.
const NameYearStrength = 8

// setNameFrequencies sets Record.NameFrequency over all the lists given:
// the frequency of the record's folded name among the records born in the
// same year, shrunk toward its overall frequency (linkage.GroupFrequency
// with NameYearStrength), or the overall frequency (the share of the
// records with a name that have the record's) when the birth year is
// unknown.
func setNameFrequencies(lists ...[]Record) {
	type nameYear struct {
		fold string
		year int
	}
	var names linkage.TFTable
	joint := map[nameYear]uint64{}
	years := map[int]uint64{}
	for _, recs := range lists {
		for i := range recs {
			f := recs[i].Name.Fold()
			names.Add(f)
			if f != "" && !recs[i].Birth.IsZero() {
				y := recs[i].Birth.Year()
				joint[nameYear{f, y}]++
				years[y]++
			}
		}
	}
	for _, recs := range lists {
		for i := range recs {
			r := &recs[i]
			f := r.Name.Fold()
			var inYear, ofYear uint64 // 0 without a birth year: c/N
			if f != "" && !r.Birth.IsZero() {
				y := r.Birth.Year()
				inYear, ofYear = joint[nameYear{f, y}], years[y]
			}
			r.NameFrequency = linkage.GroupFrequency(names.Counts[f], names.Total, inYear, ofYear, NameYearStrength)
		}
	}
}

// Prepared is one list of people prepared in parts, for DedupePrepared and
// LinkPrepared: Add prepares the people it is given and keeps their records
// (and display forms) only, so that a caller reading a large file can let
// its rows and people go before it reads the next one. Dedupe(people, opts)
// is DedupePrepared of the people added in one part, with opts.Prepare and
// opts.Display; the results are the same whatever the parts.
//
// A Prepared is used once: DedupePrepared and LinkPrepared hand its records
// over to their Result.
type Prepared struct {
	opts     PrepareOptions
	display  bool
	records  []Record
	displays []displayParts
	keys     []uint64
	issues   []*normalize.RecordError
	// expect is the length Grow prepared for: the Total of StagePrepare.
	expect int
	used   bool
}

// NewPrepared returns an empty list to add people to, prepared with opts;
// with display set its records also get the display forms (Result.Display).
func NewPrepared(opts PrepareOptions, display bool) *Prepared {
	return &Prepared{opts: opts, display: display}
}

// Add prepares people as the next rows of the list (their Record.Row and
// issue rows count on from the rows added before). The people are not kept:
// a record holds copies of what it needs. Add reports StagePrepare to
// PrepareOptions.Progress, Done counting the rows of the list (see Grow).
// It panics on a Prepared already used.
func (p *Prepared) Add(people []Person) {
	var done atomic.Int64
	done.Store(int64(len(p.records)))
	total := max(len(p.records)+len(people), p.expect)
	stop := reporter(p.opts.Progress).counter(StagePrepare, int64(total), &done)
	p.add(people, &done)
	stop()
}

// Grow makes room for n more rows, for a caller that adds a list it knows
// the length of in parts: the records are allocated once, and the
// StagePrepare reports of Add count towards the rows added so far plus n.
func (p *Prepared) Grow(n int) {
	n = max(n, 0)
	p.expect = len(p.records) + n
	p.reserve(n)
}

// reserve makes room for n more rows in the lists of p.
func (p *Prepared) reserve(n int) {
	p.records = slices.Grow(p.records, n)
	p.keys = slices.Grow(p.keys, n)
	if p.display {
		p.displays = slices.Grow(p.displays, n)
	}
}

// add is Add counting the rows prepared in done.
func (p *Prepared) add(people []Person, done *atomic.Int64) {
	if p.used {
		panic("vnperson: Prepared.Add after DedupePrepared or LinkPrepared")
	}
	first, end := len(p.records), len(p.records)+len(people)
	p.reserve(len(people))
	p.records, p.keys = p.records[:end], p.keys[:end]
	var d []displayParts
	if p.display {
		p.displays = p.displays[:end]
		d = p.displays[first:end]
	}
	p.issues = append(p.issues, prepareRows(p.opts, p.display, people, first, p.records[first:end], d, p.keys[first:end], done)...)
}

// Len returns the number of rows added.
func (p *Prepared) Len() int { return len(p.records) }

// take hands the lists of p over (see Prepared) and leaves p used: it
// reports an error for a Prepared already used.
func (p *Prepared) take(op string) (Prepared, error) {
	if p.used {
		return Prepared{}, &linkage.Error{Op: op, Reason: "the Prepared list was already used", Err: linkage.ErrInvalid}
	}
	out := *p
	*p = Prepared{used: true}
	return out, nil
}

// preparer prepares the records of one goroutine.
type preparer struct {
	dates    normalize.DateParser
	resolver *normalize.Resolver
	// groups caches the family-variant group of each family key.
	groups map[string]string
	// names and addresses cache the parse of each distinct raw value:
	// names and addresses repeat within households and hamlets.
	names     map[string]parsedName
	addresses map[string]*parsedAddress
	// display: the records get Display forms (PrepareDisplay), so the
	// address is also resolved to today's unit for Display.Ward.
	display bool
}

type parsedName struct {
	name     vnname.Name
	features nameFeatures
	err      error
}

type parsedAddress struct {
	ward, place uint64
	err         error
	// display, hamlet and outdated are the Display fields of the address.
	display, hamlet, commune string
	outdated                 bool
	// ward and wardCandidates are Display.Ward and Display.WardCandidates.
	currentWard    string
	wardCandidates []string
	// names is addressNames of the address.
	names string
}

// prepare fills r (and d, when not nil) from p (row i, 0-based) and appends
// p's field issues.
func (pr *preparer) prepare(r *Record, d *displayParts, p *Person, i int, issues []*normalize.RecordError) []*normalize.RecordError {
	report := func(field string, err error) {
		if err != nil && !errors.Is(err, normalize.ErrEmpty) {
			issues = append(issues, &normalize.RecordError{Row: i + 1, Field: field, Err: err})
		}
	}
	r.Row = int32(i)
	// A copy of the id (see Record.ID): an id may be a substring of the
	// whole row.
	r.ID, r.Source = strings.Clone(p.ID), p.Source

	if p.FullName != "" {
		pn, ok := pr.names[p.FullName]
		if !ok {
			pn.name, pn.err = vnname.Parse(p.FullName)
			if pn.err == nil {
				pn.features = newNameFeatures(&pn.name, pr.groups)
			}
			pr.names[p.FullName] = pn
		}
		report(FieldFullName, pn.err)
		if pn.err == nil {
			r.Name, r.name = pn.name, pn.features
			r.NameSex = r.Name.SexHint()
		}
	}
	if p.BirthDate != "" {
		d, err := pr.dates.Parse(p.BirthDate)
		report(FieldBirthDate, err)
		if err == nil {
			r.Birth = d.WithoutFlags()
		}
	}
	if p.Sex != "" {
		s, err := normalize.ParseSex(p.Sex)
		report(FieldSex, err)
		if err == nil {
			r.Sex = s
		}
	}
	for _, f := range [...]struct{ field, value string }{{FieldNationalID, p.NationalID}, {FieldOldID, p.OldID}} {
		if f.value == "" {
			continue
		}
		id, err := normalize.ParseNationalID(f.value)
		report(f.field, err)
		if err != nil {
			continue
		}
		digits, _ := strconv.ParseUint(id.String(), 10, 64)
		switch id.Kind() {
		case normalize.CCCD:
			if r.CCCD == 0 {
				r.CCCD = digits
				if d != nil {
					d.cccd = id
				}
				switch {
				case borrowedID(id, r.Birth):
					r.borrowedID = true
					report(f.field, &normalize.ParseError{Func: "vnperson.Prepare",
						Reason: "the CCCD's birth-year digits are those of a person at least 12 years older: probably a relative's number", Err: normalize.ErrRange})
				case id.CheckAgainst(r.Sex, r.Birth) != 0:
					report(f.field, &normalize.ParseError{Func: "vnperson.Prepare",
						Reason: "the CCCD's sex or birth-year digits disagree with the recorded sex or birth date: one of them is wrong", Err: normalize.ErrRange})
				}
			}
		case normalize.CMND:
			if r.CMND == 0 {
				r.CMND = digits
				if d != nil {
					d.cmnd = id
				}
			}
		}
	}
	r.bcd.cccd, r.bcd.cmnd = toBCD(r.CCCD), toBCD(r.CMND)
	if r.Birth.Precision() == normalize.PrecisionDay {
		r.bcd.birth = toBCD(dateDigits(r.Birth))
	}
	if p.InsuranceID != "" {
		x, err := normalize.ParseInsuranceID(p.InsuranceID)
		report(FieldInsuranceID, err)
		if err == nil {
			r.BHXH = x.BHXHNumber()
			if d != nil {
				d.card = x
			}
		}
	}
	if p.Phone != "" {
		ph, err := normalize.ParsePhone(p.Phone)
		report(FieldPhone, err)
		if err == nil {
			r.Phone = ph.Uint64()
			if d != nil {
				d.phone, d.phoneOutdated = ph, oldMobilePrefix(p.Phone)
			}
		}
	}
	if p.Address != "" {
		pa, ok := pr.addresses[p.Address]
		if !ok {
			pa = &parsedAddress{}
			var a normalize.Address
			a, pa.err = normalize.ParseAddress(p.Address)
			if pa.err == nil {
				pa.ward, pa.place = pr.resolver.WardKey(a), placeKey(a)
				pa.display, pa.outdated, pa.names = a.String(), !a.District.IsZero(), addressNames(a)
				if len(a.Hamlets) > 0 {
					pa.hamlet = a.Hamlets[len(a.Hamlets)-1].String()
				}
				pa.commune = a.Commune.String()
				if pr.display {
					pa.currentWard, pa.wardCandidates = currentWard(pr.resolver.Resolve(a))
				}
			}
			pr.addresses[p.Address] = pa
		}
		report(FieldAddress, pa.err)
		if pa.err == nil {
			r.Ward, r.Place = pa.ward, pa.place
			if d != nil {
				d.address = pa
			}
		}
	}
	if p.Ethnicity != "" {
		e, err := normalize.ParseEthnicity(p.Ethnicity)
		report(FieldEthnicity, err)
		if err == nil {
			r.Ethnicity = e
		}
	}
	return issues
}

// placeAbbreviations are type words that the address parser may leave in an
// untyped place name ("Th. Đoài" read as the name "Th Đoài").
var placeAbbreviations = []string{"th ", "thon ", "xom ", "ap ", "ban ", "to "}

// addressNames returns the folded names of every part of a, house number
// first and province last, without their type words: two addresses with
// the same names differ only in how they are written (abbreviated or
// missing type words, case, diacritics), even when the parser placed an
// untyped part at another level in one of them.
func addressNames(a normalize.Address) string {
	var b strings.Builder
	add := func(name string) {
		for _, p := range placeAbbreviations {
			if rest, ok := strings.CutPrefix(name, p); ok && rest != "" {
				name = rest
				break
			}
		}
		if name != "" {
			b.WriteString(name)
			b.WriteByte('|')
		}
	}
	add(strings.ToLower(a.House))
	for _, p := range a.Alleys {
		add(p.Folded())
	}
	add(a.Street.Folded())
	for _, p := range a.Hamlets {
		add(p.Folded())
	}
	add(a.Commune.Folded())
	add(a.District.Folded())
	add(a.Province.Folded())
	return b.String()
}

// placeKey hashes the folded name of the smallest named place of a: the
// last hamlet (thôn, xóm, tổ, ...) written, else the street; 0 for none.
func placeKey(a normalize.Address) uint64 {
	var name string
	switch {
	case len(a.Hamlets) > 0:
		name = a.Hamlets[len(a.Hamlets)-1].Folded()
	case !a.Street.IsZero():
		name = a.Street.Folded()
	default:
		return 0
	}
	for _, p := range placeAbbreviations {
		if rest, ok := strings.CutPrefix(name, p); ok && rest != "" {
			name = rest
			break
		}
	}
	if name == "" {
		return 0
	}
	return keyHash(name) // name is not empty here
}
