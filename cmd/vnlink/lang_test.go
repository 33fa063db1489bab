package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vnlink/vnlink/linkage/vnperson"
	"golang.org/x/text/language"
)

// TestMain runs the tests in an English locale (LANG=en_US.UTF-8, whatever
// the machine's), so that the tests written against the English messages
// keep testing them; the tests of the Vietnamese default set the
// environment themselves (withEnv).
func TestMain(m *testing.M) {
	getenv = fakeEnv(map[string]string{"LANG": "en_US.UTF-8"})
	setLanguage(langEN)
	code := m.Run()
	removePrivateTmp() // tests that read or write workbooks without run
	os.Exit(code)
}

// fakeEnv returns a getenv that reads env.
func fakeEnv(env map[string]string) func(string) string {
	return func(k string) string { return env[k] }
}

// withEnv runs f with the environment env (LANG, LC_ALL, LC_MESSAGES) and
// restores the test default after.
func withEnv(t *testing.T, env map[string]string, f func()) {
	t.Helper()
	old := getenv
	getenv = fakeEnv(env)
	defer func() {
		getenv = old
		setLanguage(langEN)
	}()
	f()
}

// TestMessagesTable checks the one table of messages: every key has an
// English and a Vietnamese form, no key is given twice, and both forms
// take the same verbs.
func TestMessagesTable(t *testing.T) {
	verbs := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)
	seen := map[string]bool{}
	for _, m := range messages {
		assert.NotEmpty(t, strings.TrimSpace(m.en), "empty key")
		assert.NotEmpty(t, strings.TrimSpace(m.vi), "no Vietnamese for %q", m.en)
		assert.False(t, seen[m.key()], "key given twice: %q", m.key())
		seen[m.key()] = true
		ev, vv := verbs.FindAllString(m.en, -1), verbs.FindAllString(m.vi, -1)
		slices.Sort(ev)
		slices.Sort(vv)
		assert.Equal(t, ev, vv, "verbs of %q and its Vietnamese differ", m.en)
	}
}

// keyCall finds the calls of the message helpers with a literal key.
var keyCall = regexp.MustCompile("\\b(?:tr|say|errorf|kindErrorf|wrap|newLazyError)\\((?:[A-Za-z_.()\\[\\]0-9]+, *)?(\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`)\\s*[,)]")

// TestMessageKeysInTable scans the non-test Go files of the package for
// calls of the message helpers with a literal key, and the tables of keys
// looked up at run time, and checks that each key is in the table.
func TestMessageKeysInTable(t *testing.T) {
	inTable := map[string]bool{}
	for _, m := range messages {
		inTable[m.key()] = true
	}
	sources := packageSources(t)
	n := 0
	for f, joined := range sources {
		for _, m := range keyCall.FindAllStringSubmatch(joined, -1) {
			key, err := strconv.Unquote(m[1])
			require.NoError(t, err, m[1])
			assert.True(t, inTable[key], "%s: key %q is not in messages", f, key)
			n++
		}
	}
	assert.Greater(t, n, 150, "the scan found too few keys: is the pattern broken?")
	// rloc and loc take the Vietnamese of a message "rep:" or "rec:" + vi.
	locCall := regexp.MustCompile(`\b(r?loc|rlocf)\(("(?:[^"\\]|\\.)*")[,)]`)
	m := 0
	for f, joined := range sources {
		for _, c := range locCall.FindAllStringSubmatch(joined, -1) {
			vi, err := strconv.Unquote(c[2])
			require.NoError(t, err)
			prefix := map[string]string{"rloc": "rep:", "rlocf": "rep:", "loc": "rec:"}[c[1]]
			assert.True(t, inTable[prefix+vi], "%s: %s(%q) has no message %s", f, c[1], vi, prefix+vi)
			m++
		}
	}
	assert.Greater(t, m, 100, "the scan found too few report texts: is the pattern broken?")
	for _, wl := range worklistLabels {
		assert.True(t, inTable["rep:"+wl.label], "no message rep:%s", wl.label)
	}
	var dynamic []string
	dynamic = append(dynamic, usage, "line %d", "Excel row %d", "record %d")
	for _, k := range fieldLabels {
		dynamic = append(dynamic, k)
	}
	for _, k := range stageNames {
		dynamic = append(dynamic, k)
	}
	for _, p := range tablePatterns {
		dynamic = append(dynamic, p.key)
	}
	for _, p := range tableReasonPatterns {
		dynamic = append(dynamic, p.key)
	}
	dynamic = append(dynamic, levelLabels...)
	dynamic = slices.Concat(dynamic, canonColumns, dedupeColumns, linkColumns,
		[]string{"col.issues", statusLinked, statusLeftOnly, statusRightOnly, sheetClean, sheetDedupe, sheetLink})
	for _, k := range dynamic {
		assert.True(t, inTable[k], "key %q is not in messages", k)
	}
}

// TestChooseLanguage checks the precedence: the flag, then LC_ALL,
// LC_MESSAGES and LANG (the first one set); English when it starts with
// "en", Vietnamese for anything else.
func TestChooseLanguage(t *testing.T) {
	for _, tc := range []struct {
		flag string
		env  map[string]string
		want language.Tag
	}{
		{"", nil, langVI},
		{"", map[string]string{"LANG": "C.UTF-8"}, langVI},
		{"", map[string]string{"LANG": "en_US.UTF-8"}, langEN},
		{"", map[string]string{"LANG": "vi_VN.UTF-8"}, langVI},
		{"", map[string]string{"LC_MESSAGES": "en_GB", "LANG": "vi_VN"}, langEN},
		{"", map[string]string{"LC_ALL": "vi_VN", "LC_MESSAGES": "en_GB"}, langVI},
		{"", map[string]string{"LC_ALL": "C", "LANG": "en_US"}, langVI},
		{"vi", map[string]string{"LANG": "en_US.UTF-8"}, langVI},
		{"en", map[string]string{"LANG": "vi_VN.UTF-8"}, langEN},
		{"EN", nil, langEN},
	} {
		getenv = fakeEnv(tc.env)
		got, err := chooseLanguage(tc.flag)
		require.NoError(t, err)
		assert.Equal(t, tc.want, got, "flag %q, env %v", tc.flag, tc.env)
	}
	getenv = fakeEnv(map[string]string{"LANG": "en_US.UTF-8"})
	_, err := chooseLanguage("fr")
	assert.Error(t, err)
}

// TestLanguageEndToEnd runs clean and link in Vietnamese (no -lang, no
// English locale), with -lang en, and with LANG=en_US.UTF-8, and checks
// the language of the log and of the output header.
func TestLanguageEndToEnd(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.csv", "ho_ten,ngay_sinh,so_cccd\nNguyễn Văn An,01/02/1990,001090000001\nTrần Thị Bình,31/02/1985,12\n")
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		en   bool
	}{
		{"default", map[string]string{"LANG": "C.UTF-8"}, nil, false},
		{"-lang en", nil, []string{"-lang", "en"}, true},
		{"-lang en first", nil, nil, true},
		{"LANG=en_US.UTF-8", map[string]string{"LANG": "en_US.UTF-8"}, nil, true},
		{"-lang vi over LANG", map[string]string{"LANG": "en_US.UTF-8"}, []string{"-lang=vi"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			withEnv(t, tc.env, func() {
				out := filepath.Join(dir, "out.csv")
				args := append([]string{"clean", "-in", in, "-out", out, "-today", today}, tc.args...)
				if tc.name == "-lang en first" {
					args = append([]string{"-lang", "en"}, args...)
				}
				var stdout, log bytes.Buffer
				require.Equal(t, 0, run(args, &stdout, &log), log.String())
				data, err := os.ReadFile(out)
				require.NoError(t, err)
				header, _, _ := strings.Cut(strings.TrimPrefix(string(data), "\ufeff"), "\n")
				header = strings.TrimSuffix(header, "\r")
				if tc.en {
					assert.Contains(t, log.String(), "Date of birth")
					assert.Contains(t, log.String(), "wrote ")
					assert.NotContains(t, log.String(), "đã ghi")
					assert.Contains(t, header, "row,clean_full_name,clean_birth_date")
					assert.True(t, strings.HasSuffix(header, ",issues"), header)
				} else {
					assert.Contains(t, log.String(), "Ngày sinh")
					assert.Contains(t, log.String(), "tháng đó không có ngày này")
					assert.Contains(t, log.String(), "đã ghi ")
					assert.NotContains(t, log.String(), "wrote ")
					assert.Contains(t, header, "Dòng,Họ và tên (chuẩn),Ngày sinh (chuẩn)")
					assert.True(t, strings.HasSuffix(header, ",Trường bị lỗi"), header)
					assert.Contains(t, string(data), "Ngày sinh; Số CCCD", "the issues column names the fields in Vietnamese")
				}
				// Never a Go identifier, whatever the language.
				for _, id := range []string{"normalize.", "vnperson.", "vnname.", "table:"} {
					assert.NotContains(t, log.String(), id)
				}
			})
		})
	}
}

// TestLanguageOfErrorsAndHelp checks an error and the help of a command
// in both languages.
func TestLanguageOfErrorsAndHelp(t *testing.T) {
	withEnv(t, nil, func() {
		var stdout, log bytes.Buffer
		assert.Equal(t, 2, run([]string{"clean", "-out", "x.csv"}, &stdout, &log))
		assert.Equal(t, "vnlink clean: thiếu -in; xem -h\n", log.String())
		log.Reset()
		assert.Equal(t, 2, run([]string{"-lang", "en", "clean", "-out", "x.csv"}, &stdout, &log))
		assert.Equal(t, "vnlink clean: -in is required; see -h\n", log.String())
		log.Reset()
		assert.Equal(t, 0, run([]string{"clean", "-h"}, &stdout, &log))
		assert.Contains(t, log.String(), "Cách dùng vnlink clean")
		assert.Contains(t, log.String(), "-in tệp")
		log.Reset()
		assert.Equal(t, 0, run([]string{"clean", "-lang", "en", "-h"}, &stdout, &log))
		assert.Contains(t, log.String(), "Usage of vnlink clean")
		assert.Contains(t, log.String(), "-in file")
		log.Reset()
		assert.Equal(t, 0, run([]string{"-h"}, &stdout, &log))
		assert.Contains(t, log.String(), "Cách dùng:")
		assert.Contains(t, log.String(), "danh sách dân cư")
		log.Reset()
		assert.Equal(t, 0, run([]string{"-lang", "en", "-h"}, &stdout, &log))
		assert.Equal(t, usage, log.String())
		log.Reset()
		assert.Equal(t, 2, run([]string{"clean", "-lang", "fr"}, &stdout, &log))
		assert.Contains(t, log.String(), "-lang")
	})
}

// TestReconcileListsInEnglish runs reconcile with -lang en: the lists have
// English column names and labels, and the review list written in English
// is read back by -decisions.
func TestReconcileListsInEnglish(t *testing.T) {
	const sample = "../../testdata/commune-200/"
	out := t.TempDir()
	args := []string{"reconcile", "-registry", sample + "registry.csv", "-ehr", sample + "ehr.csv",
		"-out", out, "-today", "2026-06-01", "-workers", "1", "-q", "-xlsx=false", "-lang", "en"}
	var stdout, log bytes.Buffer
	require.Equal(t, 0, run(args, &stdout, &log), log.String())
	missing, err := os.ReadFile(filepath.Join(out, fileMissing))
	require.NoError(t, err)
	assert.Contains(t, string(missing), "Person id,Population-list row,Population-list id,Full name")
	rows, err := os.ReadFile(filepath.Join(out, fileRows))
	require.NoError(t, err)
	assert.Contains(t, string(rows), "Population list")
	assert.NotContains(t, string(rows), "DS dân cư")
	review, err := os.ReadFile(filepath.Join(out, fileReview))
	require.NoError(t, err)
	assert.Contains(t, string(review), "Decision (same/different)")
	// The English review list, unfilled, is read back without error.
	decided := filepath.Join(t.TempDir(), "review.csv")
	require.NoError(t, os.WriteFile(decided, review, 0o600))
	log.Reset()
	require.Equal(t, 0, run(append(args[:len(args)-2], "-decisions", decided), &stdout, &log), log.String())
}

// TestReconcileLabelsInTable checks that every name and label of
// reconcile's lists has its entry ("rec:" + the Vietnamese) in the table.
func TestReconcileLabelsInTable(t *testing.T) {
	names := slices.Concat(displayHeader, duplicatesHeader, correctionsHeader, unmatchedHeader, reviewHeader,
		policeHeader, hamletsHeader, rowsHeader, headlineHeader, roleLabels[:],
		[]string{sheetHeadline, yesVi, noVi, personHeader, registryRowHead, registryIDHead, hamletHeader})
	for _, m := range []map[vnperson.Status]string{statusLabels} {
		for _, v := range m {
			names = append(names, v)
		}
	}
	for _, v := range correctionLabels {
		names = append(names, v)
	}
	for _, v := range keepLabels {
		names = append(names, v)
	}
	for _, v := range policeLabels {
		names = append(names, v)
	}
	for _, n := range names {
		assert.True(t, msgKeys["rec:"+n], "no message rec:%s", n)
	}
}

// vietnamese runs the rest of the test as in a Vietnamese locale (no
// English variable set), for the tests of Vietnamese output.
func vietnamese(t *testing.T) {
	old := getenv
	getenv = fakeEnv(nil)
	setLanguage(langVI)
	t.Cleanup(func() {
		getenv = old
		setLanguage(langEN)
	})
}

// TestReportInEnglish writes the HTML report of dedupe with -lang en: the
// page is in English, numbers written the English way, and no key shows.
func TestReportInEnglish(t *testing.T) {
	const sample = "../../testdata/commune-200/"
	dir := t.TempDir()
	page := filepath.Join(dir, "r.html")
	var stdout, log bytes.Buffer
	require.Equal(t, 0, run([]string{"dedupe", "-in", sample + "ehr.csv", "-out", filepath.Join(dir, "d.csv"), "-html", page,
		"-today", "2026-06-01", "-workers", "1", "-q", "-lang", "en"}, &stdout, &log), log.String())
	data, err := os.ReadFile(page)
	require.NoError(t, err)
	html := string(data)
	assert.Contains(t, html, `<html lang="en">`)
	assert.Contains(t, html, "Report on duplicate records")
	assert.Contains(t, html, "Records per person")
	assert.Regexp(t, `\d\.\d%`, html, "percentages with a decimal point")
	assert.NotContains(t, html, "rep:")
	assert.NotContains(t, html, "Báo cáo")
	assert.False(t, numbersEnglish, "the number style is reset after the report")
}

// packageSources returns the package's non-test Go files by name, with the
// string literals split over lines with + joined into one.
func packageSources(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	join := regexp.MustCompile(`"\s*\+\s*\n\s*"`)
	out := map[string]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		out[f] = join.ReplaceAllString(string(src), "")
	}
	return out
}
