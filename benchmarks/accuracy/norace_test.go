//go:build !race

package accuracy

// raceEnabled reports whether the tests run under the race detector.
const raceEnabled = false
