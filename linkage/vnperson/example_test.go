package vnperson_test

import (
	"fmt"
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
	// national_id cccd_exact        +9.8
	// bhxh        null              +0.0
	// name        missing_marks     +8.0
	// birth_date  day_month_swapped +9.0
	// sex         name_hint_agrees  -1.7
	// phone       null              +0.0
	// address     null              +0.0
	// ethnicity   null              +0.0
	// same cluster: true
}
