package synth

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/normalize"
)

// sixFiles writes the six files of cfg and returns them.
func sixFiles(t *testing.T, cfg Config) [6]*bytes.Buffer {
	t.Helper()
	var b [6]*bytes.Buffer
	for i := range b {
		b[i] = new(bytes.Buffer)
	}
	_, err := WriteCSV(cfg, Outputs{Registry: b[0], EHR: b[1], BHYT: b[2], Truth: b[3], FieldTruth: b[4], HardCases: b[5]})
	require.NoError(t, err)
	return b
}

func sixHashes(t *testing.T, cfg Config) []string {
	t.Helper()
	var out []string
	for _, b := range sixFiles(t, cfg) {
		s := sha256.Sum256(b.Bytes())
		out = append(out, hex.EncodeToString(s[:]))
	}
	return out
}

// TestDefaultSixFilesUnchanged pins all six files of DefaultConfig (50,000
// people) to their hashes before the city mode was added: the city mode
// must not move a single byte of the default output, on which recorded
// figures depend.
func TestDefaultSixFilesUnchanged(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 50,000 people")
	}
	want := []string{
		"7bad7837f8036736586e30a0d57ec9ea18eef2c387bcf9abd257200a5347e36c",
		"7cdea125ffd26af1591747025eeb916c35b3142229b5e1fb60b3561441d7bce2",
		"d8af7e639e2fc5f8b45a45ee637972b4a36da814521cee7386efd4d2217733c7",
		"a8116d6e0fb52533aed7dba1ce78eba0aa3937083ba921dac26f10748f35ba75",
		"c1a044cef18bd68b85257c3f9f1b7760c82ad38cfdb54c15ca3cb1c88e0dbe3a",
		"6369612a7e47b6f8898b54834dfd016bb27a59b734e7da204877c7ea4963d005",
	}
	assert.Equal(t, want, sixHashes(t, DefaultConfig()), "registry, ehr, bhyt, truth, field_truth, hard_cases")
}

func TestCityDeterministic(t *testing.T) {
	cfg := CityConfig(8000, 6)
	a := sixHashes(t, cfg)
	assert.Equal(t, a, sixHashes(t, cfg), "same config, same bytes")
	cfg.Seed = 2
	b := sixHashes(t, cfg)
	for i := range a {
		assert.NotEqual(t, a[i], b[i], "file %d under another seed", i)
	}
	// The city files differ from the single commune's.
	single := DefaultConfig()
	single.People = 8000
	assert.NotEqual(t, a[0], sixHashes(t, single)[0])
}

func TestCityCommunes(t *testing.T) {
	tests := []struct {
		name     string
		communes int
		skew     float64
	}{
		{"dense", 1, 0.8},
		{"twenty zipf 0.8", 20, 0.8},
		{"ten equal", 10, 0},
		{"five zipf 1.5", 5, 1.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := CityConfig(60_000, tt.communes)
			cfg.CommuneSkew = tt.skew
			pop, err := NewPopulation(cfg)
			require.NoError(t, err)
			require.Len(t, pop.Communes, tt.communes)
			assert.Equal(t, "Ngọc Hồi", pop.Communes[0].Name, "xã Ngọc Hồi comes first")
			codes := map[string]bool{}
			units := normalize.DefaultUnits()
			for _, c := range pop.Communes {
				assert.False(t, codes[c.Code], "commune listed twice")
				codes[c.Code] = true
				u, ok := units.Unit(normalize.UnitCode{Code: c.Code, Version: normalize.ListFrom2025})
				require.True(t, ok)
				assert.Equal(t, "Hà Nội", u.Province)
				assert.Equal(t, u.Name, c.Name)
			}
			counts := pop.communeCounts(cfg.People)
			var h float64
			for k := range tt.communes {
				h += math.Pow(float64(k+1), -tt.skew)
			}
			for k, n := range counts {
				want := math.Pow(float64(k+1), -tt.skew) / h
				assert.InDelta(t, want, pop.Communes[k].Share, 1e-12, "planned share %d", k)
				// Households are drawn independently: the realised share is
				// within 5 standard deviations (households of ~3 people).
				sd := math.Sqrt(want*(1-want)/float64(cfg.People)*3) + 1e-9
				assert.InDelta(t, want, float64(n)/float64(cfg.People), 5*sd+0.002, "share of commune %d", k)
			}
			if tt.communes == 20 && tt.skew == 0.8 {
				ratio := float64(counts[0]) / float64(counts[19])
				assert.InDelta(t, math.Pow(20, 0.8), ratio, 3, "largest / smallest commune")
			}
		})
	}
}

// readCSV parses one generated file into rows (header dropped).
func readCSV(t *testing.T, b *bytes.Buffer) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b.Bytes())).ReadAll()
	require.NoError(t, err)
	return rows[1:]
}

// TestCityTruthConsistent checks that every row of every file is in the
// truth and every truth row in its file, that the noise and hard-case
// truths name existing rows, and that there are true duplicate pairs
// across communes (two stations and moved households).
func TestCityTruthConsistent(t *testing.T) {
	cfg := CityConfig(30_000, 12)
	f := sixFiles(t, cfg)
	ids := map[string]bool{}
	for i, file := range []string{"registry", "ehr", "bhyt"} {
		for _, r := range readCSV(t, f[i]) {
			ids[file+"/"+r[0]] = true
		}
	}
	truth := readCSV(t, f[3])
	assert.Len(t, truth, len(ids), "one truth row per row")
	person := map[string]string{}
	orphans := 0
	for _, r := range truth {
		if !ids[r[0]+"/"+r[1]] {
			orphans++
		}
		person[r[0]+"/"+r[1]] = r[2]
	}
	assert.Zero(t, orphans, "truth rows without a file row")
	missing := 0
	for _, r := range readCSV(t, f[4]) {
		if _, ok := person[r[0]+"/"+r[1]]; !ok {
			missing++
		}
	}
	hard := map[string]int{}
	for _, r := range readCSV(t, f[5]) {
		if _, ok := person[r[0]+"/"+r[1]]; !ok {
			missing++
		}
		hard[r[2]]++
	}
	assert.Zero(t, missing, "field_truth and hard_cases rows naming no row")
	assert.Positive(t, hard["moved"])
	assert.Positive(t, hard["two_stations"])
	assert.Positive(t, hard["parent_cccd"])
}

// TestCityCrossCommune generates without noise and checks, row by row,
// where each EHR address points: the registry and BHYT rows carry the
// home in the 2025 form; an EHR row carries the home, the previous home
// of a moved household (written before the move), or the temporary
// address of a second station, in the pre-2025 form exactly when it was
// written before 1 July 2025; and the old form names a commune that
// resolves to the new one.
func TestCityCrossCommune(t *testing.T) {
	cfg := CityConfig(40_000, 15)
	cfg.EHRNoise, cfg.BHYTNoise = Noise{}, Noise{}
	var rows []Record
	pop, st, err := Generate(cfg, func(r *Record) error {
		rows = append(rows, *r)
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, 15, st.Communes)
	assert.Positive(t, st.MovedHouseholds)
	assert.Positive(t, st.MovedRows)
	assert.Positive(t, st.TwoStationRows)
	ehrCommunes := map[int32][]int32{} // person -> communes of the EHR rows
	addressCommune := map[string]int32{}
	for h := range pop.Hamlets {
		for _, old := range []bool{false, true} {
			addressCommune[address(&pop.Hamlets[h], old)] = pop.Hamlets[h].Commune
		}
	}
	var moved, stations, oldForm int
	for i := range rows {
		r := &rows[i]
		p := &pop.People[r.Person]
		home := pop.Households[p.Household].Hamlet
		if r.File != EHR {
			assert.Equal(t, address(&pop.Hamlets[home], false), r.Address, "registry and BHYT: home, 2025 form")
			continue
		}
		old := r.CreatedAt < "2025-07-01"
		if old {
			oldForm++
		}
		want := home
		switch {
		case r.Hard.Has(HardTwoStations):
			stations++
			c, ok := addressCommune[r.Address]
			require.True(t, ok)
			assert.NotEqual(t, pop.Hamlets[home].Commune, c, "second station in another commune")
			ehrCommunes[r.Person] = append(ehrCommunes[r.Person], c)
			assert.Contains(t, r.Corrupted, FieldNoise{Field: FieldAddress, Kind: NoiseValue, Cause: "TwoStations"})
			continue
		case r.Hard.Has(HardMoved):
			moved++
			from, day, ok := pop.MovedFrom(p.Household)
			require.True(t, ok)
			y, m, d := civilFromDays(day)
			assert.Less(t, r.CreatedAt, string(appendDate(nil, dateISO, y, m, d)), "written before the move")
			assert.NotEqual(t, pop.Hamlets[home].Commune, pop.Hamlets[from].Commune)
			assert.Contains(t, r.Corrupted, FieldNoise{Field: FieldAddress, Kind: NoiseOutdated, Cause: "Moved"})
			want = from
		}
		assert.Equal(t, address(&pop.Hamlets[want], old), r.Address)
		ehrCommunes[r.Person] = append(ehrCommunes[r.Person], pop.Hamlets[want].Commune)
	}
	assert.Equal(t, st.MovedRows, moved)
	assert.Equal(t, st.TwoStationRows, stations)
	assert.Positive(t, oldForm)
	// True duplicate pairs across communes.
	var across int
	for _, cs := range ehrCommunes {
		slices.Sort(cs)
		if len(slices.Compact(cs)) > 1 {
			across++
		}
	}
	assert.GreaterOrEqual(t, across, stations, "each second station gives a pair across communes")

	// The old form of every hamlet resolves to its new commune.
	res := normalize.DefaultResolver()
	for h := range pop.Hamlets {
		hm := &pop.Hamlets[h]
		s := address(hm, true)
		assert.True(t, strings.Contains(s, ", "+hm.DistrictType+" "+hm.District+","), "old form names the district")
		a, err := normalize.ParseAddress(s)
		require.NoError(t, err)
		got := res.Resolve(a)
		code := pop.Communes[hm.Commune].Code
		var codes []string
		codes = append(codes, got.Unit.Code.Code)
		for _, c := range got.Candidates {
			codes = append(codes, c.Code.Code)
		}
		assert.Contains(t, codes, code, "old commune of hamlet %d resolves to its new commune", h)
		assert.Equal(t, normalize.ListBefore2025, got.Matched, "hamlet %d", h)
	}
}

func TestCityValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Config)
		want string
	}{
		{"too many communes", func(c *Config) { c.Communes = MaxCommunes() + 1 }, "Communes must be between 0 and"},
		{"negative communes", func(c *Config) { c.Communes = -1 }, "Communes must be between 0 and"},
		{"skew", func(c *Config) { c.CommuneSkew = -0.5 }, "CommuneSkew must be in [0, 4]"},
		{"moved", func(c *Config) { c.Moved = 1.5 }, "Moved must be in [0, 1]"},
		{"two stations", func(c *Config) { c.TwoStations = math.NaN() }, "TwoStations must be in [0, 1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := CityConfig(1000, 3)
			tt.edit(&cfg)
			err := cfg.Validate()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	cfg := CityConfig(1000, MaxCommunes())
	require.NoError(t, cfg.Validate())
	assert.Equal(t, 126, MaxCommunes(), "Hà Nội has 126 commune-level units from 1 July 2025")
}
