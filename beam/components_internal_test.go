package vnbeam

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestComponentsFn(t *testing.T) {
	// Two components, one a chain given out of order (L1-R1, L2-R1,
	// L3-L2, L3-R9), the other L7-R7; a left and a right row of one index
	// are different rows.
	edges := []edge{{"L3", "L2"}, {"L7", "R7"}, {"L1", "R1"}, {"L3", "R9"}, {"L2", "R1"}}
	i := 0
	next := func(e *edge) bool {
		if i == len(edges) {
			return false
		}
		*e = edges[i]
		i++
		return true
	}
	got := map[string]string{}
	(&componentsFn{}).ProcessElement(0, next, func(ref, root string) { got[ref] = root })
	require.Len(t, got, 7)
	for _, r := range []string{"L1", "L2", "L3", "R1", "R9"} {
		require.Equal(t, got["L3"], got[r], r)
	}
	require.Equal(t, got["L7"], got["R7"])
	require.NotEqual(t, got["L7"], got["L3"])
}
