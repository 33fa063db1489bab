package normalize_test

import (
	"errors"
	"fmt"

	"github.com/vnlink/vnlink/normalize"
)

func ExampleParseNationalID() {
	// A CCCD typed with dots, and another whose leading zero a spreadsheet
	// dropped.
	for _, s := range []string{"001.090.012.345", "79301234567", "'012345678"} {
		id, err := normalize.ParseNationalID(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s %s province=%q %q sex=%q born=%d\n",
			id.Kind(), id, id.ProvinceCode(), id.Province(), id.Sex(), id.BirthYear())
	}
	// Output:
	// CCCD 001090012345 province="001" "Hà Nội" sex="Nam" born=1990
	// CCCD 079301234567 province="079" "Hồ Chí Minh" sex="Nữ" born=2001
	// CMND 012345678 province="" "" sex="" born=0
}

func ExampleParseNationalID_errors() {
	for _, s := range []string{"003090012345", "0010900123456", "1.09001E+11"} {
		_, err := normalize.ParseNationalID(s)
		fmt.Println(errors.Is(err, normalize.ErrUnknownCode), err)
	}
	// Output:
	// true normalize.ParseNationalID: unknown code: unknown province code
	// false normalize.ParseNationalID: value out of range: wrong number of digits: want 9 or 12
	// false normalize.ParseNationalID: invalid syntax: number in scientific notation: digits were lost
}

func ExampleNationalID_CheckAgainst() {
	id, _ := normalize.ParseNationalID("036185000123") // Nam Định, female, 1985
	birth, _ := normalize.NewDate(1958, 3, 1)
	fmt.Printf("%q\n", id.CheckAgainst(normalize.Female, birth))
	fmt.Printf("%q\n", id.CheckAgainst(normalize.Male, birth))
	fmt.Println(id.Province(), "->", id.Province2025())
	// Output:
	// "birth year"
	// "sex,birth year"
	// Nam Định -> Ninh Bình
}

func ExampleParseInsuranceID() {
	old, _ := normalize.ParseInsuranceID("hs 4 01 012 345 6789")
	reissued, _ := normalize.ParseInsuranceID("DN4790123456789")
	bare, _ := normalize.ParseInsuranceID("123456789") // leading zero lost
	fmt.Println(old, old.ObjectCode(), old.BenefitLevel(), old.ProvinceCode(), old.BHXH())
	fmt.Println(bare, bare.HasCard())
	fmt.Println(old == reissued, old.SameBHXH(reissued), old.SameBHXH(bare))
	// Output:
	// HS4010123456789 HS 4 01 0123456789
	// 0123456789 false
	// false true true
}

func ExampleParsePhone() {
	for _, s := range []string{"+84 912 345 678", "0169 933 3999", "912345678", "(024) 3823 4567", "0912345678 / 0987654321"} {
		p, err := normalize.ParsePhone(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(p, p.Kind())
	}
	// Output:
	// 0912345678 mobile
	// 0399333999 mobile
	// 0912345678 mobile
	// 02438234567 landline
	// 0912345678 mobile
}

func ExampleParsePhones() {
	phones, err := normalize.ParsePhones(nil, "0912 345 678 hoặc 0169 933 3999 (mẹ)")
	fmt.Println(phones, err)
	// Output:
	// [0912345678 0399333999] <nil>
}

func ExampleParseEthnicity() {
	for _, s := range []string{"1", "Việt", "H'Mông", "Ê đê", "khmer", "Không rõ"} {
		e, err := normalize.ParseEthnicity(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(e.Code(), e.Name())
	}
	// Output:
	// 01 Kinh
	// 01 Kinh
	// 08 HMông
	// 12 Ê-đê
	// 05 Khơ-me
	// normalize.ParseEthnicity: empty value: no ethnicity recorded
}
