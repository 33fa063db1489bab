package vnperson

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/vnlink/vnlink/internal/strsim"
	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/normalize"
)

// source returns the prepared input of a role.
func (res *Reconciliation) source(r Role) *Source {
	switch r {
	case RoleRegistry:
		return &res.Registry
	case RoleEHR:
		return &res.EHR
	}
	return &res.BHYT
}

// buildPeople turns cluster labels over nodes into People and Rows.
func (res *Reconciliation) buildPeople(labels []int32, node func(int32) *Record, roleOf func(int32) (Role, int), n int) {
	// Labels are node numbers: slot[l] is the group of label l, -1 none.
	slot := make([]int32, n)
	for i := range slot {
		slot[i] = -1
	}
	var groups []PersonGroup
	for i := range int32(n) {
		l := labels[i]
		if slot[l] < 0 {
			slot[l] = int32(len(groups))
			groups = append(groups, PersonGroup{Registry: -1})
		}
		g := &groups[slot[l]]
		role, row := roleOf(node(i).Row)
		switch role {
		case RoleRegistry:
			g.Registry = row
		case RoleEHR:
			g.EHR = append(g.EHR, row)
		default:
			g.BHYT = append(g.BHYT, row)
		}
	}
	unique := func(s *Source) map[string]bool {
		count := map[string]int{}
		for i := range s.People {
			count[orderID(s.People[i].ID)]++
		}
		out := map[string]bool{}
		for id, c := range count {
			if id != "" && c == 1 {
				out[id] = true
			}
		}
		return out
	}
	uniqueIn := [3]map[string]bool{unique(&res.Registry), unique(&res.EHR), unique(&res.BHYT)}
	hamlets := res.newHamletSpeller()
	for i := range groups {
		g := &groups[i]
		slices.SortFunc(g.EHR, func(a, b int) int { return res.compareRows(RoleEHR, a, b) })
		slices.SortFunc(g.BHYT, func(a, b int) int { return res.compareRows(RoleBHYT, a, b) })
		g.ID = res.personID(g, uniqueIn)
		g.Hamlet = res.hamletOf(g, hamlets)
	}
	// Sort (id, index) pairs, not the groups, then copy each group once.
	type keyed struct {
		id string
		i  int32
	}
	order := make([]keyed, len(groups))
	for i := range order {
		order[i] = keyed{groups[i].ID, int32(i)}
	}
	slices.SortFunc(order, func(a, b keyed) int {
		if c := strings.Compare(a.id, b.id); c != 0 {
			return c
		}
		return res.compareGroups(&groups[a.i], &groups[b.i])
	})
	res.People = make([]PersonGroup, len(groups))
	for i, k := range order {
		res.People[i] = groups[k.i]
	}
	// Make ids unique: a repeat (identical content) gets a suffix.
	for i := 1; i < len(res.People); i++ {
		if res.People[i].ID == res.People[i-1].ID || (i > 1 && res.People[i].ID == res.People[i-2].ID) {
			base := res.People[i].ID
			k := 2
			for j := i; j < len(res.People) && res.People[j].ID == base; j++ {
				res.People[j].ID = base + "~" + strconv.Itoa(k)
				k++
			}
		}
	}
}

// compareRows orders two rows of one list by id, then content, then row.
func (res *Reconciliation) compareRows(role Role, a, b int) int {
	s := res.source(role)
	pa, pb := &s.People[a], &s.People[b]
	return cmp.Or(cmp.Compare(pa.ID, pb.ID), comparePeople(pa, pb), cmp.Compare(a, b))
}

// compareGroups orders people with equal ids by the content of their
// first rows; only rows of equal content remain tied, and those are
// interchangeable.
func (res *Reconciliation) compareGroups(a, b *PersonGroup) int {
	first := func(g *PersonGroup) *Person {
		switch {
		case g.Registry >= 0:
			return &res.Registry.People[g.Registry]
		case len(g.EHR) > 0:
			return &res.EHR.People[g.EHR[0]]
		}
		return &res.BHYT.People[g.BHYT[0]]
	}
	return comparePeople(first(a), first(b))
}

// personID returns the content-derived id of a person: the registry row's
// id, else the smallest unique id of its health records, else of its BHYT
// rows, else a hash of its first row's content (contentKey).
func (res *Reconciliation) personID(g *PersonGroup, uniqueIn [3]map[string]bool) string {
	if g.Registry >= 0 {
		if id := res.Registry.People[g.Registry].ID; uniqueIn[RoleRegistry][id] {
			return id
		}
	}
	for _, r := range g.EHR {
		if id := res.EHR.People[r].ID; uniqueIn[RoleEHR][id] {
			return id
		}
	}
	for _, r := range g.BHYT {
		if id := res.BHYT.People[r].ID; uniqueIn[RoleBHYT][id] {
			return id
		}
	}
	var p *Person
	switch {
	case g.Registry >= 0:
		p = &res.Registry.People[g.Registry]
	case len(g.EHR) > 0:
		p = &res.EHR.People[g.EHR[0]]
	default:
		p = &res.BHYT.People[g.BHYT[0]]
	}
	return "P" + strconv.FormatUint(contentKey(p), 36)
}

// hamletOf returns the hamlet of a person: the registry's when the person
// is in it, else that of the first health record (then BHYT row) naming
// one, spelt as the registry spells it (hamletSpeller), so that a hamlet
// team finds all its people under one name.
func (res *Reconciliation) hamletOf(g *PersonGroup, hs *hamletSpeller) string {
	if g.Registry >= 0 {
		if h := res.Registry.Display[g.Registry].Hamlet; h != "" {
			return h
		}
	}
	for _, r := range g.EHR {
		if h := res.EHR.Display[r].Hamlet; h != "" {
			return hs.spell(h)
		}
	}
	for _, r := range g.BHYT {
		if h := res.BHYT.Display[r].Hamlet; h != "" {
			return hs.spell(h)
		}
	}
	return ""
}

// A hamletSpeller spells the hamlet of a row outside the registry as the
// registry spells it. The registry lists every hamlet of the commune, so
// a hamlet name it does not know is mostly a typing slip ("Thcn Cầu 2",
// "Hôn Hạ", "thôn Giuia 2"); left as typed, each slip would be a hamlet of
// its own, with no registry people, in the per-hamlet figures. A name is
// given the registry's spelling when, folded and without its type word
// (also a type word one slip away: "thcn", "hon"), it is the key of
// exactly one registry hamlet, or else, for a key of at least 5 letters,
// one edit away (two from 7 characters on) from exactly one nearest key
// with the same numbers ("Cầu 3" never becomes "Cầu 2"; "Tây" never
// becomes "Tân"). Other names stay as typed.
type hamletSpeller struct {
	exact map[string]string // key -> the registry's spelling; "" when two hamlets share the key
	keys  []string          // the keys with one spelling, sorted
	memo  map[string]string // spell's answers, by name
}

// newHamletSpeller indexes the hamlets of the registry.
func (res *Reconciliation) newHamletSpeller() *hamletSpeller {
	hs := &hamletSpeller{exact: map[string]string{}, memo: map[string]string{}}
	for i := range res.Registry.Display {
		h := res.Registry.Display[i].Hamlet
		if h == "" {
			continue
		}
		k := hamletKey(h)
		if cur, ok := hs.exact[k]; !ok {
			hs.exact[k] = h
		} else if cur != h {
			hs.exact[k] = ""
		}
	}
	for k, h := range hs.exact {
		if h != "" {
			hs.keys = append(hs.keys, k)
		}
	}
	slices.Sort(hs.keys)
	return hs
}

// spell returns h as the registry spells it, or h itself.
func (hs *hamletSpeller) spell(h string) string {
	if r, ok := hs.memo[h]; ok {
		return r
	}
	out := h
	k := hamletKey(h)
	if r := hs.exact[k]; r != "" {
		out = r
	} else if _, shared := hs.exact[k]; !shared {
		if first, rest, ok := strings.Cut(k, " "); ok && rest != "" && nearTypeWord(first) {
			if r := hs.exact[rest]; r != "" {
				out = r
			} else if r := hs.nearest(rest); r != "" {
				out = r
			}
		} else if r := hs.nearest(k); r != "" {
			out = r
		}
	}
	hs.memo[h] = out
	return out
}

// nearest returns the spelling of the one registry key nearest to k within
// the edit limit and with the same digits, or "".
func (hs *hamletSpeller) nearest(k string) string {
	// A short name one edit from another is often another place (Tây,
	// Tân; Đông, Đồng): names of fewer than 5 letters must match exactly.
	digits := digitsOf(k)
	if len(k)-len(digits) < 5 {
		return ""
	}
	limit := 1
	if len(k) >= 7 {
		limit = 2
	}
	best, bestD, ties := "", limit+1, 0
	for _, c := range hs.keys {
		if digitsOf(c) != digits {
			continue
		}
		switch d := strsim.OSAWithin(k, c, limit); {
		case d < bestD:
			best, bestD, ties = c, d, 1
		case d == bestD:
			ties++
		}
	}
	if best == "" || ties > 1 {
		return ""
	}
	return hs.exact[best]
}

// nearTypeWord reports whether w, folded, is a hamlet type word (thôn,
// xóm, tổ, ấp, bản) or one slip away from "thon".
func nearTypeWord(w string) bool {
	w = strings.TrimSuffix(w, ".")
	switch w {
	case "th", "thon", "xom", "to", "ap", "ban":
		return true
	}
	return len(w) >= 3 && strsim.OSAWithin(w, "thon", 1) <= 1
}

// digitsOf returns the digits of s, in order.
func digitsOf(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b = append(b, s[i])
		}
	}
	return string(b)
}

// hamletKey is the folded name of a hamlet without its type word.
func hamletKey(h string) string {
	k := normalize.Fold(h)
	for _, p := range placeAbbreviations {
		if rest, ok := strings.CutPrefix(k, p); ok && rest != "" {
			return rest
		}
	}
	return k
}

// buildWorklists fills Rows, the worklists and the metrics from People and
// the scored pairs (node numbering: left i is i, right j is nl+j).
func (res *Reconciliation) buildWorklists(scored []linkage.ScoredPair, node func(int32) *Record, roleOf func(int32) (Role, int), nl int32, opts ReconcileOptions) {
	personOf := [3][]int{make([]int, len(res.Registry.People)), make([]int, len(res.EHR.People)), make([]int, len(res.BHYT.People))}
	for pi := range res.People {
		g := &res.People[pi]
		if g.Registry >= 0 {
			personOf[RoleRegistry][g.Registry] = pi
		}
		for _, r := range g.EHR {
			personOf[RoleEHR][r] = pi
		}
		for _, r := range g.BHYT {
			personOf[RoleBHYT][r] = pi
		}
	}
	// Best registry candidate of each health record (for Unmatched).
	type best struct {
		w   float64
		row int
	}
	nearest := map[int]best{}
	for _, sp := range scored {
		if sp.B < nl {
			continue
		}
		ra, a := roleOf(node(sp.A).Row)
		_, b := roleOf(node(sp.B).Row)
		if ra != RoleEHR {
			continue
		}
		if cur, ok := nearest[a]; !ok || sp.Weight > cur.w || (sp.Weight == cur.w && b < cur.row) {
			nearest[a] = best{sp.Weight, b}
		}
	}
	score := func(ra Role, a int, rb Role, b int) float64 {
		return res.Model.Score(&res.source(ra).Records[a], &res.source(rb).Records[b])
	}

	for pi := range res.People {
		g := &res.People[pi]
		add := func(role Role, row int, st Status) {
			res.Rows = append(res.Rows, RowStatus{RowRef: RowRef{role, row}, Status: st, Person: pi})
		}
		bhytStatus := StatusBHYTLinked
		if g.Registry < 0 && len(g.EHR) == 0 {
			bhytStatus = StatusBHYTNew
		}
		for _, r := range g.BHYT {
			add(RoleBHYT, r, bhytStatus)
		}
		switch {
		case g.Registry >= 0 && len(g.EHR) == 0:
			add(RoleRegistry, g.Registry, StatusMissingRecord)
			res.Missing = append(res.Missing, MissingRecord{Person: pi, From: RowRef{RoleRegistry, g.Registry},
				Fields: res.prefill(g), Hamlet: g.Hamlet})
		case g.Registry >= 0:
			add(RoleRegistry, g.Registry, StatusHasRecord)
		case len(g.EHR) == 0:
			res.NewFromBHYT = append(res.NewFromBHYT, MissingRecord{Person: pi, From: RowRef{RoleBHYT, g.BHYT[0]},
				Fields: res.BHYT.Display[g.BHYT[0]], Hamlet: g.Hamlet})
		}
		// unmatched lists the person's record keep: the person has health
		// records and no registry record. The nearest registry candidate
		// is the best of any of the person's records.
		unmatched := func(keep int) {
			u := UnmatchedRecord{EHR: keep, Person: pi, Nearest: -1, Hamlet: g.Hamlet}
			var w float64
			for _, r := range g.EHR {
				if nb, ok := nearest[r]; ok && (u.Nearest < 0 || nb.w > w || (nb.w == w && nb.row < u.Nearest)) {
					u.Nearest, w = nb.row, nb.w
				}
			}
			if u.Nearest >= 0 {
				u.Probability = linkage.Probability(w)
			}
			res.Unmatched = append(res.Unmatched, u)
		}
		switch {
		case len(g.EHR) == 1 && g.Registry >= 0:
			add(RoleEHR, g.EHR[0], StatusVerified)
		case len(g.EHR) == 1:
			add(RoleEHR, g.EHR[0], StatusUnmatched)
			unmatched(g.EHR[0])
		case len(g.EHR) > 1:
			dg := res.duplicateGroup(pi, g, score)
			add(RoleEHR, dg.Keep, StatusDuplicateKeep)
			for _, r := range dg.Rows[1:] {
				add(RoleEHR, r, StatusDuplicateMerge)
			}
			res.Duplicates = append(res.Duplicates, dg)
			if g.Registry < 0 {
				// Merged, the record still matches nobody in the
				// registry: it is on both lists.
				unmatched(dg.Keep)
			}
		}
		if g.Registry >= 0 {
			for _, r := range g.EHR {
				res.Corrections = res.corrections(res.Corrections, pi, g, r)
			}
		}
	}
	slices.SortFunc(res.Rows, func(a, b RowStatus) int { return cmp.Or(cmp.Compare(a.Role, b.Role), cmp.Compare(a.Row, b.Row)) })
	res.policeChecks(personOf[RoleEHR])
	res.review(scored, node, roleOf, personOf, opts)
	res.Metrics = res.metrics(personOf[RoleEHR])
}

// prefill returns the registry's display forms for a new record, with the
// BHYT number of a linked BHYT row when the registry has none.
func (res *Reconciliation) prefill(g *PersonGroup) Display {
	d := res.Registry.Display[g.Registry]
	if d.InsuranceID == "" {
		for _, r := range g.BHYT {
			if x := res.BHYT.Display[r].InsuranceID; x != "" {
				d.InsuranceID = x
				break
			}
		}
	}
	return d
}

// duplicateGroup describes the health records of one person.
func (res *Reconciliation) duplicateGroup(pi int, g *PersonGroup, score func(Role, int, Role, int) float64) DuplicateGroup {
	dg := DuplicateGroup{Person: pi, Linked: g.Registry >= 0, Hamlet: g.Hamlet}
	type rank struct{ agree, filled int }
	ranks := map[int]rank{}
	for _, r := range g.EHR {
		var rk rank
		d := &res.EHR.Display[r]
		for _, f := range displayFields {
			v := f.get(d)
			if v == "" {
				continue
			}
			rk.filled++
			if g.Registry >= 0 && v == f.get(&res.Registry.Display[g.Registry]) {
				rk.agree++
			}
		}
		ranks[r] = rk
	}
	dg.Rows = slices.Clone(g.EHR)
	slices.SortStableFunc(dg.Rows, func(a, b int) int {
		ra, rb := ranks[a], ranks[b]
		return cmp.Or(cmp.Compare(rb.agree, ra.agree), cmp.Compare(rb.filled, ra.filled))
	})
	dg.Keep = dg.Rows[0]
	dg.KeepReason = KeepSmallestID
	if ranks[dg.Rows[0]] != ranks[dg.Rows[1]] {
		dg.KeepReason = KeepMostComplete
	}
	for _, r := range dg.Rows {
		var w float64
		if g.Registry >= 0 {
			w = score(RoleEHR, r, RoleRegistry, g.Registry)
		} else {
			w = math.Inf(-1)
			for _, o := range dg.Rows {
				if o != r {
					w = max(w, score(RoleEHR, r, RoleEHR, o))
				}
			}
		}
		dg.Probability = append(dg.Probability, linkage.Probability(w))
	}
	for _, f := range displayFields {
		seen := ""
		for _, r := range dg.Rows {
			v := f.get(&res.EHR.Display[r])
			if v == "" {
				continue
			}
			if seen != "" && v != seen {
				dg.Disagree = append(dg.Disagree, f.field)
				break
			}
			seen = v
		}
	}
	return dg
}

// displayFields are the fields of a Display compared between records.
var displayFields = []struct {
	field string
	get   func(*Display) string
}{
	{FieldFullName, func(d *Display) string { return d.FullName }},
	{FieldBirthDate, func(d *Display) string { return d.BirthDate }},
	{FieldSex, func(d *Display) string { return d.Sex }},
	{FieldNationalID, func(d *Display) string { return d.NationalID }},
	{FieldInsuranceID, func(d *Display) string { return d.InsuranceID }},
	{FieldPhone, func(d *Display) string { return d.Phone }},
	{FieldAddress, func(d *Display) string { return d.Address }},
	{FieldEthnicity, func(d *Display) string { return d.Ethnicity }},
}

// corrections appends to out the fields of health record r to change to
// the values of the person's registry row.
func (res *Reconciliation) corrections(out []Correction, pi int, g *PersonGroup, r int) []Correction {
	p, e, ed := &res.EHR.People[r], &res.EHR.Records[r], &res.EHR.Display[r]
	reg, rd := &res.Registry.Records[g.Registry], res.prefill(g)
	add := func(field string, kind CorrectionKind, old, new string) {
		if kind != 0 {
			out = append(out, Correction{EHR: r, Person: pi, Field: field, Kind: kind, Old: old, New: new, Hamlet: g.Hamlet})
		}
	}
	// Each field: nothing to propose without a registry value; an empty
	// health-record value is missing; equal parsed values differ in form
	// only (when the text differs at all).
	kind := func(old, new string, same bool, otherwise CorrectionKind) CorrectionKind {
		switch {
		case new == "" || old == new:
			return 0
		case old == "":
			return CorrectMissing
		case same:
			return CorrectForm
		}
		return otherwise
	}
	add(FieldFullName, kind(p.FullName, rd.FullName, !e.Name.IsZero() && e.Name.Fold() == reg.Name.Fold(), CorrectValue), p.FullName, rd.FullName)

	bk := kind(p.BirthDate, rd.BirthDate, !e.Birth.IsZero() && e.Birth.Equal(reg.Birth), CorrectValue)
	if bk == CorrectValue && !e.Birth.IsZero() && e.Birth.Precision() < reg.Birth.Precision() && reg.Birth.Truncate(e.Birth.Precision()).Equal(e.Birth) {
		bk = CorrectMissing // year-only (or month) where the registry knows the day
	}
	add(FieldBirthDate, bk, p.BirthDate, rd.BirthDate)
	add(FieldSex, kind(p.Sex, rd.Sex, e.Sex != normalize.SexUnknown && e.Sex == reg.Sex, CorrectValue), p.Sex, rd.Sex)

	newID := rd.NationalID
	if newID == "" {
		newID = rd.OldID
	}
	oldID := p.NationalID
	if oldID == "" {
		oldID = p.OldID
	}
	ik := kind(oldID, newID, (reg.CCCD != 0 && e.CCCD == reg.CCCD) || (reg.CCCD == 0 && reg.CMND != 0 && e.CMND == reg.CMND), CorrectValue)
	if ik == CorrectValue && e.CCCD == 0 && e.CMND != 0 && reg.CCCD != 0 {
		ik = CorrectOutdated // an old CMND where the person has a CCCD
	}
	add(FieldNationalID, ik, oldID, newID)

	sameBHXH := e.BHXH != 0 && e.BHXH == res.bhxhOf(g)
	xk := kind(p.InsuranceID, rd.InsuranceID, sameBHXH && ed.InsuranceID == rd.InsuranceID, CorrectValue)
	if xk == CorrectValue && sameBHXH {
		xk = CorrectOutdated // an older card (another object code), or the bare BHXH number
	}
	add(FieldInsuranceID, xk, p.InsuranceID, rd.InsuranceID)

	pk := kind(p.Phone, rd.Phone, e.Phone != 0 && e.Phone == reg.Phone, CorrectValue)
	if pk == CorrectForm && ed.PhoneOutdated {
		pk = CorrectOutdated
	}
	add(FieldPhone, pk, p.Phone, rd.Phone)

	ak := kind(p.Address, rd.Address, ed.Address != "" && (ed.Address == rd.Address || ed.addressNames == rd.addressNames), CorrectValue)
	if ak == CorrectValue && ed.AddressOutdated && e.Place != 0 && e.Place == reg.Place {
		ak = CorrectOutdated // the same place written with the pre-2025 units
	}
	add(FieldAddress, ak, p.Address, rd.Address)
	add(FieldEthnicity, kind(p.Ethnicity, rd.Ethnicity, !e.Ethnicity.IsZero() && e.Ethnicity == reg.Ethnicity, CorrectValue), p.Ethnicity, rd.Ethnicity)
	return out
}

// bhxhOf returns the BHXH number of the person: the registry's, else that
// of a linked BHYT row.
func (res *Reconciliation) bhxhOf(g *PersonGroup) uint64 {
	if x := res.Registry.Records[g.Registry].BHXH; x != 0 {
		return x
	}
	for _, r := range g.BHYT {
		if x := res.BHYT.Records[r].BHXH; x != 0 {
			return x
		}
	}
	return 0
}

// policeChecks lists the health records whose identity the police should
// verify.
func (res *Reconciliation) policeChecks(personOf []int) {
	byCCCD := make(map[uint64]int, len(res.Registry.Records))
	for i := range res.Registry.Records {
		if c := res.Registry.Records[i].CCCD; c != 0 {
			if _, dup := byCCCD[c]; dup {
				byCCCD[c] = -1 // repeated in the registry: no single holder
			} else {
				byCCCD[c] = i
			}
		}
	}
	for r := range res.EHR.People {
		p, e, d := &res.EHR.People[r], &res.EHR.Records[r], &res.EHR.Display[r]
		pi := personOf[r]
		check := PoliceCheck{EHR: r, Person: pi, Hamlet: res.People[pi].Hamlet}
		switch {
		case p.NationalID == "" && p.OldID == "":
			check.Kind = PoliceNoID
		case e.CCCD == 0 && e.CMND == 0:
			check.Kind = PoliceMalformedID
		case e.CCCD != 0:
			h, ok := byCCCD[e.CCCD]
			if !ok || h < 0 {
				continue
			}
			hd, hr := &res.Registry.Display[h], &res.Registry.Records[h]
			if d.FullName != "" && hd.FullName != "" && e.Name.Fold() != hr.Name.Fold() {
				check.Fields = append(check.Fields, FieldFullName)
			}
			if !e.Birth.IsZero() && !hr.Birth.IsZero() && !e.Birth.Equal(hr.Birth) {
				check.Fields = append(check.Fields, FieldBirthDate)
			}
			if e.Sex != normalize.SexUnknown && hr.Sex != normalize.SexUnknown && e.Sex != hr.Sex {
				check.Fields = append(check.Fields, FieldSex)
			}
			if len(check.Fields) == 0 {
				continue
			}
			check.Kind = PoliceIDDiffers
		default:
			continue
		}
		res.PoliceChecks = append(res.PoliceChecks, check)
	}
}

// review fills the review queue: scored pairs whose probability lies in
// [ReviewLow, ReviewHigh), the most uncertain (closest to 1/2) first.
func (res *Reconciliation) review(scored []linkage.ScoredPair, node func(int32) *Record, roleOf func(int32) (Role, int), personOf [3][]int, opts ReconcileOptions) {
	lo, hi := linkage.WeightForProbability(opts.ReviewLow), linkage.WeightForProbability(opts.ReviewHigh)
	for _, sp := range scored {
		if sp.Weight < lo || sp.Weight >= hi {
			continue
		}
		ra, a := roleOf(node(sp.A).Row)
		rb, b := roleOf(node(sp.B).Row)
		A, B := RowRef{ra, a}, RowRef{rb, b}
		if cmp.Or(cmp.Compare(B.Role, A.Role), cmp.Compare(B.Row, A.Row)) < 0 {
			A, B = B, A
		}
		res.Review = append(res.Review, ReviewPair{A: A, B: B, Weight: sp.Weight, Probability: linkage.Probability(sp.Weight),
			Together: personOf[ra][a] == personOf[rb][b], Rule: int(sp.Rule)})
	}
	slices.SortFunc(res.Review, func(x, y ReviewPair) int {
		return cmp.Or(cmp.Compare(math.Abs(x.Weight), math.Abs(y.Weight)),
			cmp.Compare(x.A.Role, y.A.Role), cmp.Compare(x.A.Row, y.A.Row), cmp.Compare(x.B.Role, y.B.Role), cmp.Compare(x.B.Row, y.B.Row))
	})
	if len(res.Review) > opts.MaxReviewPairs {
		res.Review = res.Review[:opts.MaxReviewPairs]
	}
}

// Explain explains the match weight of a pair of input rows (a review pair,
// say): labels and numbers only, never the compared values. It returns false
// when a row is outside the inputs.
func (res *Reconciliation) Explain(a, b RowRef) (linkage.Explanation, bool) {
	ok := func(r RowRef) bool {
		return r.Role <= RoleBHYT && r.Row >= 0 && r.Row < len(res.source(r.Role).Records)
	}
	if res == nil || res.Model == nil || !ok(a) || !ok(b) {
		return linkage.Explanation{}, false
	}
	return res.Model.Explain(&res.source(a.Role).Records[a.Row], &res.source(b.Role).Records[b.Row]), true
}

// comparePeople orders people by their fields, as written.
func comparePeople(a, b *Person) int {
	return cmp.Or(cmp.Compare(a.FullName, b.FullName), cmp.Compare(a.BirthDate, b.BirthDate),
		cmp.Compare(a.Sex, b.Sex), cmp.Compare(a.NationalID, b.NationalID), cmp.Compare(a.OldID, b.OldID),
		cmp.Compare(a.InsuranceID, b.InsuranceID), cmp.Compare(a.Phone, b.Phone),
		cmp.Compare(a.Address, b.Address), cmp.Compare(a.Ethnicity, b.Ethnicity), cmp.Compare(a.Source, b.Source))
}
