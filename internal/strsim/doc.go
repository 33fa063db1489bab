// Package strsim holds the one allocation-free implementation of the string
// similarities and edit distances that linkage and vnname export: Jaro,
// JaroWinkler, Levenshtein and OSA, plus the bounded variants the linkage
// comparison templates use (JaroWinklerAbove, LevenshteinWithin,
// OSAWithin).
//
// All functions work on runes (Unicode code points); invalid UTF-8 bytes
// count as utf8.RuneError, as in a range loop. ASCII strings are compared
// byte by byte without decoding. Strings of at most MaxStackRunes runes are
// handled in fixed stack buffers, so a call allocates nothing; longer
// strings are still handled correctly, with a few heap allocations.
//
// Every function is symmetric (bit for bit for the float results),
// deterministic, pure and safe for concurrent use. The results agree with
// github.com/antzucaro/matchr (JaroWinkler with longTolerance false and
// its arguments in increasing order, Levenshtein, OSA); the tests check it.
//
// The package is internal: linkage and vnname may not import each other,
// so both wrap this one implementation in their own exported functions.
package strsim
