package main

import (
	"encoding/json"
	"html/template"
	"io"
	"strconv"
)

// htmlModel is the part of the model JSON the HTML report shows.
type htmlModel struct {
	Prior       float64 `json:"prior"`
	Comparisons []struct {
		Name   string `json:"name"`
		Levels []struct {
			Label string  `json:"label"`
			M     float64 `json:"m"`
			U     float64 `json:"u"`
		} `json:"levels"`
	} `json:"comparisons"`
}

var htmlReport = template.Must(template.New("report").Funcs(template.FuncMap{
	"pct": func(x float64) string { return strconv.FormatFloat(100*x, 'f', 1, 64) + "%" },
	"inc": func(i int) int { return i + 1 },
}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>vnlink {{.S.Command}} report</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;max-width:60em}
table{border-collapse:collapse;margin:1em 0}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right}
th:first-child,td:first-child{text-align:left}
.note{color:#555}
</style></head><body>
<h1>vnlink {{.S.Command}}</h1>
<p class="note">Counts only: this report holds no name, date, number or address from the files.</p>
{{range .S.Inputs}}
<h2>File: {{.Role}}</h2>
<p>{{.Rows}} rows; delimiter “{{.Delimiter}}”; {{.RaggedRows}} rows with the wrong number of cells; {{.UnusableRows}} rows left out of matching; {{len .Issues}} issues.</p>
<table><tr><th>field</th><th>column</th><th>present</th><th>valid</th><th>issues</th><th>present %</th><th>valid %</th></tr>
{{range .Fields}}<tr><td>{{.Field}}</td><td>{{.Column}}</td><td>{{.Present}}</td><td>{{.Valid}}</td><td>{{.Issues}}</td><td>{{pct .PresentShare}}</td><td>{{pct .ValidShare}}</td></tr>
{{end}}</table>
{{end}}
{{with .S.Dedupe}}
<h2>People</h2>
<p>{{.Rows}} rows are {{.Clusters}} people. {{.MultiRowClusters}} people have two or more rows ({{.RowsInMultiRowClusters}} rows, duplicate rate {{pct .DuplicateRate}}); merging them would remove {{.ExtraRows}} rows. {{.Links}} pairs linked at or above weight {{printf "%.2f" .Threshold}}.</p>
<table><tr><th>rows per person</th><th>people</th></tr>
{{range $i, $n := .ClusterSizes}}<tr><td>{{inc $i}}</td><td>{{$n}}</td></tr>
{{end}}</table>
{{end}}
{{with .S.Link}}
<h2>Links</h2>
<table><tr><th></th><th>rows</th><th>linked</th><th>not linked</th><th>coverage</th></tr>
<tr><td>left</td><td>{{.LeftRows}}</td><td>{{.LinkedLeftRows}}</td><td>{{.LeftOnly}} (records with no person)</td><td>{{pct .LeftCoverage}}</td></tr>
<tr><td>right</td><td>{{.RightRows}}</td><td>{{.LinkedRightRows}}</td><td>{{.RightOnly}} (people with no record)</td><td>{{pct .RightCoverage}}</td></tr>
</table>
<p>{{.RightLinkedTwice}} right rows are linked from several left rows (duplicates on the left).</p>
{{end}}
{{with .M}}
<h2>Model</h2>
<p>Prior match probability λ = {{printf "%.3g" .Prior}}. Each level adds log2(m/u) bits to a pair's weight.</p>
<table><tr><th>comparison</th><th>level</th><th>m</th><th>u</th></tr>
{{range .Comparisons}}{{$c := .Name}}{{range .Levels}}<tr><td>{{$c}}</td><td>{{.Label}}</td><td>{{printf "%.4g" .M}}</td><td>{{printf "%.4g" .U}}</td></tr>
{{end}}{{end}}</table>
{{end}}
</body></html>
`))

// writeHTML writes s as a self-contained HTML page: the same counts as the
// JSON summary, and the model's m and u per level.
func writeHTML(w io.Writer, s *summary) error {
	data := struct {
		S *summary
		M *htmlModel
	}{S: s}
	if len(s.Model) > 0 {
		data.M = &htmlModel{}
		if err := json.Unmarshal(s.Model, data.M); err != nil {
			return err
		}
	}
	return htmlReport.Execute(w, data)
}
