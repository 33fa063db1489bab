package normalize_test

import (
	"fmt"

	"github.com/vnlink/vnlink/normalize"
)

// The built-in table resolves an old address to today's commune, with no
// data file: Đại Áng was split, so the result lists both successors.
func ExampleDefaultResolver() {
	r := normalize.DefaultResolver()
	r.DefaultProvince = "Hà Nội"
	for _, s := range []string{"X. Ngoc Hoi, TP HN", "xã Đại Áng, huyện Thanh Trì", "P. Trúc Bạch, Q. Ba Đình"} {
		a, err := normalize.ParseAddress(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		res := r.Resolve(a)
		fmt.Println(res.Status, res.Unit, res.Candidates)
	}
	var none *normalize.Resolver
	fmt.Println(none.Resolve(normalize.Address{}).Status)
	// Output:
	// exact xã Ngọc Hồi, Hà Nội []
	// ambiguous xã Ngọc Hồi, Hà Nội [xã Ngọc Hồi, Hà Nội xã Thường Tín, Hà Nội]
	// exact phường Ba Đình, Hà Nội []
	// unknown
}
