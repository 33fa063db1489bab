package main

import (
	"encoding/json"
	"html/template"
	"io"
	"maps"
	"math"
	"path/filepath"
	"slices"
	"time"

	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

// The HTML report is one self-contained page in Vietnamese for the head of
// a commune health station: headline figures, charts drawn as inline SVG,
// tables, and the model in a collapsed technical section. It holds counts,
// column names, hamlet names and model parameters only, never a value of
// the input. It loads nothing: no script, no font, no image from outside.

// reportMeta is what the report says about the run beyond the summary.
type reportMeta struct {
	// Commune is the name of the commune (e.g. "xã Ngọc Hồi"); "" when
	// unknown.
	Commune string
	// Inputs are the input files; the report shows their base names only.
	Inputs []string
	// Date is the run date; the zero time means today.
	Date time.Time
}

// htmlModel is the part of the model JSON (linkage.Params) the HTML report
// shows: never the term-frequency tables, which hold values and are not
// decoded.
type htmlModel struct {
	Prior       float64                    `json:"prior"`
	Comparisons []linkage.ComparisonParams `json:"comparisons"`
}

// A reportCard is one headline figure.
type reportCard struct {
	Value, Label, Note string
}

// A reportTable is a table of text cells; the cells from column NumFrom on
// (1 or 2) are numbers, aligned right.
type reportTable struct {
	Caption string
	Head    []string
	Rows    [][]string
	NumFrom int
}

// A reportSection is one part of the page.
type reportSection struct {
	Title  string
	Intro  string
	Charts []template.HTML
	Tables []reportTable
}

// reportView is what the template renders.
type reportView struct {
	Lang      string // the page's language: "vi", or "en" with -lang en
	Title     string
	Commune   string
	Files     []string
	Date      string
	Cards     []reportCard
	Sections  []reportSection
	Technical []reportSection
}

var htmlReport = template.Must(template.New("report").Funcs(template.FuncMap{"t": rloc}).Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}{{with .Commune}} – {{.}}{{end}}</title>
<style>
body{font-family:"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",Arial,sans-serif;margin:0 auto;padding:1.5em;max-width:64em;color:#1d2733;line-height:1.45}
h1{font-size:1.6em;margin:.2em 0}
h2{font-size:1.25em;margin:1.6em 0 .4em;border-bottom:2px solid #2f6f9f;padding-bottom:.2em}
.meta{color:#4a5866;margin:.2em 0}
.note{color:#4a5866;font-size:.95em}
.cards{display:flex;flex-wrap:wrap;gap:.8em;margin:1.2em 0}
.card{flex:1 1 13em;border:1px solid #c9d6e2;border-radius:6px;padding:.7em .9em;background:#f5f9fc}
.card .v{font-size:2.3em;font-weight:700;color:#1f4f75;line-height:1.1}
.card .l{font-weight:600;margin-top:.2em}
.card .n{color:#4a5866;font-size:.9em;margin-top:.3em}
table{border-collapse:collapse;margin:.8em 0;font-size:.95em}
caption{text-align:left;font-weight:600;padding:.3em 0}
th,td{border:1px solid #c9d6e2;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#eaf1f7}
.n1 td:nth-child(n+2),.n2 td:nth-child(n+3){text-align:right;white-space:nowrap}
svg.chart{display:block;margin:.8em 0}
svg .ct{font-size:15px;font-weight:600;fill:#1d2733}
svg .cl{font-size:13px;fill:#1d2733}
svg .cv{font-size:12px;fill:#1d2733}
svg .ax{font-size:11px;fill:#4a5866}
svg .grid{stroke:#dde5ec;stroke-width:1}
svg .axl{stroke:#4a5866;stroke-width:1}
svg .thr{stroke:#c0392b;stroke-width:2;stroke-dasharray:6 4}
svg .thrt{font-size:12px;fill:#c0392b;font-weight:600}
details{margin-top:2em;border-top:1px solid #c9d6e2;padding-top:.6em}
summary{cursor:pointer;font-weight:600}
footer{margin-top:2em;color:#4a5866;font-size:.85em}
@media print{details{display:block}body{padding:0}}
</style></head><body>
<header>
<h1>{{.Title}}</h1>
{{with .Commune}}<p class="meta">{{t "Đơn vị:"}} <strong>{{.}}</strong></p>{{end}}
{{with .Files}}<p class="meta">{{t "Tệp dữ liệu:"}} {{range $i, $f := .}}{{if $i}}, {{end}}<strong>{{$f}}</strong>{{end}}</p>{{end}}
<p class="meta">{{t "Ngày lập báo cáo:"}} {{.Date}}</p>
<p class="note">{{t "Báo cáo chỉ gồm các số liệu đếm, không có họ tên, ngày sinh, số giấy tờ hay địa chỉ của người dân."}}</p>
</header>
{{with .Cards}}<section class="cards">
{{range .}}<div class="card"><div class="v">{{.Value}}</div><div class="l">{{.Label}}</div>{{with .Note}}<div class="n">{{.}}</div>{{end}}</div>
{{end}}</section>{{end}}
{{range .Sections}}{{template "section" .}}{{end}}
{{with .Technical}}<details>
<summary>{{t "Thông tin kỹ thuật (dành cho cán bộ phụ trách dữ liệu)"}}</summary>
{{range .}}{{template "section" .}}{{end}}
</details>{{end}}
<footer>{{t "Lập bằng vnlink. Số được viết theo cách Việt Nam: 12.345 là mười hai nghìn ba trăm bốn mươi lăm; 88,2% là tám mươi tám phẩy hai phần trăm."}}</footer>
</body></html>
{{define "section"}}<section>
<h2>{{.Title}}</h2>
{{with .Intro}}<p>{{.}}</p>{{end}}
{{range .Charts}}{{.}}{{end}}
{{range .Tables}}<table class="n{{.NumFrom}}">{{with .Caption}}<caption>{{.}}</caption>{{end}}
<tr>{{range .Head}}<th>{{.}}</th>{{end}}</tr>
{{range .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>
{{end}}</table>
{{end}}</section>
{{end}}`))

// writeHTML writes the HTML report of s, dated today, with no commune and
// no file names: the form the dedupe, link and clean commands call.
func writeHTML(w io.Writer, s *summary) error {
	return writeReportHTML(w, s, reportMeta{})
}

// writeReconcileHTML writes the HTML report of a reconcile run from its
// figures alone. writeReportHTML with the whole summary adds the model and
// the columns read from each file.
func writeReconcileHTML(w io.Writer, s *reconcileSummary, meta reportMeta) error {
	return writeReportHTML(w, &summary{Command: "reconcile", Reconcile: s}, meta)
}

// writeReportHTML writes s as one self-contained HTML page.
func writeReportHTML(w io.Writer, s *summary, meta reportMeta) error {
	numbersEnglish = english()
	defer func() { numbersEnglish = false }()
	v, err := newReportView(s, meta)
	if err != nil {
		return err
	}
	return htmlReport.Execute(w, v)
}

// newReportView lays out the page of s.
func newReportView(s *summary, meta reportMeta) (*reportView, error) {
	date := meta.Date
	if date.IsZero() {
		date = time.Now()
	}
	v := &reportView{Lang: "vi", Commune: meta.Commune, Date: date.Format("02/01/2006")}
	if english() {
		v.Lang, v.Date = "en", date.Format("2006-01-02")
	}
	for _, f := range meta.Inputs {
		if f != "" {
			v.Files = append(v.Files, filepath.Base(f))
		}
	}
	switch {
	case s.Reconcile != nil:
		v.Title = rloc("Báo cáo đối chiếu hồ sơ sức khỏe với danh sách dân cư")
		v.reconcile(s.Reconcile)
	case s.Dedupe != nil:
		v.Title = rloc("Báo cáo rà soát hồ sơ trùng")
		v.dedupe(s.Dedupe)
	case s.Link != nil:
		v.Title = rloc("Báo cáo ghép nối hai danh sách")
		v.link(s.Link, s.Inputs)
	default:
		v.Title = rloc("Báo cáo chất lượng dữ liệu")
	}
	if s.Reconcile == nil {
		for _, in := range s.Inputs {
			v.Sections = append(v.Sections, inputQuality(in))
		}
	}
	if s.Weights != nil && len(s.Weights.Bins) > 0 {
		v.Sections = append(v.Sections, weightSection(s.Weights))
	}
	for _, in := range s.Inputs {
		v.Technical = append(v.Technical, inputTechnical(in))
	}
	if len(s.Model) > 0 {
		m := &htmlModel{}
		if err := json.Unmarshal(s.Model, m); err != nil {
			return nil, err
		}
		v.Technical = append(v.Technical, modelSection(m))
	}
	return v, nil
}

// Colours of the charts.
const (
	colorMain    = "#2f6f9f"
	colorSecond  = "#e08a2c"
	colorPresent = "#9db7cc"
)

// worklistLabels say in words (in Vietnamese: rloc translates them) what
// each reconcile list holds, in the order of the campaign plan.
var worklistLabels = []struct{ file, label string }{
	{fileMissing, "Người chưa có hồ sơ: cần tạo"},
	{fileDuplicates, "Hồ sơ trùng (các hồ sơ của nhóm trùng)"},
	{fileCorrections, "Trường cần sửa (kể cả chỉ khác cách viết)"},
	{fileUnmatched, "Hồ sơ không có trong DS dân cư"},
	{fileReview, "Cặp hồ sơ cần cán bộ xem xét"},
	{filePolice, "Hồ sơ đề nghị công an xác minh"},
	{fileNewFromBHYT, "Người mới từ danh sách BHYT"},
}

func (v *reportView) reconcile(r *reconcileSummary) {
	f := &r.Metrics.Overall
	fields := f.Corrections.Value + f.Corrections.Missing + f.Corrections.Outdated
	v.Cards = []reportCard{
		{viPct(f.Coverage), rloc("Độ bao phủ"),
			rlocf("%s / %s người trong danh sách dân cư đã có ít nhất một hồ sơ sức khỏe", viInt(f.Covered), viInt(f.RegistryPeople))},
		{viPct(f.VerifiedShare), rloc("Hồ sơ đã đối chiếu"),
			rlocf("%s / %s hồ sơ sức khỏe khớp với một người trong danh sách dân cư", viInt(f.Verified), viInt(f.EHRRows))},
		{viPct(f.DuplicateRowRate), rloc("Tỷ lệ hồ sơ trùng"),
			rlocf("%s hồ sơ thừa cần gộp trên %s hồ sơ; tính theo người: %s (%s người có từ 2 hồ sơ)",
				viInt(f.ExtraRows), viInt(f.EHRRows), viPct(f.DuplicatePeopleRate), viInt(f.PeopleWithDuplicates))},
		{viInt(fields), rloc("Trường thông tin cần sửa"),
			rlocf("ở %s hồ sơ: %s sai, %s còn thiếu, %s thông tin cũ", viInt(f.RowsToCorrect),
				viInt(f.Corrections.Value), viInt(f.Corrections.Missing), viInt(f.Corrections.Outdated))},
		{viInt(f.MissingRecords), rloc("Người cần tạo hồ sơ mới"), rloc("người trong danh sách dân cư chưa có hồ sơ sức khỏe")},
	}

	// The worklists.
	work := reportSection{Title: rloc("Việc cần làm"),
		Intro: rloc("Mỗi việc có một danh sách riêng (tệp CSV mở bằng Excel) trong thư mục kết quả.")}
	chart := barChart{Title: rloc("Số dòng của từng danh sách việc cần làm"), Series: []barSeries{{rloc("Số dòng"), colorMain}}}
	table := reportTable{Head: []string{rloc("Việc"), rloc("Tệp"), rloc("Số dòng")}, NumFrom: 2}
	for _, wl := range worklistLabels {
		n, ok := r.Lists[wl.file]
		if !ok {
			continue
		}
		chart.Rows = append(chart.Rows, barRow{Label: rloc(wl.label), Values: []float64{float64(n)}, Texts: []string{viInt(n)}})
		table.Rows = append(table.Rows, []string{rloc(wl.label), wl.file, viInt(n)})
	}
	if len(chart.Rows) > 0 {
		work.Charts = append(work.Charts, chart.SVG())
		work.Tables = append(work.Tables, table)
	} else {
		work.Intro = rloc("Chưa có danh sách việc cần làm.")
	}
	v.Sections = append(v.Sections, work)

	// Completeness and validity of the health records' fields.
	if len(f.Fields) > 0 {
		q := reportSection{Title: rloc("Chất lượng thông tin trong hồ sơ sức khỏe"),
			Intro: rlocf("Tỷ lệ tính trên tổng số %s hồ sơ: có ghi thông tin, và thông tin ghi đúng dạng.", viInt(f.EHRRows))}
		c := barChart{Title: rloc("Tỷ lệ hồ sơ có thông tin và có thông tin hợp lệ, theo trường"), Max: 1, AxisPct: true,
			Series: []barSeries{{rloc("Có thông tin"), colorPresent}, {rloc("Hợp lệ"), colorMain}}}
		t := reportTable{Head: []string{rloc("Trường"), rloc("Có thông tin"), rloc("Hợp lệ"), rloc("Tỷ lệ có"), rloc("Tỷ lệ hợp lệ")}, NumFrom: 1}
		for _, ff := range f.Fields {
			c.Rows = append(c.Rows, barRow{Label: fieldLabel(ff.Field), Values: []float64{ff.PresentShare, ff.ValidShare},
				Texts: []string{viPct(ff.PresentShare), viPct(ff.ValidShare)}})
			t.Rows = append(t.Rows, []string{fieldLabel(ff.Field), viInt(ff.Present), viInt(ff.Valid), viPct(ff.PresentShare), viPct(ff.ValidShare)})
		}
		q.Charts = append(q.Charts, c.SVG())
		q.Tables = append(q.Tables, t)
		v.Sections = append(v.Sections, q)
	}

	// Per hamlet.
	if len(r.Metrics.Hamlets) > 0 {
		h := reportSection{Title: rloc("Theo thôn, tổ dân phố")}
		c := barChart{Title: rloc("Độ bao phủ theo thôn, tổ dân phố"), Max: 1, AxisPct: true, Series: []barSeries{{rloc("Độ bao phủ"), colorMain}}}
		t := reportTable{Head: []string{rloc("Thôn/Tổ dân phố"), rloc("Người trong DS dân cư"), rloc("Đã có hồ sơ"), rloc("Độ bao phủ"), rloc("Cần tạo hồ sơ"),
			rloc("Hồ sơ"), rloc("Đã đối chiếu"), rloc("Hồ sơ thừa cần gộp"), rloc("Tỷ lệ trùng"), rloc("Không có trong DS dân cư"), rloc("Hồ sơ cần sửa"),
			rloc("Công an xác minh")}, NumFrom: 1}
		row := func(name string, f *vnperson.Figures) []string {
			return []string{name, viInt(f.RegistryPeople), viInt(f.Covered), viPct(f.Coverage), viInt(f.MissingRecords),
				viInt(f.EHRRows), viInt(f.Verified), viInt(f.ExtraRows), viPct(f.DuplicateRowRate), viInt(f.Unmatched),
				viInt(f.RowsToCorrect), viInt(f.PoliceNoID + f.PoliceMalformedID + f.PoliceIDDiffers)}
		}
		outside := 0
		for i := range r.Metrics.Hamlets {
			hf := &r.Metrics.Hamlets[i]
			name := hf.Hamlet
			if name == "" {
				name = rloc("(địa chỉ không ghi thôn/tổ)")
			}
			cells := row(name, &hf.Figures)
			if hf.RegistryPeople == 0 {
				// A hamlet no registry person lives in (a name the list
				// does not know) has records but no coverage.
				outside++
				cells[3] = "–"
			} else {
				c.Rows = append(c.Rows, barRow{Label: name, Values: []float64{hf.Coverage}, Texts: []string{viPct(hf.Coverage)}})
			}
			t.Rows = append(t.Rows, cells)
		}
		if outside > 0 {
			h.Intro = rlocf("Biểu đồ chỉ gồm các thôn, tổ dân phố có người trong danh sách dân cư; %s tên thôn/tổ chỉ có trong hồ sơ sức khỏe được ghi ở bảng, không có độ bao phủ.", viInt(outside))
		}
		t.Rows = append(t.Rows, row(rloc("Toàn xã"), f))
		h.Charts = append(h.Charts, c.SVG())
		h.Tables = append(h.Tables, t)
		v.Sections = append(v.Sections, h)
	}

	tech := reportSection{Title: rloc("Thông số của lần chạy")}
	tech.Tables = append(tech.Tables, reportTable{Head: []string{rloc("Thông số"), rloc("Giá trị")}, NumFrom: 1, Rows: [][]string{
		{rloc("Số dòng đầu vào (ba danh sách)"), viInt(r.RowsIn)},
		{rloc("Số dòng đã có tình trạng"), viInt(r.RowsPlaced)},
		{rloc("Số dòng không đọc được trọn vẹn"), viInt(r.RowsNotWhole)},
		{rloc("Ngưỡng ghép (trọng số, bit)"), viFloat(r.Threshold, 1)},
		{rloc("Khối quá lớn đã chia nhỏ hoặc bỏ qua"), viInt(r.OversizedBlocks)},
		{rloc("Quyết định của cán bộ đã áp dụng"), viInt(r.DecisionsApplied)},
		{rloc("Quyết định không dùng được"), viInt(r.DecisionsUnused)},
	}})
	v.Technical = append(v.Technical, tech)
}

func (v *reportView) dedupe(d *dedupeSummary) {
	v.Cards = []reportCard{
		{viInt(d.Rows), rloc("Hồ sơ"), rloc("số dòng của tệp")},
		{viInt(d.Clusters), rloc("Người"), rloc("số người khác nhau sau khi gộp các hồ sơ trùng")},
		{viPct(d.DuplicateRate), rloc("Hồ sơ trùng"),
			rlocf("%s hồ sơ thuộc %s người có từ 2 hồ sơ; gộp lại sẽ bớt %s hồ sơ",
				viInt(d.RowsInMultiRowClusters), viInt(d.MultiRowClusters), viInt(d.ExtraRows))},
		{viInt(d.Links), rloc("Cặp liên kết"), rlocf("cặp hồ sơ được coi là cùng người (trọng số từ %s bit)", viFloat(d.Threshold, 1))},
	}
	if len(d.ClusterSizes) > 0 {
		s := reportSection{Title: rloc("Số hồ sơ của mỗi người")}
		c := barChart{Title: rloc("Số người theo số hồ sơ của mỗi người"), Series: []barSeries{{rloc("Số người"), colorMain}}}
		for k, n := range clusterSizeRows(d.ClusterSizes) {
			c.Rows = append(c.Rows, barRow{Label: k, Values: []float64{float64(n)}, Texts: []string{viInt(n)}})
		}
		s.Charts = append(s.Charts, c.SVG())
		v.Sections = append(v.Sections, s)
	}
	v.Technical = append(v.Technical, linkParams(d.Threshold, d.OversizedBlocks, d.LinksByRule))
}

// maxSizeRows is the number of cluster sizes charted one by one; larger
// clusters share the last bar.
const maxSizeRows = 6

// clusterSizeRows labels the cluster sizes: "1 hồ sơ", "2 hồ sơ", ... and
// "từ 6 hồ sơ" for the rest, in order.
func clusterSizeRows(sizes []int) func(yield func(string, int) bool) {
	return func(yield func(string, int) bool) {
		rest := 0
		for k, n := range sizes {
			if k+1 >= maxSizeRows && len(sizes) > maxSizeRows {
				rest += n
				continue
			}
			if !yield(rlocf("%s hồ sơ", viInt(k+1)), n) {
				return
			}
		}
		if len(sizes) > maxSizeRows {
			yield(rlocf("từ %s hồ sơ", viInt(maxSizeRows)), rest)
		}
	}
}

func (v *reportView) link(l *linkSummary, inputs []*inputSummary) {
	v.Cards = []reportCard{
		{viInt(l.LeftRows), rloc("Hồ sơ (danh sách thứ nhất)"), ""},
		{viInt(l.RightRows), rloc("Người (danh sách thứ hai)"), ""},
		{viPct(l.LeftCoverage), rloc("Hồ sơ đã ghép được"),
			rlocf("%s / %s dòng của danh sách thứ nhất tìm được người ở danh sách thứ hai", viInt(l.LinkedLeftRows), viInt(l.LeftRows))},
		{viPct(l.RightCoverage), rloc("Người đã có hồ sơ"),
			rlocf("%s / %s dòng của danh sách thứ hai có ít nhất một dòng ghép", viInt(l.LinkedRightRows), viInt(l.RightRows))},
		{viInt(l.RightLinkedTwice), rloc("Trùng"), rloc("người của danh sách thứ hai được ghép với từ 2 dòng của danh sách thứ nhất")},
		{viInt(l.Links), rloc("Cặp liên kết"), rlocf("cặp có trọng số từ %s bit trở lên", viFloat(l.Threshold, 1))},
	}
	s := reportSection{Title: rloc("Kết quả ghép")}
	c := barChart{Title: rloc("Số dòng đã ghép và chưa ghép của mỗi danh sách"),
		Series: []barSeries{{rloc("Đã ghép"), colorMain}, {rloc("Chưa ghép"), colorSecond}}}
	c.Rows = []barRow{
		{Label: rloc("Danh sách thứ nhất"), Values: []float64{float64(l.LinkedLeftRows), float64(l.LeftOnly)},
			Texts: []string{viInt(l.LinkedLeftRows), viInt(l.LeftOnly)}},
		{Label: rloc("Danh sách thứ hai"), Values: []float64{float64(l.LinkedRightRows), float64(l.RightOnly)},
			Texts: []string{viInt(l.LinkedRightRows), viInt(l.RightOnly)}},
	}
	s.Charts = append(s.Charts, c.SVG())
	s.Tables = append(s.Tables, reportTable{Head: []string{"", rloc("Số dòng"), rloc("Đã ghép"), rloc("Chưa ghép"), rloc("Tỷ lệ đã ghép")}, NumFrom: 1, Rows: [][]string{
		{rloc("Danh sách thứ nhất"), viInt(l.LeftRows), viInt(l.LinkedLeftRows), rlocf("%s (hồ sơ không tìm thấy người)", viInt(l.LeftOnly)), viPct(l.LeftCoverage)},
		{rloc("Danh sách thứ hai"), viInt(l.RightRows), viInt(l.LinkedRightRows), rlocf("%s (người chưa có hồ sơ)", viInt(l.RightOnly)), viPct(l.RightCoverage)},
	}})
	v.Sections = append(v.Sections, s)
	v.Technical = append(v.Technical, linkParams(l.Threshold, l.OversizedBlocks, l.LinksByRule))
}

// linkParams lists the threshold, the skipped blocks and the links by
// blocking rule.
func linkParams(threshold float64, oversized int, byRule map[string]int) reportSection {
	s := reportSection{Title: rloc("Thông số của lần chạy")}
	s.Tables = append(s.Tables, reportTable{Head: []string{rloc("Thông số"), rloc("Giá trị")}, NumFrom: 1, Rows: [][]string{
		{rloc("Ngưỡng ghép (trọng số, bit)"), viFloat(threshold, 1)},
		{rloc("Xác suất cùng người ở ngưỡng"), viProb(linkage.Probability(threshold))},
		{rloc("Khối quá lớn đã bỏ qua"), viInt(oversized)},
	}})
	if len(byRule) > 0 {
		t := reportTable{Caption: rloc("Cặp liên kết theo quy tắc chia khối"), Head: []string{rloc("Quy tắc"), rloc("Số cặp")}, NumFrom: 1}
		for _, name := range slices.Sorted(maps.Keys(byRule)) {
			t.Rows = append(t.Rows, []string{name, viInt(byRule[name])})
		}
		s.Tables = append(s.Tables, t)
	}
	return s
}

// roleLabel names the role of an input file in Vietnamese.
func roleLabel(role string) string {
	switch role {
	case "input":
		return rloc("Tệp đầu vào")
	case "left":
		return rloc("Danh sách thứ nhất")
	case "right":
		return rloc("Danh sách thứ hai")
	case "registry":
		return rloc("Danh sách dân cư")
	case "ehr":
		return rloc("Hồ sơ sức khỏe")
	case "bhyt":
		return rloc("Danh sách BHYT")
	}
	return role
}

// inputQuality charts the completeness and validity of each field of in,
// both over all its rows.
func inputQuality(in *inputSummary) reportSection {
	s := reportSection{Title: rlocf("Chất lượng thông tin: %s", roleLabel(in.Role)),
		Intro: rlocf("Tỷ lệ tính trên tổng số %s dòng: có ghi thông tin, và thông tin ghi đúng dạng.", viInt(in.Rows))}
	if len(in.Fields) == 0 {
		s.Intro = rloc("Không tìm thấy cột thông tin nào.")
		return s
	}
	c := barChart{Title: rloc("Tỷ lệ dòng có thông tin và có thông tin hợp lệ, theo trường"), Max: 1, AxisPct: true,
		Series: []barSeries{{rloc("Có thông tin"), colorPresent}, {rloc("Hợp lệ"), colorMain}}}
	for _, f := range in.Fields {
		valid := share(f.Valid, in.Rows)
		c.Rows = append(c.Rows, barRow{Label: fieldLabel(f.Field), Values: []float64{f.PresentShare, valid},
			Texts: []string{viPct(f.PresentShare), viPct(valid)}})
	}
	s.Charts = append(s.Charts, c.SVG())
	return s
}

// inputTechnical lists how in was read: its columns and counts.
func inputTechnical(in *inputSummary) reportSection {
	s := reportSection{Title: rlocf("Cách đọc tệp: %s", roleLabel(in.Role))}
	bom := rloc("không")
	if in.BOM {
		bom = rloc("có")
	}
	s.Tables = append(s.Tables, reportTable{Head: []string{rloc("Thông số"), rloc("Giá trị")}, NumFrom: 1, Rows: [][]string{
		{rloc("Số dòng"), viInt(in.Rows)},
		{rloc("Dấu phân cách"), in.Delimiter},
		{rloc("Dấu BOM UTF-8"), bom},
		{rloc("Dòng sai số ô"), viInt(in.RaggedRows)},
		{rloc("Dòng không dùng để ghép"), viInt(in.UnusableRows)},
		{rloc("Tổng số lỗi"), viInt(len(in.Issues))},
	}})
	t := reportTable{Caption: rloc("Cột đã đọc"), Head: []string{rloc("Trường"), rloc("Cột trong tệp"), rloc("Có thông tin"), rloc("Hợp lệ"), rloc("Có lỗi"),
		rloc("Tỷ lệ có"), rloc("Tỷ lệ hợp lệ (trên số có)")}, NumFrom: 2}
	for _, f := range in.Fields {
		t.Rows = append(t.Rows, []string{f.Field, f.Column, viInt(f.Present), viInt(f.Valid), viInt(f.Issues),
			viPct(f.PresentShare), viPct(f.ValidShare)})
	}
	s.Tables = append(s.Tables, t)
	return s
}

// weightSection draws the histogram of the match weights of the pairs.
func weightSection(h *weightHistogram) reportSection {
	hist := histogram{
		Title:          rloc("Số cặp theo trọng số ghép"),
		XLabel:         rloc("Trọng số ghép (bit): càng lớn càng chắc là cùng người"),
		Bins:           h.Bins,
		Threshold:      h.Threshold,
		ThresholdLabel: rlocf("Ngưỡng %s bit", viFloat(h.Threshold, 1)),
	}
	return reportSection{Title: rloc("Độ chắc chắn của các cặp"),
		Intro:  rloc("Các cặp từ ngưỡng trở lên (màu đậm) được coi là cùng người."),
		Charts: []template.HTML{hist.SVG()}}
}

// modelSection lists the model: the prior and, for each comparison level,
// m, u and the weight log2(m/u) in bits, written for people.
func modelSection(m *htmlModel) reportSection {
	s := reportSection{Title: rloc("Mô hình ghép (Fellegi–Sunter)"),
		Intro: rlocf("Mỗi mức so sánh cộng log2(m/u) bit vào trọng số của một cặp. m: tỷ lệ gặp mức này ở các cặp cùng người; "+
			"u: ở các cặp khác người. Xác suất tiên nghiệm λ = %s.", viProb(m.Prior))}
	t := reportTable{Head: []string{rloc("So sánh"), rloc("Mức"), "m", "u", rloc("Trọng số (bit)")}, NumFrom: 2}
	for _, c := range m.Comparisons {
		for _, l := range c.Levels {
			t.Rows = append(t.Rows, []string{c.Name, l.Label, viProb(l.M), viProb(l.U), weightBits(l.M, l.U)})
		}
	}
	s.Tables = append(s.Tables, t)
	return s
}

// weightBits writes log2(m/u) with one decimal, "–" when m or u is 0.
func weightBits(m, u float64) string {
	if !(m > 0 && u > 0) {
		return "–"
	}
	w := math.Log2(m / u)
	if w >= 0.05 {
		return "+" + viFloat(w, 1)
	}
	return viFloat(w, 1)
}
