package main

import (
	"errors"
	"io/fs"
	"regexp"

	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
	"github.com/vnlink/vnlink/normalize"
	tbl "github.com/vnlink/vnlink/table"
)

// fieldLabels are the keys of the names of the fields as a clerk reads
// them, by field name.
var fieldLabels = map[string]string{
	"record_id":               "Record id",
	vnperson.FieldFullName:    "Full name",
	vnperson.FieldBirthDate:   "Date of birth",
	vnperson.FieldSex:         "Sex",
	vnperson.FieldNationalID:  "CCCD number",
	vnperson.FieldOldID:       "CMND number",
	vnperson.FieldInsuranceID: "BHYT card number",
	vnperson.FieldPhone:       "Phone number",
	vnperson.FieldAddress:     "Address",
	vnperson.FieldEthnicity:   "Ethnic group",
}

// fieldLabel returns the name a clerk reads for a field or column name of
// an issue: the field's label for a field name, "whole row" for rowField,
// the column (number and letter) otherwise.
func fieldLabel(name string) string {
	if name == rowField {
		return tr("whole row")
	}
	if l, ok := fieldLabels[name]; ok {
		return tr(l)
	}
	return name
}

// msgKeys are the keys of the table messages: the reasons of the library
// errors it translates among them.
var msgKeys = map[string]bool{}

func init() {
	for _, m := range messages {
		msgKeys[m.key()] = true
	}
}

// describeError returns err in the words of the run's language: no Go
// identifier, no value. Errors of the command line are already in words;
// library errors are rendered from their kind (the sentinel they wrap) and
// their reason when the message table knows it.
func describeError(err error) string {
	var ce *cliError
	var lz *lazyError
	var re *normalize.RecordError
	var pe *normalize.ParseError
	var le *linkage.Error
	var pathErr *fs.PathError
	switch {
	case errors.As(err, &ce):
		return ce.msg
	case errors.As(err, &lz):
		return lz.Error()
	case errors.As(err, &re):
		return tr("row %d, %s: %s", re.Row, fieldLabel(re.Field), describeError(re.Err))
	case errors.As(err, &pe):
		return reasonOf(pe.Err, pe.Reason)
	case errors.As(err, &le):
		return modelKind(le.Err)
	case errors.As(err, &pathErr):
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return tr("file or folder %s not found", pathErr.Path)
		case errors.Is(err, fs.ErrPermission):
			return tr("no permission to open %s", pathErr.Path)
		}
		return tr("cannot open or write %s", pathErr.Path)
	case errors.Is(err, tbl.ErrNoSheet):
		return tr("the workbook has no sheet of the name -sheet gives")
	case errors.Is(err, tbl.ErrLimit), errors.Is(err, tbl.ErrFormat), errors.Is(err, tbl.ErrNoHeader):
		return tableError(err)
	}
	// The text of an error of unknown kind may quote the file: not shown.
	return tr("unexpected error (its details are not shown: they may hold values of the file)")
}

// reasonOf returns a field issue of the given kind in words: the reason
// translated when the table knows it, the kind's generic text otherwise.
func reasonOf(kind error, reason string) string {
	if msgKeys[reason] {
		return tr(reason)
	}
	switch {
	case errors.Is(kind, normalize.ErrEmpty):
		return tr("empty")
	case errors.Is(kind, normalize.ErrSyntax):
		return tr("not written in a form that can be read")
	case errors.Is(kind, normalize.ErrRange):
		return tr("not a possible value")
	case errors.Is(kind, normalize.ErrUnknownCode):
		return tr("code not in the list")
	}
	return tr("cannot be read")
}

// modelKind names a linkage error by its kind.
func modelKind(kind error) string {
	switch {
	case errors.Is(kind, linkage.ErrMismatch):
		return tr("the model does not fit these files")
	case errors.Is(kind, linkage.ErrNoData):
		return tr("too few rows to train a model")
	}
	return tr("the model is not valid")
}

// tablePatterns translate the details of package table's errors, which
// hold numbers and positions only.
var tablePatterns = []struct {
	re  *regexp.Regexp
	key string // takes the submatches as %s
}{
	{regexp.MustCompile(`more than (\d+) data rows \(row (\d+)\)$`), "more than %s data rows (row %s); split the file"},
	{regexp.MustCompile(`more than (\d+) data rows$`), "more than %s data rows; split the file"},
	{regexp.MustCompile(`row (\d+) has more than (\d+) cells$`), "row %s has more than %s cells"},
	{regexp.MustCompile(`row (\d+), column ([A-Z]+): cell longer than (\d+) bytes$`), "row %s, column %s: a cell longer than %s bytes"},
	{regexp.MustCompile(`the header has more than (\d+) columns$`), "the header row has more than %s columns"},
	{regexp.MustCompile(`the input is larger than (\d+) bytes`), "the file is larger than %s bytes; split the file"},
	{regexp.MustCompile(`the workbook unzips to more than (\d+) bytes$`), "the workbook holds more than %s bytes; split the file"},
	{regexp.MustCompile(`the sheet's cells hold more than (\d+) bytes \(row (\d+)\)$`), "the sheet holds more than %s bytes (row %s); split the file"},
	{regexp.MustCompile(`the workbook has no sheet$`), "the workbook has no sheet"},
	{regexp.MustCompile(`not a readable \.xlsx workbook`), "the file is not an Excel workbook (.xlsx) that can be read"},
	{regexp.MustCompile(`not readable XML`), "the XML file cannot be read"},
	{regexp.MustCompile(`no XML1 \(TONG_HOP\) record`), "the file holds no XML1 (TONG_HOP) record"},
	{regexp.MustCompile(`more than (\d+) distinct XML1 elements$`), "more than %s different XML1 elements"},
	{regexp.MustCompile(`the XML1 records hold more than (\d+) bytes$`), "the XML1 records hold more than %s bytes; split the file"},
	{regexp.MustCompile(`delimiter .* is not ASCII$`), "the delimiter is not a plain character"},
}

// tableError returns an error of package table in words.
func tableError(err error) string {
	for _, p := range tablePatterns {
		if m := p.re.FindStringSubmatch(err.Error()); m != nil {
			args := make([]any, len(m)-1)
			for i, s := range m[1:] {
				args[i] = s
			}
			return tr(p.key, args...)
		}
	}
	switch {
	case errors.Is(err, tbl.ErrLimit):
		return tr("the file is over a limit (size, rows, columns or cell length); split the file")
	case errors.Is(err, tbl.ErrNoHeader):
		return tr("no row names the columns; add the column names as the first row, or give the header row with -header-row")
	}
	return tr("the file is not in a format that can be read (CSV, .xlsx or XML1)")
}

// tableReason translates the reason of a row issue of package table.
var tableReasonPatterns = []struct {
	re  *regexp.Regexp
	key string
}{
	{regexp.MustCompile(`^has (\d+) cells, the header has (\d+)$`), "has %s cells, the header has %s"},
	{regexp.MustCompile(`^has values in (\d+) cells, the header has (\d+) columns$`), "has values in %s cells, the header has %s columns"},
	{regexp.MustCompile(`^(\d+) non-empty rows above the header row (\d+) were skipped$`), "%s non-empty rows above the header row %s were skipped"},
	{regexp.MustCompile(`^element (\S+) given twice; the first is kept$`), "element %s given twice; the first is kept"},
	{regexp.MustCompile(`^FILEHOSO (\d+): XML1 document not readable$`), "FILEHOSO %s: the XML1 document cannot be read"},
	{regexp.MustCompile(`^columns (\d+) and (\d+) have the same name; column (\d+) is used$`), "columns %s and %s have the same name; column %s is used"},
	{regexp.MustCompile(`^FILEHOSO (\d+): NOIDUNGFILE`), "FILEHOSO %s: NOIDUNGFILE cannot be read"},
}

// translated returns the warnings of a library, each through tableText.
func translated(warnings []string) []string {
	out := make([]string, len(warnings))
	for i, w := range warnings {
		out[i] = tableText(w)
	}
	return out
}

// roleName names the role of an input ("input", "left", "right",
// "registry", "ehr", "bhyt") in the run's language.
func roleName(role string) string {
	switch role {
	case "input":
		return tr("input file")
	case "left":
		return tr("left file")
	case "right":
		return tr("right file")
	case "registry":
		return tr("population list")
	case "ehr":
		return tr("health-record file")
	case "bhyt":
		return tr("BHYT list")
	}
	return role
}

// tableText translates a reason or warning of package table: from the
// message table, a pattern, or as it is (it holds numbers only).
func tableText(s string) string {
	if msgKeys[s] {
		return tr(s)
	}
	for _, p := range tableReasonPatterns {
		if m := p.re.FindStringSubmatch(s); m != nil {
			args := make([]any, len(m)-1)
			for i, v := range m[1:] {
				args[i] = v
			}
			return tr(p.key, args...)
		}
	}
	return s
}
