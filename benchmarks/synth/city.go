package synth

import (
	"math"
	"math/rand/v2"
	"strconv"
	"sync"

	"github.com/vnlink/vnlink/normalize"
)

// This file holds the city mode (Config.Communes > 0): people spread over
// many communes of Hà Nội, with people who moved between communes and
// people with records at two stations.

// Commune is one commune-level unit of Hà Nội (list from 1 July 2025) that
// people of the population live in.
type Commune struct {
	Code  string  // five-digit code in the list from 1 July 2025
	Type  string  // "xã" or "phường"
	Name  string  // canonical name without the type word: "Ngọc Hồi"
	Share float64 // planned share of the households: 1/k^s normalised (Config.CommuneSkew)
}

// CityConfig returns DefaultConfig spread over communes communes of Hà Nội
// with people people: commune sizes Zipf-skewed with exponent 0.8, 4% of
// the households moved from another commune, 2% of the covered people with
// a second record at another station, and 5% of the EHR records of
// children under 14 carrying a parent's CCCD.
func CityConfig(people, communes int) Config {
	c := DefaultConfig()
	c.People = people
	c.Communes = communes
	c.CommuneSkew = 0.8
	c.Moved = 0.04
	c.TwoStations = 0.02
	c.EHRNoise.IDParent = 0.05
	return c
}

// MaxCommunes returns the number of commune-level units of Hà Nội in the
// built-in list (normalize.DefaultUnits), the largest Config.Communes.
func MaxCommunes() int { return len(hanoiUnits()) }

// hanoiUnit is a current unit of Hà Nội with the old units (of Hà Nội)
// that went into it, in code order.
type hanoiUnit struct {
	unit normalize.AdminUnit
	olds []normalize.AdminUnit
}

// hanoiUnits lists the current units of Hà Nội in code order, from the
// built-in table. The table has no listing, so every five-digit code is
// looked up (a few milliseconds, once).
var hanoiUnits = sync.OnceValue(func() []hanoiUnit {
	units := normalize.DefaultUnits()
	idx := map[string]int{}
	var out []hanoiUnit
	for c := 1; c < 100_000; c++ {
		code := string(appendN(nil, c, 5))
		if u, ok := units.Unit(normalize.UnitCode{Code: code, Version: normalize.ListFrom2025}); ok && u.Province == provinceNew {
			idx[code] = len(out)
			out = append(out, hanoiUnit{unit: u})
		}
	}
	for c := 1; c < 100_000; c++ {
		code := normalize.UnitCode{Code: string(appendN(nil, c, 5)), Version: normalize.ListBefore2025}
		old, ok := units.Unit(code)
		if !ok || old.Province != provinceNew {
			continue
		}
		for _, s := range units.Successors(code) {
			if i, ok := idx[s.Code.Code]; ok {
				out[i].olds = append(out[i].olds, old)
			}
		}
	}
	// A unit whose predecessors are not in the table keeps its own name
	// as the old one, as if it had not changed.
	for i := range out {
		if len(out[i].olds) == 0 {
			out[i].olds = []normalize.AdminUnit{out[i].unit}
		}
	}
	return out
})

// hamletsPerCommune is the size of a hamlet or residential group: about
// 1,500 people, as in the single commune.
const hamletsPerCommune = 1500

// initCity chooses the communes and builds their hamlets: xã Ngọc Hồi
// first, then the other units of Hà Nội in a seeded random order. The
// k-th commune (k = 1, 2, …) gets a share of the households proportional
// to 1/k^CommuneSkew; inside it, hamlets have uneven sizes (1 to 3).
func (b *builder) initCity() {
	rng := rand.New(rand.NewPCG(b.cfg.Seed, streamCity))
	all := hanoiUnits()
	order := make([]int, 0, len(all))
	first := -1
	for i, u := range all {
		if u.unit.Name == communeNew && first < 0 {
			first = i
			continue
		}
		order = append(order, i)
	}
	rng.Shuffle(len(order), func(a, c int) { order[a], order[c] = order[c], order[a] })
	if first >= 0 {
		order = append([]int{first}, order...)
	}
	order = order[:b.cfg.Communes]
	var total float64
	shares := make([]float64, len(order))
	for k := range order {
		shares[k] = 1 / math.Pow(float64(k+1), b.cfg.CommuneSkew)
		total += shares[k]
	}
	const scale = 2e9 // total cumulative weight, below 1<<32
	var cum uint64
	for k, ui := range order {
		u := &all[ui]
		shares[k] /= total
		b.communes = append(b.communes, Commune{Code: u.unit.Code.Code, Type: u.unit.Type.String(),
			Name: u.unit.Name, Share: shares[k]})
		nh := max(3, int(math.Round(shares[k]*float64(b.cfg.People)/hamletsPerCommune)))
		sizes := make([]uint32, nh)
		var sum uint32
		for h := range sizes {
			sizes[h] = 1 + rng.Uint32N(3)
			sum += sizes[h]
		}
		urban := u.unit.Type == normalize.UnitPhuong
		for h := range nh {
			var name string
			if urban {
				name = "Tổ dân phố " + strconv.Itoa(h+1)
			} else {
				name = "Thôn " + hamletNames[h%len(hamletNames)]
				if j := h / len(hamletNames); j > 0 {
					name += " " + strconv.Itoa(j+1)
				}
			}
			old := u.olds[h%len(u.olds)]
			b.hamlets = append(b.hamlets, Hamlet{
				Name: name, OldCommune: old.Name, District: old.District,
				Commune: int32(k), CommuneName: u.unit.Name, CommuneType: u.unit.Type.String(),
				OldCommuneType: old.Type.String(), DistrictType: old.DistrictType.String(),
			})
			cum += max(1, uint64(shares[k]*scale*float64(sizes[h])/float64(sum)))
			b.hamletCum = append(b.hamletCum, uint32(cum))
		}
	}
}

// move is the previous home of a household that moved between communes.
type move struct {
	from int32 // previous hamlet, or None
	day  int32 // day of the move, days since 1970-01-01
}

// cityMoves decides which registry households moved from another commune
// (Config.Moved), from which hamlet and when. It needs two communes.
func (b *builder) cityMoves() []move {
	if len(b.communes) < 2 || b.cfg.Moved == 0 {
		return nil
	}
	rng := rand.New(rand.NewPCG(b.cfg.Seed, streamCityMoves))
	mv := make([]move, len(b.households))
	registry := make([]bool, len(b.households))
	for i := range b.cfg.People {
		registry[b.people[i].Household] = true
	}
	for h := range mv {
		mv[h].from = None
		if !registry[h] || rng.Float64() >= b.cfg.Moved {
			continue
		}
		mv[h].from = b.otherHamlet(rng, b.households[h].Hamlet)
		mv[h].day = int32(firstEHRDay + 30 + rng.IntN(lastDay-firstEHRDay-60))
	}
	return mv
}

// otherHamlet draws a hamlet of another commune than hamlet h's, weighted
// like the households.
func (b *builder) otherHamlet(rng *rand.Rand, h int32) int32 {
	return otherHamlet(rng, b.hamlets, b.hamletCum, h)
}

func otherHamlet(rng *rand.Rand, hamlets []Hamlet, cum []uint32, h int32) int32 {
	c := hamlets[h].Commune
	for range 64 {
		o := int32(pickCum(rng, cum))
		if hamlets[o].Commune != c {
			return o
		}
	}
	// The other communes are tiny: take the first hamlet of another one.
	for o := range hamlets {
		if hamlets[o].Commune != c {
			return int32(o)
		}
	}
	return h
}

// MovedFrom returns the hamlet household h lived in before it moved to
// another commune, and the day of the move (days since 1970-01-01), or
// ok false when it did not move. Only city mode has moves.
func (pop *Population) MovedFrom(h int32) (hamlet int32, day int, ok bool) {
	if int(h) >= len(pop.moves) || pop.moves[h].from == None {
		return None, 0, false
	}
	return pop.moves[h].from, int(pop.moves[h].day), true
}

// CommuneOf returns the index in Population.Communes of the commune
// person i lives in.
func (pop *Population) CommuneOf(i int) int {
	return int(pop.Hamlets[pop.Households[pop.People[i].Household].Hamlet].Commune)
}

// planTwoStations adds to plan, for a share cfg.TwoStations of the covered
// registry people, one more EHR row written at the station of another
// commune, with the person's temporary address (tạm trú) there.
func (pop *Population) planTwoStations(cfg Config, plan []planned, st *Stats) []planned {
	if len(pop.Communes) < 2 || cfg.TwoStations == 0 {
		return plan
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, streamCityStations))
	cum := pop.hamletCum
	n := len(plan)
	covered := make([]bool, cfg.People)
	for _, pl := range plan[:n] {
		if int(pl.person) < cfg.People {
			covered[pl.person] = true
		}
	}
	for i := range cfg.People {
		if !covered[i] || rng.Float64() >= cfg.TwoStations {
			continue
		}
		p := &pop.People[i]
		birth := daysFromCivil(int(p.BirthYear), int(p.BirthMonth), int(p.BirthDay))
		first := max(birth, firstEHRDay)
		day := int32(first + rng.IntN(lastDay-first+1))
		h := otherHamlet(rng, pop.Hamlets, cum, pop.Households[p.Household].Hamlet)
		plan = append(plan, planned{person: int32(i), created: day, hamlet: h + 1})
		st.TwoStationRows++
	}
	return plan
}

// communeCounts returns the registry people of each commune.
func (pop *Population) communeCounts(people int) []int {
	n := make([]int, len(pop.Communes))
	for i := range people {
		n[pop.CommuneOf(i)]++
	}
	return n
}
