package vnperson_test

import (
	"testing"

	"github.com/vnlink/vnlink/linkage/vnperson"
)

// BenchmarkScore scores every pair of a generated community of 400 records
// (in cache) with an untrained default model; one op is one pair.
func BenchmarkScore(b *testing.B) {
	people, _ := community(330, 9)
	recs := prepare(b, people...)
	m, err := vnperson.DefaultModel()
	if err != nil {
		b.Fatal(err)
	}
	var sink float64
	i, j := 0, 1
	b.ReportAllocs()
	for b.Loop() {
		sink += m.Score(&recs[i], &recs[j])
		if j++; j == len(recs) {
			i++
			if i == len(recs)-1 {
				i = 0
			}
			j = i + 1
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
	_ = sink
}

// BenchmarkPrepare prepares a generated community of about 400 records on
// GOMAXPROCS goroutines; records/s is the throughput.
func BenchmarkPrepare(b *testing.B) {
	people, _ := community(330, 9)
	b.ReportAllocs()
	for b.Loop() {
		vnperson.Prepare(people, vnperson.PrepareOptions{Today: today})
	}
	b.ReportMetric(float64(b.N*len(people))/b.Elapsed().Seconds(), "records/s")
}
