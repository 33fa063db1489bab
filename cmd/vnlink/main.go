package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

const usage = `vnlink finds the same person across CSV exports of Vietnamese health and
population records (EHR / HSSKĐT, the CCCD population list, BHYT lists).

Usage:
  vnlink clean  -in FILE -out FILE [-json FILE] [-html FILE]
        write every field in its standard form next to the original columns,
        with an "issues" column naming the fields that could not be read
  vnlink dedupe -in FILE -out FILE [-json FILE] [-html FILE]
        find the rows of one file that are the same person: each row gets a
        cluster number (the row number of its person's first row)
  vnlink link   -left FILE -right FILE -out FILE [-json FILE] [-html FILE]
        find, for each row of the left file (say the EHR), the row of the
        same person in the right file (say the population list); rows with
        no match are listed as left_only (a record with no person) and
        right_only (a person with no record)
  vnlink reconcile -registry FILE -ehr FILE [-bhyt FILE] -out FOLDER
        đối chiếu hồ sơ sức khỏe với danh sách dân cư (CCCD/VNeID là chuẩn):
        compare the health records with the population list, which is the
        authority, and write the campaign's lists into FOLDER:
          1-thieu-ho-so.csv        people with no health record (create one)
          2-ho-so-trung.csv        duplicate records of one person (merge)
          3-sua-thong-tin.csv      fields to correct to the population list
          4-khong-khop-dan-cu.csv  records of nobody in the population list
          5-can-xem-xet.csv        uncertain pairs; fill in the last column
                                   (cùng / khác) and pass it back with -decisions
          6-cong-an-xac-minh.csv   ID numbers for the commune police to verify
          7-moi-tu-bhyt.csv        people of the BHYT list found nowhere else
          theo-thon.csv            the figures per hamlet (thôn / tổ dân phố)
          tat-ca-cac-dong.csv      every input row with its status
          summary.json             the figures (counts only)
          bao-cao.html             the report for the director, with charts
                                   (counts only; opens offline in a browser)
  vnlink train -in FILE -out MODEL.json
  vnlink train -left FILE -right FILE -out MODEL.json
  vnlink train -registry FILE -ehr FILE [-bhyt FILE] -out MODEL.json
        estimate the model as dedupe, link or reconcile would and save it;
        "-model MODEL.json" then reuses it in dedupe, link, reconcile and
        explain (same weights on every run and file, no training time)
  vnlink version
        print the version of this program
  vnlink explain -in FILE -pair 12,57
  vnlink explain -left FILE -right FILE -pair 12,57
        show why two rows are (or are not) the same person: the weight each
        comparison adds, as dedupe or link computes it (labels and numbers
        only, no personal data)

Run "vnlink COMMAND -h" for the options of a command. Messages and column
names are in Vietnamese unless -lang en is given or the locale is English:
-lang first, then LC_ALL, LC_MESSAGES and LANG (the first set; English when
it starts with "en", Vietnamese for anything else).

Input files: CSV in UTF-8 (with or without the byte-order mark Excel writes)
or UTF-16 (Excel's "Unicode text"), separated by commas, semicolons or tabs
(an Excel "sep=;" first line is followed); an Excel workbook (.xlsx: the
first sheet, or the one -sheet names; cells read as Excel shows them, dates
as dates); or an XML1 file of the claim data (QĐ 4750/QĐ-BYT). The header
row is found on its own: title rows above it are skipped and counted; give
-header-row N when it is not found (N: the line, or the Excel row). A file
whose first row holds numbers or dates (exported without its header row) is
refused unless -header-row is given. These names are found on their own, in any case and with or without
Vietnamese marks (use -map for others):
  record_id     record_id, id, ma_benh_nhan, stt, ...
  full_name     full_name, ho_ten, "Họ và tên", ...      (dedupe, link: required)
  birth_date    birth_date, ngay_sinh, "Ngày sinh", ...  (dedupe, link: required)
  sex           sex, gioi_tinh, "Giới tính"
  national_id   national_id, cccd, so_cccd, so_dinh_danh
  old_id        old_id, cmnd, so_cmnd
  insurance_id  insurance_id, so_the_bhyt, ma_the, so_bhxh
  phone         phone, so_dien_thoai, dien_thoai, sdt
  address       address, dia_chi, noi_thuong_tru, noi_o
  ethnicity     ethnicity, dan_toc

Output files: clean and dedupe write every input row, in order, with the
original columns, then "row", the clean_* columns (each field in standard
form, empty when missing or unreadable) and "issues" (the names of the
fields that could not be read). dedupe adds "cluster", "cluster_size",
"match_weight" and "match_probability" (of the row's strongest link inside
its cluster). link writes "status" (linked, left_only, right_only), the row
numbers and record ids of both sides, the weight, and the clean name and
date of birth of both sides for review. These are the English names (-lang
en); in Vietnamese they are "Dòng", "Họ và tên (chuẩn)", ..., "Trường bị
lỗi", "Mã người", "Tình trạng" (Đã khớp, Chỉ có ở tệp trái, ...).

With -out ending in .xlsx, clean, dedupe and link write an Excel workbook
instead of CSV: one sheet, the same columns, every cell as text (numbers
keep their leading zeros; nothing is run as a formula). .csv, .txt, .tsv or
no extension: CSV; .xls, .xlsm, .ods, .json, .html and the like are refused.
reconcile writes danh-sach.xlsx, a workbook of the headline figures and of
every list, next to its CSV files.
Every CSV file starts with the UTF-8 byte-order mark Excel needs to show
Vietnamese text, and a cell that Excel would run as a formula (starting
with =, +, -, @) gets an apostrophe in front; clean, dedupe and link keep
the delimiter of their input.

Row numbers count the data rows from 1: row 1 is the first row under the
header (the issues also give the line or the Excel row). Empty rows are
skipped and counted. Every other input row appears in the output, whatever
is wrong with it: a row with too few cells is padded; a row with values
right of the last column, or whose quotes cannot be read (a "damaged" row:
it is split on the delimiter as written), is kept but left out of matching.
The log and the -json summary give the warnings about the file (title rows
skipped, repeated column names or record ids, empty, ragged and damaged
rows) as counts and row numbers only. A file without a
record_id column gets "#" and the row number as the record id.

Privacy: vnlink prints only counts, row numbers and column names. Names,
dates of birth, ID and phone numbers and addresses are written only to the
-out file; the -json and -html summaries hold counts and the model, never
a value.

Exit status: 0 done, 1 error (a file that cannot be read: empty, no header
row, over a limit such as 64 KiB in one cell or 1024 columns), 2 wrong
command line, 3 the outputs are written but some input rows are damaged
(-accept-damaged: 0), or, for reconcile, some input rows could not be read
whole (see summary.json).
`

// mapFlag defines -map-NAME (right, registry or bhyt): the columns of that
// input file with other names, like -map.
func mapFlag(fs *flag.FlagSet, v *string, name string) {
	var help string
	switch name {
	case "right":
		help = tr("columns of the right file with other names, like -map (`field=column,...`)")
	case "registry":
		help = tr("columns of the -registry file with other names, like -map (`field=column,...`)")
	default:
		help = tr("columns of the -bhyt file with other names, like -map (`field=column,...`)")
	}
	fs.StringVar(v, "map-"+name, "", help)
}

func main() {
	cleanUpOnSignal()
	limitMemory()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run runs the command line args, writing explanations to stdout and
// messages to log, and returns the exit status. Neither ever receives a
// personal value.
func run(args []string, stdout, log io.Writer) int {
	defer removePrivateTmp()
	tag, err := chooseLanguage(langFlag(args))
	defer setLanguage(lang) // the language before the run
	setLanguage(tag)
	if err != nil {
		say(log, "vnlink: -lang takes vi (Vietnamese) or en (English)\n")
		return 2
	}
	if len(args) > 0 && (args[0] == "-lang" || args[0] == "--lang") {
		args = args[min(2, len(args)):]
	} else if len(args) > 0 && (strings.HasPrefix(args[0], "-lang=") || strings.HasPrefix(args[0], "--lang=")) {
		args = args[1:]
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(log, usageText())
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd := args[0]
	if cmd == "version" || cmd == "-version" || cmd == "--version" {
		fmt.Fprintln(stdout, versionLine())
		return 0
	}
	fs := flag.NewFlagSet("vnlink "+cmd, flag.ContinueOnError)
	fs.SetOutput(log)
	var f cliFlags
	switch cmd {
	case "clean", "dedupe":
		fs.StringVar(&f.in, "in", "", tr("input CSV or .xlsx `file` (required)"))
	case "explain":
		fs.StringVar(&f.in, "in", "", tr("input CSV or .xlsx `file`, to explain two rows of one file as dedupe does"))
		fs.StringVar(&f.left, "left", "", tr("left CSV or .xlsx `file`, to explain a left row and a right row as link does"))
		fs.StringVar(&f.right, "right", "", tr("right CSV or .xlsx `file`"))
		mapFlag(fs, &f.mapRight, "right")
		fs.Func("pair", tr("two row `numbers`, e.g. 12,57 (repeat the flag for more pairs)"), func(s string) error {
			p, err := parsePair(s)
			f.pairs = append(f.pairs, p)
			return err
		})
	case "link":
		fs.StringVar(&f.left, "left", "", tr("left CSV or .xlsx `file`, e.g. the EHR extract (required)"))
		fs.StringVar(&f.right, "right", "", tr("right CSV or .xlsx `file`, e.g. the population list (required)"))
		mapFlag(fs, &f.mapRight, "right")
	case "reconcile":
		fs.StringVar(&f.registry, "registry", "", tr("population list `file` (CCCD / VNeID, from the commune police), CSV or .xlsx (required)"))
		fs.StringVar(&f.ehr, "ehr", "", tr("health-record `file` (HSSKĐT extract), CSV or .xlsx (required)"))
		fs.StringVar(&f.bhyt, "bhyt", "", tr("optional BHXH/BHYT list `file`, CSV or .xlsx"))
		mapFlag(fs, &f.mapRegistry, "registry")
		mapFlag(fs, &f.mapBHYT, "bhyt")
		fs.StringVar(&f.out, "out", "", tr("`folder` the lists are written to (created when missing; the files in it are replaced); it holds personal data"))
		fs.StringVar(&f.decisions, "decisions", "", tr("the review list `file` (%s, or the workbook %s) of an earlier run on the same files, with its last column filled in: %s or %s; keep it outside the -out folder", fileReview, fileWorkbook, reviewSame, reviewDifferent))
		fs.Float64Var(&f.reviewLow, "review-low", 0, tr("lowest match `probability` of a pair sent for review (default 0.2)"))
		fs.BoolFunc("xlsx", tr("write the Excel workbook %s next to the CSV files (default true; -xlsx=false: CSV files only, about a second faster on 50,000 people)", fileWorkbook), func(v string) error {
			on, err := strconv.ParseBool(v)
			f.noWorkbook = !on
			return err
		})
		fs.Float64Var(&f.reviewHigh, "review-high", 0, tr("match `probability` from which a pair is not sent for review (default 0.9)"))
	case "train":
		fs.StringVar(&f.in, "in", "", tr("train as dedupe does, on this CSV or .xlsx `file`"))
		fs.StringVar(&f.left, "left", "", tr("train as link does: the left CSV or .xlsx `file`"))
		fs.StringVar(&f.right, "right", "", tr("the right CSV or .xlsx `file` (with -left)"))
		mapFlag(fs, &f.mapRight, "right")
		fs.StringVar(&f.registry, "registry", "", tr("train as reconcile does: the population list `file`"))
		fs.StringVar(&f.ehr, "ehr", "", tr("the health-record `file` (with -registry)"))
		fs.StringVar(&f.bhyt, "bhyt", "", tr("optional BHXH/BHYT list `file` (with -registry)"))
		mapFlag(fs, &f.mapRegistry, "registry")
		mapFlag(fs, &f.mapBHYT, "bhyt")
		fs.StringVar(&f.out, "out", "", tr("model `file` to write (JSON; counts and weights only, no personal data)"))
	default:
		if near := nearestCommand(cmd); near != "" {
			say(log, "vnlink: there is no command %q; did you mean \"vnlink %s\"? (see vnlink -h)\n", cmd, near)
		} else {
			say(log, "vnlink: unknown command %q\n\n", cmd)
			fmt.Fprint(log, usageText())
		}
		return 2
	}
	if cmd != "train" && cmd != "clean" {
		fs.StringVar(&f.model, "model", "", tr("use the model `file` saved by \"vnlink train\" instead of training one on the input"))
	}
	if cmd != "explain" && cmd != "reconcile" && cmd != "train" {
		fs.StringVar(&f.out, "out", "", tr("output `file` (required): .csv, or .xlsx for an Excel workbook; it holds personal data"))
		fs.StringVar(&f.json, "json", "", tr("also write a summary (counts only) to this JSON `file`"))
		fs.StringVar(&f.html, "html", "", tr("also write the summary (counts only) as a web page to this `file`"))
	}
	fs.StringVar(&f.mapping, "map", "", tr("columns with other names, e.g. full_name=\"Họ tên\",phone=DT (`field=column,...`)"))
	fs.StringVar(&f.units, "units", "", tr("`folder` of other administrative-unit lists (units_2025_*.json) instead of those built in, which map old communes to the new ones"))
	fs.StringVar(&f.province, "province", "", tr("province `name` assumed when an address has none, e.g. \"Hà Nội\""))
	fs.StringVar(&f.today, "today", "", tr("date birth dates are checked against, as `yyyy-mm-dd` (default: today)"))
	fs.BoolVar(&f.quiet, "q", false, tr("print nothing but errors"))
	fs.StringVar(&f.sheet, "sheet", "", tr("`name` of the workbook sheet to read, in every input file of the command (default: the first sheet)"))
	fs.IntVar(&f.headerRow, "header-row", 0, tr("`row` of the column names: the line of a CSV file, the Excel row of a sheet, in every input file of the command (default: found in each file, skipping title rows)"))
	fs.BoolVar(&f.acceptDamaged, "accept-damaged", false, tr("exit with status 0, not 3, when some rows had quotes that could not be read (they are in the output, split as written)"))
	if cmd != "clean" {
		fs.Float64Var(&f.threshold, "threshold", 0, tr("match `probability` at or above which two rows are the same person (default 0.5)"))
		fs.Uint64Var(&f.seed, "seed", 1, tr("random `seed` of the model training (the same seed gives the same result)"))
		fs.IntVar(&f.workers, "workers", 0, tr("`number` of CPU cores to use (default: all)"))
		fs.IntVar(&f.maxBlock, "max-block", 0, tr("most `rows` in one candidate block: a larger block is split by a second key (family name, given initial, birth month) or skipped, and counted in the summary (default 1000; -1: no limit, which can take very long on placeholder IDs)"))
	}
	fs.String("lang", "", tr("`language` of the messages and column names: vi (Vietnamese, the default) or en (English); without it, English when LC_ALL, LC_MESSAGES or LANG starts with en"))
	fs.Usage = func() {
		say(log, "Usage of vnlink %s (see \"vnlink -h\" for the input format):\n", cmd)
		printFlags(log, fs)
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		say(log, "vnlink %s: unexpected arguments after the flags; see -h\n", cmd)
		return 2
	}
	if err := f.check(cmd); err != nil {
		say(log, "vnlink %s: %s; see -h\n", cmd, describeError(err))
		return 2
	}
	if err := f.run(cmd, stdout, log); errors.Is(err, errDamaged) {
		say(log, "vnlink %s: %s\n", cmd, describeError(err))
		return 3
	} else if errors.Is(err, errRowsNotWhole) {
		say(log, "vnlink %s: %s; see the issues in %s\n", cmd, describeError(err), fileSummary)
		return 3
	} else if err != nil {
		say(log, "vnlink %s: %s\n", cmd, describeError(err))
		return 1
	}
	return 0
}

// usageText returns the text of vnlink -h in the run's language.
func usageText() string { return tr(usage) }

// printFlags writes the flags of fs and their help to w, as
// flag.PrintDefaults does but with the default values named in the run's
// language.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(fl *flag.Flag) {
		name, help := flag.UnquoteUsage(fl)
		line := "  -" + fl.Name
		if name != "" {
			line += " " + name
		}
		if len(line) <= 4 {
			line += "\t"
		} else {
			line += "\n    \t"
		}
		line += strings.ReplaceAll(help, "\n", "\n    \t")
		if d := fl.DefValue; d != "" && d != "0" && d != "false" && !strings.Contains(help, "default") && !strings.Contains(help, "mặc định") {
			line += tr(" (default %s)", d)
		}
		fmt.Fprintln(w, line)
	})
}
