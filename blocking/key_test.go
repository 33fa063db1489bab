package blocking

import (
	"testing"
	"unicode/utf8"

	gocmp "github.com/google/go-cmp/cmp"
)

func TestKeyPartsAreSeparated(t *testing.T) {
	tests := []struct {
		name string
		x, y Key
	}{
		{"boundary moved", KeyOf("ab", "c"), KeyOf("a", "bc")},
		{"joined", KeyOf("ab", "c"), KeyOf("abc")},
		{"empty part", KeyOf("a", ""), KeyOf("a")},
		{"trailing zero byte", KeyOf("a"), KeyOf("a\x00")},
		{"order", KeyOf("a", "b"), KeyOf("b", "a")},
		{"int vs string", KeyOfInts(1), KeyOf("\x01")},
		{"ints order", KeyOfInts(1, 2), KeyOfInts(2, 1)},
		{"zero int vs none", KeyOfInts(0), KeyOfInts()},
		{"long strings differ at end", KeyOf("nguyen thi thu huong 1"), KeyOf("nguyen thi thu huong 2")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.x == tt.y {
				t.Errorf("keys collide: %v", tt.x)
			}
		})
	}
}

func TestHasherMatchesKeyOf(t *testing.T) {
	tests := []struct {
		name  string
		parts []string
	}{
		{"none", nil},
		{"one", []string{"hà nội"}},
		{"three", []string{"nguyễn", "văn", "an"}},
		{"long", []string{"phường nghĩa đô, quận cầu giấy", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h, hb Hasher
			for _, p := range tt.parts {
				h.WriteString(p)
				hb.WriteBytes([]byte(p))
			}
			want := KeyOf(tt.parts...)
			if diff := gocmp.Diff(want, h.Key()); diff != "" {
				t.Errorf("Hasher.WriteString (-want +got):\n%s", diff)
			}
			if diff := gocmp.Diff(want, hb.Key()); diff != "" {
				t.Errorf("Hasher.WriteBytes (-want +got):\n%s", diff)
			}
			h.Reset()
			if diff := gocmp.Diff(KeyOf(), h.Key()); diff != "" {
				t.Errorf("after Reset (-want +got):\n%s", diff)
			}
		})
	}
	var h Hasher
	h.WriteInt(1990)
	h.WriteInt(-7)
	if diff := gocmp.Diff(KeyOfInts(1990, -7), h.Key()); diff != "" {
		t.Errorf("Hasher.WriteInt (-want +got):\n%s", diff)
	}
}

func TestKeyString(t *testing.T) {
	tests := []struct {
		k    Key
		want string
	}{
		{0, "0000000000000000"},
		{0xdeadbeef, "00000000deadbeef"},
		{^Key(0), "ffffffffffffffff"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if diff := gocmp.Diff(tt.want, tt.k.String()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestKeyHelpersDoNotAllocate(t *testing.T) {
	s1, s2 := "nguyễn thị", "thuý"
	b := []byte("phường 12")
	var sink Key
	allocs := testing.AllocsPerRun(100, func() {
		sink ^= KeyOf(s1, s2)
		sink ^= KeyOfInts(1990, 12)
		var h Hasher
		h.WriteString(s1)
		h.WriteBytes(b)
		h.WriteInt(7)
		sink ^= h.Key()
	})
	if allocs != 0 {
		t.Errorf("key helpers allocate %v times per run, want 0", allocs)
	}
	_ = sink
}

// FuzzKeyOf checks that a key does not depend on how a Hasher is fed, that
// moving a part boundary changes the key, and that Key.String is valid
// UTF-8 hex of fixed length.
func FuzzKeyOf(f *testing.F) {
	f.Add("nguyễn văn", "an", 3)
	f.Add("", "", 0)
	f.Add("abcdefgh", "ijklmnopq", 8)
	f.Add("\xff\xfe", "x", 1)
	f.Fuzz(func(t *testing.T, a, b string, cut int) {
		k := KeyOf(a, b)
		var h Hasher
		h.WriteString(a)
		h.WriteBytes([]byte(b))
		if h.Key() != k {
			t.Fatalf("Hasher and KeyOf disagree")
		}
		if k != KeyOf(a, b) {
			t.Fatalf("KeyOf is not deterministic")
		}
		// Move the boundary between the two parts.
		s := a + b
		if cut < 0 {
			cut = -cut
		}
		cut %= len(s) + 1
		if cut != len(a) && KeyOf(s[:cut], s[cut:]) == k {
			t.Fatalf("moving the part boundary kept the key")
		}
		str := k.String()
		if len(str) != 16 || !utf8.ValidString(str) {
			t.Fatalf("Key.String() = %q, want 16 hex digits", str)
		}
	})
}
