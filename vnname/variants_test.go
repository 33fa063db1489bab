package vnname

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestIsFamilyVariant(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Hoàng", "Huỳnh", true},
		{"HUỲNH", "hoàng", true},
		{"Vũ", "Võ", true},
		{"Chu", "Châu", true},
		{"Nguyễn Phúc", "Nguyễn Phước", true},
		{"Tôn Thất", "Tôn Nữ", true},
		{"Hoang", "Huynh", true},
		{"Vu", "Vo", true},
		{"Hoàng", "Hoàng", false}, // a name is not a variant of itself
		{"Hoàng", "Hoang", false}, // a missing diacritic is not a variant
		{"Đoàn", "Đòan", false},   // nor is a tone placement
		{"Hoàng", "Vũ", false},
		{"Nguyễn", "Nguyên", false},
		{"Hoàng", "", false},
		{"Hoàng", "123", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			got := []bool{IsFamilyVariant(tt.a, tt.b), IsFamilyVariant(tt.b, tt.a)}
			if diff := cmp.Diff([]bool{tt.want, tt.want}, got); diff != "" {
				t.Errorf("IsFamilyVariant mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFamilyVariants(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Hoàng", []string{"Huỳnh"}},
		{"võ", []string{"Vũ"}},
		{"Tôn Nữ", []string{"Tôn Thất"}},
		{"Hoang", []string{"Huỳnh"}},
		{"Nguyễn", nil},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, FamilyVariants(tt.in)); diff != "" {
				t.Errorf("FamilyVariants mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
