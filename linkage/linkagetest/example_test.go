package linkagetest_test

import (
	"fmt"
	"testing"

	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/linkagetest"
)

// printTB prints the errors CheckComparison reports; in a real test pass
// the *testing.T of the test function instead.
type printTB struct{ testing.TB }

func (printTB) Helper()                           {}
func (printTB) Errorf(format string, args ...any) { fmt.Printf(format+"\n", args...) }

// A schema package tests its comparisons on a few records that reach every
// level. Here a template passes, and a hand-written comparison that looks
// at only one side of the pair is caught.
func ExampleCheckComparison() {
	type citizen struct{ Name string }
	records := []citizen{{"lan"}, {"lann"}, {""}, {"mai"}}

	name := linkage.JaroWinklerLevels("name", func(c *citizen) string { return c.Name }, 0.9)
	linkagetest.CheckComparison(printTB{}, name, records)

	oneSided := linkage.Custom[citizen]("one_sided", nil,
		linkage.Level[citizen]{Label: "first missing", Match: func(a, b *citizen) bool { return a.Name == "" }})
	linkagetest.CheckComparison(printTB{}, oneSided, records)
	// Output:
	// linkagetest: comparison "one_sided": not symmetric: level(0, 2) = "else", level(2, 0) = "first missing"
	// linkagetest: comparison "one_sided": not symmetric: level(1, 2) = "else", level(2, 1) = "first missing"
	// linkagetest: comparison "one_sided": not symmetric: level(2, 0) = "first missing", level(0, 2) = "else"
	// linkagetest: comparison "one_sided": not symmetric: level(2, 1) = "first missing", level(1, 2) = "else"
	// linkagetest: comparison "one_sided": not symmetric: level(2, 3) = "first missing", level(3, 2) = "else"
	// linkagetest: comparison "one_sided": not symmetric: level(3, 2) = "else", level(2, 3) = "first missing"
}
