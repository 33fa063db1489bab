package vnname_test

import (
	"errors"
	"fmt"

	"github.com/vnlink/vnlink/normalize"
	"github.com/vnlink/vnlink/vnname"
)

func ExampleParse() {
	n, err := vnname.Parse("  NGUYỄN   lê minh ANH ")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(n)
	fmt.Printf("family %q, middle %q, given %q\n", n.Family(), n.Middle(), n.Given())
	fmt.Println(n.Key())
	fmt.Println(n.Fold())

	c, _ := vnname.Parse("Tôn Nữ Thị Lan")
	fmt.Printf("family %q, middle %q, given %q\n", c.Family(), c.Middle(), c.Given())
	// Output:
	// Nguyễn Lê Minh Anh
	// family "Nguyễn", middle "Lê Minh", given "Anh"
	// nguyễn lê minh anh
	// nguyen le minh anh
	// family "Tôn Nữ", middle "Thị", given "Lan"
}

func ExampleParse_errors() {
	for _, s := range []string{"0912 345 678", "   "} {
		_, err := vnname.Parse(s)
		fmt.Println(errors.Is(err, normalize.ErrSyntax), errors.Is(err, normalize.ErrEmpty))
	}
	// Output:
	// true false
	// false true
}

func ExampleName_OrderVariant() {
	n, _ := vnname.Parse("Lan Thi Nguyen")
	if v, ok := n.OrderVariant(); ok {
		fmt.Printf("%s may be %s (family %s)\n", n, v, v.Family())
	}
	// Output:
	// Lan Thi Nguyen may be Nguyen Thi Lan (family Nguyen)
}

func ExampleName_Phonetic() {
	for _, s := range []string{"Trần Thị Thủy", "Chần Thị Thũy", "Trần Thị Thụy"} {
		n, _ := vnname.Parse(s)
		fmt.Printf("%s: %s | %s\n", n, n.Phonetic(), n.FoldedPhonetic())
	}
	// Output:
	// Trần Thị Thuỷ: chaan2 thi4 thuy3 | chan thi thuy
	// Chần Thị Thuỹ: chaan2 thi4 thuy3 | chan thi thuy
	// Trần Thị Thuỵ: chaan2 thi4 thuy4 | chan thi thuy
}

func ExampleSamePhonetic() {
	hung, _ := vnname.Parse("Hung")
	hungGrave, _ := vnname.Parse("Hùng")
	hungHorn, _ := vnname.Parse("Hưng")
	fmt.Println(vnname.SamePhonetic(&hung, &hungGrave), vnname.SamePhonetic(&hung, &hungHorn))
	fmt.Println(vnname.SamePhonetic(&hungGrave, &hungHorn))
	// Output:
	// true true
	// false
}

func ExampleName_SexHint() {
	for _, s := range []string{"Nguyễn Thị Lan", "Nguyễn Văn Nam", "Nguyễn Minh Anh"} {
		n, _ := vnname.Parse(s)
		fmt.Printf("%s: %d %q\n", n, n.SexHint(), n.SexHint())
	}
	// Output:
	// Nguyễn Thị Lan: 2 "Nữ"
	// Nguyễn Văn Nam: 1 "Nam"
	// Nguyễn Minh Anh: 0 ""
}

func ExampleIsFamilyVariant() {
	fmt.Println(vnname.IsFamilyVariant("Hoàng", "Huỳnh"))
	fmt.Println(vnname.IsFamilyVariant("Vu", "Võ"))
	fmt.Println(vnname.IsFamilyVariant("Hoàng", "Hoang"))
	fmt.Println(vnname.FamilyVariants("Vũ"))
	// Output:
	// true
	// true
	// false
	// [Võ]
}

func ExampleIsCompoundFamily() {
	fmt.Println(vnname.IsCompoundFamily("Âu Dương"), vnname.IsCompoundFamily("Nguyễn Lê"))
	// Output:
	// true false
}

func ExampleCompare() {
	pairs := [][2]string{
		{"Nguyễn Thị Lan", "NGUYEN THI LAN"},
		{"Trần Thị Trang", "Trần Thị Chang"},
		{"Hoàng Văn Nam", "Huỳnh Văn Nam"},
		{"Nguyễn Thị Lan", "Nguyễn Lan"},
		{"Nguyễn Lan", "Lan Nguyễn"},
		{"Nguyễn Văn Hùng", "Nguyễn Văn Hưng"},
		{"Nguyễn Thị Lan", "Nguyễn Thị Lanh"},
		{"Nguyễn Thị Hằng", "Nguyễn Thị Anh"},
		{"Nguyễn Thị Lan", "Trần Văn Nam"},
	}
	for _, p := range pairs {
		a, _ := vnname.Parse(p[0])
		b, _ := vnname.Parse(p[1])
		fmt.Printf("%s / %s: %v\n", a, b, vnname.Compare(&a, &b))
	}
	// Output:
	// Nguyễn Thị Lan / Nguyen Thi Lan: MissingMarks
	// Trần Thị Trang / Trần Thị Chang: Phonetic
	// Hoàng Văn Nam / Huỳnh Văn Nam: Variant
	// Nguyễn Thị Lan / Nguyễn Lan: MiddleDiffers
	// Nguyễn Lan / Lan Nguyễn: Swapped
	// Nguyễn Văn Hùng / Nguyễn Văn Hưng: MarksDiffer
	// Nguyễn Thị Lan / Nguyễn Thị Lanh: Similar
	// Nguyễn Thị Hằng / Nguyễn Thị Anh: Different
	// Nguyễn Thị Lan / Trần Văn Nam: Different
}

func ExampleCompareParts() {
	a, _ := vnname.Parse("Nguyễn Văn Hùng")
	b, _ := vnname.Parse("Nguyen Hung")
	p := vnname.CompareParts(&a, &b)
	fmt.Println(p.Family, p.Middle, p.Given)
	// Output:
	// MissingMarks Missing MissingMarks
}

func ExampleJaroWinkler() {
	fmt.Printf("%.4f\n", vnname.JaroWinkler("martha", "marhta"))
	fmt.Printf("%.4f\n", vnname.JaroWinkler("nguyen thi lan", "nguyen thi lanh"))
	// Output:
	// 0.9611
	// 0.9867
}

func ExampleFamilyShare() {
	fmt.Println(vnname.FamilyShare("Nguyễn"), vnname.FamilyShare("Huỳnh"), vnname.FamilyShare("Kiều"))
	// Output:
	// 0.38 0.051 0
}

func ExampleFrequencies() {
	var f vnname.Frequencies
	for _, s := range []string{"Nguyễn Thị Lan", "NGUYỄN THỊ LAN", "Trần Thị Lan", "Phạm Văn Nam"} {
		n, _ := vnname.Parse(s)
		f.Add(n)
	}
	n, _ := vnname.Parse("Nguyễn Thị Lan")
	fmt.Println(f.Total())
	fmt.Println(f.FullName(n.Key()), f.Given(n.GivenKey()), f.Family(n.FamilyKey()))
	// Output:
	// 4
	// 0.5 0.75 0.5
}
