package normalize

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"strconv"
)

// The table format of WriteTable and ReadAdminUnitsTable is a gzip stream
// (best compression, no name, no time) of:
//
//	magic "vnlink-adminunits", version uvarint (1)
//	unit types: count, then per type its word and its level name
//	current provinces: count, codes, names, types
//	current units: count, codes, names, types, provinces
//	old provinces: count, codes, names, types, the current provinces of each (bit set)
//	old districts: count, codes, names, types, provinces
//	old communes: count, codes, names, types, provinces, districts + 1
//	split targets: per old commune, a count and the current units (zigzag deltas)
//	island districts: count, then pairs (old district, current unit)
//
// Integers are unsigned varints; a string is its length and its bytes; a
// code of n digits is n<<1|1 and the zigzag delta of its value from the
// previous code of the column, any other code n<<1 and its bytes. Columns
// (all codes, then all names...) compress better than rows. Unit types are
// stored by word and level, not by number, so that renumbering UnitType
// does not silently change the meaning of a table. Names are the
// canonical display names; folded keys and indexes are rebuilt on
// reading.
const auTableMagic = "vnlink-adminunits"

// auTableVersion is the version of the table format.
const auTableVersion = 1

// auMaxTableSize bounds the decompressed size ReadAdminUnitsTable accepts.
const auMaxTableSize = 64 << 20

// WriteTable writes u to w in the compact table format that
// ReadAdminUnitsTable reads, the format of the table built into the
// package (DefaultUnits). The output depends only on the contents of u:
// the same index always gives the same bytes.
func (u *AdminUnits) WriteTable(w io.Writer) error {
	if u == nil {
		u = &AdminUnits{}
	}
	var e auEncoder
	e.raw(auTableMagic)
	e.uint(auTableVersion)

	types := make(map[UnitType]uint64)
	var typeList []UnitType
	see := func(t UnitType) {
		if _, ok := types[t]; !ok {
			types[t] = uint64(len(typeList))
			typeList = append(typeList, t)
		}
	}
	for _, p := range u.curProv {
		see(p.typ)
	}
	for _, w := range u.cur {
		see(w.typ)
	}
	for _, p := range u.oldProv {
		see(p.typ)
	}
	for _, d := range u.oldDist {
		see(d.typ)
	}
	for _, w := range u.old {
		see(w.typ)
	}
	e.uint(uint64(len(typeList)))
	for _, t := range typeList {
		e.str(t.String())
		e.str(t.Level().String())
	}

	provs := func(ps []auProv) {
		e.uint(uint64(len(ps)))
		e.codes(len(ps), func(i int) string { return ps[i].code })
		for _, p := range ps {
			e.str(p.name)
		}
		for _, p := range ps {
			e.uint(types[p.typ])
		}
	}
	units := func(ws []auUnit, withDist bool) {
		e.uint(uint64(len(ws)))
		e.codes(len(ws), func(i int) string { return ws[i].code })
		for _, w := range ws {
			e.str(w.name)
		}
		for _, w := range ws {
			e.uint(types[w.typ])
		}
		for _, w := range ws {
			e.uint(uint64(w.prov))
		}
		if withDist {
			for _, w := range ws {
				e.uint(uint64(w.dist + 1))
			}
		}
	}
	provs(u.curProv)
	units(u.cur, false)
	provs(u.oldProv)
	for i := range u.oldProv {
		var m uint64
		if i < len(u.oldToCur) {
			m = u.oldToCur[i]
		}
		e.uint(m)
	}
	e.uint(uint64(len(u.oldDist)))
	e.codes(len(u.oldDist), func(i int) string { return u.oldDist[i].code })
	for _, d := range u.oldDist {
		e.str(d.name)
	}
	for _, d := range u.oldDist {
		e.uint(types[d.typ])
	}
	for _, d := range u.oldDist {
		e.uint(uint64(d.prov))
	}
	units(u.old, true)
	prev := int64(0)
	for i := range u.old {
		to := u.splitTo[u.splitOff[i]:u.splitOff[i+1]]
		e.uint(uint64(len(to)))
		for _, ci := range to {
			e.int(int64(ci) - prev)
			prev = int64(ci)
		}
	}
	e.uint(uint64(len(u.distTo)))
	for _, d := range u.distTo {
		e.uint(uint64(d.dist))
		e.uint(uint64(d.cur))
	}

	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(e.b); err != nil {
		return err
	}
	return zw.Close()
}

// ReadAdminUnitsTable reads an index written by WriteTable. A stream that
// is not gzip, not a table of this format or version, or inconsistent
// (an index out of range, a unit type this package does not know) gives
// a *ParseError wrapping ErrSyntax; an error of r is returned as it is.
// It accepts at most 64 MiB of decompressed table.
func ReadAdminUnitsTable(r io.Reader) (*AdminUnits, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		if auCorrupt(err) {
			return nil, auTableError("not a gzip stream")
		}
		return nil, err
	}
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(zr, auMaxTableSize+1))
	if err != nil {
		if auCorrupt(err) {
			return nil, auTableError("corrupt gzip stream")
		}
		return nil, err
	}
	if n > auMaxTableSize {
		return nil, auTableError("table larger than 64 MiB")
	}
	return decodeAdminUnitsTable(buf.Bytes())
}

// auCorrupt reports whether err of the gzip reader means a corrupt
// stream, as opposed to an error of the underlying reader.
func auCorrupt(err error) bool {
	var ce flate.CorruptInputError
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, gzip.ErrHeader) || errors.Is(err, gzip.ErrChecksum) || errors.As(err, &ce)
}

// auTableError returns a *ParseError of ReadAdminUnitsTable.
func auTableError(reason string) error {
	return parseError("ReadAdminUnitsTable", ErrSyntax, reason)
}

// decodeAdminUnitsTable decodes the decompressed table b.
func decodeAdminUnitsTable(b []byte) (*AdminUnits, error) {
	d := auDecoder{s: string(b)} // one copy: names and codes are substrings of it
	if !d.rawIs(auTableMagic) {
		return nil, auTableError("not an administrative-unit table")
	}
	if v := d.uint(); d.err == nil && v != auTableVersion {
		return nil, auTableError("table version " + strconv.FormatUint(v, 10) + ", want " + strconv.Itoa(auTableVersion))
	}
	nTypes := d.count()
	types := make([]UnitType, 0, nTypes)
	for range nTypes {
		word, level := d.str(), d.str()
		t, ok := auUnitTypeByName(word, level)
		if !ok && d.err == nil {
			d.fail("unknown unit type")
		}
		types = append(types, t)
	}
	typ := func() UnitType {
		i := d.index(len(types))
		if d.err != nil {
			return UnitNone
		}
		return types[i]
	}

	u := &AdminUnits{
		curByName: make(map[string][]int32),
		oldByName: make(map[string][]int32),
		curByCode: make(map[string]int32),
		oldByCode: make(map[string]int32),
	}
	provs := func() []auProv {
		n := d.count()
		if n > 64 && d.err == nil {
			d.fail("more than 64 provinces in a list")
		}
		ps := make([]auProv, n)
		codes := d.codes(n)
		for i := range ps {
			ps[i].code = codes[i]
		}
		for i := range ps {
			ps[i].name = d.str()
			ps[i].fold = addrFold(ps[i].name)
		}
		for i := range ps {
			ps[i].typ = typ()
		}
		return ps
	}
	units := func(nProv int, dists []auDist) []auUnit {
		n := d.count()
		ws := make([]auUnit, n)
		codes := d.codes(n)
		for i := range ws {
			ws[i].code = codes[i]
			ws[i].dist = -1
		}
		for i := range ws {
			ws[i].name = d.str()
		}
		for i := range ws {
			ws[i].typ = typ()
		}
		for i := range ws {
			ws[i].prov = int32(d.index(nProv))
		}
		if dists != nil {
			for i := range ws {
				ws[i].dist = int32(d.index(len(dists)+1)) - 1
			}
		}
		return ws
	}

	u.curProv = provs()
	u.cur = units(len(u.curProv), nil)
	u.oldProv = provs()
	u.oldToCur = make([]uint64, len(u.oldProv))
	for i := range u.oldToCur {
		u.oldToCur[i] = d.uint()
		if u.oldToCur[i]>>len(u.curProv) != 0 && d.err == nil {
			d.fail("province mapping to a province out of range")
		}
	}
	nDist := d.count()
	u.oldDist = make([]auDist, nDist)
	codes := d.codes(nDist)
	for i := range u.oldDist {
		u.oldDist[i].code = codes[i]
	}
	for i := range u.oldDist {
		u.oldDist[i].name = d.str()
		u.oldDist[i].fold = addrFold(u.oldDist[i].name)
	}
	for i := range u.oldDist {
		u.oldDist[i].typ = typ()
	}
	for i := range u.oldDist {
		u.oldDist[i].prov = int32(d.index(len(u.oldProv)))
	}
	u.old = units(len(u.oldProv), u.oldDist)
	if d.err != nil {
		return nil, d.err
	}

	u.splitOff = make([]int32, len(u.old)+1)
	prev := int64(0)
	for i := range u.old {
		u.splitOff[i] = int32(len(u.splitTo))
		for range d.count() {
			ci := prev + d.int()
			if ci < 0 || ci >= int64(len(u.cur)) {
				if d.err == nil {
					d.fail("split target out of range")
				}
				return nil, d.err
			}
			u.splitTo = append(u.splitTo, int32(ci))
			prev = ci
		}
	}
	u.splitOff[len(u.old)] = int32(len(u.splitTo))
	nIsl := d.count()
	for range nIsl {
		u.distTo = append(u.distTo, auDistTo{int32(d.index(len(u.oldDist))), int32(d.index(len(u.cur)))})
	}
	if d.err == nil && d.i != len(d.s) {
		d.fail("trailing bytes")
	}
	if d.err != nil {
		return nil, d.err
	}

	for i := range u.cur {
		w := &u.cur[i]
		w.fold = addrFold(w.name)
		if n, err := strconv.ParseUint(w.code, 10, 32); err == nil {
			w.key = auWardKeyFlag | n
		} else {
			return nil, auTableError("a current unit code is not a number")
		}
		u.curByName[w.fold] = append(u.curByName[w.fold], int32(i))
		u.curByCode[w.code] = int32(i)
	}
	for i := range u.old {
		w := &u.old[i]
		w.fold = addrFold(w.name)
		u.oldByName[w.fold] = append(u.oldByName[w.fold], int32(i))
		u.oldByCode[w.code] = int32(i)
	}
	u.indexProvinces()
	return u, nil
}

// auUnitTypeByName returns the unit type with the given word and level
// name, as WriteTable stores them.
func auUnitTypeByName(word, level string) (UnitType, bool) {
	for t := UnitType(0); t < addrUnitTypeCount; t++ {
		if t.String() == word && t.Level().String() == level {
			return t, true
		}
	}
	return UnitNone, false
}

// auEncoder appends the table encoding to b.
type auEncoder struct{ b []byte }

func (e *auEncoder) raw(s string)  { e.b = append(e.b, s...) }
func (e *auEncoder) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *auEncoder) int(v int64)   { e.b = binary.AppendVarint(e.b, v) }

func (e *auEncoder) str(s string) {
	e.uint(uint64(len(s)))
	e.raw(s)
}

// codes writes a column of n codes, code(i) giving the i-th.
func (e *auEncoder) codes(n int, code func(i int) string) {
	prev := int64(0)
	for i := range n {
		c := code(i)
		if v, ok := auDigits(c); ok {
			e.uint(uint64(len(c))<<1 | 1)
			e.int(v - prev)
			prev = v
			continue
		}
		e.uint(uint64(len(c)) << 1)
		e.raw(c)
	}
}

// auDigits returns the value of a code of 1 to 18 ASCII digits.
func auDigits(c string) (int64, bool) {
	if len(c) == 0 || len(c) > 18 {
		return 0, false
	}
	var v int64
	for i := 0; i < len(c); i++ {
		if c[i] < '0' || c[i] > '9' {
			return 0, false
		}
		v = v*10 + int64(c[i]-'0')
	}
	return v, true
}

// auDecoder reads the table encoding from s. After the first error, every
// read returns a zero value and err keeps that error.
type auDecoder struct {
	s   string
	i   int
	err error
}

func (d *auDecoder) fail(reason string) {
	if d.err == nil {
		d.err = auTableError(reason + " at byte " + strconv.Itoa(d.i))
	}
}

// rawIs reads the bytes s and reports whether they were there.
func (d *auDecoder) rawIs(s string) bool {
	if len(d.s)-d.i < len(s) || d.s[d.i:d.i+len(s)] != s {
		return false
	}
	d.i += len(s)
	return true
}

func (d *auDecoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	var v uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if d.i >= len(d.s) {
			d.fail("truncated table")
			return 0
		}
		c := d.s[d.i]
		d.i++
		if shift == 63 && c > 1 {
			break
		}
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	d.fail("varint overflows 64 bits")
	return 0
}

func (d *auDecoder) int() int64 {
	v := d.uint()
	return int64(v>>1) ^ -int64(v&1)
}

// count reads a number of items, each of at least one byte: it cannot
// exceed the bytes left, which bounds what a corrupt table allocates.
func (d *auDecoder) count() int {
	v := d.uint()
	if v > uint64(len(d.s)-d.i) {
		d.fail("count larger than the table")
		return 0
	}
	return int(v)
}

// index reads an index below n.
func (d *auDecoder) index(n int) int {
	v := d.uint()
	if v >= uint64(n) {
		d.fail("index out of range")
		return 0
	}
	return int(v)
}

func (d *auDecoder) str() string {
	n := d.count()
	if d.err != nil {
		return ""
	}
	s := d.s[d.i : d.i+n]
	d.i += n
	return s
}

// codes reads a column of n codes. The numeric ones are written into one
// buffer and cut from one string: two allocations for the column.
func (d *auDecoder) codes(n int) []string {
	type span struct {
		raw        string
		start, end int
	}
	spans := make([]span, n)
	var digits []byte
	prev := int64(0)
	for i := range spans {
		h := d.uint()
		l := int(h >> 1)
		if d.err != nil {
			break
		}
		if h&1 == 0 {
			if uint64(l) > uint64(len(d.s)-d.i) {
				d.fail("truncated code")
				break
			}
			spans[i].raw = d.s[d.i : d.i+l]
			d.i += l
			continue
		}
		v := prev + d.int()
		prev = v
		if l < 1 || l > 18 || v < 0 || (l < 18 && v >= auPow10[l]) {
			d.fail("code out of range")
			break
		}
		start := len(digits)
		digits = append(digits, make([]byte, l)...)
		for j := len(digits) - 1; j >= start; j-- {
			digits[j] = byte('0' + v%10)
			v /= 10
		}
		spans[i].start, spans[i].end = start, len(digits)
	}
	all := string(digits)
	out := make([]string, n)
	for i, s := range spans {
		if s.end > s.start {
			out[i] = all[s.start:s.end]
		} else {
			out[i] = s.raw
		}
	}
	return out
}

// auPow10[i] is 10 to the power i.
var auPow10 = func() (p [19]int64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()
