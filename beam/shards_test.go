package vnbeam_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/stretchr/testify/require"

	vnbeam "github.com/vnlink/vnlink/beam"
	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/vnlink/vnlink/linkage/vnperson"
	"github.com/vnlink/vnlink/table"
)

// writeShards writes the EHR file of a synthetic city as n CSV shards, each
// with the header, and returns their paths in name order.
func writeShards(t *testing.T, dir string, people, communes, n int) []string {
	t.Helper()
	var ehr bytes.Buffer
	_, err := synth.WriteCSV(synth.CityConfig(people, communes), synth.Outputs{EHR: &ehr})
	require.NoError(t, err)
	lines := strings.SplitAfter(strings.TrimSuffix(ehr.String(), "\n"), "\n")
	header, rows := lines[0], lines[1:]
	var paths []string
	per := (len(rows) + n - 1) / n
	for i := range n {
		part := rows[min(i*per, len(rows)):min((i+1)*per, len(rows))]
		path := filepath.Join(dir, "ehr-"+string(rune('a'+i))+".csv")
		require.NoError(t, os.WriteFile(path, []byte(header+strings.Join(part, "")), 0o600))
		paths = append(paths, path)
	}
	return paths
}

// readPeople reads the shards in order as the single process would read
// their concatenation, and returns the people and each shard's first index.
func readPeople(t *testing.T, paths []string) (people []vnperson.Person, offsets []int) {
	t.Helper()
	for _, path := range paths {
		tab, err := table.Open(path, table.Options{})
		require.NoError(t, err)
		m := vnperson.MapColumns(tab.Header)
		offsets = append(offsets, len(people))
		for _, row := range tab.Rows {
			p := m.Person(row.Cells)
			p.Source = "ehr"
			people = append(people, p)
		}
	}
	return people, offsets
}

func TestReadShardsDedupeEqualsVnperson(t *testing.T) {
	dir := t.TempDir()
	paths := writeShards(t, dir, 3000, 4, 3)
	people, offsets := readPeople(t, paths)
	trained, err := vnperson.Dedupe(people, vnperson.Options{Prepare: vnperson.PrepareOptions{Today: today}})
	require.NoError(t, err)
	modelJSON, err := trained.Model.MarshalJSON()
	require.NoError(t, err)

	// The single process's indices, turned into the shards' indices.
	shardIndex := func(i int) int64 {
		shard, _ := slices.BinarySearch(offsets, i+1)
		shard--
		return vnbeam.ShardIndex(shard, i-offsets[shard])
	}
	wantLinks, wantClusters := expected(trained, shardIndex)

	shards, err := vnbeam.ListShards(context.Background(), filepath.Join(dir, "ehr-*.csv"))
	require.NoError(t, err)
	require.Len(t, shards, len(paths))
	p, s := beam.NewPipelineWithRoot()
	links, clusters, err := vnbeam.Dedupe(s, vnbeam.ReadShards(s, shards, "ehr"), vnbeam.Config{Model: modelJSON, Today: today})
	require.NoError(t, err)
	gotLinks, gotClusters, _ := run(t, p, s, t.TempDir(), links, clusters)
	t.Logf("%d records in %d shards, %d links", len(people), len(shards), len(gotLinks))
	require.Equal(t, wantLinks, gotLinks)
	require.Equal(t, wantClusters, gotClusters)
}
