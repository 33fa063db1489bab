package accuracy

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/vnlink/vnlink/benchmarks/synth"
)

func logReconcile(t *testing.T, m ReconcileMetrics) {
	t.Logf("reconcile: EHR duplicates pairwise %+v, b-cubed %+v", m.Duplicates.Pairwise, m.Duplicates.BCubed)
	t.Logf("reconcile: EHR->registry %+v", m.Links.Links)
	t.Logf("reconcile: coverage %.5f (truth %.5f), duplicate row rate %.5f (truth %.5f)",
		m.Coverage, m.TrueCoverage, m.DuplicateRowRate, m.TrueDuplicateRowRate)
}

// Floors sit below the values measured on the 5,000-person commune, so that
// a regression fails.
func TestReconcileSmallCommune(t *testing.T) {
	m, _, err := Reconcile(smallCommune(t))
	require.NoError(t, err)
	logReconcile(t, m)
	require.GreaterOrEqual(t, m.Duplicates.Pairwise.F1, 0.97)
	require.GreaterOrEqual(t, m.Links.Links.F1, 0.99)
	require.InDelta(t, m.TrueCoverage, m.Coverage, 0.005)
	require.InDelta(t, m.TrueDuplicateRowRate, m.DuplicateRowRate, 0.005)
}

func TestReconcileFullCommune(t *testing.T) {
	if os.Getenv("VNLINK_ACCURACY") == "" || testing.Short() {
		t.Skip("set VNLINK_ACCURACY=1 to measure the 50,000-person commune")
	}
	c, err := GenerateCommune(synth.DefaultConfig())
	require.NoError(t, err)
	m, _, err := Reconcile(c)
	require.NoError(t, err)
	logReconcile(t, m)
	require.GreaterOrEqual(t, m.Duplicates.Pairwise.F1, 0.997)
	require.GreaterOrEqual(t, m.Links.Links.F1, 0.999)
	require.InDelta(t, m.TrueCoverage, m.Coverage, 0.002)
	require.InDelta(t, m.TrueDuplicateRowRate, m.DuplicateRowRate, 0.002)
}
