//go:build race

package accuracy

// raceEnabled reports whether the tests run under the race detector, which
// makes the FEBRL runs too slow for CI; they then run only with
// VNLINK_ACCURACY=1.
const raceEnabled = true
