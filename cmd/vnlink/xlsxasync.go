package main

import "slices"

// An asyncBook writes the sheets of a workbook on a goroutine of its own,
// in the order they are given, while the caller goes on rendering the
// lists and writing their CSV files: the workbook is the slowest output
// (excelize spends some forty allocations per row), and on two cores the
// two outputs then take about the time of the workbook alone. Rows travel
// in batches through a short channel, so at most a few batches wait in
// memory. An error of the workbook is returned by finish; the rows given
// after it are dropped.
type asyncBook struct {
	ops  chan bookOp
	done chan error
}

// A bookOp is one step of the workbook: open a sheet, write rows, close it.
type bookOp struct {
	open   bool
	sheet  string
	header []string
	rows   [][]string
	close  bool
}

// asyncBatch is the number of rows sent at once.
const asyncBatch = 512

// newAsyncBook starts writing into b.
func newAsyncBook(b *workbook) *asyncBook {
	ab := &asyncBook{ops: make(chan bookOp, 4), done: make(chan error, 1)}
	go func() {
		var err error
		var sh *xlsxSheet
		for op := range ab.ops {
			if err != nil {
				continue // drain, so that the caller never blocks
			}
			switch {
			case op.open:
				sh, err = b.sheet(op.sheet, op.header)
			case op.close:
				err = sh.Close()
				sh = nil
			default:
				for _, r := range op.rows {
					if err = sh.Write(r); err != nil {
						break
					}
				}
			}
		}
		ab.done <- err
	}()
	return ab
}

// sheet starts a sheet with its header row; its rows follow through the
// rowWriter returned.
func (ab *asyncBook) sheet(name string, header []string) (rowWriter, error) {
	ab.ops <- bookOp{open: true, sheet: name, header: slices.Clone(header)}
	return &asyncSheet{ab: ab}, nil
}

// finish waits for the workbook's goroutine and returns its first error.
// The workbook is then written by its Close.
func (ab *asyncBook) finish() error {
	close(ab.ops)
	return <-ab.done
}

// An asyncSheet is a sheet of an asyncBook.
type asyncSheet struct {
	ab   *asyncBook
	rows [][]string
}

// Write queues a copy of cells.
func (s *asyncSheet) Write(cells []string) error {
	s.rows = append(s.rows, slices.Clone(cells))
	if len(s.rows) == asyncBatch {
		s.ab.ops <- bookOp{rows: s.rows}
		s.rows = make([][]string, 0, asyncBatch)
	}
	return nil
}

// Close sends the last rows and closes the sheet.
func (s *asyncSheet) Close() error {
	if len(s.rows) > 0 {
		s.ab.ops <- bookOp{rows: s.rows}
		s.rows = nil
	}
	s.ab.ops <- bookOp{close: true}
	return nil
}
