package main

import (
	"encoding/xml"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vnlink/vnlink/linkage"
)

func TestVietnameseNumbers(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{viInt(0), "0"},
		{viInt(999), "999"},
		{viInt(1000), "1.000"},
		{viInt(12345), "12.345"},
		{viInt(1234567), "1.234.567"},
		{viInt(-1234), "−1.234"},
		{viFloat(1234.56, 1), "1.234,6"},
		{viFloat(0.5, 2), "0,50"},
		{viFloat(-2.26, 1), "−2,3"},
		{viFloat(-0.01, 1), "0,0"},
		{viFloat(math.NaN(), 1), "–"},
		{viPct(0.882), "88,2%"},
		{viPct(1), "100,0%"},
		{viPct(0), "0,0%"},
		{viProb(1.152e-11), "< 0,0001"},
		{viProb(0.99999), "> 0,9999"},
		{viProb(0.12345), "0,1235"},
		{weightBits(0.9, 0.001), "+9,8"},
		{weightBits(0.01, 0.5), "−5,6"},
		{weightBits(0, 0.5), "–"},
	}
	for i, tc := range tests {
		assert.Equal(t, tc.want, tc.got, "case %d", i)
	}
}

// svgElement is an SVG element read back with encoding/xml.
type svgElement struct {
	Name  string
	Attr  map[string]string
	Text  string
	Child []*svgElement
}

// parseSVG reads one SVG fragment as XML: it fails the test when the
// fragment is not well-formed.
func parseSVG(t *testing.T, s string) *svgElement {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	var stack []*svgElement
	var root *svgElement
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err, "SVG is not well-formed XML:\n%s", s)
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &svgElement{Name: tok.Name.Local, Attr: map[string]string{}}
			for _, a := range tok.Attr {
				e.Attr[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.Child = append(p.Child, e)
			} else {
				root = e
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].Text += string(tok)
			}
		}
	}
	require.NotNil(t, root)
	require.Equal(t, "svg", root.Name)
	return root
}

// all returns the elements under e (e included) for which keep is true.
func (e *svgElement) all(keep func(*svgElement) bool) []*svgElement {
	var out []*svgElement
	if keep(e) {
		out = append(out, e)
	}
	for _, c := range e.Child {
		out = append(out, c.all(keep)...)
	}
	return out
}

func byName(name string) func(*svgElement) bool {
	return func(e *svgElement) bool { return e.Name == name }
}

func texts(e *svgElement) []string {
	var out []string
	for _, t := range e.all(byName("text")) {
		out = append(out, t.Text)
	}
	return out
}

func TestBarChart(t *testing.T) {
	evil := `Thôn <Đoài> & "Bắc" 'x'`
	c := barChart{Title: "Độ bao phủ <1>", Max: 1, AxisPct: true,
		Series: []barSeries{{"Có thông tin", colorPresent}, {"Hợp lệ", colorMain}},
		Rows: []barRow{
			{Label: evil, Values: []float64{0.5, 0.25}, Texts: []string{viPct(0.5), viPct(0.25)}},
			{Label: "Thôn Nam", Values: []float64{1, 2}, Texts: []string{viPct(1), viPct(2)}},
		}}
	out := string(c.SVG())
	assert.NotContains(t, out, "<Đoài>", "a label is not escaped")
	root := parseSVG(t, out)
	ts := texts(root)
	assert.Contains(t, ts, evil, "the label reads back as written")
	assert.Contains(t, ts, "50,0%")
	assert.Contains(t, ts, "100%", "axis in percent")
	assert.Contains(t, ts, "Hợp lệ", "legend")
	// Bars: the full bar is plotW wide, half a bar half as wide; a value
	// above Max is drawn full.
	plotW := chartWidth - labelWidth - valueWidth
	var widths []float64
	for _, r := range root.all(byName("rect")) {
		if r.Attr["height"] != num(barHeight) {
			continue // legend
		}
		w, err := strconv.ParseFloat(r.Attr["width"], 64)
		require.NoError(t, err)
		widths = append(widths, w)
	}
	require.Len(t, widths, 4)
	assert.InDelta(t, plotW/2, widths[0], 0.1)
	assert.InDelta(t, plotW/4, widths[1], 0.1)
	assert.InDelta(t, plotW, widths[3], 0.1)
}

func TestBarChartCounts(t *testing.T) {
	c := barChart{Title: "Danh sách", Series: []barSeries{{"Số dòng", colorMain}},
		Rows: []barRow{{Label: "Cần tạo", Values: []float64{12345}, Texts: []string{viInt(12345)}}}}
	ts := texts(parseSVG(t, string(c.SVG())))
	assert.Contains(t, ts, "12.345")
	assert.Contains(t, ts, "6.173", "axis ticks at quarters, in Vietnamese numbers")
}

func TestHistogram(t *testing.T) {
	h := histogram{Title: "Số cặp", XLabel: "Trọng số <bit>", Threshold: 2.5, ThresholdLabel: "Ngưỡng 2,5 bit",
		Bins: []histBin{{Lo: 0, Hi: 1, Count: 3}, {Lo: 1, Hi: 2, Count: 1200}, {Lo: 2, Hi: 3, Count: 0}, {Lo: 3, Hi: 4, Count: 7}}}
	root := parseSVG(t, string(h.SVG()))
	ts := texts(root)
	assert.Contains(t, ts, "Ngưỡng 2,5 bit")
	assert.Contains(t, ts, "Trọng số <bit>")
	assert.Contains(t, ts, "1.200", "largest count on the axis")
	thr := root.all(func(e *svgElement) bool { return e.Attr["class"] == "thr" })
	require.Len(t, thr, 1, "one threshold line")
	x1, err := strconv.ParseFloat(thr[0].Attr["x1"], 64)
	require.NoError(t, err)
	assert.Equal(t, thr[0].Attr["x1"], thr[0].Attr["x2"], "the threshold line is vertical")
	// Bars: four, the one at or above the threshold in the dark colour,
	// with the threshold between the third bar's start and end.
	var bars []*svgElement
	for _, r := range root.all(byName("rect")) {
		bars = append(bars, r)
	}
	require.Len(t, bars, 4)
	assert.Equal(t, colorMain, bars[3].Attr["fill"])
	assert.NotEqual(t, colorMain, bars[1].Attr["fill"])
	x2, _ := strconv.ParseFloat(bars[2].Attr["x"], 64)
	x3, _ := strconv.ParseFloat(bars[3].Attr["x"], 64)
	assert.Less(t, x2, x1)
	assert.Less(t, x1, x3)
	assert.Equal(t, "0", bars[2].Attr["height"][:1], "an empty bin has no height")

	empty := histogram{Title: "Số cặp", Threshold: math.NaN()}
	assert.Contains(t, texts(parseSVG(t, string(empty.SVG()))), "Không có dữ liệu")
}

func TestNewWeightHistogram(t *testing.T) {
	pair := func(w float64) linkage.ScoredPair { return linkage.ScoredPair{Weight: w} }
	tests := []struct {
		name      string
		weights   []float64
		bins      int
		lo, width float64
	}{
		{"none", nil, 0, 0, 0},
		{"only NaN", []float64{math.NaN(), math.Inf(1)}, 0, 0, 0},
		{"one bit bins", []float64{-3.2, 0.5, 0.7, 9.9, math.NaN()}, 14, -4, 1},
		{"one weight", []float64{7}, 1, 7, 1},
		{"wide spread", []float64{0, 1000}, 39, 0, 26},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var pairs []linkage.ScoredPair
			finite := 0
			for _, w := range tc.weights {
				pairs = append(pairs, pair(w))
				if !math.IsNaN(w) && !math.IsInf(w, 0) {
					finite++
				}
			}
			h := newWeightHistogram(pairs, 5)
			assert.Equal(t, 5.0, h.Threshold)
			require.Len(t, h.Bins, tc.bins)
			if tc.bins == 0 {
				return
			}
			assert.Equal(t, tc.lo, h.Bins[0].Lo)
			total := 0
			for i, b := range h.Bins {
				assert.InDelta(t, tc.width, b.Hi-b.Lo, 1e-9)
				if i > 0 {
					assert.Equal(t, h.Bins[i-1].Hi, b.Lo)
				}
				total += b.Count
			}
			assert.Equal(t, finite, total, "every finite weight in one bin")
			for _, w := range tc.weights {
				if math.IsNaN(w) || math.IsInf(w, 0) {
					continue
				}
				i := int((w - h.Bins[0].Lo) / tc.width)
				i = min(i, len(h.Bins)-1)
				assert.True(t, h.Bins[i].Lo <= w && w < h.Bins[i].Hi || i == len(h.Bins)-1, "weight %v", w)
			}
		})
	}
}
