package vnperson

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestHamletSpeller(t *testing.T) {
	var res Reconciliation
	for _, h := range []string{"thôn Cầu", "thôn Cầu 2", "thôn Hạ", "thôn Giữa 2", "thôn Đình", "Tổ dân phố 5", "xóm Mới", "thôn Mới", "thôn Tân"} {
		res.Registry.Display = append(res.Registry.Display, Display{Hamlet: h})
	}
	hs := res.newHamletSpeller()
	for _, tc := range []struct{ in, want string }{
		{"thôn Cầu 2", "thôn Cầu 2"},
		{"Th. Cầu 2", "thôn Cầu 2"},  // abbreviated type word
		{"Thcn Cầu 2", "thôn Cầu 2"}, // a slip in the type word
		{"Hôn Hạ", "thôn Hạ"},
		{"thôn Giuia 2", "thôn Giữa 2"}, // one slip in the name
		{"Thn Đình", "thôn Đình"},
		{"thôn Inh", "thôn Inh"}, // short: only an exact key
		{"thôn Giuaa 2", "thôn Giữa 2"},
		{"thôn Tây", "thôn Tây"}, // not the registry's Tân
		{"thôn Hạa", "thôn Hạa"},
		{"thôn Cầu 3", "thôn Cầu 3"}, // another number: not Cầu 2
		{"thôn Cầu 12", "thôn Cầu 12"},
		{"thôn Mới", "thôn Mới"},
		{"Mới", "Mới"},           // xóm Mới and thôn Mới share the key: no choice
		{"thôn Mơi", "thôn Mơi"}, // near a shared key: no choice either
		{"thôn Xa Lạ", "thôn Xa Lạ"},
	} {
		assert.Equal(t, tc.want, hs.spell(tc.in), tc.in)
	}
}
