package main

import (
	"io"
	"math/rand/v2"
	"strconv"
	"testing"
)

// benchHeader is a clean output's header: 20 columns of person fields.
var benchHeader = []string{"Mã hồ sơ", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Số CMND", "Số thẻ BHYT",
	"Số điện thoại", "Địa chỉ", "Dân tộc", "row", "clean_full_name", "clean_birth_date", "clean_sex",
	"clean_national_id", "clean_insurance_id", "clean_phone", "clean_address", "clean_ethnicity", "issues"}

// benchRows fills row with made-up but realistic cells for row i: names,
// dates and numbers of the shapes a Hanoi commune's lists hold.
type benchRows struct {
	r   *rand.Rand
	row []string
}

var (
	benchFamily  = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"}
	benchMiddle  = []string{"Văn", "Thị", "Hữu", "Minh", "Thu", "Đức", "Ngọc", "Quang"}
	benchGiven   = []string{"Quảng", "Hà", "Hường", "Thắng", "Khôi", "Ngọc", "Hạnh", "Tuấn", "Lan", "Dũng"}
	benchHamlets = []string{"Thôn Đoài", "Thôn Đông", "Thôn Bắc", "Xóm Bãi", "Tổ dân phố 5", "Thôn Văn Điển"}
)

func (b *benchRows) next(i int) []string {
	r := b.r
	digits := func(n int) string {
		buf := make([]byte, n)
		for k := range buf {
			buf[k] = byte('0' + r.IntN(10))
		}
		return string(buf)
	}
	name := benchFamily[r.IntN(len(benchFamily))] + " " + benchMiddle[r.IntN(len(benchMiddle))] + " " + benchGiven[r.IntN(len(benchGiven))]
	y, m, d := 1930+r.IntN(95), 1+r.IntN(12), 1+r.IntN(28)
	date := strconv.Itoa(y) + "-" + strconv.Itoa(100 + m)[1:] + "-" + strconv.Itoa(100 + d)[1:]
	sex := "Nam"
	if r.IntN(2) == 0 {
		sex = "Nữ"
	}
	cccd, phone, bhyt := "001"+digits(9), "09"+digits(8), "DN401"+digits(10)
	addr := "Số " + strconv.Itoa(1+r.IntN(200)) + ", " + benchHamlets[r.IntN(len(benchHamlets))] + ", xã Ngọc Hồi, Hà Nội"
	b.row = append(b.row[:0], "HS"+strconv.Itoa(100000+i), name, date, sex, cccd, digits(9), bhyt, phone, addr, "Kinh",
		strconv.Itoa(i+1), name, date, sex, cccd, bhyt, phone, addr, "Kinh", "")
	return b.row
}

// BenchmarkWorkbook writes a workbook of one sheet of 20 columns.
func BenchmarkWorkbook(b *testing.B) {
	for _, n := range []int{50_000, 1_000_000} {
		b.Run(strconv.Itoa(n)+"rows", func(b *testing.B) {
			for b.Loop() {
				gen := benchRows{r: rand.New(rand.NewPCG(1, 2))}
				cw, err := openList(workbookFile{io.Discard}, nil, benchHeader, tr(sheetClean))
				if err != nil {
					b.Fatal(err)
				}
				for i := range n {
					if err := cw.Write(gen.next(i)); err != nil {
						b.Fatal(err)
					}
				}
				if err := cw.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
