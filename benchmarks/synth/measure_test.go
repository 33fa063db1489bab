package synth

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMeasureNoiseRealisedRates checks, on a small commune with the
// default noise, that every observed kind that maps one to one to a Noise
// rate is realised within four binomial standard deviations (plus half a
// point) of that rate. Some kinds are masked by others, and the expected
// share is corrected for it:
//   - the legacy encodings (TCVN3, VNI, mojibake) leave an ASCII name
//     unchanged, so a name with no diacritics hides them: expected rate
//     times (1 - NoDiacritics); the same holds for the new tone placement;
//   - NFD, no diacritics and typos are not compared: NFD is hidden by no
//     diacritics and by the legacy encodings (which exclude it), no
//     diacritics is hidden by the legacy encodings (repaired first, but a
//     few repairs fail), and a typo can be undone by the fold (a → ă) or
//     look like a variant or a dropped middle name;
//   - the Thúy/Thuý and Thủy/Thuỷ variants are the new tone placement
//     itself, so they are counted as tone placement, not as variants;
//   - the date formats, CMND, lost zeros, digit typos, other BHYT cards,
//     old phones, phone formats, old and abbreviated addresses and
//     spellings are drawn after a "missing" draw or among choices that can
//     give the clean string again (d/m/yyyy of the 25th October is
//     dd/mm/yyyy; "nam" lower-cased is a spelling, "Nam" is not), so they
//     are reported but not compared.
func TestMeasureNoiseRealisedRates(t *testing.T) {
	cfg := DefaultConfig()
	cfg.People = 5000
	ehr, bhyt, err := MeasureNoise(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		rep *NoiseReport
		n   Noise
	}{{ehr, cfg.EHRNoise}, {bhyt, cfg.BHYTNoise}} {
		t.Run(tc.rep.File.String(), func(t *testing.T) {
			if tc.rep.Rows < 4000 {
				t.Fatalf("only %d rows", tc.rep.Rows)
			}
			checked := 0
			for _, r := range tc.rep.Rates(&tc.n) {
				if !r.HasConfigured {
					continue
				}
				want := r.Configured
				if r.Field == "name" && (strings.Contains(r.Kind, "DetectEncoding") || r.Kind == "new tone placement") {
					want *= 1 - tc.n.NoDiacritics
				}
				tol := 4*math.Sqrt(math.Max(want*(1-want), 0.001)/float64(r.Of)) + 0.005
				if got := r.Share(); math.Abs(got-want) > tol {
					t.Errorf("%s %s: realised %.4f (%d of %d), want %.4f ± %.4f", r.Field, r.Kind, got, r.N, r.Of, want, tol)
				}
				checked++
			}
			if checked < 10 {
				t.Errorf("only %d kinds compared", checked)
			}
		})
	}
}

// TestMeasureNoiseClean checks that rows generated without noise are
// classified as unchanged in every field, and that no noise kind is seen.
func TestMeasureNoiseClean(t *testing.T) {
	cfg := DefaultConfig()
	cfg.People = 2000
	cfg.EHRNoise, cfg.BHYTNoise = Noise{}, Noise{}
	cfg.NewbornUnderParent = 0
	ehr, bhyt, err := MeasureNoise(cfg)
	if err != nil {
		t.Fatal(err)
	}
	unchanged := map[string]bool{
		"unchanged": true, "unchanged (dd/mm/yyyy, same value)": true, "format dd/mm/yyyy": true,
		"Nam/Nữ": true, "unchanged CCCD": true, "unchanged card": true, "official name": true,
	}
	for _, rep := range []*NoiseReport{ehr, bhyt} {
		t.Run(rep.File.String(), func(t *testing.T) {
			want, got := map[string]int{}, map[string]int{}
			for _, r := range rep.Rates(nil) {
				key := r.Field + ": " + r.Kind
				got[key] = r.N
				if unchanged[r.Kind] {
					want[key] = r.Of
				} else {
					want[key] = 0
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("clean rows not all unchanged (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNoiseReportDeterministic(t *testing.T) {
	cfg := DefaultConfig()
	cfg.People = 1000
	var out [2]string
	for i := range out {
		ehr, bhyt, err := MeasureNoise(cfg)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := ehr.WriteMarkdown(&b, &cfg.EHRNoise); err != nil {
			t.Fatal(err)
		}
		if err := bhyt.WriteMarkdown(&b, &cfg.BHYTNoise); err != nil {
			t.Fatal(err)
		}
		out[i] = b.String()
	}
	if diff := cmp.Diff(out[0], out[1]); diff != "" {
		t.Errorf("two reports differ (-first +second):\n%s", diff)
	}
	if !strings.Contains(out[0], "| national ID | missing |") {
		t.Errorf("report lacks the national ID line:\n%s", out[0])
	}
}

func TestMeasureNoiseInvalidConfig(t *testing.T) {
	cfg := DefaultConfig()
	cfg.People = 0
	if _, _, err := MeasureNoise(cfg); err == nil {
		t.Error("no error for an invalid config")
	}
}

func TestClassifiers(t *testing.T) {
	shapes := []struct{ in, want string }{
		{"05/03/1987", "format dd/mm/yyyy"}, {"5/3/1987", "format d/m/yyyy"},
		{"05-03-1987", "format dd-mm-yyyy"}, {"05.03.1987", "format dd.mm.yyyy"},
		{"1987-03-05", "format yyyy-mm-dd"}, {"19870305", "format yyyymmdd"},
		{"198703050000", "format yyyymmddHHMM (XML1)"}, {"31841", "format Excel serial"},
		{"1987", "year only"}, {"03/1987", "other format"}, {"5/3/87", "other format"},
	}
	for _, tt := range shapes {
		t.Run(tt.in, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, noiseKinds[dateShape(tt.in)].kind); diff != "" {
				t.Errorf("dateShape (-want +got):\n%s", diff)
			}
		})
	}
	apart := []struct {
		a, b string
		want bool
	}{{"123", "124", true}, {"123", "123", false}, {"123", "143", true}, {"123", "1234", false}, {"1/3", "1-3", false}, {"123", "214", false}}
	for _, tt := range apart {
		if got := oneDigitApart(tt.a, tt.b); got != tt.want {
			t.Errorf("oneDigitApart(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	dist := []struct {
		a, b string
		want int
	}{{"", "", 0}, {"hoà", "hòa", 2}, {"lan", "lam", 1}, {"lan", "aln", 2}, {"", "ab", 2}}
	for _, tt := range dist {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func ExampleMeasureNoise() {
	cfg := DefaultConfig()
	cfg.People = 1000
	ehr, _, err := MeasureNoise(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range ehr.Rates(&cfg.EHRNoise) {
		if r.Field == "national ID" && r.Kind == "missing" {
			fmt.Printf("%s rows: %d; national ID missing in %d (configured %.0f%%)\n",
				ehr.File, ehr.Rows, r.N, 100*r.Configured)
		}
	}
	// Output:
	// ehr rows: 972; national ID missing in 203 (configured 20%)
}
