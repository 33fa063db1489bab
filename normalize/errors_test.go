package normalize

import (
	"errors"
	"strings"
	"testing"
)

func TestParseErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		err  *ParseError
		want string
	}{
		{"with reason", &ParseError{Func: "ParseDate", Reason: "month 13", Err: ErrRange}, "normalize.ParseDate: value out of range: month 13"},
		{"without reason", &ParseError{Func: "ParseSex", Err: ErrSyntax}, "normalize.ParseSex: invalid syntax"},
		{"other package", &ParseError{Func: "vnname.Parse", Reason: "digits in a name", Err: ErrSyntax}, "vnname.Parse: invalid syntax: digits in a name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
			if !errors.Is(tt.err, tt.err.Err) {
				t.Errorf("errors.Is(err, %v) = false", tt.err.Err)
			}
		})
	}
}

func TestRecordErrorUnwraps(t *testing.T) {
	inner := &ParseError{Func: "ParsePhone", Reason: "too few digits", Err: ErrRange}
	err := error(&RecordError{Row: 12, Field: "phone", Err: inner})
	if got, want := err.Error(), `row 12, field "phone": normalize.ParsePhone: value out of range: too few digits`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	var pe *ParseError
	if !errors.As(err, &pe) || pe != inner {
		t.Errorf("errors.As did not find the *ParseError")
	}
	if !errors.Is(err, ErrRange) {
		t.Errorf("errors.Is(err, ErrRange) = false")
	}
}

// TestErrorsNeverEchoInput runs every parser of the package on values that
// are rejected and checks that the error message does not contain the
// value: errors end up in logs, and the values are personal data.
func TestErrorsNeverEchoInput(t *testing.T) {
	parsers := map[string]func(string) error{
		"ParseDate":        func(s string) error { _, err := ParseDate(s); return err },
		"ParseSex":         func(s string) error { _, err := ParseSex(s); return err },
		"ParseNationalID":  func(s string) error { _, err := ParseNationalID(s); return err },
		"ParseInsuranceID": func(s string) error { _, err := ParseInsuranceID(s); return err },
		"ParsePhone":       func(s string) error { _, err := ParsePhone(s); return err },
		"ParseEthnicity":   func(s string) error { _, err := ParseEthnicity(s); return err },
	}
	inputs := []string{"Lananh9x", "31/02/1990", "0912345", "1234567890123", "ZZ9999", "Quang Tri 77"}
	for name, parse := range parsers {
		for _, in := range inputs {
			err := parse(in)
			if err == nil {
				continue
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Errorf("%s: error is %T, want *ParseError", name, err)
			}
			if msg := err.Error(); len(in) >= 4 && strings.Contains(msg, in) {
				t.Errorf("%s: error message %q echoes the input", name, msg)
			}
		}
	}
}
