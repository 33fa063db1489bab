package table

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// readText reads delimited text.
func readText(data []byte, opts Options) (*Table, error) {
	c := newCollector(Text, opts)
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		data = decodeUTF16(data)
		c.t.Warnings = append(c.t.Warnings, "the file is UTF-16 text; it was read as such")
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
	}
	lines := splitLines(data)
	first := 0
	comma := opts.Comma
	if d, ok := sepLine(lines); ok {
		if comma == 0 {
			comma = d
		}
		first = 1
	}
	if comma == 0 {
		comma = sniffComma(lines[first:])
	}
	c.t.Comma = comma
	p := parser{comma: byte(comma)}
	if comma >= utf8.RuneSelf {
		return nil, fmt.Errorf("%w: delimiter %q is not ASCII", ErrFormat, comma)
	}
	for i := first; i < len(lines); {
		cells, n, ok := p.record(lines[i:])
		damaged := false
		if ok && n > 1 && c.found && len(cells) != c.width {
			ok = false // a quoted field spanning lines shifted the cells
		}
		if !ok {
			cells, n, damaged = p.raw(lines[i]), 1, true
		}
		if err := c.row(i+1, cells, damaged); err != nil {
			return nil, err
		}
		i += n
	}
	return c.finish()
}

// decodeUTF16 converts UTF-16 text with a byte-order mark to UTF-8; a lone
// last byte is dropped.
func decodeUTF16(data []byte) []byte {
	be := data[0] == 0xfe
	data = data[2:]
	u := make([]uint16, len(data)/2)
	for i := range u {
		if be {
			u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			u[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	out := make([]byte, 0, len(u)+len(u)/2)
	for _, r := range utf16.Decode(u) {
		out = utf8.AppendRune(out, r)
	}
	return out
}

// splitLines splits data into physical lines without their "\n" or "\r\n"
// ends; a last empty line is dropped.
func splitLines(data []byte) [][]byte {
	lines := make([][]byte, 0, bytes.Count(data, []byte("\n"))+1)
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			lines = append(lines, bytes.TrimSuffix(data, []byte("\r")))
			break
		}
		lines = append(lines, bytes.TrimSuffix(data[:i], []byte("\r")))
		data = data[i+1:]
	}
	return lines
}

// sepLine recognises Excel's "sep=;" first line.
func sepLine(lines [][]byte) (rune, bool) {
	if len(lines) == 0 {
		return 0, false
	}
	l := bytes.TrimSpace(lines[0])
	if len(l) == 5 && strings.EqualFold(string(l[:4]), "sep=") {
		if d := rune(l[4]); d == ',' || d == ';' || d == '\t' || d == '|' {
			return d, true
		}
	}
	if len(lines[0]) == 5 && strings.EqualFold(string(lines[0][:4]), "sep=") && lines[0][4] == '\t' {
		return '\t', true
	}
	return 0, false
}

// sniffComma picks the delimiter found most often outside quotes in the
// first lines: tab, then semicolon, then comma on ties; comma when none.
func sniffComma(lines [][]byte) rune {
	var n [3]int // ',', ';', '\t'
	for _, l := range lines[:min(len(lines), 5)] {
		quoted := false
		for _, ch := range l {
			switch {
			case ch == '"':
				quoted = !quoted
			case quoted:
			case ch == ',':
				n[0]++
			case ch == ';':
				n[1]++
			case ch == '\t':
				n[2]++
			}
		}
	}
	switch {
	case n[2] > 0 && n[2] >= n[1] && n[2] >= n[0]:
		return '\t'
	case n[1] > n[0]:
		return ';'
	}
	return ','
}

// parser reads delimited records.
type parser struct {
	comma byte
	buf   []byte // the unquoted text of the record's cells, one after another
	ends  []int  // where each cell ends in buf
}

// record parses the record starting at lines[0]: RFC 4180 quoting, where a
// quote opens a quoted field only at the start of a field, a quote inside an
// unquoted field is text, and a quote inside a quoted field that is neither
// doubled nor followed by the delimiter or the line end is text too. A
// quoted field may span at most maxQuotedLines lines; ok is false when it
// does not close within them. n is the number of lines used.
//
// The cells are substrings of one string per record, so that a table of a
// million rows holds a million strings, not ten million.
func (p *parser) record(lines [][]byte) (cells []string, n int, ok bool) {
	line := lines[0]
	n = 1
	i := 0
	p.buf, p.ends = p.buf[:0], p.ends[:0]
	for {
		// At the start of a field.
		if i < len(line) && line[i] == '"' {
			i++
			for {
				j := bytes.IndexByte(line[i:], '"')
				if j < 0 {
					p.buf = append(p.buf, line[i:]...)
					if n >= len(lines) || n >= maxQuotedLines {
						return nil, n, false
					}
					p.buf = append(p.buf, '\n')
					line, i = lines[n], 0
					n++
					continue
				}
				p.buf = append(p.buf, line[i:i+j]...)
				i += j + 1
				switch {
				case i < len(line) && line[i] == '"':
					p.buf = append(p.buf, '"')
					i++
					continue
				case i == len(line) || line[i] == p.comma:
				default:
					p.buf = append(p.buf, '"')
					continue
				}
				break
			}
			p.ends = append(p.ends, len(p.buf))
			if i == len(line) {
				return p.cells(), n, true
			}
			i++ // the delimiter
			continue
		}
		j := bytes.IndexByte(line[i:], p.comma)
		if j < 0 {
			p.buf = append(p.buf, line[i:]...)
			p.ends = append(p.ends, len(p.buf))
			return p.cells(), n, true
		}
		p.buf = append(p.buf, line[i:i+j]...)
		p.ends = append(p.ends, len(p.buf))
		i += j + 1
	}
}

// cells returns the cells gathered in p.buf and p.ends.
func (p *parser) cells() []string {
	s := string(p.buf)
	cells := make([]string, len(p.ends))
	from := 0
	for k, e := range p.ends {
		cells[k] = s[from:e]
		from = e
	}
	return cells
}

// raw splits one physical line on the delimiter as written.
func (p *parser) raw(line []byte) []string {
	parts := bytes.Split(line, []byte{p.comma})
	cells := make([]string, len(parts))
	for i, s := range parts {
		cells[i] = string(s)
	}
	return cells
}
