package main

import (
	"runtime"
	"sync"
	"time"

	"github.com/vnlink/vnlink/linkage/vnperson"
	"github.com/vnlink/vnlink/normalize"
	"github.com/vnlink/vnlink/vnname"
)

// canonColumns are the names of the canonical columns written next to the
// original ones, in order (see canonicalizer.row).
var canonColumns = []string{
	"clean_full_name", "clean_birth_date", "clean_sex", "clean_national_id", "clean_old_id",
	"clean_insurance_id", "clean_bhxh", "clean_phone", "clean_address", "clean_ward", "clean_ethnicity",
}

// A canonicalizer writes the canonical display form of every field of a
// person, the form normalize and vnname give back.
type canonicalizer struct {
	dates    normalize.DateParser
	resolver *normalize.Resolver
}

func newCanonicalizer(today time.Time, resolver *normalize.Resolver) *canonicalizer {
	if resolver == nil {
		resolver = &normalize.Resolver{}
	}
	return &canonicalizer{dates: normalize.DateParser{Now: today}, resolver: resolver}
}

// row appends the canonical columns of p to dst: the display form of each
// field that parses, "" for one that is missing or does not parse. The
// national_id column holds whatever kind of number the national ID field
// has; clean_ward is the current commune-level unit of the address when it
// resolves to exactly one (see normalize.Resolver).
//
// cache, when not nil, keeps the addresses already seen: the people of a
// household or a hamlet share them, and parsing is the costly part.
func (c *canonicalizer) row(dst []string, p *vnperson.Person, cache map[string][2]string) []string {
	var sex, nid, old, ins, bhxh, phone, addr, ward, eth string
	name, birth := c.nameAndDate(p)
	if s, err := normalize.ParseSex(p.Sex); err == nil {
		sex = s.String()
	}
	if id, err := normalize.ParseNationalID(p.NationalID); err == nil {
		nid = id.String()
	}
	if id, err := normalize.ParseNationalID(p.OldID); err == nil {
		old = id.String()
	}
	if x, err := normalize.ParseInsuranceID(p.InsuranceID); err == nil {
		ins, bhxh = x.String(), x.BHXH()
	}
	if ph, err := normalize.ParsePhone(p.Phone); err == nil {
		phone = ph.String()
	}
	addr, ward = c.address(p.Address, cache)
	if e, err := normalize.ParseEthnicity(p.Ethnicity); err == nil {
		eth = e.String()
	}
	return append(dst, name, birth, sex, nid, old, ins, bhxh, phone, addr, ward, eth)
}

// rows returns the canonical columns of every person, in order (see row),
// computed on workers goroutines (0: GOMAXPROCS). The canonicalizer is
// safe for concurrent use: it only reads its parser and resolver.
func (c *canonicalizer) rows(people []vnperson.Person, workers int) [][]string {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := make([][]string, len(people))
	chunk := max(256, (len(people)+workers-1)/workers)
	var wg sync.WaitGroup
	for start := 0; start < len(people); start += chunk {
		end := min(start+chunk, len(people))
		wg.Go(func() {
			cache := map[string][2]string{}
			for i := start; i < end; i++ {
				out[i] = c.row(make([]string, 0, len(canonColumns)), &people[i], cache)
			}
		})
	}
	wg.Wait()
	return out
}

// nameAndDate returns the canonical full name and date of birth of p, ""
// for a field that is missing or does not parse.
func (c *canonicalizer) nameAndDate(p *vnperson.Person) (name, birth string) {
	if n, err := vnname.Parse(p.FullName); err == nil {
		name = n.String()
	}
	if d, err := c.dates.Parse(p.BirthDate); err == nil {
		birth = d.String()
	}
	return name, birth
}

// address returns the display form of the address s and its current ward
// ("" when it does not resolve to exactly one unit), through cache.
func (c *canonicalizer) address(s string, cache map[string][2]string) (addr, ward string) {
	if r, ok := cache[s]; ok {
		return r[0], r[1]
	}
	if a, err := normalize.ParseAddress(s); err == nil {
		addr = a.String()
		if res := c.resolver.Resolve(a); res.Status == normalize.ResolveExact {
			ward = res.Unit.String()
		}
	}
	if cache != nil {
		cache[s] = [2]string{addr, ward}
	}
	return addr, ward
}
