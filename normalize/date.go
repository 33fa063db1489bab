package normalize

import (
	"strconv"
	"time"
)

// Date is a calendar date of birth that keeps its precision: the day, the
// month or only the year may be known. The zero Date means unknown or
// missing (see [Date.IsZero]).
//
// A Date is a small comparable value (one uint32) that is cheap to copy,
// store and compare; none of its methods allocate except [Date.String] and
// [Date.MarshalText]. It packs
//
//	v = year<<13 | month<<9 | day<<4 | flags
//
// where a month or day of 0 means "not known". Besides the calendar value
// a Date carries [DateFlags] that record how a parser read it (for example
// [DateMonthFirst]). Because of those flags, == compares the flags too: use
// [Date.Equal] or [Date.Compare] to compare calendar values only, or strip
// the flags first with [Date.WithoutFlags]. The flags are not part of the
// text form and are lost by [Date.String] and [Date.MarshalText].
//
// Dates are built by [ParseDate], [DateParser.Parse], [NewDate] and
// [DateFromExcelSerial]; every non-zero Date is a real calendar date (no
// 31st of February) with a year between 1 and 9999.
type Date struct {
	v uint32
}

// DatePrecision says which parts of a [Date] are known. Greater values are
// more precise.
type DatePrecision uint8

// Date precisions, from unknown to a full day.
const (
	PrecisionNone  DatePrecision = iota // the zero Date: nothing is known
	PrecisionYear                       // only the year is known, e.g. "1990"
	PrecisionMonth                      // year and month are known, e.g. "1990-04"
	PrecisionDay                        // the full date is known, e.g. "1990-04-03"
)

// String returns "none", "year", "month" or "day".
func (p DatePrecision) String() string {
	switch p {
	case PrecisionNone:
		return "none"
	case PrecisionYear:
		return "year"
	case PrecisionMonth:
		return "month"
	case PrecisionDay:
		return "day"
	}
	return "DatePrecision(" + strconv.Itoa(int(p)) + ")"
}

// DateFlags records how a parser read a [Date]: facts about the input that
// a data-quality report or a linkage comparison may want to know. Flags
// are a bit set; the zero value means the input was read without any
// guess.
type DateFlags uint8

// Date flags.
const (
	// DateMonthFirst means the input was not valid in the Vietnamese
	// day-first order but was valid month first (04/13/1990), so day and
	// month were swapped. The value may come from a US-locale export, or
	// be a typo; a linkage comparison may treat day and month as
	// interchangeable for it.
	DateMonthFirst DateFlags = 1 << iota
	// DateTwoDigitYear means the century was inferred from a two-digit
	// year (03/04/90) with [DateParser.TwoDigitYearMax].
	DateTwoDigitYear
	// DateExcelSerial means the input was an Excel serial day number
	// (32966 for 1990-04-03).
	DateExcelSerial

	dateFlagMask = DateMonthFirst | DateTwoDigitYear | DateExcelSerial
)

// String returns the names of the flags joined by "|", e.g.
// "month-first|two-digit-year", or "" when no flag is set.
func (f DateFlags) String() string {
	var b []byte
	add := func(name string) {
		if len(b) > 0 {
			b = append(b, '|')
		}
		b = append(b, name...)
	}
	if f&DateMonthFirst != 0 {
		add("month-first")
	}
	if f&DateTwoDigitYear != 0 {
		add("two-digit-year")
	}
	if f&DateExcelSerial != 0 {
		add("excel-serial")
	}
	if rest := f &^ dateFlagMask; rest != 0 {
		add("0x" + strconv.FormatUint(uint64(rest), 16))
	}
	return string(b)
}

// Bit layout of Date.v.
const (
	dateFlagBits  = 4
	dateDayShift  = 4
	dateMonShift  = 9
	dateYearShift = 13
	maxDateYear   = 9999
)

// packDate builds a Date from parts that the caller has already validated.
func packDate(y, m, d int, f DateFlags) Date {
	return Date{v: uint32(y)<<dateYearShift | uint32(m)<<dateMonShift | uint32(d)<<dateDayShift | uint32(f&dateFlagMask)}
}

// NewDate returns the Date for year y, month m and day d. A month of 0
// means the month is unknown (then the day must be 0 too) and a day of 0
// means the day is unknown: NewDate(1990, 0, 0) is the year-only date
// 1990. The year must be between 1 and 9999 and the date must exist in
// the proleptic Gregorian calendar; otherwise NewDate returns a
// *ParseError wrapping [ErrRange]. NewDate does no plausibility check for
// a date of birth (future, age); [DateParser] does.
func NewDate(y, m, d int) (Date, error) {
	if reason := dateCheckCalendar(y, m, d); reason != "" {
		return Date{}, parseError("NewDate", ErrRange, reason)
	}
	return packDate(y, m, d, 0), nil
}

// dateCheckCalendar returns why (y, m, d) is not a valid Date, or "".
func dateCheckCalendar(y, m, d int) string {
	switch {
	case y < 1 || y > maxDateYear:
		return "year is not between 1 and 9999"
	case m < 0 || m > 12:
		return "month is not between 1 and 12"
	case m == 0 && d != 0:
		return "day is given without a month"
	case d < 0 || d > dateDaysIn(y, m):
		return "day does not exist in that month"
	}
	return ""
}

// dateIsLeap reports whether y is a Gregorian leap year.
func dateIsLeap(y int) bool {
	return y%4 == 0 && (y%100 != 0 || y%400 == 0)
}

// dateDaysIn returns the number of days of month m (1-12) of year y, and 0 for
// month 0.
func dateDaysIn(y, m int) int {
	switch m {
	case 1, 3, 5, 7, 8, 10, 12:
		return 31
	case 4, 6, 9, 11:
		return 30
	case 2:
		if dateIsLeap(y) {
			return 29
		}
		return 28
	}
	return 0
}

// Year returns the year, or 0 for the zero Date.
func (d Date) Year() int { return int(d.v >> dateYearShift) }

// Month returns the month 1-12, or 0 when it is unknown.
func (d Date) Month() int { return int(d.v>>dateMonShift) & 0xF }

// Day returns the day of the month 1-31, or 0 when it is unknown.
func (d Date) Day() int { return int(d.v>>dateDayShift) & 0x1F }

// Flags returns how the parser read the date (see [DateFlags]).
func (d Date) Flags() DateFlags { return DateFlags(d.v & (1<<dateFlagBits - 1)) }

// MonthFirst reports whether the date was valid only month first and had
// its day and month swapped (the [DateMonthFirst] flag).
func (d Date) MonthFirst() bool { return d.Flags()&DateMonthFirst != 0 }

// WithoutFlags returns d with its flags cleared, so that two dates with
// the same calendar value are ==.
func (d Date) WithoutFlags() Date { return Date{v: d.v &^ (1<<dateFlagBits - 1)} }

// IsZero reports whether d is the zero Date, which means unknown or
// missing.
func (d Date) IsZero() bool { return d.v>>dateFlagBits == 0 }

// Precision returns which parts of d are known.
func (d Date) Precision() DatePrecision {
	switch {
	case d.IsZero():
		return PrecisionNone
	case d.Month() == 0:
		return PrecisionYear
	case d.Day() == 0:
		return PrecisionMonth
	}
	return PrecisionDay
}

// Truncate returns d reduced to at most precision p: the parts finer than
// p become unknown. Truncate(PrecisionYear) keeps only the year, and
// Truncate(PrecisionNone) returns the zero Date. The flags are kept. It
// makes partial comparisons one line: a year-only date agrees with a full
// one when a.Truncate(PrecisionYear).Equal(b.Truncate(PrecisionYear)).
func (d Date) Truncate(p DatePrecision) Date {
	switch p {
	case PrecisionNone:
		return Date{}
	case PrecisionYear:
		return Date{v: d.v &^ (0x1FF << dateDayShift)}
	case PrecisionMonth:
		return Date{v: d.v &^ (0x1F << dateDayShift)}
	}
	return d
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e,
// ignoring flags. Dates are ordered by year, then month, then day, where
// an unknown month or day sorts before every known one: 1990 < 1990-01 <
// 1990-01-01, and the zero Date sorts first. Compare(e) == 0 exactly when
// d.Equal(e).
func (d Date) Compare(e Date) int {
	a, b := d.v>>dateFlagBits, e.v>>dateFlagBits
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Equal reports whether d and e have the same calendar value and
// precision, ignoring flags.
func (d Date) Equal(e Date) bool { return d.v>>dateFlagBits == e.v>>dateFlagBits }

// Time returns midnight UTC of the first day that d covers: the date
// itself for a full date, the first of the month for a month-precision
// date and January 1st for a year-only date. It returns the zero
// time.Time for the zero Date.
func (d Date) Time() time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	m, day := d.Month(), d.Day()
	if m == 0 {
		m = 1
	}
	if day == 0 {
		day = 1
	}
	return time.Date(d.Year(), time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// DaysSinceEpoch returns the number of days from 1970-01-01 to d
// (negative before it) and true, when d is a full date. For a partial or
// zero date it returns 0 and false. The difference of two results is the
// number of days between the dates.
func (d Date) DaysSinceEpoch() (int, bool) {
	if d.Precision() != PrecisionDay {
		return 0, false
	}
	return daysFromCivil(d.Year(), d.Month(), d.Day()), true
}

// daysFromCivil returns the number of days from 1970-01-01 to the
// Gregorian date y-m-d (y >= 1). It counts in 400-year eras of 146097 days
// with years starting on March 1st, so that the leap day is the last day
// of the shifted year:
//
//	doy = (153*mp + 2)/5 + d - 1          with mp = (m + 9) mod 12
//	doe = 365*yoe + yoe/4 - yoe/100 + doy  with yoe the year of the era
//	days = 146097*era + doe - 719468      (719468 = days from 0000-03-01 to 1970-01-01)
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil for days >= -719162
// (0001-01-01).
func civilFromDays(days int) (y, m, d int) {
	z := days + 719468
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		m = mp + 3
	} else {
		m = mp - 9
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

// excelEpochDays is daysFromCivil(1899, 12, 30): Excel serial n >= 61 is
// that day plus n days.
const excelEpochDays = -25569

// DateFromExcelSerial returns the date of an Excel serial day number in the
// 1900 date system, the number a spreadsheet stores for a date cell and
// exports when the cell loses its date format. Day 1 is 1900-01-01.
// Excel, copying a Lotus 1-2-3 bug, treats 1900 as a leap year: serial 60
// is the nonexistent 1900-02-29, so DateFromExcelSerial(60) returns an
// error, serials 1-59 are 1899-12-31 + n days and serials from 61 on are
// 1899-12-30 + n days (61 = 1900-03-01, 32966 = 1990-04-03). Serials
// below 1 or after 9999-12-31 (2958465) return a *ParseError wrapping
// [ErrRange]. The result carries the [DateExcelSerial] flag. A time of day
// (the fraction of a serial) is the caller's to drop.
func DateFromExcelSerial(serial int) (Date, error) {
	const fn = "DateFromExcelSerial"
	switch {
	case serial < 1 || serial > 2958465:
		return Date{}, parseError(fn, ErrRange, "Excel serial is outside 1900-01-01 to 9999-12-31")
	case serial == 60:
		return Date{}, parseError(fn, ErrRange, "Excel serial 60 is the nonexistent 1900-02-29")
	case serial < 60:
		serial++ // before the fake leap day, serials are one day behind
	}
	y, m, d := civilFromDays(excelEpochDays + serial)
	return packDate(y, m, d, DateExcelSerial), nil
}

// String returns the date in ISO 8601 at its precision: "1990-04-03",
// "1990-04" or "1990", and "" for the zero Date. The year has at least
// four digits. [ParseDate] and [Date.UnmarshalText] read it back.
func (d Date) String() string {
	var buf [10]byte
	return string(d.appendISO(buf[:0]))
}

// AppendText appends the text of [Date.String] to b. It implements
// encoding.TextAppender and does not allocate when b has room.
func (d Date) AppendText(b []byte) ([]byte, error) {
	return d.appendISO(b), nil
}

// MarshalText returns the text of [Date.String]. It implements
// encoding.TextMarshaler; the flags are not written.
func (d Date) MarshalText() ([]byte, error) {
	return d.appendISO(make([]byte, 0, 10)), nil
}

// UnmarshalText sets d from the strict text of [Date.String]: "", "yyyy",
// "yyyy-mm" or "yyyy-mm-dd" with a valid calendar date. It implements
// encoding.TextUnmarshaler. Unlike [ParseDate] it accepts no other format
// and makes no plausibility check, so that stored dates load back as they
// were. On error it returns a *ParseError and leaves d unchanged.
func (d *Date) UnmarshalText(text []byte) error {
	const fn = "normalize.Date.UnmarshalText" // holds a dot: ParseError prints it as is
	if len(text) == 0 {
		*d = Date{}
		return nil
	}
	var y, m, day int
	ok := false
	switch len(text) {
	case 4:
		y, ok = dateAtoi(text[0:4])
	case 7:
		var ok1, ok2 bool
		y, ok1 = dateAtoi(text[0:4])
		m, ok2 = dateAtoi(text[5:7])
		ok = ok1 && ok2 && text[4] == '-' && m != 0
	case 10:
		var ok1, ok2, ok3 bool
		y, ok1 = dateAtoi(text[0:4])
		m, ok2 = dateAtoi(text[5:7])
		day, ok3 = dateAtoi(text[8:10])
		ok = ok1 && ok2 && ok3 && text[4] == '-' && text[7] == '-' && m != 0 && day != 0
	}
	if !ok {
		return parseError(fn, ErrSyntax, "not an ISO date yyyy, yyyy-mm or yyyy-mm-dd")
	}
	if reason := dateCheckCalendar(y, m, day); reason != "" {
		return parseError(fn, ErrRange, reason)
	}
	*d = packDate(y, m, day, 0)
	return nil
}

// dateAtoi parses b, which must be all ASCII digits.
func dateAtoi[T string | []byte](b T) (int, bool) {
	n := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(b) > 0
}

// appendISO appends the ISO text of d to b.
func (d Date) appendISO(b []byte) []byte {
	if d.IsZero() {
		return b
	}
	y := d.Year()
	if y < 1000 {
		b = append(b, '0')
		if y < 100 {
			b = append(b, '0')
			if y < 10 {
				b = append(b, '0')
			}
		}
	}
	b = strconv.AppendInt(b, int64(y), 10)
	if m := d.Month(); m != 0 {
		b = append(b, '-', byte('0'+m/10), byte('0'+m%10))
		if day := d.Day(); day != 0 {
			b = append(b, '-', byte('0'+day/10), byte('0'+day%10))
		}
	}
	return b
}
