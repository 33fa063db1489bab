package normalize

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// idErr is the comparable summary of an error of this file's parsers.
type idErr struct {
	Func, Sentinel, Reason string
}

// idErrOf summarises err, which must be a *ParseError wrapping a sentinel.
func idErrOf(t *testing.T, err error) idErr {
	t.Helper()
	if err == nil {
		return idErr{}
	}
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %T is not a *ParseError", err)
	}
	names := map[error]string{ErrEmpty: "ErrEmpty", ErrSyntax: "ErrSyntax", ErrRange: "ErrRange", ErrUnknownCode: "ErrUnknownCode"}
	name, ok := names[pe.Err]
	if !ok || !errors.Is(err, pe.Err) {
		t.Fatalf("error wraps %v, not a sentinel", pe.Err)
	}
	return idErr{pe.Func, name, pe.Reason}
}

// idAssertNoLeak fails when the message of err repeats the input or its
// digits: errors must be safe to log.
func idAssertNoLeak(t *testing.T, input string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	msg := err.Error()
	var digits strings.Builder
	for _, r := range input {
		if r >= '0' && r <= '9' {
			digits.WriteRune(r)
		}
	}
	if d := digits.String(); len(d) >= 5 && strings.Contains(msg, d) {
		t.Errorf("error %q repeats the digits of the input", msg)
	}
	// Short inputs may occur in the fixed wording ("n c" in "unknown
	// code"); twelve characters may not.
	if in := strings.TrimSpace(input); len(in) >= 12 && strings.Contains(msg, in) {
		t.Errorf("error %q repeats the input", msg)
	}
}

func TestIDChars(t *testing.T) {
	type result struct {
		Chars    string
		N        int
		Sentinel error
		Reason   string
	}
	tests := []struct {
		name string
		in   string
		want result
	}{
		{"plain", "001090012345", result{"001090012345", 12, nil, ""}},
		{"spaces dots dashes", " 001.090-012_345 ", result{"001090012345", 12, nil, ""}},
		{"no-break and zero-width spaces", "\u00a0001\u202f090\u200b012345\ufeff", result{"001090012345", 12, nil, ""}},
		{"excel apostrophe", "'001090012345", result{"001090012345", 12, nil, ""}},
		{"typographic apostrophe", "\u2019 012345678", result{"012345678", 9, nil, ""}},
		{"float suffix", "1090012345.0", result{"1090012345", 10, nil, ""}},
		{"float suffix two zeros", "1090012345.00", result{"1090012345", 10, nil, ""}},
		{"dot group not a float suffix", "012.345.670", result{"012345670", 9, nil, ""}},
		{"letters upper-cased", "dn4 01", result{"DN401", 5, nil, ""}},
		{"scientific notation", "1.09001E+11", result{"109001", 6, ErrSyntax, "number in scientific notation: digits were lost"}},
		{"empty", "", result{"", 0, ErrEmpty, "no characters"}},
		{"spaces only", " \t ", result{"", 0, ErrEmpty, "no characters"}},
		{"separators only", "-.-", result{"", 0, ErrEmpty, "no digits"}},
		{"slash", "012345678/123", result{"012345678", 9, ErrSyntax, "unexpected character"}},
		{"vietnamese letter", "số 012345678", result{"S", 1, ErrSyntax, "unexpected character"}},
		{"too long", "12345678901234567890", result{"1234567890123456", 20, nil, ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf [maxIDChars]byte
			n, sentinel, reason := idChars(tt.in, &buf)
			got := result{string(buf[:min(n, maxIDChars)]), n, sentinel, reason}
			if diff := cmp.Diff(tt.want, got, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
				t.Errorf("idChars(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestIDAppendPadded(t *testing.T) {
	tests := []struct {
		v     uint64
		width int
		want  string
	}{
		{0, 3, "000"},
		{7, 1, "7"},
		{1090012345, 12, "001090012345"},
		{123, 2, "123"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			got := string(idAppendPadded([]byte("x"), tt.v, tt.width))
			if diff := cmp.Diff("x"+tt.want, got); diff != "" {
				t.Errorf("idAppendPadded(%d, %d) mismatch (-want +got):\n%s", tt.v, tt.width, diff)
			}
		})
	}
}
