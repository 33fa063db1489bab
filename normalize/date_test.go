package normalize

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// mustDate builds a Date for a test, with flags.
func mustDate(t testing.TB, y, m, d int, f DateFlags) Date {
	t.Helper()
	if _, err := NewDate(y, m, d); err != nil {
		t.Fatalf("NewDate(%d, %d, %d): %v", y, m, d, err)
	}
	return packDate(y, m, d, f)
}

// dateParts is a readable view of a Date for cmp.Diff.
type dateParts struct {
	Y, M, D   int
	Precision DatePrecision
	Flags     DateFlags
	Text      string
}

func datePartsOf(d Date) dateParts {
	return dateParts{d.Year(), d.Month(), d.Day(), d.Precision(), d.Flags(), d.String()}
}

func TestNewDate(t *testing.T) {
	tests := []struct {
		name    string
		y, m, d int
		want    dateParts
		wantErr string
	}{
		{name: "full", y: 1990, m: 4, d: 3, want: dateParts{1990, 4, 3, PrecisionDay, 0, "1990-04-03"}},
		{name: "month", y: 1990, m: 4, want: dateParts{1990, 4, 0, PrecisionMonth, 0, "1990-04"}},
		{name: "year", y: 1990, want: dateParts{1990, 0, 0, PrecisionYear, 0, "1990"}},
		{name: "small year padded", y: 7, m: 1, d: 9, want: dateParts{7, 1, 9, PrecisionDay, 0, "0007-01-09"}},
		{name: "max", y: 9999, m: 12, d: 31, want: dateParts{9999, 12, 31, PrecisionDay, 0, "9999-12-31"}},
		{name: "leap day 2000", y: 2000, m: 2, d: 29, want: dateParts{2000, 2, 29, PrecisionDay, 0, "2000-02-29"}},
		{name: "leap day 2024", y: 2024, m: 2, d: 29, want: dateParts{2024, 2, 29, PrecisionDay, 0, "2024-02-29"}},
		{name: "no leap day 1900", y: 1900, m: 2, d: 29, wantErr: "normalize.NewDate: value out of range: day does not exist in that month"},
		{name: "no leap day 2023", y: 2023, m: 2, d: 29, wantErr: "normalize.NewDate: value out of range: day does not exist in that month"},
		{name: "april 31", y: 1990, m: 4, d: 31, wantErr: "normalize.NewDate: value out of range: day does not exist in that month"},
		{name: "month 13", y: 1990, m: 13, wantErr: "normalize.NewDate: value out of range: month is not between 1 and 12"},
		{name: "negative month", y: 1990, m: -1, wantErr: "normalize.NewDate: value out of range: month is not between 1 and 12"},
		{name: "negative day", y: 1990, m: 1, d: -1, wantErr: "normalize.NewDate: value out of range: day does not exist in that month"},
		{name: "day without month", y: 1990, d: 3, wantErr: "normalize.NewDate: value out of range: day is given without a month"},
		{name: "year 0", y: 0, wantErr: "normalize.NewDate: value out of range: year is not between 1 and 9999"},
		{name: "year 10000", y: 10000, wantErr: "normalize.NewDate: value out of range: year is not between 1 and 9999"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NewDate(tt.y, tt.m, tt.d)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("NewDate = %v, want error %q", got, tt.wantErr)
				}
				if diff := cmp.Diff(tt.wantErr, err.Error()); diff != "" {
					t.Errorf("error (-want +got):\n%s", diff)
				}
				if !errors.Is(err, ErrRange) {
					t.Errorf("error %v does not wrap ErrRange", err)
				}
				if !got.IsZero() {
					t.Errorf("NewDate returned non-zero %v with an error", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("NewDate: %v", err)
			}
			if diff := cmp.Diff(tt.want, datePartsOf(got)); diff != "" {
				t.Errorf("NewDate (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDateZero(t *testing.T) {
	var d Date
	_, daysOK := d.DaysSinceEpoch()
	type view struct {
		IsZero    bool
		Parts     dateParts
		Time      time.Time
		DaysOK    bool
		Truncated string
	}
	got := view{d.IsZero(), datePartsOf(d), d.Time(), daysOK, d.Truncate(PrecisionDay).String()}
	want := view{IsZero: true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("zero Date (-want +got):\n%s", diff)
	}
	if mustDate(t, 1, 1, 1, 0).IsZero() {
		t.Error("0001-01-01 reports IsZero")
	}
	if !packDate(0, 0, 0, DateMonthFirst).IsZero() {
		t.Error("a zero Date with flags is not IsZero")
	}
}

func TestDateCompare(t *testing.T) {
	// In ascending order.
	ordered := []Date{
		{},
		mustDate(t, 1989, 12, 31, 0),
		mustDate(t, 1990, 0, 0, 0),
		mustDate(t, 1990, 1, 0, 0),
		mustDate(t, 1990, 1, 1, 0),
		mustDate(t, 1990, 1, 2, 0),
		mustDate(t, 1990, 2, 0, 0),
		mustDate(t, 1990, 2, 1, 0),
		mustDate(t, 1991, 0, 0, 0),
	}
	for i, a := range ordered {
		for j, b := range ordered {
			want := 0
			switch {
			case i < j:
				want = -1
			case i > j:
				want = 1
			}
			t.Run(a.String()+"_vs_"+b.String(), func(t *testing.T) {
				// Flags must not change the answer.
				for _, f := range []DateFlags{0, DateMonthFirst, DateTwoDigitYear | DateExcelSerial} {
					bf := Date{v: b.v | uint32(f)}
					if got := a.Compare(bf); got != want {
						t.Errorf("Compare(flags %v) = %d, want %d", f, got, want)
					}
					if got := a.Equal(bf); got != (want == 0) {
						t.Errorf("Equal(flags %v) = %v, want %v", f, got, want == 0)
					}
				}
			})
		}
	}
}

func TestDateFlags(t *testing.T) {
	d := mustDate(t, 1990, 4, 13, DateMonthFirst|DateTwoDigitYear)
	got := struct {
		Flags         string
		MonthFirst    bool
		Plain         string
		PlainMonth    bool
		EqualToPlain  bool
		SameAsPlain   bool
		PlainEqualNew bool
	}{
		Flags:         d.Flags().String(),
		MonthFirst:    d.MonthFirst(),
		Plain:         d.WithoutFlags().Flags().String(),
		PlainMonth:    d.WithoutFlags().MonthFirst(),
		EqualToPlain:  d.Equal(d.WithoutFlags()),
		SameAsPlain:   d == d.WithoutFlags(),
		PlainEqualNew: d.WithoutFlags() == mustDate(t, 1990, 4, 13, 0),
	}
	want := struct {
		Flags         string
		MonthFirst    bool
		Plain         string
		PlainMonth    bool
		EqualToPlain  bool
		SameAsPlain   bool
		PlainEqualNew bool
	}{"month-first|two-digit-year", true, "", false, true, false, true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("flags (-want +got):\n%s", diff)
	}
}

func TestDateFlagsString(t *testing.T) {
	tests := []struct {
		f    DateFlags
		want string
	}{
		{0, ""},
		{DateMonthFirst, "month-first"},
		{DateTwoDigitYear, "two-digit-year"},
		{DateExcelSerial, "excel-serial"},
		{DateMonthFirst | DateExcelSerial, "month-first|excel-serial"},
		{DateExcelSerial | 0x40, "excel-serial|0x40"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.f.String()); diff != "" {
				t.Errorf("String (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDatePrecisionString(t *testing.T) {
	got := []string{PrecisionNone.String(), PrecisionYear.String(), PrecisionMonth.String(), PrecisionDay.String(), DatePrecision(9).String()}
	want := []string{"none", "year", "month", "day", "DatePrecision(9)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("String (-want +got):\n%s", diff)
	}
}

func TestDateTruncate(t *testing.T) {
	full := mustDate(t, 1990, 4, 3, DateMonthFirst)
	tests := []struct {
		name string
		d    Date
		p    DatePrecision
		want string
	}{
		{"day to day", full, PrecisionDay, "1990-04-03"},
		{"day to month", full, PrecisionMonth, "1990-04"},
		{"day to year", full, PrecisionYear, "1990"},
		{"day to none", full, PrecisionNone, ""},
		{"year to day keeps year", mustDate(t, 1990, 0, 0, 0), PrecisionDay, "1990"},
		{"month to year", mustDate(t, 1990, 4, 0, 0), PrecisionYear, "1990"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.d.Truncate(tt.p)
			if diff := cmp.Diff(tt.want, got.String()); diff != "" {
				t.Errorf("Truncate (-want +got):\n%s", diff)
			}
			if tt.p != PrecisionNone && got.Flags() != tt.d.Flags() {
				t.Errorf("Truncate flags = %v, want %v", got.Flags(), tt.d.Flags())
			}
		})
	}
}

func TestDateTime(t *testing.T) {
	tests := []struct {
		d    Date
		want time.Time
	}{
		{mustDate(t, 1990, 4, 3, 0), time.Date(1990, 4, 3, 0, 0, 0, 0, time.UTC)},
		{mustDate(t, 1990, 4, 0, 0), time.Date(1990, 4, 1, 0, 0, 0, 0, time.UTC)},
		{mustDate(t, 1990, 0, 0, 0), time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.d.String(), func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.d.Time()); diff != "" {
				t.Errorf("Time (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDaysSinceEpoch checks the civil-day arithmetic against package time
// over every day from 1800 to 2200 and a sample of far years.
func TestDaysSinceEpoch(t *testing.T) {
	check := func(day time.Time) {
		t.Helper()
		y, m, d := day.Date()
		date := mustDate(t, y, int(m), d, 0)
		want := int(day.Unix() / 86400)
		if day.Unix() < 0 && day.Unix()%86400 != 0 {
			want--
		}
		got, ok := date.DaysSinceEpoch()
		if !ok || got != want {
			t.Fatalf("%v.DaysSinceEpoch() = %d, %v; want %d, true", date, got, ok, want)
		}
		gy, gm, gd := civilFromDays(got)
		if gy != y || gm != int(m) || gd != d {
			t.Fatalf("civilFromDays(%d) = %d-%d-%d, want %v", got, gy, gm, gd, date)
		}
	}
	for day := time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC); day.Year() < 2200; day = day.AddDate(0, 0, 1) {
		check(day)
	}
	for _, y := range []int{1, 2, 99, 100, 101, 399, 400, 401, 1582, 9999} {
		check(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC))
		check(time.Date(y, 2, 28, 0, 0, 0, 0, time.UTC))
		check(time.Date(y, 3, 1, 0, 0, 0, 0, time.UTC))
		check(time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC))
	}
	for _, d := range []Date{{}, mustDate(t, 1990, 4, 0, 0), mustDate(t, 1990, 0, 0, 0)} {
		if n, ok := d.DaysSinceEpoch(); ok || n != 0 {
			t.Errorf("%q.DaysSinceEpoch() = %d, %v; want 0, false", d.String(), n, ok)
		}
	}
}

func TestDateFromExcelSerial(t *testing.T) {
	tests := []struct {
		serial  int
		want    string
		wantErr string
	}{
		{serial: 1, want: "1900-01-01"},
		{serial: 31, want: "1900-01-31"},
		{serial: 59, want: "1900-02-28"},
		{serial: 60, wantErr: "normalize.DateFromExcelSerial: value out of range: Excel serial 60 is the nonexistent 1900-02-29"},
		{serial: 61, want: "1900-03-01"},
		{serial: 10000, want: "1927-05-18"},
		{serial: 32966, want: "1990-04-03"},
		{serial: 36526, want: "2000-01-01"},
		{serial: 46000, want: "2025-12-09"},
		{serial: 2958465, want: "9999-12-31"},
		{serial: 0, wantErr: "normalize.DateFromExcelSerial: value out of range: Excel serial is outside 1900-01-01 to 9999-12-31"},
		{serial: -5, wantErr: "normalize.DateFromExcelSerial: value out of range: Excel serial is outside 1900-01-01 to 9999-12-31"},
		{serial: 2958466, wantErr: "normalize.DateFromExcelSerial: value out of range: Excel serial is outside 1900-01-01 to 9999-12-31"},
	}
	for _, tt := range tests {
		t.Run(tt.want+tt.wantErr, func(t *testing.T) {
			got, err := DateFromExcelSerial(tt.serial)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("DateFromExcelSerial(%d) = %v, want error", tt.serial, got)
				}
				if diff := cmp.Diff(tt.wantErr, err.Error()); diff != "" {
					t.Errorf("error (-want +got):\n%s", diff)
				}
				return
			}
			if err != nil {
				t.Fatalf("DateFromExcelSerial(%d): %v", tt.serial, err)
			}
			if diff := cmp.Diff(tt.want, got.String()); diff != "" {
				t.Errorf("DateFromExcelSerial(%d) (-want +got):\n%s", tt.serial, diff)
			}
			if got.Flags() != DateExcelSerial {
				t.Errorf("flags = %v, want excel-serial", got.Flags())
			}
		})
	}
}

func TestDateText(t *testing.T) {
	tests := []struct {
		text    string
		want    dateParts
		wantErr string
	}{
		{text: "", want: dateParts{}},
		{text: "1990", want: dateParts{1990, 0, 0, PrecisionYear, 0, "1990"}},
		{text: "1990-04", want: dateParts{1990, 4, 0, PrecisionMonth, 0, "1990-04"}},
		{text: "1990-04-03", want: dateParts{1990, 4, 3, PrecisionDay, 0, "1990-04-03"}},
		{text: "0007-01-09", want: dateParts{7, 1, 9, PrecisionDay, 0, "0007-01-09"}},
		{text: "03/04/1990", wantErr: "normalize.Date.UnmarshalText: invalid syntax: not an ISO date yyyy, yyyy-mm or yyyy-mm-dd"},
		{text: "1990-4-3", wantErr: "normalize.Date.UnmarshalText: invalid syntax: not an ISO date yyyy, yyyy-mm or yyyy-mm-dd"},
		{text: "1990-00", wantErr: "normalize.Date.UnmarshalText: invalid syntax: not an ISO date yyyy, yyyy-mm or yyyy-mm-dd"},
		{text: "1990-04-00", wantErr: "normalize.Date.UnmarshalText: invalid syntax: not an ISO date yyyy, yyyy-mm or yyyy-mm-dd"},
		{text: "1990/04/03", wantErr: "normalize.Date.UnmarshalText: invalid syntax: not an ISO date yyyy, yyyy-mm or yyyy-mm-dd"},
		{text: "199a", wantErr: "normalize.Date.UnmarshalText: invalid syntax: not an ISO date yyyy, yyyy-mm or yyyy-mm-dd"},
		{text: "0000", wantErr: "normalize.Date.UnmarshalText: value out of range: year is not between 1 and 9999"},
		{text: "1990-02-29", wantErr: "normalize.Date.UnmarshalText: value out of range: day does not exist in that month"},
		{text: "1990-13", wantErr: "normalize.Date.UnmarshalText: value out of range: month is not between 1 and 12"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			sentinel := mustDate(t, 2001, 2, 3, 0)
			got := sentinel
			err := got.UnmarshalText([]byte(tt.text))
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("UnmarshalText = %v, want error", got)
				}
				if diff := cmp.Diff(tt.wantErr, err.Error()); diff != "" {
					t.Errorf("error (-want +got):\n%s", diff)
				}
				if got != sentinel {
					t.Errorf("UnmarshalText changed the Date on error to %v", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("UnmarshalText: %v", err)
			}
			if diff := cmp.Diff(tt.want, datePartsOf(got)); diff != "" {
				t.Errorf("UnmarshalText (-want +got):\n%s", diff)
			}
			text, err := got.MarshalText()
			if err != nil {
				t.Fatalf("MarshalText: %v", err)
			}
			if diff := cmp.Diff(tt.text, string(text)); diff != "" {
				t.Errorf("MarshalText round trip (-want +got):\n%s", diff)
			}
			app, _ := got.AppendText([]byte("x="))
			if diff := cmp.Diff("x="+tt.text, string(app)); diff != "" {
				t.Errorf("AppendText (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDateMethodsDoNotAllocate(t *testing.T) {
	a := mustDate(t, 1990, 4, 3, DateMonthFirst)
	b := mustDate(t, 1990, 0, 0, 0)
	buf := make([]byte, 0, 16)
	var sink int
	allocs := testing.AllocsPerRun(100, func() {
		sink += a.Compare(b)
		if a.Equal(b) || a.Truncate(PrecisionYear).Equal(b) {
			sink++
		}
		n, _ := a.DaysSinceEpoch()
		sink += n + a.Year() + a.Month() + a.Day() + int(a.Precision()) + int(a.Flags())
		buf, _ = a.AppendText(buf[:0])
	})
	if allocs != 0 {
		t.Errorf("Date methods allocate %v times per run, want 0", allocs)
	}
	_ = sink
}

func BenchmarkDateCompare(b *testing.B) {
	x := mustDate(b, 1990, 4, 3, 0)
	y := mustDate(b, 1990, 0, 0, 0)
	var sink int
	b.ReportAllocs()
	for b.Loop() {
		sink += x.Compare(y)
		if x.Truncate(PrecisionYear).Equal(y) {
			sink++
		}
	}
	_ = sink
}
