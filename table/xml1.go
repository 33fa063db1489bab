package table

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// readXML1 reads the XML1 tables of a GIAMDINHHS container (QĐ 4750/QĐ-BYT
// and QĐ 3176/QĐ-BYT): every FILEHOSO whose LOAIHOSO is "XML1" (any case)
// holds, in NOIDUNGFILE, an XML document in base64 or inline, whose root is
// TONG_HOP. Each TONG_HOP is one row; the names of its child elements, in
// order of first appearance, are the header. A bare TONG_HOP document
// (without the container) is read too.
func readXML1(data []byte, opts Options) (*Table, error) {
	t := &Table{Format: XML1}
	x := xml1{t: t, opts: opts, col: map[string]int{}}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: not readable XML: %v", ErrFormat, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch strings.ToUpper(se.Name.Local) {
		case "FILEHOSO":
			var fh fileHoSo
			if err := d.DecodeElement(&fh, &se); err != nil {
				return nil, fmt.Errorf("%w: FILEHOSO %d: %v", ErrFormat, x.files+1, err)
			}
			x.files++
			if !strings.EqualFold(strings.TrimSpace(fh.Kind), "XML1") {
				continue
			}
			body, err := fh.Content.document()
			if err != nil {
				x.t.Issues = append(x.t.Issues, Issue{Row: len(t.Rows) + 1, Reason: fmt.Sprintf("FILEHOSO %d: NOIDUNGFILE %v", x.files, err)})
				continue
			}
			if err := x.document(body); err != nil {
				return nil, err
			}
		case "TONG_HOP":
			if err := x.tongHop(d, &se); err != nil {
				return nil, err
			}
		}
	}
	if len(t.Header) == 0 {
		return nil, fmt.Errorf("%w: no XML1 (TONG_HOP) record in the file", ErrNoHeader)
	}
	for i := range t.Rows {
		r := &t.Rows[i]
		if len(r.Cells) < len(t.Header) {
			r.Cells = append(r.Cells, make([]string, len(t.Header)-len(r.Cells))...)
		}
	}
	if opts.OnRow != nil {
		rows := t.Rows
		t.Rows = nil
		for _, r := range rows {
			if err := opts.OnRow(t, r); err != nil {
				return nil, err
			}
		}
	}
	return t, nil
}

// fileHoSo is one FILEHOSO element.
type fileHoSo struct {
	Kind    string  `xml:"LOAIHOSO"`
	Content content `xml:"NOIDUNGFILE"`
}

// content is the NOIDUNGFILE element, kept as written.
type content struct {
	Inner []byte `xml:",innerxml"`
}

// document returns the XML document of NOIDUNGFILE: the inline elements, the
// text of a CDATA section, or the base64 text decoded.
func (c content) document() ([]byte, error) {
	b := bytes.TrimSpace(c.Inner)
	if bytes.HasPrefix(b, []byte("<![CDATA[")) {
		b = bytes.TrimSpace(bytes.TrimSuffix(b[len("<![CDATA["):], []byte("]]>")))
	}
	if bytes.HasPrefix(b, []byte("<")) {
		return b, nil
	}
	clean := bytes.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
			return -1
		}
		return r
	}, b)
	out := make([]byte, base64.StdEncoding.DecodedLen(len(clean)))
	n, err := base64.StdEncoding.Decode(out, clean)
	if err != nil {
		return nil, fmt.Errorf("is neither XML nor base64")
	}
	return out[:n], nil
}

// xml1 collects the TONG_HOP rows.
type xml1 struct {
	t     *Table
	opts  Options
	col   map[string]int // element name -> column
	files int
	total int64
}

// document reads the TONG_HOP elements of one XML1 document.
func (x *xml1) document(body []byte) error {
	d := xml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))))
	d.Strict = false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			x.t.Issues = append(x.t.Issues, Issue{Row: len(x.t.Rows) + 1, Reason: fmt.Sprintf("FILEHOSO %d: XML1 document not readable", x.files)})
			return nil
		}
		if se, ok := tok.(xml.StartElement); ok && strings.EqualFold(se.Name.Local, "TONG_HOP") {
			if err := x.tongHop(d, &se); err != nil {
				return err
			}
		}
	}
}

// tongHop reads one TONG_HOP element as a row.
func (x *xml1) tongHop(d *xml.Decoder, start *xml.StartElement) error {
	line := len(x.t.Rows) + 1
	if x.opts.MaxRows > 0 && line > x.opts.MaxRows {
		return fmt.Errorf("%w: more than %d data rows", ErrLimit, x.opts.MaxRows)
	}
	var el struct {
		Fields []struct {
			XMLName xml.Name
			Value   string `xml:",chardata"`
		} `xml:",any"`
	}
	if err := d.DecodeElement(&el, start); err != nil {
		x.t.Issues = append(x.t.Issues, Issue{Row: line, Reason: "TONG_HOP element not readable"})
		x.t.Rows = append(x.t.Rows, Row{Line: line, Damaged: true})
		return nil
	}
	var cells []string
	for _, f := range el.Fields {
		name := strings.ToUpper(f.XMLName.Local)
		i, ok := x.col[name]
		if !ok {
			if len(x.t.Header) >= x.opts.MaxColumns {
				return fmt.Errorf("%w: more than %d distinct XML1 elements", ErrLimit, x.opts.MaxColumns)
			}
			i = len(x.t.Header)
			x.col[name] = i
			x.t.Header = append(x.t.Header, name)
		}
		v := strings.TrimSpace(f.Value)
		if len(v) > x.opts.MaxCellBytes {
			return fmt.Errorf("%w: row %d, element %s: longer than %d bytes", ErrLimit, line, name, x.opts.MaxCellBytes)
		}
		x.total += int64(len(v))
		if x.total > x.opts.MaxBytes {
			return fmt.Errorf("%w: the XML1 records hold more than %d bytes", ErrLimit, x.opts.MaxBytes)
		}
		for len(cells) <= i {
			cells = append(cells, "")
		}
		if cells[i] != "" {
			x.t.Issues = append(x.t.Issues, Issue{Row: line, Column: i + 1, Reason: "element " + name + " given twice; the first is kept"})
			continue
		}
		cells[i] = v
	}
	x.t.Rows = append(x.t.Rows, Row{Line: line, Cells: cells})
	return nil
}
