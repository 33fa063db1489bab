package table_test

import (
	"bytes"
	"fmt"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/vnlink/vnlink/table"
)

const benchRows = 50000

var ehr50k = sync.OnceValues(func() ([]byte, []byte) {
	cfg := synth.DefaultConfig()
	cfg.People = 60_000
	var buf bytes.Buffer
	if _, err := synth.WriteCSV(cfg, synth.Outputs{EHR: &buf}); err != nil {
		panic(err)
	}
	tb, err := table.Read(bytes.NewReader(buf.Bytes()), table.Options{})
	if err != nil || len(tb.Rows) < benchRows {
		panic(fmt.Sprintf("synthetic EHR: %v, %d rows", err, len(tb.Rows)))
	}
	// Cut the CSV to its header and first 50,000 rows.
	csv := buf.Bytes()
	end := 0
	for range benchRows + 1 {
		end += bytes.IndexByte(csv[end:], '\n') + 1
	}
	csv = csv[:end]

	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		panic(err)
	}
	row := func(i int, cells []string) {
		v := make([]any, len(cells))
		for j, c := range cells {
			v[j] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, i)
		if err := sw.SetRow(cell, v); err != nil {
			panic(err)
		}
	}
	row(1, tb.Header)
	for i, r := range tb.Rows[:benchRows] {
		row(i+2, r.Cells)
	}
	if err := sw.Flush(); err != nil {
		panic(err)
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		panic(err)
	}
	return csv, out.Bytes()
})

// BenchmarkRead50k reads 50,000 synthetic EHR rows as CSV and as XLSX with
// table.Read.
func BenchmarkRead50k(b *testing.B) {
	csv, book := ehr50k()
	for _, bc := range []struct {
		name string
		data []byte
	}{{"csv", csv}, {"xlsx", book}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.data)))
			b.ReportAllocs()
			for b.Loop() {
				tb, err := table.Read(bytes.NewReader(bc.data), table.Options{})
				if err != nil || len(tb.Rows) != benchRows {
					b.Fatalf("%v, %d rows", err, len(tb.Rows))
				}
			}
		})
	}
}
