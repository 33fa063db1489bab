package synth

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/unicode/norm"
)

func TestNewToneStyle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Nguyễn Thị Hòa", "Nguyễn Thị Hoà"},
		{"Trần Thủy", "Trần Thuỷ"},
		{"THÚY", "THUÝ"},
		{"khỏe", "khoẻ"},
		{"Hoàng Văn Toàn", "Hoàng Văn Toàn"}, // closed syllables keep the mark
		{"Quý", "Quý"},                       // qu + y
		{"Hoà", "Hoà"},                       // already new style
		{"Nguyen Thi Hoa", "Nguyen Thi Hoa"},
		{"Hòa Thủy", "Hoà Thuỷ"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := newToneStyle(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("newToneStyle(%q) (-want +got):\n%s", tt.in, diff)
			}
			if !norm.NFC.IsNormalString(got) {
				t.Errorf("newToneStyle(%q) is not NFC", tt.in)
			}
		})
	}
}

func TestFoldVietnamese(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Đặng Thị Thủy", "Dang Thi Thuy"},
		{"NGUYỄN VĂN ĐỨC", "NGUYEN VAN DUC"},
		{norm.NFD.String("Phạm Ngọc Ánh"), "Pham Ngoc Anh"},
		{"abc", "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, foldVietnamese(tt.in)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestAppendDate(t *testing.T) {
	want := map[int]string{
		dateDMY:       "05/03/1987",
		dateDMYShort:  "5/3/1987",
		dateDMYDash:   "05-03-1987",
		dateDMYDot:    "05.03.1987",
		dateISO:       "1987-03-05",
		dateCompact:   "19870305",
		dateTimestamp: "198703050000",
		dateExcel:     "31841", // Excel's serial number of 5 March 1987
	}
	got := map[int]string{}
	for f := range dateFormatCount {
		got[f] = string(appendDate(nil, f, 1987, 3, 5))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("formats of 1987-03-05 (-want +got):\n%s", diff)
	}
}

func TestCivilDays(t *testing.T) {
	tests := []struct {
		y, m, d, days int
	}{
		{1970, 1, 1, 0},
		{2000, 3, 1, 11017},
		{1899, 12, 30, -25569},
		{2024, 2, 29, 19782},
	}
	for _, tt := range tests {
		if got := daysFromCivil(tt.y, tt.m, tt.d); got != tt.days {
			t.Errorf("daysFromCivil(%d, %d, %d) = %d, want %d", tt.y, tt.m, tt.d, got, tt.days)
		}
	}
	for z := -30000; z < 30000; z += 7 {
		y, m, d := civilFromDays(z)
		if back := daysFromCivil(y, m, d); back != z || d > daysIn(y, m) {
			t.Fatalf("day %d -> %d-%d-%d -> %d", z, y, m, d, back)
		}
	}
}

// person returns a fixed person for the noise tests.
func person() *Person {
	return &Person{
		Sex: Female, BirthYear: 1990, BirthMonth: 4, BirthDay: 7,
		family: intern("Đặng"), middle: intern("Thị"), given: intern("Thủy"),
		province: 0, serial: 12345, cmnd: 1 + 2345678, bhxh: 1 + 87654321,
		object: objDN, phonePrefix: 10, phone: 1 + 1234567, // 038 / 0168
	}
}

func TestPersonValues(t *testing.T) {
	p := person()
	got := []string{p.FullName(), p.BirthDate(), p.NationalID(), p.OldID(), p.BHXHNumber(),
		p.InsuranceID(), p.insuranceID(previousObject[p.object]), p.Phone(), p.Ethnicity()}
	want := []string{"Đặng Thị Thủy", "07/04/1990", "001190012345", "012345678", "0187654321",
		"DN4010187654321", "GD4010187654321", "0381234567", "Kinh"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestNoiseKinds(t *testing.T) {
	p := person()
	h := &Hamlet{Name: "Thôn Đông", OldCommune: "Đại Áng", District: "Thanh Trì",
		CommuneName: "Ngọc Hồi", CommuneType: "xã", OldCommuneType: "xã", DistrictType: "huyện"}
	tests := []struct {
		name  string
		noise Noise
		field func(r *rand.Rand, n *Noise) string
		want  []string // every allowed output
	}{
		{"clean name", Noise{}, func(r *rand.Rand, n *Noise) string { return noisyName(r, n, p, "", nil, nil) },
			[]string{"Đặng Thị Thủy"}},
		{"upper, no diacritics", Noise{Upper: 1, NoDiacritics: 1},
			func(r *rand.Rand, n *Noise) string { return noisyName(r, n, p, "", nil, nil) },
			[]string{"DANG THI THUY"}},
		{"drop middle, new tone style", Noise{DropMiddle: 1, ToneStyle: 1},
			func(r *rand.Rand, n *Noise) string { return noisyName(r, n, p, "", nil, nil) },
			[]string{"Đặng Thuỷ"}},
		{"nfd", Noise{NFD: 1},
			func(r *rand.Rand, n *Noise) string { return noisyName(r, n, p, "", nil, nil) },
			[]string{norm.NFD.String("Đặng Thị Thủy")}},
		{"date formats", Noise{DateFormat: 1},
			func(r *rand.Rand, n *Noise) string { return noisyDate(r, n, 1990, 4, 7, nil) },
			[]string{"7/4/1990", "07-04-1990", "07.04.1990", "1990-04-07", "19900407", "199004070000", "32970"}},
		{"year only", Noise{YearOnly: 1},
			func(r *rand.Rand, n *Noise) string { return noisyDate(r, n, 1990, 4, 7, nil) }, []string{"1990"}},
		{"day swap", Noise{DaySwap: 1},
			func(r *rand.Rand, n *Noise) string { return noisyDate(r, n, 1990, 4, 7, nil) }, []string{"04/07/1990"}},
		{"sex spelling", Noise{SexSpelling: 1},
			func(r *rand.Rand, n *Noise) string { return noisySex(r, n, Female, nil) }, femaleSpellings},
		{"old CMND, lost zero", Noise{IDOldCMND: 1, IDLostZero: 1},
			func(r *rand.Rand, n *Noise) string { return noisyNationalID(r, n, p, nil, nil) }, []string{"12345678"}},
		{"lost zero", Noise{IDLostZero: 1},
			func(r *rand.Rand, n *Noise) string { return noisyNationalID(r, n, p, nil, nil) }, []string{"1190012345"}},
		{"reissued card", Noise{InsuranceReissued: 1},
			func(r *rand.Rand, n *Noise) string { return noisyInsuranceID(r, n, p, nil) }, []string{"GD4010187654321"}},
		{"old phone", Noise{PhoneOld: 1},
			func(r *rand.Rand, n *Noise) string { return noisyPhone(r, n, p, nil) }, []string{"01681234567"}},
		{"phone formats", Noise{PhoneFormat: 1},
			func(r *rand.Rand, n *Noise) string { return noisyPhone(r, n, p, nil) },
			[]string{"0381 234 567", "0381.234.567", "0381-234-567", "+84381234567", "84381234567",
				"381234567", "(+84) 381 234 567"}},
		{"old address", Noise{AddressOld: 1},
			func(r *rand.Rand, n *Noise) string { return noisyAddress(r, n, h, false, nil) },
			[]string{"Thôn Đông, xã Đại Áng, huyện Thanh Trì, thành phố Hà Nội"}},
		{"abbreviated address", Noise{AddressAbbrev: 1},
			func(r *rand.Rand, n *Noise) string { return noisyAddress(r, n, h, false, nil) },
			[]string{"Th. Đông, X. Ngọc Hồi, TP. Hà Nội", "thôn Đông - Ngọc Hồi - Hà Nội", "Đông, Ngọc Hồi, HN"}},
		{"ethnicity spelling", Noise{EthnicitySpelling: 1},
			func(r *rand.Rand, n *Noise) string { return noisyEthnicity(r, n, p, nil) },
			[]string{"01", "kinh", "KINH", "Dân tộc Kinh"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, 2))
			seen := map[string]bool{}
			for range 200 {
				got := tt.field(r, &tt.noise)
				if !contains(tt.want, got) {
					t.Fatalf("got %q, want one of %q", got, tt.want)
				}
				seen[got] = true
			}
			if len(seen) != len(tt.want) {
				t.Errorf("200 draws gave %d of the %d outputs", len(seen), len(tt.want))
			}
		})
	}
}

func TestLegacyEncodings(t *testing.T) {
	p := person()
	for _, tt := range []struct {
		name  string
		noise Noise
	}{
		{"TCVN3", Noise{TCVN3: 1}}, {"VNI", Noise{VNI: 1}}, {"Mojibake", Noise{Mojibake: 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, 2))
			got := noisyName(r, &tt.noise, p, "", nil, nil)
			if got == p.FullName() || !utf8.ValidString(got) {
				t.Errorf("got %q: want valid UTF-8 that differs from %q", got, p.FullName())
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestTypoIsOneEdit(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	in := []rune("Nguyễn Văn Hùng")
	for range 500 {
		out := []rune(typo(r, string(in)))
		if d := len(out) - len(in); d < -1 || d > 1 {
			t.Fatalf("typo changed the length by %d", d)
		}
		diff := 0
		for i := range min(len(in), len(out)) {
			if in[i] != out[i] {
				diff++
			}
		}
		if len(out) == len(in) && diff > 2 {
			t.Fatalf("typo changed %d runes: %q", diff, string(out))
		}
	}
}

func FuzzNoisyText(f *testing.F) {
	for _, s := range []string{"Nguyễn Thị Hòa", "", " ", "THỦY", "a\u0301", "\xff", "Quý Khỏe"} {
		f.Add(s, uint64(1))
	}
	all := Noise{NoDiacritics: 0.5, Upper: 0.5, NFD: 0.3, TCVN3: 0.2, VNI: 0.2, Mojibake: 0.2,
		ToneStyle: 0.5, Typo: 0.5, Spaces: 0.5}
	f.Fuzz(func(t *testing.T, s string, seed uint64) {
		if !utf8.ValidString(s) {
			return
		}
		r := rand.New(rand.NewPCG(seed, 0))
		out := noisyText(r, &all, s, nil)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %q", s)
		}
		if got := newToneStyle(s); newToneStyle(got) != got {
			t.Fatalf("newToneStyle is not idempotent on %q", s)
		}
		if f := foldVietnamese(s); foldVietnamese(f) != f {
			t.Fatalf("foldVietnamese is not idempotent on %q", s)
		}
		if strings.ContainsAny(foldVietnamese(s), "đĐ") {
			t.Fatalf("foldVietnamese left a đ in %q", s)
		}
	})
}
