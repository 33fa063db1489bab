package normalize

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// adminUnitsDir is the shared public data, a sibling of the repository.
var adminUnitsDir = filepath.Join("..", "..", "shared", "data", "adminunits")

var (
	sharedUnitsOnce sync.Once
	sharedUnits     *AdminUnits
	sharedUnitsErr  error
)

// loadSharedUnits loads the shared data once for all tests, or skips.
func loadSharedUnits(tb testing.TB) *AdminUnits {
	tb.Helper()
	if _, err := os.Stat(filepath.Join(adminUnitsDir, auFileAfter)); err != nil {
		tb.Skipf("administrative-unit data not found in %s (it lives outside the repository): %v", adminUnitsDir, err)
	}
	sharedUnitsOnce.Do(func() {
		sharedUnits, sharedUnitsErr = LoadAdminUnits(os.DirFS(adminUnitsDir))
	})
	if sharedUnitsErr != nil {
		tb.Fatalf("LoadAdminUnits: %v", sharedUnitsErr)
	}
	return sharedUnits
}

// tinyUnits is a small hand-made data set in the layout of the shared
// data: Đại Áng is split between Ngọc Hồi (which kept its code) and
// Thường Tín, Ngọc Hồi is absorbed whole, and Tân Lập exists in two
// provinces. It lets the resolution logic be tested without the data.
var tinyUnits = fstest.MapFS{
	auFileAfter: {Data: []byte(`[
 {"Code":"01","FullName":"Thành phố Hà Nội","Wards":[
  {"Code":"00679","FullName":"Xã Ngọc Hồi","ProvinceCode":"01"},
  {"Code":"10183","FullName":"Xã Thường Tín","ProvinceCode":"01"},
  {"Code":"00100","FullName":"Phường Tân Lập","ProvinceCode":"01"}]},
 {"Code":"31","FullName":"Thành phố Hải Phòng","Wards":[
  {"Code":"11000","FullName":"Xã Tân Lập","ProvinceCode":"31"}]}]`)},
	auFileBefore: {Data: []byte(`[
 {"Code":"01","FullName":"Thành phố Hà Nội","District":[
  {"Code":"020","FullName":"Huyện Thanh Trì","ProvinceCode":"01","Ward":[
   {"Code":"00673","FullName":"Xã Ngọc Hồi","DistrictCode":"020"},
   {"Code":"00679","FullName":"Xã Đại áng","DistrictCode":"020"}]},
  {"Code":"280","FullName":"Huyện Thường Tín","ProvinceCode":"01","Ward":[
   {"Code":"10183","FullName":"Thị trấn Thường Tín","DistrictCode":"280"}]}]},
 {"Code":"30","FullName":"Tỉnh Hải Dương","District":[
  {"Code":"288","FullName":"Thành phố Hải Dương","ProvinceCode":"30","Ward":[
   {"Code":"10500","FullName":"Xã Tân Lập","DistrictCode":"288"}]}]},
 {"Code":"31","FullName":"Thành phố Hải Phòng","District":[]}]`)},
	auFileSplits: {Data: []byte(`{"data":[
 {"level1_id":"01","splits":[{"new_id":"01"}],"level3s":[
  {"level3_id":"00673","name":"Xã Ngọc Hồi","splits":[{"new_id":"00679","name":"Xã Ngọc Hồi"}]},
  {"level3_id":"00679","name":"Xã Đại áng","splits":[{"new_id":"00679","name":"Xã Ngọc Hồi"},{"new_id":"10183","name":"Xã Thường Tín"}]},
  {"level3_id":"10183","name":"Thị trấn Thường Tín","splits":[{"new_id":"10183","name":"Xã Thường Tín"}]}]},
 {"level1_id":"30","splits":[{"new_id":"31"}],"level3s":[
  {"level3_id":"10500","name":"Xã Tân Lập","splits":[{"new_id":"11000","name":"Xã Tân Lập"}]}]},
 {"level1_id":"31","splits":[{"new_id":"31"}],"level3s":[]}]}`)},
}

// resolveCase is one address and the expected resolution, with units
// reduced to their codes.
type resolveCase struct {
	name     string
	r        Resolver
	in       string
	status   ResolveStatus
	unit     string   // code of Resolution.Unit
	cands    []string // codes of Resolution.Candidates
	matched  ListVersion
	wardCode string // the code WardKey must encode, "" for a name key
}

type resolveGot struct {
	Status   ResolveStatus
	Unit     string
	Cands    []string
	Matched  ListVersion
	WardCode string
}

func checkResolve(t *testing.T, u *AdminUnits, tt resolveCase) {
	t.Helper()
	a, err := ParseAddress(tt.in)
	if err != nil {
		t.Fatal(err)
	}
	r := tt.r
	r.Units = u
	res := r.Resolve(a)
	got := resolveGot{Status: res.Status, Unit: res.Unit.Code.Code, Matched: res.Matched}
	for _, c := range res.Candidates {
		got.Cands = append(got.Cands, c.Code.Code)
		if c.Code.Version != ListFrom2025 {
			t.Errorf("candidate %v is not from the current list", c.Code)
		}
	}
	if k := r.WardKey(a); k&auWardKeyFlag != 0 {
		got.WardCode = addrCode5(k &^ auWardKeyFlag)
	}
	want := resolveGot{tt.status, tt.unit, tt.cands, tt.matched, tt.wardCode}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Resolve(%q) mismatch (-want +got):\n%s", tt.in, diff)
	}
}

// addrCode5 writes a commune code number with five digits.
func addrCode5(n uint64) string {
	b := []byte("00000")
	for i := 4; i >= 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b)
}

func TestResolveTinyData(t *testing.T) {
	u, err := LoadAdminUnits(tinyUnits)
	if err != nil {
		t.Fatal(err)
	}
	hanoi := Resolver{DefaultProvince: "Hà Nội"}
	tests := []resolveCase{
		{name: "current name", in: addrAbbrForm, status: ResolveExact, unit: "00679", matched: ListFrom2025, wardCode: "00679"},
		{name: "hamlet and current name", in: addrHamletNew, status: ResolveExact, unit: "00679", matched: ListFrom2025, wardCode: "00679"},
		{name: "split old commune", in: addrOldForm, status: ResolveAmbiguous, unit: "00679",
			cands: []string{"00679", "10183"}, matched: ListBefore2025, wardCode: "00679"},
		{name: "old commune absorbed whole, with its district", in: "xã Ngọc Hồi, huyện Thanh Trì",
			status: ResolveExact, unit: "00679", matched: ListBefore2025, wardCode: "00679"},
		{name: "old township", in: "TT Thường Tín", status: ResolveExact, unit: "10183", matched: ListBefore2025, wardCode: "10183"},
		{name: "same name in two provinces", in: "Tân Lập", status: ResolveAmbiguous,
			cands: []string{"00100", "11000"}, matched: ListFrom2025},
		{name: "default province decides", r: hanoi, in: "Tân Lập", status: ResolveExact, unit: "00100",
			matched: ListFrom2025, wardCode: "00100"},
		{name: "old province maps to the new one", in: "xã Tân Lập, tỉnh Hải Dương", status: ResolveExact,
			unit: "11000", matched: ListFrom2025, wardCode: "11000"},
		{name: "commune type breaks the tie", in: "phường Tân Lập", status: ResolveExact, unit: "00100",
			matched: ListFrom2025, wardCode: "00100"},
		{name: "not in the province given", in: "xã Đại Áng, Hải Phòng", status: ResolveUnknown},
		{name: "explicit province wins over the default", r: hanoi, in: "xã Tân Lập, thành phố Hải Phòng",
			status: ResolveExact, unit: "11000", matched: ListFrom2025, wardCode: "11000"},
		{name: "default province falls back to the whole country", r: Resolver{DefaultProvince: "Hải Phòng"},
			in: "Thường Tín", status: ResolveExact, unit: "10183", matched: ListFrom2025, wardCode: "10183"},
		{name: "unknown name", in: "xã Không Có, Hà Nội", status: ResolveUnknown},
		{name: "no commune", in: "huyện Thanh Trì, Hà Nội", status: ResolveUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkResolve(t, u, tt) })
	}
}

// TestResolveSharedData checks known mappings of Resolution 1656/NQ-UBTVQH15
// (Hà Nội) and a few elsewhere against the public data.
func TestResolveSharedData(t *testing.T) {
	u := loadSharedUnits(t)
	hanoi := Resolver{DefaultProvince: "Thành phố Hà Nội"}
	tests := []resolveCase{
		// Khoản 55: Ngọc Hồi = all of Ngọc Hồi + parts of Đại Áng, Liên Ninh,
		// Duyên Thái, Khánh Hà; khoản 57: the rest of Đại Áng to Thường Tín.
		{name: "Đại Áng is split", in: addrOldForm, status: ResolveAmbiguous, unit: "00679",
			cands: []string{"00679", "10183"}, matched: ListBefore2025, wardCode: "00679"},
		{name: "Đại Áng without diacritics", in: "X. Dai Ang, H. Thanh Tri", status: ResolveAmbiguous, unit: "00679",
			cands: []string{"00679", "10183"}, matched: ListBefore2025, wardCode: "00679"},
		{name: "Ngọc Hồi now", in: addrAbbrForm, status: ResolveExact, unit: "00679", matched: ListFrom2025, wardCode: "00679"},
		{name: "Ngọc Hồi now, hamlet Đại Áng", in: addrHamletNew, status: ResolveExact, unit: "00679",
			matched: ListFrom2025, wardCode: "00679"},
		{name: "old Ngọc Hồi absorbed whole", in: "X. Ngọc Hồi, H. Thanh Trì, HN", status: ResolveExact, unit: "00679",
			matched: ListBefore2025, wardCode: "00679"},
		{name: "Liên Ninh split to Ngọc Hồi and Nam Phù", in: "xã Liên Ninh, huyện Thanh Trì", status: ResolveAmbiguous,
			unit: "00685", cands: []string{"00679", "00685"}, matched: ListBefore2025, wardCode: "00685"},
		{name: "Nhị Khê absorbed whole into Thường Tín", in: "Nhị Khê, Thường Tín, Hà Nội", status: ResolveExact,
			unit: "10183", matched: ListBefore2025, wardCode: "10183"},
		{name: "Trúc Bạch absorbed into Ba Đình", in: "Phường Trúc Bạch, Quận Ba Đình", status: ResolveExact,
			unit: "00004", matched: ListBefore2025, wardCode: "00004"},
		{name: "Cống Vị split to Ngọc Hà and Giảng Võ", in: "P. Cong Vi, Q. Ba Dinh, Ha Noi", status: ResolveAmbiguous,
			unit: "00008", cands: []string{"00008", "00025"}, matched: ListBefore2025, wardCode: "00008"},
		{name: "tone-mark style of the data (Yên Hoà)", in: "P. Yên Hòa, Hà Nội", status: ResolveExact, unit: "00175",
			matched: ListFrom2025, wardCode: "00175"},
		{name: "Tây Hồ is also a xã of Đà Nẵng", in: "Tây Hồ", status: ResolveAmbiguous,
			cands: []string{"00103", "20380"}, matched: ListFrom2025},
		{name: "Tây Hồ with the station's province", r: hanoi, in: "Tây Hồ", status: ResolveExact,
			unit: "00103", matched: ListFrom2025, wardCode: "00103"},
		{name: "the commune type decides", in: "xã Tây Hồ", status: ResolveExact,
			unit: "20380", matched: ListFrom2025, wardCode: "20380"},
		{name: "numbered ward of Hồ Chí Minh City absorbed whole", in: "P.12, Q.10, TPHCM", status: ResolveExact,
			unit: "27163", matched: ListBefore2025, wardCode: "27163"},
		{name: "numbered ward split, the successor keeps the code", in: "Phường 14 Quận 10 TP.HCM", status: ResolveAmbiguous,
			unit: "27169", cands: []string{"27163", "27169"}, matched: ListBefore2025, wardCode: "27169"},
		{name: "island district without communes", in: "huyện Côn Đảo, Bà Rịa - Vũng Tàu", status: ResolveExact,
			unit: "26732", matched: ListBefore2025, wardCode: "26732"},
		{name: "unknown commune", in: "xã Không Có, Hà Nội", status: ResolveUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkResolve(t, u, tt) })
	}
}

// TestWardKeySameWard: the three spellings of the issue share a ward key
// with the data.
func TestWardKeySameWard(t *testing.T) {
	for _, data := range []struct {
		name string
		load func(t *testing.T) *AdminUnits
	}{
		{"tiny", func(t *testing.T) *AdminUnits {
			u, err := LoadAdminUnits(tinyUnits)
			if err != nil {
				t.Fatal(err)
			}
			return u
		}},
		{"shared", func(t *testing.T) *AdminUnits { return loadSharedUnits(t) }},
	} {
		t.Run(data.name, func(t *testing.T) {
			r := Resolver{Units: data.load(t), DefaultProvince: "Hà Nội"}
			want := auWardKeyFlag | 679
			for _, s := range []string{addrOldForm, addrAbbrForm, addrHamletNew, "X. Ngoc Hoi", "Dai Ang, Thanh Tri"} {
				if got := r.WardKey(mustParseAddress(t, s)); got != want {
					t.Errorf("WardKey(%q) = %x, want %x", s, got, want)
				}
			}
		})
	}
}

func TestWardKeyAllocs(t *testing.T) {
	r := Resolver{Units: loadSharedUnits(t), DefaultProvince: "Hà Nội"}
	addrs := []Address{
		mustParseAddress(t, addrOldForm), mustParseAddress(t, addrAbbrForm),
		mustParseAddress(t, "Tây Hồ"), mustParseAddress(t, "xã Không Có"),
	}
	if n := testing.AllocsPerRun(50, func() {
		for _, a := range addrs {
			r.WardKey(a)
		}
	}); n != 0 {
		t.Errorf("WardKey allocates %v times per call, want 0", n)
	}
}

func TestAdminUnitsLookup(t *testing.T) {
	u := loadSharedUnits(t)
	if got := u.Len(ListFrom2025); got != 3321 {
		t.Errorf("Len(ListFrom2025) = %d, want 3321", got)
	}
	if got := u.Len(ListBefore2025); got < 10035 {
		t.Errorf("Len(ListBefore2025) = %d, want at least 10035", got)
	}
	type unitCase struct {
		code UnitCode
		want string // AdminUnit.String(), "" when absent
	}
	for _, tt := range []unitCase{
		{UnitCode{"00679", ListFrom2025}, "xã Ngọc Hồi, Hà Nội"},
		{UnitCode{"00679", ListBefore2025}, "xã Đại Áng, huyện Thanh Trì, Hà Nội"},
		{UnitCode{"00673", ListBefore2025}, "xã Ngọc Hồi, huyện Thanh Trì, Hà Nội"},
		{UnitCode{"00673", ListFrom2025}, ""},
		{UnitCode{"00679", ListUnknown}, ""},
	} {
		t.Run(tt.code.String(), func(t *testing.T) {
			got, _ := u.Unit(tt.code)
			if diff := cmp.Diff(tt.want, got.String()); diff != "" {
				t.Errorf("Unit mismatch (-want +got):\n%s", diff)
			}
		})
	}
	succ := func(code string) []string {
		var out []string
		for _, s := range u.Successors(UnitCode{code, ListBefore2025}) {
			out = append(out, s.String())
		}
		return out
	}
	if diff := cmp.Diff([]string{"xã Ngọc Hồi, Hà Nội", "xã Thường Tín, Hà Nội"}, succ("00679")); diff != "" {
		t.Errorf("Successors(Đại Áng) mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"xã Ngọc Hồi, Hà Nội"}, succ("00673")); diff != "" {
		t.Errorf("Successors(Ngọc Hồi) mismatch (-want +got):\n%s", diff)
	}
	// Văn Điển is not part of Ngọc Hồi (SOURCE.md).
	for _, s := range u.Successors(UnitCode{"00640", ListBefore2025}) {
		if s.Code.Code == "00679" {
			t.Errorf("thị trấn Văn Điển maps to Ngọc Hồi")
		}
	}
	if got := u.Successors(UnitCode{"00679", ListFrom2025}); got != nil {
		t.Errorf("Successors of a current code = %v, want nil", got)
	}
}

func TestLoadAdminUnitsErrors(t *testing.T) {
	with := func(name, data string) fstest.MapFS {
		fsys := fstest.MapFS{}
		for k, v := range tinyUnits {
			fsys[k] = v
		}
		if data == "" {
			delete(fsys, name)
		} else {
			fsys[name] = &fstest.MapFile{Data: []byte(data)}
		}
		return fsys
	}
	tests := []struct {
		name string
		fsys fs.FS
		want error
	}{
		{"missing file", with(auFileSplits, ""), fs.ErrNotExist},
		{"malformed JSON", with(auFileAfter, `[{"Code":`), ErrSyntax},
		{"wrong shape", with(auFileBefore, `{"Code":"01"}`), ErrSyntax},
		{"unknown province in the mapping", with(auFileSplits, `{"data":[{"level1_id":"99","splits":[]}]}`), ErrUnknownCode},
		{"unknown split target", with(auFileSplits, `{"data":[{"level1_id":"01","splits":[{"new_id":"01"}],"level3s":[
			{"level3_id":"00679","name":"Xã Đại áng","splits":[{"new_id":"99999","name":"Xã Không Có"}]}]}]}`), ErrUnknownCode},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := LoadAdminUnits(tt.fsys)
			if !errors.Is(err, tt.want) || u != nil {
				t.Errorf("LoadAdminUnits = %v, %v; want nil, an error wrapping %v", u, err, tt.want)
			}
		})
	}
}

func TestUnitCodeString(t *testing.T) {
	tests := []struct {
		c    UnitCode
		want string
	}{
		{UnitCode{"00679", ListFrom2025}, "00679 (from 2025-07-01)"},
		{UnitCode{"00679", ListBefore2025}, "00679 (before 2025-07-01)"},
		{UnitCode{}, ""},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.c.String()); diff != "" {
			t.Errorf("String mismatch (-want +got):\n%s", diff)
		}
	}
}

func BenchmarkLoadAdminUnits(b *testing.B) {
	loadSharedUnits(b)
	fsys := os.DirFS(adminUnitsDir)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadAdminUnits(fsys); err != nil {
			b.Fatal(err)
		}
	}
	// The memory the index keeps once loaded.
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	u, err := LoadAdminUnits(fsys)
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(u)
	b.ReportMetric(float64(after.HeapAlloc)-float64(before.HeapAlloc), "retained-B")
}

func BenchmarkResolve(b *testing.B) {
	r := Resolver{Units: loadSharedUnits(b), DefaultProvince: "Hà Nội"}
	for _, in := range []struct{ name, s string }{
		{"current", addrAbbrForm},
		{"old_split", addrOldForm},
		{"unknown", "xã Không Có"},
	} {
		a := mustParseAddress(b, in.s)
		b.Run("Resolve/"+in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r.Resolve(a)
			}
		})
		b.Run("WardKey/"+in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r.WardKey(a)
			}
		})
	}
}

func TestEnumStrings(t *testing.T) {
	got := []string{
		ResolveUnknown.String(), ResolveAmbiguous.String(), ResolveExact.String(), ResolveStatus(9).String(),
		ListUnknown.String(), ListBefore2025.String(), ListFrom2025.String(),
		LevelNone.String(), LevelHouse.String(), LevelAlley.String(), LevelStreet.String(),
		LevelHamlet.String(), LevelCommune.String(), LevelDistrict.String(), LevelProvince.String(),
		AdminUnit{}.String(),
	}
	want := []string{
		"unknown", "ambiguous", "exact", "unknown",
		"unknown", "before 2025-07-01", "from 2025-07-01",
		"none", "house", "alley", "street", "hamlet", "commune", "district", "province",
		"",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("String mismatch (-want +got):\n%s", diff)
	}
}

// TestResolverConcurrentUse runs parsing and resolution from several
// goroutines; under -race it checks that they share no mutable state.
func TestResolverConcurrentUse(t *testing.T) {
	u, err := LoadAdminUnits(tinyUnits)
	if err != nil {
		t.Fatal(err)
	}
	r := Resolver{Units: u, DefaultProvince: "Hà Nội"}
	want := r.WardKey(mustParseAddress(t, addrOldForm))
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				a, err := ParseAddress(addrAbbrForm)
				if err != nil {
					errs <- err.Error()
					return
				}
				if got := r.WardKey(a); got != want {
					errs <- "ward key differs between goroutines"
					return
				}
				if res := r.Resolve(a); res.Status != ResolveExact {
					errs <- "resolution differs between goroutines"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// FuzzLoadAdminUnits feeds arbitrary files to LoadAdminUnits: it must
// return an index or an error, never panic, and a loaded index must
// resolve without panicking.
func FuzzLoadAdminUnits(f *testing.F) {
	f.Add(string(tinyUnits[auFileAfter].Data), string(tinyUnits[auFileBefore].Data), string(tinyUnits[auFileSplits].Data))
	f.Add(`[]`, `[]`, `{"data":[]}`)
	f.Add(`[{"Code":"01","FullName":"","Wards":[{"Code":"x","FullName":"Xã","ProvinceCode":"01"}]}]`, `null`, `{}`)
	f.Fuzz(func(t *testing.T, after, before, splits string) {
		u, err := LoadAdminUnits(fstest.MapFS{
			auFileAfter:  {Data: []byte(after)},
			auFileBefore: {Data: []byte(before)},
			auFileSplits: {Data: []byte(splits)},
		})
		if err != nil {
			if u != nil {
				t.Fatal("an index and an error")
			}
			return
		}
		r := Resolver{Units: u, DefaultProvince: "Hà Nội"}
		for _, s := range []string{addrOldForm, addrAbbrForm, "Tân Lập", "huyện Côn Đảo"} {
			a := mustParseAddress(t, s)
			r.Resolve(a)
			r.WardKey(a)
		}
	})
}
