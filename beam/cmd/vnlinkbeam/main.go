// Command vnlinkbeam runs vnlink's Dedupe or Link as an Apache Beam
// pipeline: on Prism in this process (the default), or on a Flink or Spark
// cluster through its Beam job server (the portable runner). It reads shards
// of CSV (or XLSX, XML1) files, scores pairs with a model trained
// beforehand (vnlink train, or the Model of a vnperson.Result saved as
// JSON) and writes the links and the clusters of the linked rows as CSV.
// Addresses are placed with the administrative units built into vnlink, as
// the vnlink command places them.
//
//	vnlinkbeam -input 'ehr-*.csv' -model model.json -out out/
//	vnlinkbeam -left 'ehr-*.csv' -right 'registry-*.csv' -model model.json -out out/
//	vnlinkbeam -registry 'registry-*.csv' -ehr 'ehr-*.csv' -bhyt 'bhyt-*.csv' -model model.json -out out/
//
// Rows are numbered by shard (position of the file in name order) and row
// (0-based data row in the file). Output, one line per link:
//
//	a_shard,a_row,b_shard,b_row,rule,weight
//
// and per linked row (side L for -input and -left rows, R for -right rows;
// the cluster is named by its smallest row, of side L unless the cluster
// holds right rows only):
//
//	side,shard,row,cluster_side,cluster_shard,cluster_row
//
// With -registry and -ehr (and -bhyt) it reconciles the health records
// (and the BHYT list) with the population register as vnlink reconcile
// does (vnperson.Reconcile): the pipeline scores the candidate pairs into
// <out>pairs.csv (a_list,a_shard,a_row,b_list,b_shard,b_row,rule,weight),
// then this machine reads the shards and the pairs back, clusters them
// under Reconcile's constraints and writes the status and the person
// (its number, people sorted by their content-derived id) of every row,
//
//	list,shard,row,status,person
//
// to <out>rows.csv, the review queue to <out>review.csv, and the size of
// each worklist to the standard error.
//
// The lines of links.csv, clusters.csv and pairs.csv come in no particular
// order. Beam's own flags (--runner,
// --endpoint, --environment_type, --environment_config, --worker_binary,
// --parallelism, --job_name) choose where it runs; see beam/README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	vnbeam "github.com/vnlink/vnlink/beam"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

func init() {
	register.DoFn1x1[vnbeam.Pair, string](&formatPairFn{})
	register.Function1x1[vnbeam.Member, string](formatMember)
}

// options are the command's own flags.
type options struct {
	input, left, right  string
	registry, ehr, bhyt string
	model, out, today   string
	province            string
	maxBlockSize        int
	matchProbability    float64
	allLinks            bool
}

func main() {
	var o options
	flag.StringVar(&o.input, "input", "", "glob of the shards to deduplicate")
	flag.StringVar(&o.left, "left", "", "glob of the left shards to link (an EHR extract)")
	flag.StringVar(&o.right, "right", "", "glob of the right shards to link (the population register)")
	flag.StringVar(&o.registry, "registry", "", "glob of the population register's shards to reconcile with -ehr (the authority)")
	flag.StringVar(&o.ehr, "ehr", "", "glob of the health records' shards to reconcile with -registry")
	flag.StringVar(&o.bhyt, "bhyt", "", "with -registry and -ehr, glob of the BHXH/BHYT list's shards (optional)")
	flag.StringVar(&o.model, "model", "", "the model, as JSON (vnlink train -out)")
	flag.StringVar(&o.out, "out", "", "prefix of the output files: <out>links.csv and <out>clusters.csv")
	flag.StringVar(&o.today, "today", "", "the date birth dates are checked against, yyyy-mm-dd (default: today, once for every worker)")
	flag.StringVar(&o.province, "province", "", "province assumed when an address names none, e.g. \"Hà Nội\" (as vnlink -province)")
	flag.IntVar(&o.maxBlockSize, "max-block-size", 0, "cap on the records of a block (0: the default, -1: none)")
	flag.Float64Var(&o.matchProbability, "match-probability", 0, "probability at or above which a pair is linked (0: 0.5)")
	flag.BoolVar(&o.allLinks, "all-links", false, "with -left/-right, keep every link, not only each left row's best")
	flag.Parse()
	beam.Init()
	if err := run(context.Background(), o); err != nil {
		fmt.Fprintln(os.Stderr, "vnlinkbeam:", err)
		os.Exit(1)
	}
}

// run builds the pipeline o asks for and runs it on the runner of Beam's
// --runner flag (Prism when unset).
func run(ctx context.Context, o options) error {
	link := o.left != "" || o.right != ""
	rec := o.registry != "" || o.ehr != "" || o.bhyt != ""
	const modes = "give -input, or both -left and -right, or -registry and -ehr (and -bhyt)"
	switch {
	case o.model == "" || o.out == "":
		return errors.New("-model and -out are required")
	case rec && (o.registry == "" || o.ehr == "" || o.input != "" || link):
		return errors.New(modes)
	case link && (o.left == "" || o.right == "" || o.input != ""):
		return errors.New(modes)
	case !link && !rec && o.input == "":
		return errors.New(modes)
	}
	model, err := os.ReadFile(o.model)
	if err != nil {
		return err
	}
	cfg := vnbeam.Config{Model: model, MaxBlockSize: o.maxBlockSize, MatchProbability: o.matchProbability,
		AllLinks: o.allLinks, Today: time.Now(), Units: true, DefaultProvince: o.province}
	if o.today != "" {
		if cfg.Today, err = time.Parse(time.DateOnly, o.today); err != nil {
			return fmt.Errorf("-today: %w", err)
		}
	}
	y, m, d := cfg.Today.Date()
	cfg.Today = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)

	if rec {
		return reconcile(ctx, o, cfg)
	}
	p, s := beam.NewPipelineWithRoot()
	var links, clusters beam.PCollection
	if link {
		left, err := read(ctx, s, o.left, "ehr")
		if err != nil {
			return err
		}
		right, err := read(ctx, s, o.right, "registry")
		if err != nil {
			return err
		}
		links, clusters, err = vnbeam.Link(s, left, right, cfg)
		if err != nil {
			return err
		}
	} else {
		rows, err := read(ctx, s, o.input, "ehr")
		if err != nil {
			return err
		}
		if links, clusters, err = vnbeam.Dedupe(s, rows, cfg); err != nil {
			return err
		}
	}
	names := make([]string, 0, 16)
	for _, r := range vnperson.DefaultRules() {
		names = append(names, r.Name())
	}
	textio.Write(s, o.out+"links.csv", beam.ParDo(s, &formatPairFn{Rules: names}, links))
	textio.Write(s, o.out+"clusters.csv", beam.ParDo(s, formatMember, clusters))
	return runPipeline(ctx, p)
}

// runPipeline runs p and writes the number of pairs it scored to the
// standard error, when the runner reports metrics.
func runPipeline(ctx context.Context, p *beam.Pipeline) error {
	res, err := beamx.RunWithMetrics(ctx, p)
	if err != nil {
		return err
	}
	if res != nil {
		var n int64
		for _, c := range res.Metrics().AllMetrics().Counters() {
			if c.Namespace() == "vnlink" && c.Name() == vnbeam.PairsScored {
				n += c.Result()
			}
		}
		fmt.Fprintf(os.Stderr, "vnlinkbeam: %d pairs scored\n", n)
	}
	return nil
}

// read lists the shards matching glob and adds their reading to s.
func read(ctx context.Context, s beam.Scope, glob, source string) (beam.PCollection, error) {
	shards, err := vnbeam.ListShards(ctx, glob)
	if err != nil {
		return beam.PCollection{}, err
	}
	return vnbeam.ReadShards(s, shards, source), nil
}

// formatPairFn writes a link as a CSV line, its rule by name.
type formatPairFn struct{ Rules []string }

func (f *formatPairFn) ProcessElement(l vnbeam.Pair) string {
	as, ar := vnbeam.SplitIndex(l.A)
	bs, br := vnbeam.SplitIndex(l.B)
	rule := strconv.Itoa(l.Rule)
	if l.Rule < len(f.Rules) {
		rule = f.Rules[l.Rule]
	}
	return fmt.Sprintf("%d,%d,%d,%d,%s,%s", as, ar, bs, br, rule, strconv.FormatFloat(l.Weight, 'g', -1, 64))
}

// formatMember writes a linked row and its cluster as a CSV line.
func formatMember(m vnbeam.Member) string {
	side, cside := "L", "L"
	if m.Right {
		side = "R"
	}
	if m.ClusterRight {
		cside = "R"
	}
	s, r := vnbeam.SplitIndex(m.Index)
	cs, cr := vnbeam.SplitIndex(m.Cluster)
	return fmt.Sprintf("%s,%d,%d,%s,%d,%d", side, s, r, cside, cs, cr)
}
