package normalize

// UnitType is the kind of one part of an address: the word written before
// its name (xã, phường, huyện, thôn, ngõ...). Each type belongs to one
// level of the address, from the alley up to the province; see
// [UnitType.Level].
type UnitType uint8

// Unit types, grouped by level. District-level types are historical: the
// district tier was abolished on 1 July 2025, but records typed before
// keep them for years.
const (
	UnitNone UnitType = iota // no type word was written

	// Alleys.
	UnitNgo   // ngõ (lane, northern usage)
	UnitNgach // ngách (branch of a ngõ)
	UnitHem   // hẻm (alley, southern usage; a branch of a ngách in Hà Nội)
	UnitKiet  // kiệt (alley, central usage)

	// Streets.
	UnitDuong // đường (road)
	UnitPho   // phố (street, northern usage)
	UnitDaiLo // đại lộ (avenue)

	// Hamlet-level places below the commune.
	UnitThon     // thôn (village)
	UnitXom      // xóm (hamlet)
	UnitAp       // ấp (hamlet, southern usage)
	UnitBan      // bản (village of the northern uplands)
	UnitLang     // làng (village)
	UnitToDanPho // tổ dân phố (residential group), TDP
	UnitTo       // tổ (group)
	UnitKhuPho   // khu phố (quarter), KP
	UnitKhoi     // khối (block, central usage)
	UnitCum      // cụm (cluster)
	UnitDoi      // đội (brigade, an old rural unit)

	// Commune-level units.
	UnitXa      // xã (rural commune)
	UnitPhuong  // phường (urban ward)
	UnitThiTran // thị trấn (township; abolished on 1 July 2025)
	UnitDacKhu  // đặc khu (special zone, since 1 July 2025)

	// District-level units (historical).
	UnitHuyen        // huyện (rural district)
	UnitQuan         // quận (urban district)
	UnitThiXa        // thị xã (district-level town)
	UnitThanhPhoTinh // thành phố thuộc tỉnh (district-level city)

	// Provinces.
	UnitTinh     // tỉnh (province)
	UnitThanhPho // thành phố trực thuộc trung ương (centrally-run city)

	addrUnitTypeCount // number of unit types; keep last
)

// AddressLevel is the rank of a part of an address, from the smallest place to
// the largest.
type AddressLevel int8

// Levels of an address.
const (
	LevelNone     AddressLevel = iota - 1 // no level: UnitNone
	LevelHouse                            // house number
	LevelAlley                            // ngõ, ngách, hẻm, kiệt
	LevelStreet                           // đường, phố
	LevelHamlet                           // thôn, xóm, tổ dân phố...
	LevelCommune                          // xã, phường, thị trấn, đặc khu
	LevelDistrict                         // huyện, quận, thị xã (historical)
	LevelProvince                         // tỉnh, thành phố trực thuộc trung ương
)

// addrUnitInfo holds, per UnitType, its display word and its level.
var addrUnitInfo = [addrUnitTypeCount]struct {
	word  string
	level AddressLevel
}{
	UnitNone:         {"", LevelNone},
	UnitNgo:          {"ngõ", LevelAlley},
	UnitNgach:        {"ngách", LevelAlley},
	UnitHem:          {"hẻm", LevelAlley},
	UnitKiet:         {"kiệt", LevelAlley},
	UnitDuong:        {"đường", LevelStreet},
	UnitPho:          {"phố", LevelStreet},
	UnitDaiLo:        {"đại lộ", LevelStreet},
	UnitThon:         {"thôn", LevelHamlet},
	UnitXom:          {"xóm", LevelHamlet},
	UnitAp:           {"ấp", LevelHamlet},
	UnitBan:          {"bản", LevelHamlet},
	UnitLang:         {"làng", LevelHamlet},
	UnitToDanPho:     {"tổ dân phố", LevelHamlet},
	UnitTo:           {"tổ", LevelHamlet},
	UnitKhuPho:       {"khu phố", LevelHamlet},
	UnitKhoi:         {"khối", LevelHamlet},
	UnitCum:          {"cụm", LevelHamlet},
	UnitDoi:          {"đội", LevelHamlet},
	UnitXa:           {"xã", LevelCommune},
	UnitPhuong:       {"phường", LevelCommune},
	UnitThiTran:      {"thị trấn", LevelCommune},
	UnitDacKhu:       {"đặc khu", LevelCommune},
	UnitHuyen:        {"huyện", LevelDistrict},
	UnitQuan:         {"quận", LevelDistrict},
	UnitThiXa:        {"thị xã", LevelDistrict},
	UnitThanhPhoTinh: {"thành phố", LevelDistrict},
	UnitTinh:         {"tỉnh", LevelProvince},
	UnitThanhPho:     {"thành phố", LevelProvince},
}

// String returns the Vietnamese word for t in lower case ("xã",
// "tổ dân phố", "thành phố"), or "" for UnitNone and unknown values.
func (t UnitType) String() string {
	if t >= addrUnitTypeCount {
		return ""
	}
	return addrUnitInfo[t].word
}

// Level returns the level of the address that t belongs to, or LevelNone
// for UnitNone and unknown values.
func (t UnitType) Level() AddressLevel {
	if t >= addrUnitTypeCount {
		return LevelNone
	}
	return addrUnitInfo[t].level
}

// String returns the English name of the level: "house", "alley",
// "street", "hamlet", "commune", "district", "province", or "none".
func (l AddressLevel) String() string {
	switch l {
	case LevelHouse:
		return "house"
	case LevelAlley:
		return "alley"
	case LevelStreet:
		return "street"
	case LevelHamlet:
		return "hamlet"
	case LevelCommune:
		return "commune"
	case LevelDistrict:
		return "district"
	case LevelProvince:
		return "province"
	}
	return "none"
}
