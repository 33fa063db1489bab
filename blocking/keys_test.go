package blocking_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/blocking"
)

// pairsByKeys forms the pairs of one exact rule from Rule.Keys, SplitKeys
// and Cap alone, the way an engine grouping records by key would.
func pairsByKeys(rule blocking.Rule[int], opts blocking.Options, recs []int) map[[2]int32]bool {
	blocks := map[blocking.Key][]int32{}
	for i := range recs {
		keys := slices.Compact(slices.Sorted(slices.Values(rule.Keys(&recs[i], nil))))
		for _, k := range keys {
			blocks[k] = append(blocks[k], int32(i))
		}
	}
	out := map[[2]int32]bool{}
	pairAll := func(members []int32) {
		for x := range members {
			for y := x + 1; y < len(members); y++ {
				out[[2]int32{members[x], members[y]}] = true
			}
		}
	}
	limit := rule.Cap(opts)
	for _, members := range blocks {
		if limit == 0 || len(members) <= limit {
			pairAll(members)
			continue
		}
		if !rule.HasSplit() || opts.Oversize != blocking.SplitOversize {
			continue
		}
		sub := map[blocking.Key][]int32{}
		for _, m := range members {
			keys := slices.Compact(slices.Sorted(slices.Values(rule.SplitKeys(&recs[m], nil))))
			for _, k := range keys {
				sub[k] = append(sub[k], m)
			}
		}
		for _, s := range sub {
			if len(s) <= limit {
				pairAll(s)
			}
		}
	}
	return out
}

func TestRuleKeysReproduceBlocker(t *testing.T) {
	recs := make([]int, 60)
	for i := range recs {
		recs[i] = i
	}
	// Keys: i/20 below 40 (blocks of 20), 10+i/5 above (blocks of 5) and,
	// for multiples of 7, a shared key and the first key again; secondary:
	// i%3, and also i%2 for multiples of 5.
	keys := func(r *int, dst []blocking.Key) []blocking.Key {
		if *r < 40 {
			dst = append(dst, blocking.KeyOfInts(int64(*r/20)))
		} else {
			dst = append(dst, blocking.KeyOfInts(10+int64(*r/5)))
		}
		if *r%7 == 0 {
			dst = append(dst, blocking.KeyOfInts(100), dst[0])
		}
		return dst
	}
	split := func(r *int, dst []blocking.Key) []blocking.Key {
		dst = append(dst, blocking.KeyOfInts(int64(*r%3)))
		if *r%5 == 0 {
			dst = append(dst, blocking.KeyOfInts(10+int64(*r%2)))
		}
		return dst
	}
	plain := blocking.Exact("plain", keys)
	tests := []struct {
		name string
		rule blocking.Rule[int]
		opts blocking.Options
	}{
		{"no cap", plain, blocking.Options{MaxBlockSize: blocking.NoBlockCap}},
		{"cap skips", plain, blocking.Options{MaxBlockSize: 8}},
		{"cap splits", plain.SplitBy(split), blocking.Options{MaxBlockSize: 8}},
		{"sub-blocks over the cap skipped", plain.SplitBy(split), blocking.Options{MaxBlockSize: 5}},
		{"skip policy", plain.SplitBy(split), blocking.Options{MaxBlockSize: 8, Oversize: blocking.SkipOversize}},
		{"rule's own cap", plain.SplitBy(split).MaxBlockSize(8), blocking.Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.True(t, tt.rule.IsExact())
			b, err := blocking.New(tt.opts, tt.rule)
			require.NoError(t, err)
			c, err := b.Dedupe(recs)
			require.NoError(t, err)
			want := map[[2]int32]bool{}
			for p := range c.Pairs() {
				want[[2]int32{p.A, p.B}] = true
			}
			require.NotEmpty(t, want)
			require.Equal(t, want, pairsByKeys(tt.rule, tt.opts, recs), fmt.Sprint(len(want), " pairs"))
		})
	}
}

func TestRuleCap(t *testing.T) {
	r := blocking.Exact("r", func(*int, []blocking.Key) []blocking.Key { return nil })
	tests := []struct {
		name string
		rule blocking.Rule[int]
		opts blocking.Options
		want int
	}{
		{"default", r, blocking.Options{}, blocking.DefaultMaxBlockSize},
		{"option", r, blocking.Options{MaxBlockSize: 50}, 50},
		{"own cap tighter", r.MaxBlockSize(30), blocking.Options{}, 30},
		{"option tighter", r.MaxBlockSize(30), blocking.Options{MaxBlockSize: 10}, 10},
		{"no cap", r.MaxBlockSize(30), blocking.Options{MaxBlockSize: blocking.NoBlockCap}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, tt.rule.Cap(tt.opts))
		})
	}
	sn := blocking.SortedNeighbourhood("sn", 2, func(_ *int, dst []byte) []byte { return dst })
	require.False(t, sn.IsExact())
	require.Empty(t, sn.Keys(new(int), nil))
	require.False(t, sn.HasSplit())
}
