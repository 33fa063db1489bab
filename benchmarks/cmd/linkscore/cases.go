package main

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/vnlink/vnlink/linkage"
)

// hardCases holds the hard cases of synthgen's hard_cases.csv (header
// file,record_id,hard_case) for the ehr records: the case names, and for
// each ehr record (truth order) a bit set of its cases.
type hardCases struct {
	names []string
	ehr   []uint32
}

// readCases reads the hard cases of the ehr records; rows of the other
// files are skipped. An ehr id not in the truth is an error naming the line.
func readCases(path string, t *truth) (*hardCases, error) {
	f, cr, cols, err := openCSV(path, []string{"file"}, []string{"record_id"}, []string{"hard_case"})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	hc := &hardCases{ehr: make([]uint32, len(t.ehrLabel))}
	var readErr error
	for rec, line := range dataRows(cr, path, cols, &readErr) {
		if rec[cols[0]] != "ehr" {
			continue
		}
		i := t.ehr.find(rec[cols[1]])
		if i < 0 {
			return nil, fileError(path, line, errors.New("record id is not an ehr record of the truth"))
		}
		k := slices.Index(hc.names, rec[cols[2]])
		if k < 0 {
			if len(hc.names) == 32 {
				return nil, fileError(path, line, errors.New("more than 32 hard cases"))
			}
			k = len(hc.names)
			hc.names = append(hc.names, rec[cols[2]])
		}
		hc.ehr[i] |= 1 << k
	}
	if readErr != nil {
		return nil, readErr
	}
	return hc, nil
}

// caseFigures are the figures of one hard case over the ehr records that
// have it.
type caseFigures struct {
	Case    string `json:"case"`
	Records int    `json:"ehr_records"`
	// Dedupe: the true pairs with a record of the case, those in one
	// predicted cluster, and the predicted pairs of two different people
	// with a record of the case.
	TruePairs  int64   `json:"true_pairs,omitempty"`
	FoundPairs int64   `json:"found_pairs,omitempty"`
	FalsePairs int64   `json:"false_pairs,omitempty"`
	PairRecall float64 `json:"pair_recall,omitempty"`
	// Link: the records of the case whose person is in the registry,
	// those linked to that person, and the links from records of the case
	// to another person.
	WithPartner int     `json:"with_registry_partner,omitempty"`
	LinkedRight int     `json:"linked_right,omitempty"`
	LinkedWrong int     `json:"linked_wrong,omitempty"`
	LinkRecall  float64 `json:"link_recall,omitempty"`
}

// newCaseFigures returns one caseFigures per case, with its record count.
func (hc *hardCases) newCaseFigures() []caseFigures {
	out := make([]caseFigures, len(hc.names))
	for k, n := range hc.names {
		out[k].Case = n
	}
	for _, bits := range hc.ehr {
		for k := range out {
			if bits&(1<<k) != 0 {
				out[k].Records++
			}
		}
	}
	return out
}

// dedupe adds the dedupe figures of the rows (ehr indices) with their
// predicted and true labels to out.
func (hc *hardCases) dedupe(out []caseFigures, rows, predicted, actual []int32) {
	// each pairs up the rows in groups of equal key and calls f on each
	// pair of positions.
	each := func(key []int32, f func(x, y int)) {
		order := make([]int32, len(key))
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortFunc(order, func(a, b int32) int { return int(key[a]) - int(key[b]) })
		for lo := 0; lo < len(order); {
			hi := lo + 1
			for hi < len(order) && key[order[hi]] == key[order[lo]] {
				hi++
			}
			for x := lo; x < hi; x++ {
				for y := x + 1; y < hi; y++ {
					f(int(order[x]), int(order[y]))
				}
			}
			lo = hi
		}
	}
	add := func(x, y int, to func(k int)) {
		bits := hc.ehr[rows[x]] | hc.ehr[rows[y]]
		for k := range out {
			if bits&(1<<k) != 0 {
				to(k)
			}
		}
	}
	each(actual, func(x, y int) {
		add(x, y, func(k int) {
			out[k].TruePairs++
			if predicted[x] == predicted[y] {
				out[k].FoundPairs++
			}
		})
	})
	each(predicted, func(x, y int) {
		if actual[x] != actual[y] {
			add(x, y, func(k int) { out[k].FalsePairs++ })
		}
	})
	for k := range out {
		out[k].PairRecall = share(out[k].FoundPairs, out[k].TruePairs)
	}
}

// link adds the link figures of links (A an ehr index, B a registry index)
// to out.
func (hc *hardCases) link(out []caseFigures, links []linkage.Pair, t *truth) {
	inRegistry := make(map[int32]bool, len(t.registryLabel))
	for _, l := range t.registryLabel {
		inRegistry[l] = true
	}
	right := make([]bool, len(t.ehrLabel))
	for _, l := range links {
		a, b := l.A, l.B
		ok := t.ehrLabel[a] == t.registryLabel[b]
		right[a] = right[a] || ok
		for k := range out {
			if hc.ehr[a]&(1<<k) != 0 && !ok {
				out[k].LinkedWrong++
			}
		}
	}
	for i, bits := range hc.ehr {
		if bits == 0 || !inRegistry[t.ehrLabel[i]] {
			continue
		}
		for k := range out {
			if bits&(1<<k) != 0 {
				out[k].WithPartner++
				if right[i] {
					out[k].LinkedRight++
				}
			}
		}
	}
	for k := range out {
		out[k].LinkRecall = share(int64(out[k].LinkedRight), int64(out[k].WithPartner))
	}
}

func share(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// writeCases writes one line per case.
func writeCases(w io.Writer, cases []caseFigures, dedupe, link bool) {
	for _, c := range cases {
		fmt.Fprintf(w, "case %s: ehr records %d", c.Case, c.Records)
		if dedupe {
			fmt.Fprintf(w, "  dedupe true pairs %d found %d (R %.5f) false pairs %d", c.TruePairs, c.FoundPairs, c.PairRecall, c.FalsePairs)
		}
		if link {
			fmt.Fprintf(w, "  link with partner %d linked right %d (R %.5f) linked wrong %d", c.WithPartner, c.LinkedRight, c.LinkRecall, c.LinkedWrong)
		}
		fmt.Fprintln(w)
	}
}
