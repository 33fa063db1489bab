package normalize

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// idAdminUnits reads a file of the shared administrative-unit data, or
// skips the test when the data is not there.
func idAdminUnits(t *testing.T, name string, v any) {
	t.Helper()
	path := filepath.Join("..", "..", "shared", "data", "adminunits", name)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("shared administrative-unit data not available (%s): %v", path, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// idProvinceName folds an official full name ("Tỉnh Hoà Bình") to the
// form of the table ("hoa binh") for comparison.
func idProvinceName(s string) string {
	s = Fold(s)
	for _, prefix := range []string{"thanh pho ", "tinh "} {
		s = strings.TrimPrefix(s, prefix)
	}
	return s
}

// TestProvincesMatchAdminUnits checks the table against the national list
// of administrative units before the 2025 merger: the same 63 codes with
// the same names (Thừa Thiên Huế became Thành phố Huế on 1 January 2025,
// after Thông tư 07/2016 was written).
func TestProvincesMatchAdminUnits(t *testing.T) {
	var before []struct{ Code, FullName string }
	idAdminUnits(t, "units_2025_before.json", &before)
	want := map[string]string{}
	for _, p := range before {
		want[p.Code] = idProvinceName(p.FullName)
	}
	got := map[string]string{}
	for _, p := range idProvinces {
		if p.name != "" {
			got[p.code2] = idProvinceName(p.name)
			if p.code3 != "0"+p.code2 {
				t.Errorf("province %s has CCCD code %s", p.code2, p.code3)
			}
		}
	}
	want["46"] = "thua thien hue"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("idProvinces mismatch (-want +got):\n%s", diff)
	}
}

// TestProvinces2025MatchAdminUnits checks the merger table against the
// shared old-to-new mapping: each old province belongs to the new province
// whose merge list names it.
func TestProvinces2025MatchAdminUnits(t *testing.T) {
	var merges struct {
		Data []struct {
			Level1ID string `json:"level1_id"`
			Name     string
			Merges   []struct {
				OldID string `json:"old_id"`
			}
		}
	}
	idAdminUnits(t, "merges_new_to_old.json", &merges)
	want := map[string]string{}
	var wantNames []string
	for _, p := range merges.Data {
		wantNames = append(wantNames, p.Level1ID+" "+idProvinceName(p.Name))
		for _, m := range p.Merges {
			want[m.OldID] = p.Level1ID
		}
	}
	got := map[string]string{}
	var gotNames []string
	for _, p := range idProvinces {
		if p.name != "" {
			got[p.code2] = idTwoDigits[p.after]
		}
	}
	for code, name := range idProvinceNames2025 {
		if name != "" {
			gotNames = append(gotNames, idTwoDigits[code]+" "+idProvinceName(name))
		}
	}
	sort.Strings(wantNames)
	sort.Strings(gotNames)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("old to new province mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantNames, gotNames); diff != "" {
		t.Errorf("new idProvinces mismatch (-want +got):\n%s", diff)
	}
}
