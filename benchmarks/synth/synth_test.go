package synth

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// generated holds the CSV files of one configuration.
type generated struct {
	reg, ehr, bhyt, truth bytes.Buffer
	stats                 Stats
}

func generateCSV(t testing.TB, cfg Config) *generated {
	t.Helper()
	g := &generated{}
	st, err := WriteCSV(cfg, Outputs{Registry: &g.reg, EHR: &g.ehr, BHYT: &g.bhyt, Truth: &g.truth})
	if err != nil {
		t.Fatalf("WriteCSV: %v", err)
	}
	g.stats = st
	return g
}

func readAll(t *testing.T, b []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("reading generated CSV: %v", err)
	}
	return rows
}

func smallConfig(people int, seed uint64) Config {
	c := DefaultConfig()
	c.People = people
	c.Seed = seed
	return c
}

func TestDeterminism(t *testing.T) {
	sum := func(cfg Config) [4][32]byte {
		g := generateCSV(t, cfg)
		return [4][32]byte{sha256.Sum256(g.reg.Bytes()), sha256.Sum256(g.ehr.Bytes()),
			sha256.Sum256(g.bhyt.Bytes()), sha256.Sum256(g.truth.Bytes())}
	}
	a, b := sum(smallConfig(1000, 7)), sum(smallConfig(1000, 7))
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("same seed gave different files (-first +second):\n%s", diff)
	}
	c := sum(smallConfig(1000, 8))
	for i, name := range []string{"registry", "ehr", "bhyt", "truth"} {
		if a[i] == c[i] {
			t.Errorf("seeds 7 and 8 gave the same %s file", name)
		}
	}
}

func TestTruthCoversEveryRow(t *testing.T) {
	g := generateCSV(t, smallConfig(1000, 3))
	truth := map[string]string{}
	for i, row := range readAll(t, g.truth.Bytes()) {
		if i == 0 {
			if diff := cmp.Diff(TruthColumns, row); diff != "" {
				t.Fatalf("truth header (-want +got):\n%s", diff)
			}
			continue
		}
		key := row[0] + "/" + row[1]
		if _, dup := truth[key]; dup {
			t.Fatalf("truth row %d repeats a record", i)
		}
		truth[key] = row[2]
	}
	files := []struct {
		name   string
		data   []byte
		header []string
		rows   int
	}{
		{"registry", g.reg.Bytes(), RegistryColumns, g.stats.RegistryRows},
		{"ehr", g.ehr.Bytes(), EHRColumns, g.stats.EHRRows},
		{"bhyt", g.bhyt.Bytes(), BHYTColumns, g.stats.BHYTRows},
	}
	total := 0
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			rows := readAll(t, f.data)
			if diff := cmp.Diff(f.header, rows[0]); diff != "" {
				t.Errorf("header (-want +got):\n%s", diff)
			}
			if got := len(rows) - 1; got != f.rows || got == 0 {
				t.Errorf("%d data rows, Stats says %d", got, f.rows)
			}
			for i, row := range rows[1:] {
				if _, ok := truth[f.name+"/"+row[0]]; !ok {
					t.Fatalf("row %d is missing from the truth file", i+1)
				}
			}
		})
		total += f.rows
	}
	if len(truth) != total {
		t.Errorf("truth has %d rows, files have %d", len(truth), total)
	}
}

// collect generates cfg in memory.
func collect(t testing.TB, cfg Config) (*Population, Stats, []Record) {
	t.Helper()
	var recs []Record
	pop, st, err := Generate(cfg, func(r *Record) error {
		recs = append(recs, *r)
		return nil
	})
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	return pop, st, recs
}

// shared is one commune of 12,000 people, generated once for the tests
// that only read it.
var shared struct {
	once sync.Once
	cfg  Config
	pop  *Population
	st   Stats
	recs []Record
}

func sharedCommune(t *testing.T) (Config, *Population, Stats, []Record) {
	shared.once.Do(func() {
		shared.cfg = smallConfig(12000, 11)
		shared.cfg.FatherSonSameName = 0.05
		shared.pop, shared.st, shared.recs = collect(t, shared.cfg)
	})
	if shared.pop == nil {
		t.Fatal("generating the shared commune failed")
	}
	return shared.cfg, shared.pop, shared.st, shared.recs
}

func TestRatesWithinTolerance(t *testing.T) {
	cfg, pop, st, recs := sharedCommune(t)
	perPerson := map[int32]int{}
	goneRows, ehrRows := 0, 0
	for i := range recs {
		if recs[i].File != EHR {
			continue
		}
		ehrRows++
		if int(recs[i].Person) >= cfg.People {
			goneRows++
			continue
		}
		perPerson[recs[i].Person]++
	}
	dup := 0
	for _, n := range perPerson {
		if n > 1 {
			dup++
		}
	}
	gone, goneSeen := 0, map[int32]bool{}
	for i := range pop.People {
		if !pop.People[i].InRegistry {
			gone++
		}
	}
	insured, onList := 0, 0
	for i := range cfg.People {
		if pop.People[i].InsuranceID() != "" {
			insured++
		}
	}
	for i := range recs {
		r := &recs[i]
		switch {
		case r.File == BHYT && int(r.Person) < cfg.People:
			onList++
		case r.File == EHR && int(r.Person) >= cfg.People:
			goneSeen[r.Person] = true
			// Gone people left before the reform, unless born after it.
			if p := &pop.People[r.Person]; r.CreatedAt >= "2025-07-01" &&
				daysFromCivil(int(p.BirthYear), int(p.BirthMonth), int(p.BirthDay)) < reformDay {
				t.Errorf("row %s of a gone person was created after the reform", r.ID)
			}
		}
	}
	if len(goneSeen) != gone {
		t.Errorf("%d of %d gone people have EHR rows, want all", len(goneSeen), gone)
	}
	checks := []struct {
		name            string
		got, want, tolr float64
	}{
		{"coverage", float64(len(perPerson)) / float64(cfg.People), cfg.EHRCoverage, 0.01},
		{"duplicates", float64(dup) / float64(len(perPerson)), cfg.EHRDuplicates, 0.01},
		{"gone people", float64(gone) / float64(cfg.People), cfg.Gone, 0.001},
		{"insured", float64(insured) / float64(cfg.People), 0.92, 0.01},
		{"BHYT coverage", float64(onList) / float64(insured), cfg.BHYTCoverage, 0.01},
		{"gone rows", float64(goneRows) / float64(ehrRows), cfg.Gone / (cfg.EHRCoverage*(1+cfg.EHRDuplicates*1.25) + cfg.Gone), 0.005},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if math.Abs(c.got-c.want) > c.tolr {
				t.Errorf("rate %.4f, want %.4f ± %.3f", c.got, c.want, c.tolr)
			}
		})
	}
	if diff := cmp.Diff(Stats{EHRCovered: len(perPerson), EHRDuplicated: dup},
		Stats{EHRCovered: st.EHRCovered, EHRDuplicated: st.EHRDuplicated}); diff != "" {
		t.Errorf("Stats disagree with the rows (-rows +stats):\n%s", diff)
	}
}

func TestFamilyNameShares(t *testing.T) {
	pop, err := NewPopulation(smallConfig(20000, 5))
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for i := range pop.People {
		count[pop.People[i].FamilyName()]++
	}
	n := float64(len(pop.People))
	for _, c := range []struct {
		name string
		want float64
	}{{"Nguyễn", 0.38}, {"Trần", 0.11}, {"Lê", 0.095}, {"Phạm", 0.07}} {
		got := float64(count[c.name]) / n
		if math.Abs(got-c.want) > 0.015 {
			t.Errorf("%s: share %.3f, want %.3f ± 0.015", c.name, got, c.want)
		}
	}
}

// checkCCCD reports whether a 12-digit CCCD agrees with a birth date
// dd/mm/yyyy and a sex (Nam/Nữ).
func checkCCCD(id, birth, sex string) error {
	if len(id) != 12 || strings.Trim(id, "0123456789") != "" {
		return errors.New("not 12 digits")
	}
	year, err := strconv.Atoi(birth[len(birth)-4:])
	if err != nil {
		return errors.New("bad birth year")
	}
	d := 2 * (year/100 - 19)
	if sex == "Nữ" {
		d++
	}
	if int(id[3]-'0') != d {
		return fmt.Errorf("sex-century digit %c, want %d", id[3], d)
	}
	if id[4:6] != birth[len(birth)-2:] {
		return errors.New("year digits disagree")
	}
	return nil
}

func TestNumbersAreUnique(t *testing.T) {
	_, pop, _, _ := sharedCommune(t)
	seen := map[string]bool{}
	for i := range pop.People {
		p := &pop.People[i]
		for _, id := range []string{"cccd" + p.NationalID(), "cmnd" + p.OldID(), "bhxh" + p.BHXHNumber()} {
			if len(id) == 4 {
				continue // none
			}
			if seen[id] {
				t.Fatalf("person %d repeats a %s number", i, id[:4])
			}
			seen[id] = true
		}
	}
}

func TestReferencesStayInside(t *testing.T) {
	// Small populations cut their last household short; every reference
	// must still point at a person of the population.
	for people := 1; people <= 40; people++ {
		pop, err := NewPopulation(smallConfig(people, uint64(people)))
		if err != nil {
			t.Fatal(err)
		}
		n := int32(len(pop.People))
		for i := range pop.People {
			p := &pop.People[i]
			for _, ref := range []int32{p.Twin, p.Mother, p.Father} {
				if ref != None && (ref < 0 || ref >= n || ref == int32(i)) {
					t.Fatalf("people=%d: person %d refers to %d of %d", people, i, ref, n)
				}
			}
		}
	}
}

func TestRegistryNationalIDs(t *testing.T) {
	_, _, _, recs := sharedCommune(t)
	seen := map[string]bool{}
	for i := range recs {
		r := &recs[i]
		if r.File != Registry {
			break
		}
		if err := checkCCCD(r.NationalID, r.BirthDate, r.Sex); err != nil {
			t.Fatalf("registry row %s: %v", r.ID, err)
		}
		if seen[r.NationalID] {
			t.Fatalf("registry row %s repeats a CCCD", r.ID)
		}
		seen[r.NationalID] = true
		if r.OldID != "" && len(r.OldID) != 9 {
			t.Fatalf("registry row %s: CMND of %d digits", r.ID, len(r.OldID))
		}
	}
}

func TestCleanRowsMatchPerson(t *testing.T) {
	cfg := smallConfig(3000, 4)
	cfg.EHRNoise, cfg.BHYTNoise = Noise{}, Noise{}
	cfg.NewbornUnderParent = 0
	pop, _, recs := collect(t, cfg)
	for i := range recs {
		r := &recs[i]
		if r.File == Registry {
			continue
		}
		p := &pop.People[r.Person]
		want := Record{File: r.File, ID: r.ID, Person: r.Person, FullName: p.FullName(),
			BirthDate: p.BirthDate(), Sex: sexName(p.Sex), NationalID: p.NationalID(),
			InsuranceID: p.InsuranceID(), Phone: p.Phone(), Address: r.Address,
			Ethnicity: p.Ethnicity(), CreatedAt: r.CreatedAt, Corrupted: r.Corrupted, Hard: r.Hard}
		for _, c := range r.Corrupted {
			if c.Cause != "CreatedBeforeReform" {
				t.Fatalf("un-noised row %s: %s noted %s (%s)", r.ID, c.Field, c.Kind, c.Cause)
			}
		}
		if diff := cmp.Diff(want, *r); diff != "" {
			t.Fatalf("un-noised row %s (-want +got):\n%s", r.ID, diff)
		}
		if err := checkCCCD(r.NationalID, r.BirthDate, r.Sex); err != nil {
			t.Fatalf("row %s: %v", r.ID, err)
		}
		if ins := r.InsuranceID; ins != "" && ins[len(ins)-10:] != p.BHXHNumber() {
			t.Fatalf("row %s: card does not end with the BHXH number", r.ID)
		}
		old := r.File == EHR && r.CreatedAt < "2025-07-01"
		h := &pop.Hamlets[pop.Households[p.Household].Hamlet]
		if r.Address != address(h, old) {
			t.Fatalf("row %s: address is not the clean one of its date", r.ID)
		}
	}
}

func TestHardCases(t *testing.T) {
	_, pop, st, recs := sharedCommune(t)
	ppl := pop.People

	t.Run("twins", func(t *testing.T) {
		if st.TwinPairs < 20 {
			t.Fatalf("only %d twin pairs", st.TwinPairs)
		}
		for i := range ppl {
			j := ppl[i].Twin
			if j == None {
				continue
			}
			a, b := &ppl[i], &ppl[j]
			got := []any{a.BirthDate(), a.Mother, a.Household, b.Twin == int32(i)}
			want := []any{b.BirthDate(), b.Mother, b.Household, true}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("twins %d and %d (-want +got):\n%s", i, j, diff)
			}
			if a.GivenName() == b.GivenName() {
				t.Fatalf("twins %d and %d share a given name", i, j)
			}
		}
	})
	t.Run("father and son with one name", func(t *testing.T) {
		n := 0
		for i := range ppl {
			if f := ppl[i].Father; f != None && ppl[i].FullName() == ppl[f].FullName() {
				n++
			}
		}
		if n < 10 {
			t.Errorf("only %d sons named after their father", n)
		}
	})
	t.Run("same name and year, unrelated", func(t *testing.T) {
		type key struct {
			name string
			year uint16
		}
		households := map[key]map[int32]bool{}
		for i := range ppl {
			k := key{ppl[i].FullName(), ppl[i].BirthYear}
			if households[k] == nil {
				households[k] = map[int32]bool{}
			}
			households[k][ppl[i].Household] = true
		}
		groups := 0
		for _, hs := range households {
			if len(hs) > 1 {
				groups++
			}
		}
		if groups < 50 {
			t.Errorf("only %d names shared by people of different households born the same year", groups)
		}
	})
	t.Run("spouses share an address", func(t *testing.T) {
		couples := 0
		for i := range ppl {
			if f, m := ppl[i].Father, ppl[i].Mother; f != None && m != None &&
				ppl[f].Household == ppl[m].Household && ppl[f].FamilyName() == ppl[i].FamilyName() {
				couples++
			}
		}
		if couples < 1000 {
			t.Errorf("only %d children live with both parents", couples)
		}
	})
	t.Run("newborns under the mother's name", func(t *testing.T) {
		n := 0
		for i := range recs {
			r := &recs[i]
			if r.File != EHR || !strings.HasPrefix(r.FullName, "C") {
				continue
			}
			p := &ppl[r.Person]
			if p.Mother == None || p.BirthYear != RefYear {
				continue
			}
			if strings.HasSuffix(foldVietnamese(strings.ToLower(r.FullName)),
				foldVietnamese(strings.ToLower(ppl[p.Mother].GivenName()))) {
				n++
			}
		}
		if n < 20 {
			t.Errorf("only %d newborn records under the mother's name", n)
		}
	})
}

func TestValidate(t *testing.T) {
	c := DefaultConfig()
	if err := c.Validate(); err != nil {
		t.Fatalf("DefaultConfig: %v", err)
	}
	c.People = 0
	c.EHRCoverage = 1.5
	c.EHRNoise.Typo = -0.1
	c.BHYTNoise.NFD, c.BHYTNoise.TCVN3 = 0.6, 0.6
	err := c.Validate()
	var ce *ConfigError
	if !errors.As(err, &ce) {
		t.Fatalf("Validate returned %v, want a *ConfigError", err)
	}
	want := []string{
		"People must be between 1 and 10000000",
		"EHRCoverage must be in [0, 1]",
		"EHRNoise.Typo must be in [0, 1]",
		"BHYTNoise: NFD+TCVN3+VNI+Mojibake must not exceed 1",
	}
	if diff := cmp.Diff(want, ce.Problems); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if _, err := NewPopulation(c); err == nil {
		t.Error("NewPopulation accepted an invalid config")
	}
}

func TestEmitErrorStops(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	_, _, err := Generate(smallConfig(100, 1), func(*Record) error {
		n++
		if n == 5 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 5 {
		t.Errorf("Generate returned %v after %d rows, want stop after 5", err, n)
	}
}

func BenchmarkGenerate(b *testing.B) {
	for _, n := range []int{50_000, 1_000_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			cfg := smallConfig(n, 1)
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := Generate(cfg, func(*Record) error { return nil }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkWriteCSV(b *testing.B) {
	cfg := smallConfig(50_000, 1)
	b.ReportAllocs()
	for b.Loop() {
		out := Outputs{Registry: io.Discard, EHR: io.Discard, BHYT: io.Discard, Truth: io.Discard}
		if _, err := WriteCSV(cfg, out); err != nil {
			b.Fatal(err)
		}
	}
}
