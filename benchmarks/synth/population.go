package synth

import (
	"math/rand/v2"
	"strconv"
)

// RefYear is the year the files are extracted in: every age is counted at
// 31 December RefYear, and the address reform took effect on 1 July of it.
const RefYear = 2025

// Sex of a person.
type Sex uint8

// Sexes.
const (
	Male   Sex = 1
	Female Sex = 2
)

// None marks a missing person reference (no mother in the population, no
// twin).
const None int32 = -1

// Person is one synthetic person. Names and numbers are stored compactly
// and rendered by the methods, so that ten million people fit in memory.
// Rendered values are the clean, authoritative ones of the registry.
type Person struct {
	Household  int32 // index in Population.Households
	Mother     int32 // index in Population.People, or None
	Father     int32 // index in Population.People, or None
	Twin       int32 // index of the twin, or None
	InRegistry bool  // false for people who moved away or died
	Sex        Sex
	BirthYear  uint16
	BirthMonth uint8
	BirthDay   uint8

	family, middle, given uint16 // indices into vocabulary
	province              uint8  // index into provinces
	ethnic                uint8  // index into ethnicities
	object                uint8  // index into insuranceObjects
	phonePrefix           uint8  // index into phonePrefixes
	serial                uint32 // last six digits of the CCCD
	cmnd                  uint32 // 1 + CMND sequence number; 0 when none
	bhxh                  uint32 // 1 + BHXH sequence number; 0 when uninsured
	phone                 uint32 // 1 + last seven digits; 0 when no phone
}

// FamilyName returns the family name (họ), e.g. "Nguyễn".
func (p *Person) FamilyName() string { return vocabulary[p.family] }

// MiddleName returns the middle name (tên đệm), e.g. "Văn"; it may be "".
func (p *Person) MiddleName() string { return vocabulary[p.middle] }

// GivenName returns the given name (tên), e.g. "Hùng".
func (p *Person) GivenName() string { return vocabulary[p.given] }

// FullName returns family, middle and given name separated by spaces.
func (p *Person) FullName() string {
	if p.middle == 0 {
		return p.FamilyName() + " " + p.GivenName()
	}
	return p.FamilyName() + " " + p.MiddleName() + " " + p.GivenName()
}

// BirthDate returns the birth date as dd/mm/yyyy.
func (p *Person) BirthDate() string {
	b := make([]byte, 0, 10)
	b = append2(b, int(p.BirthDay))
	b = append(b, '/')
	b = append2(b, int(p.BirthMonth))
	b = append(b, '/')
	b = strconv.AppendInt(b, int64(p.BirthYear), 10)
	return string(b)
}

// Age returns the age in completed years at the end of RefYear.
func (p *Person) Age() int { return RefYear - int(p.BirthYear) }

// NationalID returns the 12-digit CCCD number: the three-digit code of the
// province of birth registration, one digit for sex and century (0 male /
// 1 female born 1900-1999, 2 / 3 born 2000-2099), the last two digits of
// the birth year, and six digits unique within that prefix.
func (p *Person) NationalID() string {
	b := make([]byte, 0, 12)
	b = append3(b, int(provinces[p.province].code))
	b = append(b, byte('0'+p.centurySex()))
	b = append2(b, int(p.BirthYear%100))
	return string(appendN(b, int(p.serial), 6))
}

func (p *Person) centurySex() int {
	d := 2 * (int(p.BirthYear)/100 - 19)
	if p.Sex == Female {
		d++
	}
	return d
}

// OldID returns the 9-digit CMND number the person had before the CCCD, or
// "" if they never had one.
func (p *Person) OldID() string {
	if p.cmnd == 0 {
		return ""
	}
	return string(appendN([]byte{'0', '1'}, int(p.cmnd-1), 7))
}

// BHXHNumber returns the 10-digit social-insurance number, or "" for an
// uninsured person. It survives every reissue of the BHYT card.
func (p *Person) BHXHNumber() string {
	if p.bhxh == 0 {
		return ""
	}
	return string(appendN([]byte{'0', '1'}, int(p.bhxh-1), 8))
}

// InsuranceID returns the 15-character BHYT card number, or "" for an
// uninsured person: two-letter object code, benefit level digit, two-digit
// province code (01, Hà Nội) and the 10-digit BHXH number.
func (p *Person) InsuranceID() string {
	return p.insuranceID(p.object)
}

func (p *Person) insuranceID(object uint8) string {
	if p.bhxh == 0 {
		return ""
	}
	o := insuranceObjects[object]
	b := make([]byte, 0, 15)
	b = append(b, o.code...)
	b = append(b, o.level, '0', '1', '0', '1')
	return string(appendN(b, int(p.bhxh-1), 8))
}

// Phone returns the 10-digit mobile number, or "" for none. Children carry
// a parent's number.
func (p *Person) Phone() string {
	if p.phone == 0 {
		return ""
	}
	b := append([]byte(nil), phonePrefixes[p.phonePrefix].now...)
	return string(appendN(b, int(p.phone-1), 7))
}

// Ethnicity returns the name of the ethnic group, e.g. "Kinh".
func (p *Person) Ethnicity() string { return ethnicities[p.ethnic].name }

// Household is a family living at one address.
type Household struct {
	Hamlet int32 // index in Population.Hamlets
}

// Hamlet is a village (thôn) of the commune, lying in one pre-reform
// commune.
type Hamlet struct {
	Name           string // e.g. "Thôn Đông", or "Tổ dân phố 3" in a ward of the city mode
	OldCommune     string // e.g. "Đại Áng"
	District       string // pre-reform district, e.g. "Thanh Trì"
	Commune        int32  // index in Population.Communes
	CommuneName    string // the commune from 1 July 2025, e.g. "Ngọc Hồi"
	CommuneType    string // its type: "xã" or "phường"
	OldCommuneType string // type of OldCommune: "xã", "phường" or "thị trấn"
	DistrictType   string // type of District: "huyện", "quận" or "thị xã"
}

// Population is a generated commune: its people, grouped in households
// living in hamlets. The first Config.People people are in the registry;
// those after them are gone.
type Population struct {
	People     []Person
	Households []Household
	Hamlets    []Hamlet
	// Communes are the communes the hamlets lie in: xã Ngọc Hồi alone
	// unless Config.Communes > 0.
	Communes []Commune

	hamletCum []uint32 // cumulative household weights of Hamlets
	moves     []move   // per household, in city mode with Config.Moved > 0
}

// PersonID returns the identifier of person i in the truth file,
// "P" followed by eight digits.
func PersonID(i int) string { return string(appendN([]byte{'P'}, i, 8)) }

// Stream numbers of the random generators of each phase, so that changing
// one phase never shifts the draws of another.
const (
	streamPopulation uint64 = 0x9e3779b97f4a7c15 + iota
	streamEHRPlan
	streamBHYTPlan
	streamRecord
	streamCity
	streamCityMoves
	streamCityStations
)

// NewPopulation generates the population of cfg.
func NewPopulation(cfg Config) (*Population, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	b := &builder{
		cfg: cfg,
		rng: rand.New(rand.NewPCG(cfg.Seed, streamPopulation)),
	}
	b.init()
	b.fill(cfg.People, true)
	b.fill(int(float64(cfg.People)*cfg.Gone+0.5), false)
	return &Population{People: b.people, Households: b.households, Hamlets: b.hamlets,
		Communes: b.communes, hamletCum: b.hamletCum, moves: b.cityMoves()}, nil
}

// builder holds the state of population generation.
type builder struct {
	cfg        Config
	rng        *rand.Rand
	people     []Person
	households []Household
	hamlets    []Hamlet
	communes   []Commune

	// Sequence counters that make numbers unique: CCCD serials per
	// (province, sex-century digit, two-digit year), CMND, BHXH and phone
	// sequence numbers. Each is mapped through an affine permutation so
	// that consecutive people do not get consecutive numbers.
	serials   [][4][100]uint32
	cmndSeq   uint32
	bhxhSeq   uint32
	phoneSeq  []uint32
	permOff   [4]uint32
	hamletCum []uint32
}

// Multipliers of the permutations x -> (a*x + off) mod 10^k; each is
// coprime with 10.
const (
	permSerial = 387_853 // mod 10^6
	permCMND   = 3_891_307
	permBHXH   = 38_917_213
	permPhone  = 7_654_323
)

func (b *builder) init() {
	n := b.cfg.People
	if b.cfg.Communes > 0 {
		b.initCity()
	} else {
		b.initCommune()
	}
	b.serials = make([][4][100]uint32, len(provinces))
	b.phoneSeq = make([]uint32, len(phonePrefixes))
	for i := range b.permOff {
		b.permOff[i] = b.rng.Uint32()
	}
	total := n + int(float64(n)*b.cfg.Gone+0.5)
	b.people = make([]Person, 0, total+8)
	b.households = make([]Household, 0, total/3+8)
}

// initCommune builds the hamlets of the single commune xã Ngọc Hồi.
func (b *builder) initCommune() {
	nh := max(5, (b.cfg.People+1499)/1500) // about 1,500 people per hamlet
	b.hamlets = make([]Hamlet, nh)
	b.hamletCum = make([]uint32, nh)
	b.communes = []Commune{{Code: codeNgocHoi, Type: "xã", Name: communeNew, Share: 1}}
	var s uint32
	for i := range b.hamlets {
		name := "Thôn " + hamletNames[i%len(hamletNames)]
		if k := i / len(hamletNames); k > 0 {
			name += " " + strconv.Itoa(k+1)
		}
		oc := oldCommunes[i%len(oldCommunes)]
		b.hamlets[i] = Hamlet{Name: name, OldCommune: oc.name, District: oc.district,
			CommuneName: communeNew, CommuneType: "xã", OldCommuneType: "xã", DistrictType: "huyện"}
		s += 1 + b.rng.Uint32N(3) // hamlets of uneven size
		b.hamletCum[i] = s
	}
}

// fill adds households until n more people exist, then drops the surplus
// of the last household.
func (b *builder) fill(n int, inRegistry bool) {
	start := len(b.people)
	for len(b.people)-start < n {
		b.household(inRegistry)
	}
	b.people = b.people[:start+n]
	// Drop references to the dropped people (a twin, a grandmother).
	limit := int32(len(b.people))
	for i := start; i < len(b.people); i++ {
		p := &b.people[i]
		for _, ref := range []*int32{&p.Twin, &p.Mother, &p.Father} {
			if *ref >= limit {
				*ref = None
			}
		}
	}
}

// Age groups of the rough age pyramid of the population, in five-year
// groups from 0-4 to 80-84 plus 85-99, weights per mille (shape after the
// 2019 census of Viet Nam). Adult household heads are drawn from it.
var pyramid = []uint32{80, 85, 76, 69, 70, 79, 83, 79, 73, 67, 60, 54, 45, 33, 20, 13, 10, 10}

// adultAge draws an age of at least lo from the pyramid.
func (b *builder) adultAge(lo int) int {
	for {
		g := pickCum(b.rng, pyramidCum)
		span := 5
		if g == len(pyramid)-1 {
			span = 15
		}
		a := g*5 + b.rng.IntN(span)
		if a >= lo {
			return a
		}
	}
}

var pyramidCum = func() []uint32 {
	c := make([]uint32, len(pyramid))
	var s uint32
	for i, w := range pyramid {
		s += w
		c[i] = s
	}
	return c
}()

// household creates one household: a single person (often an old widow),
// or a couple (sometimes widowed) with their children still at home,
// sometimes with a grandparent.
func (b *builder) household(inRegistry bool) {
	h := int32(len(b.households))
	b.households = append(b.households, Household{Hamlet: int32(pickCum(b.rng, b.hamletCum))})
	r := b.rng.Float64()
	if r < 0.10 {
		age := b.adultAge(20)
		sex := Male
		if age >= 60 && b.rng.Float64() < 0.7 || b.rng.Float64() < 0.5 {
			sex = Female
		}
		b.add(h, inRegistry, sex, age, familyNames.pick(b.rng), None, None)
		return
	}
	husbandAge := b.adultAge(22)
	wifeAge := max(18, husbandAge-(b.rng.IntN(9)-2))
	husband, wife := None, None
	familyName := familyNames.pick(b.rng)
	widowed := b.rng.Float64() < 0.06+float64(husbandAge)/400
	keepWife := b.rng.Float64() < 0.7
	if !widowed || !keepWife {
		husband = b.add(h, inRegistry, Male, husbandAge, familyName, None, None)
	}
	if !widowed || keepWife {
		wife = b.add(h, inRegistry, Female, wifeAge, familyNames.pick(b.rng), None, None)
	}
	// Children, born when the mother was 20 to 40.
	motherBirth := RefYear - wifeAge
	var nChildren int
	switch {
	case motherBirth < 1960:
		nChildren = 2 + b.rng.IntN(4)
	case motherBirth < 1985:
		nChildren = 1 + b.rng.IntN(3)
	default:
		nChildren = 1 + b.rng.IntN(3)
		if b.rng.Float64() < 0.1 {
			nChildren = 0
		}
	}
	ageAtBirth := 20 + b.rng.IntN(10)
	var firstChild = len(b.people)
	for k := 0; k < nChildren && ageAtBirth <= 42; k++ {
		childAge := wifeAge - ageAtBirth
		ageAtBirth += 1 + b.rng.IntN(5)
		if childAge < 0 {
			break
		}
		if childAge >= 25 && b.rng.Float64() < 0.8 {
			continue // moved out
		}
		c := b.child(h, inRegistry, familyName, husband, wife, childAge, firstChild)
		if b.rng.Float64() < b.cfg.Twins {
			t := b.child(h, inRegistry, familyName, husband, wife, childAge, firstChild)
			tp, cp := &b.people[t], &b.people[c]
			tp.BirthYear, tp.BirthMonth, tp.BirthDay = cp.BirthYear, cp.BirthMonth, cp.BirthDay
			tp.province = cp.province
			tp.serial = b.nextSerial(tp)
			tp.Twin, cp.Twin = c, t
			if tp.given == cp.given {
				tp.given = b.givenName(tp.Sex)
				for tp.given == cp.given {
					tp.given = b.givenName(tp.Sex)
				}
			}
		}
	}
	// A widowed grandmother on the father's side.
	if husband != None && husbandAge+22 <= 95 && b.rng.Float64() < 0.2 {
		gAge := husbandAge + 20 + b.rng.IntN(min(15, 96-husbandAge-20))
		g := b.add(h, inRegistry, Female, gAge, familyNames.pick(b.rng), None, None)
		b.people[husband].Mother = g
	}
}

// child adds a child of the couple; siblings of the same sex get different
// given names, except that a son may get his father's full name.
func (b *builder) child(h int32, inRegistry bool, family uint16, father, mother int32, age, firstSibling int) int32 {
	sex := Male
	if b.rng.Float64() >= 0.512 {
		sex = Female
	}
	c := b.add(h, inRegistry, sex, age, family, father, mother)
	p := &b.people[c]
	if sex == Male && father != None && b.rng.Float64() < b.cfg.FatherSonSameName {
		f := &b.people[father]
		p.middle, p.given = f.middle, f.given
		return c
	}
	for try := 0; try < 8; try++ {
		clash := false
		for s := firstSibling; s < int(c); s++ {
			if b.people[s].given == p.given && b.people[s].Household == h {
				clash = true
				break
			}
		}
		if !clash {
			break
		}
		p.given = b.givenName(sex)
	}
	if mother != None {
		m := &b.people[mother]
		if m.phone != 0 && age < 16 {
			p.phone, p.phonePrefix = m.phone, m.phonePrefix
		}
		p.ethnic = m.ethnic
	}
	if father != None {
		p.ethnic = b.people[father].ethnic
	}
	if age < 30 && b.rng.Float64() < 0.95 {
		p.province = 0 // born here: Hà Nội
		p.serial = b.nextSerial(p)
	}
	return c
}

func (b *builder) givenName(sex Sex) uint16 {
	if sex == Male {
		return givenMale.pick(b.rng)
	}
	return givenFemale.pick(b.rng)
}

// add appends one person of the given sex, age and family name.
func (b *builder) add(h int32, inRegistry bool, sex Sex, age int, family uint16, father, mother int32) int32 {
	i := int32(len(b.people))
	b.people = append(b.people, Person{
		Household: h, Mother: mother, Father: father, Twin: None,
		InRegistry: inRegistry, Sex: sex,
		family: family,
	})
	p := &b.people[i]
	p.BirthYear = uint16(RefYear - age)
	p.BirthMonth = uint8(1 + b.rng.IntN(12))
	p.BirthDay = uint8(1 + b.rng.IntN(daysIn(int(p.BirthYear), int(p.BirthMonth))))
	young := p.BirthYear >= 1990
	switch {
	case sex == Male && young:
		p.middle = middleMaleYoung.pick(b.rng)
	case sex == Male:
		p.middle = middleMaleOld.pick(b.rng)
	case young:
		p.middle = middleFemaleYoung.pick(b.rng)
	default:
		p.middle = middleFemaleOld.pick(b.rng)
	}
	p.given = b.givenName(sex)
	p.province = uint8(pickCum(b.rng, provinceCum))
	p.serial = b.nextSerial(p)
	p.ethnic = uint8(pickCum(b.rng, ethnicCum))
	if p.BirthYear <= 2007 && b.rng.Float64() < 0.8 {
		b.cmndSeq++
		p.cmnd = uint32(1 + (uint64(b.cmndSeq)*permCMND+uint64(b.permOff[1]))%10_000_000)
	}
	if b.rng.Float64() < 0.92 {
		b.bhxhSeq++
		p.bhxh = uint32(1 + (uint64(b.bhxhSeq)*permBHXH+uint64(b.permOff[2]))%100_000_000)
		p.object = b.insuranceObject(age)
	}
	if age >= 16 && b.rng.Float64() < phoneShare(age) {
		k := pickCum(b.rng, phoneCum)
		b.phoneSeq[k]++
		p.phonePrefix = uint8(k)
		p.phone = uint32(1 + (uint64(b.phoneSeq[k])*permPhone+uint64(b.permOff[3])+scramble(uint64(k))%10_000_000)%10_000_000)
	}
	return i
}

// scramble mixes x into a pseudo-random offset (the SplitMix64 finaliser),
// so that number sequences of different prefixes start at unrelated places.
func scramble(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

func phoneShare(age int) float64 {
	switch {
	case age >= 80:
		return 0.4
	case age >= 65:
		return 0.75
	default:
		return 0.92
	}
}

// nextSerial returns the next unique CCCD serial of p's prefix.
func (b *builder) nextSerial(p *Person) uint32 {
	cs := p.centurySex() & 3
	c := &b.serials[p.province][cs][p.BirthYear%100]
	*c++
	prefix := (uint64(p.province)*4+uint64(cs))*100 + uint64(p.BirthYear%100)
	return uint32((uint64(*c)*permSerial + uint64(b.permOff[0]) + scramble(prefix)%1_000_000) % 1_000_000)
}

// insuranceObject draws a BHYT object code plausible for the age.
func (b *builder) insuranceObject(age int) uint8 {
	r := b.rng.Float64()
	switch {
	case age < 6:
		return objTE
	case age < 18:
		return objHS
	case age < 23:
		if r < 0.4 {
			return objSV
		}
		if r < 0.7 {
			return objGD
		}
		return objDN
	case age < 60:
		switch {
		case r < 0.45:
			return objDN
		case r < 0.53:
			return objHC
		case r < 0.88:
			return objGD
		case r < 0.92:
			return objHN
		case r < 0.96:
			return objCN
		default:
			return objKC
		}
	default:
		switch {
		case r < 0.40:
			return objHT
		case r < 0.55:
			return objBT
		case r < 0.90:
			return objGD
		case r < 0.95:
			return objCC
		default:
			return objKC
		}
	}
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// append2 appends v as two digits.
func append2(b []byte, v int) []byte { return append(b, byte('0'+v/10%10), byte('0'+v%10)) }

// append3 appends v as three digits.
func append3(b []byte, v int) []byte {
	return append(b, byte('0'+v/100%10), byte('0'+v/10%10), byte('0'+v%10))
}

// appendN appends v as exactly n digits, with leading zeros.
func appendN(b []byte, v, n int) []byte {
	start := len(b)
	for range n {
		b = append(b, '0')
	}
	for i := len(b) - 1; i >= start; i-- {
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return b
}
