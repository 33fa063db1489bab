package synth_test

import (
	"bytes"
	"fmt"
	"os"

	"github.com/vnlink/vnlink/benchmarks/synth"
)

// A tiny commune written as CSV: the clean police registry and the truth
// file that maps every row to its person.
func ExampleWriteCSV() {
	cfg := synth.DefaultConfig()
	cfg.People = 3
	cfg.Gone = 0
	cfg.EHRCoverage = 0
	cfg.BHYT = false
	var truth bytes.Buffer
	if _, err := synth.WriteCSV(cfg, synth.Outputs{Registry: os.Stdout, Truth: &truth}); err != nil {
		fmt.Println(err)
	}
	fmt.Print(truth.String())
	// Output:
	// record_id,ho_va_ten,ngay_sinh,gioi_tinh,so_dinh_danh,so_cmnd,dan_toc,so_dien_thoai,ma_ho,noi_thuong_tru
	// R00000001,Nguyễn Văn Hải,14/10/1967,Nam,036067070976,018626014,Kinh,0966150465,H00000001,"Thôn Đoài, xã Ngọc Hồi, thành phố Hà Nội"
	// R00000002,Nguyễn Kim Hồng,23/01/1965,Nữ,001165439924,012517321,Kinh,0381026396,H00000001,"Thôn Đoài, xã Ngọc Hồi, thành phố Hà Nội"
	// R00000003,Nguyễn Thị Yến,27/08/1992,Nữ,001192305797,016408628,Kinh,0341653522,H00000001,"Thôn Đoài, xã Ngọc Hồi, thành phố Hà Nội"
	// file,record_id,person_id
	// registry,R00000001,P00000000
	// registry,R00000002,P00000001
	// registry,R00000003,P00000002
}

// Generate streams every row with its person; here it counts the rows of
// a commune of 10,000 people.
func ExampleGenerate() {
	cfg := synth.DefaultConfig()
	cfg.People = 10_000
	rows := map[synth.File]int{}
	_, st, err := synth.Generate(cfg, func(r *synth.Record) error {
		rows[r.File]++
		return nil
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rows[synth.Registry] == st.People, rows[synth.EHR] == st.EHRRows)
	fmt.Printf("covered %.2f, duplicated %.2f\n",
		float64(st.EHRCovered)/float64(st.People), float64(st.EHRDuplicated)/float64(st.EHRCovered))
	// Output:
	// true true
	// covered 0.88, duplicated 0.06
}

// Every CCCD number agrees with the person's sex and birth year.
func ExamplePerson_NationalID() {
	cfg := synth.DefaultConfig()
	cfg.People = 100
	pop, err := synth.NewPopulation(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	p := &pop.People[1]
	id := p.NationalID()
	fmt.Println(p.FullName(), p.BirthDate(), p.Sex == synth.Female)
	fmt.Println("province", id[:3], "sex/century", id[3:4], "year", id[4:6])
	// Output:
	// Nguyễn Kim Hồng 23/01/1965 true
	// province 001 sex/century 1 year 65
}

// Validate reports every problem of a configuration at once.
func ExampleConfig_Validate() {
	cfg := synth.DefaultConfig()
	cfg.People = 0
	cfg.EHRNoise.Typo = 2
	fmt.Println(cfg.Validate())
	// Output:
	// synth: invalid config: People must be between 1 and 10000000; EHRNoise.Typo must be in [0, 1]
}

// Record.Corrupted tells which fields the noise damaged and how; here the
// BHYT list of a small commune where only the birth dates are damaged
// (a year-only date is a missing day, another format a change of form).
func ExampleRecord_corrupted() {
	cfg := synth.DefaultConfig()
	cfg.People = 200
	cfg.EHRCoverage = 0
	cfg.BHYTNoise = synth.Noise{YearOnly: 0.1, DateFormat: 0.3}
	kinds := map[string]int{}
	_, _, err := synth.Generate(cfg, func(r *synth.Record) error {
		if r.File != synth.BHYT {
			return nil
		}
		for _, c := range r.Corrupted {
			kinds[c.Field+" "+c.Kind.String()+" "+c.Cause]++
		}
		return nil
	})
	if err != nil {
		fmt.Println(err)
	}
	fmt.Println(len(kinds), kinds["birth_date missing YearOnly"] > 0, kinds["birth_date form DateFormat"] > 0)
	// Output:
	// 2 true true
}

// Record.Hard flags the rows of the hard cases, such as twins.
func ExampleHardCase() {
	cfg := synth.DefaultConfig()
	cfg.People = 5000
	twins := 0
	_, st, err := synth.Generate(cfg, func(r *synth.Record) error {
		if r.File == synth.Registry && r.Hard.Has(synth.HardTwin) {
			twins++
		}
		return nil
	})
	if err != nil {
		fmt.Println(err)
	}
	fmt.Println(twins == 2*st.TwinPairs, (synth.HardTwin | synth.HardParentCCCD).String())
	// Output:
	// true twin|parent_cccd
}
