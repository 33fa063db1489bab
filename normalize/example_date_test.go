package normalize_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/vnlink/vnlink/normalize"
)

func ExampleParseDate() {
	for _, s := range []string{"03/04/1990", "199004030000", "ngày 3 tháng 4 năm 1990", "32966"} {
		d, err := normalize.ParseDate(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(d, d.Precision())
	}
	// Output:
	// 1990-04-03 day
	// 1990-04-03 day
	// 1990-04-03 day
	// 1990-04-03 day
}

// Partial dates keep their precision.
func ExampleParseDate_precision() {
	for _, s := range []string{"1990", "Năm sinh: 1990", "04/1990", "00/00/1990"} {
		d, _ := normalize.ParseDate(s)
		fmt.Printf("%s year=%d month=%d day=%d precision=%v\n", d, d.Year(), d.Month(), d.Day(), d.Precision())
	}
	// Output:
	// 1990 year=1990 month=0 day=0 precision=year
	// 1990 year=1990 month=0 day=0 precision=year
	// 1990-04 year=1990 month=4 day=0 precision=month
	// 1990 year=1990 month=0 day=0 precision=year
}

// A value that is impossible day first but valid month first is read month
// first and flagged.
func ExampleParseDate_monthFirst() {
	for _, s := range []string{"04/13/1990", "04/03/1990"} {
		d, _ := normalize.ParseDate(s)
		fmt.Println(d, d.MonthFirst())
	}
	// Output:
	// 1990-04-13 true
	// 1990-03-04 false
}

// Errors say why, never what: the value is personal data.
func ExampleParseDate_errors() {
	for _, s := range []string{"31/02/1990", "13/13/1990", "", "hôm qua"} {
		_, err := normalize.ParseDate(s)
		fmt.Println(errors.Is(err, normalize.ErrRange), err)
	}
	// Output:
	// true normalize.ParseDate: value out of range: day does not exist in that month
	// true normalize.ParseDate: value out of range: month is not between 1 and 12
	// false normalize.ParseDate: empty value: no date given
	// false normalize.ParseDate: invalid syntax: unknown word in date
}

// A DateParser with a fixed Now gives the same answers every day.
func ExampleDateParser() {
	p := normalize.DateParser{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}
	for _, s := range []string{"03/04/90", "01/01/27", "2027", "1904"} {
		d, err := p.Parse(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(d, d.Flags())
	}
	// Output:
	// 1990-04-03 two-digit-year
	// 1927-01-01 two-digit-year
	// normalize.ParseDate: value out of range: date is in the future
	// normalize.ParseDate: value out of range: age is over the maximum
}

func ExampleNewDate() {
	d, _ := normalize.NewDate(1990, 4, 0)
	fmt.Println(d, d.Precision())
	_, err := normalize.NewDate(1990, 2, 29)
	fmt.Println(err)
	// Output:
	// 1990-04 month
	// normalize.NewDate: value out of range: day does not exist in that month
}

func ExampleDateFromExcelSerial() {
	for _, n := range []int{1, 59, 60, 61, 32966} {
		d, err := normalize.DateFromExcelSerial(n)
		if err != nil {
			fmt.Println(n, err)
			continue
		}
		fmt.Println(n, d)
	}
	// Output:
	// 1 1900-01-01
	// 59 1900-02-28
	// 60 normalize.DateFromExcelSerial: value out of range: Excel serial 60 is the nonexistent 1900-02-29
	// 61 1900-03-01
	// 32966 1990-04-03
}

// Comparisons for record linkage need no allocation: Compare, Equal and
// Truncate work on the packed value.
func ExampleDate_Truncate() {
	full, _ := normalize.ParseDate("03/04/1990")
	year, _ := normalize.ParseDate("1990")
	fmt.Println(full.Equal(year))
	fmt.Println(full.Truncate(normalize.PrecisionYear).Equal(year))
	fmt.Println(year.Compare(full))
	// Output:
	// false
	// true
	// -1
}

func ExampleDate_Compare() {
	a, _ := normalize.ParseDate("04/13/1990") // flagged month first
	b, _ := normalize.ParseDate("13/04/1990")
	fmt.Println(a == b, a.Equal(b), a.Compare(b), a.WithoutFlags() == b)
	// Output:
	// false true 0 true
}

func ExampleDate_DaysSinceEpoch() {
	a, _ := normalize.ParseDate("03/04/1990")
	b, _ := normalize.ParseDate("13/04/1990")
	da, _ := a.DaysSinceEpoch()
	db, ok := b.DaysSinceEpoch()
	fmt.Println(da, db-da, ok)
	// Output:
	// 7397 10 true
}

func ExampleDate_MarshalText() {
	d, _ := normalize.ParseDate("3/4/1990")
	text, _ := d.MarshalText()
	var back normalize.Date
	err := back.UnmarshalText(text)
	fmt.Println(string(text), back == d, err)
	// Output:
	// 1990-04-03 true <nil>
}
