package normalize

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEncodeLegacy(t *testing.T) {
	tests := []struct {
		in   string
		e    Encoding
		want string
	}{
		{"Nguyễn Thị Hoà", TCVN3, "NguyÔn ThÞ Hoµ"},
		{"Nguyễn Thị Hoà", VNI, "Nguyeãn Thò Hoaø"},
		{"Nguyễn Thị Hoà", Mojibake, "Nguyá»…n Thá»‹ HoÃ\u00a0"},
		{"Nguyễn Thị Hoà", UTF8, "Nguyễn Thị Hoà"},
		{"Đức", TCVN3, "§øc"},
		{"Đức", VNI, "Ñöùc"},
		{"Đức", Mojibake, "Ä\u0090á»©c"},
		{"ĐỖ VĂN ƯỚC", TCVN3, "§ç V¡N ¦íC"},
		{"ĐỖ VĂN ƯỚC", VNI, "ÑOÃ VAÊN ÖÔÙC"},
		{"Dương Quốc Khánh", TCVN3, "D\u00ad¬ng Quèc Kh¸nh"},
		{"Dương Quốc Khánh", VNI, "Döông Quoác Khaùnh"},
		{"Lê Thị Kỷ", TCVN3, "Lª ThÞ Kû"},
		{"Lê Thị Kỷ", VNI, "Leâ Thò Kyû"},
		{"Ðức", TCVN3, "§øc"},
		{"Nguyen Van A", TCVN3, "Nguyen Van A"},
		{"Nguyen Van A", Mojibake, "Nguyen Van A"},
	}
	for _, tt := range tests {
		t.Run(tt.e.String()+"/"+tt.in, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, EncodeLegacy(tt.in, tt.e)); diff != "" {
				t.Errorf("EncodeLegacy mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRepairLegacy(t *testing.T) {
	tests := []struct {
		name, in, want string
		enc            Encoding
	}{
		{"tcvn3", "NguyÔn ThÞ Hoµ", "Nguyễn Thị Hoà", TCVN3},
		{"tcvn3 upper", "NGUYÔN §øC ¸NH", "NGUYỄN ĐỨC ÁNH", TCVN3},
		{"tcvn3 title first letter", "§ç ThÞ ¸nh", "Đỗ Thị Ánh", TCVN3},
		{"tcvn3 lower text", "sè 5 ¸nh s¸ng", "số 5 ánh sáng", TCVN3},
		{"tcvn3 in address", "Sè 5, ngâ 12/3, P. L¸ng H¹", "Số 5, ngõ 12/3, P. Láng Hạ", TCVN3},
		{"vni", "Nguyeãn Thò Hoaø", "Nguyễn Thị Hoà", VNI},
		{"vni upper", "TRAÀN VAÊN ÑÖÙC", "TRẦN VĂN ĐỨC", VNI},
		{"mojibake", "Nguyá»…n Thá»‹ HoÃ\u00a0", "Nguyễn Thị Hoà", Mojibake},
		{"mojibake lost bytes", "Ä\u0090á»©c", "Đức", Mojibake},
		{"mojibake mixed with correct", "Nguyễn Văn Há»“ng", "Nguyễn Văn Hồng", Mojibake},
		{"tcvn3 mixed with correct", "Nguyễn Văn H\u00adêng", "Nguyễn Văn Hường", TCVN3},
		{"vni mixed with ascii", "Nguyen Van Huøng", "Nguyen Van Hùng", VNI},
		{"tcvn3 with a word from outside cp1252", "NguyÔn ThÞ Łucja", "Nguyễn Thị Łucja", TCVN3},
		{"tcvn3 minority name", "X· §¾k Bl«", "Xã Đắk Blô", TCVN3},
		{"vni minority name", "Xaõ Ñaék Bloâ", "Xã Đắk Blô", VNI},
		{"tcvn3 upper, same byte", "TRÇN V¡N Lý", "TRẦN VĂN LÝ", TCVN3},
		{"ascii", "Nguyen Van A", "Nguyen Van A", UTF8},
		{"correct", "Nguyễn Thị Thuý", "Nguyễn Thị Thuý", UTF8},
		{"correct latin-1 only", "Tôn Thò Hoà", "Tôn Thò Hoà", UTF8},
		{"foreign", "José Müller Zoë", "José Müller Zoë", UTF8},
		{"lone letter", "â", "â", UTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc := RepairLegacy(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("RepairLegacy(%+q) mismatch (-want +got):\n%s", tt.in, diff)
			}
			if enc != tt.enc {
				t.Errorf("encoding = %v, want %v", enc, tt.enc)
			}
			if e := DetectEncoding(tt.in); e != tt.enc {
				t.Errorf("DetectEncoding = %v, want %v", e, tt.enc)
			}
			if diff := cmp.Diff(Text(tt.want), Text(tt.in)); diff != "" {
				t.Errorf("Text mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// readGivenNames reads the public given-name lists, or skips the test.
func readGivenNames(t testing.TB) []string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "data", "names")
	var names []string
	for _, f := range []string{"boy.txt", "girl.txt"} {
		fh, err := os.Open(filepath.Join(dir, f))
		if err != nil {
			t.Skipf("public name lists not available (%v); they live in ../shared/data/names", err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			if s := strings.TrimSpace(sc.Text()); s != "" {
				names = append(names, s)
			}
		}
		fh.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return names
}

// TestLegacyRoundTripNames mangles every full name built from the public
// given-name lists in each encoding and checks that Text repairs it.
func TestLegacyRoundTripNames(t *testing.T) {
	names := readGivenNames(t)
	for _, e := range []Encoding{TCVN3, VNI, Mojibake} {
		t.Run(e.String(), func(t *testing.T) {
			failed := 0
			for _, g := range names {
				for _, full := range []string{"Nguyễn Thị " + g, strings.ToUpper("Trần Văn " + g), "Đỗ " + g} {
					want := Text(full)
					mangled := EncodeLegacy(full, e)
					if got := Text(mangled); got != want {
						failed++
						if failed <= 10 {
							t.Errorf("Text(%q) = %q, want %q", mangled, got, want)
						}
					}
				}
			}
			if failed > 0 {
				t.Errorf("%d of %d names not repaired", failed, 3*len(names))
			}
		})
	}
}

// TestLegacyEveryLetter checks the byte tables: every Vietnamese letter,
// written in each encoding, decodes back to itself (TCVN3 gives the lower
// case for the letters it has only one byte for).
func TestLegacyEveryLetter(t *testing.T) {
	var letters []string
	for _, row := range vowelRows {
		for _, r := range row {
			if r >= 0x80 { // ASCII vowels are written as they are
				letters = append(letters, string(r), strings.ToUpper(string(r)))
			}
		}
	}
	letters = append(letters, "đ", "Đ")
	for _, l := range letters {
		for _, e := range []Encoding{TCVN3, VNI, Mojibake} {
			t.Run(e.String()+"/"+l, func(t *testing.T) {
				mangled := EncodeLegacy(l, e)
				var d tokenBuf
				if !decodeToken(e, mangled, &d) {
					t.Fatalf("decodeToken(%q) failed", mangled)
				}
				want := l
				if e == TCVN3 && d.n == 1 && d.unknown[0] {
					want = strings.ToLower(l)
				}
				if diff := cmp.Diff(want, string(d.r[:d.n])); diff != "" {
					t.Errorf("decodeToken(%q) mismatch (-want +got):\n%s", mangled, diff)
				}
			})
		}
	}
}

func TestEncodingString(t *testing.T) {
	got := []string{UTF8.String(), TCVN3.String(), VNI.String(), Mojibake.String(), Encoding(99).String()}
	want := []string{"UTF-8", "TCVN3", "VNI", "mojibake", "UTF-8"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// readUnitNames reads the names of the administrative units (provinces,
// districts, wards, communes) from the public lists, or skips the test.
func readUnitNames(t testing.TB) []string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "data", "adminunits")
	seen := map[string]bool{}
	var names []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		case string:
			if strings.ContainsFunc(v, func(r rune) bool { return r >= 0x80 }) && len(v) < 80 && !seen[v] {
				seen[v] = true
				names = append(names, v)
			}
		}
	}
	for _, f := range []string{"units_2025_before.json", "units_2025_after.json"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Skipf("public unit lists not available (%v); they live in ../shared/data/adminunits", err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		walk(v)
	}
	return names
}

// TestLegacyUnits checks the repair on the names of every Vietnamese
// administrative unit: correct names are never taken for legacy text, and
// mangled names come back. Names of communes in minority languages with
// no Vietnamese syllable to give evidence, and letters whose case TCVN3
// does not tell (compared by Key), may stay wrong: at most 0.2%.
func TestLegacyUnits(t *testing.T) {
	names := readUnitNames(t)
	if len(names) < 1000 {
		t.Fatalf("read only %d unit names", len(names))
	}
	for _, s := range names {
		if e := DetectEncoding(s); e != UTF8 {
			t.Errorf("DetectEncoding(%q) = %v, want UTF-8", s, e)
		}
	}
	for _, e := range []Encoding{TCVN3, VNI, Mojibake} {
		t.Run(e.String(), func(t *testing.T) {
			failed := 0
			for _, s := range names {
				mangled := EncodeLegacy(s, e)
				if got, want := Key(mangled), Key(s); got != want {
					failed++
					t.Logf("Key(%q) = %q, want %q", mangled, got, want)
				}
			}
			if failed*500 > len(names) {
				t.Errorf("%d of %d names not repaired", failed, len(names))
			}
		})
	}
}

// TestNeedsDetect checks the shortcut of DetectEncoding and RepairLegacy:
// when needsDetect says a string has no token to weigh, the full
// detection finds no encoding either.
func TestNeedsDetect(t *testing.T) {
	inputs := append(append([]string{}, fuzzSeeds...), correctTexts...)
	for _, s := range correctTexts {
		for _, e := range []Encoding{TCVN3, VNI, Mojibake} {
			inputs = append(inputs, EncodeLegacy(s, e), strings.ToLower(EncodeLegacy(s, e)))
		}
	}
	// Single runes of Windows-1252 and Vietnamese letters, alone and
	// after letters.
	for r := rune(0x80); r < 0x2200; r++ {
		inputs = append(inputs, string(r), "Th"+string(r), "Nguy"+string(r)+"n Th"+string(r))
	}
	for _, s := range inputs {
		var c candidates
		if !needsDetect(s) && c.detect(s) != UTF8 {
			t.Errorf("needsDetect(%q) = false, but detect finds %v", s, c.detect(s))
		}
	}
}

func FuzzNeedsDetect(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var c candidates
		if !needsDetect(s) && c.detect(s) != UTF8 {
			t.Fatalf("needsDetect(%q) = false, but detect finds %v", s, c.detect(s))
		}
	})
}
