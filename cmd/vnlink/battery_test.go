package main

import (
	"bytes"
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/vnlink/vnlink/normalize"
)

// batteryHeader are the columns of the generated battery files.
var batteryHeader = []string{"record_id", "ho_ten", "ngay_sinh", "gioi_tinh", "so_cccd", "dia_chi"}

// batteryPerson returns the cells of generated person i: distinct names,
// dates, ID numbers and addresses, every one of them four characters or
// more except the sex.
func batteryPerson(i int) []string {
	family := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"}
	middle := []string{"Văn", "Thị", "Hữu", "Minh", "Thu", "Đức", "Ngọc", "Quang"}
	given := []string{"Quảng", "Hường", "Hạnh", "Khôi", "Thắng", "Bích", "Tuấn", "Lan", "Dũng", "Hoa", "Phương", "Sơn", "Yến"}
	hamlet := []string{"Thôn Đông", "Thôn Đoài", "Thôn Bắc", "Xóm Mới", "Tổ 5"}
	sex := []string{"Nam", "Nữ"}[i%2]
	return []string{
		fmt.Sprintf("BN%05d", i+1),
		family[i%len(family)] + " " + middle[(i/10)%len(middle)] + " " + given[(i/80)%len(given)],
		fmt.Sprintf("%02d/%02d/%d", 1+i%28, 1+(i/28)%12, 1940+(i/336)%70),
		sex,
		fmt.Sprintf("001%d%02d%06d", i%2, (40+(i/336)%70)%100, i+1),
		fmt.Sprintf("%s, xã Ngọc Hồi, thành phố Hà Nội", hamlet[i%len(hamlet)]),
	}
}

// batteryRows returns n generated people.
func batteryRows(n int) [][]string {
	out := make([][]string, n)
	for i := range out {
		out[i] = batteryPerson(i)
	}
	return out
}

// joinRows writes rows as delimited text, quoting a cell only when it
// holds the delimiter (so that a quote inside a cell stays bare).
func joinRows(delim string, rows ...[]string) string {
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			if i > 0 {
				b.WriteString(delim)
			}
			if strings.Contains(c, delim) {
				c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			b.WriteString(c)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// A batteryCase is one bad input file.
type batteryCase struct {
	name string
	file string // file name, for its extension
	data []byte
	// rows are the data rows a command must write back when it succeeds.
	rows int
	// in is the number of data rows written into the file, -1 for none
	// (junk); 0 means rows.
	in int
	// personal are the values that must never reach a message or a
	// summary.
	personal []string
	// exit is the documented exit status of each command, by name;
	// "*" for the others.
	exit map[string]int
}

func (c *batteryCase) exitOf(cmd string) int {
	if e, ok := c.exit[cmd]; ok {
		return e
	}
	return c.exit["*"]
}

// personalCells returns the cells of rows worth looking for: four
// characters or more, not a column name, as written, canonical and folded.
func personalCells(rows ...[]string) []string {
	var out []string
	for _, r := range rows {
		for _, c := range r {
			if slices.Contains(batteryHeader, c) {
				continue
			}
			for _, v := range []string{c, normalize.Text(c), normalize.Fold(c)} {
				if len([]rune(v)) >= 4 && !slices.Contains(out, v) {
					out = append(out, v)
				}
			}
		}
	}
	return out
}

// batteryCases builds the battery of bad files.
func batteryCases(t testing.TB) []batteryCase {
	var cases []batteryCase
	add := func(c batteryCase) { cases = append(cases, c) }
	ok := map[string]int{"*": 0}
	failed := map[string]int{"*": 1}

	people := batteryRows(40)
	// The first record holds "ho_ten" in a cell, as a note column might.
	headless := slices.Clone(people)
	headless[0] = slices.Clone(people[0])
	headless[0][3] = "ho_ten"
	add(batteryCase{name: "no header row, first record holds ho_ten", file: "headless.csv",
		data: []byte(joinRows(",", headless...)), in: 40, personal: personalCells(headless...), exit: failed})

	big := batteryRows(5000)
	var tsv strings.Builder
	tsv.WriteString(strings.Join(batteryHeader, "\t") + "\n")
	for i, r := range big {
		if i+2 == 101 { // line 101: a stray quote opens the name field
			r = slices.Clone(r)
			r[1] = `"` + r[1]
		}
		tsv.WriteString(strings.Join(r, "\t") + "\n")
	}
	add(batteryCase{name: "TSV, 5,000 rows, stray quote at line 101", file: "stray.tsv", data: []byte(tsv.String()),
		rows: 5000, personal: personalCells(big...), exit: map[string]int{"*": 3}})

	bare := batteryRows(40)
	bare[7] = slices.Clone(bare[7])
	bare[7][1] = `Nguyễn Văn "Tí"`
	add(batteryCase{name: "bare quotes inside a field", file: "bare.csv", data: []byte(joinRows(",", append([][]string{batteryHeader}, bare...)...)),
		rows: 40, personal: personalCells(bare...), exit: ok})

	ragged := batteryRows(40)
	ragged[3] = ragged[3][:2]
	ragged[9] = append(slices.Clone(ragged[9]), "Ghi chú thừa")
	add(batteryCase{name: "ragged rows (short and long)", file: "ragged.csv", data: []byte(joinRows(",", append([][]string{batteryHeader}, ragged...)...)),
		rows: 40, personal: personalCells(ragged...), exit: map[string]int{"*": 0, "reconcile": 3}})

	add(batteryCase{name: "empty file", file: "empty.csv", exit: failed})
	add(batteryCase{name: "header only", file: "header.csv", data: []byte(joinRows(",", batteryHeader)),
		exit: map[string]int{"explain": 1, "*": 0}})

	junk := make([]byte, 4096)
	for i := range junk {
		junk[i] = byte((i*7919 + 13) % 251)
	}
	add(batteryCase{name: "binary junk", file: "junk.csv", data: junk, in: -1, personal: junkWords(junk), exit: failed})

	u16rows := batteryRows(40)
	add(batteryCase{name: "UTF-16 LE with BOM", file: "utf16.csv", data: utf16LEBytes(joinRows(",", append([][]string{batteryHeader}, u16rows...)...)),
		rows: 40, personal: personalCells(u16rows...), exit: ok})

	huge := batteryRows(40)
	huge[5] = slices.Clone(huge[5])
	huge[5][5] = strings.Repeat("Thôn Đông xã Ngọc Hồi ", 4000) // about 100 KB, over the 64 KiB cell limit
	add(batteryCase{name: "cell over the table limit", file: "hugecell.csv", data: []byte(joinRows(",", append([][]string{batteryHeader}, huge...)...)),
		in: 40, personal: personalCells(huge...), exit: failed})

	wide := batteryRows(40)
	wide[2] = slices.Clone(wide[2])
	for i := range 1100 {
		wide[2] = append(wide[2], fmt.Sprintf("Giá trị %d", i))
	}
	add(batteryCase{name: "too many columns", file: "wide.csv", data: []byte(joinRows(",", append([][]string{batteryHeader}, wide...)...)),
		in: 40, personal: personalCells(wide...), exit: failed})

	add(sharedStringBomb(t))

	rep := batteryRows(40)
	repHeader := []string{"record_id", "ho_ten", "ngay_sinh", "gioi_tinh", "so_cccd", "ho_ten"}
	rep[20] = slices.Clone(rep[20])
	rep[20][0] = rep[10][0] // a repeated record id too
	add(batteryCase{name: "repeated header names and ids", file: "repeated.csv", data: []byte(joinRows(",", append([][]string{repHeader}, rep...)...)),
		rows: 40, personal: personalCells(rep...), exit: ok})

	title := batteryRows(40)
	add(batteryCase{name: "title row above the header", file: "title.csv",
		data: []byte("DANH SÁCH NGƯỜI BỆNH TRẠM Y TẾ\n" + joinRows(",", append([][]string{batteryHeader}, title...)...)),
		rows: 40, personal: personalCells(title...), exit: ok})
	return cases
}

// junkWords returns the runs of four bytes or more of junk, as text.
func junkWords(b []byte) []string {
	var out []string
	for i := 0; i+8 <= len(b); i += 97 {
		out = append(out, string(b[i:i+8]))
	}
	return out
}

// utf16LEBytes encodes s as UTF-16 LE with a byte-order mark.
func utf16LEBytes(s string) []byte {
	b := []byte{0xff, 0xfe}
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			hi, lo := 0xd800+(r>>10), 0xdc00+(r&0x3ff)
			b = append(b, byte(hi), byte(hi>>8), byte(lo), byte(lo>>8))
			continue
		}
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

// sharedStringBomb is a small workbook whose rows all refer to one shared
// string of Excel's longest, 32,767 characters (39 KB): 30,000 rows expand
// to 1.2 GB of cells, over the table limit.
func sharedStringBomb(t testing.TB) batteryCase {
	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetRow("Sheet1", "A1", &[]any{"ho_ten", "ngay_sinh", "ghi_chu"}))
	long := strings.Repeat("Nguyễn Văn Bom ", 60000/len("Nguyễn Văn Bom "))
	for r := 2; r <= 30001; r++ {
		require.NoError(t, f.SetCellValue("Sheet1", fmt.Sprintf("A%d", r), "Trần Thị Bom"))
		require.NoError(t, f.SetCellValue("Sheet1", fmt.Sprintf("C%d", r), long))
	}
	var b bytes.Buffer
	require.NoError(t, f.Write(&b))
	return batteryCase{name: "xlsx, every row refers to one huge shared string", file: "bomb.xlsx", data: b.Bytes(), in: 30000,
		personal: []string{"Trần Thị Bom", "Nguyễn Văn Bom"}, exit: map[string]int{"*": 1}}
}

// TestBadInputBattery runs every command on every bad file: no personal
// value reaches standard output, the log, the -json or the -html file; the
// exit status is the documented one; a command that writes its output
// writes every input row. With -v it logs one line per run.
func TestBadInputBattery(t *testing.T) {
	if testing.Short() {
		t.Skip("the battery runs every command on 13 files")
	}
	dir := t.TempDir()
	regRows := batteryRows(30)
	registry := writeFile(t, dir, "registry.csv", joinRows(",", append([][]string{batteryHeader}, regRows...)...))
	regPersonal := personalCells(regRows...)
	var report []string
	report = append(report, "| input | command | exit | rows in | rows out | elapsed |", "|---|---|---:|---:|---:|---:|")
	for ci, c := range batteryCases(t) {
		in := filepath.Join(dir, fmt.Sprintf("%02d-%s", ci, c.file))
		require.NoError(t, os.WriteFile(in, c.data, 0o600))
		for _, cmd := range []string{"clean", "dedupe", "link", "reconcile", "explain"} {
			t.Run(c.name+"/"+cmd, func(t *testing.T) {
				runDir := filepath.Join(dir, fmt.Sprintf("%02d-%s", ci, cmd))
				require.NoError(t, os.Mkdir(runDir, 0o700))
				out := filepath.Join(runDir, "out.csv")
				jsonFile, htmlFile := filepath.Join(runDir, "summary.json"), filepath.Join(runDir, "report.html")
				var args []string
				switch cmd {
				case "clean", "dedupe":
					args = []string{cmd, "-in", in, "-out", out, "-json", jsonFile, "-html", htmlFile}
				case "link":
					args = []string{cmd, "-left", in, "-right", registry, "-out", out, "-json", jsonFile, "-html", htmlFile}
				case "reconcile":
					out = filepath.Join(runDir, "lists")
					jsonFile, htmlFile = filepath.Join(out, fileSummary), filepath.Join(out, fileReport)
					args = []string{cmd, "-registry", registry, "-ehr", in, "-out", out}
				case "explain":
					args = []string{cmd, "-in", in, "-pair", "1,2"}
				}
				args = append(args, "-today", today)
				if cmd != "clean" {
					args = append(args, "-workers", "2")
				}
				var stdout, stderr bytes.Buffer
				start := time.Now()
				code := run(args, &stdout, &stderr)
				elapsed := time.Since(start)

				texts := map[string]string{"stdout": stdout.String(), "stderr": stderr.String()}
				for _, name := range []string{jsonFile, htmlFile} {
					if b, err := os.ReadFile(name); err == nil {
						texts[filepath.Base(name)] = string(b)
					}
				}
				for where, text := range texts {
					for _, v := range slices.Concat(c.personal, regPersonal) {
						if strings.Contains(text, v) {
							t.Errorf("%s holds an input value (%d characters)", where, len([]rune(v)))
						}
					}
				}
				assert.Equal(t, c.exitOf(cmd), code, "exit status; log:\n%s", truncate(stderr.String(), 2000))

				rowsOut := -1
				if code == 0 || code == 3 {
					rowsOut = batteryRowsOut(t, cmd, out, len(regRows))
					if rowsOut >= 0 {
						assert.Equal(t, c.rows, rowsOut, "rows written")
					}
				}
				rowsOutText := "-"
				if rowsOut >= 0 {
					rowsOutText = fmt.Sprint(rowsOut)
				}
				rowsIn := fmt.Sprint(cmp.Or(c.in, c.rows))
				if c.in < 0 {
					rowsIn = "-"
				}
				report = append(report, fmt.Sprintf("| %s | %s | %d | %s | %s | %s |",
					c.name, cmd, code, rowsIn, rowsOutText, elapsed.Round(time.Millisecond)))
			})
		}
	}
	t.Log("bad-input battery:\n" + strings.Join(report, "\n"))
}

// batteryRowsOut counts the input rows a command wrote: the rows of the
// output of clean and dedupe, the left rows of link, the EHR rows of the
// reconcile's list of every row; -1 for explain, which writes no rows.
func batteryRowsOut(t *testing.T, cmd, out string, registryRows int) int {
	t.Helper()
	switch cmd {
	case "clean", "dedupe":
		return len(readCSVFile(t, out).Rows)
	case "link":
		n := 0
		for _, s := range column(t, readCSVFile(t, out), "status") {
			if s != tr(statusRightOnly) {
				n++
			}
		}
		return n
	case "reconcile":
		return len(readCSVFile(t, filepath.Join(out, fileRows)).Rows) - registryRows
	}
	return -1
}

// truncate cuts s to n bytes for a test message.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
