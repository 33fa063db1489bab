package vnperson_test

import (
	"fmt"
	"slices"
	"time"

	"github.com/vnlink/vnlink/linkage/vnperson"
)

func ExamplePrepare() {
	people := []vnperson.Person{
		{ID: "E1", FullName: "NGUYEN THI LAN", BirthDate: "19900403", Sex: "nu", NationalID: "1190012345"},
		{ID: "E2", FullName: "Nguyễn Thị Lan", BirthDate: "31/02/1990", Sex: "F", Phone: "call me"},
	}
	recs, issues := vnperson.Prepare(people, vnperson.PrepareOptions{Today: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	for _, r := range recs {
		fmt.Printf("%s: name %q, birth %q, sex %v, CCCD %012d\n", r.ID, r.Name.Fold(), r.Birth.String(), r.Sex, r.CCCD)
	}
	for _, is := range issues {
		fmt.Println("issue:", is.Row, is.Field)
	}
	// Output:
	// E1: name "nguyen thi lan", birth "1990-04-03", sex Nữ, CCCD 001190012345
	// E2: name "nguyen thi lan", birth "", sex Nữ, CCCD 000000000000
	// issue: 2 birth_date
	// issue: 2 phone
}

func ExampleDedupe() {
	people, _ := community(300, 1)
	res, err := vnperson.Dedupe(people, testOptions())
	if err != nil {
		fmt.Println(err)
		return
	}
	clusters := map[int32]int{}
	for _, c := range res.Clusters {
		clusters[c]++
	}
	fmt.Printf("%d records, %d people, %d links\n", len(res.Records), len(clusters), len(res.Links))
	l := res.Links[0]
	fmt.Printf("first link: %s and %s, rule %s\n", people[l.A].ID, people[l.B].ID, res.RuleNames[l.Rule])
	// Output:
	// 358 records, 300 people, 58 links
	// first link: E00000 and E00001, rule national_id
}

func ExampleLink() {
	ehr, truth := community(100, 2)
	register := originals(ehr, truth)
	res, err := vnperson.Link(ehr, register, testOptions())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d EHR records, %d register records, %d links\n", len(res.Records), len(res.Right), len(res.Links))
	for _, l := range res.Links[:2] {
		fmt.Printf("%s -> %s\n", ehr[l.A].ID, register[l.B].ID)
	}
	// Output:
	// 118 EHR records, 100 register records, 118 links
	// E00000 -> R00000
	// E00001 -> R00001
}

func ExampleResult_Explain() {
	people := []vnperson.Person{
		{ID: "1", FullName: "Nguyễn Thị Lan", BirthDate: "03/04/1990", Sex: "Nữ", NationalID: "001190012345"},
		{ID: "2", FullName: "NGUYEN THI LAN", BirthDate: "04/03/1990", Sex: "Nam", NationalID: "001190012345"},
	}
	extra, _ := community(200, 3)
	people = append(people, extra...)
	res, err := vnperson.Dedupe(people, testOptions())
	if err != nil {
		fmt.Println(err)
		return
	}
	e := res.Explain(0, 1)
	for _, row := range e.Rows {
		fmt.Printf("%-11s %-17s %+.1f\n", row.Comparison, row.Label, row.Weight)
	}
	fmt.Println("same cluster:", res.Clusters[0] == res.Clusters[1])
	// Output:
	// national_id cccd_exact        +18.2
	// bhxh        null              +0.0
	// name        missing_marks     +10.4
	// birth_date  day_month_swapped +9.9
	// sex         name_hint_agrees  -2.7
	// phone       null              +0.0
	// address     null              +0.0
	// ethnicity   null              +0.0
	// same cluster: true
}

func ExampleNationalIDComparison() {
	recs, _ := vnperson.Prepare([]vnperson.Person{
		{NationalID: "001190012345"},
		{NationalID: "1190012345"},   // leading zeros lost in a spreadsheet
		{NationalID: "001190012354"}, // two digits swapped
		{NationalID: "001190099999"},
		{NationalID: "012345678"}, // an old CMND
	}, vnperson.PrepareOptions{})
	c := vnperson.NationalIDComparison()
	for _, j := range []int{1, 2, 3, 4} {
		fmt.Println(c.Label(c.Level(&recs[0], &recs[j])), vnperson.CannotLink(&recs[0], &recs[j]))
	}
	// Output:
	// cccd_exact false
	// one_digit_typo false
	// different true
	// null false
}

func ExampleTrain() {
	people, _ := community(200, 4)
	recs, _ := vnperson.Prepare(people, vnperson.PrepareOptions{Today: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	m, err := vnperson.Train(recs, nil, vnperson.Options{USamplePairs: 20_000, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	p := m.Params()
	for _, c := range p.Comparisons[:4] {
		if c.Name == vnperson.CompareBHXH {
			continue // no insurance numbers in this sample: m keeps its start value
		}
		// m of the first level: how often true matches agree exactly.
		fmt.Printf("%-11s %-10s m>0.5: %v\n", c.Name, c.Levels[0].Label, c.Levels[0].M > 0.5)
	}
	// Output:
	// national_id cccd_exact m>0.5: true
	// name        exact      m>0.5: true
	// birth_date  exact      m>0.5: true
}

// A large file read in parts: each part is prepared and can be let go
// before the next is read; the result is Link's on the whole lists.
func ExampleLinkPrepared() {
	ehr, truth := community(100, 2)
	register := originals(ehr, truth)
	opts := testOptions()
	left, right := vnperson.NewPrepared(opts.Prepare, false), vnperson.NewPrepared(opts.Prepare, false)
	left.Grow(len(ehr))
	for part := range slices.Chunk(ehr, 50) {
		left.Add(part) // part may be reused or dropped now
	}
	right.Add(register)
	res, err := vnperson.LinkPrepared(left, right, opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	whole, _ := vnperson.Link(ehr, register, opts)
	fmt.Printf("%d EHR records, %d register records, %d links (Link: %d)\n", len(res.Records), len(res.Right), len(res.Links), len(whole.Links))
	// Output:
	// 118 EHR records, 100 register records, 118 links (Link: 118)
}
