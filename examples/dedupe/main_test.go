package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out, 1000, 1); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Dedupe EHR", "pairwise", "Link EHR -> registry", "least certain", "national_id"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q", want)
		}
	}
}
