package synth

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/vnlink/vnlink/normalize"
)

// This file measures the noise realised in the EHR and BHYT rows by
// comparing each written value with the clean value of its person. It looks
// only at the output strings, never at the generator's random decisions.

// noiseKind is one row of a NoiseReport: a field, an observed kind, the
// Noise rate it corresponds to one to one (nil when none does) and whether
// it is counted over the rows where the noise can apply rather than over
// all rows.
type noiseKind struct {
	field, kind string
	rate        func(*Noise) float64
	applicable  string // "" when counted over all rows
}

// Observed kinds, in table order.
const (
	kNameUnchanged = iota
	kNameNewborn
	kNameTCVN3
	kNameVNI
	kNameMojibake
	kNameNFD
	kNameSpaces
	kNameUpper
	kNameNoDiacritics
	kNameTone
	kNameDropMiddle
	kNameVariant
	kNameTypo
	kNameOther
	kDateUnchanged
	kDateMissing
	kDateYearOnly
	kDateDMY
	kDateDMYShort
	kDateDMYDash
	kDateDMYDot
	kDateISO
	kDateCompact
	kDateTimestamp
	kDateExcel
	kDateOtherFormat
	kDateSwap
	kDateTypo
	kDateUnparsed
	kSexCanonical
	kSexMissing
	kSexSpelling
	kSexWrong
	kIDUnchanged
	kIDMissing
	kIDCMND
	kIDLostZero
	kIDTypo
	kIDOther
	kInsUnchanged
	kInsMissing
	kInsShort
	kInsReissued
	kInsOther
	kPhoneUnchanged
	kPhoneMissing
	kPhoneOld
	kPhoneFormat
	kPhoneWrong
	kAddrMissing
	kAddrOld
	kAddrAbbrev
	kAddrNoDiacritics
	kAddrUpper
	kEthCanonical
	kEthMissing
	kEthSpelling
	kEthCode
	kEthUnparsed
	kindCount
)

var noiseKinds = [kindCount]noiseKind{
	kNameUnchanged:    {"name", "unchanged", nil, ""},
	kNameNewborn:      {"name", "newborn under mother's name", nil, ""},
	kNameTCVN3:        {"name", "TCVN3 (DetectEncoding)", func(n *Noise) float64 { return n.TCVN3 }, ""},
	kNameVNI:          {"name", "VNI (DetectEncoding)", func(n *Noise) float64 { return n.VNI }, ""},
	kNameMojibake:     {"name", "mojibake (DetectEncoding)", func(n *Noise) float64 { return n.Mojibake }, ""},
	kNameNFD:          {"name", "NFD", nil, ""},
	kNameSpaces:       {"name", "extra spaces", func(n *Noise) float64 { return n.Spaces }, ""},
	kNameUpper:        {"name", "upper case", func(n *Noise) float64 { return n.Upper }, ""},
	kNameNoDiacritics: {"name", "no diacritics", nil, ""},
	kNameTone:         {"name", "new tone placement", func(n *Noise) float64 { return n.ToneStyle }, "name with an oa/oe/uy open syllable"},
	kNameDropMiddle:   {"name", "middle name dropped", func(n *Noise) float64 { return n.DropMiddle }, "name with a middle name"},
	kNameVariant:      {"name", "family/given variant", func(n *Noise) float64 { return n.NameVariant }, "name with a variant spelling"},
	kNameTypo:         {"name", "typo (edit distance 1-2)", nil, ""},
	kNameOther:        {"name", "other change", nil, ""},
	kDateUnchanged:    {"birth date", "unchanged (dd/mm/yyyy, same value)", nil, ""},
	kDateMissing:      {"birth date", "missing", func(n *Noise) float64 { return n.DateMissing }, ""},
	kDateYearOnly:     {"birth date", "year only", nil, ""},
	kDateDMY:          {"birth date", "format dd/mm/yyyy", nil, ""},
	kDateDMYShort:     {"birth date", "format d/m/yyyy", nil, ""},
	kDateDMYDash:      {"birth date", "format dd-mm-yyyy", nil, ""},
	kDateDMYDot:       {"birth date", "format dd.mm.yyyy", nil, ""},
	kDateISO:          {"birth date", "format yyyy-mm-dd", nil, ""},
	kDateCompact:      {"birth date", "format yyyymmdd", nil, ""},
	kDateTimestamp:    {"birth date", "format yyyymmddHHMM (XML1)", nil, ""},
	kDateExcel:        {"birth date", "format Excel serial", nil, ""},
	kDateOtherFormat:  {"birth date", "other format", nil, ""},
	kDateSwap:         {"birth date", "day and month swapped", func(n *Noise) float64 { return n.DaySwap }, "date with day <= 12 and day != month"},
	kDateTypo:         {"birth date", "one digit changed", nil, ""},
	kDateUnparsed:     {"birth date", "rejected by normalize.ParseDate", nil, ""},
	kSexCanonical:     {"sex", "Nam/Nữ", nil, ""},
	kSexMissing:       {"sex", "missing", func(n *Noise) float64 { return n.SexMissing }, ""},
	kSexSpelling:      {"sex", "other spelling, same sex", nil, ""},
	kSexWrong:         {"sex", "unreadable or other sex", nil, ""},
	kIDUnchanged:      {"national ID", "unchanged CCCD", nil, ""},
	kIDMissing:        {"national ID", "missing", func(n *Noise) float64 { return n.IDMissing }, ""},
	kIDCMND:           {"national ID", "old CMND instead", nil, "person with a CMND"},
	kIDLostZero:       {"national ID", "leading zeros lost", nil, ""},
	kIDTypo:           {"national ID", "one digit changed", nil, ""},
	kIDOther:          {"national ID", "other", nil, ""},
	kInsUnchanged:     {"insurance ID", "unchanged card", nil, "insured person"},
	kInsMissing:       {"insurance ID", "missing", func(n *Noise) float64 { return n.InsuranceMissing }, "insured person"},
	kInsShort:         {"insurance ID", "BHXH number only", nil, "insured person"},
	kInsReissued:      {"insurance ID", "other object code", nil, "insured person"},
	kInsOther:         {"insurance ID", "other", nil, "insured person"},
	kPhoneUnchanged:   {"phone", "unchanged", nil, "person with a phone"},
	kPhoneMissing:     {"phone", "missing", func(n *Noise) float64 { return n.PhoneMissing }, "person with a phone"},
	kPhoneOld:         {"phone", "pre-2018 11-digit number", nil, "phone with a changed prefix"},
	kPhoneFormat:      {"phone", "other format, same number", nil, "person with a phone"},
	kPhoneWrong:       {"phone", "unreadable or other number", nil, "person with a phone"},
	kAddrMissing:      {"address", "missing", func(n *Noise) float64 { return n.AddressMissing }, ""},
	kAddrOld:          {"address", "pre-reform (names a district)", nil, "row created after 1 July 2025"},
	kAddrAbbrev:       {"address", "abbreviated", nil, ""},
	kAddrNoDiacritics: {"address", "no diacritics", nil, ""},
	kAddrUpper:        {"address", "upper case", nil, ""},
	kEthCanonical:     {"ethnicity", "official name", nil, ""},
	kEthMissing:       {"ethnicity", "missing", func(n *Noise) float64 { return n.EthnicityMissing }, ""},
	kEthSpelling:      {"ethnicity", "other spelling, same group", nil, ""},
	kEthCode:          {"ethnicity", "code", nil, ""},
	kEthUnparsed:      {"ethnicity", "rejected by normalize.ParseEthnicity", nil, ""},
}

// NoiseReport counts, for one file, the kinds of damage observed in its
// rows. A row may show several kinds in one field (an upper-case name in
// TCVN3); each is counted. Build one with MeasureNoise or Add rows to
// NewNoiseReport.
type NoiseReport struct {
	File File
	Rows int // rows added

	pop    *Population
	counts [kindCount]int
	of     [kindCount]int
}

// NoiseRate is one line of a NoiseReport: N of Of rows show Kind in Field.
type NoiseRate struct {
	Field, Kind string
	N, Of       int
	// Over describes the rows counted in Of when they are not all rows
	// (e.g. "person with a CMND"); "" means every row.
	Over string
	// Configured is the Noise rate that maps one to one to this kind, and
	// HasConfigured says whether there is one.
	Configured    float64
	HasConfigured bool
}

// Share returns N/Of, or 0 when Of is 0.
func (r NoiseRate) Share() float64 {
	if r.Of == 0 {
		return 0
	}
	return float64(r.N) / float64(r.Of)
}

// NewNoiseReport returns an empty report for rows of file f of pop.
func NewNoiseReport(pop *Population, f File) *NoiseReport {
	return &NoiseReport{File: f, pop: pop}
}

// MeasureNoise generates cfg and returns the noise report of its EHR file
// and, when cfg.BHYT is set, of its BHYT file (else nil).
func MeasureNoise(cfg Config) (ehr, bhyt *NoiseReport, err error) {
	pop, err := NewPopulation(cfg)
	if err != nil {
		return nil, nil, err
	}
	ehr = NewNoiseReport(pop, EHR)
	if cfg.BHYT {
		bhyt = NewNoiseReport(pop, BHYT)
	}
	_, err = pop.generate(cfg, func(r *Record) error {
		switch r.File {
		case EHR:
			ehr.Add(r)
		case BHYT:
			bhyt.Add(r)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return ehr, bhyt, nil
}

// Rates returns the lines of the report in a fixed order, by field.
// Configured is read from n (the Noise the file was generated with).
func (nr *NoiseReport) Rates(n *Noise) []NoiseRate {
	out := make([]NoiseRate, 0, kindCount)
	for k := range kindCount {
		d := &noiseKinds[k]
		r := NoiseRate{Field: d.field, Kind: d.kind, N: nr.counts[k], Of: nr.Rows, Over: d.applicable}
		if d.applicable != "" {
			r.Of = nr.of[k]
		}
		if d.rate != nil && n != nil {
			r.Configured, r.HasConfigured = d.rate(n), true
		}
		out = append(out, r)
	}
	return out
}

// WriteMarkdown writes the report as a Markdown table: field, kind,
// count, rows counted over, realised share and configured rate. It writes
// no personal value.
func (nr *NoiseReport) WriteMarkdown(w io.Writer, n *Noise) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d rows\n\n", nr.File, nr.Rows)
	b.WriteString("| field | kind | count | of | realised | configured |\n")
	b.WriteString("|---|---|---:|---:|---:|---:|\n")
	for _, r := range nr.Rates(n) {
		of := fmt.Sprint(r.Of)
		if r.Over != "" {
			of += " (" + r.Over + ")"
		}
		conf := ""
		if r.HasConfigured {
			conf = fmt.Sprintf("%.2f%%", 100*r.Configured)
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %s | %.2f%% | %s |\n", r.Field, r.Kind, r.N, of, 100*r.Share(), conf)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (nr *NoiseReport) hit(k int) { nr.counts[k]++ }
func (nr *NoiseReport) over(ks ...int) {
	for _, k := range ks {
		nr.of[k]++
	}
}
func (nr *NoiseReport) hitIf(k int, b bool) {
	if b {
		nr.counts[k]++
	}
}

// Add classifies the fields of one EHR or BHYT row r of the report's
// population. It costs O(length of the row).
func (nr *NoiseReport) Add(r *Record) {
	p := &nr.pop.People[r.Person]
	nr.Rows++
	nr.addName(r.FullName, p)
	nr.addDate(r.BirthDate, p)
	nr.addSex(r.Sex, p)
	nr.addID(r.NationalID, p)
	nr.addInsurance(r.InsuranceID, p)
	nr.addPhone(r.Phone, p)
	nr.addAddress(r, p)
	nr.addEthnicity(r.Ethnicity, p)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func joinName(family, middle, given string) string {
	if middle == "" {
		return family + " " + given
	}
	return family + " " + middle + " " + given
}

func (nr *NoiseReport) addName(w string, p *Person) {
	clean := p.FullName()
	if w == clean {
		nr.hit(kNameUnchanged)
	}
	family, middle, given := p.FamilyName(), p.MiddleName(), p.GivenName()
	tone := newToneStyle(clean)
	// Thúy/Thuý and Thủy/Thuỷ are tone placements, counted as such.
	spelled := func(w string) bool { v := variant(w); return v != w && v != newToneStyle(w) }
	hasVariant := spelled(family) || spelled(given)
	if tone != clean {
		nr.over(kNameTone)
	}
	if middle != "" {
		nr.over(kNameDropMiddle)
	}
	if hasVariant {
		nr.over(kNameVariant)
	}
	if w == "" {
		return
	}
	s := w
	switch enc := normalize.DetectEncoding(w); enc {
	case normalize.TCVN3, normalize.VNI, normalize.Mojibake:
		nr.hit(kNameTCVN3 + int(enc-normalize.TCVN3))
		s, _ = normalize.RepairLegacy(w)
	default:
		if !norm.NFC.IsNormalString(w) {
			nr.hit(kNameNFD)
		}
	}
	s = norm.NFC.String(s)
	nr.hitIf(kNameSpaces, strings.Contains(s, "  ") || strings.HasSuffix(s, " "))
	s = strings.Join(strings.Fields(s), " ")
	nr.hitIf(kNameUpper, s == strings.ToUpper(s) && s != strings.ToLower(s))
	ascii := isASCII(s)
	nr.hitIf(kNameNoDiacritics, ascii && !isASCII(clean))

	// Newborns recorded under the mother's name.
	f := normalize.Fold(s)
	for _, pre := range newbornPrefixes {
		if strings.HasPrefix(f, normalize.Fold(pre)) {
			nr.hit(kNameNewborn)
			return
		}
	}
	// Compare the lower-case word forms with every explained variant of
	// the clean name; the first that matches names the change.
	low := strings.ToLower(s)
	norm1 := func(x string) string {
		if ascii {
			return normalize.Fold(x)
		}
		return strings.ToLower(x)
	}
	type cand struct {
		name       string
		drop, vari bool
	}
	cands := []cand{{clean, false, false}}
	if middle != "" {
		cands = append(cands, cand{joinName(family, "", given), true, false})
	}
	if hasVariant {
		cands = append(cands, cand{joinName(variant(family), middle, variant(given)), false, true})
		if middle != "" {
			cands = append(cands, cand{joinName(variant(family), "", variant(given)), true, true})
		}
	}
	best, bestD, bestTone := cands[0], 1<<30, false
	for _, c := range cands {
		for i, form := range [2]string{c.name, newToneStyle(c.name)} {
			if i == 1 && form == c.name {
				continue
			}
			if d := editDistance(low, norm1(form)); d < bestD {
				best, bestD, bestTone = c, d, i == 1
			}
		}
	}
	nr.hitIf(kNameDropMiddle, best.drop)
	nr.hitIf(kNameVariant, best.vari)
	nr.hitIf(kNameTone, bestTone && !ascii)
	switch {
	case bestD == 0:
	case bestD <= 2:
		nr.hit(kNameTypo)
	default:
		nr.hit(kNameOther)
	}
}

// editDistance is the Levenshtein distance between a and b in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// dateShape returns the observed format kind of a non-empty birth date.
func dateShape(w string) int {
	digits, seps := 0, ""
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= '0' && c <= '9':
			digits++
		default:
			seps += string(c)
		}
	}
	parts := strings.FieldsFunc(w, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	switch {
	case seps == "" && len(w) == 4:
		return kDateYearOnly
	case seps == "" && len(w) == 8:
		return kDateCompact
	case seps == "" && len(w) == 12:
		return kDateTimestamp
	case seps == "" && len(w) == 5:
		return kDateExcel
	case len(parts) != 3:
		return kDateOtherFormat
	case seps == "--" && len(parts[0]) == 4:
		return kDateISO
	case len(parts[2]) != 4:
		return kDateOtherFormat
	case seps == "//" && len(parts[0]) == 2 && len(parts[1]) == 2:
		return kDateDMY
	case seps == "//":
		return kDateDMYShort
	case seps == "--":
		return kDateDMYDash
	case seps == "..":
		return kDateDMYDot
	}
	return kDateOtherFormat
}

// dateFormatOf maps an observed format kind to the generator's format.
var dateFormatOf = map[int]int{
	kDateDMY: dateDMY, kDateDMYShort: dateDMYShort, kDateDMYDash: dateDMYDash, kDateDMYDot: dateDMYDot,
	kDateISO: dateISO, kDateCompact: dateCompact, kDateTimestamp: dateTimestamp, kDateExcel: dateExcel,
}

func (nr *NoiseReport) addDate(w string, p *Person) {
	y, m, d := int(p.BirthYear), int(p.BirthMonth), int(p.BirthDay)
	if d <= 12 && d != m {
		nr.over(kDateSwap)
	}
	if w == "" {
		nr.hit(kDateMissing)
		return
	}
	if _, err := normalize.ParseDate(w); err != nil {
		nr.hit(kDateUnparsed)
	}
	k := dateShape(w)
	nr.hit(k)
	f, ok := dateFormatOf[k]
	if !ok {
		return
	}
	// Render the clean date (and its swap) in the observed format and
	// compare digit by digit.
	same := string(appendDate(nil, f, y, m, d))
	switch {
	case w == same:
		if f == dateDMY {
			nr.hit(kDateUnchanged)
		}
	case d <= 12 && w == string(appendDate(nil, f, y, d, m)):
		nr.hit(kDateSwap)
	case oneDigitApart(w, same):
		nr.hit(kDateTypo)
	case d <= 12 && oneDigitApart(w, string(appendDate(nil, f, y, d, m))):
		nr.hit(kDateSwap)
		nr.hit(kDateTypo)
	}
}

// oneDigitApart reports whether a and b have the same length and differ
// in exactly one byte, a digit in both.
func oneDigitApart(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	n := 0
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] {
			if a[i] < '0' || a[i] > '9' || b[i] < '0' || b[i] > '9' {
				return false
			}
			n++
		}
	}
	return n == 1
}

func (nr *NoiseReport) addSex(w string, p *Person) {
	switch {
	case w == "":
		nr.hit(kSexMissing)
	case w == sexName(p.Sex):
		nr.hit(kSexCanonical)
	default:
		s, err := normalize.ParseSex(w)
		want := normalize.Male
		if p.Sex == Female {
			want = normalize.Female
		}
		if err == nil && s == want {
			nr.hit(kSexSpelling)
		} else {
			nr.hit(kSexWrong)
		}
	}
}

func (nr *NoiseReport) addID(w string, p *Person) {
	cccd, cmnd := p.NationalID(), p.OldID()
	if cmnd != "" {
		nr.over(kIDCMND)
	}
	if w == "" {
		nr.hit(kIDMissing)
		return
	}
	if w == cccd {
		nr.hit(kIDUnchanged)
		return
	}
	for _, base := range []string{cccd, cmnd} {
		if base == "" {
			continue
		}
		padded := w
		if len(w) < len(base) {
			padded = strings.Repeat("0", len(base)-len(w)) + w
		}
		if padded != base && !oneDigitApart(padded, base) {
			continue
		}
		nr.hitIf(kIDCMND, base == cmnd)
		nr.hitIf(kIDLostZero, padded != w)
		nr.hitIf(kIDTypo, padded != base)
		return
	}
	nr.hit(kIDOther)
}

func (nr *NoiseReport) addInsurance(w string, p *Person) {
	card := p.InsuranceID()
	if card == "" {
		return // uninsured: nothing to damage
	}
	nr.over(kInsUnchanged, kInsMissing, kInsShort, kInsReissued, kInsOther)
	switch {
	case w == "":
		nr.hit(kInsMissing)
	case w == card:
		nr.hit(kInsUnchanged)
	case w == p.BHXHNumber():
		nr.hit(kInsShort)
	case len(w) == len(card) && w[len(w)-10:] == card[len(card)-10:]:
		nr.hit(kInsReissued)
	default:
		nr.hit(kInsOther)
	}
}

func (nr *NoiseReport) addPhone(w string, p *Person) {
	clean := p.Phone()
	if clean == "" {
		return
	}
	nr.over(kPhoneUnchanged, kPhoneMissing, kPhoneFormat, kPhoneWrong)
	if phonePrefixes[p.phonePrefix].old != "" {
		nr.over(kPhoneOld)
	}
	if w == "" {
		nr.hit(kPhoneMissing)
		return
	}
	if w == clean {
		nr.hit(kPhoneUnchanged)
		return
	}
	var digits []byte
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= '0' && c <= '9' {
			digits = append(digits, c)
		}
	}
	national := string(digits)
	if strings.HasPrefix(national, "84") && len(national) >= 11 {
		national = "0" + national[2:]
	} else if !strings.HasPrefix(national, "0") {
		national = "0" + national
	}
	nr.hitIf(kPhoneOld, len(national) == 11)
	nr.hitIf(kPhoneFormat, w != national)
	want, _ := normalize.ParsePhone(clean)
	if got, err := normalize.ParsePhone(w); err != nil || got != want {
		nr.hit(kPhoneWrong)
	}
}

func (nr *NoiseReport) addAddress(r *Record, p *Person) {
	h := &nr.pop.Hamlets[nr.pop.Households[p.Household].Hamlet]
	recent := r.File == BHYT || r.CreatedAt >= "2025-07-01"
	if recent {
		nr.over(kAddrOld)
	}
	w := r.Address
	if w == "" {
		nr.hit(kAddrMissing)
		return
	}
	f := normalize.Fold(w)
	nr.hitIf(kAddrOld, recent && strings.Contains(f, normalize.Fold(h.District)))
	nr.hitIf(kAddrAbbrev, !strings.Contains(f, "thanh pho"))
	nr.hitIf(kAddrNoDiacritics, isASCII(w))
	nr.hitIf(kAddrUpper, w == strings.ToUpper(w))
}

func (nr *NoiseReport) addEthnicity(w string, p *Person) {
	e := &ethnicities[p.ethnic]
	switch {
	case w == "":
		nr.hit(kEthMissing)
	case w == e.name:
		nr.hit(kEthCanonical)
	default:
		got, err := normalize.ParseEthnicity(w)
		want, _ := normalize.ParseEthnicity(e.name)
		switch {
		case err != nil || got != want:
			nr.hit(kEthUnparsed)
		case strings.Trim(w, "0123456789") == "":
			nr.hit(kEthCode)
		default:
			nr.hit(kEthSpelling)
		}
	}
}
