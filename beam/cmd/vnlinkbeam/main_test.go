package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	vnbeam "github.com/vnlink/vnlink/beam"
)

func TestRunRejectsBadFlags(t *testing.T) {
	model := filepath.Join(t.TempDir(), "model.json")
	require.NoError(t, os.WriteFile(model, []byte("{}"), 0o600))
	tests := []struct {
		name string
		o    options
		want string
	}{
		{"no model", options{input: "x*.csv", out: "o/"}, "-model and -out are required"},
		{"no output", options{input: "x*.csv", model: model}, "-model and -out are required"},
		{"no input", options{model: model, out: "o/"}, "give -input, or both -left and -right"},
		{"left without right", options{left: "l*.csv", model: model, out: "o/"}, "give -input, or both -left and -right"},
		{"input and link", options{input: "x*.csv", left: "l*.csv", right: "r*.csv", model: model, out: "o/"}, "give -input, or both -left and -right"},
		{"bad date", options{input: "x*.csv", model: model, out: "o/", today: "1/1/2026"}, "-today"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(context.Background(), tt.o)
			require.Error(t, err)
			require.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"link", (&formatPairFn{Rules: []string{"national_id", "bhxh"}}).ProcessElement(vnbeam.Pair{
			A: vnbeam.ShardIndex(0, 7), B: vnbeam.ShardIndex(2, 3), Rule: 1, Weight: 12.5}), "0,7,2,3,bhxh,12.5"},
		{"left member", formatMember(vnbeam.Member{Index: vnbeam.ShardIndex(1, 4), Cluster: vnbeam.ShardIndex(0, 2)}), "L,1,4,L,0,2"},
		{"right member alone", formatMember(vnbeam.Member{Index: vnbeam.ShardIndex(3, 9), Right: true,
			Cluster: vnbeam.ShardIndex(3, 9), ClusterRight: true}), "R,3,9,R,3,9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { require.Equal(t, tt.want, tt.got) })
	}
}
