package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Example_clean runs "vnlink clean" on a two-row file with Vietnamese column
// names and a semicolon delimiter, and prints a few columns of the output.
func Example_clean() {
	dir, err := os.MkdirTemp("", "vnlink-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "ehr.csv")
	out := filepath.Join(dir, "clean.csv")
	os.WriteFile(in, []byte("STT;Họ và tên;Ngày sinh;Số điện thoại\n"+
		"1;NGUYEN THI THUY;3/4/1990;0168 123 4567\n"+
		"2;Trần Văn Hoà;31/02/1990;\n"), 0o600)

	var log strings.Builder
	if code := run([]string{"clean", "-in", in, "-out", out, "-today", "2026-01-01", "-q"}, &log, &log); code != 0 {
		fmt.Print(log.String())
		return
	}
	f, _ := os.Open(out)
	defer f.Close()
	tab, _ := readTable(f)
	for _, name := range []string{"STT", "clean_full_name", "clean_birth_date", "clean_phone", "issues"} {
		c := -1
		for i, h := range tab.Header {
			if h == name {
				c = i
			}
		}
		fmt.Printf("%-16s %q %q\n", name, tab.cell(0, c), tab.cell(1, c))
	}
	// Output:
	// STT              "1" "2"
	// clean_full_name  "Nguyen Thi Thuy" "Trần Văn Hoà"
	// clean_birth_date "03/04/1990" ""
	// clean_phone      "0381234567" ""
	// issues           "" "birth_date"
}
