package normalize

// ResolveStatus says how well an address was matched to a current
// commune-level unit.
type ResolveStatus uint8

// Resolution statuses.
const (
	ResolveUnknown   ResolveStatus = iota // no unit matches, or no data, or no commune in the address
	ResolveAmbiguous                      // several units match: a split commune, or a name used in several places
	ResolveExact                          // one unit: a current name, or an old commune absorbed whole
)

// String returns "unknown", "ambiguous" or "exact".
func (s ResolveStatus) String() string {
	switch s {
	case ResolveAmbiguous:
		return "ambiguous"
	case ResolveExact:
		return "exact"
	}
	return "unknown"
}

// Resolution is the current commune-level unit an address refers to.
type Resolution struct {
	Status ResolveStatus
	// Unit is the unit when Status is ResolveExact. When Status is
	// ResolveAmbiguous because one old commune was split, Unit is its
	// principal successor: the new unit that kept the old code, or else
	// the first one the mapping names. It is the zero AdminUnit otherwise.
	Unit AdminUnit
	// Candidates holds every matching current unit, in code order, when
	// Status is ResolveAmbiguous; nil otherwise.
	Candidates []AdminUnit
	// Matched is the list whose name the address used: ListBefore2025 for
	// an old commune name (Đại Áng), ListFrom2025 for a current one.
	Matched ListVersion
}

// Resolver maps parsed addresses to current commune-level units and to
// ward keys for blocking. The zero Resolver works without data: nothing
// resolves, and WardKey falls back to the names. A Resolver is not
// modified by its methods and is safe for concurrent use.
type Resolver struct {
	// Units is the index built by LoadAdminUnits; nil without the data.
	Units *AdminUnits
	// DefaultProvince is the province assumed when an address has none,
	// as written ("Hà Nội", "HN", "Thành phố Hà Nội"): a commune health
	// station knows its own. A commune name that is not found in it is
	// then looked up in every province.
	DefaultProvince string
}

// auResult is the outcome of one resolution. Its candidates live in a
// buffer of fixed capacity given by the caller (on the stack for WardKey):
// further ones are counted in n but not kept.
type auResult struct {
	status    ResolveStatus
	matched   ListVersion
	n         int     // number of distinct candidates kept, or more when cand overflowed
	cand      []int32 // indices into cur, up to cap(cand)
	principal int32   // index into cur, or -1
}

// reset empties r, keeping its buffer.
func (r *auResult) reset() {
	r.cand = r.cand[:0] // a self-assignment: the buffer stays where it is
	r.status, r.matched, r.n, r.principal = ResolveUnknown, ListUnknown, 0, -1
}

// add records the current unit ci as a candidate, once.
func (r *auResult) add(ci int32) {
	for _, c := range r.cand {
		if c == ci {
			return
		}
	}
	if n := len(r.cand); n < cap(r.cand) {
		r.cand = r.cand[:n+1] // no append: the buffer must not move to the heap
		r.cand[n] = ci
	}
	r.n++
}

// Resolve finds the current commune-level unit of a.
//
// The commune name is looked up folded (without diacritics, case or
// punctuation), among the units of the address's province, or of
// DefaultProvince when the address has none; a province name means the
// province of either list and those it was merged with, and a province
// name that is in neither list is ignored. An address with a
// district or a thị trấn is written in the old form, so it is looked up
// first in the list before 2025 (within that district), then in the
// current list; any other address the other way round. An old commune
// resolves through the mapping to the unit(s) it went to. When the commune
// type is written and some candidates have it, the others are dropped.
//
// The public data has no hamlet-level units, so a hamlet cannot choose
// between the candidates of a split commune: the result stays ambiguous,
// with the principal successor in Unit. Resolve allocates only for the
// candidates of an ambiguous result; WardKey never allocates. A nil
// *Resolver resolves nothing, like the zero Resolver.
func (r *Resolver) Resolve(a Address) Resolution {
	if r == nil || r.Units == nil {
		return Resolution{}
	}
	res := auResult{cand: make([]int32, 0, 16)}
	r.resolve(&a, &res)
	if res.n > len(res.cand) {
		res.cand = make([]int32, 0, r.Units.Len(ListFrom2025))
		r.resolve(&a, &res)
	}
	out := Resolution{Status: res.status, Matched: res.matched}
	if res.status == ResolveUnknown {
		return out
	}
	u := r.Units
	if res.principal >= 0 {
		out.Unit = u.curUnit(res.principal)
	}
	if res.status == ResolveAmbiguous {
		for _, ci := range res.cand {
			out.Candidates = append(out.Candidates, u.curUnit(ci))
		}
		sortUnitsByCode(out.Candidates)
	}
	return out
}

// sortUnitsByCode sorts units by code (insertion sort: lists are short).
func sortUnitsByCode(us []AdminUnit) {
	for i := 1; i < len(us); i++ {
		for j := i; j > 0 && us[j].Code.Code < us[j-1].Code.Code; j-- {
			us[j], us[j-1] = us[j-1], us[j]
		}
	}
}

// resolve fills res without allocating.
func (r *Resolver) resolve(a *Address, res *auResult) {
	res.reset()
	u := r.Units
	if u == nil {
		return
	}
	var cbuf, dbuf, pbuf [64]byte
	commune := addrAppendFold(cbuf[:0], a.Commune.Name)
	district := addrAppendFold(dbuf[:0], a.District.Name)
	all := auMasks{^uint64(0), ^uint64(0)}
	masks, fallback := all, false
	if !a.Province.IsZero() {
		if m, ok := u.provMasks[string(auAppendProvinceFold(pbuf[:0], a.Province.Name))]; ok {
			masks = m
		}
	} else if r.DefaultProvince != "" {
		if m, ok := u.provMasks[string(auAppendProvinceFold(pbuf[:0], r.DefaultProvince))]; ok {
			masks, fallback = m, true
		}
	}
	if len(commune) == 0 {
		// The islands had a district and no commune: "huyện Côn Đảo".
		if len(district) > 0 {
			r.resolveDistrict(district, masks, res)
		}
		return
	}
	r.resolveIn(a, commune, district, masks, res)
	if res.n == 0 && fallback {
		r.resolveIn(a, commune, district, all, res)
	}
}

// resolveDistrict resolves an old district without communes.
func (r *Resolver) resolveDistrict(district []byte, m auMasks, res *auResult) {
	u := r.Units
	for _, dc := range u.distTo {
		d := &u.oldDist[dc.dist]
		if d.fold == string(district) && m.old&(1<<d.prov) != 0 {
			res.add(dc.cur)
			res.matched = ListBefore2025
		}
	}
	r.finish(res, -1)
}

// resolveIn resolves within the provinces m.
func (r *Resolver) resolveIn(a *Address, commune, district []byte, m auMasks, res *auResult) {
	oldForm := len(district) > 0 || a.Commune.Type == UnitThiTran
	if oldForm {
		_ = r.fromOld(a, commune, district, m, res) || r.fromCurrent(a, commune, m, res) ||
			r.fromOld(a, commune, nil, m, res)
		return
	}
	_ = r.fromCurrent(a, commune, m, res) || r.fromOld(a, commune, nil, m, res)
}

// fromCurrent looks the commune up among the current units.
func (r *Resolver) fromCurrent(a *Address, commune []byte, m auMasks, res *auResult) bool {
	u := r.Units
	list := u.curByName[string(commune)]
	typed := 0
	for _, ci := range list {
		w := &u.cur[ci]
		if m.cur&(1<<w.prov) != 0 && w.typ == a.Commune.Type {
			typed++
		}
	}
	res.reset()
	for _, ci := range list {
		w := &u.cur[ci]
		if m.cur&(1<<w.prov) != 0 && (typed == 0 || w.typ == a.Commune.Type) {
			res.add(ci)
		}
	}
	if res.n == 0 {
		return false
	}
	res.matched = ListFrom2025
	r.finish(res, -1)
	return true
}

// fromOld looks the commune up among the old communes, within district
// when it is not empty, and maps them to the current units.
func (r *Resolver) fromOld(a *Address, commune, district []byte, m auMasks, res *auResult) bool {
	u := r.Units
	list := u.oldByName[string(commune)]
	match := func(oi int32, typed bool) bool {
		w := &u.old[oi]
		if m.old&(1<<w.prov) == 0 || (typed && w.typ != a.Commune.Type) {
			return false
		}
		return len(district) == 0 || (w.dist >= 0 && u.oldDist[w.dist].fold == string(district))
	}
	typed := false
	for _, oi := range list {
		typed = typed || match(oi, true)
	}
	res.reset()
	olds, only := 0, int32(-1)
	for _, oi := range list {
		if !match(oi, typed) {
			continue
		}
		olds++
		only = oi
		for _, ci := range u.splitTo[u.splitOff[oi]:u.splitOff[oi+1]] {
			res.add(ci)
		}
	}
	if res.n == 0 {
		return false
	}
	res.matched = ListBefore2025
	if olds != 1 {
		only = -1
	}
	r.finish(res, only)
	return true
}

// finish sets the status and the principal unit. old is the single old
// commune the candidates came from, or -1.
func (r *Resolver) finish(res *auResult, old int32) {
	switch {
	case res.n == 0:
		res.status = ResolveUnknown
	case res.n == 1:
		res.status, res.principal = ResolveExact, res.cand[0]
	default:
		res.status = ResolveAmbiguous
		if old >= 0 {
			u := r.Units
			res.principal = res.cand[0]
			for _, ci := range res.cand {
				if u.cur[ci].code == u.old[old].code {
					res.principal = ci
				}
			}
		}
	}
}

// WardKey returns the blocking key of the commune-level unit of a, without
// allocating; 0 means the address has no commune (nor, with the data, an
// island district that resolves) and gives no key.
//
// With the data (Units set), an address that resolves exactly gets the key
// of its current unit, made from the unit code with the top bit set
// (1<<63 | code), so that every spelling of the unit, old or new, gets the
// same key; an old commune that was split gets the key of its principal
// successor (see Resolution.Unit). Otherwise, and always without the data,
// the key is a 64-bit FNV-1a hash, top bit cleared, of the folded commune
// name, a zero byte, and the folded province name (the address's, else
// DefaultProvince, else nothing): "X. Ngoc Hoi, TP HN" and "xã Ngọc Hồi,
// Hà Nội" share it, but an old name like Đại Áng can only be matched to
// its new unit with the data. A nil *Resolver behaves as the zero one.
func (r *Resolver) WardKey(a Address) uint64 {
	if r == nil {
		r = &auNoResolver
	}
	if r.Units != nil {
		var cand [16]int32
		res := auResult{cand: cand[:0]}
		r.resolve(&a, &res)
		if res.principal >= 0 {
			return r.Units.cur[res.principal].key
		}
	}
	if a.Commune.IsZero() {
		return 0
	}
	var buf [128]byte
	b := addrAppendFold(buf[:0], a.Commune.Name)
	if len(b) == 0 {
		return 0
	}
	h := addrHash(addrHashSeed, b)
	h = addrHash(h, []byte{0})
	prov := a.Province.Name
	if prov == "" {
		prov = r.DefaultProvince
	}
	h = addrHash(h, auAppendProvinceFold(buf[:0], prov))
	h &^= auWardKeyFlag
	if h == 0 {
		h = 1
	}
	return h
}

// auNoResolver is the Resolver a nil *Resolver behaves as.
var auNoResolver Resolver

// auProvinceTypes are the folded type words a province name may start with.
var auProvinceTypes = [...]string{"thanh pho ", "tinh ", "tp "}

// auAppendProvinceFold appends the folded key of a province written in any
// way ("Thành phố Hà Nội", "TP HN", "ha noi"): the folded canonical name
// when it is a known province, else the folded words without a leading
// type word. It does not allocate when dst has room.
func auAppendProvinceFold(dst []byte, s string) []byte {
	start := len(dst)
	dst = addrAppendFold(dst, s)
	b := dst[start:]
	for _, t := range auProvinceTypes {
		if len(b) > len(t) && string(b[:len(t)]) == t {
			n := copy(b, b[len(t):])
			dst = dst[:start+n]
			b = dst[start:]
			break
		}
	}
	if canon, ok := addrProvinces()[string(b)]; ok {
		dst = addrAppendFold(dst[:start], canon)
	}
	return dst
}
