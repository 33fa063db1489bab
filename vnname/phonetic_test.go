package vnname

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestPhoneticRules checks each rule of the package documentation both
// ways: spellings the rule merges share a strict key, and the nearest
// spellings it must keep apart do not.
func TestPhoneticRules(t *testing.T) {
	tests := []struct {
		rule string
		a, b string
		same bool
	}{
		{"1 d/v", "Dũng", "Vũng", true},
		{"1 d/gi", "Dũng", "Giũng", true},
		{"1 d/r", "Dũng", "Rũng", true},
		{"1 gi before a vowel", "Giang", "Dang", true},
		{"1 gi before a consonant", "Gìn", "Dìn", true},
		{"1 gi alone", "Gì", "Dì", true},
		{"1 v/y", "Vy", "Dy", true},
		{"1 keeps đ", "Đũng", "Dũng", false},
		{"1 keeps b", "Bũng", "Vũng", false},
		{"2 s/x", "Sương", "Xương", true},
		{"2 keeps ch", "Sương", "Chương", false},
		{"3 ch/tr", "Trang", "Chang", true},
		{"3 keeps th", "Trang", "Thang", false},
		{"4 l/n", "Lan", "Nan", true},
		{"4 keeps nh", "Lan", "Nhan", false},
		{"5 ng/n", "Hoàng", "Hoàn", true},
		{"5 c/t", "Đức", "Đứt", true},
		{"5 keeps nh", "Anh", "An", false},
		{"5 keeps ch", "Bích", "Bít", false},
		{"5 keeps m", "Lâm", "Lân", false},
		{"6 k/c", "Kỳ", "Cỳ", true},
		{"6 gh/g", "Ghi", "Gi", false}, // Gi is gi + i (rule 1), Ghi is g + i
		{"6 ngh/ng", "Nghĩa", "Ngĩa", true},
		{"7 f/ph", "Fương", "Phương", true},
		{"7 dz/d", "Dzũng", "Dũng", true},
		{"7 z/d", "Zũng", "Dũng", true},
		{"7 j/gi", "Jang", "Giang", true},
		{"8 y alone", "Lý", "Lí", true},
		{"8 y alone after k", "Kỳ", "Kì", true},
		{"8 y after qu", "Quý", "Quí", true},
		{"8 y opening", "Yến", "Iến", true},
		{"8 keeps uy", "Huy", "Hui", false},
		{"8 keeps ay", "Tay", "Tai", false},
		{"9 hỏi/ngã", "Thủy", "Thũy", true},
		{"9 tone placement", "Thúy", "Thuý", true},
		{"9 keeps huyền", "Lan", "Làn", false},
		{"9 keeps sắc", "Lan", "Lán", false},
		{"9 keeps nặng", "Thủy", "Thụy", false},
		{"9 keeps sắc/hỏi", "Thúy", "Thủy", false},
		{"vowel u/ư", "Hùng", "Hừng", false},
		{"vowel quality", "Hùng", "Hưng", false},
		{"vowel a/â", "Vân", "Văn", false},
		{"vowel o/ơ", "Sơn", "Son", false},
		{"vowel e/ê", "Bê", "Be", false},
		{"different name", "Lan", "Lành", false},
		{"whole name", "Trần Thị Thủy", "Chần Thị Thũy", true},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			a, b := mustParse(t, tt.a), mustParse(t, tt.b)
			got := a.Phonetic() == b.Phonetic()
			if got != tt.same {
				t.Errorf("Phonetic(%s) = %q, Phonetic(%s) = %q: same = %v, want %v",
					tt.a, a.Phonetic(), tt.b, b.Phonetic(), got, tt.same)
			}
			// Rule 10: SamePhonetic uses the strict key only when both
			// words carry marks.
			want := got
			if !a.Marked() || !b.Marked() {
				want = a.FoldedPhonetic() == b.FoldedPhonetic()
			}
			if SamePhonetic(&a, &b) != want {
				t.Errorf("SamePhonetic = %v, want %v", !want, want)
			}
		})
	}
}

// TestPhoneticKeys pins down the written form of the keys.
func TestPhoneticKeys(t *testing.T) {
	tests := []struct {
		in, strict, loose string
	}{
		{"Nguyễn Thị Thuý", "nguyeen3 thi4 thuy1", "nguyen thi thuy"},
		{"Trần Quốc Toản", "chaan2 quoot1 toan3", "chan quot toan"},
		{"Đặng Văn Rạng", "ddawn4 zawn zan4", "zan zan zan"},
		{"Phương", "phuwown", "phuon"},
		{"Hùng", "hun2", "hun"},
		{"Hưng", "huwn", "hun"},
		{"H'Hen", "h'hen", "h'hen"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n := mustParse(t, tt.in)
			got := []string{n.Phonetic(), n.FoldedPhonetic()}
			if diff := cmp.Diff([]string{tt.strict, tt.loose}, got); diff != "" {
				t.Errorf("keys mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSamePhonetic checks rule 10: a word without marks is compared by
// its loose key, a word marked on both sides by its strict key.
func TestSamePhonetic(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Hung", "Hùng", true},
		{"Hung", "Hưng", true},
		{"Hùng", "Hưng", false},
		{"Nguyen Van Hung", "Nguyễn Văn Hưng", true},
		{"Nguyễn Văn Hung", "Nguyễn Văn Hưng", true},
		{"Nguyễn Văn Hùng", "Nguyễn Văn Hưng", false},
		{"Tran Thi Thuy", "Chần Thị Thũy", true},
		{"Tran Thi Thuy", "Chần Thị Thủy", true},
		{"Tran Thi Thuy", "Chần Thị Thụy", true},
		{"Trần Thị Thủy", "Chần Thị Thụy", false},
		{"Lan", "Lanh", false},
		{"Lan Anh", "Lan", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			a, b := mustParse(t, tt.a), mustParse(t, tt.b)
			got := []bool{SamePhonetic(&a, &b), SamePhonetic(&b, &a)}
			if diff := cmp.Diff([]bool{tt.want, tt.want}, got); diff != "" {
				t.Errorf("SamePhonetic mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPhoneticPlacementStyles checks that the two tone-placement styles
// found in the public given-name lists (Thúy beside Thuý) get one key.
func TestPhoneticPlacementStyles(t *testing.T) {
	byFold := map[string][]Name{}
	for _, file := range []string{"boy_one_word.txt", "girl_one_word.txt"} {
		for _, s := range readNames(t, file) {
			n := mustParse(t, s)
			byFold[n.Fold()] = append(byFold[n.Fold()], n)
		}
	}
	checked := 0
	for _, names := range byFold {
		for _, a := range names {
			for _, b := range names {
				if a.Key() == b.Key() || !sameLettersAndTone(a.Key(), b.Key()) {
					continue
				}
				checked++
				if a.Phonetic() != b.Phonetic() {
					t.Errorf("placement styles %q and %q get keys %q and %q", a.Key(), b.Key(), a.Phonetic(), b.Phonetic())
				}
			}
		}
	}
	t.Logf("%d placement-style pairs checked", checked)
}

// sameLettersAndTone reports whether two words differ only in where the
// tone mark sits: the same letters once the tone is removed, and the same
// tone.
func sameLettersAndTone(a, b string) bool {
	la, ta := stripTone(a)
	lb, tb := stripTone(b)
	return la == lb && ta == tb
}

func stripTone(s string) (string, uint8) {
	var out []byte
	var tone uint8
	for _, r := range s {
		if l, ok := letters[r]; ok {
			out = append(out, l.base...)
			if l.tone != toneNone {
				tone = l.tone
			}
			continue
		}
		out = append(out, string(r)...)
	}
	return string(out), tone
}
