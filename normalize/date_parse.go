package normalize

import (
	"errors"
	"strings"
	"time"
)

// DefaultMaxAge is the oldest age, in completed years, that [DateParser]
// accepts for a date of birth when its MaxAge field is 0.
const DefaultMaxAge = 120

// DateParser parses dates of birth as they are typed in Vietnamese
// records. Plausibility depends on today's date, so it is a field: tests
// and batch jobs set Now to get the same answers every day.
//
// The zero DateParser is ready to use: today is time.Now(), two-digit
// years denote the latest such year not after this year, and ages up to
// [DefaultMaxAge] are accepted. A DateParser is not modified by parsing
// and is safe for concurrent use.
//
// # Accepted forms
//
// Surrounding white space is ignored. Day comes before month, as in
// Vietnam. In the forms below d and m have one or two digits, yyyy four
// and yy two, and the separator is "/", "-", "." or a space (the same one
// between all the parts, spaces allowed around it):
//
//	d/m/yyyy       03/04/1990, 3/4/1990, 03-04-1990, 03.04.1990, 3 4 1990
//	d/m/yy         03/04/90 (two-digit year, flag DateTwoDigitYear)
//	yyyy-m-d       1990-04-03, 1990/4/3
//	m/yyyy         04/1990, 4/1990, 04-1990 (month precision)
//	yyyy-m         1990-04 (month precision)
//	yyyy           1990 (year precision)
//	yyyymmdd       19900403 (also ddmmyyyy 03041990 when only that reading is valid)
//	yyyymmddHHMM   199004030000, the NGAY_SINH form of the XML1 table of
//	               QĐ 4750/QĐ-BYT and QĐ 3176/QĐ-BYT (also with seconds, 14 digits)
//	d-mmm-yyyy     03-Apr-1990, 3-apr-90, 3 April 1990: an English month name
//	               or abbreviation, as in Excel's d-mmm-yy format
//	nnnnn          32966: a five-digit Excel serial day number (flag
//	               DateExcelSerial; see DateFromExcelSerial). 32966.0 too.
//
// Only five-digit serials are read, 10000 (1927-05-18) to 99999: a
// four-digit number is a year. Callers that read XLSX cells get the
// serial as a number and can call [DateFromExcelSerial] directly.
//
// A day or month written as 0 is unknown: 00/04/1990 is April 1990 and
// 00/00/1990 or 199000000000 is the year 1990. An all-zero value such as
// 00/00/0000 is a placeholder and returns [ErrEmpty].
//
// A time of day after the date is checked and dropped: "03/04/1990
// 00:00:00" and "3/4/1990 0:00" (Excel exports), "4/3/1990 12:00:00 AM",
// ISO "1990-04-03T00:00:00", with optional fraction, "Z" or "+07:00".
//
// Vietnamese words are understood, with or without diacritics, in any
// case, in Unicode NFC or NFD, and in the legacy encodings (TCVN3, VNI,
// mojibake) that [Fold] repairs:
//
//	ngày 03 tháng 4 năm 1990    day, month and year words (any of them may be left out
//	tháng 4 năm 1990             except the year, but a day needs a month)
//	năm 1990, sinh năm 1990      a label word before a numeric date
//	Ngày sinh: 03/04/1990        a label ending in ":" made of the words
//	Ngày/tháng/năm sinh: 1990    ngày, tháng, năm, sinh and ns
//
// # Month first
//
// When d/m/y is impossible but m/d/y is a real date (04/13/1990), the
// date is read month first and returned with the [DateMonthFirst] flag
// (see [Date.MonthFirst]). A value valid both ways (04/03/1990) is always
// read day first.
//
// # Two-digit years
//
// A two-digit year yy denotes the latest year ending in yy that is not
// after TwoDigitYearMax, which defaults to the current year. For a date of
// birth that is the only sensible reading: people are born in the past and
// a 100-year-old is far rarer than a child, so in 2026 "90" is 1990 and
// "26" is 2026. Such dates carry the [DateTwoDigitYear] flag. A date in the
// current year that is later than today is then an error (a future date)
// rather than silently moved a century back.
//
// # Errors
//
// Errors are *ParseError values with Func "ParseDate" that never include
// the input. [ErrEmpty]: nothing but white space, punctuation or an
// all-zero placeholder. [ErrSyntax]: no accepted form matches. [ErrRange]:
// an accepted form with an impossible value (month 13, 31/02/1990, a day
// without a month), a future date, or an age over MaxAge; the reason says
// which. A partial date is an error only when no day it covers is
// plausible: the year 2026 is not in the future in November 2026.
type DateParser struct {
	// Now is the moment "today" is taken from, in its own location. The
	// zero value means time.Now() at each call.
	Now time.Time
	// TwoDigitYearMax is the latest year a two-digit year may denote; 0
	// means the year of Now.
	TwoDigitYearMax int
	// MaxAge is the oldest accepted age in completed years at Now; 0
	// means DefaultMaxAge (120) and a negative value turns the check off.
	MaxAge int
	// AllowFuture accepts dates after today, for dates that are not dates
	// of birth (a card's expiry date). It is false for dates of birth.
	AllowFuture bool
}

// ParseDate parses a date of birth with the zero [DateParser]: today is
// time.Now(), two-digit years are read in the century that makes them
// most recent without being in the future, and ages over 120 are errors.
// See [DateParser] for the accepted forms and the errors. On success it
// does not allocate for ASCII input; Vietnamese words cost one allocation.
func ParseDate(s string) (Date, error) {
	var p DateParser
	return p.Parse(s)
}

const parseDateFunc = "ParseDate"

// dateErr returns a *ParseError of ParseDate.
func dateErr(sentinel error, reason string) error {
	return parseError(parseDateFunc, sentinel, reason)
}

// reasonDateSyntax is the reason for input in no accepted form.
const reasonDateSyntax = "not in any accepted date format"

// Parse parses s as a date of birth; see [DateParser] for the accepted
// forms and the errors.
func (p *DateParser) Parse(s string) (Date, error) {
	s = strings.TrimSpace(s)
	ascii, content := dateClassify(s)
	if ascii {
		if !content {
			return Date{}, dateErr(ErrEmpty, "no date given")
		}
		return p.parseASCII(s)
	}
	// Non-ASCII: fold the Vietnamese letters ourselves, keeping every
	// ASCII byte. When that fails with a syntax error and the text has
	// words, they may be in a legacy encoding: Fold repairs them, at the
	// price of some punctuation (the ":" of a time of day). Only words are
	// worth it: Fold would also drop stray symbols around digits, which we
	// reject.
	folded, ok := dateFoldASCII(s)
	var d Date
	err := dateErr(ErrSyntax, "unexpected characters in date")
	if ok {
		if d, err = p.parseFolded(folded); !errors.Is(err, ErrSyntax) {
			return d, err
		}
	}
	if alt := Fold(s); alt != folded && isASCII(alt) && dateHasLetter(alt) {
		if d2, err2 := p.parseFolded(alt); err2 == nil || !ok {
			return d2, err2
		}
	}
	return d, err
}

// parseFolded parses the ASCII text folded from a non-ASCII input.
func (p *DateParser) parseFolded(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if dateOnlyPunct(s) {
		return Date{}, dateErr(ErrEmpty, "no date given")
	}
	return p.parseASCII(s)
}

// dateHasLetter reports whether s has an ASCII letter.
func dateHasLetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if dateIsLetter(s[i]) {
			return true
		}
	}
	return false
}

// dateClassify reports whether s is all ASCII and whether it holds a
// letter, a digit or a non-ASCII byte, in one pass.
func dateClassify(s string) (ascii, content bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return false, true
		}
		if dateIsDigit(c) || dateIsLetter(c) {
			content = true
		}
	}
	return true, content
}

// parseASCII parses an ASCII date, trimmed and not only punctuation.
func (p *DateParser) parseASCII(s string) (Date, error) {
	var f dateFields
	var err error
	if dateIsLetter(s[0]) {
		err = f.scanWords(s)
	} else {
		err = f.scanNumeric(s)
	}
	if err != nil {
		return Date{}, err
	}
	return p.finish(&f)
}

// dateFields is what a scan found, before the plausibility checks.
type dateFields struct {
	y, m, d   int
	flags     DateFlags
	twoDigit  bool // y holds a two-digit year
	swappable bool // d and m came from d/m order and may be swapped
	serial    int  // an Excel serial number when > 0
	alt       bool // an 8-digit value: if y, m, d fail, try altY, altM, altD
	altY      int
	altM      int
	altD      int
}

func dateIsLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func dateIsDigit(c byte) bool { return '0' <= c && c <= '9' }

func dateIsBlank(c byte) bool { return c == ' ' || c == '\t' }

// dateGroup is a run of digits in the input.
type dateGroup struct {
	val int // its value (at most 14 digits, so it fits)
	n   int // its number of digits
}

// scanNumeric reads a date written with digits and separators, with an
// optional time of day after it.
func (f *dateFields) scanNumeric(s string) error {
	s, err := cutTimeOfDay(s)
	if err != nil {
		return err
	}
	var g [3]dateGroup
	n := 0
	var sep byte
	i := 0
	for {
		if n == len(g) {
			return dateErr(ErrSyntax, reasonDateSyntax)
		}
		start := i
		v := 0
		for i < len(s) && dateIsDigit(s[i]) {
			if i-start == 14 {
				return dateErr(ErrSyntax, reasonDateSyntax)
			}
			v = v*10 + int(s[i]-'0')
			i++
		}
		switch {
		case i > start:
			g[n] = dateGroup{val: v, n: i - start}
		case n == 1 && i < len(s) && dateIsLetter(s[i]):
			// An English month name, as in Excel's d-mmm-yy: 3-Apr-90.
			for i < len(s) && dateIsLetter(s[i]) {
				i++
			}
			m := dateMonthName(s[start:i])
			if m == 0 {
				return dateErr(ErrSyntax, "unknown word in date")
			}
			g[n] = dateGroup{val: m, n: dateMonthNamed}
		default:
			return dateErr(ErrSyntax, reasonDateSyntax)
		}
		n++
		// Separator: blanks, at most one of "/-.", blanks.
		j := i
		for j < len(s) && dateIsBlank(s[j]) {
			j++
		}
		if j == len(s) {
			break
		}
		c := byte(' ')
		if s[j] == '/' || s[j] == '-' || s[j] == '.' {
			c = s[j]
			j++
			for j < len(s) && dateIsBlank(s[j]) {
				j++
			}
		} else if j == i {
			return dateErr(ErrSyntax, reasonDateSyntax)
		}
		if n == 1 {
			sep = c
		} else if c != sep {
			return dateErr(ErrSyntax, "mixed separators in date")
		}
		i = j
	}
	return f.fromGroups(g[:n], sep)
}

// dateOnlyPunct reports whether s holds only ASCII punctuation and blanks.
func dateOnlyPunct(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if dateIsDigit(c) || dateIsLetter(c) || c >= 0x80 {
			return false
		}
	}
	return true
}

// fromGroups interprets the digit groups of a numeric date.
func (f *dateFields) fromGroups(g []dateGroup, sep byte) error {
	short := func(x dateGroup) bool { return x.n == 1 || x.n == 2 }
	switch len(g) {
	case 1:
		return f.fromOneGroup(g[0])
	case 2:
		switch {
		case short(g[0]) && g[1].n == 4: // m/yyyy
			f.y, f.m = g[1].val, g[0].val
		case g[0].n == 4 && short(g[1]): // yyyy-m
			f.y, f.m = g[0].val, g[1].val
		case g[0].n == 5 && sep == '.': // Excel serial with a fraction
			f.serial = g[0].val
		default:
			return dateErr(ErrSyntax, reasonDateSyntax)
		}
	case 3:
		switch {
		case short(g[0]) && short(g[1]) && g[2].n == 4: // d/m/yyyy
			f.y, f.m, f.d = g[2].val, g[1].val, g[0].val
			f.swappable = true
		case short(g[0]) && short(g[1]) && g[2].n == 2: // d/m/yy
			f.y, f.m, f.d = g[2].val, g[1].val, g[0].val
			f.swappable = true
			f.twoDigit = true
		case g[0].n == 4 && short(g[1]) && short(g[2]): // yyyy-m-d
			f.y, f.m, f.d = g[0].val, g[1].val, g[2].val
		case short(g[0]) && g[1].n == dateMonthNamed && (g[2].n == 4 || g[2].n == 2): // d-mmm-yy
			f.y, f.m, f.d = g[2].val, g[1].val, g[0].val
			f.twoDigit = g[2].n == 2
		default:
			return dateErr(ErrSyntax, reasonDateSyntax)
		}
	}
	return nil
}

// fromOneGroup interprets a date written as one run of digits.
func (f *dateFields) fromOneGroup(g dateGroup) error {
	v := g.val
	switch g.n {
	case 4: // yyyy
		f.y = v
	case 5: // Excel serial
		f.serial = v
	case 8: // yyyymmdd, else ddmmyyyy
		f.y, f.m, f.d = v/10000, v/100%100, v%100
		f.alt = true
		f.altD, f.altM, f.altY = v/1000000, v/10000%100, v%10000
	case 12, 14: // yyyymmddHHMM[SS]
		if g.n == 14 {
			if v%100 > 59 {
				return dateErr(ErrRange, "invalid time of day")
			}
			v /= 100
		}
		if v%100 > 59 || v/100%100 > 23 {
			return dateErr(ErrRange, "invalid time of day")
		}
		v /= 10000
		f.y, f.m, f.d = v/10000, v/100%100, v%100
	default:
		return dateErr(ErrSyntax, reasonDateSyntax)
	}
	return nil
}

// dateMonthNamed is the dateGroup.n of a month written as a name.
const dateMonthNamed = -1

// dateMonthNames are the English month names; the first three letters
// of each are its abbreviation.
var dateMonthNames = [12]string{
	"january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december",
}

// dateMonthName returns the month 1-12 of an English month name or
// abbreviation (Apr, APR, April, Sept), ignoring case, or 0.
func dateMonthName(w string) int {
	for i, name := range dateMonthNames {
		if strings.EqualFold(w, name) || len(w) == 3 && strings.EqualFold(w, name[:3]) {
			return i + 1
		}
	}
	if strings.EqualFold(w, "sept") {
		return 9
	}
	return 0
}

// cutTimeOfDay removes a time of day after a date: the text from the
// blank or "T" before the first ":" on. It checks the time and returns the
// date part.
func cutTimeOfDay(s string) (string, error) {
	colon := strings.IndexByte(s, ':')
	if colon < 0 {
		return s, nil
	}
	i := colon
	for i > 0 && dateIsDigit(s[i-1]) {
		i--
	}
	if i == 0 || i == colon {
		return "", dateErr(ErrSyntax, reasonDateSyntax)
	}
	if c := s[i-1]; !dateIsBlank(c) && c != 'T' && c != 't' {
		return "", dateErr(ErrSyntax, reasonDateSyntax)
	}
	if !validTimeOfDay(s[i:]) {
		return "", dateErr(ErrSyntax, "invalid time of day")
	}
	return strings.TrimRight(s[:i-1], " \t"), nil
}

// validTimeOfDay checks H[H]:MM[:SS[.fff]][Z|±HH[:]MM][ AM|PM|SA|CH].
func validTimeOfDay(t string) bool {
	i := 0
	num := func(minDigits, maxDigits int) (int, bool) {
		v, start := 0, i
		for i < len(t) && dateIsDigit(t[i]) && i-start < maxDigits {
			v = v*10 + int(t[i]-'0')
			i++
		}
		return v, i-start >= minDigits
	}
	h, ok := num(1, 2)
	if !ok || h > 23 || i >= len(t) || t[i] != ':' {
		return false
	}
	i++
	if mi, ok := num(2, 2); !ok || mi > 59 {
		return false
	}
	if i < len(t) && t[i] == ':' {
		i++
		if sec, ok := num(2, 2); !ok || sec > 59 {
			return false
		}
		if i < len(t) && t[i] == '.' {
			i++
			if _, ok := num(1, 9); !ok {
				return false
			}
			for i < len(t) && dateIsDigit(t[i]) {
				i++
			}
		}
	}
	// Zone.
	if i < len(t) {
		switch t[i] {
		case 'Z', 'z':
			i++
		case '+', '-':
			i++
			if zh, ok := num(2, 2); !ok || zh > 14 {
				return false
			}
			if i < len(t) && t[i] == ':' {
				i++
			}
			if zm, ok := num(2, 2); !ok || zm > 59 {
				return false
			}
		}
	}
	// Meridiem, in English or in Vietnamese (SA sáng, CH chiều).
	for i < len(t) && dateIsBlank(t[i]) {
		i++
	}
	if i < len(t) {
		if len(t)-i != 2 || h > 12 {
			return false
		}
		switch m := t[i:]; {
		case strings.EqualFold(m, "am"), strings.EqualFold(m, "pm"),
			strings.EqualFold(m, "sa"), strings.EqualFold(m, "ch"):
		default:
			return false
		}
	}
	return true
}

// Vietnamese date words, ASCII-folded.
const (
	dateWordNone = iota
	dateWordDay
	dateWordMonth
	dateWordYear
	dateWordLabel // sinh, ns: carries no part of the date
)

// dateWord classifies an ASCII word, ignoring case.
func dateWordKind(w string) int {
	switch {
	case strings.EqualFold(w, "ngay"):
		return dateWordDay
	case strings.EqualFold(w, "thang"):
		return dateWordMonth
	case strings.EqualFold(w, "nam"):
		return dateWordYear
	case strings.EqualFold(w, "sinh"), strings.EqualFold(w, "ns"):
		return dateWordLabel
	}
	return dateWordNone
}

// scanWords reads a date that starts with a word: either label words
// before a numeric date ("Ngày sinh: 03/04/1990", "năm 1990") or the
// spelled-out form "ngày 3 tháng 4 năm 1990".
func (f *dateFields) scanWords(s string) error {
	// The label: words, blanks, "/" and ":" up to the first digit.
	i := 0
	words := 0
	for i < len(s) && !dateIsDigit(s[i]) {
		c := s[i]
		switch {
		case dateIsLetter(c):
			start := i
			for i < len(s) && dateIsLetter(s[i]) {
				i++
			}
			if dateWordKind(s[start:i]) == dateWordNone {
				return dateErr(ErrSyntax, "unknown word in date")
			}
			words++
		case dateIsBlank(c) || c == '/' || c == ':' || c == ',':
			i++
		default:
			return dateErr(ErrSyntax, reasonDateSyntax)
		}
	}
	if i == len(s) {
		return dateErr(ErrSyntax, "date words without numbers")
	}
	rest := s[i:]
	if hasLetterOutsideTime(rest) || len(rest) <= 2 && dateAllDigits(rest) {
		// "ngày 3 tháng 4 năm 1990", or one short number: "năm 90".
		return f.scanSpelled(s)
	}
	return f.scanNumeric(rest)
}

// dateAllDigits reports whether s is a non-empty run of ASCII digits.
func dateAllDigits(s string) bool {
	_, ok := dateAtoi(s)
	return ok
}

// hasLetterOutsideTime reports whether s has a letter before its first
// ":" (letters after it belong to a time of day).
func hasLetterOutsideTime(s string) bool {
	for i := 0; i < len(s) && s[i] != ':'; i++ {
		if dateIsLetter(s[i]) && !(s[i]|0x20 == 't' && i > 0 && dateIsDigit(s[i-1])) {
			return true
		}
	}
	return false
}

// scanSpelled reads "[ngày D] [tháng M] năm Y", label words allowed
// anywhere between the parts, in that order and each at most once.
func (f *dateFields) scanSpelled(s string) error {
	var got [dateWordYear + 1]bool
	last := dateWordNone
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case dateIsBlank(c) || c == ',' || c == ':':
			i++
		case dateIsLetter(c):
			start := i
			for i < len(s) && dateIsLetter(s[i]) {
				i++
			}
			w := dateWordKind(s[start:i])
			if w == dateWordNone {
				return dateErr(ErrSyntax, "unknown word in date")
			}
			if w == dateWordLabel {
				continue
			}
			if last != dateWordNone || w <= dateLastPart(got) {
				return dateErr(ErrSyntax, reasonDateSyntax)
			}
			last = w
		case dateIsDigit(c):
			start := i
			for i < len(s) && dateIsDigit(s[i]) {
				i++
			}
			n := i - start
			v, _ := dateAtoi(s[start:i])
			switch {
			case last == dateWordDay && n <= 2:
				f.d = v
			case last == dateWordMonth && n <= 2:
				f.m = v
			case last == dateWordYear && n == 4:
				f.y = v
			case last == dateWordYear && n == 2:
				f.y = v
				f.twoDigit = true
			default:
				return dateErr(ErrSyntax, reasonDateSyntax)
			}
			got[last] = true
			last = dateWordNone
		default:
			return dateErr(ErrSyntax, reasonDateSyntax)
		}
	}
	if last != dateWordNone || !got[dateWordYear] {
		return dateErr(ErrSyntax, "spelled-out date without a year")
	}
	if got[dateWordDay] && !got[dateWordMonth] {
		return dateErr(ErrRange, "day is given without a month")
	}
	return nil
}

// dateLastPart returns the latest part word already read.
func dateLastPart(got [dateWordYear + 1]bool) int {
	for w := dateWordYear; w > dateWordNone; w-- {
		if got[w] {
			return w
		}
	}
	return dateWordNone
}

// finish resolves a scanned date: Excel serials, two-digit years, the
// 8-digit alternative reading and month-first, then checks plausibility.
func (p *DateParser) finish(f *dateFields) (Date, error) {
	today := p.now()
	if f.serial > 0 {
		d, err := DateFromExcelSerial(f.serial)
		if err != nil {
			return Date{}, dateErr(ErrRange, "Excel serial is out of range")
		}
		if err := p.plausible(d, today); err != nil {
			return Date{}, err
		}
		return d, nil
	}
	if f.twoDigit {
		max := p.TwoDigitYearMax
		if max == 0 {
			max = today.Year()
		}
		y := max - max%100 + f.y
		if y > max {
			y -= 100
		}
		f.y = y
		f.flags |= DateTwoDigitYear
	}
	if f.y == 0 && f.m == 0 && f.d == 0 {
		return Date{}, dateErr(ErrEmpty, "all-zero placeholder date")
	}
	d, err := p.resolve(f.y, f.m, f.d, f.flags, f.swappable, today)
	if err != nil && f.alt {
		if d2, err2 := p.resolve(f.altY, f.altM, f.altD, f.flags, false, today); err2 == nil {
			return d2, nil
		}
	}
	return d, err
}

// resolve builds and checks the date y-m-d, swapping day and month when
// only the swapped reading is valid and swappable is set.
func (p *DateParser) resolve(y, m, d int, flags DateFlags, swappable bool, today Date) (Date, error) {
	if swappable && m > 12 && d >= 1 && d <= 12 {
		if dateCheckCalendar(y, d, m) == "" {
			m, d = d, m
			flags |= DateMonthFirst
		}
	}
	if reason := dateCheckCalendar(y, m, d); reason != "" {
		return Date{}, dateErr(ErrRange, reason)
	}
	date := packDate(y, m, d, flags)
	if err := p.plausible(date, today); err != nil {
		return Date{}, err
	}
	return date, nil
}

// now returns today as a full Date.
func (p *DateParser) now() Date {
	t := p.Now
	if t.IsZero() {
		t = time.Now()
	}
	y, m, d := t.Date()
	if y < 1 || y > maxDateYear {
		return Date{}
	}
	return packDate(y, int(m), d, 0)
}

// plausible checks that a date of birth d is neither in the future nor
// older than MaxAge at today. A partial date fails only when every day it
// covers fails: it is in the future when its first day is, and too old
// when its last day is.
func (p *DateParser) plausible(d Date, today Date) error {
	if today.IsZero() {
		return nil
	}
	first, last := d.Year()*10000+d.Month()*100+d.Day(), d.Year()*10000+d.Month()*100+d.Day()
	switch d.Precision() {
	case PrecisionYear:
		first += 101
		last += 1231
	case PrecisionMonth:
		first++
		last += dateDaysIn(d.Year(), d.Month())
	}
	now := today.Year()*10000 + today.Month()*100 + today.Day()
	if !p.AllowFuture && first > now {
		return dateErr(ErrRange, "date is in the future")
	}
	maxAge := p.MaxAge
	if maxAge == 0 {
		maxAge = DefaultMaxAge
	}
	// With dates written as yyyymmdd numbers, (now - last) / 10000 is the
	// number of completed years from last to now: the year difference,
	// less one when the month and day of last have not come yet.
	if maxAge > 0 && (now-last)/10000 > maxAge {
		return dateErr(ErrRange, "age is over the maximum")
	}
	return nil
}
