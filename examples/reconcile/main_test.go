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
	for _, want := range []string{"coverage:", "records to create", "duplicates:", "records to correct", "every input row placed once: true", "Against the truth", "field corrections"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q", want)
		}
	}
}
