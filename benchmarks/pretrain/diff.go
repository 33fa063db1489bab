package pretrain

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"

	"github.com/vnlink/vnlink/linkage"
)

// Tolerance is the relative difference Diff allows between two values of
// m, u, the prior or the threshold.
const Tolerance = 1e-9

// Diff describes the first difference between two versions of a file,
// old (the committed one) and new (the generated one), or returns "" when
// they hold the same provenance and the same parameters within Tolerance.
// The description names the field and both values ("in the file" for
// old, "generated" for new); the files hold no personal data.
func Diff(old, new []byte) string {
	op, oparams, err := Decode(old)
	if err != nil {
		return "the file does not decode: " + err.Error()
	}
	np, nparams, err := Decode(new)
	if err != nil {
		return "the generated file does not decode: " + err.Error()
	}
	switch {
	case op == nil && np != nil:
		return "the file has no provenance"
	case op != nil && np == nil:
		return "the generated file has no provenance"
	case op != nil:
		if d := provenanceDiff(*op, *np); d != "" {
			return d
		}
	}
	return ParamsDiff(oparams, nparams, Tolerance)
}

// provenanceDiff compares two provenances line by line in their indented
// JSON and describes the first line that differs.
func provenanceDiff(old, new Provenance) string {
	oj, err1 := json.MarshalIndent(old, "", "  ")
	nj, err2 := json.MarshalIndent(new, "", "  ")
	if err1 != nil || err2 != nil {
		return "provenance does not encode"
	}
	ol, nl := strings.Split(string(oj), "\n"), strings.Split(string(nj), "\n")
	for i := range max(len(ol), len(nl)) {
		var o, n string
		if i < len(ol) {
			o = strings.TrimSpace(ol[i])
		}
		if i < len(nl) {
			n = strings.TrimSpace(nl[i])
		}
		if o != n {
			return "provenance line " + strconv.Itoa(i+1) + ": " + shown(o) + " in the file, " + shown(n) + " generated"
		}
	}
	return ""
}

// shown returns a line of indented JSON for a message: without its
// trailing comma, "(nothing)" when empty.
func shown(line string) string {
	line = strings.TrimSuffix(line, ",")
	if line == "" {
		return "(nothing)"
	}
	return line
}

// ParamsDiff describes the first difference between two parameter sets,
// old and new, beyond a relative tolerance tol on m, u, the prior and the
// threshold (other fields must be equal; term-frequency tables are
// compared by number only: the pretrained files hold none), or returns "".
func ParamsDiff(old, new linkage.Params, tol float64) string {
	near := func(a, b float64) bool { return math.Abs(a-b) <= tol*max(math.Abs(a), math.Abs(b), 1e-300) }
	num := func(what string, a, b float64) string {
		return what + ": " + strconv.FormatFloat(a, 'g', -1, 64) + " in the file, " + strconv.FormatFloat(b, 'g', -1, 64) + " generated"
	}
	switch {
	case old.Version != new.Version:
		return num("version", float64(old.Version), float64(new.Version))
	case !near(old.Prior, new.Prior):
		return num("prior", old.Prior, new.Prior)
	case !near(old.Threshold, new.Threshold):
		return num("threshold", old.Threshold, new.Threshold)
	case len(old.Comparisons) != len(new.Comparisons):
		return num("number of comparisons", float64(len(old.Comparisons)), float64(len(new.Comparisons)))
	case len(old.TermFrequencies) != len(new.TermFrequencies):
		return num("number of term-frequency tables", float64(len(old.TermFrequencies)), float64(len(new.TermFrequencies)))
	}
	for i, oc := range old.Comparisons {
		nc := new.Comparisons[i]
		switch {
		case oc.Name != nc.Name:
			return "comparison " + strconv.Itoa(i+1) + ": " + strconv.Quote(oc.Name) + " in the file, " + strconv.Quote(nc.Name) + " generated"
		case len(oc.Levels) != len(nc.Levels):
			return num("comparison "+oc.Name+": number of levels", float64(len(oc.Levels)), float64(len(nc.Levels)))
		case oc.TFWeight != nc.TFWeight:
			return num("comparison "+oc.Name+": tf_weight", oc.TFWeight, nc.TFWeight)
		case oc.TFMinimum != nc.TFMinimum:
			return num("comparison "+oc.Name+": tf_minimum", oc.TFMinimum, nc.TFMinimum)
		}
		for k, ol := range oc.Levels {
			nl := nc.Levels[k]
			at := "level " + oc.Name + "/" + ol.Label
			switch {
			case ol.Label != nl.Label:
				return "comparison " + oc.Name + ": level " + strconv.Itoa(k+1) + ": " + strconv.Quote(ol.Label) + " in the file, " + strconv.Quote(nl.Label) + " generated"
			case !near(ol.M, nl.M):
				return num(at+": m", ol.M, nl.M)
			case !near(ol.U, nl.U):
				return num(at+": u", ol.U, nl.U)
			case ol.FixM != nl.FixM || ol.FixU != nl.FixU || ol.TermFrequency != nl.TermFrequency:
				return at + ": fix_m, fix_u or term_frequency differ"
			}
		}
	}
	return ""
}
