package blocking

import (
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

// scenarioFromBytes decodes fuzz input into a scenario: byte 0 picks the
// mode and policy, byte 1 the rules and window, byte 2 the cap; then every
// 3 bytes make one record (its keys, which may be missing or repeated, and
// its sort key, which may be any bytes).
func scenarioFromBytes(data []byte) scenario {
	var sc scenario
	if len(data) < 3 {
		data = append(data, make([]byte, 3-len(data))...)
	}
	flags, ruleBits, capByte := data[0], data[1], data[2]
	data = data[3:]
	sc.link = flags&1 == 1
	sc.opts.Oversize = OversizePolicy(flags >> 1 & 1)
	sc.opts.MaxBlockSize = int(capByte % 12)
	all := []Rule[rec]{
		Exact("a", keysA).SplitBy(keysSec),
		Exact("b", keysB),
		SortedNeighbourhood("s", 1+int(ruleBits>>4)%4, sortKeyS),
	}
	for i, r := range all {
		if ruleBits&(1<<i) != 0 {
			sc.rules = append(sc.rules, r)
		}
	}
	if ruleBits&8 != 0 {
		slices.Reverse(sc.rules)
	}
	if len(sc.rules) == 0 {
		sc.rules = all[1:2]
	}
	var recs []rec
	for len(data) >= 3 && len(recs) < 40 {
		x, y, z := data[0], data[1], data[2]
		data = data[3:]
		r := rec{b: int64(x%5) - 1, sec: []int64{int64(z % 3)}}
		for i := 0; i < int(x>>3)%3; i++ {
			r.as = append(r.as, int64(y>>(2*i))%4)
		}
		if y&0x80 != 0 {
			r.s = string([]byte{z >> 4, z & 0xf})
		}
		recs = append(recs, r)
	}
	if sc.link {
		half := len(recs) / 2
		sc.left, sc.right = recs[:half], recs[half:]
	} else {
		sc.left = recs
	}
	return sc
}

// FuzzCandidates checks the key handling end to end: whatever keys, sort
// keys, caps and rule orders, the pairs equal the brute-force reference,
// each produced once, and Diagnose's exact counts add up to them.
func FuzzCandidates(f *testing.F) {
	f.Add([]byte{0, 7, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
	f.Add([]byte{1, 0x17, 3, 0x81, 0x82, 0x83, 0x81, 0x82, 0x83, 9, 9, 9, 0xff, 0xff, 0xff})
	f.Add([]byte{2, 0x2f, 2, 0, 0x80, 1, 0, 0x80, 1, 0, 0x80, 1, 8, 0x80, 0x11})
	f.Add([]byte{3, 0x3d, 5, 0x10, 0x9b, 0x20, 0x18, 0x8b, 0x21, 0x0a, 0x1b, 0x22, 0x11, 0x0b, 0x23})
	f.Fuzz(func(t *testing.T, data []byte) {
		sc := scenarioFromBytes(data)
		c := sc.run(t)
		got := collect(t, c, slices.Collect(c.Pairs()))
		if diff := gocmp.Diff(sc.bruteForce(), got); diff != "" {
			t.Fatalf("pairs (-want +got):\n%s", diff)
		}
		d, err := c.Diagnose(DiagnoseOptions{Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		if d.Pairs != int64(len(got)) {
			t.Fatalf("Diagnose counted %d pairs, generated %d", d.Pairs, len(got))
		}
	})
}
