package vnbeam

import (
	"context"
	"fmt"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/vnlink/vnlink/linkage/vnperson"
	"github.com/vnlink/vnlink/table"
)

func init() {
	register.DoFn3x1[context.Context, Shard, func(Row), error](&readShardFn{})
	register.Emitter1[Row]()
}

// MaxShardRows is the most data rows one shard may hold: ShardIndex keeps
// the row in the low 32 bits of an index.
const MaxShardRows int64 = 1 << 32

// ShardIndex is the index of data row row (0-based) of shard shard (the
// shard's position among the input's shards in name order): shard<<32 |
// row. Indices of the rows of the shards compare as the positions of the
// rows in the shards concatenated in name order, which is all the pipeline
// needs of them.
func ShardIndex(shard, row int) int64 { return int64(shard)<<32 | int64(row) }

// SplitIndex returns the shard and the row of an index made by ShardIndex.
func SplitIndex(i int64) (shard, row int) { return int(i >> 32), int(i & (MaxShardRows - 1)) }

// Shard is one file of an input split into several: its path (a local
// path, or any scheme a Beam filesystem package registered in the program
// serves, gs:// with beamx) and its position in name order.
type Shard struct {
	Path  string
	Shard int
}

// ListShards returns the files matching glob, in name order, as Shards.
// It runs on the machine that launches the pipeline, which must see the
// files the workers will read.
func ListShards(ctx context.Context, glob string) ([]Shard, error) {
	fs, err := filesystem.New(ctx, glob)
	if err != nil {
		return nil, err
	}
	defer fs.Close()
	paths, err := fs.List(ctx, glob)
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("vnbeam: no file matches the input pattern")
	}
	slices.Sort(paths)
	out := make([]Shard, len(paths))
	for i, p := range paths {
		out[i] = Shard{Path: p, Shard: i}
	}
	return out, nil
}

// ReadShards adds to s the reading of shards, each a table that package
// table reads (CSV, TSV, semicolon-separated text, .xlsx, XML1) with a
// header row that vnperson.MapColumns maps, and returns their data rows as
// a PCollection of Row, indexed by ShardIndex, with source as
// Person.Source. Every data row is kept, whatever its cells hold (field
// problems are found when the rows are prepared); a shard that cannot be
// read at all fails the pipeline with an error naming the shard's number.
func ReadShards(s beam.Scope, shards []Shard, source string) beam.PCollection {
	s = s.Scope("vnlink.ReadShards")
	return beam.ParDo(s, &readShardFn{Source: source}, beam.CreateList(s, shards))
}

// readShardFn reads one shard into rows.
type readShardFn struct{ Source string }

func (f *readShardFn) ProcessElement(ctx context.Context, sh Shard, emit func(Row)) error {
	return readShard(ctx, sh, f.Source, emit)
}

// ReadShardRows reads shards on this machine into rows, indexed and
// sourced as ReadShards makes them: for a step that runs outside the
// pipeline, such as Reconciliation.
func ReadShardRows(ctx context.Context, shards []Shard, source string) ([]Row, error) {
	var rows []Row
	for _, sh := range shards {
		if err := readShard(ctx, sh, source, func(r Row) { rows = append(rows, r) }); err != nil {
			return nil, err
		}
	}
	return rows, nil
}

// readShard reads the rows of one shard.
func readShard(ctx context.Context, sh Shard, source string, emit func(Row)) error {
	fs, err := filesystem.New(ctx, sh.Path)
	if err != nil {
		return fmt.Errorf("vnbeam: shard %d: %w", sh.Shard, err)
	}
	defer fs.Close()
	r, err := fs.OpenRead(ctx, sh.Path)
	if err != nil {
		return fmt.Errorf("vnbeam: shard %d: %w", sh.Shard, err)
	}
	defer r.Close()
	t, err := table.Read(r, table.Options{})
	if err != nil {
		return fmt.Errorf("vnbeam: shard %d: %w", sh.Shard, err)
	}
	if int64(len(t.Rows)) > MaxShardRows {
		return fmt.Errorf("vnbeam: shard %d has %d rows, more than %d", sh.Shard, len(t.Rows), MaxShardRows)
	}
	m := vnperson.MapColumns(t.Header)
	for i, row := range t.Rows {
		p := m.Person(row.Cells)
		p.Source = source
		emit(RowOf(ShardIndex(sh.Shard, i), &p))
	}
	return nil
}
