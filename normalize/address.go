package normalize

import (
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Part is one named part of an address: a type word and a name, such as
// xã (UnitXa) "Ngọc Hồi", or an untyped "Nguyễn Trãi" when no type word was
// written. Name is in canonical display form: NFC, words title-cased,
// Roman numerals and zero-padded numbers written as plain Arabic numbers
// in alley and unit names ("Tổ III" and "Tổ 03" become "Tổ 3"), province
// abbreviations expanded ("HN" becomes "Hà Nội"). The zero Part is absent.
type Part struct {
	Type UnitType
	Name string
}

// IsZero reports whether p is absent.
func (p Part) IsZero() bool { return p.Name == "" }

// String returns the display form of p: its type word and name, as in
// "xã Ngọc Hồi", or the name alone when p has no type.
func (p Part) String() string {
	if p.Type == UnitNone || p.Name == "" {
		return p.Name
	}
	return p.Type.String() + " " + p.Name
}

// Key returns the comparison key of p's name: the display form
// lower-cased, diacritics kept ("ngọc hồi"). The type is not part of it.
func (p Part) Key() string { return strings.ToLower(p.Name) }

// Folded returns the folded key of p's name: lower-case ASCII letters and
// digits, every mark removed, đ written as d, punctuation dropped, one
// space between words ("ngoc hoi"). Names typed with and without
// diacritics have the same folded key.
func (p Part) Folded() string { return addrFold(p.Name) }

// Address is a Vietnamese postal address split into its parts, smallest
// first. Every field is optional. Alleys and Hamlets keep the order in which
// they were written (a ngách before its ngõ, a tổ before its khu phố).
// Notes keep the text that fitted no part: words in parentheses, and
// parts written twice. Slices are nil when empty.
type Address struct {
	House    string // house number, upper-cased: "12", "12A", "123/45"
	Alleys   []Part // ngõ, ngách, hẻm, kiệt
	Street   Part   // đường, phố, or an untyped street name
	Hamlets  []Part // thôn, xóm, ấp, bản, tổ dân phố, khu phố, tổ...
	Commune  Part   // xã, phường, thị trấn, đặc khu: the ward of blocking
	District Part   // huyện, quận, thị xã, thành phố thuộc tỉnh (historical)
	Province Part   // tỉnh or thành phố trực thuộc trung ương
	Notes    []string
}

// addrMaxLen bounds the input of ParseAddress, in bytes.
const addrMaxLen = 4096

// ParseAddress splits a free-text address into its parts.
//
// The input may be written with or without diacritics, in any case, with
// or without commas between the parts, with abbreviated type words
// (X., P., F., TT., H., Q., TX., TP./Tp, T., TDP, KP, SN, Đ., glued or not:
// "X.Ngọc Hồi", "Q1", "P.12", "TP.HCM") and abbreviated provinces (HN,
// HCM, TPHCM, SG). A trailing "Việt Nam" is dropped.
//
// Parts written with a type word take the level of that word. Parts
// written without one are placed by position: a number at the start is
// the house number and the words after it the street; a bare province name
// at the end is the province; the other untyped parts fill, in order, the
// free levels between their typed neighbours, the commune first, then the
// district, then the street and the hamlet. "Thành phố" is the province
// when its name is a province and no province follows, else a
// district-level city. Text that fits no part is kept in Notes.
//
// The canonical form is idempotent: ParseAddress(a.String()) returns a
// again. The error, a *ParseError, wraps ErrEmpty when s holds no words
// and ErrRange when s is longer than 4096 bytes; it never quotes s.
func ParseAddress(s string) (Address, error) {
	if len(s) > addrMaxLen {
		return Address{}, parseError("ParseAddress", ErrRange, "address longer than 4096 bytes")
	}
	a, changed, ok := addrParseOnce(s)
	if !ok {
		return Address{}, parseError("ParseAddress", ErrEmpty, "no words in the address")
	}
	// Title-casing can make a word look like a legacy encoding that Text
	// repairs; parse the canonical form again until it is stable.
	for round := 0; round < 3 && changed && !a.textStable(); round++ {
		b, _, ok := addrParseOnce(a.String())
		if !ok {
			break
		}
		a = b
	}
	// A segment that became a note is written back in parentheses, where
	// it no longer ends the address: the canonical form can then read a
	// part differently ("h.0 sG ,0": district "0 Sg" and a note "0";
	// written back, "huyện 0 Sg (0)" reads Sg as the province). With notes,
	// the canonical form is parsed again until it is a fixed point, so
	// that ParseAddress(a.String()) == a.
	for round := 0; round < 3 && len(a.Notes) > 0; round++ {
		b, _, ok := addrParseOnce(a.String())
		if !ok || reflect.DeepEqual(a, b) {
			break
		}
		a = b
	}
	return a, nil
}

// addrParseOnce parses s once; changed reports whether a part's name
// differs from its words as written.
func addrParseOnce(s string) (a Address, changed, ok bool) {
	p := addrParser{
		toks:  make([]addrToken, 0, strings.Count(s, " ")+4),
		items: make([]addrItem, 0, 8),
	}
	p.split(s)
	a, ok = p.build()
	return a, p.changed, ok
}

// textStable reports whether every part of a, written as String writes it,
// is its own display form under Text.
func (a *Address) textStable() bool {
	stable := func(s string) bool { return s == "" || Text(s) == s }
	ok := stable(a.House) && stable(a.Street.String()) && stable(a.Commune.String()) &&
		stable(a.District.String()) && stable(a.Province.String())
	for _, p := range a.Alleys {
		ok = ok && stable(p.String())
	}
	for _, p := range a.Hamlets {
		ok = ok && stable(p.String())
	}
	return ok
}

// addrItem is one piece of an address in the order written: a note, or a
// sub-segment (the words from one type word to the next, or to a comma).
type addrItem struct {
	note  string       // a note: the text in parentheses
	typ   UnitType     // the type word, if any
	house bool         // introduced by a house marker, or a leading number
	typed bool         // written with a type word
	toks  []addrToken  // the words of the name
	level AddressLevel // the level given, once typed is set
	noted bool         // not used as a part: becomes a note
}

func (it *addrItem) isNote() bool { return it.toks == nil }

// addrParser holds the state of one ParseAddress call.
type addrParser struct {
	toks    []addrToken // the words of all segments; items hold sub-slices
	items   []addrItem
	a       Address
	changed bool // some part's name is not its words as written
	subsBuf [16]int
}

// split cuts s into items: notes in parentheses, and sub-segments of the
// segments cut at each type word. Segments are separated by commas,
// semicolons, line breaks, and dashes with a space on either side
// ("Xã Duyên Thái - Thường Tín"), except the dash inside a province name
// ("Bà Rịa - Vũng Tàu"). Each piece is brought to its display form with
// Text after the cut, since Text turns parentheses and line breaks into
// spaces.
func (p *addrParser) split(s string) {
	s = strings.ToValidUTF8(s, " ")
	type piece struct {
		text       string
		note, dash bool // a note; a segment that follows a dash
	}
	var pieceBuf [8]piece
	pieces := pieceBuf[:0]
	// A piece is usually a substring of s: start and end delimit it while
	// the runes kept are contiguous, and cur holds it once a skipped rune
	// (a nested parenthesis) breaks it.
	var cur strings.Builder
	start, end, built := 0, 0, false
	depth, dash := 0, false
	flush := func(note bool) {
		text := s[start:end]
		if built {
			text = cur.String()
			cur.Reset()
		}
		pieces = append(pieces, piece{text: text, note: note, dash: dash && !note})
		start, end, built = 0, 0, false
		dash = false
	}
	keep := func(i int, r rune) {
		n := utf8.RuneLen(r)
		switch {
		case built:
			cur.WriteRune(r)
		case start == end:
			start, end = i, i+n
		case end == i:
			end = i + n
		default:
			built = true
			cur.WriteString(s[start:end])
			cur.WriteRune(r)
		}
	}
	prev := ' '
	for i, r := range s {
		switch {
		case r == '(':
			if depth == 0 {
				flush(false)
			}
			depth++
		case r == ')':
			if depth > 0 {
				depth--
				if depth == 0 {
					flush(true)
				}
			}
		case depth > 0:
			keep(i, r)
		case r == ',' || r == ';' || r == '\n' || r == '\r':
			flush(false)
		case addrIsDash(r) && (unicode.IsSpace(prev) || addrSpaceAt(s, i+utf8.RuneLen(r))):
			flush(false)
			dash = true
		default:
			keep(i, r)
		}
		prev = r
	}
	flush(depth > 0)
	for i := 0; i < len(pieces); i++ {
		pc := pieces[i]
		if pc.note {
			if n := Text(pc.text); n != "" {
				p.items = append(p.items, addrItem{note: n})
			}
			continue
		}
		if i+1 < len(pieces) && pieces[i+1].dash && addrDashedProvince(pc.text, pieces[i+1].text) {
			pc.text += " - " + pieces[i+1].text
			i++
		}
		// Text trims the spaces around a segment; trimming them first lets
		// it return a segment that is already canonical as it is.
		p.segment(Text(strings.Trim(pc.text, " ")))
	}
}

// addrIsDash reports the hyphen and dash runes.
func addrIsDash(r rune) bool {
	return r == '-' || (r >= '\u2010' && r <= '\u2015') || r == '\u2212'
}

// addrSpaceAt reports whether s has a space at byte i, or ends there.
func addrSpaceAt(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}

// addrDashedProvince reports whether a ends with the part of a province
// name written before its dash and b starts with the part after it, as
// "tỉnh Bà Rịa" and "Vũng Tàu".
func addrDashedProvince(a, b string) bool {
	fa, fb := addrFold(a), addrFold(b)
	for _, n := range addrProvinceNames {
		head, tail, ok := strings.Cut(n, " - ")
		if !ok {
			continue
		}
		h, t := addrFold(head), addrFold(tail)
		if (fa == h || strings.HasSuffix(fa, " "+h)) && (fb == t || strings.HasPrefix(fb, t+" ")) {
			return true
		}
	}
	return false
}

// segment appends the sub-segments of one comma-separated segment. A type
// word opens a new sub-segment when it starts the segment or follows at
// least one word of a name, and is followed by a word; a type word typed
// without diacritics must also not be followed by another type word.
func (p *addrParser) segment(seg string) {
	first := len(p.toks)
	p.toks = addrAppendTokens(p.toks, seg)
	toks := p.toks[first:len(p.toks):len(p.toks)]
	if len(toks) == 0 {
		return
	}
	cur := addrItem{}
	start := 0 // index in toks of the first word of cur's name
	flush := func() {
		if len(cur.toks) > 0 {
			p.items = append(p.items, cur)
		}
	}
	for i := 0; i < len(toks); {
		canOpen := i == 0 || len(cur.toks) > 0
		if canOpen {
			if m, n, strong := addrMatchMarker(toks, i); m != nil && i+n < len(toks) {
				next := i + n
				ok := strong
				if !strong {
					nm, _, _ := addrMatchMarker(toks, next)
					ok = nm == nil
				}
				if m.house && !addrNumberLike(toks[next]) {
					ok = false
				}
				if ok {
					flush()
					cur = addrItem{typ: m.typ, house: m.house, typed: true}
					// "tổ số 3", "ngõ số 5": the số is part of the type word.
					if !m.house && m.typ.Level() != LevelStreet && next+1 < len(toks) &&
						(toks[next].lower == "số" || toks[next].fold == "so") && addrNumberLike(toks[next+1]) {
						next++
					}
					i = next
					continue
				}
			}
		}
		if len(cur.toks) == 0 {
			start = i
		}
		cur.toks = toks[start : i+1 : i+1] // the words of a name are contiguous
		i++
	}
	flush()
}

// subs returns the indices of the items that are parts, not notes.
func (p *addrParser) subs() []int {
	idx := p.subsBuf[:0] // the result of the previous call is not used again
	for i := range p.items {
		if !p.items[i].isNote() {
			idx = append(idx, i)
		}
	}
	return idx
}

// build assigns every item to a part and returns the address, or false
// when there is nothing in it.
func (p *addrParser) build() (Address, bool) {
	subs := p.subs()
	// A leading number is the house number.
	if len(subs) > 0 {
		first := &p.items[subs[0]]
		if !first.typed && addrNumberLike(first.toks[0]) {
			first.typed, first.house = true, true
		}
	}
	p.splitNumbers()
	subs = p.subs()
	// The country name is dropped, wherever it stands: dropping only a
	// trailing one would turn a leading "VN" into a place name that a
	// second parse of the canonical form drops again.
	for i := len(subs) - 1; i >= 0; i-- {
		it := &p.items[subs[i]]
		if !it.typed && addrIsCountry(it.toks) {
			p.items = append(p.items[:subs[i]], p.items[subs[i]+1:]...)
		}
	}
	subs = p.subs()
	if len(p.items) == 0 {
		return Address{}, false
	}
	p.splitTrailingProvince(subs)
	subs = p.subs()
	// A bare province name last is the province, unless a typed one exists.
	provByName := -1
	if n := len(subs); n > 0 {
		last := &p.items[subs[n-1]]
		if !last.typed {
			if _, ok := addrKnownProvinceToks(last.toks); ok {
				provByName = subs[n-1]
			}
		}
	}
	// "Thành phố" is the province if its name is one and none follows.
	typedProvince := false
	for k, i := range subs {
		it := &p.items[i]
		switch it.typ {
		case UnitThanhPho:
			later := provByName >= 0
			for _, j := range subs[k+1:] {
				later = later || p.items[j].typ == UnitThanhPho || p.items[j].typ == UnitTinh
			}
			_, known := addrKnownProvinceToks(it.toks)
			if later || !known {
				it.typ = UnitThanhPhoTinh
			} else {
				typedProvince = true
			}
		case UnitTinh:
			typedProvince = true
		}
	}
	if provByName >= 0 && !typedProvince {
		p.items[provByName].level = LevelProvince
		p.items[provByName].typed = true // a boundary for the untyped parts
	}
	subs = p.subs()
	for _, i := range subs {
		it := &p.items[i]
		switch {
		case !it.typed:
			continue
		case it.house:
			it.level = LevelHouse
		case it.typ != UnitNone:
			it.level = it.typ.Level()
		}
		p.place(it)
	}
	p.placeUntyped(subs)
	return p.address(), true
}

// splitTrailingProvince splits a province name written without a comma
// at the end of the last part ("xã Ngọc Hồi Hà Nội") into an untyped item
// of its own.
func (p *addrParser) splitTrailingProvince(subs []int) {
	if len(subs) == 0 {
		return
	}
	i := subs[len(subs)-1]
	it := &p.items[i]
	if it.house || it.typ.Level() == LevelProvince || it.typ == UnitThanhPho {
		return
	}
	for k := min(4, len(it.toks)-1); k >= 1; k-- {
		if _, ok := addrKnownProvinceToks(it.toks[len(it.toks)-k:]); !ok {
			continue
		}
		rest := addrItem{toks: it.toks[len(it.toks)-k:]}
		it.toks = it.toks[:len(it.toks)-k]
		p.items = append(p.items, addrItem{})
		copy(p.items[i+2:], p.items[i+1:])
		p.items[i+1] = rest
		return
	}
}

// splitNumbers splits "số 12 Nguyễn Trãi" and "ngõ 120 Trần Duy Hưng": a
// house or alley whose name starts with a number keeps the number, and the
// words after it become an untyped item (the street) right after it.
func (p *addrParser) splitNumbers() {
	for i := 0; i < len(p.items); i++ {
		it := &p.items[i]
		if it.isNote() || len(it.toks) < 2 || !(it.house || it.typ.Level() == LevelAlley) {
			continue
		}
		if !addrNumberLike(it.toks[0]) && !it.house {
			continue
		}
		rest := addrItem{toks: it.toks[1:]}
		it.toks = it.toks[:1]
		p.items = append(p.items, addrItem{})
		copy(p.items[i+2:], p.items[i+1:])
		p.items[i+1] = rest
	}
}

// filled reports whether level l of the address already has a part that
// cannot be repeated.
func (p *addrParser) filled(l AddressLevel) bool {
	switch l {
	case LevelHouse:
		return p.a.House != ""
	case LevelStreet:
		return !p.a.Street.IsZero()
	case LevelHamlet:
		return len(p.a.Hamlets) > 0
	case LevelCommune:
		return !p.a.Commune.IsZero()
	case LevelDistrict:
		return !p.a.District.IsZero()
	case LevelProvince:
		return !p.a.Province.IsZero()
	}
	return false
}

// place stores item it at its level, or marks it as a note when that level
// is already taken.
func (p *addrParser) place(it *addrItem) {
	l := it.level
	if l != LevelAlley && l != LevelHamlet && p.filled(l) {
		it.noted = true
		return
	}
	if l == LevelHamlet && !it.typed && p.filled(l) {
		it.noted = true
		return
	}
	part := Part{Type: it.typ, Name: addrPartName(it, l)}
	if !p.changed && !addrSameWords(part.Name, it.toks) {
		// A province name from the table is not a change.
		if _, tabled := addrKnownProvinceToks(it.toks); l != LevelProvince || !tabled {
			p.changed = true
		}
	}
	if !it.typed || it.house {
		part.Type = UnitNone
	}
	switch l {
	case LevelHouse:
		p.a.House = part.Name
	case LevelAlley:
		p.a.Alleys = append(p.a.Alleys, part)
	case LevelStreet:
		p.a.Street = part
	case LevelHamlet:
		p.a.Hamlets = append(p.a.Hamlets, part)
	case LevelCommune:
		p.a.Commune = part
	case LevelDistrict:
		p.a.District = part
	case LevelProvince:
		p.a.Province = part
	}
}

// addrSameWords reports whether name is the words of toks joined by spaces.
func addrSameWords(name string, toks []addrToken) bool {
	for i, t := range toks {
		if i > 0 {
			if name == "" || name[0] != ' ' {
				return false
			}
			name = name[1:]
		}
		if !strings.HasPrefix(name, t.text) {
			return false
		}
		name = name[len(t.text):]
	}
	return name == ""
}

// addrPartName returns the canonical display name of an item placed at
// level l.
func addrPartName(it *addrItem, l AddressLevel) string {
	switch l {
	case LevelHouse:
		return strings.ToUpper(it.toks[0].text)
	case LevelProvince:
		if n, ok := addrKnownProvinceToks(it.toks); ok {
			return n
		}
		return addrDisplayName(it.toks, addrNameOptions{})
	case LevelStreet:
		return addrDisplayName(it.toks, addrNameOptions{})
	}
	// Roman numerals only after a type word: a bare "X" or "Vi" is a name.
	return addrDisplayName(it.toks, addrNameOptions{roman: it.typ != UnitNone, zeros: true})
}

// placeUntyped gives a level to each run of untyped items, from the free
// levels between the typed parts around it.
func (p *addrParser) placeUntyped(subs []int) {
	urban := p.a.House != "" || len(p.a.Alleys) > 0 || p.a.Commune.Type == UnitPhuong ||
		p.a.District.Type == UnitQuan
	priority := [4]AddressLevel{LevelCommune, LevelDistrict, LevelHamlet, LevelStreet}
	if urban {
		priority[2], priority[3] = LevelStreet, LevelHamlet
	}
	// bounds returns the level of the nearest placed item before/after k.
	placedLevel := func(i int) (AddressLevel, bool) {
		it := &p.items[i]
		if it.typed && !it.noted {
			return it.level, true
		}
		return LevelNone, false
	}
	for k := 0; k < len(subs); {
		if p.items[subs[k]].typed {
			k++
			continue
		}
		end := k
		for end < len(subs) && !p.items[subs[end]].typed {
			end++
		}
		run := subs[k:end]
		lo, hi := LevelNone, LevelProvince+1
		for j := k - 1; j >= 0; j-- {
			if l, ok := placedLevel(subs[j]); ok {
				lo = l
				break
			}
		}
		for j := end; j < len(subs); j++ {
			if l, ok := placedLevel(subs[j]); ok {
				hi = l
				break
			}
		}
		free := func(l AddressLevel) bool { return lo < l && l < hi && !p.filled(l) }
		if (lo == LevelHouse || lo == LevelAlley) && free(LevelStreet) {
			it := &p.items[run[0]]
			it.level = LevelStreet
			p.place(it)
			run = run[1:]
		}
		var chosen []AddressLevel
		for {
			chosen = chosen[:0]
			for _, l := range priority {
				if len(chosen) < len(run) && free(l) {
					chosen = append(chosen, l)
				}
			}
			// With nothing placed before it, the first part given a level
			// would be written first, where a number reads as the house
			// number: such a number becomes a note with what precedes it.
			over := len(run) - len(chosen)
			if lo != LevelNone || over >= len(run) || !addrNumberLike(p.items[run[over]].toks[0]) {
				break
			}
			for _, i := range run[:over+1] {
				p.items[i].noted = true
			}
			run = run[over+1:]
		}
		// The levels, in increasing order, go to the last items of the run.
		slices.Sort(chosen)
		over := len(run) - len(chosen)
		for j, i := range run {
			it := &p.items[i]
			if j < over {
				it.noted = true
				continue
			}
			it.level = chosen[j-over]
			p.place(it)
		}
		k = end
	}
}

// address collects the parts and the notes in the order written.
func (p *addrParser) address() Address {
	for i := range p.items {
		it := &p.items[i]
		switch {
		case it.isNote():
			p.a.Notes = append(p.a.Notes, it.note)
		case it.noted:
			p.a.Notes = append(p.a.Notes, addrNoteText(it))
		}
	}
	return p.a
}

// addrNoteText writes an item that became a note.
func addrNoteText(it *addrItem) string {
	words := make([]string, 0, len(it.toks)+1)
	if it.house {
		words = append(words, "số")
	} else if it.typed && it.typ != UnitNone {
		words = append(words, it.typ.String())
	}
	for _, t := range it.toks {
		words = append(words, t.text)
	}
	return strings.Join(words, " ")
}

// addrJoinFold returns the folded key of the words toks.
func addrJoinFold(toks []addrToken) string {
	var buf [128]byte
	return string(addrAppendJoinFold(buf[:0], toks))
}

// addrAppendJoinFold appends the folded key of the words toks to dst.
func addrAppendJoinFold(dst []byte, toks []addrToken) []byte {
	start := len(dst)
	for _, t := range toks {
		n := len(dst)
		if n > start {
			dst = append(dst, ' ')
		}
		if b2 := addrAppendFold(dst, t.text); len(b2) == len(dst) {
			dst = dst[:n] // nothing to fold: no space either
		} else {
			dst = b2
		}
	}
	return dst
}

// addrKnownProvinceToks is addrKnownProvince of the folded key of toks,
// without making that key a string.
func addrKnownProvinceToks(toks []addrToken) (string, bool) {
	var buf [128]byte
	b := addrAppendJoinFold(buf[:0], toks)
	n, ok := addrProvinces()[string(b)]
	return n, ok
}

// addrIsCountry reports whether toks are a name of the country.
func addrIsCountry(toks []addrToken) bool {
	var buf [128]byte
	return addrCountries[string(addrAppendJoinFold(buf[:0], toks))]
}

// String returns the canonical display form of a: the parts from the
// smallest to the largest, separated by ", ", each with its type word,
// the house number as "Số 12", then the notes in parentheses; the first
// letter is upper-cased. For example "Số 12, ngõ 5, thôn Đại Áng, xã Ngọc
// Hồi, Hà Nội". ParseAddress(a.String()) returns a.
func (a Address) String() string {
	var b strings.Builder
	sep := func() {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
	}
	if a.House != "" {
		b.WriteString("số ")
		b.WriteString(a.House)
	}
	for _, p := range a.Alleys {
		sep()
		b.WriteString(p.String())
	}
	if !a.Street.IsZero() {
		sep()
		b.WriteString(a.Street.String())
	}
	for _, p := range a.Hamlets {
		sep()
		b.WriteString(p.String())
	}
	for _, p := range [...]Part{a.Commune, a.District, a.Province} {
		if !p.IsZero() {
			sep()
			b.WriteString(p.String())
		}
	}
	for _, n := range a.Notes {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('(')
		b.WriteString(n)
		b.WriteByte(')')
	}
	s := b.String()
	if r, n := utf8.DecodeRuneInString(s); n > 0 && unicode.IsLower(r) {
		s = string(addrToUpper(r)) + s[n:]
	}
	return s
}
