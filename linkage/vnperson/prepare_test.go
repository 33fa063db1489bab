package vnperson_test

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/vnlink/vnlink/linkage/vnperson"
	"github.com/vnlink/vnlink/normalize"
)

type issue struct {
	Row   int
	Field string
	Kind  string
}

func kind(err error) string {
	for _, s := range []error{normalize.ErrEmpty, normalize.ErrSyntax, normalize.ErrRange, normalize.ErrUnknownCode} {
		if errors.Is(err, s) {
			return s.Error()
		}
	}
	return "other"
}

func TestPrepareMessyRows(t *testing.T) {
	people := []vnperson.Person{
		{ID: "ok", FullName: "Nguyễn Thị Lan", BirthDate: "03/04/1990", Sex: "Nữ", NationalID: "001190012345", Phone: "0912345678"},
		{ID: "phone-in-name", FullName: "0912345678", BirthDate: "31/02/1990", Sex: "Nữ"},
		{ID: "future", FullName: "Trần Văn An", BirthDate: "01/01/2030", Sex: "xyz", NationalID: "12AB", InsuranceID: "??", Phone: "12", Ethnicity: "Martian"},
		{ID: "empty"},
		{ID: "id-mismatch", FullName: "Lê Văn Nam", BirthDate: "1975", Sex: "Nam", NationalID: "001190012345"},
	}
	recs, issues := vnperson.Prepare(people, vnperson.PrepareOptions{Today: today, Workers: 2})
	if len(recs) != len(people) {
		t.Fatalf("got %d records for %d people", len(recs), len(people))
	}
	var got []issue
	for _, is := range issues {
		got = append(got, issue{is.Row, is.Field, kind(is.Err)})
		for _, p := range people {
			for _, v := range []string{p.FullName, p.BirthDate, p.NationalID, p.Phone} {
				if v != "" && strings.Contains(is.Error(), v) {
					t.Errorf("issue %q quotes a value", is.Error())
				}
			}
		}
	}
	want := []issue{
		{2, "full_name", "invalid syntax"},
		{2, "birth_date", "value out of range"},
		{3, "birth_date", "value out of range"},
		{3, "sex", kind(sexErr("xyz"))},
		{3, "national_id", kind(idErr("12AB"))},
		{3, "insurance_id", kind(insErr("??"))},
		{3, "phone", kind(phoneErr("12"))},
		{3, "ethnicity", kind(ethErr("Martian"))},
		{5, "national_id", "value out of range"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("issues (-want +got):\n%s", diff)
	}
	type summary struct {
		Row             int32
		ID, Name, Birth string
		CCCD            uint64
		HasPhone        bool
	}
	var gotRecs []summary
	for _, r := range recs {
		gotRecs = append(gotRecs, summary{r.Row, r.ID, r.Name.String(), r.Birth.String(), r.CCCD, r.Phone != 0})
	}
	wantRecs := []summary{
		{0, "ok", "Nguyễn Thị Lan", "1990-04-03", 1190012345, true},
		{1, "phone-in-name", "", "", 0, false},
		{2, "future", "Trần Văn An", "", 0, false},
		{3, "empty", "", "", 0, false},
		{4, "id-mismatch", "Lê Văn Nam", "1975", 1190012345, false},
	}
	if diff := cmp.Diff(wantRecs, gotRecs); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
}

func sexErr(s string) error   { _, err := normalize.ParseSex(s); return err }
func idErr(s string) error    { _, err := normalize.ParseNationalID(s); return err }
func insErr(s string) error   { _, err := normalize.ParseInsuranceID(s); return err }
func phoneErr(s string) error { _, err := normalize.ParsePhone(s); return err }
func ethErr(s string) error   { _, err := normalize.ParseEthnicity(s); return err }

func TestPrepareNameFrequency(t *testing.T) {
	recs := prepare(t,
		vnperson.Person{FullName: "Nguyễn Thị Lan"},
		vnperson.Person{FullName: "NGUYEN THI LAN"},
		vnperson.Person{FullName: "Phạm Quỳnh Hoa"},
		vnperson.Person{},
	)
	got := []float64{recs[0].NameFrequency, recs[1].NameFrequency, recs[2].NameFrequency, recs[3].NameFrequency}
	if diff := cmp.Diff([]float64{2.0 / 3, 2.0 / 3, 1.0 / 3, 0}, got); diff != "" {
		t.Errorf("frequencies (-want +got):\n%s", diff)
	}
}

func FuzzPrepare(f *testing.F) {
	for _, p := range messyPeople() {
		f.Add(p.FullName, p.BirthDate, p.Sex, p.NationalID, p.InsuranceID, p.Phone, p.Address, p.Ethnicity)
	}
	f.Add("Leâ Ngoïc Nhung", "37630", "F", "1086887408", "0132513206", "0900.077.695", "Hạ, Khánh Hà, Thường Tín, HN", "01")
	f.Add("\xff\xfe", "\x00", "", "", "", "", "\xc3", "")
	f.Fuzz(func(t *testing.T, name, birth, sex, id, ins, phone, addr, eth string) {
		p := vnperson.Person{FullName: name, BirthDate: birth, Sex: sex, NationalID: id, InsuranceID: ins, Phone: phone, Address: addr, Ethnicity: eth}
		recs, issues := vnperson.Prepare([]vnperson.Person{p, p}, vnperson.PrepareOptions{Today: today, Workers: 1})
		if len(recs) != 2 {
			t.Fatalf("got %d records", len(recs))
		}
		r := recs[0]
		for _, s := range []string{r.Name.String(), r.Name.Key(), r.Name.Fold()} {
			if !utf8.ValidString(s) {
				t.Errorf("invalid UTF-8 in a prepared name")
			}
		}
		for _, is := range issues {
			if is.Row < 1 || is.Row > 2 || is.Field == "" {
				t.Errorf("issue without row or field: %+v", is)
			}
		}
		// Preparing the display form again gives the same name.
		if !r.Name.IsZero() {
			again := prepare(t, vnperson.Person{FullName: r.Name.String()})
			if again[0].Name.Key() != r.Name.Key() {
				t.Errorf("display form does not prepare to the same key")
			}
		}
		// Both copies prepare identically, and compare as equal to each other.
		if diff := cmp.Diff(recs[0], recs[1], cmp.Comparer(func(a, b vnperson.Record) bool {
			a.Row, b.Row = 0, 0
			return a == b
		})); diff != "" {
			t.Errorf("two copies of one row prepare differently")
		}
	})
}
