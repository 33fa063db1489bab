package main

import (
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"strings"

	tbl "github.com/vnlink/vnlink/table"
)

// memoryShare is the share of the machine's memory (or of the cgroup's
// limit, when lower) that vnlink sets as the Go runtime's soft memory limit
// when GOMEMLIMIT is not set: as the heap nears it the collector runs more
// often instead of letting the heap grow by gcPercent, so a run whose live
// data fits in memory finishes instead of being killed, and the machine
// keeps half its memory for the other programs of a station PC. It does not
// lower the memory a small run uses. Linking the 8.7-million-person city on
// a 23 GB machine: peak RSS 14.6 GiB at 3/4 (the limit then 16.1 GiB),
// 11.0 GiB with an 11 GiB limit, for 7% more CPU time and the same wall
// time and output (benchmarks/README.md).
const memoryShare = 0.5

// gcPercent is the collector's target (GOGC) that vnlink sets when GOGC is
// not set: the heap may grow 70% over the live data between collections
// instead of the default 100%. A run's live data grows as it reads and
// indexes its rows and little of it dies young, so the peak is about
// (1 + gcPercent/100) times the live data, and a lower target lowers it for
// about the same CPU (the 1M-person link: 1.99-2.02 GiB at 100, 1.78-1.85
// GiB at 70, CPU time within the machine's noise; benchmarks/README.md).
const gcPercent = 70

// bytesPerInputByte is about what a run holds per byte of input, with room
// to spare: peak RSS over input bytes measured 14 for dedupe of a
// million-person city (2.22 GB for a 158 MB EHR file) and 10 for link
// (3.21 GB for 307 MB of EHR and registry), then 9 and 6 once records kept
// their display forms compact and link read one file at a time, and 8.6
// and 5.7 for the 8.7-million-person city once rows were read once (11.8 GB
// for a 1.38 GB EHR file; 15.3 GB for 2.68 GB of EHR and registry), with
// the memory limit at 16 GiB (benchmarks/README.md).
const bytesPerInputByte = 8

// inputLimit is the most bytes an input file may have: DefaultMaxBytes of
// package table (1 GiB), or more when the memory limit holds a larger
// input (set by limitMemory: the memory limit / bytesPerInputByte, the
// limit vnlink sets or the one GOMEMLIMIT gives).
var inputLimit int64 = tbl.DefaultMaxBytes

// setInputLimit sets inputLimit from the memory limit in effect; none
// (math.MaxInt64, or 0) leaves it.
func setInputLimit(limit int64) {
	if limit > 0 && limit < math.MaxInt64 {
		inputLimit = max(tbl.DefaultMaxBytes, limit/bytesPerInputByte)
	}
}

// limitMemory sets the collector's target to gcPercent unless the user set
// GOGC, and the soft memory limit from the machine's size, unless the user
// set GOMEMLIMIT (which the runtime then applies) or the size cannot be read
// (other systems than Linux: no limit, as before). It returns the limit set,
// 0 for none.
func limitMemory() int64 {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") != "" {
		// The runtime took its limit from GOMEMLIMIT: the input limit
		// follows it.
		setInputLimit(debug.SetMemoryLimit(-1))
		return 0
	}
	meminfo, _ := os.ReadFile("/proc/meminfo")
	v2, _ := os.ReadFile("/sys/fs/cgroup/memory.max")
	v1, _ := os.ReadFile("/sys/fs/cgroup/memory/memory.limit_in_bytes")
	limit := memoryLimit(string(meminfo), string(v2), string(v1))
	if limit > 0 {
		debug.SetMemoryLimit(limit)
		setInputLimit(limit)
	}
	return limit
}

// memoryLimit returns memoryShare of the smallest of the machine's memory
// (MemTotal of /proc/meminfo) and the cgroup v2 and v1 limits given as the
// contents of their files; 0 when the machine's memory is unknown.
func memoryLimit(meminfo, cgroupV2, cgroupV1 string) int64 {
	var total int64
	for line := range strings.Lines(meminfo) {
		rest, ok := strings.CutPrefix(line, "MemTotal:")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) == 2 && f[1] == "kB" {
			if kb, err := strconv.ParseInt(f[0], 10, 64); err == nil && kb > 0 && kb < 1<<53 {
				total = kb << 10
			}
		}
	}
	if total == 0 {
		return 0
	}
	for _, c := range []string{cgroupV2, cgroupV1} {
		// "max", an empty file or v1's huge "no limit" value leave total.
		if n, err := strconv.ParseInt(strings.TrimSpace(c), 10, 64); err == nil && n > 0 && n < total {
			total = n
		}
	}
	return int64(float64(total) * memoryShare)
}
