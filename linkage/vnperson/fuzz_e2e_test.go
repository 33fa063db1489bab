package vnperson_test

import (
	"testing"

	"github.com/vnlink/vnlink/linkage/vnperson"
)

// fuzzPeople builds up to 40 people from data: each byte chooses one field
// value from small pools, so that fuzzing explores equal, near and
// conflicting values (shared placeholders, twins, missing fields) rather
// than random text.
func fuzzPeople(data []byte, source string) []vnperson.Person {
	names := []string{"Nguyễn Văn An", "Nguyen Van An", "Nguyễn Thị Lan", "Trần Thị Lan", "Lê  Văn AN", "", "Phạm Minh Đức", "123", "Nguyễn Văn Ân"}
	dates := []string{"01/02/1990", "1990", "02/01/1990", "1/2/1990", "", "31/02/1990", "37632", "1985-07-07"}
	ids := []string{"001090012345", "001090012346", "000000000000", "", "012345678", "1090012345", "abc"}
	phones := []string{"0912345678", "84912345678", "", "0912345679", "0000000000"}
	addrs := []string{"Thôn Đông, xã Ngọc Hồi, Hà Nội", "xã Liên Ninh, huyện Thanh Trì", "", "Thôn 1"}
	var out []vnperson.Person
	for i := 0; i+4 < len(data) && len(out) < 40; i += 5 {
		out = append(out, vnperson.Person{
			Source:     source,
			FullName:   names[int(data[i])%len(names)],
			BirthDate:  dates[int(data[i+1])%len(dates)],
			Sex:        []string{"Nam", "Nữ", "", "x"}[int(data[i+2])%4],
			NationalID: ids[int(data[i+3])%len(ids)],
			Phone:      phones[int(data[i+4])%len(phones)],
			Address:    addrs[int(data[i+4]>>4)%len(addrs)],
		})
		if data[i]&0x80 != 0 {
			out[len(out)-1].ID = string(rune('A' + int(data[i+1])%3)) // repeated ids
		}
	}
	return out
}

// FuzzDedupeLinkReconcile runs the three entry points end to end on small
// random people: no panic, every record clustered, and Reconcile's
// guarantees (every row one status, registry rows never in one person).
func FuzzDedupeLinkReconcile(f *testing.F) {
	f.Add([]byte("\x00\x00\x00\x00\x00\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Add([]byte("\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02"))
	f.Add([]byte("\x83\x11\x21\x31\x41\x03\x13\x23\x33\x43\x85\x15\x25\x35\x45\x07\x17\x27\x37\x47"))
	f.Fuzz(func(t *testing.T, data []byte) {
		half := len(data) / 2
		left, right := fuzzPeople(data[:half], "ehr"), fuzzPeople(data[half:], "registry")
		opts := vnperson.Options{Workers: 1}
		if len(left) >= 2 {
			res, err := vnperson.Dedupe(left, opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Clusters) != len(left) {
				t.Fatalf("%d clusters for %d records", len(res.Clusters), len(left))
			}
			for i, c := range res.Clusters {
				if c < 0 || int(c) > i || res.Clusters[c] != c {
					t.Fatalf("record %d: cluster %d is not the smallest index of its cluster", i, c)
				}
			}
		}
		if len(left) > 0 && len(right) > 0 {
			res, err := vnperson.Link(left, right, opts)
			if err != nil {
				t.Fatal(err)
			}
			seen := map[int32]bool{}
			for _, l := range res.Links {
				if int(l.A) >= len(left) || int(l.B) >= len(right) || seen[l.A] {
					t.Fatalf("link %+v out of range or not the best one of its left record", l)
				}
				seen[l.A] = true
			}
		}
		rec, err := vnperson.Reconcile(right, left, nil, vnperson.ReconcileOptions{Options: opts})
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.Rows) != len(left)+len(right) {
			t.Fatalf("%d row statuses for %d rows", len(rec.Rows), len(left)+len(right))
		}
		regs := map[int]int{}
		for _, r := range rec.Rows {
			if r.Role == vnperson.RoleRegistry {
				regs[r.Person]++
				if regs[r.Person] > 1 {
					t.Fatalf("two registry rows in person %d", r.Person)
				}
			}
		}
	})
}
