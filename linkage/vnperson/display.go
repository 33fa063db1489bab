package vnperson

import (
	"strconv"

	"github.com/vnlink/vnlink/normalize"
)

// Display holds the display form of every field of one person: the
// canonical spelling and format written back to records (Unicode NFC, one
// tone-mark style, dates as dd/mm/yyyy, numbers with their leading zeros).
// A field that is missing or does not parse is "". Display values are
// personal data: they belong in the output files a user asked for, never in
// messages or logs.
type Display struct {
	FullName    string // "Nguyễn Thị Thuý"
	BirthDate   string // "03/04/1990", "04/1990" or "1990", as precise as known
	Sex         string // "Nam" or "Nữ"
	NationalID  string // the 12-digit CCCD
	OldID       string // the 9-digit CMND
	InsuranceID string // the 15-character BHYT card number, or the 10-digit BHXH number
	BHXH        string // the 10-digit BHXH number of the card (its last 10 characters), "" when the card has none
	Phone       string // the phone number in its current 10-digit form
	Address     string // the address in canonical form
	Ethnicity   string // the name of the ethnic group
	// Hamlet is the smallest named place of the address (thôn, xóm, tổ dân
	// phố), the unit a hamlet team works on; "" when the address has none.
	Hamlet string
	// Commune is the commune-level unit of the address as written (xã,
	// phường, thị trấn: "xã Ngọc Hồi"); "" when the address names none.
	Commune string
	// Ward is today's commune-level unit of the address, with its province
	// ("Xã Ngọc Hồi, Thành phố Hà Nội"), when the administrative units
	// (PrepareOptions.Resolver) place it in exactly one; an address naming
	// a commune of before 1 July 2025 gets the unit it became.
	Ward string
	// WardCandidates lists today's units an address may be in when it
	// names an old commune split between several of them, or a name used
	// in several places (normalize.ResolveAmbiguous): Ward is then "" and
	// the clerk chooses. Nil otherwise.
	WardCandidates []string
	// AddressOutdated reports an address written in the pre-2025 form
	// (it names a district, abolished on 1 July 2025).
	AddressOutdated bool
	// PhoneOutdated reports a mobile number written with its pre-2018
	// 11-digit prefix.
	PhoneOutdated bool
	// addressNames are the folded names of the address's parts
	// (addressNames), to tell a difference of form from one of content.
	addressNames string
}

// displayParts is what Prepare keeps of a row for its Display beyond the
// Record: the parsed identity numbers, card and phone, and the parse of the
// address, which rows with the same written address share. Display forms
// are rendered from them on demand (display), so that a city's million rows
// hold some 56 bytes each for their display, not a dozen strings.
type displayParts struct {
	address       *parsedAddress
	cccd, cmnd    normalize.NationalID
	card          normalize.InsuranceID
	phone         normalize.Phone
	phoneOutdated bool
}

// display renders the Display of the prepared record r: the one place that
// says how each field is written back.
func (c *displayParts) display(r *Record) Display {
	d := Display{FullName: r.FullName(), BirthDate: r.BirthDate(), NationalID: c.cccd.String(), OldID: c.cmnd.String(),
		PhoneOutdated: c.phoneOutdated}
	if r.Sex != normalize.SexUnknown {
		d.Sex = r.Sex.String()
	}
	if !r.Ethnicity.IsZero() {
		d.Ethnicity = r.Ethnicity.Name()
	}
	if !c.card.IsZero() {
		d.InsuranceID, d.BHXH = c.card.String(), c.card.BHXH()
	}
	if !c.phone.IsZero() {
		d.Phone = c.phone.String()
	}
	if a := c.address; a != nil { // set only for an address that parsed
		d.Address, d.Hamlet, d.AddressOutdated, d.addressNames = a.display, a.hamlet, a.outdated, a.names
		d.Commune = a.commune
		d.Ward, d.WardCandidates = a.currentWard, a.wardCandidates
	}
	return d
}

// expandDisplay renders the Display of every record.
func expandDisplay(recs []Record, parts []displayParts) []Display {
	if parts == nil {
		return nil
	}
	out := make([]Display, len(parts))
	for i := range parts {
		out[i] = parts[i].display(&recs[i])
	}
	return out
}

// currentWard returns Display.Ward and Display.WardCandidates of a
// resolution.
func currentWard(res normalize.Resolution) (string, []string) {
	switch res.Status {
	case normalize.ResolveExact:
		return res.Unit.String(), nil
	case normalize.ResolveAmbiguous:
		c := make([]string, len(res.Candidates))
		for i, u := range res.Candidates {
			c[i] = u.String()
		}
		return "", c
	}
	return "", nil
}

// FormatDate writes a date of birth the way Vietnamese forms do: dd/mm/yyyy,
// mm/yyyy when the day is unknown, yyyy when only the year is; "" for the
// zero Date.
func FormatDate(d normalize.Date) string {
	var b []byte
	switch d.Precision() {
	case normalize.PrecisionDay:
		b = appendTwo(b, d.Day())
		b = append(b, '/')
		fallthrough
	case normalize.PrecisionMonth:
		b = appendTwo(b, d.Month())
		b = append(b, '/')
		fallthrough
	case normalize.PrecisionYear:
		b = strconv.AppendInt(b, int64(d.Year()), 10)
	}
	return string(b)
}

func appendTwo(b []byte, v int) []byte {
	return append(b, byte('0'+v/10), byte('0'+v%10))
}

// borrowedID reports whether a CCCD is probably a relative's: the birth year
// its digits encode is at least 12 years before the record's birth year, and
// not one mistyped digit away from it.
func borrowedID(id normalize.NationalID, birth normalize.Date) bool {
	if birth.IsZero() || id.Kind() != normalize.CCCD {
		return false
	}
	y, idYear := birth.Year(), id.BirthYear()
	if idYear == 0 || y-idYear < 12 {
		return false
	}
	return !OneDigitApart(uint64(y), uint64(idYear))
}

// oldMobilePrefix reports whether a phone was typed with 11 digits starting
// 01 (or 10 digits starting 1, the leading zero lost): a mobile number with
// the prefix it had before the 2018 change.
func oldMobilePrefix(s string) bool {
	var digits []byte
	for i := 0; i < len(s) && len(digits) < 13; i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			digits = append(digits, c)
		}
	}
	if len(digits) > 2 && digits[0] == '8' && digits[1] == '4' {
		digits = append([]byte{'0'}, digits[2:]...)
	}
	if len(digits) == 10 && digits[0] == '1' {
		return true // the old 11-digit number with its leading zero lost
	}
	return len(digits) == 11 && digits[0] == '0' && digits[1] == '1'
}
