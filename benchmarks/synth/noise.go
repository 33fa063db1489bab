package synth

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/vnlink/vnlink/normalize"
)

// This file damages clean values the way people and old software do. Every
// function takes the record's own random generator, so a record's noise
// does not depend on the order records are produced in.

// noisyName returns the name of a person as typed into a record, and notes
// in k how it differs from the person's name.
func noisyName(r *rand.Rand, n *Noise, p *Person, prefix string, mother *Person, k *noiseNote) string {
	family, middle, given := p.FamilyName(), p.MiddleName(), p.GivenName()
	if mother != nil {
		family, middle, given = mother.FamilyName(), mother.MiddleName(), mother.GivenName()
		k.note(NoiseValue, "NewbornUnderParent")
	}
	if hit(r, n.NameVariant) {
		f, g := variant(family), variant(given)
		switch {
		case f == family && g == given:
		case (f == family || newToneStyle(family) == f) && (g == given || newToneStyle(given) == g):
			k.note(NoiseForm, "NameVariant") // Thủy/Thuỷ: tone placement only
		default:
			k.note(NoiseValue, "NameVariant")
		}
		family, given = f, g
	}
	if hit(r, n.DropMiddle) && middle != "" {
		middle = ""
		k.note(NoiseValue, "DropMiddle")
	}
	var b strings.Builder
	b.Grow(len(prefix) + len(family) + len(middle) + len(given) + 2)
	b.WriteString(prefix)
	b.WriteString(family)
	if middle != "" {
		b.WriteByte(' ')
		b.WriteString(middle)
	}
	b.WriteByte(' ')
	b.WriteString(given)
	return noisyText(r, n, b.String(), k)
}

// noisyText applies the text-level noise of n to s and notes in k what
// changed: a typo that changes the letters is a value change; a typo that
// changes only marks (ễ for ê, đ for d) and everything else are changes of
// form.
func noisyText(r *rand.Rand, n *Noise, s string, k *noiseNote) string {
	var form noiseNote
	noted := func(changed bool, cause string) {
		if changed {
			form.note(NoiseForm, cause)
		}
	}
	if hit(r, n.Typo) {
		t := typo(r, s)
		if t != s && foldVietnamese(t) != foldVietnamese(s) {
			k.note(NoiseValue, "Typo")
		} else {
			noted(t != s, "Typo")
		}
		s = t
	}
	if hit(r, n.ToneStyle) {
		t := newToneStyle(s)
		noted(t != s, "ToneStyle")
		s = t
	}
	if hit(r, n.Upper) {
		t := strings.ToUpper(s)
		noted(t != s, "Upper")
		s = t
	}
	if hit(r, n.NoDiacritics) {
		t := foldVietnamese(s)
		noted(t != s, "NoDiacritics")
		s = t
	}
	if hit(r, n.Spaces) {
		s = extraSpace(r, s)
		noted(true, "Spaces")
	}
	x := r.Float64()
	t := s
	switch {
	case x < n.NFD:
		t = norm.NFD.String(s)
		noted(t != s, "NFD")
	case x < n.NFD+n.TCVN3:
		t = normalize.EncodeLegacy(s, normalize.TCVN3)
		noted(t != s, "TCVN3")
	case x < n.NFD+n.TCVN3+n.VNI:
		t = normalize.EncodeLegacy(s, normalize.VNI)
		noted(t != s, "VNI")
	case x < n.NFD+n.TCVN3+n.VNI+n.Mojibake:
		t = normalize.EncodeLegacy(s, normalize.Mojibake)
		noted(t != s, "Mojibake")
	}
	if form.kind != 0 {
		k.note(form.kind, form.cause)
	}
	return t
}

func hit(r *rand.Rand, p float64) bool { return p > 0 && r.Float64() < p }

// variant returns the other spelling of a name that has a regional or
// spelling variant, or the name itself.
func variant(w string) string {
	switch w {
	case "Hoàng":
		return "Huỳnh"
	case "Huỳnh":
		return "Hoàng"
	case "Vũ":
		return "Võ"
	case "Võ":
		return "Vũ"
	case "Ly":
		return "Li"
	case "Vy":
		return "Vi"
	case "My":
		return "Mi"
	case "Quý":
		return "Quí"
	case "Thúy":
		return "Thuý"
	case "Thủy":
		return "Thuỷ"
	}
	return w
}

// foldVietnamese removes every combining mark and writes đ as d.
func foldVietnamese(s string) string {
	d := norm.NFD.String(s)
	b := make([]byte, 0, len(d))
	for _, c := range d {
		switch {
		case unicode.Is(unicode.Mn, c):
		case c == 'đ':
			b = append(b, 'd')
		case c == 'Đ':
			b = append(b, 'D')
		default:
			b = utf8.AppendRune(b, c)
		}
	}
	return string(b)
}

func isToneMark(c rune) bool {
	switch c {
	case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323':
		return true
	}
	return false
}

// newToneStyle moves the tone mark of the open syllables oa, oe and uy
// from the first vowel to the second ("hòa" -> "hoà", "Thủy" -> "Thuỷ"),
// the placement of the 1980s orthography reform.
func newToneStyle(s string) string {
	rs := []rune(norm.NFD.String(s))
	changed := false
	for i := 1; i+1 < len(rs); i++ {
		if !isToneMark(rs[i]) {
			continue
		}
		v, w := unicode.ToLower(rs[i-1]), unicode.ToLower(rs[i+1])
		if !(v == 'o' && (w == 'a' || w == 'e') || v == 'u' && w == 'y') {
			continue
		}
		if i+2 < len(rs) && unicode.IsLetter(rs[i+2]) {
			continue // closed syllable ("hoàng"): the mark stays
		}
		if v == 'u' && i >= 2 && unicode.ToLower(rs[i-2]) == 'q' {
			continue // "quý": u belongs to qu
		}
		rs[i], rs[i+1] = rs[i+1], rs[i]
		changed = true
		i++
	}
	if !changed {
		return s
	}
	return norm.NFC.String(string(rs))
}

// typoLetters are the letters a typo inserts or substitutes.
var typoLetters = []rune("aăâeêioôơuưydđnhgmtcl")

// typo applies one substitution, insertion, deletion or transposition at a
// letter of s.
func typo(r *rand.Rand, s string) string {
	rs := []rune(norm.NFC.String(s))
	var letters []int
	for i, c := range rs {
		if unicode.IsLetter(c) {
			letters = append(letters, i)
		}
	}
	if len(letters) < 2 {
		return s
	}
	i := letters[r.IntN(len(letters))]
	switch r.IntN(4) {
	case 0: // substitution
		c := typoLetters[r.IntN(len(typoLetters))]
		if c == unicode.ToLower(rs[i]) {
			c = 'x'
		}
		if unicode.IsUpper(rs[i]) {
			c = unicode.ToUpper(c)
		}
		rs[i] = c
	case 1: // insertion
		c := typoLetters[r.IntN(len(typoLetters))]
		rs = append(rs[:i+1], append([]rune{c}, rs[i+1:]...)...)
	case 2: // deletion
		rs = append(rs[:i], rs[i+1:]...)
	default: // transposition with the next letter of the same word
		if i+1 < len(rs) && unicode.IsLetter(rs[i+1]) {
			rs[i], rs[i+1] = rs[i+1], rs[i]
		} else if i > 0 && unicode.IsLetter(rs[i-1]) {
			rs[i-1], rs[i] = rs[i], rs[i-1]
		}
	}
	return string(rs)
}

// extraSpace doubles one space or adds a trailing one.
func extraSpace(r *rand.Rand, s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 && r.IntN(2) == 0 {
		return s[:i] + " " + s[i:]
	}
	return s + " "
}

// Birth-date formats, by index.
const (
	dateDMY       = iota // 05/03/1987, the canonical one
	dateDMYShort         // 5/3/1987
	dateDMYDash          // 05-03-1987
	dateDMYDot           // 05.03.1987
	dateISO              // 1987-03-05
	dateCompact          // 19870305
	dateTimestamp        // 198703050000
	dateExcel            // 31841 (days since 1899-12-30)
	dateFormatCount
)

// noisyDate renders a birth date as typed into a record and notes in k how
// it differs from dd/mm/yyyy.
func noisyDate(r *rand.Rand, n *Noise, y, m, d int, k *noiseNote) string {
	if hit(r, n.DateMissing) {
		k.note(NoiseMissing, "DateMissing")
		return ""
	}
	if hit(r, n.YearOnly) {
		k.note(NoiseMissing, "YearOnly")
		return strconv.Itoa(y)
	}
	if hit(r, n.DaySwap) && d <= 12 && d != m {
		d, m = m, d
		k.note(NoiseValue, "DaySwap")
	}
	f := dateDMY
	if hit(r, n.DateFormat) {
		f = 1 + r.IntN(dateFormatCount-1)
	}
	b := appendDate(make([]byte, 0, 12), f, y, m, d)
	if f != dateDMY && string(b) != string(appendDate(make([]byte, 0, 12), dateDMY, y, m, d)) {
		k.note(NoiseForm, "DateFormat") // d/m/yyyy of 15/11/1987 is dd/mm/yyyy
	}
	if hit(r, n.DateTypo) {
		var i int
		b, i = digitTypo(r, b)
		// A typo in the HHMM of yyyymmddHHMM leaves the date as it was,
		// unless the time it makes is no time of day.
		if f != dateTimestamp || i < 8 || b[8] > '2' || b[8] == '2' && b[9] > '3' || b[10] > '5' {
			k.note(NoiseValue, "DateTypo")
		}
	}
	return string(b)
}

// appendDate appends the date in format f.
func appendDate(b []byte, f, y, m, d int) []byte {
	switch f {
	case dateDMYShort:
		b = strconv.AppendInt(b, int64(d), 10)
		b = append(b, '/')
		b = strconv.AppendInt(b, int64(m), 10)
		b = append(b, '/')
		return strconv.AppendInt(b, int64(y), 10)
	case dateDMYDash, dateDMYDot, dateDMY:
		sep := byte('/')
		if f == dateDMYDash {
			sep = '-'
		} else if f == dateDMYDot {
			sep = '.'
		}
		b = append2(b, d)
		b = append(b, sep)
		b = append2(b, m)
		b = append(b, sep)
		return appendN(b, y, 4)
	case dateISO:
		b = appendN(b, y, 4)
		b = append(b, '-')
		b = append2(b, m)
		b = append(b, '-')
		return append2(b, d)
	case dateCompact, dateTimestamp:
		b = appendN(b, y, 4)
		b = append2(b, m)
		b = append2(b, d)
		if f == dateTimestamp {
			b = append(b, "0000"...)
		}
		return b
	default: // dateExcel
		return strconv.AppendInt(b, int64(daysFromCivil(y, m, d)-daysFromCivil(1899, 12, 30)), 10)
	}
}

// daysFromCivil returns the number of days from 1970-01-01 to the given
// proleptic Gregorian date (negative before it).
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12 // March = 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int) (y, m, d int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// digitTypo replaces one digit of b with another digit and returns b and
// the index of the digit, or -1 when b has no digit.
func digitTypo(r *rand.Rand, b []byte) ([]byte, int) {
	var pos []int
	for i, c := range b {
		if c >= '0' && c <= '9' {
			pos = append(pos, i)
		}
	}
	if len(pos) == 0 {
		return b, -1
	}
	i := pos[r.IntN(len(pos))]
	b[i] = byte('0' + (int(b[i]-'0')+1+r.IntN(9))%10)
	return b, i
}

var (
	maleSpellings   = []string{"nam", "NAM", "M", "1", "Male", "Trai"}
	femaleSpellings = []string{"nữ", "NỮ", "nu", "Nu", "F", "2", "Female", "Gái"}
)

// noisySex renders a sex as typed into a record and notes in k how it
// differs from Nam/Nữ.
func noisySex(r *rand.Rand, n *Noise, s Sex, k *noiseNote) string {
	if hit(r, n.SexMissing) {
		k.note(NoiseMissing, "SexMissing")
		return ""
	}
	if hit(r, n.SexSpelling) {
		k.note(NoiseForm, "SexSpelling")
		if s == Male {
			return maleSpellings[r.IntN(len(maleSpellings))]
		}
		return femaleSpellings[r.IntN(len(femaleSpellings))]
	}
	if s == Male {
		return "Nam"
	}
	return "Nữ"
}

// noisyNationalID renders the national ID as typed into a record and notes
// in k how it differs from the CCCD. parent is the parent whose CCCD a
// child's record may carry instead (Noise.IDParent), or nil.
func noisyNationalID(r *rand.Rand, n *Noise, p, parent *Person, k *noiseNote) string {
	if hit(r, n.IDMissing) {
		k.note(NoiseMissing, "IDMissing")
		return ""
	}
	id := p.NationalID()
	if parent != nil && hit(r, n.IDParent) {
		id = parent.NationalID()
		k.note(NoiseValue, "IDParent")
	} else if hit(r, n.IDOldCMND) && p.cmnd != 0 {
		id = p.OldID()
		k.note(NoiseOutdated, "IDOldCMND")
	}
	if hit(r, n.IDTypo) {
		b, _ := digitTypo(r, []byte(id))
		id = string(b)
		k.note(NoiseValue, "IDTypo")
	}
	if hit(r, n.IDLostZero) {
		t := strings.TrimLeft(id, "0")
		if t != id {
			k.note(NoiseForm, "IDLostZero")
		}
		id = t
	}
	return id
}

// noisyInsuranceID renders the BHYT card number as typed into a record
// and notes in k how it differs from the current card. A bare BHXH number
// counts as an outdated card, as vnperson classifies it.
func noisyInsuranceID(r *rand.Rand, n *Noise, p *Person, k *noiseNote) string {
	if p.bhxh == 0 {
		return ""
	}
	if hit(r, n.InsuranceMissing) {
		k.note(NoiseMissing, "InsuranceMissing")
		return ""
	}
	if hit(r, n.InsuranceShort) {
		k.note(NoiseOutdated, "InsuranceShort")
		return p.BHXHNumber()
	}
	if hit(r, n.InsuranceReissued) {
		id := p.insuranceID(previousObject[p.object])
		if id != p.InsuranceID() {
			k.note(NoiseOutdated, "InsuranceReissued")
		}
		return id
	}
	return p.InsuranceID()
}

// noisyPhone renders the phone number as typed into a record and notes in
// k how it differs from the current number.
func noisyPhone(r *rand.Rand, n *Noise, p *Person, k *noiseNote) string {
	if p.phone == 0 {
		return ""
	}
	if hit(r, n.PhoneMissing) {
		k.note(NoiseMissing, "PhoneMissing")
		return ""
	}
	pre := phonePrefixes[p.phonePrefix]
	b := make([]byte, 0, 20)
	if old := pre.old; old != "" && hit(r, n.PhoneOld) {
		b = append(b, old...)
		k.note(NoiseOutdated, "PhoneOld")
	} else {
		b = append(b, pre.now...)
	}
	b = appendN(b, int(p.phone-1), 7)
	if !hit(r, n.PhoneFormat) {
		return string(b)
	}
	k.note(NoiseForm, "PhoneFormat")
	rest := string(b[1:]) // without the leading 0
	head := len(b) - 6    // "0912" or "01688"
	switch r.IntN(7) {
	case 0:
		return string(b[:head]) + " " + string(b[head:head+3]) + " " + string(b[head+3:])
	case 1:
		return string(b[:head]) + "." + string(b[head:head+3]) + "." + string(b[head+3:])
	case 2:
		return string(b[:head]) + "-" + string(b[head:head+3]) + "-" + string(b[head+3:])
	case 3:
		return "+84" + rest
	case 4:
		return "84" + rest
	case 5:
		return rest
	default:
		return "(+84) " + string(b[1:head]) + " " + string(b[head:head+3]) + " " + string(b[head+3:])
	}
}

// address renders the address of a hamlet, before or after the reform.
func address(h *Hamlet, old bool) string {
	if old {
		return h.Name + ", " + h.OldCommuneType + " " + h.OldCommune + ", " + h.DistrictType + " " + h.District +
			", thành phố " + provinceNew
	}
	return h.Name + ", " + h.CommuneType + " " + h.CommuneName + ", thành phố " + provinceNew
}

// unitAbbrev is the abbreviation of each unit type in a typed address.
var unitAbbrev = map[string]string{"xã": "X.", "phường": "P.", "thị trấn": "TT.",
	"huyện": "H.", "quận": "Q.", "thị xã": "TX.", "thành phố": "TP."}

// hamletShort returns the abbreviated, lower-case and bare forms of a
// hamlet name: "Th. Đông", "thôn Đông", "Đông" for a village, "TDP 3",
// "tổ dân phố 3", "TDP 3" for a residential group.
func hamletShort(name string) (abbrev, lower, bare string) {
	if n, ok := strings.CutPrefix(name, "Tổ dân phố "); ok {
		return "TDP " + n, "tổ dân phố " + n, "TDP " + n
	}
	short := strings.TrimPrefix(name, "Thôn ")
	return "Th. " + short, "thôn " + short, short
}

// noisyAddress renders an address as typed into a record; old says the
// record was written before the reform. It notes in k how the address
// differs from the current one.
func noisyAddress(r *rand.Rand, n *Noise, h *Hamlet, old bool, k *noiseNote) string {
	if hit(r, n.AddressMissing) {
		k.note(NoiseMissing, "AddressMissing")
		return ""
	}
	if old {
		k.note(NoiseOutdated, "CreatedBeforeReform")
	}
	if hit(r, n.AddressOld) {
		old = true
		k.note(NoiseOutdated, "AddressOld")
	}
	if !hit(r, n.AddressAbbrev) {
		return addressText(r, n, address(h, old), k)
	}
	k.note(NoiseForm, "AddressAbbrev")
	abbrev, lower, bare := hamletShort(h.Name)
	commune, typ := h.CommuneName, h.CommuneType
	if old {
		commune, typ = h.OldCommune, h.OldCommuneType
	}
	var s string
	switch r.IntN(3) {
	case 0:
		s = abbrev + ", " + unitAbbrev[typ] + " " + commune
		if old {
			s += ", " + unitAbbrev[h.DistrictType] + " " + h.District
		}
		s += ", TP. Hà Nội"
	case 1:
		s = lower + " - " + commune
		if old {
			s += " - " + h.District
		}
		s += " - Hà Nội"
	default:
		s = bare + ", " + commune
		if old {
			s += ", " + h.District
		}
		s += ", HN"
	}
	return addressText(r, n, s, k)
}

// addressText applies, with probability n.AddressText, text noise of the
// kinds in addressTextNoise.
func addressText(r *rand.Rand, n *Noise, s string, k *noiseNote) string {
	if hit(r, n.AddressText) {
		return noisyText(r, &addressTextNoise, s, k)
	}
	return s
}

// addressTextNoise is the text noise of an address that has some.
var addressTextNoise = Noise{NoDiacritics: 0.4, Upper: 0.2, ToneStyle: 0.3, Typo: 0.3}

// noisyEthnicity renders an ethnic group as typed into a record and notes
// in k how it differs from the name.
func noisyEthnicity(r *rand.Rand, n *Noise, p *Person, k *noiseNote) string {
	if hit(r, n.EthnicityMissing) {
		k.note(NoiseMissing, "EthnicityMissing")
		return ""
	}
	e := ethnicities[p.ethnic]
	if !hit(r, n.EthnicitySpelling) {
		return e.name
	}
	k.note(NoiseForm, "EthnicitySpelling")
	switch r.IntN(4) {
	case 0:
		return e.code
	case 1:
		return strings.ToLower(e.name)
	case 2:
		return strings.ToUpper(e.name)
	default:
		return "Dân tộc " + e.name
	}
}
