package vnperson_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/linkage/vnperson"
)

func reconcileOptions() vnperson.ReconcileOptions {
	return vnperson.ReconcileOptions{Options: testOptions()}
}

// campaign builds a registry and an EHR extract from community: the
// registry holds the first record of most people (some people have no
// health record), the EHR every record but those of a few people who are
// not in the registry. It returns the truth: the person of every registry
// and EHR row.
func campaign(n int, seed uint64) (registry, ehr []vnperson.Person, regTruth, ehrTruth []int32) {
	people, truth := community(n, seed)
	rng := rand.New(rand.NewPCG(seed, 11))
	inRegistry, hasRecord := map[int32]bool{}, map[int32]bool{}
	for _, t := range truth {
		inRegistry[t] = rng.IntN(20) != 0 // 5% moved away: records of nobody
		hasRecord[t] = rng.IntN(10) != 0  // 10% have no health record
	}
	seen := map[int32]bool{}
	for i, p := range people {
		t := truth[i]
		if inRegistry[t] && !seen[t] {
			seen[t] = true
			r := p
			r.ID, r.Source = "R"+p.ID[1:], "registry"
			registry = append(registry, r)
			regTruth = append(regTruth, t)
		}
		if hasRecord[t] {
			ehr = append(ehr, p)
			ehrTruth = append(ehrTruth, t)
		}
	}
	return registry, ehr, regTruth, ehrTruth
}

// memberIDs returns each person as the sorted ids of its rows, prefixed by
// their list, and sorted: a view of the result independent of row order.
func memberIDs(res *vnperson.Reconciliation) []string {
	var out []string
	for _, g := range res.People {
		var ids []string
		if g.Registry >= 0 {
			ids = append(ids, "r:"+res.Registry.People[g.Registry].ID)
		}
		for _, r := range g.EHR {
			ids = append(ids, "e:"+res.EHR.People[r].ID)
		}
		for _, r := range g.BHYT {
			ids = append(ids, "b:"+res.BHYT.People[r].ID)
		}
		slices.Sort(ids)
		out = append(out, g.ID+"="+strings.Join(ids, "+"))
	}
	slices.Sort(out)
	return out
}

func TestReconcileEveryRowExactlyOnce(t *testing.T) {
	registry, ehr, regTruth, ehrTruth := campaign(400, 3)
	bhyt := slices.Clone(registry[:50])
	for i := range bhyt {
		bhyt[i].ID, bhyt[i].Source, bhyt[i].NationalID = "B"+bhyt[i].ID[1:], "bhyt", ""
	}
	res, err := vnperson.Reconcile(registry, ehr, bhyt, reconcileOptions())
	require.NoError(t, err)

	// Every row has exactly one status.
	seen := map[vnperson.RowRef]int{}
	for _, rs := range res.Rows {
		seen[rs.RowRef]++
		require.Less(t, rs.Person, len(res.People))
	}
	require.Len(t, res.Rows, len(registry)+len(ehr)+len(bhyt))
	for ref, n := range seen {
		require.Equal(t, 1, n, "row %v", ref)
	}
	// Every row is in exactly one person, and its status agrees with it.
	inPerson := map[vnperson.RowRef]int{}
	for pi, g := range res.People {
		if g.Registry >= 0 {
			inPerson[vnperson.RowRef{Role: vnperson.RoleRegistry, Row: g.Registry}]++
		}
		for _, r := range g.EHR {
			inPerson[vnperson.RowRef{Role: vnperson.RoleEHR, Row: r}]++
		}
		for _, r := range g.BHYT {
			inPerson[vnperson.RowRef{Role: vnperson.RoleBHYT, Row: r}]++
		}
		_ = pi
	}
	require.Len(t, inPerson, len(res.Rows))
	status := map[vnperson.Status]int{}
	for _, rs := range res.Rows {
		status[rs.Status]++
		g := res.People[rs.Person]
		switch rs.Status {
		case vnperson.StatusMissingRecord:
			assert.Empty(t, g.EHR)
		case vnperson.StatusVerified:
			assert.Len(t, g.EHR, 1)
			assert.GreaterOrEqual(t, g.Registry, 0)
		case vnperson.StatusUnmatched:
			assert.Equal(t, -1, g.Registry)
		case vnperson.StatusDuplicateKeep, vnperson.StatusDuplicateMerge:
			assert.Greater(t, len(g.EHR), 1)
		}
	}
	// The worklists are the rows of their status, no more, no less; the
	// unmatched list also holds the kept record of each duplicate group of
	// a person not in the registry, once per person.
	assert.Len(t, res.Missing, status[vnperson.StatusMissingRecord])
	assert.Len(t, res.Duplicates, status[vnperson.StatusDuplicateKeep])
	merge, unregisteredGroups := 0, 0
	for _, d := range res.Duplicates {
		merge += len(d.Rows) - 1
		assert.Equal(t, d.Keep, d.Rows[0])
		if res.People[d.Person].Registry < 0 {
			unregisteredGroups++
		}
	}
	require.Positive(t, unregisteredGroups, "the population has duplicates of people not in the registry")
	assert.Equal(t, status[vnperson.StatusDuplicateMerge], merge)
	assert.Len(t, res.Unmatched, status[vnperson.StatusUnmatched]+unregisteredGroups)
	unmatchedPeople := map[int]bool{}
	for _, u := range res.Unmatched {
		g := res.People[u.Person]
		assert.Equal(t, -1, g.Registry)
		assert.Contains(t, g.EHR, u.EHR)
		assert.False(t, unmatchedPeople[u.Person], "person %d listed twice", u.Person)
		unmatchedPeople[u.Person] = true
	}
	assert.Len(t, res.NewFromBHYT, status[vnperson.StatusBHYTNew])
	assert.Equal(t, len(res.Missing), res.Metrics.Overall.MissingRecords)
	assert.Equal(t, len(res.Unmatched), res.Metrics.Overall.Unmatched)

	// And the result is right on this easy population.
	regPerson := map[int32]int{}
	for pi, g := range res.People {
		if g.Registry >= 0 {
			regPerson[regTruth[g.Registry]] = pi
		}
	}
	wrong := 0
	for _, rs := range res.Rows {
		if rs.Role != vnperson.RoleEHR {
			continue
		}
		want, ok := regPerson[ehrTruth[rs.Row]]
		if got := res.People[rs.Person]; (ok && rs.Person != want) || (!ok && got.Registry >= 0) {
			wrong++
		}
	}
	assert.LessOrEqual(t, wrong, len(ehr)/100, "EHR rows placed with the wrong person")
}

func TestReconcileRegistryRowsNeverMerged(t *testing.T) {
	// The registry lists one person twice (identical rows: a data error the
	// police must resolve, not the health station): with the EHR records of
	// that person, clustering must still keep the registry rows apart.
	p := vnperson.Person{FullName: "Nguyễn Văn An", BirthDate: "01/02/1980", Sex: "Nam",
		NationalID: "001080012345", Phone: "0912345678", Address: "Thôn Đông, xã Ngọc Hồi, Hà Nội"}
	registry, ehr, _, _ := campaign(200, 5)
	a, b := p, p
	a.ID, b.ID = "RA", "RB"
	registry = append(registry, a, b)
	e1, e2 := p, p
	e1.ID, e2.ID = "EA1", "EA2"
	e2.NationalID = ""
	ehr = append(ehr, e1, e2)
	res, err := vnperson.Reconcile(registry, ehr, nil, reconcileOptions())
	require.NoError(t, err)
	for _, g := range res.People {
		// A person has at most one registry row by construction; check that
		// the two copies are not hidden in one person through their EHR
		// rows either.
		n := 0
		if g.Registry >= 0 {
			n++
		}
		assert.LessOrEqual(t, n, 1)
	}
	people := map[int]bool{}
	for _, rs := range res.Rows {
		if rs.Role == vnperson.RoleRegistry && rs.Row >= len(registry)-2 {
			people[rs.Person] = true
		}
	}
	assert.Len(t, people, 2, "the two registry rows must be two people")
}

func TestReconcileNoChaining(t *testing.T) {
	// B (no ID) matches both A (registry) and C (EHR); A and C carry two
	// different valid CCCDs, so they are different people: B may join one
	// of them, never both.
	base := vnperson.Person{FullName: "Trần Văn Bình", BirthDate: "05/06/1975", Sex: "Nam", Address: "Thôn Đoài, xã Ngọc Hồi, Hà Nội"}
	registry, ehr, _, _ := campaign(200, 7)
	a := base
	a.ID, a.NationalID, a.Phone = "RCHAIN", "001075000111", "0911111111"
	registry = append(registry, a)
	b := base
	b.ID = "ECHAIN-B"
	c := base
	c.ID, c.NationalID = "ECHAIN-C", "001075000999"
	ehr = append(ehr, b, c)
	res, err := vnperson.Reconcile(registry, ehr, nil, reconcileOptions())
	require.NoError(t, err)
	var personA, personC int
	for _, rs := range res.Rows {
		switch {
		case rs.Role == vnperson.RoleRegistry && rs.Row == len(registry)-1:
			personA = rs.Person
		case rs.Role == vnperson.RoleEHR && rs.Row == len(ehr)-1:
			personC = rs.Person
		}
	}
	assert.NotEqual(t, personA, personC, "a record with another valid CCCD joined the registry person through a third record")

	// The property behind it: within every person, every pair of rows
	// scores at least the chain weight (or is a cannot-link exception by
	// decision, of which there are none here).
	chain := linkage.WeightForProbability(vnperson.DefaultChainProbability)
	rec := func(role vnperson.Role, row int) *vnperson.Record {
		if role == vnperson.RoleRegistry {
			return &res.Registry.Records[row]
		}
		return &res.EHR.Records[row]
	}
	for _, g := range res.People {
		var rows []vnperson.RowRef
		if g.Registry >= 0 {
			rows = append(rows, vnperson.RowRef{Role: vnperson.RoleRegistry, Row: g.Registry})
		}
		for _, r := range g.EHR {
			rows = append(rows, vnperson.RowRef{Role: vnperson.RoleEHR, Row: r})
		}
		for i := range rows {
			for j := i + 1; j < len(rows); j++ {
				w := res.Model.Score(rec(rows[i].Role, rows[i].Row), rec(rows[j].Role, rows[j].Row))
				assert.GreaterOrEqual(t, w, chain, "person %s rows %v and %v", g.ID, rows[i], rows[j])
			}
		}
	}
}

func TestReconcileBorrowedParentCCCD(t *testing.T) {
	// A child's health record carries the mother's CCCD (its birth-year
	// digits say 1985; the child was born in 2016). The record belongs to
	// the child, and its CCCD is the correction, not the birth date.
	mother := vnperson.Person{ID: "RMOTHER", FullName: "Phạm Thị Hoa", BirthDate: "10/03/1985", Sex: "Nữ",
		NationalID: "001185004321", Phone: "0987000111", Address: "Thôn Trung, xã Ngọc Hồi, Hà Nội"}
	child := vnperson.Person{ID: "RCHILD", FullName: "Nguyễn Minh Khôi", BirthDate: "22/09/2016", Sex: "Nam",
		NationalID: "001216007777", Address: "Thôn Trung, xã Ngọc Hồi, Hà Nội"}
	registry, ehr, _, _ := campaign(200, 9)
	registry = append(registry, mother, child)
	m := mother
	m.ID = "EMOTHER"
	c := child
	c.ID, c.NationalID, c.Phone = "ECHILD", mother.NationalID, mother.Phone
	ehr = append(ehr, m, c)
	res, err := vnperson.Reconcile(registry, ehr, nil, reconcileOptions())
	require.NoError(t, err)
	person := map[string]int{}
	for _, rs := range res.Rows {
		var id string
		switch rs.Role {
		case vnperson.RoleRegistry:
			id = registry[rs.Row].ID
		case vnperson.RoleEHR:
			id = ehr[rs.Row].ID
		}
		person[id] = rs.Person
	}
	assert.Equal(t, person["RCHILD"], person["ECHILD"], "the child's record joins the child")
	assert.Equal(t, person["RMOTHER"], person["EMOTHER"], "the mother's record joins the mother")
	assert.NotEqual(t, person["RMOTHER"], person["ECHILD"])
	var kinds []string
	for _, co := range res.Corrections {
		if co.EHR == len(ehr)-1 {
			kinds = append(kinds, co.Field+":"+co.Kind.String())
		}
	}
	assert.Contains(t, kinds, vnperson.FieldNationalID+":value")
	assert.NotContains(t, kinds, vnperson.FieldBirthDate+":value")
}

func TestReconcileSharedPlaceholderCCCD(t *testing.T) {
	// 1,500 different people whose health records all carry one CCCD (a
	// placeholder typed when the number was unknown): they must not become
	// one person, nor a few huge ones.
	const n = 1500
	rng := rand.New(rand.NewPCG(1, 2))
	var ehr, registry []vnperson.Person
	for i := range n {
		year := 1950 + rng.IntN(60)
		p := vnperson.Person{
			ID:        fmt.Sprintf("E%05d", i),
			FullName:  families[rng.IntN(len(families))] + " " + middles[rng.IntN(len(middles))] + " " + givens[rng.IntN(len(givens))],
			BirthDate: fmt.Sprintf("%02d/%02d/%d", 1+rng.IntN(28), 1+rng.IntN(12), year),
			Address:   hamlets[rng.IntN(len(hamlets))] + ", xã Ngọc Hồi, Hà Nội",
		}
		r := p
		r.ID = fmt.Sprintf("R%05d", i)
		registry = append(registry, r)
		p.NationalID = "001090000001"
		ehr = append(ehr, p)
	}
	res, err := vnperson.Reconcile(registry, ehr, nil, reconcileOptions())
	require.NoError(t, err)
	largest, multi := 0, 0
	for _, g := range res.People {
		largest = max(largest, len(g.EHR))
		if len(g.EHR) > 1 {
			multi++
		}
	}
	assert.LessOrEqual(t, largest, vnperson.DefaultMaxPersonRecords)
	assert.Less(t, multi, n/20, "people with several records")
}

func TestReconcileStableUnderShuffle(t *testing.T) {
	registry, ehr, _, _ := campaign(300, 13)
	cases := map[string]func(p []vnperson.Person){
		"with ids": func([]vnperson.Person) {},
		"no ids": func(p []vnperson.Person) {
			for i := range p {
				p[i].ID = ""
			}
		},
		"repeated ids": func(p []vnperson.Person) {
			for i := range p {
				p[i].ID = fmt.Sprint(i % 7)
			}
		},
	}
	for name, edit := range cases {
		t.Run(name, func(t *testing.T) {
			reg, e := slices.Clone(registry), slices.Clone(ehr)
			edit(e)
			base, err := vnperson.Reconcile(reg, e, nil, reconcileOptions())
			require.NoError(t, err)
			want := contentView(base)
			for seed := range uint64(2) {
				rng := rand.New(rand.NewPCG(seed, 99))
				r2, e2 := slices.Clone(reg), slices.Clone(e)
				rng.Shuffle(len(r2), func(i, j int) { r2[i], r2[j] = r2[j], r2[i] })
				rng.Shuffle(len(e2), func(i, j int) { e2[i], e2[j] = e2[j], e2[i] })
				got, err := vnperson.Reconcile(r2, e2, nil, reconcileOptions())
				require.NoError(t, err)
				assert.Equal(t, want, contentView(got), "shuffle %d", seed)
			}
		})
	}
}

// contentView describes every person by its id and the content of its rows
// (ids alone cannot tell rows apart when they are missing or repeated).
func contentView(res *vnperson.Reconciliation) []string {
	row := func(p *vnperson.Person) string {
		return p.ID + "|" + p.FullName + "|" + p.BirthDate + "|" + p.NationalID + "|" + p.Phone + "|" + p.Address
	}
	var out []string
	for _, g := range res.People {
		var rows []string
		if g.Registry >= 0 {
			rows = append(rows, "r:"+row(&res.Registry.People[g.Registry]))
		}
		for _, r := range g.EHR {
			rows = append(rows, "e:"+row(&res.EHR.People[r]))
		}
		slices.Sort(rows)
		out = append(out, g.ID+" = "+strings.Join(rows, " + "))
	}
	slices.Sort(out)
	return out
}

func TestReconcileCorrectionKinds(t *testing.T) {
	reg := vnperson.Person{ID: "RK", FullName: "Đặng Thị Thuý", BirthDate: "14/07/1992", Sex: "Nữ",
		NationalID: "001192008888", InsuranceID: "GD4010112233445", Phone: "0912345678",
		Address: "Thôn Thượng, xã Ngọc Hồi, thành phố Hà Nội", Ethnicity: "Kinh"}
	rec := vnperson.Person{ID: "EK", FullName: "DANG THI THUY", BirthDate: "14/07/1993", Sex: "",
		NationalID: "001192008888", Phone: "0912345678", Ethnicity: "01",
		Address: "Thôn Thượng, xã Ngọc Hồi, huyện Thanh Trì, Hà Nội"}
	other := vnperson.Person{ID: "RO", FullName: "Bùi Văn Sơn", BirthDate: "02/02/1970", Sex: "Nam",
		NationalID: "001070001234", Phone: "0387654321", Address: "Thôn Hạ, xã Ngọc Hồi, Hà Nội"}
	otherRec := other
	otherRec.ID, otherRec.NationalID, otherRec.OldID, otherRec.Phone = "EO", "", "012345678", "01687654321"
	otherRec.Address = "Th. Hạ, X. Ngọc Hồi, TP. Hà Nội"
	registry, ehr, _, _ := campaign(200, 17)
	registry = append(registry, reg, other)
	ehr = append(ehr, rec, otherRec)
	res, err := vnperson.Reconcile(registry, ehr, nil, reconcileOptions())
	require.NoError(t, err)
	got := map[string]map[string]string{}
	for _, c := range res.Corrections {
		id := ehr[c.EHR].ID
		if id != "EK" && id != "EO" {
			continue
		}
		if got[id] == nil {
			got[id] = map[string]string{}
		}
		got[id][c.Field] = c.Kind.String()
	}
	assert.Equal(t, map[string]string{
		vnperson.FieldFullName:    "form",     // case and marks only
		vnperson.FieldBirthDate:   "value",    // the CCCD agrees: the year is the mistake
		vnperson.FieldSex:         "missing",  // empty
		vnperson.FieldInsuranceID: "missing",  // empty
		vnperson.FieldAddress:     "outdated", // the same hamlet and commune, with the abolished district
		vnperson.FieldEthnicity:   "form",     // the code of the same group
	}, got["EK"])
	assert.Equal(t, map[string]string{
		vnperson.FieldNationalID: "outdated", // the old CMND where a CCCD exists
		vnperson.FieldPhone:      "outdated", // the pre-2018 prefix of the same number
		vnperson.FieldAddress:    "form",     // abbreviations only
	}, got["EO"])
}
