package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vnlink/vnlink/benchmarks/synth"
)

func TestHeaderKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"record_id", "record_id"},
		{"Họ và tên", "ho_va_ten"},
		{"  HỌ TÊN ", "ho_ten"},
		{"Ngày/tháng/năm sinh", "ngay_thang_nam_sinh"},
		{"Số CCCD", "so_cccd"},
		{"Số thẻ BHYT", "so_the_bhyt"},
		{"Số điện thoại", "so_dien_thoai"},
		{"Địa chỉ", "dia_chi"},
		{"Dân tộc", "dan_toc"},
		{"Ho ten", "ho_ten"},
		{"\ufeffid", "id"},
		{"Họ và tên", "ho_va_ten"}, // NFD
		{"__a--b__", "a_b"},
		{"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := headerKey(tc.in); got != tc.want {
				t.Errorf("headerKey = %q, want %q", got, tc.want)
			}
		})
	}
}

// fieldColumns lists the column name of each mapped field, for comparisons.
func fieldColumns(header []string, m columnMap) map[string]string {
	out := map[string]string{}
	for f := range numFields {
		if m[f] >= 0 {
			out[f.String()] = header[m[f]]
		}
	}
	return out
}

func TestMapColumns(t *testing.T) {
	tests := []struct {
		name     string
		header   []string
		explicit string
		want     map[string]string
	}{
		{
			name:   "synthetic EHR",
			header: synth.EHRColumns,
			want: map[string]string{
				"record_id": "record_id", "full_name": "full_name", "birth_date": "birth_date",
				"sex": "sex", "national_id": "national_id", "insurance_id": "insurance_id",
				"phone": "phone", "address": "address", "ethnicity": "ethnicity",
			},
		},
		{
			name:   "synthetic registry",
			header: synth.RegistryColumns,
			want: map[string]string{
				"record_id": "record_id", "full_name": "ho_va_ten", "birth_date": "ngay_sinh",
				"sex": "gioi_tinh", "national_id": "so_dinh_danh", "old_id": "so_cmnd",
				"phone": "so_dien_thoai", "address": "noi_thuong_tru", "ethnicity": "dan_toc",
			},
		},
		{
			name:   "synthetic BHYT",
			header: synth.BHYTColumns,
			want: map[string]string{
				"record_id": "record_id", "full_name": "full_name", "birth_date": "birth_date",
				"sex": "sex", "national_id": "national_id", "insurance_id": "insurance_id",
				"phone": "phone", "address": "address", "ethnicity": "ethnicity",
			},
		},
		{
			name:   "Vietnamese headers with marks",
			header: []string{"STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Số CMND", "Mã thẻ BHYT", "Điện thoại", "Địa chỉ", "Dân tộc"},
			want: map[string]string{
				"record_id": "STT", "full_name": "Họ và tên", "birth_date": "Ngày sinh", "sex": "Giới tính",
				"national_id": "Số CCCD", "old_id": "Số CMND", "insurance_id": "Mã thẻ BHYT",
				"phone": "Điện thoại", "address": "Địa chỉ", "ethnicity": "Dân tộc",
			},
		},
		{
			name:   "earlier alias wins: dia_chi before noi_o",
			header: []string{"noi_o", "ho_ten", "dia_chi"},
			want:   map[string]string{"full_name": "ho_ten", "address": "dia_chi"},
		},
		{
			name:     "explicit map, by exact name and by folded name",
			header:   []string{"Tên người bệnh", "NS", "dia_chi", "DT di động"},
			explicit: "full_name=Tên người bệnh,birth_date=ns,phone=dt di dong",
			want: map[string]string{
				"full_name": "Tên người bệnh", "birth_date": "NS", "address": "dia_chi", "phone": "DT di động",
			},
		},
		{
			name:     "explicit map takes a column away from its default field",
			header:   []string{"ho_ten", "ten_khac"},
			explicit: "full_name=ten_khac",
			want:     map[string]string{"full_name": "ten_khac"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			explicit, err := parseMapFlag(tc.explicit)
			if err != nil {
				t.Fatal(err)
			}
			m, err := mapColumns(tc.header, explicit, nil)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, fieldColumns(tc.header, m)); diff != "" {
				t.Errorf("mapColumns (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMapColumnsErrors(t *testing.T) {
	tests := []struct {
		name, explicit string
		header         []string
		want           []string // substrings of the error
		notWant        []string
	}{
		{
			name:   "missing required column",
			header: []string{"id", "ho_ten", "dia_chi"},
			want:   []string{"no column found for birth_date", "columns: id, ho_ten, dia_chi", "-map birth_date="},
		},
		{
			name:    "no header row: the first row is not printed",
			header:  []string{"Nguyễn Văn An", "12/03/1985", "001085012345"},
			want:    []string{"3 columns, none with a known name", "header row"},
			notWant: []string{"Nguyễn", "1985"},
		},
		{
			name:     "mapped column absent",
			header:   []string{"ho_ten", "ngay_sinh"},
			explicit: "phone=SĐT",
			want:     []string{`-map phone=SĐT: the file has no column "SĐT"`},
		},
		{
			name:     "one column for two fields",
			header:   []string{"ho_ten", "ngay_sinh"},
			explicit: "full_name=ho_ten,address=ho_ten",
			want:     []string{`column "ho_ten" is mapped to two fields`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			explicit, err := parseMapFlag(tc.explicit)
			if err != nil {
				t.Fatal(err)
			}
			_, err = mapColumns(tc.header, explicit, requiredForMatching)
			if err == nil {
				t.Fatal("mapColumns: no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(err.Error(), w) {
					t.Errorf("error %q contains %q", err, w)
				}
			}
		})
	}
}

func TestParseMapFlag(t *testing.T) {
	tests := []struct {
		in      string
		want    map[field]string
		wantErr string
	}{
		{in: "", want: map[field]string{}},
		{in: "full_name=Họ tên, phone = DT", want: map[field]string{fieldFullName: "Họ tên", fieldPhone: "DT"}},
		{in: "ho_ten=Tên", want: map[field]string{fieldFullName: "Tên"}},
		{in: "id=STT", want: map[field]string{fieldID: "STT"}},
		{in: "colour=x", wantErr: `unknown field "colour"`},
		{in: "full_name", wantErr: "is not field=column"},
		{in: "full_name=", wantErr: "is not field=column"},
		{in: "full_name=a,full_name=b", wantErr: "field full_name given twice"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseMapFlag(tc.in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("parseMapFlag (-want +got):\n%s", diff)
			}
		})
	}
}

// TestAliasesAreKeys checks that every alias is written as headerKey
// writes it, so that it can match, and belongs to one field only.
func TestAliasesAreKeys(t *testing.T) {
	seen := map[string]field{}
	for f := range numFields {
		if fieldAliases[f][0] != f.String() {
			t.Errorf("first alias of %s is %q", f, fieldAliases[f][0])
		}
		for _, a := range fieldAliases[f] {
			if headerKey(a) != a {
				t.Errorf("alias %q of %s is not a header key (%q)", a, f, headerKey(a))
			}
			if g, dup := seen[a]; dup {
				t.Errorf("alias %q belongs to %s and %s", a, g, f)
			}
			seen[a] = f
		}
	}
}

// FuzzHeaderKey checks that header keys are lower-case ASCII words joined
// by "_" and that headerKey is idempotent.
func FuzzHeaderKey(f *testing.F) {
	for _, s := range []string{"Họ và tên", "Số thẻ BHYT", "\ufeffid", "__a--b__", "ĐỊA CHỈ", "Ho\u0323 te\u0302n", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := headerKey(s)
		for _, r := range k {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
				t.Fatalf("headerKey has %q", r)
			}
		}
		if strings.HasPrefix(k, "_") || strings.HasSuffix(k, "_") || strings.Contains(k, "__") {
			t.Fatalf("headerKey %q has a stray _", k)
		}
		if again := headerKey(k); again != k {
			t.Fatalf("headerKey not idempotent: %q then %q", k, again)
		}
	})
}

// FuzzParseMapFlag checks that the -map flag parses without panic into
// known fields and non-empty columns.
func FuzzParseMapFlag(f *testing.F) {
	for _, s := range []string{"full_name=Họ tên,phone=DT", "", "x", "a=b=c", ",,", "ho_ten= ,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := parseMapFlag(s)
		if err != nil {
			return
		}
		for f, col := range m {
			if f < 0 || f >= numFields || col == "" {
				t.Fatalf("field %d column %q", f, col)
			}
		}
	})
}
