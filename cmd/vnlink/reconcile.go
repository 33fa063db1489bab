package main

import (
	"bytes"
	"cmp"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/vnlink/vnlink/linkage/vnperson"
)

// The files reconcile writes into its -out folder. The names are plain
// ASCII Vietnamese, numbered in the order the campaign plan works through
// the lists.
const (
	fileMissing     = "1-thieu-ho-so.csv"       // registry people with no health record: create one
	fileDuplicates  = "2-ho-so-trung.csv"       // duplicate health records: merge
	fileCorrections = "3-sua-thong-tin.csv"     // fields to correct to the registry's value
	fileUnmatched   = "4-khong-khop-dan-cu.csv" // health records of nobody in the registry
	fileReview      = "5-can-xem-xet.csv"       // uncertain pairs for a clerk to decide
	filePolice      = "6-cong-an-xac-minh.csv"  // identity numbers for the commune police to verify
	fileNewFromBHYT = "7-moi-tu-bhyt.csv"       // people of the BHYT list found nowhere else
	fileHamlets     = "theo-thon.csv"           // the campaign figures per hamlet
	fileRows        = "tat-ca-cac-dong.csv"     // every input row with its status
	fileSummary     = "summary.json"            // the figures (counts only)
	fileReport      = "bao-cao.html"            // the report for the station's director (counts only)
	fileWorkbook    = "danh-sach.xlsx"          // the headline figures and every list above, one sheet each
	reviewDecision  = "Quyết định (cùng/khác)"  // the review column a clerk fills in
	reviewSame      = "cùng"                    // the decision "same person"
	reviewDifferent = "khác"                    // the decision "different people"
	roleLabelReg    = "DS dân cư"               // the registry, in row references
	roleLabelEHR    = "HSSK"                    // the health records
	roleLabelBHYT   = "BHYT"                    // the BHYT list
	yesVi, noVi     = "Có", "Không"             // yes and no in cells
	kindCorrection  = "Loại sửa"                // header of the correction kind
	hamletHeader    = "Thôn/Tổ dân phố"         // header of the hamlet column
	personHeader    = "Mã người"                // header of the person id column
	ehrRowHeader    = "Dòng HSSK"               // header of an EHR row number
	recordIDHeader  = "Mã hồ sơ"                // header of an EHR record id
	registryRowHead = "Dòng DS dân cư"          // header of a registry row number
	registryIDHead  = "Mã trong DS dân cư"      // header of a registry record id
	fieldsHeader    = "Các trường khác nhau"    // header of a list of fields
	probabilityHead = "Xác suất cùng người"     // header of a match probability
	weightHead      = "Trọng số (bit)"          // header of a match weight
	explainHead     = "Giải thích (so sánh: mức, bit)"
)

// roleLabels are the names of the three lists in row references.
var roleLabels = [...]string{vnperson.RoleRegistry: roleLabelReg, vnperson.RoleEHR: roleLabelEHR, vnperson.RoleBHYT: roleLabelBHYT}

// correctionLabels name the kinds of correction.
var correctionLabels = map[vnperson.CorrectionKind]string{
	vnperson.CorrectValue:    "Sai",
	vnperson.CorrectMissing:  "Còn thiếu",
	vnperson.CorrectOutdated: "Thông tin cũ",
	vnperson.CorrectForm:     "Chỉ khác cách viết",
}

// statusLabels name the place of a row.
var statusLabels = map[vnperson.Status]string{
	vnperson.StatusHasRecord:      "Đã có hồ sơ",
	vnperson.StatusMissingRecord:  "Chưa có hồ sơ: cần tạo",
	vnperson.StatusVerified:       "Đã đối chiếu với DS dân cư",
	vnperson.StatusDuplicateKeep:  "Hồ sơ trùng: giữ lại",
	vnperson.StatusDuplicateMerge: "Hồ sơ trùng: gộp vào hồ sơ giữ lại",
	vnperson.StatusUnmatched:      "Không có trong DS dân cư: cần xem xét",
	vnperson.StatusBHYTLinked:     "Đã có trong DS dân cư hoặc HSSK",
	vnperson.StatusBHYTNew:        "Người mới từ BHYT: cần tạo hồ sơ",
}

// keepLabels say why a record of a duplicate group is the one to keep.
var keepLabels = map[vnperson.KeepReason]string{
	vnperson.KeepMostComplete: "Khớp DS dân cư nhiều trường nhất, đầy đủ nhất",
	vnperson.KeepSmallestID:   "Ngang nhau: mã hồ sơ nhỏ nhất",
}

// policeLabels name the checks the commune police make.
var policeLabels = map[vnperson.PoliceCheckKind]string{
	vnperson.PoliceNoID:        "Không có số CCCD/CMND",
	vnperson.PoliceMalformedID: "Số CCCD/CMND sai dạng",
	vnperson.PoliceIDDiffers:   "Số CCCD có trong DS dân cư nhưng họ tên, ngày sinh hoặc giới tính khác",
}

// displayHeader are the columns of a person's fields, in Display order.
var displayHeader = []string{"Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Số CMND", "Số thẻ BHYT", "Số điện thoại", "Địa chỉ", "Dân tộc"}

func appendDisplay(dst []string, d *vnperson.Display) []string {
	return append(dst, d.FullName, d.BirthDate, d.Sex, d.NationalID, d.OldID, d.InsuranceID, d.Phone, d.Address, d.Ethnicity)
}

// reconcileSummary is the reconcile part of the JSON summary: the campaign
// figures (overall and per hamlet) and the size of each list.
type reconcileSummary struct {
	Metrics vnperson.Metrics `json:"metrics"`
	// Lists maps each file written to its number of data rows.
	Lists map[string]int `json:"lists"`
	// Workbook names the Excel workbook holding every list; "" with
	// -xlsx=false.
	Workbook string `json:"workbook,omitempty"`
	// RowsIn counts the input rows of the three lists; RowsPlaced those
	// with a status in tat-ca-cac-dong.csv; RowsNotWhole those whose cells
	// could not all be read (their fields were left out of matching).
	RowsIn           int     `json:"rows_in"`
	RowsPlaced       int     `json:"rows_placed"`
	RowsNotWhole     int     `json:"rows_not_whole"`
	Threshold        float64 `json:"threshold_weight"`
	OversizedBlocks  int     `json:"oversized_blocks"`
	DecisionsApplied int     `json:"decisions_applied,omitempty"`
	DecisionsUnused  int     `json:"decisions_unresolved,omitempty"`
}

// errRowsNotWhole is returned when some input row could not be read whole:
// the files are written, and the exit status says it (3).
var errRowsNotWhole = newLazyError("some input rows could not be read whole")

// reconcileInputs are the files of a reconcile run.
type reconcileInputs struct {
	registry, ehr, bhyt *input
}

// runReconcile reads the registry, EHR and optional BHYT files named by f,
// reconciles them and writes the worklists into the folder f.out.
func runReconcile(f *cliFlags, opts *options, log io.Writer) (*summary, error) {
	var in reconcileInputs
	var err error
	load := func(role, name string, mapping map[field]string) (*input, error) {
		return loadFile(role, name, mapping, opts.Read)
	}
	if in.registry, err = load("registry", f.registry, opts.MapRegistry); err != nil {
		return nil, err
	}
	if in.ehr, err = load("ehr", f.ehr, opts.Map); err != nil {
		return nil, err
	}
	var bhytPeople []vnperson.Person
	if f.bhyt != "" {
		if in.bhyt, err = load("bhyt", f.bhyt, opts.MapBHYT); err != nil {
			return nil, err
		}
		bhytPeople = in.bhyt.people
	}
	ro := vnperson.ReconcileOptions{Options: opts.linkOptions(), ReviewLow: f.reviewLow, ReviewHigh: f.reviewHigh}
	if f.decisions != "" {
		if ro.Decisions, err = readDecisions(f.decisions); err != nil {
			return nil, wrap(err, "-decisions")
		}
	}
	res, err := vnperson.Reconcile(in.registry.people, in.ehr.people, bhytPeople, ro)
	if err != nil {
		return nil, err
	}

	sum := &summary{Command: "reconcile"}
	sources := []struct {
		role string
		in   *input
		src  *vnperson.Source
	}{{"registry", in.registry, &res.Registry}, {"ehr", in.ehr, &res.EHR}, {"bhyt", in.bhyt, &res.BHYT}}
	rs := &reconcileSummary{Metrics: res.Metrics, Lists: map[string]int{}, Threshold: res.Threshold,
		OversizedBlocks: len(res.Oversized), RowsPlaced: len(res.Rows),
		DecisionsApplied: len(ro.Decisions) - res.UnresolvedDecisions, DecisionsUnused: res.UnresolvedDecisions}
	accepted := 0
	for _, s := range sources {
		if s.in == nil {
			continue
		}
		is := summarizeInput(s.role, s.in, mergeIssues(s.in.t.Issues, s.src.Issues))
		sum.Inputs = append(sum.Inputs, is)
		rs.RowsIn += is.Rows
		rs.RowsNotWhole += is.UnusableRows
		if f.acceptDamaged {
			// -accept-damaged: damaged rows do not make the exit status 3;
			// they stay counted in rows_not_whole.
			accepted += min(is.DamagedRows, is.UnusableRows)
		}
	}
	if sum.Model, err = modelJSON(res.Model); err != nil {
		return nil, err
	}
	sum.Reconcile = rs

	if err := os.MkdirAll(f.out, 0o755); err != nil {
		return nil, err
	}
	// A list longer than an Excel sheet can hold (a city's run) cannot go
	// into the workbook: the CSV files only, said before anything is
	// written rather than failing half-way.
	if !f.noWorkbook && max(len(res.Rows), len(res.Corrections)) > maxSheetRows-1 {
		f.noWorkbook = true
		if !f.quiet {
			say(log, "a list has more rows than an Excel sheet holds (%d): %s is not written, the CSV files are\n", maxSheetRows-1, fileWorkbook)
		}
	}
	// A list an earlier run wrote and this one does not (the workbook with
	// -xlsx=false, the BHYT list without -bhyt) would disagree with the
	// others and still hold personal data: remove it.
	var stale []string
	if f.noWorkbook {
		stale = append(stale, fileWorkbook)
	}
	if in.bhyt == nil {
		stale = append(stale, fileNewFromBHYT)
	}
	for _, name := range stale {
		p := filepath.Join(f.out, name)
		if st, err := os.Lstat(p); err == nil && st.Mode().IsRegular() {
			if err := os.Remove(p); err != nil {
				return nil, err
			}
		}
	}
	w := &worklistWriter{res: res, in: in}
	lists := []worklist{
		{fileMissing, "1 Thiếu hồ sơ", w.missingHeader(), w.missing},
		{fileDuplicates, "2 Hồ sơ trùng", duplicatesHeader, w.duplicates},
		{fileCorrections, "3 Sửa thông tin", correctionsHeader, w.corrections},
		{fileUnmatched, "4 Không khớp DS dân cư", unmatchedHeader, w.unmatched},
		{fileReview, sheetReview, reviewHeader, w.review},
		{filePolice, "6 Công an xác minh", policeHeader, w.police},
	}
	if in.bhyt != nil {
		lists = append(lists, worklist{fileNewFromBHYT, "7 Mới từ BHYT", w.newFromBHYTHeader(), w.newFromBHYT})
	}
	lists = append(lists, worklist{fileHamlets, "Theo thôn", hamletsHeader, w.hamlets},
		worklist{fileRows, "Tất cả các dòng", rowsHeader, w.rows})
	// Each list is rendered once, into its CSV file and its sheet of the
	// workbook, which starts with the headline figures.
	var listErr error
	if f.noWorkbook {
		for _, l := range lists {
			n, err := l.write(f.out, nil)
			if err != nil {
				return nil, wrap(err, "%s", l.name)
			}
			rs.Lists[l.name] = n
		}
	} else {
		err = writeWorkbookAndLists(f, rs, res, &in, lists, &listErr)
		rs.Workbook = fileWorkbook
	}
	if listErr != nil {
		return nil, listErr
	}
	if err != nil {
		return nil, wrap(err, "%s", fileWorkbook)
	}
	if err := writeFileAtomic(filepath.Join(f.out, fileSummary), func(out io.Writer) error { return writeJSON(out, sum) }); err != nil {
		return nil, wrap(err, "%s", fileSummary)
	}
	meta := reportMeta{Commune: mainCommune(res.Registry.Display), Inputs: []string{f.registry, f.ehr, f.bhyt}, Date: opts.Today}
	if err := writeFileAtomic(filepath.Join(f.out, fileReport), func(out io.Writer) error { return writeReportHTML(out, sum, meta) }); err != nil {
		return nil, wrap(err, "%s", fileReport)
	}
	if rs.RowsPlaced != rs.RowsIn {
		return sum, errorf("%d of %d input rows have no status", rs.RowsIn-rs.RowsPlaced, rs.RowsIn)
	}
	if rs.RowsNotWhole > accepted {
		return sum, errRowsNotWhole
	}
	return sum, nil
}

// A worklist is one CSV file of the -out folder and one sheet of its
// workbook: its header and a function that emits its rows.
type worklist struct {
	name, sheet string
	header      []string
	rows        func(emit func(...string) error) error
}

// A sheetMaker starts the sheets of a workbook (an asyncBook).
type sheetMaker interface {
	sheet(name string, header []string) (rowWriter, error)
}

// write writes l into its sheet of b (unless b is nil: -xlsx=false) and,
// unless its name is empty, into dir through a temporary file; it returns
// the number of data rows.
func (l *worklist) write(dir string, b sheetMaker) (int, error) {
	n := 0
	write := func(csv rowWriter) error {
		var to teeRows
		if b != nil {
			sh, err := b.sheet(loc(l.sheet), locAll(l.header))
			if err != nil {
				return err
			}
			to = append(to, sh)
		}
		if csv != nil {
			to = append(to, csv)
		}
		if err := l.rows(func(cells ...string) error { n++; return to.Write(cells) }); err != nil {
			return err
		}
		return to.Close()
	}
	if l.name == "" {
		return n, write(nil)
	}
	err := writeFileAtomic(filepath.Join(dir, l.name), func(out io.Writer) error {
		cw, err := newExcelCSV(out, locAll(l.header), 0)
		if err != nil {
			return err
		}
		return write(cw)
	})
	return n, err
}

// sheetReview is the workbook's sheet of the review list, which
// -decisions reads back.
const sheetReview = "5 Cần xem xét"

// sheetHeadline is the first sheet of the workbook: the headline figures.
const sheetHeadline = "Tổng hợp"

var headlineHeader = []string{"Chỉ tiêu", "Số liệu"}

// headline emits the campaign's headline figures, one (label, number) row
// each, as printReconcile words them.
func headline(emit func(...string) error, rs *reconcileSummary, res *vnperson.Reconciliation, bhyt bool) error {
	f := &res.Metrics.Overall
	pct := func(x float64) string {
		return strings.Replace(strconv.FormatFloat(100*x, 'f', 1, 64), ".", ",", 1) + "%"
	}
	n := strconv.Itoa
	rows := [][2]string{
		{"Người trong DS dân cư", n(f.RegistryPeople)},
		{"Hồ sơ sức khỏe (HSSK)", n(f.EHRRows)},
		{"Người đã có hồ sơ", n(f.Covered)},
		{"Độ bao phủ", pct(f.Coverage)},
		{"Cần tạo hồ sơ (người)", n(f.MissingRecords)},
		{"Người có từ 2 hồ sơ", n(f.PeopleWithDuplicates)},
		{"Hồ sơ thừa cần gộp", n(f.ExtraRows)},
		{"Tỷ lệ hồ sơ trùng (trên số hồ sơ)", pct(f.DuplicateRowRate)},
		{"Hồ sơ đã đối chiếu với DS dân cư", n(f.Verified)},
		{"Hồ sơ cần sửa thông tin", n(f.RowsToCorrect)},
		{"Trường sai", n(f.Corrections.Value)},
		{"Trường còn thiếu", n(f.Corrections.Missing)},
		{"Trường thông tin cũ", n(f.Corrections.Outdated)},
		{"Hồ sơ không có trong DS dân cư", n(f.Unmatched)},
		{"Cặp cần xem xét", n(len(res.Review))},
		{"Công an xác minh: không có số CCCD/CMND", n(f.PoliceNoID)},
		{"Công an xác minh: số sai dạng", n(f.PoliceMalformedID)},
		{"Công an xác minh: thông tin khác DS dân cư", n(f.PoliceIDDiffers)},
	}
	if bhyt {
		rows = append(rows, [2]string{"Người mới từ BHYT", n(len(res.NewFromBHYT))})
	}
	rows = append(rows,
		[2]string{"Thôn/tổ dân phố", n(len(res.Metrics.Hamlets))},
		[2]string{"Dòng đầu vào", n(rs.RowsIn)},
		[2]string{"Dòng đã có tình trạng", n(rs.RowsPlaced)},
		[2]string{"Dòng không đọc được trọn vẹn", n(rs.RowsNotWhole)})
	for _, r := range rows {
		if err := emit(loc(r[0]), r[1]); err != nil {
			return err
		}
	}
	return nil
}

// A worklistWriter renders the lists of one reconciliation.
type worklistWriter struct {
	res *vnperson.Reconciliation
	in  reconcileInputs
}

func rowNumber(row int) string { return strconv.Itoa(row + 1) }

func (w *worklistWriter) id(role vnperson.Role, row int) string {
	switch role {
	case vnperson.RoleRegistry:
		return w.in.registry.people[row].ID
	case vnperson.RoleEHR:
		return w.in.ehr.people[row].ID
	}
	return w.in.bhyt.people[row].ID
}

func (w *worklistWriter) display(role vnperson.Role, row int) *vnperson.Display {
	switch role {
	case vnperson.RoleRegistry:
		return &w.res.Registry.Display[row]
	case vnperson.RoleEHR:
		return &w.res.EHR.Display[row]
	}
	return &w.res.BHYT.Display[row]
}

func (w *worklistWriter) personID(pi int) string { return w.res.People[pi].ID }

func formatShare(p float64) string { return strconv.FormatFloat(p, 'f', 4, 64) }

func (w *worklistWriter) missingHeader() []string {
	return append(append([]string{personHeader, registryRowHead, registryIDHead}, displayHeader...), hamletHeader)
}

// missing lists the registry people with no health record, with the
// registry's fields to fill in the new record.
func (w *worklistWriter) missing(emit func(...string) error) error {
	for _, m := range w.res.Missing {
		cells := []string{w.personID(m.Person), rowNumber(m.From.Row), w.id(m.From.Role, m.From.Row)}
		if err := emit(append(appendDisplay(cells, &m.Fields), m.Hamlet)...); err != nil {
			return err
		}
	}
	return nil
}

func (w *worklistWriter) newFromBHYTHeader() []string {
	return append(append([]string{personHeader, "Dòng DS BHYT", "Mã trong DS BHYT"}, displayHeader...), hamletHeader)
}

// newFromBHYT lists the people of the BHYT list found nowhere else.
func (w *worklistWriter) newFromBHYT(emit func(...string) error) error {
	for _, m := range w.res.NewFromBHYT {
		cells := []string{w.personID(m.Person), rowNumber(m.From.Row), w.id(m.From.Role, m.From.Row)}
		if err := emit(append(appendDisplay(cells, &m.Fields), m.Hamlet)...); err != nil {
			return err
		}
	}
	return nil
}

var duplicatesHeader = []string{personHeader, "Nhóm", ehrRowHeader, recordIDHeader, "Đề xuất", "Lý do giữ hồ sơ này",
	probabilityHead, fieldsHeader, "Có trong DS dân cư", "Họ và tên", "Ngày sinh", "Số CCCD", hamletHeader}

// duplicates lists the health records of each person with two or more: the
// one to keep first, then those to merge into it.
func (w *worklistWriter) duplicates(emit func(...string) error) error {
	for gi, dg := range w.res.Duplicates {
		disagree := fieldList(dg.Disagree)
		for k, r := range dg.Rows {
			action, reason := loc("Gộp vào hồ sơ giữ lại"), ""
			if r == dg.Keep {
				action, reason = loc("Giữ lại"), loc(keepLabels[dg.KeepReason])
			}
			linked := loc(noVi)
			if dg.Linked {
				linked = loc(yesVi)
			}
			d := w.display(vnperson.RoleEHR, r)
			if err := emit(w.personID(dg.Person), strconv.Itoa(gi+1), rowNumber(r), w.id(vnperson.RoleEHR, r), action, reason,
				formatShare(dg.Probability[k]), disagree, linked, d.FullName, d.BirthDate, d.NationalID, dg.Hamlet); err != nil {
				return err
			}
		}
	}
	return nil
}

// fieldList names fields in Vietnamese, separated by "; ".
func fieldList(fields []string) string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = fieldLabel(f)
	}
	return strings.Join(out, "; ")
}

var correctionsHeader = []string{ehrRowHeader, recordIDHeader, personHeader, "Trường", kindCorrection,
	"Giá trị trong HSSK", "Giá trị đúng (theo DS dân cư)", hamletHeader}

// corrections lists each field of a linked health record that differs from
// the registry.
func (w *worklistWriter) corrections(emit func(...string) error) error {
	for _, c := range w.res.Corrections {
		if err := emit(rowNumber(c.EHR), w.id(vnperson.RoleEHR, c.EHR), w.personID(c.Person), fieldLabel(c.Field),
			loc(correctionLabels[c.Kind]), c.Old, c.New, c.Hamlet); err != nil {
			return err
		}
	}
	return nil
}

var unmatchedHeader = []string{ehrRowHeader, recordIDHeader, personHeader, "Họ và tên", "Ngày sinh", "Số CCCD",
	"Dòng DS dân cư gần nhất", "Mã trong DS dân cư gần nhất", probabilityHead, hamletHeader}

// unmatched lists the health records of nobody in the registry, with the
// nearest registry candidate when there is one.
func (w *worklistWriter) unmatched(emit func(...string) error) error {
	for _, u := range w.res.Unmatched {
		d := w.display(vnperson.RoleEHR, u.EHR)
		near, nearID, p := "", "", ""
		if u.Nearest >= 0 {
			near, nearID, p = rowNumber(u.Nearest), w.id(vnperson.RoleRegistry, u.Nearest), formatShare(u.Probability)
		}
		if err := emit(rowNumber(u.EHR), w.id(vnperson.RoleEHR, u.EHR), w.personID(u.Person), d.FullName, d.BirthDate,
			d.NationalID, near, nearID, p, u.Hamlet); err != nil {
			return err
		}
	}
	return nil
}

var reviewHeader = []string{"STT", "DS A", "Dòng A", "Mã A", "Họ và tên A", "Ngày sinh A", "DS B", "Dòng B", "Mã B",
	"Họ và tên B", "Ngày sinh B", probabilityHead, weightHead, "Lần chạy này coi là", explainHead, reviewDecision}

// review lists the uncertain pairs, most uncertain first, with the weight
// of each comparison (labels and numbers) and an empty decision column a
// clerk fills in with "cùng" or "khác" and passes back with -decisions.
func (w *worklistWriter) review(emit func(...string) error) error {
	for i, rp := range w.res.Review {
		da, db := w.display(rp.A.Role, rp.A.Row), w.display(rp.B.Role, rp.B.Row)
		together := loc("Khác người")
		if rp.Together {
			together = loc("Cùng người")
		}
		explain := ""
		if e, ok := w.res.Explain(rp.A, rp.B); ok {
			parts := make([]string, 0, len(e.Rows))
			for _, r := range e.Rows {
				parts = append(parts, r.Comparison+": "+r.Label+" "+strconv.FormatFloat(r.Weight, 'f', 1, 64))
			}
			explain = strings.Join(parts, "; ")
		}
		if err := emit(strconv.Itoa(i+1), loc(roleLabels[rp.A.Role]), rowNumber(rp.A.Row), w.id(rp.A.Role, rp.A.Row), da.FullName, da.BirthDate,
			loc(roleLabels[rp.B.Role]), rowNumber(rp.B.Row), w.id(rp.B.Role, rp.B.Row), db.FullName, db.BirthDate,
			formatShare(rp.Probability), formatWeight(rp.Weight), together, explain, ""); err != nil {
			return err
		}
	}
	return nil
}

var policeHeader = []string{ehrRowHeader, recordIDHeader, personHeader, "Việc cần xác minh", fieldsHeader,
	"Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD/CMND trong HSSK", hamletHeader}

// police lists the health records whose identity number the commune police
// verify: none, malformed, or valid with other details than the registry's.
func (w *worklistWriter) police(emit func(...string) error) error {
	for _, pc := range w.res.PoliceChecks {
		d := w.display(vnperson.RoleEHR, pc.EHR)
		if err := emit(rowNumber(pc.EHR), w.id(vnperson.RoleEHR, pc.EHR), w.personID(pc.Person), loc(policeLabels[pc.Kind]),
			fieldList(pc.Fields), d.FullName, d.BirthDate, d.Sex, w.in.ehr.people[pc.EHR].NationalID, pc.Hamlet); err != nil {
			return err
		}
	}
	return nil
}

var hamletsHeader = []string{hamletHeader, "Người trong DS dân cư", "Người đã có hồ sơ", "Độ bao phủ", "Cần tạo hồ sơ",
	"Hồ sơ (HSSK)", "Hồ sơ đã đối chiếu", "Người có từ 2 hồ sơ", "Hồ sơ thừa cần gộp", "Tỷ lệ hồ sơ trùng",
	"Hồ sơ không có trong DS dân cư", "Hồ sơ cần sửa thông tin", "Trường sai", "Trường còn thiếu", "Trường thông tin cũ",
	"Công an xác minh"}

// hamlets writes the campaign figures of the whole commune, then of each
// hamlet.
func (w *worklistWriter) hamlets(emit func(...string) error) error {
	row := func(name string, f *vnperson.Figures) error {
		return emit(name, strconv.Itoa(f.RegistryPeople), strconv.Itoa(f.Covered), formatShare(f.Coverage),
			strconv.Itoa(f.MissingRecords), strconv.Itoa(f.EHRRows), strconv.Itoa(f.Verified),
			strconv.Itoa(f.PeopleWithDuplicates), strconv.Itoa(f.ExtraRows), formatShare(f.DuplicateRowRate),
			strconv.Itoa(f.Unmatched), strconv.Itoa(f.RowsToCorrect), strconv.Itoa(f.Corrections.Value),
			strconv.Itoa(f.Corrections.Missing), strconv.Itoa(f.Corrections.Outdated),
			strconv.Itoa(f.PoliceNoID+f.PoliceMalformedID+f.PoliceIDDiffers))
	}
	if err := row(loc("Toàn xã"), &w.res.Metrics.Overall); err != nil {
		return err
	}
	for i := range w.res.Metrics.Hamlets {
		h := &w.res.Metrics.Hamlets[i]
		name := h.Hamlet
		if name == "" {
			name = loc("(địa chỉ không ghi thôn/tổ)")
		}
		if err := row(name, &h.Figures); err != nil {
			return err
		}
	}
	return nil
}

var rowsHeader = []string{"Danh sách", "Dòng", "Mã bản ghi", "Tình trạng", personHeader}

// rows lists every input row of the three lists with its status: the
// proof that none is lost.
func (w *worklistWriter) rows(emit func(...string) error) error {
	for _, rs := range w.res.Rows {
		if err := emit(loc(roleLabels[rs.Role]), rowNumber(rs.Row), w.id(rs.Role, rs.Row), loc(statusLabels[rs.Status]), w.personID(rs.Person)); err != nil {
			return err
		}
	}
	return nil
}

// readDecisions reads the review list back: each row whose decision cell
// says "cùng" (same person) or "khác" (different people), with or without
// marks, becomes a must-link or cannot-link decision. Other rows are
// skipped; a decision that cannot be read is an error naming its row.
func readDecisions(name string) ([]vnperson.Decision, error) {
	t, err := readDecisionTable(name)
	if err != nil {
		return nil, err
	}
	col := func(h string) (int, error) {
		for i, c := range t.Header {
			if headerKey(c) == headerKey(h) || headerKey(c) == headerKey(locEnglish(h)) {
				return i, nil
			}
		}
		return -1, errorf("no column %q: give the review list written by reconcile", loc(h))
	}
	var cols [5]int
	for i, h := range []string{"DS A", "Dòng A", "DS B", "Dòng B", reviewDecision} {
		if cols[i], err = col(h); err != nil {
			return nil, err
		}
	}
	roleOf := func(s string) (vnperson.Role, bool) {
		for role, l := range roleLabels {
			if headerKey(s) == headerKey(l) || headerKey(s) == headerKey(locEnglish(l)) {
				return vnperson.Role(role), true
			}
		}
		return 0, false
	}
	var out []vnperson.Decision
	for i := range t.Rows {
		v := headerKey(t.cell(i, cols[4]))
		if v == "" {
			continue
		}
		var d vnperson.Decision
		switch v {
		case headerKey(reviewSame), "same", "c", "1", "x":
			d.Same = true
		case headerKey(reviewDifferent), "different", "k", "0":
		default:
			return nil, errorf("row %d, column %q: write %q or %q", i+1, loc(reviewDecision), reviewSame, reviewDifferent)
		}
		ra, okA := roleOf(t.cell(i, cols[0]))
		rb, okB := roleOf(t.cell(i, cols[2]))
		a, errA := strconv.Atoi(strings.TrimSpace(t.cell(i, cols[1])))
		b, errB := strconv.Atoi(strings.TrimSpace(t.cell(i, cols[3])))
		if !okA || !okB || errA != nil || errB != nil || a < 1 || b < 1 {
			return nil, errorf("row %d: the list names and row numbers of the pair cannot be read", i+1)
		}
		d.A, d.B = vnperson.RowRef{Role: ra, Row: a - 1}, vnperson.RowRef{Role: rb, Row: b - 1}
		out = append(out, d)
	}
	return out, nil
}

// readDecisionTable reads the review list a clerk filled in: the CSV file
// 5-can-xem-xet.csv, or the workbook danh-sach.xlsx, whose review sheet
// (in either language) is read instead of its first sheet.
func readDecisionTable(name string) (*table, error) {
	if !strings.HasSuffix(strings.ToLower(name), ".xlsx") {
		r, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer r.Close()
		return readInputTable(r, readOptions{})
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var first error
	for _, sheet := range []string{sheetReview, locEnglish(sheetReview), ""} {
		t, err := readInputTable(namedReader{bytes.NewReader(data), name}, readOptions{Sheet: sheet})
		if err == nil {
			return t, nil
		}
		first = cmp.Or(first, err)
	}
	return nil, first
}

// namedReader is a reader with the name of its file, so that readInputTable
// knows a workbook by its extension.
type namedReader struct {
	io.Reader
	name string
}

// Name returns the file's name.
func (n namedReader) Name() string { return n.name }

// printReconcile writes the campaign figures to log in words, with the
// file that holds each list.
func printReconcile(log io.Writer, r *reconcileSummary) {
	f := &r.Metrics.Overall
	pct := func(x float64) string { return tr("%.1f%%", 100*x) }
	say(log, "Checked against the population list (%d people), %d health records:\n", f.RegistryPeople, f.EHRRows)
	say(log, "  coverage: %d/%d people have a record (%s)\n", f.Covered, f.RegistryPeople, pct(f.Coverage))
	say(log, "  records to create: %d people                          -> %s\n", f.MissingRecords, fileMissing)
	say(log, "  duplicate records: %d people have 2 or more records, %d extra records to merge (%s of records; %s of people) -> %s\n",
		f.PeopleWithDuplicates, f.ExtraRows, pct(f.DuplicateRowRate), pct(f.DuplicatePeopleRate), fileDuplicates)
	say(log, "  records matched to the population list: %d (%s)\n", f.Verified, pct(f.VerifiedShare))
	say(log, "  details to correct: %d records; %d fields wrong, %d missing, %d out of date (%d only written differently) -> %s\n",
		f.RowsToCorrect, f.Corrections.Value, f.Corrections.Missing, f.Corrections.Outdated, f.Corrections.Form, fileCorrections)
	say(log, "  not in the population list: %d records               -> %s\n", f.Unmatched, fileUnmatched)
	say(log, "  to review: %d pairs                                   -> %s\n", r.Lists[fileReview], fileReview)
	say(log, "  for the police to verify: %d without a number, %d malformed, %d differing from the population list -> %s\n",
		f.PoliceNoID, f.PoliceMalformedID, f.PoliceIDDiffers, filePolice)
	if n, ok := r.Lists[fileNewFromBHYT]; ok {
		say(log, "  new people from the BHYT list: %d                     -> %s\n", n, fileNewFromBHYT)
	}
	say(log, "  figures per hamlet (thôn / tổ dân phố): %d hamlets    -> %s\n", len(r.Metrics.Hamlets), fileHamlets)
	say(log, "  every row: %d/%d input rows have a status             -> %s\n", r.RowsPlaced, r.RowsIn, fileRows)
	if r.Workbook != "" {
		say(log, "  all the lists above, in one Excel workbook            -> %s\n", r.Workbook)
	}
	if r.RowsNotWhole > 0 {
		say(log, "  %d rows could not be read whole (see %s)\n", r.RowsNotWhole, fileSummary)
	}
	if r.DecisionsApplied > 0 || r.DecisionsUnused > 0 {
		say(log, "  decisions applied: %d; not usable: %d\n", r.DecisionsApplied, r.DecisionsUnused)
	}
	if r.OversizedBlocks > 0 {
		say(log, "  %d blocks too large were split or skipped\n", r.OversizedBlocks)
	}
}

// mainCommune returns the commune most registry rows name (the registry of
// one commune names its own), "" when none does.
func mainCommune(disp []vnperson.Display) string {
	count := map[string]int{}
	best := ""
	for i := range disp {
		c := disp[i].Commune
		if c == "" {
			continue
		}
		count[c]++
		if n := count[c]; n > count[best] || (n == count[best] && c < best) {
			best = c
		}
	}
	return best
}

// writeWorkbookAndLists writes each list into its CSV file and its sheet of
// the workbook, which starts with the headline figures; a list's error is
// also kept in *listErr.
func writeWorkbookAndLists(f *cliFlags, rs *reconcileSummary, res *vnperson.Reconciliation, in *reconcileInputs, lists []worklist, listErr *error) error {
	return writeFileAtomic(filepath.Join(f.out, fileWorkbook), func(out io.Writer) error {
		b, err := newWorkbook(out)
		if err != nil {
			return err
		}
		defer b.abort()
		// The sheets are written on a goroutine of their own while the
		// CSV files are written here (see asyncBook).
		ab := newAsyncBook(b)
		head := worklist{"", sheetHeadline, headlineHeader, func(emit func(...string) error) error {
			return headline(emit, rs, res, in.bhyt != nil)
		}}
		if _, err := head.write("", ab); err != nil {
			ab.finish()
			return err
		}
		for _, l := range lists {
			n, err := l.write(f.out, ab)
			if err != nil {
				ab.finish()
				*listErr = wrap(err, "%s", l.name)
				return *listErr
			}
			rs.Lists[l.name] = n
		}
		if err := ab.finish(); err != nil {
			return err
		}
		return b.Close()
	})
}
