package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// The languages of the command line: Vietnamese by default, English on
// request (-lang en, or an English locale).
var (
	langVI = language.Vietnamese
	langEN = language.English
)

// msgCatalog holds every message of the table messages in both languages.
var msgCatalog = buildCatalog()

// buildCatalog registers the table messages: the key (the English format
// string) is the English form, vi the Vietnamese one.
func buildCatalog() catalog.Catalog {
	b := catalog.NewBuilder(catalog.Fallback(langVI))
	for _, m := range messages {
		if err := b.SetString(langEN, m.key(), m.en); err != nil {
			panic(err)
		}
		if err := b.SetString(langVI, m.key(), m.vi); err != nil {
			panic(err)
		}
	}
	return b
}

// A msgEntry is one entry of the table messages.
type msgEntry struct {
	id string // the key when set; the key is en otherwise
	en string // the English form, a format string
	vi string // the Vietnamese form
}

// key returns the key of m in the catalog.
func (m msgEntry) key() string {
	if m.id != "" {
		return m.id
	}
	return m.en
}

// columns returns the ids of columns or values (such as "col.row") in
// the run's language.
func columns(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = tr(id)
	}
	return out
}

// printer is the printer of the current run, set by run from -lang and
// the environment (setLanguage). The commands run one at a time, so one
// printer serves the whole process.
var printer = message.NewPrinter(langVI, message.Catalog(msgCatalog))

// lang is the language of printer.
var lang = langVI

// setLanguage makes tag the language of every message of the run.
func setLanguage(tag language.Tag) {
	lang = tag
	printer = message.NewPrinter(tag, message.Catalog(msgCatalog))
}

// english reports whether the run speaks English.
func english() bool { return lang == langEN }

// getenv reads the environment; tests replace it.
var getenv = os.Getenv

// chooseLanguage returns the language of a run: the -lang flag value when
// given ("vi" or "en"), else the first of LC_ALL, LC_MESSAGES and LANG that
// is set: English when it starts with "en", Vietnamese for anything else.
func chooseLanguage(flagValue string) (language.Tag, error) {
	switch strings.ToLower(strings.TrimSpace(flagValue)) {
	case "vi":
		return langVI, nil
	case "en":
		return langEN, nil
	case "":
	default:
		return langVI, errBadLang
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := getenv(v); s != "" {
			if strings.HasPrefix(strings.ToLower(s), "en") {
				return langEN, nil
			}
			return langVI, nil
		}
	}
	return langVI, nil
}

// errBadLang is the error of a -lang value other than vi and en.
var errBadLang = errors.New("-lang: vi or en")

// langFlag returns the value of the last -lang flag in args ("-lang en",
// "-lang=en", "--lang en"), "" when there is none. It is read before the
// other flags so that their help and errors are in the chosen language.
func langFlag(args []string) string {
	v := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "lang" {
			continue
		}
		if hasVal {
			v = val
		} else if i+1 < len(args) {
			v = args[i+1]
			i++
		}
	}
	return v
}

// tr returns the message key (the English format string of the table
// messages) in the language of the run, formatted with args.
func tr(key string, args ...any) string {
	return printer.Sprintf(key, args...)
}

// say writes the message key, formatted with args, to w.
func say(w io.Writer, key string, args ...any) {
	printer.Fprintf(w, key, args...)
}

// A cliError is an error of the command line in the words of the run's
// language; it unwraps to the error it stands for (a sentinel such as
// table.ErrLimit or errDamaged, or the library error it explains).
type cliError struct {
	msg string
	err error
}

func (e *cliError) Error() string { return e.msg }
func (e *cliError) Unwrap() error { return e.err }

// errorf returns the message key, formatted with args, as an error.
func errorf(key string, args ...any) error {
	return &cliError{msg: tr(key, args...)}
}

// kindErrorf is errorf for an error that unwraps to kind.
func kindErrorf(kind error, key string, args ...any) error {
	return &cliError{msg: tr(key, args...), err: kind}
}

// wrap returns err after the message key formatted with args and a colon,
// err in the run's language (describeError).
func wrap(err error, key string, args ...any) error {
	if err == nil {
		return nil
	}
	return &cliError{msg: tr(key, args...) + ": " + describeError(err), err: err}
}

// nonNumeric wraps a number the printer must not format with the
// language's digit grouping (a flag default, a row in an ID).
type nonNumeric string

// plain returns n as digits without grouping, for a message argument.
func plain(n int) nonNumeric { return nonNumeric(fmt.Sprint(n)) }

// A lazyError is a sentinel error whose text is looked up when it is
// printed, in the language of the run then.
type lazyError struct {
	key  string
	args []any
}

// newLazyError returns a sentinel error with the message key.
func newLazyError(key string, args ...any) error { return &lazyError{key: key, args: args} }

func (e *lazyError) Error() string { return tr(e.key, e.args...) }

// loc returns a name or label of reconcile's lists, which the code writes
// in Vietnamese, in the run's language: the message "rec:" + vi.
func loc(vi string) string {
	if msgKeys["rec:"+vi] {
		return tr("rec:" + vi)
	}
	return vi
}

// locAll is loc of each name.
func locAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = loc(n)
	}
	return out
}

// englishPrinter formats the messages in English, whatever the run's
// language, to read back a list written in English.
var englishPrinter = message.NewPrinter(langEN, message.Catalog(msgCatalog))

// locEnglish returns the English name of a Vietnamese name of loc.
func locEnglish(vi string) string {
	if msgKeys["rec:"+vi] {
		return englishPrinter.Sprintf("rec:" + vi)
	}
	return vi
}

// rloc returns a text of the HTML report, which the code writes in
// Vietnamese, in the run's language: the message "rep:" + vi.
func rloc(vi string) string {
	if msgKeys["rep:"+vi] {
		return tr("rep:" + vi)
	}
	return vi
}

// rlocf is rloc for a format: the message "rep:" + vi formatted with args.
func rlocf(vi string, args ...any) string {
	if msgKeys["rep:"+vi] {
		return tr("rep:"+vi, args...)
	}
	return fmt.Sprintf(vi, args...)
}
