package main

import (
	"html/template"
	"math"
	"strconv"
	"strings"
)

// This file draws the charts of the HTML report as inline SVG: no script,
// no external file. Every label is escaped; every number is written the
// Vietnamese way (12.345 and 88,2%).

// numbersEnglish makes viInt, viFloat and viProb write numbers the English
// way (12,345 and 88.2%) while an English report is written.
var numbersEnglish bool

// viInt writes n with "." between thousands: 12345 -> "12.345" (English:
// "12,345").
func viInt(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteString("−")
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(thousandsMark())
		}
		b.WriteRune(c)
	}
	return b.String()
}

// viFloat writes x with prec decimals, "," as the decimal mark and "." between
// thousands: 1234.5 -> "1.234,5". NaN and infinities read "–".
func viFloat(x float64, prec int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	s := strconv.FormatFloat(math.Abs(x), 'f', prec, 64)
	whole, frac, _ := strings.Cut(s, ".")
	n, _ := strconv.Atoi(whole)
	out := viInt(n)
	if frac != "" {
		out += string(decimalMark()) + frac
	}
	if x < 0 && strings.Trim(s, "0.") != "" {
		out = "−" + out
	}
	return out
}

// viPct writes a share (0.882) as a percentage with one decimal: "88,2%".
func viPct(x float64) string { return viFloat(100*x, 1) + "%" }

// viProb writes a probability for people: "< 0,0001" below 0.0001, "> 0,9999"
// above 0.9999, otherwise four decimals.
func viProb(p float64) string {
	switch {
	case math.IsNaN(p):
		return "–"
	case p < 0.0001:
		return "< " + viFloat(0.0001, 4)
	case p > 0.9999:
		return "> " + viFloat(0.9999, 4)
	}
	return viFloat(p, 4)
}

// esc escapes s for XML and HTML text and attribute values.
func esc(s string) string { return template.HTMLEscapeString(s) }

// num writes a coordinate for SVG (always "." as the decimal mark).
func num(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }

// A barSeries is one kind of bar of a bar chart: its name in the legend and
// its colour.
type barSeries struct {
	Name  string
	Color string
}

// A barRow is one row of a horizontal bar chart: its label, one value per
// series and the text written at the end of each bar.
type barRow struct {
	Label  string
	Values []float64
	Texts  []string
}

// A barChart is a horizontal bar chart of one or more series; Max is the
// value of a full bar (the largest value when 0).
type barChart struct {
	Title  string
	Series []barSeries
	Rows   []barRow
	Max    float64
	// AxisPct labels the axis in percent (values are shares 0..1);
	// otherwise in counts.
	AxisPct bool
}

const (
	chartWidth  = 820.0
	labelWidth  = 310.0
	valueWidth  = 90.0
	barHeight   = 16.0
	barGap      = 3.0
	rowGap      = 10.0
	chartTop    = 30.0
	legendSpace = 22.0
)

// SVG renders c as an inline <svg> element.
func (c *barChart) SVG() template.HTML {
	ns := max(len(c.Series), 1)
	maxV := c.Max
	if maxV <= 0 {
		for _, r := range c.Rows {
			for _, v := range r.Values {
				maxV = max(maxV, v)
			}
		}
	}
	if maxV <= 0 {
		maxV = 1
	}
	top := chartTop
	if len(c.Series) > 1 {
		top += legendSpace
	}
	rowH := float64(ns)*(barHeight+barGap) - barGap + rowGap
	plotW := chartWidth - labelWidth - valueWidth
	height := top + float64(len(c.Rows))*rowH + 24
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 ` + num(chartWidth) + " " + num(height) +
		`" width="100%" style="max-width:` + num(chartWidth) + `px" aria-label="` + esc(c.Title) + `">`)
	b.WriteString(`<title>` + esc(c.Title) + `</title>`)
	b.WriteString(`<text x="0" y="18" class="ct">` + esc(c.Title) + `</text>`)
	if len(c.Series) > 1 {
		x := labelWidth
		for _, s := range c.Series {
			b.WriteString(`<rect x="` + num(x) + `" y="` + num(chartTop) + `" width="12" height="12" fill="` + esc(s.Color) + `"/>`)
			b.WriteString(`<text x="` + num(x+17) + `" y="` + num(chartTop+10.5) + `" class="cl">` + esc(s.Name) + `</text>`)
			x += 24 + 7.5*float64(len([]rune(s.Name)))
		}
	}
	// Grid lines at 0, 25, 50, 75 and 100% of the axis.
	bottom := top + float64(len(c.Rows))*rowH
	for k := 0; k <= 4; k++ {
		x := labelWidth + plotW*float64(k)/4
		v := maxV * float64(k) / 4
		label := viInt(int(math.Round(v)))
		if c.AxisPct {
			label = viFloat(100*v, 0) + "%"
		}
		b.WriteString(`<line x1="` + num(x) + `" y1="` + num(top-4) + `" x2="` + num(x) + `" y2="` + num(bottom) + `" class="grid"/>`)
		b.WriteString(`<text x="` + num(x) + `" y="` + num(bottom+15) + `" class="ax" text-anchor="middle">` + esc(label) + `</text>`)
	}
	for i, r := range c.Rows {
		y := top + float64(i)*rowH
		mid := y + (float64(ns)*(barHeight+barGap)-barGap)/2
		b.WriteString(`<text x="` + num(labelWidth-8) + `" y="` + num(mid+4) + `" class="cl" text-anchor="end">` + esc(r.Label) + `</text>`)
		for k, v := range r.Values {
			color := "#2f6f9f"
			if k < len(c.Series) {
				color = c.Series[k].Color
			}
			w := plotW * math.Max(0, math.Min(v, maxV)) / maxV
			by := y + float64(k)*(barHeight+barGap)
			b.WriteString(`<rect x="` + num(labelWidth) + `" y="` + num(by) + `" width="` + num(w) + `" height="` + num(barHeight) + `" fill="` + esc(color) + `"/>`)
			if k < len(r.Texts) {
				b.WriteString(`<text x="` + num(labelWidth+w+5) + `" y="` + num(by+12.5) + `" class="cv">` + esc(r.Texts[k]) + `</text>`)
			}
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// A histBin is one bin of a histogram: the values in [Lo, Hi).
type histBin struct {
	Lo    float64 `json:"lo"`
	Hi    float64 `json:"hi"`
	Count int     `json:"count"`
}

// A histogram draws bins as vertical bars with a dashed vertical line at
// Threshold, labelled ThresholdLabel.
type histogram struct {
	Title          string
	XLabel         string
	Bins           []histBin
	Threshold      float64
	ThresholdLabel string
}

// SVG renders h as an inline <svg> element; bins at or above the threshold
// are drawn in the colour of links.
func (h *histogram) SVG() template.HTML {
	const (
		left, right, top, plotH = 60.0, 20.0, 36.0, 200.0
	)
	plotW := chartWidth - left - right
	height := top + plotH + 52
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 ` + num(chartWidth) + " " + num(height) +
		`" width="100%" style="max-width:` + num(chartWidth) + `px" aria-label="` + esc(h.Title) + `">`)
	b.WriteString(`<title>` + esc(h.Title) + `</title>`)
	b.WriteString(`<text x="0" y="18" class="ct">` + esc(h.Title) + `</text>`)
	if len(h.Bins) == 0 {
		b.WriteString(`<text x="` + num(left) + `" y="` + num(top+20) + `" class="cl">Không có dữ liệu</text></svg>`)
		return template.HTML(b.String())
	}
	lo, hi := h.Bins[0].Lo, h.Bins[len(h.Bins)-1].Hi
	if !math.IsNaN(h.Threshold) { // include the threshold in the axis
		lo, hi = math.Min(lo, h.Threshold), math.Max(hi, h.Threshold)
	}
	if hi <= lo {
		hi = lo + 1
	}
	maxC := 1
	for _, bin := range h.Bins {
		maxC = max(maxC, bin.Count)
	}
	xOf := func(v float64) float64 { return left + plotW*(v-lo)/(hi-lo) }
	bottom := top + plotH
	for k := 0; k <= 4; k++ {
		c := float64(maxC) * float64(k) / 4
		y := bottom - plotH*float64(k)/4
		b.WriteString(`<line x1="` + num(left) + `" y1="` + num(y) + `" x2="` + num(left+plotW) + `" y2="` + num(y) + `" class="grid"/>`)
		b.WriteString(`<text x="` + num(left-6) + `" y="` + num(y+4) + `" class="ax" text-anchor="end">` + esc(viInt(int(math.Round(c)))) + `</text>`)
	}
	for _, bin := range h.Bins {
		x0, x1 := xOf(bin.Lo), xOf(bin.Hi)
		bh := plotH * float64(bin.Count) / float64(maxC)
		color := "#9db7cc"
		if bin.Lo >= h.Threshold {
			color = "#2f6f9f"
		}
		b.WriteString(`<rect x="` + num(x0+0.5) + `" y="` + num(bottom-bh) + `" width="` + num(math.Max(0, x1-x0-1)) + `" height="` + num(bh) +
			`" fill="` + color + `"><title>` + esc(viFloat(bin.Lo, 1)+" – "+viFloat(bin.Hi, 1)+": "+viInt(bin.Count)) + `</title></rect>`)
	}
	// The x axis: about 8 labelled ticks at whole numbers.
	step := math.Max(1, math.Ceil((hi-lo)/8))
	for v := math.Ceil(lo/step) * step; v <= hi+1e-9; v += step {
		x := xOf(v)
		b.WriteString(`<line x1="` + num(x) + `" y1="` + num(bottom) + `" x2="` + num(x) + `" y2="` + num(bottom+4) + `" class="axl"/>`)
		b.WriteString(`<text x="` + num(x) + `" y="` + num(bottom+17) + `" class="ax" text-anchor="middle">` + esc(viFloat(v, 0)) + `</text>`)
	}
	b.WriteString(`<line x1="` + num(left) + `" y1="` + num(bottom) + `" x2="` + num(left+plotW) + `" y2="` + num(bottom) + `" class="axl"/>`)
	b.WriteString(`<text x="` + num(left+plotW/2) + `" y="` + num(bottom+36) + `" class="ax" text-anchor="middle">` + esc(h.XLabel) + `</text>`)
	if !math.IsNaN(h.Threshold) {
		x := xOf(h.Threshold)
		anchor, tx := "start", x+5
		if x > left+plotW*0.7 {
			anchor, tx = "end", x-5
		}
		b.WriteString(`<line x1="` + num(x) + `" y1="` + num(top-6) + `" x2="` + num(x) + `" y2="` + num(bottom) + `" class="thr"/>`)
		b.WriteString(`<text x="` + num(tx) + `" y="` + num(top+6) + `" class="thrt" text-anchor="` + anchor + `">` + esc(h.ThresholdLabel) + `</text>`)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// thousandsMark is the mark between thousands of viInt.
func thousandsMark() byte {
	if numbersEnglish {
		return ','
	}
	return '.'
}

// decimalMark is the decimal mark of viFloat.
func decimalMark() byte {
	if numbersEnglish {
		return '.'
	}
	return ','
}
