package xlsx

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
)

// DefaultMaxPartSize is the number of uncompressed bytes read from one part
// of the archive when Workbook.MaxPartSize is 0: 256 MiB, several times the
// sheet of a million-row population list.
const DefaultMaxPartSize = 256 << 20

// DefaultMaxCells is the number of cells ReadSheet returns when
// Workbook.MaxCells is 0: 2^26, about 67 million (a million rows of 64
// columns), a few GiB of memory at most.
const DefaultMaxCells = 1 << 26

// A Sheet is one sheet of a workbook, as listed in xl/workbook.xml.
type Sheet struct {
	// Name is the sheet's tab name.
	Name string
	// Hidden reports a sheet whose state is "hidden" or "veryHidden".
	Hidden bool
	// Part is the archive member holding the sheet, e.g.
	// "xl/worksheets/sheet1.xml".
	Part string
}

// A Workbook is an open .xlsx file: its sheets, and the shared strings once a
// sheet has been read. It is not safe for concurrent use.
type Workbook struct {
	// Sheets are the sheets in the workbook's order (the order of the
	// tabs). Chart sheets are left out.
	Sheets []Sheet
	// MaxPartSize caps the uncompressed bytes read from one part (a sheet,
	// the shared strings); 0 means DefaultMaxPartSize. Set it before
	// reading a sheet.
	MaxPartSize int64
	// MaxCells caps the cells ReadSheet returns, empty cells before a
	// row's last value included; 0 means DefaultMaxCells.
	MaxCells int

	files      map[string]*zip.File
	sharedPart string
	shared     []string
	sharedRead bool
}

// Open reads the table of contents of the .xlsx archive in r, of size bytes:
// the list of sheets. Sheets are read later, one at a time.
func Open(r io.ReaderAt, size int64) (*Workbook, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, &Error{Reason: "not a zip archive (" + err.Error() + ")", Err: ErrFormat}
	}
	w := &Workbook{files: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		w.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	book := "xl/workbook.xml"
	if rels, err := w.readRels("_rels/.rels", ""); err == nil {
		for _, rel := range rels {
			if strings.HasSuffix(rel.typ, "/officeDocument") {
				book = rel.target
				break
			}
		}
	} else if !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	if w.files[book] == nil {
		return nil, &Error{Part: book, Reason: "missing: the archive is not an Excel workbook", Err: ErrNotFound}
	}
	relsPart := path.Join(path.Dir(book), "_rels", path.Base(book)+".rels")
	rels, err := w.readRels(relsPart, path.Dir(book))
	if err != nil {
		return nil, err
	}
	byID := make(map[string]rel, len(rels))
	for _, r := range rels {
		byID[r.id] = r
		if strings.HasSuffix(r.typ, "/sharedStrings") {
			w.sharedPart = r.target
		}
	}
	if w.sharedPart == "" && w.files["xl/sharedStrings.xml"] != nil {
		w.sharedPart = "xl/sharedStrings.xml"
	}
	if err := w.readSheetList(book, byID); err != nil {
		return nil, err
	}
	return w, nil
}

// A ReadCloser is a Workbook read from a file, to be closed.
type ReadCloser struct {
	*Workbook
	f *os.File
}

// OpenFile opens the .xlsx file name; close it when done.
func OpenFile(name string) (*ReadCloser, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	w, err := Open(f, fi.Size())
	if err != nil {
		f.Close()
		return nil, err
	}
	return &ReadCloser{Workbook: w, f: f}, nil
}

// Close closes the file.
func (rc *ReadCloser) Close() error { return rc.f.Close() }

// Sheet returns the sheet with the given name (Excel compares sheet names
// without regard to case, and so does Sheet).
func (w *Workbook) Sheet(name string) (Sheet, error) {
	for _, s := range w.Sheets {
		if strings.EqualFold(s.Name, name) {
			return s, nil
		}
	}
	return Sheet{}, &Error{Sheet: name, Reason: "no such sheet", Err: ErrNotFound}
}

func (w *Workbook) maxPartSize() int64 {
	if w.MaxPartSize > 0 {
		return w.MaxPartSize
	}
	return DefaultMaxPartSize
}

// openPart opens the named member for reading, at most maxPartSize bytes.
func (w *Workbook) openPart(name, sheet string) (io.ReadCloser, error) {
	f := w.files[name]
	if f == nil {
		return nil, &Error{Part: name, Sheet: sheet, Reason: "missing from the archive", Err: ErrNotFound}
	}
	limit := w.maxPartSize()
	if f.UncompressedSize64 > uint64(limit) {
		return nil, tooLarge(name, sheet, limit)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &Error{Part: name, Sheet: sheet, Reason: "cannot be read (" + err.Error() + ")", Err: ErrFormat}
	}
	return &partReader{rc: rc, left: limit, limit: limit, part: name, sheet: sheet}, nil
}

func tooLarge(part, sheet string, limit int64) error {
	return &Error{Part: part, Sheet: sheet,
		Reason: fmt.Sprintf("larger than %d bytes uncompressed (the MaxPartSize limit)", limit), Err: ErrTooLarge}
}

// A partReader reads a part up to its limit, then fails with ErrTooLarge.
type partReader struct {
	rc          io.ReadCloser
	left, limit int64
	part, sheet string
}

func (p *partReader) Read(b []byte) (int, error) {
	if p.left <= 0 {
		var one [1]byte
		if n, _ := io.ReadFull(p.rc, one[:]); n > 0 {
			return 0, tooLarge(p.part, p.sheet, p.limit)
		}
		return 0, io.EOF
	}
	if int64(len(b)) > p.left {
		b = b[:p.left]
	}
	n, err := p.rc.Read(b)
	p.left -= int64(n)
	if err != nil && err != io.EOF {
		err = &Error{Part: p.part, Sheet: p.sheet, Reason: "cannot be read (" + err.Error() + ")", Err: ErrFormat}
	}
	return n, err
}

func (p *partReader) Close() error { return p.rc.Close() }

// xmlError turns an error of the XML decoder into an *Error without the
// decoder's message, which may quote the text of the part.
func xmlError(err error, part, sheet, cell string) error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return &Error{Part: part, Sheet: sheet, Cell: cell, Reason: "the XML ends too early", Err: ErrFormat}
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return &Error{Part: part, Sheet: sheet, Cell: cell, Reason: fmt.Sprintf("malformed XML on line %d", se.Line), Err: ErrFormat}
	}
	return &Error{Part: part, Sheet: sheet, Cell: cell, Reason: "malformed XML", Err: ErrFormat}
}

// A rel is one relationship of a .rels part.
type rel struct{ id, typ, target string }

// readRels reads a relationships part; targets are resolved against dir.
func (w *Workbook) readRels(name, dir string) ([]rel, error) {
	rc, err := w.openPart(name, "")
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var out []rel
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, xmlError(err, name, "", "")
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" {
			continue
		}
		var r rel
		external := false
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "Id":
				r.id = a.Value
			case "Type":
				r.typ = a.Value
			case "Target":
				r.target = a.Value
			case "TargetMode":
				external = a.Value == "External"
			}
		}
		if external {
			continue
		}
		if strings.HasPrefix(r.target, "/") {
			r.target = strings.TrimPrefix(r.target, "/")
		} else {
			r.target = path.Join(dir, r.target)
		}
		out = append(out, r)
	}
}

// readSheetList reads the <sheet> elements of the workbook part.
func (w *Workbook) readSheetList(book string, byID map[string]rel) error {
	rc, err := w.openPart(book, "")
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return xmlError(err, book, "", "")
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "sheet" {
			continue
		}
		var s Sheet
		var id string
		for _, a := range se.Attr {
			switch {
			case a.Name.Local == "name" && a.Name.Space == "":
				s.Name = a.Value
			case a.Name.Local == "state":
				s.Hidden = a.Value == "hidden" || a.Value == "veryHidden"
			case a.Name.Local == "id" && a.Name.Space != "":
				id = a.Value
			}
		}
		r, ok := byID[id]
		if ok && !strings.HasSuffix(r.typ, "/worksheet") {
			continue // a chart sheet, a dialog sheet
		}
		s.Part = r.target // "" when the relationship is missing
		w.Sheets = append(w.Sheets, s)
	}
	if len(w.Sheets) == 0 {
		return &Error{Part: book, Reason: "the workbook has no worksheet", Err: ErrNotFound}
	}
	return nil
}
