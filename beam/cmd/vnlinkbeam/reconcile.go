package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	vnbeam "github.com/vnlink/vnlink/beam"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

func init() {
	register.Function1x1[vnbeam.ReconcilePair, string](formatReconcilePair)
}

// lists are the names of the three inputs, by vnperson.Role: the names
// the output files use and the Person.Source of their rows.
var lists = [...]string{vnperson.RoleRegistry: "registry", vnperson.RoleEHR: "ehr", vnperson.RoleBHYT: "bhyt"}

// reconcile runs the reconciliation: the pipeline scores the candidate
// pairs into <out>pairs.csv, then this machine reads the shards and the
// pairs back and writes the statuses and the review queue.
func reconcile(ctx context.Context, o options, cfg vnbeam.Config) error {
	rc := vnbeam.ReconcileConfig{Config: cfg}
	globs := [...]string{o.registry, o.ehr, o.bhyt}
	var shards [len(globs)][]vnbeam.Shard
	for role, glob := range globs {
		if glob == "" {
			continue
		}
		var err error
		if shards[role], err = vnbeam.ListShards(ctx, glob); err != nil {
			return fmt.Errorf("-%s: %w", lists[role], err)
		}
	}
	p, s := beam.NewPipelineWithRoot()
	var rows [len(globs)]beam.PCollection
	for role := range globs {
		if shards[role] != nil {
			rows[role] = vnbeam.ReadShards(s, shards[role], lists[role])
		}
	}
	pairs, err := vnbeam.Reconcile(s, rows[vnperson.RoleRegistry], rows[vnperson.RoleEHR], rows[vnperson.RoleBHYT], rc)
	if err != nil {
		return err
	}
	textio.Write(s, o.out+"pairs.csv", beam.ParDo(s, formatReconcilePair, pairs))
	if err := runPipeline(ctx, p); err != nil {
		return err
	}

	// The last step, on this machine.
	var read [len(globs)][]vnbeam.Row
	for role := range globs {
		if read[role], err = vnbeam.ReadShardRows(ctx, shards[role], lists[role]); err != nil {
			return err
		}
	}
	scored, err := readPairs(ctx, o.out+"pairs.csv")
	if err != nil {
		return err
	}
	res, err := vnbeam.Reconciliation(read[vnperson.RoleRegistry], read[vnperson.RoleEHR], read[vnperson.RoleBHYT], scored, rc)
	if err != nil {
		return err
	}
	at := func(r vnperson.RowRef) string {
		sh, row := vnbeam.SplitIndex(read[r.Role][r.Row].Index)
		return fmt.Sprintf("%s,%d,%d", lists[r.Role], sh, row)
	}
	err = writeLines(ctx, o.out+"rows.csv", "list,shard,row,status,person", len(res.Rows), func(i int) string {
		r := res.Rows[i]
		return fmt.Sprintf("%s,%s,%d", at(r.RowRef), r.Status, r.Person)
	})
	if err != nil {
		return err
	}
	err = writeLines(ctx, o.out+"review.csv", "a_list,a_shard,a_row,b_list,b_shard,b_row,rule,probability,together", len(res.Review), func(i int) string {
		r := res.Review[i]
		return fmt.Sprintf("%s,%s,%s,%s,%t", at(r.A), at(r.B), res.RuleNames[r.Rule], strconv.FormatFloat(r.Probability, 'f', 4, 64), r.Together)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "vnlinkbeam: %d people; %d records to create, %d duplicate groups, %d unmatched records, %d corrections, %d pairs to review, %d police checks\n",
		len(res.People), len(res.Missing), len(res.Duplicates), len(res.Unmatched), len(res.Corrections), len(res.Review), len(res.PoliceChecks))
	return nil
}

// formatReconcilePair writes a scored pair as a CSV line: each row as its
// list, shard and row, then the rule's index and the weight (its shortest
// form, which reads back to the same number).
func formatReconcilePair(p vnbeam.ReconcilePair) string {
	as, ar := vnbeam.SplitIndex(p.A)
	bs, br := vnbeam.SplitIndex(p.B)
	return fmt.Sprintf("%s,%d,%d,%s,%d,%d,%d,%s", listName(p.RoleA), as, ar, listName(p.RoleB), bs, br, p.Rule,
		strconv.FormatFloat(p.Weight, 'g', -1, 64))
}

func listName(role int) string {
	if role >= 0 && role < len(lists) {
		return lists[role]
	}
	return strconv.Itoa(role)
}

// parseReconcilePair reads a line of formatReconcilePair.
func parseReconcilePair(line string) (vnbeam.ReconcilePair, bool) {
	f := strings.Split(line, ",")
	if len(f) != 8 {
		return vnbeam.ReconcilePair{}, false
	}
	role := func(s string) (int, bool) {
		for r, name := range lists {
			if s == name {
				return r, true
			}
		}
		return 0, false
	}
	num := func(s string) (int, bool) {
		n, err := strconv.Atoi(s)
		return n, err == nil && n >= 0
	}
	var p vnbeam.ReconcilePair
	ra, ok1 := role(f[0])
	as, ok2 := num(f[1])
	ar, ok3 := num(f[2])
	rb, ok4 := role(f[3])
	bs, ok5 := num(f[4])
	br, ok6 := num(f[5])
	rule, ok7 := num(f[6])
	w, err := strconv.ParseFloat(f[7], 64)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7) || err != nil || int64(ar) >= vnbeam.MaxShardRows || int64(br) >= vnbeam.MaxShardRows {
		return vnbeam.ReconcilePair{}, false
	}
	p.RoleA, p.A, p.RoleB, p.B = ra, vnbeam.ShardIndex(as, ar), rb, vnbeam.ShardIndex(bs, br)
	p.Rule, p.Weight = rule, w
	return p, true
}

// readPairs reads the pairs the pipeline wrote.
func readPairs(ctx context.Context, path string) ([]vnbeam.ReconcilePair, error) {
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return nil, err
	}
	defer fs.Close()
	r, err := fs.OpenRead(ctx, path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var out []vnbeam.ReconcilePair
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		p, ok := parseReconcilePair(sc.Text())
		if !ok {
			return nil, fmt.Errorf("%s: line %d is not a scored pair", path, n)
		}
		out = append(out, p)
	}
	return out, sc.Err()
}

// writeLines writes a header and n lines to path.
func writeLines(ctx context.Context, path, header string, n int, line func(int) string) (err error) {
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return err
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := w.Close(); err == nil {
			err = cerr
		}
	}()
	bw := bufio.NewWriter(w)
	if _, err := io.WriteString(bw, header+"\n"); err != nil {
		return err
	}
	for i := range n {
		if _, err := io.WriteString(bw, line(i)+"\n"); err != nil {
			return err
		}
	}
	return bw.Flush()
}
