package blocking

import "math/bits"

// Key is a blocking key: a 64-bit hash of the field values that define a
// block. Records whose keys are equal under a rule fall into the same block.
//
// Keys are built with [Hasher], [KeyOf] or [KeyOfInts]; none of them
// allocates. Two different values collide with probability about 2^-64 per
// pair of distinct values. A collision merges two blocks, so it can only add
// candidate pairs, never lose one: equal values always give equal keys.
type Key uint64

// String returns the key as 16 hexadecimal digits. It is what reports show
// instead of the values the key was made from (which are personal data).
func (k Key) String() string {
	const digits = "0123456789abcdef"
	var b [16]byte
	for i := 15; i >= 0; i-- {
		b[i] = digits[k&0xf]
		k >>= 4
	}
	return string(b[:])
}

// Mixing constants: odd 64-bit numbers with well spread bits.
const (
	prime1 = 0x9e3779b185ebca87
	prime2 = 0xc2b2ae3d27d4eb4f
	prime3 = 0x165667b19e3779f9
	// intTag marks an integer part. A string part starts with its length,
	// which is always below 1<<62, so the two kinds can never be confused.
	intTag = 1<<63 | 0x1
	// derivedTag marks a key derived from a block key and a secondary key
	// when an oversized block is split.
	derivedTag = 1<<63 | 0x2
)

// Hasher builds a [Key] from a sequence of parts (strings, byte slices,
// integers) without allocating. The zero value is ready to use. A Hasher
// is a small value with no hidden state: copy it freely, but do not share
// one between goroutines while writing to it.
//
// The parts are encoded unambiguously before hashing: each string is
// preceded by its length and each integer by a tag, so ("ab", "c"),
// ("a", "bc") and ("abc") give three different keys.
type Hasher struct {
	h uint64
}

// word absorbs one 64-bit word. For a fixed state the map from w to the new
// state is a bijection, so two streams that differ in one word differ in
// state afterwards.
func (h *Hasher) word(w uint64) {
	w = bits.RotateLeft64(w*prime2, 31) * prime1
	h.h = bits.RotateLeft64(h.h^w, 27)*prime1 + prime3
}

// WriteString adds a string part.
func (h *Hasher) WriteString(s string) {
	h.word(uint64(len(s)))
	for len(s) >= 8 {
		h.word(uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56)
		s = s[8:]
	}
	if len(s) > 0 {
		var w uint64
		for i := len(s) - 1; i >= 0; i-- {
			w = w<<8 | uint64(s[i])
		}
		h.word(w)
	}
}

// WriteBytes adds a byte-slice part. It gives the same result as
// WriteString(string(b)), without the conversion.
func (h *Hasher) WriteBytes(b []byte) {
	h.word(uint64(len(b)))
	for len(b) >= 8 {
		h.word(uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56)
		b = b[8:]
	}
	if len(b) > 0 {
		var w uint64
		for i := len(b) - 1; i >= 0; i-- {
			w = w<<8 | uint64(b[i])
		}
		h.word(w)
	}
}

// WriteInt adds an integer part (a year, a ward code, a name index).
func (h *Hasher) WriteInt(v int64) {
	h.word(intTag)
	h.word(uint64(v))
}

// Reset returns the Hasher to its zero state.
func (h *Hasher) Reset() { h.h = 0 }

// Key returns the key of the parts written so far. It does not change the
// Hasher: more parts may be written afterwards.
func (h *Hasher) Key() Key {
	// Final avalanche (the 64-bit finaliser of MurmurHash3).
	x := h.h
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return Key(x)
}

// KeyOf returns the key of the given string parts; it equals writing each
// part with [Hasher.WriteString] and calling [Hasher.Key]. It does not
// allocate.
func KeyOf(parts ...string) Key {
	var h Hasher
	for _, p := range parts {
		h.WriteString(p)
	}
	return h.Key()
}

// KeyOfInts returns the key of the given integer parts; it equals writing
// each part with [Hasher.WriteInt] and calling [Hasher.Key]. It does not
// allocate.
func KeyOfInts(parts ...int64) Key {
	var h Hasher
	for _, p := range parts {
		h.WriteInt(p)
	}
	return h.Key()
}

// derive returns the key of the sub-block (block, secondary) used when an
// oversized block is split by a secondary key.
func derive(block, secondary Key) Key {
	var h Hasher
	h.word(derivedTag)
	h.word(uint64(block))
	h.word(uint64(secondary))
	return h.Key()
}
