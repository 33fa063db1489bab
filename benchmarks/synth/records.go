package synth

import (
	"math/rand/v2"
)

// File names one of the files a health station holds.
type File uint8

// Files, in the order Generate produces them.
const (
	Registry File = iota // the police population registry: clean, authoritative
	EHR                  // the electronic health record extract (HSSKĐT)
	BHYT                 // the BHXH/BHYT list of insured people
)

// String returns the name used in the truth file: "registry", "ehr" or
// "bhyt".
func (f File) String() string {
	switch f {
	case Registry:
		return "registry"
	case EHR:
		return "ehr"
	case BHYT:
		return "bhyt"
	}
	return "file(" + string(rune('0'+f)) + ")"
}

// Record is one row of one file, with the person it belongs to (the ground
// truth). Fields hold the values as written in the file: clean in the
// registry, noisy elsewhere; "" means the field is empty. Corrupted and
// Hard are the truth of the noise and of the hard cases.
type Record struct {
	File        File
	ID          string // record_id, unique within the file: R…, E… or B… and eight digits
	Person      int32  // index in Population.People
	FullName    string
	BirthDate   string
	Sex         string
	NationalID  string // CCCD (or, as noise, an old CMND)
	OldID       string // registry only: the old CMND, if any
	InsuranceID string
	Phone       string
	Address     string
	Ethnicity   string
	Household   string // registry only: household code, H and eight digits
	CreatedAt   string // EHR only: yyyy-mm-dd the record was created

	// Corrupted lists, in the order of the Field constants, the fields of
	// an EHR or BHYT row whose value differs from the registry value of
	// the person, each with the kind of the difference; it is empty for
	// registry rows. A field the person has no value for (no phone, not
	// insured) is never listed. Each row gets its own slice, so a copy of
	// the Record may keep it.
	Corrupted []FieldNoise
	// Hard is the set of hard-case families of the row.
	Hard HardCase
}

// Stats counts what was generated.
type Stats struct {
	People        int // registry people
	Gone          int // people no longer in the registry
	Households    int
	Hamlets       int
	TwinPairs     int
	RegistryRows  int
	EHRRows       int
	BHYTRows      int
	EHRCovered    int // registry people with at least one EHR row
	EHRDuplicated int // registry people with two or more EHR rows
	// City mode (Config.Communes > 0).
	Communes        int // communes people live in (1 in the single commune)
	MovedHouseholds int // registry households that moved from another commune
	MovedRows       int // EHR rows carrying the address of the previous commune
	TwoStationRows  int // extra EHR rows written at the station of another commune
}

// planned is one row of the EHR or BHYT file before it is rendered.
type planned struct {
	person  int32
	created int32 // days since 1970-01-01; 0 for BHYT rows
	newborn bool  // recorded under the mother's name
	hamlet  int32 // 1 + the hamlet of a second station (Config.TwoStations); 0: the home
}

var (
	reformDay   = daysFromCivil(RefYear, 7, 1)   // the address reform
	firstEHRDay = daysFromCivil(2016, 1, 1)      // earliest EHR record
	lastDay     = daysFromCivil(RefYear, 12, 31) // extraction day
)

// Generate produces the population of cfg and calls emit for every row of
// every file: first the registry in household order, then the shuffled EHR
// extract, then (if cfg.BHYT) the shuffled BHYT list. emit must not keep r:
// the same Record is reused for every row. Generate stops at the first
// error emit returns and returns it.
func Generate(cfg Config, emit func(r *Record) error) (*Population, Stats, error) {
	pop, err := NewPopulation(cfg)
	if err != nil {
		return nil, Stats{}, err
	}
	st, err := pop.generate(cfg, emit)
	return pop, st, err
}

func (pop *Population) generate(cfg Config, emit func(*Record) error) (Stats, error) {
	st := Stats{
		People:     cfg.People,
		Gone:       len(pop.People) - cfg.People,
		Households: len(pop.Households),
		Hamlets:    len(pop.Hamlets),
		Communes:   len(pop.Communes),
	}
	for _, m := range pop.moves {
		if m.from != None {
			st.MovedHouseholds++
		}
	}
	for i := range pop.People {
		if t := pop.People[i].Twin; t > int32(i) {
			st.TwinPairs++
		}
	}
	hard := personHardCases(pop)
	var rec Record
	pcg := rand.NewPCG(0, 0)
	rng := rand.New(pcg)

	// Registry: clean, one row per registry person.
	for i := range cfg.People {
		p := &pop.People[i]
		rec = Record{
			File:       Registry,
			ID:         string(appendN([]byte{'R'}, i+1, 8)),
			Person:     int32(i),
			FullName:   p.FullName(),
			BirthDate:  p.BirthDate(),
			Sex:        sexName(p.Sex),
			NationalID: p.NationalID(),
			OldID:      p.OldID(),
			Phone:      p.Phone(),
			Address:    address(&pop.Hamlets[pop.Households[p.Household].Hamlet], false),
			Ethnicity:  p.Ethnicity(),
			Household:  string(appendN([]byte{'H'}, int(p.Household)+1, 8)),
			Hard:       hard[i],
		}
		st.RegistryRows++
		if err := emit(&rec); err != nil {
			return st, err
		}
	}

	// EHR.
	plan := pop.planEHR(cfg, &st)
	for k, pl := range plan {
		pcg.Seed(cfg.Seed^streamRecord, uint64(EHR)<<40|uint64(k))
		pop.render(rng, &rec, EHR, k, pl, &cfg.EHRNoise, hard)
		st.EHRRows++
		if rec.Hard&HardMoved != 0 {
			st.MovedRows++
		}
		if err := emit(&rec); err != nil {
			return st, err
		}
	}
	if !cfg.BHYT {
		return st, nil
	}
	plan = pop.planBHYT(cfg)
	for k, pl := range plan {
		pcg.Seed(cfg.Seed^streamRecord, uint64(BHYT)<<40|uint64(k))
		pop.render(rng, &rec, BHYT, k, pl, &cfg.BHYTNoise, hard)
		st.BHYTRows++
		if err := emit(&rec); err != nil {
			return st, err
		}
	}
	return st, nil
}

func sexName(s Sex) string {
	if s == Male {
		return "Nam"
	}
	return "Nữ"
}

// planEHR decides who has EHR rows, how many and when they were created,
// then shuffles the rows.
func (pop *Population) planEHR(cfg Config, st *Stats) []planned {
	rng := rand.New(rand.NewPCG(cfg.Seed, streamEHRPlan))
	plan := make([]planned, 0, int(float64(len(pop.People))*(cfg.EHRCoverage+cfg.EHRDuplicates)+16))
	var days [3]int32
	for i := range pop.People {
		p := &pop.People[i]
		k := 1
		last := lastDay
		if p.InRegistry {
			if rng.Float64() >= cfg.EHRCoverage {
				continue
			}
			if rng.Float64() < cfg.EHRDuplicates {
				k = 2
				if rng.Float64() < 0.25 {
					k = 3
				}
			}
			st.EHRCovered++
			if k > 1 {
				st.EHRDuplicated++
			}
		} else {
			last = reformDay - 1 // gone before the reform
		}
		birth := daysFromCivil(int(p.BirthYear), int(p.BirthMonth), int(p.BirthDay))
		first := max(birth, firstEHRDay)
		if first > last {
			last = lastDay
		}
		for j := range k {
			days[j] = int32(first + rng.IntN(last-first+1))
		}
		if p.BirthYear == RefYear {
			days[0] = int32(min(last, birth+rng.IntN(30))) // first visit soon after birth
		}
		sortDays(days[:k])
		for j := range k {
			newborn := j == 0 && p.BirthYear == RefYear && p.Mother != None &&
				rng.Float64() < cfg.NewbornUnderParent
			plan = append(plan, planned{person: int32(i), created: days[j], newborn: newborn})
		}
	}
	plan = pop.planTwoStations(cfg, plan, st)
	rng.Shuffle(len(plan), func(a, b int) { plan[a], plan[b] = plan[b], plan[a] })
	return plan
}

func sortDays(d []int32) {
	for i := 1; i < len(d); i++ {
		for j := i; j > 0 && d[j] < d[j-1]; j-- {
			d[j], d[j-1] = d[j-1], d[j]
		}
	}
}

// planBHYT lists the insured people on the BHYT list, shuffled: most
// insured registry people and half of the insured gone ones.
func (pop *Population) planBHYT(cfg Config) []planned {
	rng := rand.New(rand.NewPCG(cfg.Seed, streamBHYTPlan))
	plan := make([]planned, 0, int(float64(len(pop.People))*cfg.BHYTCoverage+16))
	for i := range pop.People {
		p := &pop.People[i]
		if p.bhxh == 0 {
			continue
		}
		share := cfg.BHYTCoverage
		if !p.InRegistry {
			share = 0.5
		}
		if rng.Float64() < share {
			plan = append(plan, planned{person: int32(i)})
		}
	}
	rng.Shuffle(len(plan), func(a, b int) { plan[a], plan[b] = plan[b], plan[a] })
	return plan
}

// fieldOrder are the fields of Record.Corrupted, in order.
var fieldOrder = [8]string{FieldFullName, FieldBirthDate, FieldSex, FieldNationalID,
	FieldInsuranceID, FieldPhone, FieldAddress, FieldEthnicity}

// parentOf returns the parent whose CCCD a child's record may carry (the
// mother, else the father), or nil when p is 14 or older or has neither in
// the population.
func (pop *Population) parentOf(p *Person) *Person {
	if p.Age() >= 14 {
		return nil
	}
	if p.Mother != None {
		return &pop.People[p.Mother]
	}
	if p.Father != None {
		return &pop.People[p.Father]
	}
	return nil
}

// newbornPrefixes are the ways a newborn is recorded under the mother's
// name.
var newbornPrefixes = []string{"Con bà ", "CB ", "Con của ", "Con chị "}

// render fills rec with row k of file f; hard holds the person-level hard
// cases of every person.
func (pop *Population) render(rng *rand.Rand, rec *Record, f File, k int, pl planned, n *Noise, hard []HardCase) {
	p := &pop.People[pl.person]
	prefix := byte('E')
	if f == BHYT {
		prefix = 'B'
	}
	*rec = Record{File: f, ID: string(appendN([]byte{prefix}, k+1, 8)), Person: pl.person, Hard: hard[pl.person]}
	var notes [8]noiseNote // in the order of fieldOrder
	if pl.newborn {
		rec.FullName = noisyName(rng, n, p, newbornPrefixes[rng.IntN(len(newbornPrefixes))], &pop.People[p.Mother], &notes[0])
		rec.Hard |= HardNewbornUnderParent
	} else {
		rec.FullName = noisyName(rng, n, p, "", nil, &notes[0])
	}
	rec.BirthDate = noisyDate(rng, n, int(p.BirthYear), int(p.BirthMonth), int(p.BirthDay), &notes[1])
	rec.Sex = noisySex(rng, n, p.Sex, &notes[2])
	rec.NationalID = noisyNationalID(rng, n, p, pop.parentOf(p), &notes[3])
	if notes[3].cause == "IDParent" {
		rec.Hard |= HardParentCCCD
	}
	rec.InsuranceID = noisyInsuranceID(rng, n, p, &notes[4])
	rec.Phone = noisyPhone(rng, n, p, &notes[5])
	// An EHR row written before the reform has the old address; the BHYT
	// list is current, and only its AddressOld noise makes it old.
	old := f == EHR && int(pl.created) < reformDay
	home := pop.Households[p.Household].Hamlet
	switch from, day, moved := pop.MovedFrom(p.Household); {
	case f == EHR && pl.hamlet > 0:
		// A second station writes the temporary address in its commune.
		home = pl.hamlet - 1
		notes[6].note(NoiseValue, "TwoStations")
		rec.Hard |= HardTwoStations
	case f == EHR && moved && int(pl.created) < day:
		// Written before the household moved: the previous commune.
		home = from
		notes[6].note(NoiseOutdated, "Moved")
		rec.Hard |= HardMoved
	}
	rec.Address = noisyAddress(rng, n, &pop.Hamlets[home], old, &notes[6])
	rec.Ethnicity = noisyEthnicity(rng, n, p, &notes[7])
	damaged := 0
	for _, nt := range notes {
		if nt.kind != 0 {
			damaged++
		}
	}
	if damaged > 0 {
		rec.Corrupted = make([]FieldNoise, 0, damaged)
	}
	for i, nt := range notes {
		if nt.kind != 0 {
			rec.Corrupted = append(rec.Corrupted, FieldNoise{Field: fieldOrder[i], Kind: nt.kind, Cause: nt.cause})
		}
	}
	if f == EHR {
		y, m, d := civilFromDays(int(pl.created))
		b := appendDate(make([]byte, 0, 10), dateISO, y, m, d)
		rec.CreatedAt = string(b)
	}
}
