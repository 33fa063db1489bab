package vnperson_test

import (
	"testing"

	"github.com/vnlink/vnlink/blocking"
	"time"

	"github.com/vnlink/vnlink/linkage/vnperson"
)

// today fixes the date birth dates are checked against.
var today = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

func prepare(t testing.TB, people ...vnperson.Person) []vnperson.Record {
	t.Helper()
	recs, _ := vnperson.Prepare(people, vnperson.PrepareOptions{Today: today})
	return recs
}

// messyPeople is a small hand-made sample: one person written in several
// ways, near-duplicates that are different people, and missing fields.
func messyPeople() []vnperson.Person {
	return []vnperson.Person{
		{ID: "1", Source: "ehr", FullName: "Nguyễn Thị Lan", BirthDate: "03/04/1990", Sex: "Nữ", NationalID: "001190012345", InsuranceID: "DN4010123456789", Phone: "0912345678", Address: "Thôn Đoài, xã Ngọc Hồi, thành phố Hà Nội", Ethnicity: "Kinh"},
		{ID: "2", Source: "ehr", FullName: "NGUYEN THI LAN", BirthDate: "1990-04-03", Sex: "nu", NationalID: "1190012345", InsuranceID: "0123456789", Phone: "091 234 5678", Address: "Th. Đoài, X. Đại Áng, H. Thanh Trì, HN", Ethnicity: "01"},
		{ID: "3", Source: "ehr", FullName: "Nguyễn Thị Lan", BirthDate: "04/03/1990", Sex: "Nam", NationalID: "001190012354", Address: "Thôn Đông, xã Ngọc Hồi, Hà Nội"},
		{ID: "4", Source: "ehr", FullName: "Nguyễn Thị Lan", BirthDate: "1990", Sex: "2", NationalID: "001190099999"},
		{ID: "5", Source: "ehr", FullName: "Trần Văn Hùng", BirthDate: "12/12/1960", Sex: "Nam", NationalID: "018626014", Phone: "0987654321"},
		{ID: "6", Source: "ehr", FullName: "Tran Van Hung", BirthDate: "12/12/1961", Sex: "1", NationalID: "018626014"},
		{ID: "7", Source: "ehr", FullName: "Trần Văn Hưng", BirthDate: "21/12/1960", Sex: "Nữ", OldID: "018626041"},
		{ID: "8", Source: "ehr"},
		{ID: "9", Source: "ehr", FullName: "Lê Hoàng Anh", BirthDate: "05/1985", Sex: "Nam", Phone: "0987654321", Address: "Thôn Đông, xã Ngọc Hồi, Hà Nội"},
		{ID: "10", Source: "ehr", FullName: "Lê Huỳnh Anh", BirthDate: "15/05/1985", Sex: "Nam", Address: "xã Ngọc Hồi, Hà Nội"},
	}
}

func newDefaultBlocker() (*blocking.Blocker[vnperson.Record], error) {
	return blocking.New(blocking.Options{}, vnperson.DefaultRules()...)
}

// originals returns the first record of every person, as a clean register.
func originals(people []vnperson.Person, truth []int32) []vnperson.Person {
	var out []vnperson.Person
	seen := map[int32]bool{}
	for i, p := range people {
		if !seen[truth[i]] {
			seen[truth[i]] = true
			p.ID = "R" + p.ID[1:]
			p.Source = "registry"
			out = append(out, p)
		}
	}
	return out
}

// clusterSizes returns the number of records of each cluster label and the
// size of the largest cluster.
func clusterSizes(clusters []int32) (map[int32]int, int) {
	sizes := map[int32]int{}
	largest := 0
	for _, l := range clusters {
		sizes[l]++
		largest = max(largest, sizes[l])
	}
	return sizes, largest
}
