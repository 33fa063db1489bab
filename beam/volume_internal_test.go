package vnbeam

import (
	"bytes"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/graph/coder"
	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/benchmarks/accuracy"
	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/vnlink/vnlink/blocking"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

// TestShuffleVolume measures, on a synthetic city, what the shuffle carries
// per record: the bytes of a Row and of a row keyed by block (rowF, with
// its grouping key) in the schema coding Beam gives registered structs, the
// (rule, key) blocks a record is sent to, and the bytes of a scored link.
// The figures are logged for beam/README.md's estimate for the country.
func TestShuffleVolume(t *testing.T) {
	c, err := accuracy.GenerateCommune(synth.CityConfig(5000, 2))
	require.NoError(t, err)
	people := c.EHR
	encRow, err := coder.RowEncoderForStruct(reflect.TypeOf(Row{}))
	require.NoError(t, err)
	encRowF, err := coder.RowEncoderForStruct(reflect.TypeOf(rowF{}))
	require.NoError(t, err)
	encLink, err := coder.RowEncoderForStruct(reflect.TypeOf(scoredLink{}))
	require.NoError(t, err)
	st := settings{Today: time.Date(synth.RefYear+1, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339Nano)}
	rules := vnperson.DefaultRules()
	var rowBytes, keyedBytes, linkBytes, blocks int
	var keys []blocking.Key
	for i := range people {
		r := RowOf(int64(i), &people[i])
		var b bytes.Buffer
		require.NoError(t, encRow(r, &b))
		rowBytes += b.Len()
		b.Reset()
		require.NoError(t, encRowF(rowF{Row: r, Freq: 1e-4}, &b))
		perBlock := b.Len()
		rec := st.prepare([]Row{r}, nil)
		for j, rule := range rules {
			keys = rule.Keys(&rec[0], keys[:0])
			slices.Sort(keys)
			for _, k := range slices.Compact(keys) {
				blocks++
				keyedBytes += perBlock + len(blockKey(j, k))
			}
		}
		b.Reset()
		require.NoError(t, encLink(scoredLink{Pair: Pair{A: int64(i), B: int64(i + 1), Weight: 12.5}, RowA: r, RowB: r}, &b))
		linkBytes += b.Len()
	}
	n := float64(len(people))
	t.Logf("%d records: Row %.0f B, %.2f blocks per record, %.0f B keyed by block per record, scored link %.0f B",
		len(people), float64(rowBytes)/n, float64(blocks)/n, float64(keyedBytes)/n, float64(linkBytes)/n)
	require.Positive(t, rowBytes)
}
