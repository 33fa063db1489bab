package blocking

import (
	"math/rand/v2"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
)

func TestPairedEarlier(t *testing.T) {
	k1, k2, k3 := Key(1), Key(2), Key(3)
	tests := []struct {
		name string
		a, b [][]Key
		k    int
		key  Key
		want bool
	}{
		{"first rule, one shared key", [][]Key{{k1}}, [][]Key{{k1}}, 0, k1, false},
		{"an earlier rule shares a key", [][]Key{{k2}, {k1}}, [][]Key{{k2}, {k1}}, 1, k1, true},
		{"an earlier rule shares none", [][]Key{{k1}, {k1}}, [][]Key{{k2}, {k1}}, 1, k1, false},
		{"an earlier rule gives one record no key", [][]Key{nil, {k1}}, [][]Key{{k1}, {k1}}, 1, k1, false},
		{"a later rule shares a key", [][]Key{{k1}, {k2}}, [][]Key{{k1}, {k2}}, 0, k1, false},
		{"two shared keys of the rule, in the first block", [][]Key{{k1, k2}}, [][]Key{{k1, k2, k3}}, 0, k1, false},
		{"two shared keys of the rule, in the second block", [][]Key{{k1, k2}}, [][]Key{{k1, k2, k3}}, 0, k2, true},
		{"several keys, one shared", [][]Key{{k1, k3}}, [][]Key{{k2, k3}}, 0, k3, false},
		{"a shared earlier key after unshared ones", [][]Key{{k1, k3}, {k1}}, [][]Key{{k2, k3}, {k1}}, 1, k1, true},
		{"rules missing at the end count as no key", [][]Key{{k1}}, [][]Key{{k2}, {k1}}, 1, k1, false},
		{"no key in rule k", [][]Key{{k1}, nil}, [][]Key{{k2}, nil}, 1, k1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, PairedEarlier(tt.a, tt.b, tt.k, tt.key))
			assert.Equal(t, tt.want, PairedEarlier(tt.b, tt.a, tt.k, tt.key), "symmetric")
		})
	}
}

// TestPairedEarlierGivesBlockerPairs forms the blocks of random inputs from
// the rules' keys as PairedEarlier's doc says (caps, split blocks and their
// sub-blocks, skipped ones), and checks that the pairs of every block that
// PairedEarlier does not skip are exactly the Blocker's pairs with their
// rules, each met once.
func TestPairedEarlierGivesBlockerPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for i := 0; i < 300; i++ {
		sc := randomScenario(rng)
		sc.rules = slices.DeleteFunc(sc.rules, func(r Rule[rec]) bool { return !r.IsExact() })
		if len(sc.rules) == 0 {
			continue
		}
		want := map[pairKey]uint8{}
		for p := range sc.run(t).Pairs() {
			want[pairKey{p.A, p.B}] = p.Rule
		}
		recs := append(slices.Clone(sc.left), sc.right...)
		keys := blockKeysOf(sc.rules, sc.opts, recs)
		got := map[pairKey]uint8{}
		nl := len(sc.left)
		for k := range sc.rules {
			blocks := map[Key][]int{}
			for s := range recs {
				for _, key := range keys[s][k] {
					blocks[key] = append(blocks[key], s)
				}
			}
			for key, members := range blocks {
				for x, a := range members {
					for _, b := range members[x+1:] {
						if sc.link && (a < nl) == (b < nl) {
							continue
						}
						if PairedEarlier(keys[a], keys[b], k, key) {
							continue
						}
						p := pairKey{int32(a), int32(b)}
						if sc.link {
							p = pairKey{int32(min(a, b)), int32(max(a, b) - nl)}
						}
						if r, dup := got[p]; dup {
							t.Fatalf("case %d: pair %v met in rule %d and again in rule %d", i, p, r, k)
						}
						got[p] = uint8(k)
					}
				}
			}
		}
		if diff := gocmp.Diff(want, got); diff != "" {
			t.Fatalf("case %d (link %v, %d rules, %+v): pairs (-blocker +blocks):\n%s", i, sc.link, len(sc.rules), sc.opts, diff)
		}
	}
}

// blockKeysOf returns, for each record and each exact rule, the keys of
// the blocks the record is in, formed from the rules' public functions as
// PairedEarlier's doc says.
func blockKeysOf(rules []Rule[rec], opts Options, recs []rec) [][][]Key {
	out := make([][][]Key, len(recs))
	for s := range out {
		out[s] = make([][]Key, len(rules))
	}
	distinct := func(ks []Key) []Key {
		slices.Sort(ks)
		return slices.Compact(ks)
	}
	for j, r := range rules {
		limit := r.Cap(opts)
		split := r.HasSplit() && opts.Oversize == SplitOversize
		own := make([][]Key, len(recs))
		size := map[Key]int{}
		for s := range recs {
			own[s] = distinct(r.Keys(&recs[s], nil))
			for _, k := range own[s] {
				size[k]++
			}
		}
		subs := make([][]Key, len(recs))
		subSize := map[Key]int{}
		for s := range recs {
			for _, k := range own[s] {
				if limit > 0 && size[k] > limit && split {
					for _, sec := range distinct(r.SplitKeys(&recs[s], nil)) {
						sub := SubBlockKey(k, sec)
						subs[s] = append(subs[s], sub)
						subSize[sub]++
					}
				}
			}
		}
		for s := range recs {
			var ks []Key
			for _, k := range own[s] {
				if limit == 0 || size[k] <= limit {
					ks = append(ks, k)
				}
			}
			for _, k := range subs[s] {
				if subSize[k] <= limit {
					ks = append(ks, k)
				}
			}
			out[s][j] = distinct(ks)
		}
	}
	return out
}
