package normalize_test

import (
	"fmt"

	"github.com/vnlink/vnlink/normalize"
)

func ExampleParseSex() {
	for _, s := range []string{"Nam", "NỮ", "nu", "F", "2", "3", "", "Chưa xác định"} {
		sex, err := normalize.ParseSex(s)
		fmt.Printf("%q %d %v\n", sex, sex.Code(), err)
	}
	// Output:
	// "Nam" 1 <nil>
	// "Nữ" 2 <nil>
	// "Nữ" 2 <nil>
	// "Nữ" 2 <nil>
	// "Nữ" 2 <nil>
	// "" 3 <nil>
	// "" 3 <nil>
	// "" 3 <nil>
}

// Codes outside the XML1 list and values that are not a sex are errors.
func ExampleParseSex_errors() {
	for _, s := range []string{"0", "Ông", "Nam/Nữ"} {
		_, err := normalize.ParseSex(s)
		fmt.Println(err)
	}
	// Output:
	// normalize.ParseSex: unknown code: not a GIOI_TINH code (1 nam, 2 nữ, 3 chưa xác định)
	// normalize.ParseSex: invalid syntax: not a recognised sex value
	// normalize.ParseSex: invalid syntax: not a recognised sex value
}

func ExampleSex_Code() {
	fmt.Println(normalize.Male.Code(), normalize.Female.Code(), normalize.SexUnknown.Code())
	// Output:
	// 1 2 3
}
