package normalize

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/unicode/norm"
)

func TestIsSyllable(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"a", true}, {"ạ", true}, {"Nguyễn", true}, {"NGUYỄN", true},
		{"nguyen", false}, {"an", true}, {"nghiêng", true}, {"quý", true}, {"quốc", true},
		{"giúp", true}, {"gì", true}, {"gìn", true}, {"khuỷu", true},
		{"người", true}, {"hoạch", true}, {"hóa", true}, {"hoá", true},
		{"thuở", true}, {"yêu", true}, {"oà", true}, {"uỷ", true}, {"kỳ", true},
		{"Đức", true}, {"Ðức", true}, {"xoong", true}, {"khuếch", true},
		{"huỳnh", true}, {"thuyền", true}, {"giếng", true}, {"Đắk", true},
		{"Lắk", true}, {"Đăk", true}, {"Đàk", false},
		{norm.NFD.String("Nguyễn"), true},
		{"", false}, {"đ", false}, {"hoc", false}, {"hôp", false},
		{"NguyÔn", false}, // TCVN3 for Nguyễn: uyô is no vowel cluster
		{"Smith", false}, {"quoác", false}, {"ka", false}, {"ci", false},
		{"nge", false}, {"ghă", false}, {"ge", false}, {"xyz", false},
		{"Nguyễnn", false}, {"a1", false}, {"hoàà", false}, {"họạch", false},
		{"ăn", true}, {"ă", false}, {"âm", true}, {"â", false},
		{"ngưòi", false}, {"tuên", false}, {"José", false}, {"façade", false},
		{"nghiêngg", false}, {"q", false}, {"qua", true}, {"quu", false},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := IsSyllable(tt.word); got != tt.want {
				t.Errorf("IsSyllable(%+q) = %v, want %v", tt.word, got, tt.want)
			}
		})
	}
}

// TestIsSyllableGivenNames checks that every syllable of the public
// given-name lists is a syllable.
func TestIsSyllableGivenNames(t *testing.T) {
	var bad []string
	for _, name := range readGivenNames(t) {
		for _, w := range strings.Fields(name) {
			if !IsSyllable(w) {
				bad = append(bad, w)
			}
		}
	}
	if diff := cmp.Diff([]string(nil), bad); diff != "" {
		t.Errorf("not syllables (-want +got):\n%s", diff)
	}
}

func TestIsSyllableAllocations(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { IsSyllable("Nguyễn") }); n != 0 {
		t.Errorf("%v allocations, want 0", n)
	}
}

func TestToneStyleString(t *testing.T) {
	if diff := cmp.Diff([]string{"new", "old"}, []string{ToneNew.String(), ToneOld.String()}); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}
