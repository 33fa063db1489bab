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
		{"no input", options{model: model, out: "o/"}, "give -input, or both -left and -right, or -registry and -ehr"},
		{"left without right", options{left: "l*.csv", model: model, out: "o/"}, "give -input, or both -left and -right, or -registry and -ehr"},
		{"input and link", options{input: "x*.csv", left: "l*.csv", right: "r*.csv", model: model, out: "o/"}, "give -input, or both -left and -right, or -registry and -ehr"},
		{"registry without ehr", options{registry: "r*.csv", model: model, out: "o/"}, "-registry and -ehr"},
		{"reconcile and link", options{registry: "r*.csv", ehr: "e*.csv", left: "l*.csv", right: "r*.csv", model: model, out: "o/"}, "-registry and -ehr"},
		{"bhyt alone", options{bhyt: "b*.csv", model: model, out: "o/"}, "-registry and -ehr"},
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

func TestReconcilePairRoundTrip(t *testing.T) {
	p := vnbeam.ReconcilePair{RoleA: 2, A: vnbeam.ShardIndex(1, 40), RoleB: 0, B: vnbeam.ShardIndex(3, 7), Rule: 4, Weight: -17.123456789012344}
	line := formatReconcilePair(p)
	require.Equal(t, "bhyt,1,40,registry,3,7,4,-17.123456789012344", line)
	got, ok := parseReconcilePair(line)
	require.True(t, ok)
	require.Equal(t, p, got)
	for _, bad := range []string{"", "ehr,1,2,registry,3,4,5", "clinic,1,2,registry,3,4,5,1.5", "ehr,1,-2,registry,3,4,5,1.5", "ehr,1,2,registry,3,4,5,x"} {
		_, ok := parseReconcilePair(bad)
		require.False(t, ok, bad)
	}
}
