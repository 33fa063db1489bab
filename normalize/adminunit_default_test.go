package normalize

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDefaultUnitsUpToDate regenerates the table from the shared data in
// memory and requires exactly the embedded bytes, and the embedded notice
// to hold every licence of the data verbatim.
func TestDefaultUnitsUpToDate(t *testing.T) {
	u := loadSharedUnits(t)
	var buf bytes.Buffer
	require.NoError(t, u.WriteTable(&buf))
	if !bytes.Equal(buf.Bytes(), auTable) {
		t.Fatalf("adminunits.bin.gz is stale (%d bytes embedded, %d regenerated): run go generate ./normalize/",
			len(auTable), buf.Len())
	}
	licences, err := filepath.Glob(filepath.Join(adminUnitsDir, "LICENSE*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, licences)
	for _, name := range licences {
		text, err := os.ReadFile(name)
		require.NoError(t, err)
		assert.Contains(t, AdminUnitsNotice, strings.TrimRight(string(text), "\n"), "notice lacks %s", filepath.Base(name))
	}
	for _, commit := range []string{"cd58063299585146ded3981f2272946ef19ced54", "fc33b7411ec4e3697817fab8118718a8d39ef090",
		"dd94887ce32324380bc5bb0a76fe39867dafc73b"} {
		assert.Contains(t, AdminUnitsNotice, commit)
	}
}

// TestDefaultUnits checks the built-in table without the shared data.
func TestDefaultUnits(t *testing.T) {
	u := DefaultUnits()
	require.Same(t, u, DefaultUnits(), "DefaultUnits decodes once")
	assert.Equal(t, 3321, u.Len(ListFrom2025))
	assert.Equal(t, 10047, u.Len(ListBefore2025))
	got, ok := u.Unit(UnitCode{"00679", ListBefore2025})
	require.True(t, ok)
	assert.Equal(t, "xã Đại Áng, huyện Thanh Trì, Hà Nội", got.String())
	var succ []string
	for _, s := range u.Successors(UnitCode{"00679", ListBefore2025}) {
		succ = append(succ, s.String())
	}
	assert.Equal(t, []string{"xã Ngọc Hồi, Hà Nội", "xã Thường Tín, Hà Nội"}, succ)
	assert.NotSame(t, DefaultResolver(), DefaultResolver(), "each DefaultResolver is its own")
}

// TestDefaultResolver resolves known addresses with the built-in table:
// the cases of TestResolveSharedData that need no data files.
func TestDefaultResolver(t *testing.T) {
	hanoi := Resolver{DefaultProvince: "Thành phố Hà Nội"}
	tests := []resolveCase{
		{name: "Đại Áng is split", in: addrOldForm, status: ResolveAmbiguous, unit: "00679",
			cands: []string{"00679", "10183"}, matched: ListBefore2025, wardCode: "00679"},
		{name: "Ngọc Hồi now", in: addrAbbrForm, status: ResolveExact, unit: "00679", matched: ListFrom2025, wardCode: "00679"},
		{name: "old Ngọc Hồi absorbed whole", in: "X. Ngọc Hồi, H. Thanh Trì, HN", status: ResolveExact, unit: "00679",
			matched: ListBefore2025, wardCode: "00679"},
		{name: "Liên Ninh split", in: "xã Liên Ninh, huyện Thanh Trì", status: ResolveAmbiguous,
			unit: "00685", cands: []string{"00679", "00685"}, matched: ListBefore2025, wardCode: "00685"},
		{name: "Trúc Bạch absorbed into Ba Đình", in: "Phường Trúc Bạch, Quận Ba Đình", status: ResolveExact,
			unit: "00004", matched: ListBefore2025, wardCode: "00004"},
		{name: "same name in two provinces", in: "Tây Hồ", status: ResolveAmbiguous,
			cands: []string{"00103", "20380"}, matched: ListFrom2025},
		{name: "station's province decides", r: hanoi, in: "Tây Hồ", status: ResolveExact,
			unit: "00103", matched: ListFrom2025, wardCode: "00103"},
		{name: "numbered ward split", in: "Phường 14 Quận 10 TP.HCM", status: ResolveAmbiguous,
			unit: "27169", cands: []string{"27163", "27169"}, matched: ListBefore2025, wardCode: "27169"},
		{name: "island district", in: "huyện Côn Đảo, Bà Rịa - Vũng Tàu", status: ResolveExact,
			unit: "26732", matched: ListBefore2025, wardCode: "26732"},
		{name: "unknown commune", in: "xã Không Có, Hà Nội", status: ResolveUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkResolve(t, DefaultUnits(), tt) })
	}
}

func TestResolverNil(t *testing.T) {
	a := mustParseAddress(t, addrOldForm)
	var r *Resolver
	assert.Equal(t, Resolution{}, r.Resolve(a))
	assert.Equal(t, (&Resolver{}).WardKey(a), r.WardKey(a), "a nil Resolver keys by name, as the zero one")
	assert.NotZero(t, r.WardKey(a))
	assert.Equal(t, Resolution{}, (&Resolver{}).Resolve(a))
	var u *AdminUnits
	assert.Zero(t, u.Len(ListFrom2025))
	_, ok := u.Unit(UnitCode{"00679", ListFrom2025})
	assert.False(t, ok)
	assert.Nil(t, u.Successors(UnitCode{"00679", ListBefore2025}))
	assert.Equal(t, Resolution{}, (&Resolver{Units: u}).Resolve(a))
}

// tinyTable returns the index of the tiny data set and its decompressed table.
func tinyTable(t testing.TB) (*AdminUnits, []byte) {
	t.Helper()
	u, err := LoadAdminUnits(tinyUnits)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, u.WriteTable(&buf))
	zr, err := gzip.NewReader(&buf)
	require.NoError(t, err)
	raw, err := io.ReadAll(zr)
	require.NoError(t, err)
	return u, raw
}

func gzipBytes(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, err := zw.Write(b)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// TestAdminUnitsTableRoundTrip: an index read back from its table writes
// the same table and resolves the same way.
func TestAdminUnitsTableRoundTrip(t *testing.T) {
	u, _ := tinyTable(t)
	var first, second bytes.Buffer
	require.NoError(t, u.WriteTable(&first))
	back, err := ReadAdminUnitsTable(bytes.NewReader(first.Bytes()))
	require.NoError(t, err)
	require.NoError(t, back.WriteTable(&second))
	assert.Equal(t, first.Bytes(), second.Bytes())
	r1, r2 := Resolver{Units: u}, Resolver{Units: back}
	for _, s := range []string{addrOldForm, addrAbbrForm, "Tân Lập", "TT Thường Tín", "xã Tân Lập, tỉnh Hải Dương"} {
		a := mustParseAddress(t, s)
		assert.Equal(t, r1.Resolve(a), r2.Resolve(a), s)
		assert.Equal(t, r1.WardKey(a), r2.WardKey(a), s)
	}
}

func TestReadAdminUnitsTableErrors(t *testing.T) {
	_, raw := tinyTable(t)
	badVersion := slices.Clone(raw)
	badVersion[len(auTableMagic)] = 9
	tests := []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"not gzip", []byte("units")},
		{"truncated gzip", gzipBytes(t, raw)[:40]},
		{"wrong magic", gzipBytes(t, []byte("another-format\x01"))},
		{"wrong version", gzipBytes(t, badVersion)},
		{"truncated table", gzipBytes(t, raw[:len(raw)-3])},
		{"trailing bytes", gzipBytes(t, append(slices.Clone(raw), 0))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := ReadAdminUnitsTable(bytes.NewReader(tt.in))
			assert.Nil(t, u)
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.ErrorIs(t, err, ErrSyntax)
		})
	}
	// An error of the reader is returned as it is.
	boom := errors.New("boom")
	_, err := ReadAdminUnitsTable(io.MultiReader(bytes.NewReader(gzipBytes(t, raw)[:20]), errReader{boom}))
	assert.ErrorIs(t, err, boom)
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

// FuzzReadAdminUnitsTable decodes arbitrary tables: an index or an error,
// never a panic; a decoded index resolves and writes a table that reads
// back to the same table.
func FuzzReadAdminUnitsTable(f *testing.F) {
	_, raw := tinyTable(f)
	f.Add(raw)
	f.Add(raw[:len(raw)/2])
	f.Add([]byte(auTableMagic + "\x01"))
	f.Add([]byte(auTableMagic + "\x01\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		u, err := decodeAdminUnitsTable(b)
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
		var first, second bytes.Buffer
		require.NoError(t, u.WriteTable(&first))
		back, err := ReadAdminUnitsTable(bytes.NewReader(first.Bytes()))
		require.NoError(t, err)
		require.NoError(t, back.WriteTable(&second))
		require.Equal(t, first.Bytes(), second.Bytes())
	})
}

// FuzzResolve resolves arbitrary addresses with the built-in table and
// with no data, and checks the contract of Resolution and WardKey.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{
		addrOldForm, addrAbbrForm, addrHamletNew, "Tây Hồ", "xã Tây Hồ", "P.12, Q.10, TPHCM",
		"Phường 14 Quận 10 TP.HCM", "huyện Côn Đảo", "xã Không Có, Hà Nội", "", ",,,", "TT Văn Điển, Thanh Trì",
	} {
		f.Add(s, "")
		f.Add(s, "Hà Nội")
	}
	f.Fuzz(func(t *testing.T, in, province string) {
		a, err := ParseAddress(in)
		if err != nil {
			return
		}
		var nilResolver *Resolver
		if got := nilResolver.Resolve(a); got.Status != ResolveUnknown {
			t.Fatalf("nil Resolver resolved: %v", got.Status)
		}
		r := DefaultResolver()
		r.DefaultProvince = province
		res := r.Resolve(a)
		key := r.WardKey(a)
		switch res.Status {
		case ResolveUnknown:
			require.True(t, res.Unit.IsZero())
			require.Nil(t, res.Candidates)
		case ResolveExact:
			require.Equal(t, ListFrom2025, res.Unit.Code.Version)
			require.Nil(t, res.Candidates)
			require.Equal(t, auWardKeyFlag|mustCode(t, res.Unit.Code.Code), key)
		case ResolveAmbiguous:
			require.GreaterOrEqual(t, len(res.Candidates), 2)
			require.True(t, slices.IsSortedFunc(res.Candidates, func(x, y AdminUnit) int {
				return strings.Compare(x.Code.Code, y.Code.Code)
			}))
			for _, c := range res.Candidates {
				require.Equal(t, ListFrom2025, c.Code.Version)
			}
			if !res.Unit.IsZero() {
				require.Contains(t, res.Candidates, res.Unit)
				require.Equal(t, auWardKeyFlag|mustCode(t, res.Unit.Code.Code), key)
			}
		default:
			t.Fatalf("status %d", res.Status)
		}
		if res.Status != ResolveUnknown && res.Matched == ListUnknown {
			t.Fatal("resolved without a matched list")
		}
	})
}

func mustCode(t *testing.T, c string) uint64 {
	t.Helper()
	v, ok := auDigits(c)
	require.True(t, ok, "code %q", c)
	return uint64(v)
}

// BenchmarkDefaultUnitsLoad measures what the first DefaultUnits call
// costs: decompressing and indexing the built-in table.
func BenchmarkDefaultUnitsLoad(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(auTable)))
	for b.Loop() {
		if _, err := ReadAdminUnitsTable(bytes.NewReader(auTable)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDefaultResolve resolves a mix of addresses with the built-in
// table; ns/op is per address.
func BenchmarkDefaultResolve(b *testing.B) {
	r := DefaultResolver()
	r.DefaultProvince = "Hà Nội"
	var addrs []Address
	for _, s := range []string{addrOldForm, addrAbbrForm, addrHamletNew, "Tây Hồ", "P.12, Q.10, TPHCM",
		"Phường Trúc Bạch, Quận Ba Đình", "xã Không Có", "Nhị Khê, Thường Tín, Hà Nội"} {
		addrs = append(addrs, mustParseAddress(b, s))
	}
	b.Run("Resolve", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			r.Resolve(addrs[i%len(addrs)])
			i++
		}
	})
	b.Run("WardKey", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			r.WardKey(addrs[i%len(addrs)])
			i++
		}
	})
}
