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
