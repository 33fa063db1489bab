package normalize

import (
	"encoding/json"
	"errors"
	"io/fs"
	"slices"
	"strconv"
)

// ListVersion names the official list of administrative units a code
// belongs to. Codes were reused on 1 July 2025: 00679 was xã Đại Áng
// before and is xã Ngọc Hồi after, so a code is meaningless without it.
type ListVersion uint8

// List versions.
const (
	ListUnknown    ListVersion = iota // no list: a zero UnitCode
	ListBefore2025                    // in force until 30 June 2025: 63 provinces, districts, ~10,000 communes
	ListFrom2025                      // in force from 1 July 2025: 34 provinces, 3,321 commune-level units
)

// String returns "before 2025-07-01", "from 2025-07-01" or "unknown".
func (v ListVersion) String() string {
	switch v {
	case ListBefore2025:
		return "before 2025-07-01"
	case ListFrom2025:
		return "from 2025-07-01"
	}
	return "unknown"
}

// UnitCode is the official code of an administrative unit (five digits for
// a commune, three for a district, two for a province) together with the
// list it comes from, so that an old code is never read as a new one.
type UnitCode struct {
	Code    string
	Version ListVersion
}

// IsZero reports whether c is the zero UnitCode.
func (c UnitCode) IsZero() bool { return c.Code == "" }

// String returns the code and its list, as in "00679 (from 2025-07-01)".
func (c UnitCode) String() string {
	if c.IsZero() {
		return ""
	}
	return c.Code + " (" + c.Version.String() + ")"
}

// AdminUnit is a commune-level unit of one list: xã, phường, thị trấn or
// đặc khu.
type AdminUnit struct {
	Code         UnitCode
	Type         UnitType // UnitXa, UnitPhuong, UnitThiTran or UnitDacKhu
	Name         string   // canonical name without the type word: "Ngọc Hồi"
	Province     string   // canonical province name: "Hà Nội"
	District     string   // the district, in the list before 2025 only: "Thanh Trì"
	DistrictType UnitType // UnitHuyen, UnitQuan, UnitThiXa, UnitThanhPhoTinh or UnitNone
}

// IsZero reports whether u is the zero AdminUnit.
func (u AdminUnit) IsZero() bool { return u.Code.IsZero() }

// String returns u as an address: "xã Ngọc Hồi, Hà Nội", or with its
// district for a unit of the old list: "xã Đại Áng, huyện Thanh Trì, Hà Nội".
func (u AdminUnit) String() string {
	if u.IsZero() {
		return ""
	}
	s := Part{Type: u.Type, Name: u.Name}.String()
	if u.District != "" {
		s += ", " + Part{Type: u.DistrictType, Name: u.District}.String()
	}
	return s + ", " + u.Province
}

// AdminUnits is an in-memory index of the commune-level units before and
// after the 1 July 2025 reform, with the mapping from each old commune to
// the new unit(s) it went to. Use the built-in one (DefaultUnits), or
// build one with LoadAdminUnits or ReadAdminUnitsTable. It is immutable
// and safe for concurrent use.
type AdminUnits struct {
	cur, old         []auUnit
	curProv, oldProv []auProv
	oldDist          []auDist
	curByName        map[string][]int32 // folded name -> indices into cur
	oldByName        map[string][]int32 // folded name -> indices into old
	curByCode        map[string]int32
	oldByCode        map[string]int32
	provMasks        map[string]auMasks // folded province name -> provinces it may mean
	splitOff         []int32            // old[i] went to cur[splitTo[splitOff[i]:splitOff[i+1]]]
	splitTo          []int32
	oldToCur         []uint64   // old province i went to the current provinces of oldToCur[i]
	distTo           []auDistTo // old districts without communes (the islands)
}

// auUnit is one commune-level unit of the index.
type auUnit struct {
	code string
	name string // canonical display name, without type
	fold string // folded name
	typ  UnitType
	prov int32  // index into curProv or oldProv
	dist int32  // index into oldDist, or -1
	key  uint64 // ward key, for units of the current list
}

// auProv is one province of the index.
type auProv struct {
	code, name, fold string
	typ              UnitType
}

// auDist is one district of the old list.
type auDist struct {
	code, name, fold string
	typ              UnitType
	prov             int32
}

// auDistTo maps an old district that had no communes to its current unit.
type auDistTo struct{ dist, cur int32 }

// auMasks are sets of provinces (bit i = province i) of each list.
type auMasks struct{ cur, old uint64 }

// The files LoadAdminUnits reads.
const (
	auFileAfter  = "units_2025_after.json"
	auFileBefore = "units_2025_before.json"
	auFileSplits = "splits_old_to_new.json"
)

// auWardKeyFlag marks a ward key made from a unit code, as opposed to one
// hashed from a name.
const auWardKeyFlag = uint64(1) << 63

// LoadAdminUnits reads the public lists of administrative units from fsys,
// usually os.DirFS of the adminunits data folder: units_2025_after.json
// (the 34 provinces and their commune-level units),
// units_2025_before.json (the 63 provinces, their districts and
// communes) and splits_old_to_new.json (for each old commune, the new
// unit(s) it went to). The data stays outside this module; see its
// SOURCE.md.
//
// A missing file gives an error that wraps fs.ErrNotExist; malformed JSON
// a *ParseError wrapping ErrSyntax; a reference to a code that is not in
// the lists a *ParseError wrapping ErrUnknownCode. A split target whose
// code is missing from the current list is matched by name within its
// province instead (the data has two such codes).
func LoadAdminUnits(fsys fs.FS) (*AdminUnits, error) {
	var after []struct {
		Code, FullName string
		Wards          []struct{ Code, FullName, ProvinceCode string }
	}
	var before []struct {
		Code, FullName string
		District       []struct {
			Code, FullName, ProvinceCode string
			Ward                         []struct{ Code, FullName, DistrictCode string }
		}
	}
	type target struct {
		NewID string `json:"new_id"`
		Name  string `json:"name"`
	}
	var splits struct {
		Data []struct {
			Level1ID string   `json:"level1_id"`
			Splits   []target `json:"splits"`
			Level2s  []struct {
				Level2ID string   `json:"level2_id"`
				Splits   []target `json:"splits"`
			} `json:"level2s"`
			Level3s []struct {
				Level3ID string   `json:"level3_id"`
				Name     string   `json:"name"`
				Splits   []target `json:"splits"`
			} `json:"level3s"`
		} `json:"data"`
	}
	for _, f := range []struct {
		name string
		v    any
	}{{auFileAfter, &after}, {auFileBefore, &before}, {auFileSplits, &splits}} {
		if err := auReadJSON(fsys, f.name, f.v); err != nil {
			return nil, err
		}
	}

	u := &AdminUnits{
		curByName: make(map[string][]int32),
		oldByName: make(map[string][]int32),
		curByCode: make(map[string]int32),
		oldByCode: make(map[string]int32),
	}
	curProvByCode := map[string]int32{}
	for _, p := range after {
		typ, name := auSplitType(p.FullName, LevelProvince)
		pi := int32(len(u.curProv))
		u.curProv = append(u.curProv, auProv{code: p.Code, name: name, fold: addrFold(name), typ: typ})
		curProvByCode[p.Code] = pi
		for _, w := range p.Wards {
			if w.ProvinceCode != p.Code {
				return nil, auError(ErrUnknownCode, auFileAfter+": a unit lists another province code")
			}
			typ, name := auSplitType(w.FullName, LevelCommune)
			i := int32(len(u.cur))
			code, err := strconv.ParseUint(w.Code, 10, 32)
			if err != nil {
				return nil, auError(ErrSyntax, auFileAfter+": a unit code is not a number")
			}
			u.cur = append(u.cur, auUnit{code: w.Code, name: name, fold: addrFold(name), typ: typ,
				prov: pi, dist: -1, key: auWardKeyFlag | code})
			u.curByName[u.cur[i].fold] = append(u.curByName[u.cur[i].fold], i)
			u.curByCode[w.Code] = i
		}
	}
	oldProvByCode := map[string]int32{}
	oldDistByCode := map[string]int32{}
	for _, p := range before {
		typ, name := auSplitType(p.FullName, LevelProvince)
		pi := int32(len(u.oldProv))
		u.oldProv = append(u.oldProv, auProv{code: p.Code, name: name, fold: addrFold(name), typ: typ})
		oldProvByCode[p.Code] = pi
		for _, d := range p.District {
			typ, name := auSplitType(d.FullName, LevelDistrict)
			di := int32(len(u.oldDist))
			u.oldDist = append(u.oldDist, auDist{code: d.Code, name: name, fold: addrFold(name), typ: typ, prov: pi})
			oldDistByCode[d.Code] = di
			for _, w := range d.Ward {
				typ, name := auSplitType(w.FullName, LevelCommune)
				u.addOld(auUnit{code: w.Code, name: name, fold: addrFold(name), typ: typ, prov: pi, dist: di})
			}
		}
	}
	if len(u.curProv) > 64 || len(u.oldProv) > 64 {
		return nil, auError(ErrRange, "more than 64 provinces in a list")
	}

	// The province mapping.
	u.oldToCur = make([]uint64, len(u.oldProv))
	for _, p := range splits.Data {
		oi, ok := oldProvByCode[p.Level1ID]
		if !ok {
			return nil, auError(ErrUnknownCode, auFileSplits+": unknown old province code")
		}
		for _, t := range p.Splits {
			ci, ok := curProvByCode[t.NewID]
			if !ok {
				return nil, auError(ErrUnknownCode, auFileSplits+": unknown new province code")
			}
			u.oldToCur[oi] |= 1 << ci
		}
	}
	u.indexProvinces()
	oldToCur := u.oldToCur

	// Old communes to new units.
	type pending struct {
		old     int32
		targets []target
		prov    int32
	}
	var todo []pending
	for _, p := range splits.Data {
		oi := oldProvByCode[p.Level1ID]
		for _, l3 := range p.Level3s {
			i, ok := u.oldByCode[l3.Level3ID]
			if !ok {
				// A commune of the mapping missing from the old list: keep it,
				// without its district.
				typ, name := auSplitType(l3.Name, LevelCommune)
				i = u.addOld(auUnit{code: l3.Level3ID, name: name, fold: addrFold(name), typ: typ, prov: oi, dist: -1})
			}
			todo = append(todo, pending{old: i, targets: l3.Splits, prov: oi})
		}
		for _, l2 := range p.Level2s {
			di, ok := oldDistByCode[l2.Level2ID]
			if !ok || len(l2.Splits) != 1 {
				continue
			}
			if ci, ok := u.resolveTarget(l2.Splits[0].NewID, l2.Splits[0].Name, oldToCur[oi]); ok {
				u.distTo = append(u.distTo, auDistTo{di, ci})
			}
		}
	}
	slices.SortStableFunc(todo, func(a, b pending) int { return int(a.old - b.old) })
	u.splitOff = make([]int32, len(u.old)+1)
	next := 0
	for i := range u.old {
		u.splitOff[i] = int32(len(u.splitTo))
		for next < len(todo) && todo[next].old == int32(i) {
			for _, t := range todo[next].targets {
				ci, ok := u.resolveTarget(t.NewID, t.Name, oldToCur[todo[next].prov])
				if !ok {
					return nil, auError(ErrUnknownCode, auFileSplits+": a split target is not in the current list")
				}
				if !slices.Contains(u.splitTo[u.splitOff[i]:], ci) {
					u.splitTo = append(u.splitTo, ci)
				}
			}
			next++
		}
	}
	u.splitOff[len(u.old)] = int32(len(u.splitTo))
	return u, nil
}

// indexProvinces fills provMasks from the provinces of both lists, the
// province mapping oldToCur and the province aliases of ParseAddress.
func (u *AdminUnits) indexProvinces() {
	u.provMasks = make(map[string]auMasks)
	for i, p := range u.curProv {
		m := u.provMasks[p.fold]
		m.cur |= 1 << i
		u.provMasks[p.fold] = m
	}
	for i, p := range u.oldProv {
		m := u.provMasks[p.fold]
		m.old |= 1 << i
		u.provMasks[p.fold] = m
	}
	// A province name also means the new province an old one went into,
	// and the old provinces a new one was made from.
	for k, base := range u.provMasks {
		m := base
		for oi, to := range u.oldToCur {
			if base.old&(1<<oi) != 0 {
				m.cur |= to
			}
			if base.cur&to != 0 {
				m.old |= 1 << oi
			}
		}
		u.provMasks[k] = m
	}
	for alias, canon := range addrProvinces() {
		if m, ok := u.provMasks[addrFold(canon)]; ok {
			if _, exists := u.provMasks[alias]; !exists {
				u.provMasks[alias] = m
			}
		}
	}
	if m, ok := u.provMasks["hue"]; ok {
		u.provMasks["thua thien hue"] = m
	}
}

// addOld appends an old commune to the index and returns its index.
func (u *AdminUnits) addOld(w auUnit) int32 {
	i := int32(len(u.old))
	u.old = append(u.old, w)
	u.oldByName[w.fold] = append(u.oldByName[w.fold], i)
	u.oldByCode[w.code] = i
	return i
}

// resolveTarget finds the current unit a split names: by its code, or,
// when the code is not in the current list, by its name within the new
// provinces provs.
func (u *AdminUnits) resolveTarget(code, fullName string, provs uint64) (int32, bool) {
	if ci, ok := u.curByCode[code]; ok {
		return ci, true
	}
	_, name := auSplitType(fullName, LevelCommune)
	found := int32(-1)
	for _, ci := range u.curByName[addrFold(name)] {
		if provs&(1<<u.cur[ci].prov) != 0 {
			if found >= 0 {
				return 0, false
			}
			found = ci
		}
	}
	return found, found >= 0
}

// auReadJSON decodes the JSON file name of fsys into v.
func auReadJSON(fsys fs.FS, name string, v any) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return &auLoadError{file: name, err: err}
	}
	if err := json.Unmarshal(b, v); err != nil {
		var se *json.SyntaxError
		reason := name + ": not the expected JSON"
		if errors.As(err, &se) {
			reason = name + ": malformed JSON at byte " + strconv.FormatInt(se.Offset, 10)
		}
		return auError(ErrSyntax, reason)
	}
	return nil
}

// auLoadError reports a file LoadAdminUnits could not read.
type auLoadError struct {
	file string
	err  error
}

func (e *auLoadError) Error() string {
	return "normalize.LoadAdminUnits: reading " + e.file + ": " + e.err.Error()
}

func (e *auLoadError) Unwrap() error { return e.err }

// auError returns a *ParseError of LoadAdminUnits.
func auError(sentinel error, reason string) error {
	return parseError("LoadAdminUnits", sentinel, reason)
}

// auSplitType splits an official full name ("Xã Đại áng", "Thành phố Hà
// Nội") into its type word and its canonical name. level says which
// meaning "Thành phố" has.
func auSplitType(full string, level AddressLevel) (UnitType, string) {
	toks := addrAppendTokens(nil, Text(full))
	typ := UnitNone
	if len(toks) > 1 {
		if m, n, _ := addrMatchMarker(toks, 0); m != nil && !m.house && n < len(toks) {
			typ = m.typ
			toks = toks[n:]
		}
	}
	if typ == UnitThanhPho && level == LevelDistrict {
		typ = UnitThanhPhoTinh
	}
	if level == LevelProvince {
		if n, ok := addrKnownProvince(addrJoinFold(toks)); ok {
			return typ, n
		}
		return typ, addrDisplayName(toks, addrNameOptions{})
	}
	return typ, addrDisplayName(toks, addrNameOptions{roman: true, zeros: true})
}

// Len returns the number of commune-level units of list v; 0 for a nil
// *AdminUnits.
func (u *AdminUnits) Len(v ListVersion) int {
	if u == nil {
		return 0
	}
	switch v {
	case ListBefore2025:
		return len(u.old)
	case ListFrom2025:
		return len(u.cur)
	}
	return 0
}

// Unit returns the commune-level unit with code c in c's list. A nil
// *AdminUnits has none.
func (u *AdminUnits) Unit(c UnitCode) (AdminUnit, bool) {
	if u == nil {
		return AdminUnit{}, false
	}
	switch c.Version {
	case ListFrom2025:
		if i, ok := u.curByCode[c.Code]; ok {
			return u.curUnit(i), true
		}
	case ListBefore2025:
		if i, ok := u.oldByCode[c.Code]; ok {
			return u.oldUnit(i), true
		}
	}
	return AdminUnit{}, false
}

// Successors returns the current units an old commune (c.Version must be
// ListBefore2025) went to on 1 July 2025, in the order of the mapping: one
// unit when it was absorbed whole, several when it was split. A nil
// *AdminUnits has none.
func (u *AdminUnits) Successors(c UnitCode) []AdminUnit {
	if u == nil || c.Version != ListBefore2025 {
		return nil
	}
	i, ok := u.oldByCode[c.Code]
	if !ok {
		return nil
	}
	var out []AdminUnit
	for _, ci := range u.splitTo[u.splitOff[i]:u.splitOff[i+1]] {
		out = append(out, u.curUnit(ci))
	}
	return out
}

// curUnit returns the public form of cur[i].
func (u *AdminUnits) curUnit(i int32) AdminUnit {
	w := &u.cur[i]
	return AdminUnit{Code: UnitCode{w.code, ListFrom2025}, Type: w.typ, Name: w.name,
		Province: u.curProv[w.prov].name}
}

// oldUnit returns the public form of old[i].
func (u *AdminUnits) oldUnit(i int32) AdminUnit {
	w := &u.old[i]
	a := AdminUnit{Code: UnitCode{w.code, ListBefore2025}, Type: w.typ, Name: w.name,
		Province: u.oldProv[w.prov].name}
	if w.dist >= 0 {
		a.District, a.DistrictType = u.oldDist[w.dist].name, u.oldDist[w.dist].typ
	}
	return a
}
