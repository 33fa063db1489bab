package vnname

// OrderVariant returns the name read with the family name moved from the
// end to the front, and true, when the evidence that it was written last
// is strong; otherwise the zero Name and false. Parse never reorders a
// name by itself: a caller may compare both readings.
//
// The evidence is strong when the name has at least two words, its last
// word is a family name that is rarely a given name (Nguyễn, Trần, Lê,
// Phạm, ...; not Hoàng, Vũ, Dương, Mai or Kim, which are common given
// names) and its first word is not a known family name (the markers Thị
// and Văn count as not, though Văn is also a rare family name). Words typed
// without diacritics are matched by their folded key, which is weaker
// evidence: Thao Nguyen may be the given name Thảo Nguyên.
//
// Two written orders are recognised:
//
//   - western order, given name first and family name last:
//     Lan Thị Nguyễn reads as Nguyễn Thị Lan (the first and last words
//     swap, the middle words keep their place);
//   - family name moved to the end: when the first word is the marker Thị
//     or Văn, Thị Lan Nguyễn reads as Nguyễn Thị Lan (the last word moves
//     to the front).
func (n Name) OrderVariant() (Name, bool) {
	if n.partWords[partFull] < 2 {
		return Name{}, false
	}
	ws := n.splitWords()
	first, last := &ws[0], &ws[len(ws)-1]
	if !inSet(last, familyOnlyKeys, familyOnlyFolds) ||
		(inSet(first, knownFamilyKeys, knownFamilyFolds) && !isMarker(first)) {
		return Name{}, false
	}
	var buf [MaxWords]string
	out := append(buf[:0], last.key)
	if isMarker(first) {
		for i := range len(ws) - 1 {
			out = append(out, ws[i].key)
		}
	} else {
		for i := 1; i < len(ws)-1; i++ {
			out = append(out, ws[i].key)
		}
		out = append(out, first.key)
	}
	return build(out), true
}

// isMarker reports whether w is a middle-name marker, Thị or Văn (thi or
// van typed without diacritics).
func isMarker(w *word) bool {
	switch w.key {
	case "thị", "văn", "thi", "van":
		return true
	}
	return false
}
