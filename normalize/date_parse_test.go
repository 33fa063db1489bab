package normalize

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/unicode/norm"
)

// dateTestNow is the fixed "today" of the date tests: 2026-11-25, 10:00 in
// Hanoi.
var dateTestNow = time.Date(2026, 11, 25, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))

// testDateParser is the parser of the tests: the default settings with a
// fixed Now.
var testDateParser = DateParser{Now: dateTestNow}

// dateParseCase is one row of the ParseDate tables.
type dateParseCase struct {
	in      string
	want    string    // Date.String() of the result
	flags   DateFlags // flags of the result
	wantErr string    // the whole error message, when an error is wanted
}

// Error messages of ParseDate, written out in full.
const (
	msgDateEmptyMsg     = "normalize.ParseDate: empty value: no date given"
	msgDateZeroMsg      = "normalize.ParseDate: empty value: all-zero placeholder date"
	msgDateSyntaxMsg    = "normalize.ParseDate: invalid syntax: not in any accepted date format"
	msgDateCharsMsg     = "normalize.ParseDate: invalid syntax: unexpected characters in date"
	msgDateMixedMsg     = "normalize.ParseDate: invalid syntax: mixed separators in date"
	msgDateTimeMsg      = "normalize.ParseDate: invalid syntax: invalid time of day"
	msgDateTimeRangeMsg = "normalize.ParseDate: value out of range: invalid time of day"
	msgDateWordMsg      = "normalize.ParseDate: invalid syntax: unknown word in date"
	msgDateNoNumMsg     = "normalize.ParseDate: invalid syntax: date words without numbers"
	msgDateNoYearMsg    = "normalize.ParseDate: invalid syntax: spelled-out date without a year"
	msgDateDayMsg       = "normalize.ParseDate: value out of range: day does not exist in that month"
	msgDateMonthMsg     = "normalize.ParseDate: value out of range: month is not between 1 and 12"
	msgDateDayNoMonMsg  = "normalize.ParseDate: value out of range: day is given without a month"
	msgDateYearMsg      = "normalize.ParseDate: value out of range: year is not between 1 and 9999"
	msgDateFutureMsg    = "normalize.ParseDate: value out of range: date is in the future"
	msgDateAgeMsg       = "normalize.ParseDate: value out of range: age is over the maximum"
)

// parseDateCases are real-world values with today = 2026-11-25.
var parseDateCases = []dateParseCase{
	// Day first, four-digit year.
	{in: "03/04/1990", want: "1990-04-03"},
	{in: "3/4/1990", want: "1990-04-03"},
	{in: " 03-04-1990 ", want: "1990-04-03"},
	{in: "03.04.1990", want: "1990-04-03"},
	{in: "3 4 1990", want: "1990-04-03"},
	{in: "03 / 04 / 1990", want: "1990-04-03"},
	{in: "\t31/12/1999\r\n", want: "1999-12-31"},
	{in: "\u00a003/04/1990\u00a0", want: "1990-04-03"},
	{in: "04/03/1990", want: "1990-03-04"}, // valid both ways: day first
	{in: "29/02/2000", want: "2000-02-29"},
	{in: "29/02/2024", want: "2024-02-29"},
	// ISO and compact.
	{in: "1990-04-03", want: "1990-04-03"},
	{in: "1990/4/3", want: "1990-04-03"},
	{in: "1990.04.03", want: "1990-04-03"},
	{in: "19900403", want: "1990-04-03"},
	{in: "03041990", want: "1990-04-03"}, // ddmmyyyy, the only valid reading
	{in: "20240229", want: "2024-02-29"},
	// XML1 NGAY_SINH yyyyMMddHHmm.
	{in: "199004030000", want: "1990-04-03"},
	{in: "199004031530", want: "1990-04-03"},
	{in: "19900403000000", want: "1990-04-03"},
	{in: "199000000000", want: "1990"},
	{in: "199004000000", want: "1990-04"},
	{in: "19900000", want: "1990"},
	// Partial dates.
	{in: "1990", want: "1990"},
	{in: "04/1990", want: "1990-04"},
	{in: "4/1990", want: "1990-04"},
	{in: "04-1990", want: "1990-04"},
	{in: "04.1990", want: "1990-04"},
	{in: "1990-04", want: "1990-04"},
	{in: "00/04/1990", want: "1990-04"},
	{in: "00/00/1990", want: "1990"},
	{in: "0/0/1990", want: "1990"},
	{in: "00/1990", want: "1990"},
	{in: "1990-00-00", want: "1990"},
	// English month names, from Excel's d-mmm-yy.
	{in: "03-Apr-1990", want: "1990-04-03"},
	{in: "3-apr-90", want: "1990-04-03", flags: DateTwoDigitYear},
	{in: "3 April 1990", want: "1990-04-03"},
	{in: "30-SEPT-1990", want: "1990-09-30"},
	{in: "1-Dec-1999 00:00:00", want: "1999-12-01"},
	// Excel serial day numbers.
	{in: "32966", want: "1990-04-03", flags: DateExcelSerial},
	{in: "32966.0", want: "1990-04-03", flags: DateExcelSerial},
	{in: "32966.75", want: "1990-04-03", flags: DateExcelSerial},
	{in: "10000", want: "1927-05-18", flags: DateExcelSerial},
	{in: "46000", want: "2025-12-09", flags: DateExcelSerial},
	// Two-digit years: the latest year not after 2026.
	{in: "03/04/90", want: "1990-04-03", flags: DateTwoDigitYear},
	{in: "3-4-05", want: "2005-04-03", flags: DateTwoDigitYear},
	{in: "25/11/26", want: "2026-11-25", flags: DateTwoDigitYear},
	{in: "01/01/27", want: "1927-01-01", flags: DateTwoDigitYear},
	{in: "01/01/00", want: "2000-01-01", flags: DateTwoDigitYear},
	// Month first, flagged.
	{in: "04/13/1990", want: "1990-04-13", flags: DateMonthFirst},
	{in: "12/31/1999", want: "1999-12-31", flags: DateMonthFirst},
	{in: "2/29/2000", want: "2000-02-29", flags: DateMonthFirst},
	{in: "04/13/90", want: "1990-04-13", flags: DateMonthFirst | DateTwoDigitYear},
	// Time of day from exports.
	{in: "03/04/1990 00:00:00", want: "1990-04-03"},
	{in: "3/4/1990 0:00", want: "1990-04-03"},
	{in: "4/3/1990 12:00:00 AM", want: "1990-03-04"},
	{in: "03/04/1990 12:00:00 SA", want: "1990-04-03"},
	{in: "03/04/1990 11:59 pm", want: "1990-04-03"},
	{in: "1990-04-03T00:00:00", want: "1990-04-03"},
	{in: "1990-04-03T00:00:00Z", want: "1990-04-03"},
	{in: "1990-04-03T00:00:00.000+07:00", want: "1990-04-03"},
	{in: "1990-04-03 23:59:59.123456", want: "1990-04-03"},
	{in: "1990-04-03t07:00:00-0500", want: "1990-04-03"},
	// Vietnamese words.
	{in: "ngày 03 tháng 4 năm 1990", want: "1990-04-03"},
	{in: "Ngày 3 Tháng 4 Năm 1990", want: "1990-04-03"},
	{in: "NGÀY 03 THÁNG 04 NĂM 1990", want: "1990-04-03"},
	{in: "ngay 3 thang 4 nam 1990", want: "1990-04-03"},
	{in: "ngày 3, tháng 4, năm 1990", want: "1990-04-03"},
	{in: "sinh ngày 3 tháng 4 năm 1990", want: "1990-04-03"},
	{in: "tháng 4 năm 1990", want: "1990-04"},
	{in: "năm 1990", want: "1990"},
	{in: "Năm sinh: 1990", want: "1990"},
	{in: "sinh năm 1990", want: "1990"},
	{in: "năm 90", want: "1990", flags: DateTwoDigitYear},
	{in: "Ngày sinh: 03/04/1990", want: "1990-04-03"},
	{in: "NGÀY SINH : 3/4/1990 00:00:00", want: "1990-04-03"},
	{in: "Ngày/tháng/năm sinh: 03/04/1990", want: "1990-04-03"},
	{in: "NS: 03/04/1990", want: "1990-04-03"},
	{in: "ngày 04/13/1990", want: "1990-04-13", flags: DateMonthFirst},
	{in: "tháng 4/1990", want: "1990-04"},
	{in: norm.NFD.String("ngày 03 tháng 4 năm 1990"), want: "1990-04-03"},
	{in: norm.NFD.String("NGÀY SINH: 03/04/1990 00:00:00"), want: "1990-04-03"},
	{in: "Ngày/tháng/năm sinh: 03/04/1990 00:00:00", want: "1990-04-03"},
	{in: "Ngày sinh:\u00a003\u202f/\u202f04\u202f/\u202f1990", want: "1990-04-03"},
	{in: "03–04–1990", want: "1990-04-03"},
	{in: "03\u22154\u22151990", want: "1990-04-03"},
	{in: "ngày 3 tháng 4 năm 1990\u200b", want: "1990-04-03"}, // zero-width space: Fold removes it
	// Limits of plausibility: today is 2026-11-25, MaxAge 120.
	{in: "25/11/2026", want: "2026-11-25"},
	{in: "11/2026", want: "2026-11"},
	{in: "2026", want: "2026"},
	{in: "26/11/1905", want: "1905-11-26"}, // 120 years old, 121 tomorrow
	{in: "1905", want: "1905"},             // may be born 1905-12-31: 120
	{in: "12/1905", want: "1905-12"},
	{in: "11/1905", want: "1905-11"}, // may be born 1905-11-30: 120

	// Empty values and placeholders.
	{in: "", wantErr: msgDateEmptyMsg},
	{in: "   ", wantErr: msgDateEmptyMsg},
	{in: "-", wantErr: msgDateEmptyMsg},
	{in: " / / ", wantErr: msgDateEmptyMsg},
	{in: "00/00/0000", wantErr: msgDateZeroMsg},
	{in: "0000", wantErr: msgDateZeroMsg},
	{in: "00000000", wantErr: msgDateZeroMsg},
	{in: "000000000000", wantErr: msgDateZeroMsg},
	// Impossible dates.
	{in: "31/02/1990", wantErr: msgDateDayMsg},
	{in: "29/02/1990", wantErr: msgDateDayMsg},
	{in: "29/02/1900", wantErr: msgDateDayMsg},
	{in: "31/04/1990", wantErr: msgDateDayMsg},
	{in: "32/01/1990", wantErr: msgDateDayMsg},
	{in: "13/13/1990", wantErr: msgDateMonthMsg},
	{in: "02/31/1990", wantErr: msgDateMonthMsg},
	{in: "00/13/1990", wantErr: msgDateMonthMsg},
	{in: "1990-13-04", wantErr: msgDateMonthMsg},
	{in: "13/1990", wantErr: msgDateMonthMsg},
	{in: "19901304", wantErr: msgDateMonthMsg},
	{in: "199013030000", wantErr: msgDateMonthMsg},
	{in: "03/00/1990", wantErr: msgDateDayNoMonMsg},
	{in: "0000-04-03", wantErr: msgDateYearMsg},
	{in: "ngày 3 năm 1990", wantErr: msgDateDayNoMonMsg},
	// Future dates and great ages.
	{in: "26/11/2026", wantErr: msgDateFutureMsg},
	{in: "01/01/2027", wantErr: msgDateFutureMsg},
	{in: "12/2026", wantErr: msgDateFutureMsg},
	{in: "2027", wantErr: msgDateFutureMsg},
	{in: "99999", wantErr: msgDateFutureMsg},
	{in: "26/12/26", wantErr: msgDateFutureMsg},
	{in: "25/11/1905", wantErr: msgDateAgeMsg},
	{in: "10/1905", wantErr: msgDateAgeMsg},
	{in: "1904", wantErr: msgDateAgeMsg},
	{in: "1000", wantErr: msgDateAgeMsg},
	{in: "00060", wantErr: "normalize.ParseDate: value out of range: Excel serial is out of range"},
	// Times that are not times.
	{in: "03/04/1990 25:00", wantErr: msgDateTimeMsg},
	{in: "03/04/1990 10:61", wantErr: msgDateTimeMsg},
	{in: "03/04/1990 13:00 PM", wantErr: msgDateTimeMsg},
	{in: "03/04/1990 10:00 XM", wantErr: msgDateTimeMsg},
	{in: "03/04/1990 10:00:00+25:00", wantErr: msgDateTimeMsg},
	{in: "03/04/1990 10:0", wantErr: msgDateTimeMsg},
	{in: "199004032500", wantErr: msgDateTimeRangeMsg},
	{in: "199004030060", wantErr: msgDateTimeRangeMsg},
	{in: "19900403000060", wantErr: msgDateTimeRangeMsg},
	{in: "03/04/1990:00", wantErr: msgDateSyntaxMsg},
	{in: "10:00", wantErr: msgDateSyntaxMsg},
	{in: "03/04/1990 :00", wantErr: msgDateSyntaxMsg},
	// Not dates.
	{in: "abc", wantErr: msgDateWordMsg},
	{in: "Nam", wantErr: msgDateNoNumMsg},
	{in: "tháng 4", wantErr: msgDateNoYearMsg},
	{in: "ngày 3", wantErr: msgDateNoYearMsg},
	{in: "Ngày sinh: 1990", want: "1990"},
	{in: "ngày 3 tháng 4", wantErr: msgDateNoYearMsg},
	{in: "năm 1990 tháng 4", wantErr: msgDateSyntaxMsg},
	{in: "năm 1990 năm 1991", wantErr: msgDateSyntaxMsg},
	{in: "ngày tháng 4 năm 1990", wantErr: msgDateSyntaxMsg},
	{in: "năm 199", wantErr: msgDateSyntaxMsg},
	{in: "không rõ", wantErr: msgDateWordMsg},
	{in: "—", wantErr: msgDateEmptyMsg},
	{in: "03/04/1990 ✓", wantErr: msgDateCharsMsg},
	{in: "\xff03/04/1990", wantErr: msgDateCharsMsg},
	{in: "03/04", wantErr: msgDateSyntaxMsg},
	{in: "03/04/1990/1", wantErr: msgDateSyntaxMsg},
	{in: "03/04-1990", wantErr: msgDateMixedMsg},
	{in: "03-Apr/1990", wantErr: msgDateMixedMsg},
	{in: "31-Apr-1990", wantErr: msgDateDayMsg},
	{in: "03-Foo-1990", wantErr: msgDateWordMsg},
	{in: "03-Ap-1990", wantErr: msgDateWordMsg},
	{in: "Apr-03-1990", wantErr: msgDateWordMsg},
	{in: "03-Apr", wantErr: msgDateSyntaxMsg},
	{in: "1990-Apr-03", wantErr: msgDateSyntaxMsg},
	{in: "Apr1990", wantErr: msgDateWordMsg},
	{in: "03//04/1990", wantErr: msgDateSyntaxMsg},
	{in: "03/04/199", wantErr: msgDateSyntaxMsg},
	{in: "1990x", wantErr: msgDateSyntaxMsg},
	{in: "1990-", wantErr: msgDateSyntaxMsg},
	{in: "+1990", wantErr: msgDateSyntaxMsg},
	{in: "123", wantErr: msgDateSyntaxMsg},
	{in: "199004", wantErr: msgDateSyntaxMsg},
	{in: "1990040300", wantErr: msgDateSyntaxMsg},
	{in: "123456789012345", wantErr: msgDateSyntaxMsg},
	{in: "1990-04-03T", wantErr: msgDateSyntaxMsg},
	{in: "32966.5.1", wantErr: msgDateSyntaxMsg},
	{in: "32966/5", wantErr: msgDateSyntaxMsg},
}

// checkParseCase runs one table row through p.
func checkParseCase(t *testing.T, p *DateParser, tt dateParseCase) {
	t.Helper()
	got, err := p.Parse(tt.in)
	if tt.wantErr != "" {
		if err == nil {
			t.Fatalf("Parse(%q) = %v, want error %q", tt.in, got, tt.wantErr)
		}
		if diff := cmp.Diff(tt.wantErr, err.Error()); diff != "" {
			t.Errorf("Parse(%q) error (-want +got):\n%s", tt.in, diff)
		}
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Func != "ParseDate" {
			t.Errorf("Parse(%q) error %T is not a *ParseError of ParseDate", tt.in, err)
		}
		if !got.IsZero() {
			t.Errorf("Parse(%q) returned %v with an error", tt.in, got)
		}
		return
	}
	if err != nil {
		t.Fatalf("Parse(%q): %v", tt.in, err)
	}
	type result struct {
		Text  string
		Flags DateFlags
	}
	if diff := cmp.Diff(result{tt.want, tt.flags}, result{got.String(), got.Flags()}); diff != "" {
		t.Errorf("Parse(%q) (-want +got):\n%s", tt.in, diff)
	}
	// The canonical text reads back to the same calendar value, unflagged.
	again, err := p.Parse(got.String())
	if err != nil || again != got.WithoutFlags() {
		t.Errorf("Parse(%q) = %v, %v; want %v", got.String(), again, err, got.WithoutFlags())
	}
}

func TestDateParserParse(t *testing.T) {
	for _, tt := range parseDateCases {
		t.Run(tt.in, func(t *testing.T) {
			checkParseCase(t, &testDateParser, tt)
		})
	}
}

// TestParseDateLegacy parses Vietnamese words written in the legacy
// encodings that Fold repairs.
func TestParseDateLegacy(t *testing.T) {
	inputs := []dateParseCase{
		{in: "ngày 03 tháng 4 năm 1990", want: "1990-04-03"},
		{in: "Ngày sinh 03/04/1990", want: "1990-04-03"},
		{in: "NĂM SINH 1990", want: "1990"},
		{in: "tháng 4 năm 1990", want: "1990-04"},
	}
	for _, e := range []Encoding{TCVN3, VNI, Mojibake} {
		for _, tt := range inputs {
			tt.in = EncodeLegacy(tt.in, e)
			t.Run(e.String()+"/"+tt.in, func(t *testing.T) {
				checkParseCase(t, &testDateParser, tt)
			})
		}
	}
}

// TestParseDateErrorsSentinels checks the sentinel each error wraps, and
// that no error repeats the input.
func TestParseDateErrorsSentinels(t *testing.T) {
	sentinels := map[string]error{
		msgDateEmptyMsg: ErrEmpty, msgDateZeroMsg: ErrEmpty,
		msgDateSyntaxMsg: ErrSyntax, msgDateCharsMsg: ErrSyntax, msgDateMixedMsg: ErrSyntax, msgDateTimeMsg: ErrSyntax, msgDateWordMsg: ErrSyntax,
		msgDateNoNumMsg: ErrSyntax, msgDateNoYearMsg: ErrSyntax,
		msgDateTimeRangeMsg: ErrRange, msgDateDayMsg: ErrRange, msgDateMonthMsg: ErrRange, msgDateDayNoMonMsg: ErrRange,
		msgDateYearMsg: ErrRange, msgDateFutureMsg: ErrRange, msgDateAgeMsg: ErrRange,
	}
	for _, tt := range parseDateCases {
		if tt.wantErr == "" {
			continue
		}
		t.Run(tt.in, func(t *testing.T) {
			_, err := testDateParser.Parse(tt.in)
			want, ok := sentinels[tt.wantErr]
			if !ok {
				want = ErrRange // the Excel serial row
			}
			if !errors.Is(err, want) {
				t.Errorf("Parse(%q) = %v, want it to wrap %v", tt.in, err, want)
			}
			if in := strings.TrimSpace(tt.in); len(in) >= 3 && strings.Contains(err.Error(), in) {
				t.Errorf("error %q repeats the input", err)
			}
		})
	}
}

func TestDateParserSettings(t *testing.T) {
	tests := []struct {
		name string
		p    DateParser
		dateParseCase
	}{
		{"pivot 1999 two-digit 99", DateParser{Now: dateTestNow, TwoDigitYearMax: 1999}, dateParseCase{in: "01/01/99", want: "1999-01-01", flags: DateTwoDigitYear}},
		{"pivot 1999 two-digit 00", DateParser{Now: dateTestNow, TwoDigitYearMax: 1999}, dateParseCase{in: "01/01/00", want: "1900-01-01", flags: DateTwoDigitYear, wantErr: msgDateAgeMsg}},
		{"pivot 2049", DateParser{Now: dateTestNow, TwoDigitYearMax: 2049, AllowFuture: true}, dateParseCase{in: "01/01/49", want: "2049-01-01", flags: DateTwoDigitYear}},
		{"pivot 2049 50", DateParser{Now: dateTestNow, TwoDigitYearMax: 2049}, dateParseCase{in: "01/01/50", want: "1950-01-01", flags: DateTwoDigitYear}},
		{"max age 60 ok", DateParser{Now: dateTestNow, MaxAge: 60}, dateParseCase{in: "26/11/1965", want: "1965-11-26"}},
		{"max age 60 too old", DateParser{Now: dateTestNow, MaxAge: 60}, dateParseCase{in: "25/11/1965", wantErr: msgDateAgeMsg}},
		{"no max age", DateParser{Now: dateTestNow, MaxAge: -1}, dateParseCase{in: "1066", want: "1066"}},
		{"allow future", DateParser{Now: dateTestNow, AllowFuture: true}, dateParseCase{in: "31/12/2030", want: "2030-12-31"}},
		{"allow future serial", DateParser{Now: dateTestNow, AllowFuture: true, MaxAge: -1}, dateParseCase{in: "99999", want: "2173-10-13", flags: DateExcelSerial}},
		{"today in another zone", DateParser{Now: time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC)}, dateParseCase{in: "25/11/2026", wantErr: msgDateFutureMsg}},
		{"leap birthday age", DateParser{Now: time.Date(2024, 2, 28, 0, 0, 0, 0, time.UTC), MaxAge: 20}, dateParseCase{in: "29/02/2004", want: "2004-02-29"}},
		{"leap birthday too old", DateParser{Now: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), MaxAge: 20}, dateParseCase{in: "29/02/2004", wantErr: msgDateAgeMsg}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkParseCase(t, &tt.p, tt.dateParseCase)
		})
	}
}

// TestParseDateDefault checks that the zero parser uses the real clock: a
// date long past parses and a date far ahead is in the future.
func TestParseDateDefault(t *testing.T) {
	if d, err := ParseDate("03/04/1990"); err != nil || d.String() != "1990-04-03" {
		t.Errorf("ParseDate(03/04/1990) = %v, %v", d, err)
	}
	if _, err := ParseDate("01/01/9000"); !errors.Is(err, ErrRange) {
		t.Errorf("ParseDate(01/01/9000) error = %v, want ErrRange", err)
	}
}

// allocFreeDateInputs are the numeric forms that must parse without
// allocating.
var allocFreeDateInputs = []string{
	"03/04/1990", "3/4/1990", "1990-04-03", "19900403", "199004030000",
	"1990", "04/1990", "32966", "03/04/90", "04/13/1990",
	"03/04/1990 00:00:00", "1990-04-03T00:00:00Z", "Ngay sinh: 03/04/1990", "03-Apr-1990",
}

func TestParseDateDoesNotAllocate(t *testing.T) {
	for _, in := range allocFreeDateInputs {
		t.Run(in, func(t *testing.T) {
			allocs := testing.AllocsPerRun(100, func() {
				if _, err := testDateParser.Parse(in); err != nil {
					t.Fatal(err)
				}
			})
			if allocs != 0 {
				t.Errorf("Parse(%q) allocates %v times, want 0", in, allocs)
			}
		})
	}
}

func FuzzParseDate(f *testing.F) {
	for _, tt := range parseDateCases {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		d, err := testDateParser.Parse(in)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Func != "ParseDate" {
				t.Fatalf("Parse(%q) error %T %v is not a *ParseError of ParseDate", in, err, err)
			}
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrSyntax) && !errors.Is(err, ErrRange) {
				t.Fatalf("Parse(%q) error %v wraps no expected sentinel", in, err)
			}
			if !d.IsZero() {
				t.Fatalf("Parse(%q) returned %v with an error", in, d)
			}
			if digits := strings.TrimSpace(in); len(digits) >= 4 && strings.ContainsAny(digits, "0123456789") && strings.Contains(err.Error(), digits) {
				t.Fatalf("error %q repeats the input %q", err, in)
			}
			return
		}
		if d.IsZero() {
			t.Fatalf("Parse(%q) returned the zero Date without error", in)
		}
		text := d.String()
		if !utf8.ValidString(text) {
			t.Fatalf("Parse(%q).String() = %q is not UTF-8", in, text)
		}
		again, err := testDateParser.Parse(text)
		if err != nil || again != d.WithoutFlags() {
			t.Fatalf("Parse(%q) = %v; Parse(%q) = %v, %v", in, d, text, again, err)
		}
		var u Date
		if err := u.UnmarshalText([]byte(text)); err != nil || u != d.WithoutFlags() {
			t.Fatalf("UnmarshalText(%q) = %v, %v; want %v", text, u, err, d.WithoutFlags())
		}
	})
}

// dateBenchInputs are the benchmark sub-cases, one per format.
var dateBenchInputs = []struct{ name, in string }{
	{"dmy", "03/04/1990"},
	{"dmy_short", "3/4/1990"},
	{"iso", "1990-04-03"},
	{"yyyymmdd", "19900403"},
	{"xml1", "199004030000"},
	{"year", "1990"},
	{"month_year", "04/1990"},
	{"excel_serial", "32966"},
	{"two_digit_year", "03/04/90"},
	{"month_first", "04/13/1990"},
	{"excel_time", "03/04/1990 00:00:00"},
	{"iso_time", "1990-04-03T00:00:00"},
	{"month_name", "03-Apr-1990"},
	{"label", "Ngay sinh: 03/04/1990"},
	{"words_vi", "ngày 03 tháng 4 năm 1990"},
	{"error_syntax", "abc"},
}

func BenchmarkParseDate(b *testing.B) {
	for _, bc := range dateBenchInputs {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = testDateParser.Parse(bc.in)
			}
		})
	}
	// The zero parser reads the clock on each call.
	b.Run("dmy_time_now", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = ParseDate("03/04/1990")
		}
	})
}
