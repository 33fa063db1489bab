package vnperson_test

import (
	"os"
	"runtime"
	"strconv"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/benchmarks/accuracy"
	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/vnlink/vnlink/linkage/vnperson"
	"github.com/vnlink/vnlink/vnname"
)

// TestSizes logs the sizes of a prepared name and of a prepared record and
// fails when either grows past its size today (112 and 304 bytes, from 360
// and 584 before the name's parts became offsets into one string): issue
// 13 asks for at most 0.6 KB live per prepared record, the bytes of the
// name included.
func TestSizes(t *testing.T) {
	name, rec := unsafe.Sizeof(vnname.Name{}), unsafe.Sizeof(vnperson.Record{})
	t.Logf("unsafe.Sizeof: vnname.Name %d bytes, vnperson.Record %d bytes", name, rec)
	require.LessOrEqual(t, name, uintptr(112), "vnname.Name")
	require.LessOrEqual(t, rec, uintptr(304), "vnperson.Record")
}

// TestPreparedHeap measures the Go heap that prepared records of the city
// mode of the generator hold: the heap after a collection with the people
// and their records, less the heap with the people alone, per record. It
// is gated (VNLINK_MEMORY=1) because it generates a city; the number of
// people is VNLINK_MEMORY_PEOPLE (default 200000), over 20 communes, and
// the records are those of the registry file (one per person).
func TestPreparedHeap(t *testing.T) {
	if os.Getenv("VNLINK_MEMORY") != "1" {
		t.Skip("set VNLINK_MEMORY=1 to measure the heap of prepared records")
	}
	people := 200_000
	if s := os.Getenv("VNLINK_MEMORY_PEOPLE"); s != "" {
		var err error
		people, err = strconv.Atoi(s)
		require.NoError(t, err, "VNLINK_MEMORY_PEOPLE")
	}
	c, err := accuracy.GenerateCommune(synth.CityConfig(people, 20))
	require.NoError(t, err)
	rows := c.Registry
	c = nil
	rows = rows[:len(rows):len(rows)]
	before := heapInUse()
	recs, _ := vnperson.Prepare(rows, vnperson.PrepareOptions{Today: today})
	after := heapInUse()
	n := float64(len(recs))
	t.Logf("%d records: heap with the people %.1f MiB, with their records too %.1f MiB: %.0f bytes per record (Record itself %d bytes)",
		len(recs), float64(before)/(1<<20), float64(after)/(1<<20),
		float64(after-before)/n, unsafe.Sizeof(vnperson.Record{}))
	runtime.KeepAlive(rows)
	runtime.KeepAlive(recs)
}

// heapInUse returns the bytes of live heap objects after a collection.
func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
