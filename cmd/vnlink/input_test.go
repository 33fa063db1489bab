package main

import "io"

// readTable reads a table the way the commands read their inputs, with the
// default options; the tests read the outputs back with it.
func readTable(r io.Reader) (*table, error) { return readInputTable(r, readOptions{}) }
