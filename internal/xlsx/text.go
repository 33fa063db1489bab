package xlsx

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// readRichText reads the content of an <si> or <is> element, its start tag
// already read, up to its end tag, and appends its text to buf: the <t>
// child, or the <t> of each <r> run. Phonetic runs (<rPh>) and run
// properties are skipped.
func readRichText(d *xml.Decoder, buf []byte) ([]byte, error) {
	depth := 0     // below the element
	inText := -1   // depth of the <t> being read, -1 outside
	skipFrom := -1 // depth of an element whose content is skipped
	for {
		tok, err := d.RawToken()
		if err != nil {
			return buf, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if skipFrom >= 0 || inText >= 0 {
				continue
			}
			switch {
			case t.Name.Local == "t" && (depth == 1 || depth == 2):
				inText = depth
			case t.Name.Local == "r" && depth == 1:
			default:
				skipFrom = depth
			}
		case xml.EndElement:
			if depth == 0 {
				return buf, nil
			}
			if depth == inText {
				inText = -1
			}
			if depth == skipFrom {
				skipFrom = -1
			}
			depth--
		case xml.CharData:
			if inText >= 0 && skipFrom < 0 {
				buf = append(buf, t...)
			}
		}
	}
}

// readSharedStrings reads the shared-string table of the workbook, once.
func (w *Workbook) readSharedStrings() error {
	if w.sharedRead {
		return nil
	}
	w.sharedRead = true
	if w.sharedPart == "" {
		return nil // a workbook without text cells
	}
	rc, err := w.openPart(w.sharedPart, "")
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var buf []byte
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return xmlError(err, w.sharedPart, "", "")
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "si" {
			continue
		}
		buf, err = readRichText(d, buf[:0])
		if err != nil {
			return xmlError(err, w.sharedPart, "", "string "+strconv.Itoa(len(w.shared)))
		}
		w.shared = append(w.shared, unescape(string(buf)))
	}
}

// unescape decodes the _xHHHH_ escapes of OOXML strings (ST_Xstring), by
// which Excel writes characters XML cannot hold, such as "_x000D_" for a
// carriage return; "_x005F_" escapes an underscore. An escape that does not
// name a valid character is kept as it is.
func unescape(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || len(s)-i < 7 {
			break
		}
		b.WriteString(s[:i])
		if s[i+6] == '_' {
			if v, err := strconv.ParseUint(s[i+2:i+6], 16, 32); err == nil && utf8.ValidRune(rune(v)) {
				b.WriteRune(rune(v))
				s = s[i+7:]
				continue
			}
		}
		b.WriteString("_x")
		s = s[i+2:]
	}
	b.WriteString(s)
	return b.String()
}
