// Package normalize canonicalises the fields of Vietnamese population and
// health records: free text (names, places), dates of birth, sex, national
// ID numbers (CCCD and the old CMND), health-insurance (BHYT) card numbers,
// phone numbers and ethnicity.
//
// # Three forms of text
//
// Canonical text comes in three forms that are never confused:
//
//   - the display form, returned by [Text]: Unicode NFC, one tone-mark
//     placement style, repaired legacy encodings, single spaces, case as
//     typed. This is what is written back to records.
//   - the comparison key, returned by [Key]: the display form lower-cased.
//   - the folded key, returned by [Fold]: lower-case ASCII with every mark
//     removed and đ written as d. It is a match feature, never written back.
//
// The tone mark of the oa, oe and uy families goes on the second vowel of an
// open syllable by default ([ToneNew]: hoà, khoẻ, thuý, Thuỷ); a
// [Canonicalizer] with Style [ToneOld] writes hòa, khỏe, thúy, Thủy instead.
// Closed syllables (hoàng, thuyền) and qu/gi words (quý, giúp) are the same
// in both styles.
//
// Text first repairs text that arrived in a legacy encoding: TCVN3 (ABC)
// or VNI-Windows font bytes, or UTF-8, read as Windows-1252 ([RepairLegacy],
// [DetectEncoding]). The repair is evidence-based: a decoding is used only
// when it turns tokens that are not Vietnamese syllables ([IsSyllable]) into
// valid ones and breaks none, so correct text is never changed. A word that
// is valid both as typed and decoded (VNI "Thò" for "Thị") is left alone.
// The streaming [Transformer]s skip this whole-string repair.
//
// # Dates and sex
//
// [ParseDate] reads the date formats found in commune exports (dd/mm/yyyy and
// its variants, ISO, yyyymmdd, the XML1 form yyyyMMddHHmm, year only,
// mm/yyyy, Excel serial numbers, two-digit years) into a [Date] that keeps
// its precision (day, month or year). Day first is the Vietnamese order; a
// value valid only month first is accepted and flagged ([Date.MonthFirst]).
// A [DateParser] fixes "today" for the future and age checks. [ParseSex]
// reads Nam/Nữ in any spelling and the XML1 codes 1, 2 and 3.
//
// # Identifiers
//
// [ParseNationalID] (CCCD, 12 digits, and the old CMND, 9 digits, never
// confused), [ParseInsuranceID] (the 15-character BHYT card and its 10-digit
// BHXH number), [ParsePhone] (10-digit national form, pre-2018 prefixes
// converted) and [ParseEthnicity] (the 54 groups of QĐ 121-TCTK/PPCĐ) return
// small comparable value types: two values are the same exactly when == says
// so, and comparing them allocates nothing. A CCCD's embedded province, sex
// and birth year can be checked against the record ([NationalID.CheckAgainst]).
//
// # Addresses
//
// [ParseAddress] splits free text into house, alleys, street, hamlets,
// commune, district (historical) and province, with no data needed.
// [LoadAdminUnits] indexes the public lists of units before and after the
// reform of 1 July 2025, and a [Resolver] maps an address to its current
// commune-level unit: exact, ambiguous (an old commune split between several
// new ones) or unknown. [Resolver.WardKey] is the blocking key: the unit code
// when the address resolves, else a hash of the folded commune and province
// names. Without the data, an old commune name cannot be mapped to the new
// unit that absorbed it; everything else works the same.
//
// # Errors
//
// Parse functions return a *[ParseError] wrapping one of the sentinel errors
// ([ErrEmpty], [ErrSyntax], [ErrRange], [ErrUnknownCode]). Error messages
// say what was wrong but never repeat the input value: these are personal
// data. [RecordError] adds the row and field for callers that read tables.
//
// # Concurrency
//
// The package-level functions are safe for concurrent use. Transformers
// returned by this package hold state between calls and must not be shared
// between goroutines; create one per goroutine.
package normalize
