package vnperson

import (
	"errors"
	"runtime"
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
// The name frequencies (Record.NameFrequency) are computed over the people
// given, so prepare the records to be linked together in one call.
func Prepare(people []Person, opts PrepareOptions) ([]Record, []*normalize.RecordError) {
	records, _, issues := prepare(opts, false, people)
	return records, issues
}

// PrepareDisplay is Prepare that also returns the display form of every
// field of every person (see Display), from the same single parse: the
// outputs render these and never parse a field again.
func PrepareDisplay(people []Person, opts PrepareOptions) ([]Record, []Display, []*normalize.RecordError) {
	return prepare(opts, true, people)
}

// prepare prepares the people of sources, one after another, as one input
// (rows numbered across them), without concatenating them.
func prepare(opts PrepareOptions, display bool, sources ...[]Person) ([]Record, []Display, []*normalize.RecordError) {
	total := 0
	for _, src := range sources {
		total += len(src)
	}
	// person returns the i-th person of the concatenation.
	person := func(i int) *Person {
		for _, src := range sources {
			if i < len(src) {
				return &src[i]
			}
			i -= len(src)
		}
		panic("vnperson: person index out of range")
	}
	records := make([]Record, total)
	var displays []Display
	if display {
		displays = make([]Display, total)
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	chunk := (total + workers - 1) / workers
	if chunk < 256 {
		chunk = 256
	}
	resolver := opts.Resolver
	if resolver == nil {
		resolver = &normalize.Resolver{}
	}
	// One issue list per chunk, allocated before the goroutines start.
	issues := make([][]*normalize.RecordError, (total+chunk-1)/chunk)
	var done atomic.Int64
	stop := reporter(opts.Progress).counter(StagePrepare, int64(total), &done)
	var wg sync.WaitGroup
	for start := 0; start < total; start += chunk {
		end := min(start+chunk, total)
		slot := &issues[start/chunk]
		wg.Go(func() {
			p := preparer{dates: normalize.DateParser{Now: opts.Today}, resolver: resolver, groups: map[string]string{},
				names: map[string]parsedName{}, addresses: map[string]parsedAddress{}, display: display}
			for i := start; i < end; i++ {
				var d *Display
				if displays != nil {
					d = &displays[i]
				}
				*slot = p.prepare(&records[i], d, person(i), i, *slot)
				if (i-start)%256 == 255 {
					done.Add(256)
				}
			}
			done.Add(int64((end - start) % 256))
		})
	}
	wg.Wait()
	stop()
	var all []*normalize.RecordError
	for _, s := range issues {
		all = append(all, s...)
	}
	var tf linkage.TFTable
	for i := range records {
		tf.Add(records[i].Name.Fold())
	}
	for i := range records {
		records[i].NameFrequency = tf.Frequency(records[i].Name.Fold())
	}
	return records, displays, all
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
	addresses map[string]parsedAddress
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
func (pr *preparer) prepare(r *Record, d *Display, p *Person, i int, issues []*normalize.RecordError) []*normalize.RecordError {
	if d != nil {
		defer d.fill(r)
	}
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
					d.NationalID = id.String()
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
					d.OldID = id.String()
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
				d.InsuranceID, d.BHXH = x.String(), x.BHXH()
			}
		}
	}
	if p.Phone != "" {
		ph, err := normalize.ParsePhone(p.Phone)
		report(FieldPhone, err)
		if err == nil {
			r.Phone = ph.Uint64()
			if d != nil {
				d.Phone, d.PhoneOutdated = ph.String(), oldMobilePrefix(p.Phone)
			}
		}
	}
	if p.Address != "" {
		pa, ok := pr.addresses[p.Address]
		if !ok {
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
				d.Address, d.Hamlet, d.AddressOutdated, d.addressNames = pa.display, pa.hamlet, pa.outdated, pa.names
				d.Commune = pa.commune
				d.Ward, d.WardCandidates = pa.currentWard, pa.wardCandidates
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
	// 64-bit FNV-1a.
	h := uint64(14695981039346656037)
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= 1099511628211
	}
	if h == 0 {
		h = 1
	}
	return h
}
