package main

import (
	"bytes"
	"io"
	"testing"
)

// benchCommune generates a synthetic commune of n people once per benchmark.
func benchCommune(b *testing.B, n int) (registry, ehr []byte) {
	b.Helper()
	registry, ehr, _ = syntheticCommune(b, n)
	return registry, ehr
}

// BenchmarkReadTable measures reading the CSV of a synthetic EHR extract.
func BenchmarkReadTable(b *testing.B) {
	_, ehr := benchCommune(b, 10000)
	b.SetBytes(int64(len(ehr)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readTable(bytes.NewReader(ehr)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClean measures the clean command on a synthetic EHR extract of
// 10,000 people, without the administrative-unit data.
func BenchmarkClean(b *testing.B) {
	_, ehr := benchCommune(b, 10000)
	opts := testOptions(b)
	b.SetBytes(int64(len(ehr)))
	for b.Loop() {
		if _, err := runClean(bytes.NewReader(ehr), io.Discard, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDedupe measures the dedupe command on a synthetic EHR extract of
// 10,000 people, without the administrative-unit data.
func BenchmarkDedupe(b *testing.B) {
	_, ehr := benchCommune(b, 10000)
	opts := testOptions(b)
	opts.Workers = 0
	b.SetBytes(int64(len(ehr)))
	for b.Loop() {
		if _, err := runDedupe(bytes.NewReader(ehr), io.Discard, opts); err != nil {
			b.Fatal(err)
		}
	}
}
