package febrl_test

import (
	"fmt"
	"strings"

	"github.com/vnlink/vnlink/benchmarks/febrl"
)

// Reading FEBRL rows and their truth: the entity number in each rec_id.
func ExampleRead() {
	const file = `rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id
rec-552-org, harley, mccarthy, 177, pridham street, milton, marsden, 3165, nsw, 19080419, 6089216
rec-552-dup-3, harley, mccarthy, 177, pridhamstreet, milton, marsden, 3165, nsw, 19080419, 6089216
rec-988-dup-1, madeline, mason, 54, hoseason street, , granville, 4881, nsw, 19081128, 2185997
`
	recs, err := febrl.Read(strings.NewReader(file))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range recs {
		entity, dup, _ := febrl.ParseID(r.ID)
		fmt.Printf("%s entity=%d dup=%d address_2=%q\n", r.ID, entity, dup, r.Address2)
	}
	// Output:
	// rec-552-org entity=552 dup=-1 address_2="milton"
	// rec-552-dup-3 entity=552 dup=3 address_2="milton"
	// rec-988-dup-1 entity=988 dup=1 address_2=""
}

// A malformed id is reported by row and field, never by value.
func ExampleParseID() {
	fmt.Println(febrl.ParseID("rec-1716-dup-1"))
	_, _, err := febrl.ParseID("rec-1716")
	fmt.Println(err)
	// Output:
	// 1716 1 <nil>
	// invalid syntax
}

// Loading FEBRL4, the two files for linking, with their truth. This
// example is not run by go test, because the data lives outside the
// repository; linkage.EvaluateLinks(links, left.Entity, right.Entity)
// then scores predicted links.
func ExampleLoadLink() {
	left, right, err := febrl.LoadLink("../../../shared/data/febrl")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(left.Records), len(right.Records), febrl.TrueLinks(left, right))
}
