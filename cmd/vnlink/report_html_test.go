package main

import (
	"bytes"
	"encoding/json"
	"html/template"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vnlink/vnlink/benchmarks/synth"
	"github.com/vnlink/vnlink/linkage"
)

// reportRun is a small generated reconcile run: its input files, its
// summary, and every value of the inputs of 4 or more characters.
type reportRun struct {
	dir                 string
	registry, ehr, bhyt string
	sum                 *summary
	values              []string
}

func newReportRun(t *testing.T) *reportRun {
	t.Helper()
	r := &reportRun{dir: t.TempDir()}
	cfg := synth.DefaultConfig()
	cfg.People, cfg.Seed = 300, 11
	files := map[string]*bytes.Buffer{"registry": {}, "ehr": {}, "bhyt": {}}
	_, err := synth.WriteCSV(cfg, synth.Outputs{Registry: files["registry"], EHR: files["ehr"], BHYT: files["bhyt"]})
	require.NoError(t, err)
	for name, b := range files {
		require.NoError(t, os.WriteFile(filepath.Join(r.dir, name+".csv"), b.Bytes(), 0o600))
		r.values = append(r.values, personalValues(t, b.String())...)
	}
	r.registry, r.ehr, r.bhyt = filepath.Join(r.dir, "registry.csv"), filepath.Join(r.dir, "ehr.csv"), filepath.Join(r.dir, "bhyt.csv")
	out := filepath.Join(r.dir, "ket-qua")
	code, log := runCLI("reconcile", "-registry", r.registry, "-ehr", r.ehr, "-bhyt", r.bhyt, "-out", out, "-today", today, "-workers", "1")
	require.Equal(t, 0, code, "log:\n%s", log)
	b, err := os.ReadFile(filepath.Join(out, fileSummary))
	require.NoError(t, err)
	r.sum = &summary{}
	require.NoError(t, json.Unmarshal(b, r.sum))
	require.NotNil(t, r.sum.Reconcile)
	return r
}

var (
	svgRe        = regexp.MustCompile(`(?s)<svg .*?</svg>`)
	scientificRe = regexp.MustCompile(`\d[eE][-+]\d`)
)

// checkPage checks what every report page must be: Vietnamese,
// self-contained, charts that parse as XML, numbers for people, and no
// value of the input. allowed are values that may appear (hamlet names).
func checkPage(t *testing.T, page string, minCharts int, values, allowed []string) {
	t.Helper()
	assert.True(t, strings.HasPrefix(page, "<!DOCTYPE html>"))
	assert.Contains(t, page, `<html lang="vi">`)
	assert.Contains(t, page, `<meta charset="utf-8">`)
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "src=", "@import", "url(", "https://", "@font-face"} {
		assert.NotContains(t, page, bad, "the page must load nothing")
	}
	assert.Equal(t, strings.Count(page, "http://"), strings.Count(page, `xmlns="http://www.w3.org/2000/svg"`),
		"the only address is the SVG namespace")
	charts := svgRe.FindAllString(page, -1)
	assert.GreaterOrEqual(t, len(charts), minCharts, "charts")
	for _, c := range charts {
		root := parseSVG(t, c)
		assert.NotEmpty(t, root.all(byName("title")), "every chart has a title")
	}
	assert.Equal(t, strings.Count(page, "<svg"), len(charts))
	assert.Empty(t, scientificRe.FindAllString(page, -1), "a number in scientific notation")
	assert.NotRegexp(t, `\d\.\d{1,2}%`, page, "a percentage with a decimal point")
	assert.Contains(t, page, "<details>", "the technical section")
	for _, v := range values {
		if contains(allowed, v) {
			continue
		}
		if strings.Contains(page, v) || strings.Contains(page, template.HTMLEscapeString(v)) {
			t.Errorf("the report holds the input value %q", v)
		}
	}
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

func TestReconcileReport(t *testing.T) {
	vietnamese(t)
	r := newReportRun(t)
	rs := r.sum.Reconcile
	f := &rs.Metrics.Overall
	require.NotEmpty(t, rs.Metrics.Hamlets)
	var hamlets []string
	for _, h := range rs.Metrics.Hamlets {
		hamlets = append(hamlets, h.Hamlet)
	}
	meta := reportMeta{Commune: "xã Ngọc Hồi", Inputs: []string{r.registry, r.ehr, r.bhyt},
		Date: time.Date(2031, 4, 9, 10, 0, 0, 0, time.UTC)}

	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
		model bool
	}{
		{"figures only", func(b *bytes.Buffer) error { return writeReconcileHTML(b, rs, meta) }, false},
		{"whole summary", func(b *bytes.Buffer) error { return writeReportHTML(b, r.sum, meta) }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, tc.write(&b))
			page := b.String()
			checkPage(t, page, 3, r.values, hamlets)

			assert.Contains(t, page, "xã Ngọc Hồi")
			assert.Contains(t, page, "09/04/2031")
			for _, name := range []string{"registry.csv", "ehr.csv", "bhyt.csv"} {
				assert.Contains(t, page, "<strong>"+name+"</strong>")
			}
			assert.NotContains(t, page, r.dir, "base names only")

			// The headline figures, large, in Vietnamese numbers.
			for _, card := range []struct{ value, label string }{
				{viPct(f.Coverage), "Độ bao phủ"},
				{viPct(f.VerifiedShare), "Hồ sơ đã đối chiếu"},
				{viPct(f.DuplicateRowRate), "Tỷ lệ hồ sơ trùng"},
				{viInt(f.Corrections.Value + f.Corrections.Missing + f.Corrections.Outdated), "Trường thông tin cần sửa"},
			} {
				assert.Contains(t, page, `<div class="v">`+card.value+`</div><div class="l">`+card.label+`</div>`)
			}
			assert.Contains(t, page, viPct(f.DuplicatePeopleRate)+" ("+viInt(f.PeopleWithDuplicates)+" người có từ 2 hồ sơ)",
				"the second reading of the duplicate rate")

			// Worklists, field quality and hamlets.
			assert.Contains(t, page, "Số dòng của từng danh sách việc cần làm")
			assert.Contains(t, page, "<td>"+fileMissing+"</td><td>"+viInt(rs.Lists[fileMissing])+"</td>")
			assert.Contains(t, page, "Tỷ lệ hồ sơ có thông tin và có thông tin hợp lệ, theo trường")
			assert.Contains(t, page, ">"+fieldLabel("birth_date")+"<")
			assert.Contains(t, page, "Độ bao phủ theo thôn, tổ dân phố")
			for _, h := range rs.Metrics.Hamlets {
				name := h.Hamlet
				if name == "" {
					name = "(địa chỉ không ghi thôn/tổ)"
				}
				assert.Contains(t, page, "<tr><td>"+template.HTMLEscapeString(name)+"</td><td>"+viInt(h.RegistryPeople)+"</td>")
			}
			assert.Contains(t, page, "<tr><td>Toàn xã</td><td>"+viInt(f.RegistryPeople)+"</td>")

			if tc.model {
				assert.Contains(t, page, "Mô hình ghép")
				assert.Contains(t, page, "Cách đọc tệp: Danh sách dân cư")
			} else {
				assert.NotContains(t, page, "Mô hình ghép")
			}
		})
	}
}

func TestDedupeAndLinkReports(t *testing.T) {
	vietnamese(t)
	r := newReportRun(t)
	page := filepath.Join(r.dir, "report.html")
	out := filepath.Join(r.dir, "out.csv")
	js := filepath.Join(r.dir, "summary.json")
	for _, tc := range []struct {
		name  string
		args  []string
		cards []string
	}{
		{"dedupe", []string{"dedupe", "-in", r.ehr}, []string{"Hồ sơ", "Người", "Hồ sơ trùng", "Cặp liên kết"}},
		{"link", []string{"link", "-left", r.ehr, "-right", r.registry},
			[]string{"Hồ sơ đã ghép được", "Người đã có hồ sơ", "Trùng", "Cặp liên kết"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, log := runCLI(append(tc.args, "-out", out, "-json", js, "-html", page, "-today", today, "-workers", "1")...)
			require.Equal(t, 0, code, "log:\n%s", log)
			b, err := os.ReadFile(page)
			require.NoError(t, err)
			html := string(b)
			checkPage(t, html, 2, r.values, nil)
			var sum summary
			readJSON(t, js, &sum)
			for _, l := range tc.cards {
				assert.Contains(t, html, `</div><div class="l">`+l+`</div>`)
			}
			if d := sum.Dedupe; d != nil {
				assert.Contains(t, html, `<div class="v">`+viInt(d.Clusters)+`</div><div class="l">Người</div>`)
				assert.Contains(t, html, `<div class="v">`+viPct(d.DuplicateRate)+`</div>`)
				assert.Contains(t, html, "Số người theo số hồ sơ của mỗi người")
			}
			if l := sum.Link; l != nil {
				assert.Contains(t, html, `<div class="v">`+viPct(l.LeftCoverage)+`</div>`)
				assert.Contains(t, html, viInt(l.RightOnly)+" (người chưa có hồ sơ)")
			}
			assert.Contains(t, html, "Tỷ lệ dòng có thông tin và có thông tin hợp lệ, theo trường")
			assert.Contains(t, html, "Mô hình ghép")
			assert.Contains(t, html, "cccd_exact")
		})
	}
}

func TestReportWeightHistogram(t *testing.T) {
	vietnamese(t)
	var pairs []linkage.ScoredPair
	for i := range 200 {
		pairs = append(pairs, linkage.ScoredPair{Weight: float64(i%30) - 8.5})
	}
	s := &summary{Command: "dedupe", Dedupe: &dedupeSummary{Rows: 10, Clusters: 8, Threshold: 6.3},
		Weights: newWeightHistogram(pairs, 6.3)}
	var b bytes.Buffer
	require.NoError(t, writeHTML(&b, s))
	page := b.String()
	checkPage(t, page, 1, nil, nil)
	assert.Contains(t, page, "Số cặp theo trọng số ghép")
	assert.Contains(t, page, `class="thr"`)
	assert.Contains(t, page, "Ngưỡng 6,3 bit")
	assert.Contains(t, page, "Ngày lập báo cáo: "+time.Now().Format("02/01/2006"), "dated today")
}

func TestReportModelNumbers(t *testing.T) {
	vietnamese(t)
	model := `{"prior":0.000012,"threshold":9,"comparisons":[{"name":"cccd","levels":[` +
		`{"label":"exact","m":0.93,"u":1.152e-11},{"label":"else","m":0.07,"u":0.99999}]}],` +
		`"term_frequencies":{"name":{"values":{"NGUYENVANQUANG":3}}}}`
	s := &summary{Command: "clean", Model: json.RawMessage(model)}
	var b bytes.Buffer
	require.NoError(t, writeHTML(&b, s))
	page := b.String()
	assert.Contains(t, page, "<td>cccd</td><td>exact</td><td>0,9300</td><td>&lt; 0,0001</td><td>&#43;36,2</td>")
	assert.Contains(t, page, "<td>cccd</td><td>else</td><td>0,0700</td><td>&gt; 0,9999</td><td>−3,8</td>")
	assert.Contains(t, page, "λ = &lt; 0,0001")
	assert.NotContains(t, page, "NGUYENVANQUANG", "term frequencies hold values")
	assert.Empty(t, scientificRe.FindAllString(page, -1))

	require.Error(t, writeHTML(&b, &summary{Model: json.RawMessage(`{`)}))
}
