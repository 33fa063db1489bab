package main

import (
	"math"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"

	tbl "github.com/vnlink/vnlink/table"
)

func TestMemoryLimit(t *testing.T) {
	const meminfo = "MemTotal:       24000000 kB\nMemFree:        20000000 kB\n"
	const total = 24000000 << 10
	for _, tc := range []struct {
		name, meminfo, v2, v1 string
		want                  int64
	}{
		{"machine", meminfo, "", "", total / 2},
		{"cgroup v2 without limit", meminfo, "max\n", "", total / 2},
		{"cgroup v2 limit", meminfo, "8589934592\n", "", 8589934592 / 2},
		{"cgroup v1 limit", meminfo, "", "4294967296\n", 4294967296 / 2},
		{"cgroup v1 no limit", meminfo, "", "9223372036854771712\n", total / 2},
		{"limit above the machine", meminfo, "99999999999999\n", "", total / 2},
		{"no meminfo", "", "8589934592", "", 0},
		{"bad meminfo", "MemTotal: lots\n", "", "", 0},
		{"meminfo without unit", "MemTotal: 1000\n", "", "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, memoryLimit(tc.meminfo, tc.v2, tc.v1))
		})
	}
}

func TestLimitMemoryLeavesGOMEMLIMIT(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "1GiB")
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	assert.Zero(t, limitMemory())
}

// TestLimitMemoryGCPercent: the collector's target is gcPercent unless
// GOGC says otherwise.
func TestLimitMemoryGCPercent(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "1GiB") // leave the memory limit alone
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	for _, tc := range []struct {
		gogc string
		want int
	}{{"", gcPercent}, {"150", 100}, {"off", 100}} {
		t.Setenv("GOGC", tc.gogc)
		debug.SetGCPercent(100)
		limitMemory()
		assert.Equal(t, tc.want, debug.SetGCPercent(100), "GOGC=%q", tc.gogc)
	}
}

func TestLimitMemorySetsInputLimit(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	defer func(old int64) { inputLimit = old }(inputLimit)
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	limit := limitMemory()
	if limit == 0 {
		t.Skip("the machine's memory cannot be read here")
	}
	assert.Equal(t, limit, debug.SetMemoryLimit(-1))
	assert.Equal(t, max(tbl.DefaultMaxBytes, limit/bytesPerInputByte), inputLimit)
}

// TestSetInputLimit: the input limit follows a memory limit, never below
// package table's default, and no limit leaves it.
func TestSetInputLimit(t *testing.T) {
	defer func(old int64) { inputLimit = old }(inputLimit)
	for _, tc := range []struct {
		name  string
		limit int64
		want  int64
	}{
		{"11 GiB", 11 << 30, (11 << 30) / bytesPerInputByte},
		{"small machine", 2 << 30, tbl.DefaultMaxBytes},
		{"no limit", math.MaxInt64, tbl.DefaultMaxBytes},
		{"unknown", 0, tbl.DefaultMaxBytes},
	} {
		inputLimit = tbl.DefaultMaxBytes
		setInputLimit(tc.limit)
		assert.Equal(t, tc.want, inputLimit, tc.name)
	}
}
