package main

import (
	"strings"
	"testing"
)

// TestRunSample runs the demonstration on its embedded sample and checks
// a few repairs of each kind, the summary, and that the log lines name
// the row and the column but not the rejected value.
func TestRunSample(t *testing.T) {
	var out strings.Builder
	if err := run(strings.NewReader(sample), &out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		`-> "NGUYEN VAN AN"`,  // spacing canonical; diacritics cannot be invented
		`-> "Trần Thị Thuý"`,  // NFD input, old tone style
		`-> "Lê Văn Hoàng"`,   // UTF-8 read as Windows-1252
		`-> "Phạm Thị Lan"`,   // TCVN3
		`-> "Hoàng Minh Đức"`, // VNI
		`-> "1990-04-13 (read month first: check)"`,
		`-> "036185005678"`, // lost leading zero
		`-> "0381234567"`,   // pre-2018 prefix 0168
		`-> "HT3010123456789"`,
		`-> "01 Kinh"`, // Việt
		`8 rows.`,
		`row 8, field "birth_date": normalize.ParseDate`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %s\n%s", want, got)
		}
	}
	log := got[strings.Index(got, "Rejected values"):]
	for _, value := range []string{"31/02/1990", "12345", "AB1234", "Martian"} {
		if strings.Contains(log, value) {
			t.Errorf("log lines echo the rejected value %q", value)
		}
	}
}

func TestRunMissingColumn(t *testing.T) {
	err := run(strings.NewReader("id,full_name\n1,An\n"), new(strings.Builder))
	if err == nil || !strings.Contains(err.Error(), `missing column "birth_date"`) {
		t.Errorf("run without birth_date column: err = %v", err)
	}
}
