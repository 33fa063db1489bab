package normalize

import (
	"bytes"
	_ "embed" // the built-in table
	"sync"
)

//go:generate go run ../internal/genunits -data ../../shared/data/adminunits -out adminunits.bin.gz -notice adminunits_NOTICE.txt

// auTable is the built-in table, generated from the public lists by
// internal/genunits (see adminunits_NOTICE.txt).
//
//go:embed adminunits.bin.gz
var auTable []byte

// AdminUnitsNotice is the notice of the built-in table of DefaultUnits:
// where each list comes from and the MIT licences of the data, verbatim.
// A program that ships the table (any program that links this package)
// should make it available, as the licences require, for instance
// behind a -licenses flag.
//
//go:embed adminunits_NOTICE.txt
var AdminUnitsNotice string

// defaultUnits decodes the built-in table once.
var defaultUnits = sync.OnceValue(func() *AdminUnits {
	u, err := ReadAdminUnitsTable(bytes.NewReader(auTable))
	if err != nil {
		// The table is generated and tested with the package: a failure
		// here is a build error, not a run-time condition.
		panic("normalize: the built-in administrative-unit table is corrupt: " + err.Error())
	}
	return u
})

// DefaultUnits returns the index of administrative units built into the
// package: the 34 provinces and 3,321 commune-level units in force from
// 1 July 2025, the 63 provinces, districts and communes before it, and
// the mapping from each old commune to the unit(s) it went to, as in the
// public lists of adminunits_NOTICE.txt (AdminUnitsNotice). It gives the
// same results as LoadAdminUnits on those lists, without any file.
//
// The table is decoded on the first call (about 20 ms on one core); every call
// returns the same index, which is immutable and safe for concurrent use.
func DefaultUnits() *AdminUnits { return defaultUnits() }

// DefaultResolver returns a new Resolver over DefaultUnits, with no
// DefaultProvince: set it to the province of the station if needed. Each
// call returns its own Resolver, so setting a field changes no other.
func DefaultResolver() *Resolver { return &Resolver{Units: DefaultUnits()} }
