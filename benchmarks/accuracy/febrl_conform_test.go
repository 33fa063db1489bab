package accuracy

import (
	"testing"

	"github.com/vnlink/vnlink/linkage/linkagetest"
)

// TestFEBRLComparisonsConform runs the linkagetest conformance checks of
// every FEBRL comparison (the hand-written name levels included) on
// made-up records in FEBRL's style: equal and swapped names, near and far
// spellings, missing fields.
func TestFEBRLComparisonsConform(t *testing.T) {
	recs := []FEBRLRecord{
		{Given: "michael", Surname: "smith", StreetNumber: "12", Address1: "wattle street", Address2: "kamaroo", Suburb: "dubbo", Postcode: "2830", State: "nsw", DateOfBirth: "19610312", SocSecID: "1234567"},
		{Given: "smith", Surname: "michael", StreetNumber: "12", Address1: "wattle st", Address2: "kamaroo", Suburb: "dubbo", Postcode: "2830", State: "nsw", DateOfBirth: "19610321", SocSecID: "1234576"},
		{Given: "micheal", Surname: "smyth", StreetNumber: "21", Address1: "wattle street", Suburb: "dubbbo", Postcode: "2803", State: "vic", DateOfBirth: "19610312", SocSecID: "1234567"},
		{Given: "joshua", Surname: "brown", StreetNumber: "3", Address1: "kings road", Address2: "villa 4", Suburb: "toowoomba", Postcode: "4350", State: "qld", DateOfBirth: "19850101", SocSecID: "7654321"},
		{Given: "josh", Surname: "browne", Address1: "king road", Suburb: "toowomba", Postcode: "4350", State: "qld", SocSecID: "7654312"},
		{},
	}
	for _, c := range FEBRLComparisons() {
		t.Run(c.Name, func(t *testing.T) {
			linkagetest.CheckComparison(t, c, recs)
		})
	}
}
