package normalize

// ToneStyle chooses where the tone mark goes in the open syllables of the
// oa, oe and uy families, the only place where two spellings are both in
// use. Closed syllables (hoàng, thuyền, hoạch), syllables whose vowel has
// a modifier (người, thuế) and the qu/gi initials (quý, quà, giúp) are
// written the same way in both styles.
//
// The zero value is ToneNew, the style of the display form.
type ToneStyle uint8

const (
	// ToneNew puts the mark on the second vowel: hoà, khoẻ, thuý, Thuỷ.
	// It is the default and the style of [Text].
	ToneNew ToneStyle = iota
	// ToneOld puts the mark on the first vowel: hòa, khỏe, thúy, Thủy.
	ToneOld
)

// String returns "new" or "old".
func (s ToneStyle) String() string {
	if s == ToneOld {
		return "old"
	}
	return "new"
}
