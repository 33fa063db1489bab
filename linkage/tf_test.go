package linkage_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/vnlink/vnlink/linkage"
)

func TestGroupFrequency(t *testing.T) {
	tests := []struct {
		name                                 string
		count, total, groupCount, groupTotal uint64
		strength                             float64
		want                                 float64
	}{
		// A value held by one record keeps 1/total in any group: the
		// record does not count itself into a small group's frequency.
		{"unique value in a sparse year", 1, 50_000, 1, 600, 4, 1.0 / 50_000},
		{"alone in its group", 10, 1_000, 1, 1, 4, 10.0 / 1_000},
		// q = 10/1000, expected = 1 other holder in the group, 1 seen.
		{"as many holders as expected", 11, 1_001, 2, 101, 4, 11.0 / 1_001},
		// Two holders of a rare name born in one year of a commune: the
		// raw frequency in the year (2/600) would be 83 times the overall
		// one; shrunk, it moves by 12%.
		{"rare value twice in a sparse year", 2, 50_000, 2, 600, 4, 4.492534709240011e-05},
		{"common value in its year of a city", 1_001, 1_000_000, 31, 12_001, 4, 0.0021259984062496017},
		{"common value absent from the rest of its year", 1_001, 1_000_000, 1, 12_001, 4, 0.00025099981249995313},
		{"strength 0: the share in the group, record left out", 1_001, 1_000_000, 31, 12_001, 0, 0.0025009974999999998},
		{"common value in a sparse year", 101, 50_000, 3, 600, 4, 0.0023285695816788253},
		{"no record", 0, 0, 0, 0, 4, 0},
		{"group count above the count", 2, 10, 3, 5, 4, 0.2},
		{"group total above the total", 2, 10, 2, 11, 4, 0.2},
		{"zero group count", 2, 10, 0, 5, 4, 0.2},
		{"negative strength", 2, 10, 2, 5, -1, 0.2},
		{"NaN strength", 2, 10, 2, 5, math.NaN(), 0.2},
		{"infinite strength", 2, 10, 2, 5, math.Inf(1), 0.2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := linkage.GroupFrequency(tt.count, tt.total, tt.groupCount, tt.groupTotal, tt.strength)
			assert.InDelta(t, tt.want, got, 1e-15*max(tt.want, 1e-300))
		})
	}
}

func TestGroupFrequencyBounds(t *testing.T) {
	for _, strength := range []float64{0, 0.5, 4, 100} {
		for count := uint64(1); count <= 12; count++ {
			for groupTotal := uint64(1); groupTotal <= 12; groupTotal++ {
				for groupCount := uint64(1); groupCount <= min(count, groupTotal); groupCount++ {
					f := linkage.GroupFrequency(count, 12, groupCount, groupTotal, strength)
					assert.True(t, f >= 1.0/12 && f <= 1, "GroupFrequency(%d, 12, %d, %d, %g) = %g", count, groupCount, groupTotal, strength, f)
				}
			}
		}
	}
}
