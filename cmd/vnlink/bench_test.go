package main

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
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

// BenchmarkReconcile measures the reconcile command end to end — read the
// registry and EHR files, prepare, train, block, score, cluster, build the
// worklists and write them — on the default 50,000-person synthetic
// commune (-bench-people to change it), with all cores: with the Excel
// workbook (the default) and with the CSV files only (-xlsx=false).
func BenchmarkReconcile(b *testing.B) {
	dir := b.TempDir()
	registry, ehr := benchCommune(b, *benchPeople)
	f := &cliFlags{registry: filepath.Join(dir, "registry.csv"), ehr: filepath.Join(dir, "ehr.csv"), out: filepath.Join(dir, "out")}
	if err := os.WriteFile(f.registry, registry, 0o600); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(f.ehr, ehr, 0o600); err != nil {
		b.Fatal(err)
	}
	opts := testOptions(b)
	opts.Workers = 0
	for _, bc := range []struct {
		name     string
		workbook bool
	}{{"csv+xlsx", true}, {"csv", false}} {
		b.Run(bc.name, func(b *testing.B) {
			f.noWorkbook = !bc.workbook
			b.SetBytes(int64(len(registry) + len(ehr)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := runReconcile(f, opts, io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

var benchPeople = flag.Int("bench-people", 50000, "people in the synthetic commune of BenchmarkReconcile")
