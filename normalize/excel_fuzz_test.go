package normalize

import (
	"errors"
	"testing"
)

// FuzzDateFromExcelSerial checks DateFromExcelSerial on any int: an error
// wrapping ErrRange outside 1..2958465 and for 60, otherwise a full date
// one day after the previous serial's (across 60, two days), flagged as
// an Excel serial.
func FuzzDateFromExcelSerial(f *testing.F) {
	for _, s := range []int{-1, 0, 1, 59, 60, 61, 32966, 2958465, 2958466, 1 << 40} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, serial int) {
		d, err := DateFromExcelSerial(serial)
		if serial < 1 || serial > 2958465 || serial == 60 {
			if !errors.Is(err, ErrRange) {
				t.Fatalf("serial %d: error %v, want ErrRange", serial, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("serial %d: %v", serial, err)
		}
		if d.Flags()&DateExcelSerial == 0 {
			t.Fatalf("serial %d: no DateExcelSerial flag", serial)
		}
		days, ok := d.DaysSinceEpoch()
		if !ok {
			t.Fatalf("serial %d: not a full date", serial)
		}
		prev := serial - 1
		if prev == 60 {
			prev = 59
		}
		if prev < 1 {
			return
		}
		p, err := DateFromExcelSerial(prev)
		if err != nil {
			t.Fatalf("serial %d: %v", prev, err)
		}
		pd, _ := p.DaysSinceEpoch()
		if days-pd != 1 {
			t.Fatalf("serials %d and %d are %d days apart, want 1", prev, serial, days-pd)
		}
	})
}
