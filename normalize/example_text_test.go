package normalize_test

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/transform"

	"github.com/vnlink/vnlink/normalize"
)

func ExampleText() {
	for _, s := range []string{
		"  Nguyễn   Thị Thúy ",            // old tone style, extra spaces
		"NguyÔn ThÞ Hoµ",                  // TCVN3 read as Windows-1252
		"Nguyeãn Thò Hoaø",                // VNI read as Windows-1252
		"Nguyá»…n Thá»‹ HoÃ\u00a0",        // UTF-8 read as Windows-1252
		"Nguye\u0302\u0303n Va\u0306n A.", // decomposed (NFD), trailing dot
		"Số 5, ngõ 12/3, P. Láng Hạ",      // already canonical: returned as is
	} {
		fmt.Println(normalize.Text(s))
	}
	// Output:
	// Nguyễn Thị Thuý
	// Nguyễn Thị Hoà
	// Nguyễn Thị Hoà
	// Nguyễn Thị Hoà
	// Nguyễn Văn A
	// Số 5, ngõ 12/3, P. Láng Hạ
}

func ExampleKey() {
	fmt.Println(normalize.Key("NGUYỄN Thị Thủy"))
	fmt.Println(normalize.Key("Đặng Văn Hòa") == normalize.Key("ĐẶNG VĂN HOÀ"))
	// Output:
	// nguyễn thị thuỷ
	// true
}

func ExampleFold() {
	fmt.Println(normalize.Fold("Nguyễn Thị Thuý"))
	fmt.Println(normalize.Fold("ĐẶNG Văn Đức"))
	fmt.Println(normalize.Fold("NguyÔn ThÞ Hoµ"))
	// Output:
	// nguyen thi thuy
	// dang van duc
	// nguyen thi hoa
}

func ExampleCanonicalizer() {
	old := normalize.Canonicalizer{Style: normalize.ToneOld}
	for _, s := range []string{"Hoà", "Thuý", "khoẻ", "Thuỷ", "quý", "hoàng"} {
		fmt.Println(normalize.Text(s), old.String(s))
	}
	// Output:
	// Hoà Hòa
	// Thuý Thúy
	// khoẻ khỏe
	// Thuỷ Thủy
	// quý quý
	// hoàng hoàng
}

func ExampleEncodeLegacy() {
	name := "Trần Văn Đức"
	for _, e := range []normalize.Encoding{normalize.TCVN3, normalize.VNI, normalize.Mojibake} {
		mangled := normalize.EncodeLegacy(name, e)
		fmt.Printf("%-8v %q -> %s\n", e, mangled, normalize.Text(mangled))
	}
	// Output:
	// TCVN3    "TrÇn V¨n §øc" -> Trần Văn Đức
	// VNI      "Traàn Vaên Ñöùc" -> Trần Văn Đức
	// mojibake "Tráº§n VÄƒn Ä\u0090á»©c" -> Trần Văn Đức
}

func ExampleDetectEncoding() {
	fmt.Println(normalize.DetectEncoding("Lª ThÞ Thu"))
	fmt.Println(normalize.DetectEncoding("Leâ Thò Thu"))
	fmt.Println(normalize.DetectEncoding("LÃª Thá»‹ Thu"))
	fmt.Println(normalize.DetectEncoding("Lê Thị Thu"))
	fmt.Println(normalize.DetectEncoding("Thò")) // a correct word: no evidence
	// Output:
	// TCVN3
	// VNI
	// mojibake
	// UTF-8
	// UTF-8
}

func ExampleRepairLegacy() {
	s, e := normalize.RepairLegacy("Nguyễn Văn Há»“ng")
	fmt.Println(s, e)
	// Output: Nguyễn Văn Hồng mojibake
}

func ExampleIsSyllable() {
	for _, w := range []string{"Nguyễn", "khuỷu", "quý", "NguyÔn", "Smith"} {
		fmt.Println(w, normalize.IsSyllable(w))
	}
	// Output:
	// Nguyễn true
	// khuỷu true
	// quý true
	// NguyÔn false
	// Smith false
}

func ExampleNewFoldTransformer() {
	r := transform.NewReader(strings.NewReader("Trần Văn Hoà\nLê Thị Thuý\n"), normalize.NewFoldTransformer())
	b, err := io.ReadAll(r)
	if err != nil {
		fmt.Println(err)
	}
	fmt.Printf("%q\n", b)
	// Output: "tran van hoa le thi thuy"
}

func ExampleNewKeyTransformer() {
	out, _, err := transform.String(normalize.NewKeyTransformer(), "ĐỖ  Thị Hòa")
	fmt.Println(out, err)
	// Output: đỗ thị hoà <nil>
}

func ExampleNewTextTransformer() {
	out, _, err := transform.String(normalize.NewTextTransformer(), " Nguyễn\u00a0Thị  Thúy ")
	fmt.Println(out, err)
	// Output: Nguyễn Thị Thuý <nil>
}
