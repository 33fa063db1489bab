package normalize

// Byte tables of the legacy encodings. Sources of the facts: the
// Windows-1252 code page (Microsoft's cp1252 table, as in
// golang.org/x/text/encoding/charmap), the TCVN 5712:1993 VN3 ("ABC")
// font encoding and the VNI-Windows font encoding as used by the
// Vietnamese keyboard drivers (VNI, Unikey, xvnkb).

// cp1252High maps the bytes 0x80..0x9F of Windows-1252 to runes. The five
// undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 control of
// the same value, as Windows' MultiByteToWideChar and the WHATWG decoder do.
var cp1252High = [32]rune{
	'\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
	'\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
	'\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
	'\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
}

// cp1252Rune returns the rune that Windows-1252 decodes byte b to.
func cp1252Rune(b byte) rune {
	if b >= 0x80 && b < 0xA0 {
		return cp1252High[b-0x80]
	}
	return rune(b)
}

// cp1252Byte returns the Windows-1252 byte of r; ok is false when r is not
// in the code page.
func cp1252Byte(r rune) (b byte, ok bool) {
	if r < 0x80 || (r >= 0xA0 && r <= 0xFF) {
		return byte(r), true
	}
	if r >= 0x80 && r < 0xA0 {
		return byte(r), true // an undefined byte kept as a C1 control
	}
	if r < 0x152 || r > 0x2122 || (r > 0x2DC && r < 0x2013) {
		return 0, false // outside the range of cp1252High
	}
	for i, c := range cp1252High {
		if c == r {
			return byte(0x80 + i), true
		}
	}
	return 0, false
}

// tcvn3Letters lists the TCVN3 (ABC, VN3) bytes 0xA1..0xFE; a space marks
// a byte the encoding does not use. ABC fonts have upper-case forms only
// for the seven letters at 0xA1..0xA7; an upper-case letter with a tone is
// typed with the lower-case byte in an upper-case font (.VnTimeH).
const tcvn3Letters = "ĂÂÊÔƠƯĐăâêôơưđ" + // A1..AE
	"      " + // AF..B4
	"àảãáạ" + // B5..B9
	" " + // BA
	"ằẳẵắ" + // BB..BE
	"       " + // BF..C5
	"ặầẩẫấậ" + // C6..CB
	"è ẻẽéẹ" + // CC..D1
	"ềểễếệ" + // D2..D6
	"ìỉ   ĩíị" + // D7..DE
	"ò ỏõóọ" + // DF..E4
	"ồổỗốộ" + // E5..E9
	"ờởỡớợ" + // EA..EE
	"ù ủũúụ" + // EF..F4
	"ừửữứự" + // F5..F9
	"ỳỷỹýỵ" // FA..FE

// tcvn3Decode maps a byte to its letter (0 when unused), tcvn3Encode a
// letter to its byte.
var tcvn3Decode, tcvn3Encode = buildTCVN3()

func buildTCVN3() (*[256]rune, map[rune]byte) {
	var dec [256]rune
	enc := map[rune]byte{}
	b := 0xA1
	for _, r := range tcvn3Letters {
		if r != ' ' {
			dec[b] = r
			enc[r] = byte(b)
		}
		b++
	}
	if b != 0xFF {
		panic("normalize: TCVN3 table has the wrong length")
	}
	return &dec, enc
}

// VNI-Windows writes a letter as its ASCII base followed by one mark byte,
// except for a few letters that have a byte of their own. The upper-case
// byte of each is the lower-case byte minus 0x20.
var (
	vniMarks = map[byte][2]uint8{ // lower-case mark byte -> modifier, tone
		0xF9: {modNone, toneAcute}, 0xF8: {modNone, toneGrave}, 0xFB: {modNone, toneHook},
		0xF5: {modNone, toneTilde}, 0xEF: {modNone, toneDot},
		0xE2: {modCircumflex, toneNone}, 0xE1: {modCircumflex, toneAcute}, 0xE0: {modCircumflex, toneGrave},
		0xE5: {modCircumflex, toneHook}, 0xE3: {modCircumflex, toneTilde}, 0xE4: {modCircumflex, toneDot},
		0xEA: {modBreve, toneNone}, 0xE9: {modBreve, toneAcute}, 0xE8: {modBreve, toneGrave},
		0xFA: {modBreve, toneHook}, 0xFC: {modBreve, toneTilde}, 0xEB: {modBreve, toneDot},
	}
	vniSingles = map[byte]letter{ // lower-case byte -> letter of its own
		0xF4: {base: 'o', mod: modHorn}, 0xF6: {base: 'u', mod: modHorn}, 0xF1: {base: 'd', mod: modStroke},
		0xEC: {base: 'i', tone: toneGrave}, 0xED: {base: 'i', tone: toneAcute}, 0xE6: {base: 'i', tone: toneHook},
		0xF3: {base: 'i', tone: toneTilde}, 0xF2: {base: 'i', tone: toneDot}, 0xEE: {base: 'y', tone: toneDot},
	}
	// vni indexes the two maps above by any byte.
	vni = buildVNI()
)

// vniTables index the VNI marks and letters by byte.
type vniTables struct {
	markByte [5][6]byte    // [mod][tone] -> lower-case mark byte, 0 for none
	markOf   [256][2]uint8 // byte -> modifier, tone
	isMark   [256]bool     // byte is a mark
	singleOf [256]letter   // byte -> letter of its own
}

func buildVNI() *vniTables {
	tb := new(vniTables)
	for mb, mt := range vniMarks {
		tb.markByte[mt[0]][mt[1]] = mb
		for _, c := range [2]byte{mb, mb - 0x20} {
			tb.markOf[c] = mt
			tb.isMark[c] = true
		}
	}
	for sb, l := range vniSingles {
		tb.singleOf[sb] = l
		l.upper = true
		tb.singleOf[sb-0x20] = l
	}
	return tb
}

// Flags of the encodings that may decode a Windows-1252 byte to something
// else than its Windows-1252 rune.
const (
	flagTCVN3 uint8 = 1 << iota
	flagVNI
	flagMojibake
)

// legacyFlags holds the flags of each byte.
var legacyFlags = buildLegacyFlags()

func buildLegacyFlags() *[256]uint8 {
	var fl [256]uint8
	for b := 0x80; b < 0x100; b++ {
		r := cp1252Rune(byte(b))
		if d := tcvn3Decode[b]; d != 0 && d != r {
			fl[b] |= flagTCVN3
		}
		if l := vni.singleOf[b]; vni.isMark[b] || (l.base != 0 && l.rune() != r) {
			fl[b] |= flagVNI
		}
		if b < 0xC0 || (b >= 0xC2 && b <= 0xF4) {
			fl[b] |= flagMojibake // a UTF-8 continuation or lead byte
		}
	}
	return &fl
}

// encodingFlag returns the flag of e.
func encodingFlag(e Encoding) uint8 {
	switch e {
	case TCVN3:
		return flagTCVN3
	case VNI:
		return flagVNI
	case Mojibake:
		return flagMojibake
	}
	return 0
}
