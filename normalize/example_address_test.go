package normalize_test

import (
	"fmt"
	"testing/fstest"

	"github.com/vnlink/vnlink/normalize"
)

func ExampleParseAddress() {
	for _, s := range []string{
		"xã Đại Áng, huyện Thanh Trì, Hà Nội",
		"X.Ngoc Hoi TP.HN",
		"so 12 ngo 5 thon Dai Ang, Tổ III, P12, Q.10, TPHCM, Việt Nam",
	} {
		a, err := normalize.ParseAddress(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(a)
		fmt.Printf("  commune %q (%s), folded %q\n", a.Commune.Name, a.Commune.Type, a.Commune.Folded())
	}
	_, err := normalize.ParseAddress(" , ")
	fmt.Println(err)
	// Output:
	// Xã Đại Áng, huyện Thanh Trì, Hà Nội
	//   commune "Đại Áng" (xã), folded "dai ang"
	// Xã Ngoc Hoi, thành phố Hà Nội
	//   commune "Ngoc Hoi" (xã), folded "ngoc hoi"
	// Số 12, ngõ 5, thôn Dai Ang, tổ 3, phường 12, quận 10, thành phố Hồ Chí Minh
	//   commune "12" (phường), folded "12"
	// normalize.ParseAddress: empty value: no words in the address
}

func ExampleAddress_String() {
	a, _ := normalize.ParseAddress("(gần chợ) 12 Nguyễn Trãi, Thanh Xuân, HN")
	fmt.Println(a.String())
	b, _ := normalize.ParseAddress(a.String())
	fmt.Println(b.String() == a.String())
	// Output:
	// Số 12, Nguyễn Trãi, Thanh Xuân, Hà Nội (gần chợ)
	// true
}

func ExamplePart() {
	p := normalize.Part{Type: normalize.UnitToDanPho, Name: "Đại Áng"}
	fmt.Println(p.String())
	fmt.Println(p.Key())
	fmt.Println(p.Folded())
	fmt.Println(p.Type.Level())
	// Output:
	// tổ dân phố Đại Áng
	// đại áng
	// dai ang
	// hamlet
}

// Without the data, the ward key is made from the folded commune and
// province names: spellings of one current name share it.
func ExampleResolver_WardKey() {
	r := normalize.Resolver{DefaultProvince: "Hà Nội"}
	key := func(s string) uint64 {
		a, _ := normalize.ParseAddress(s)
		return r.WardKey(a)
	}
	fmt.Println(key("X. Ngoc Hoi") == key("thôn Đại Áng, xã Ngọc Hồi, thành phố Hà Nội"))
	fmt.Println(key("xã Đại Áng, huyện Thanh Trì") == key("xã Ngọc Hồi")) // needs the data
	fmt.Println(key("huyện Thanh Trì"))                                   // no commune, no key
	// Output:
	// true
	// false
	// 0
}

// exampleUnits is a tiny data set in the layout of the public data (the
// real files live outside this repository; load them with
// os.DirFS(dir)).
var exampleUnits = fstest.MapFS{
	"units_2025_after.json": {Data: []byte(`[{"Code":"01","FullName":"Thành phố Hà Nội","Wards":[
		{"Code":"00679","FullName":"Xã Ngọc Hồi","ProvinceCode":"01"},
		{"Code":"10183","FullName":"Xã Thường Tín","ProvinceCode":"01"}]}]`)},
	"units_2025_before.json": {Data: []byte(`[{"Code":"01","FullName":"Thành phố Hà Nội","District":[
		{"Code":"020","FullName":"Huyện Thanh Trì","ProvinceCode":"01","Ward":[
			{"Code":"00673","FullName":"Xã Ngọc Hồi","DistrictCode":"020"},
			{"Code":"00679","FullName":"Xã Đại áng","DistrictCode":"020"}]}]}]`)},
	"splits_old_to_new.json": {Data: []byte(`{"data":[{"level1_id":"01","splits":[{"new_id":"01"}],"level3s":[
		{"level3_id":"00673","splits":[{"new_id":"00679"}]},
		{"level3_id":"00679","splits":[{"new_id":"00679"},{"new_id":"10183"}]}]}]}`)},
}

func ExampleLoadAdminUnits() {
	units, err := normalize.LoadAdminUnits(exampleUnits) // os.DirFS("…/adminunits") for the real data
	if err != nil {
		fmt.Println(err)
		return
	}
	old := normalize.UnitCode{Code: "00679", Version: normalize.ListBefore2025}
	u, _ := units.Unit(old)
	fmt.Println(old, "was", u)
	for _, s := range units.Successors(old) {
		fmt.Println("  now in", s.Code, s)
	}
	// Output:
	// 00679 (before 2025-07-01) was xã Đại Áng, huyện Thanh Trì, Hà Nội
	//   now in 00679 (from 2025-07-01) xã Ngọc Hồi, Hà Nội
	//   now in 10183 (from 2025-07-01) xã Thường Tín, Hà Nội
}

func ExampleResolver_Resolve() {
	units, _ := normalize.LoadAdminUnits(exampleUnits)
	r := normalize.Resolver{Units: units, DefaultProvince: "Hà Nội"}
	for _, s := range []string{
		"X. Ngoc Hoi, TP HN",                   // a current name
		"xã Ngọc Hồi, huyện Thanh Trì",         // an old commune absorbed whole
		"X. Dai Ang, H. Thanh Tri",             // an old commune split in two
		"thôn Đại Áng, xã Ngọc Hồi, Hà Nội",    // a hamlet named after the old commune
		"xã Không Có, huyện Thanh Trì, Hà Nội", // not in the lists
	} {
		a, _ := normalize.ParseAddress(s)
		res := r.Resolve(a)
		fmt.Printf("%s: %s", s, res.Status)
		if !res.Unit.IsZero() {
			fmt.Print(" ", res.Unit.Code.Code)
		}
		for _, c := range res.Candidates {
			fmt.Printf(" [%s %s]", c.Code.Code, c.Name)
		}
		fmt.Printf(" ward key %x\n", r.WardKey(a))
	}
	// Output:
	// X. Ngoc Hoi, TP HN: exact 00679 ward key 80000000000002a7
	// xã Ngọc Hồi, huyện Thanh Trì: exact 00679 ward key 80000000000002a7
	// X. Dai Ang, H. Thanh Tri: ambiguous 00679 [00679 Ngọc Hồi] [10183 Thường Tín] ward key 80000000000002a7
	// thôn Đại Áng, xã Ngọc Hồi, Hà Nội: exact 00679 ward key 80000000000002a7
	// xã Không Có, huyện Thanh Trì, Hà Nội: unknown ward key 5c8cb8d74f6ee0b
}
