package vnbeam_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	vnbeam "github.com/vnlink/vnlink/beam"
	"github.com/vnlink/vnlink/linkage/vnperson"
	"github.com/vnlink/vnlink/table"
)

// FuzzReadShards reads arbitrary bytes as the second shard of an input, with
// the code ReadShards runs on the workers (ReadShardRows calls the same
// function): no panic; a shard that does not read fails with an error
// naming the shard by number; otherwise every data row of the table comes
// back, once, in order, indexed by ShardIndex(1, row) and with the fields
// vnperson.MapColumns maps from the header. The seeds run with the normal
// tests; go test -fuzz=FuzzReadShards explores further.
func FuzzReadShards(f *testing.F) {
	for _, s := range []string{
		"Họ tên,Ngày sinh,Giới tính,Số CCCD,Địa chỉ\nNguyễn Văn An,01/02/1990,Nam,001090000001,Phường Láng Hà Nội\n",
		"ho_ten;ngay_sinh;gioi_tinh\nTrần Thị Bình;1985;Nữ\n;;\n",
		"sep=;\nHọ và tên;Năm sinh\nLê C;1970\n",
		"Họ tên\tSố điện thoại\tMã thẻ BHYT\nPhạm D\t0912345678\tDN4010123456789\n",
		"Họ tên,Ghi chú\n\"Hoàng, E\",\"hai\ndòng\"\n\"a\"\"b\",x,y,z\n",
		"\ufeffHọ tên,Ngày sinh\nVũ F,31/12/2000\n",
		"\xff\xfeH\x00o\x00,\x00x\x00\n\x00",
		"TITLE\n\nHọ tên,x\n1,2,3\n",
		"Họ tên\n",
		"",
		"PK\x03\x04",
		"<?xml version=\"1.0\"?><root/>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		first := filepath.Join(dir, "a.csv")
		require.NoError(t, os.WriteFile(first, []byte("Họ tên,Ngày sinh,Giới tính\nA,1990,Nam\n"), 0o600))
		second := filepath.Join(dir, "b.csv")
		require.NoError(t, os.WriteFile(second, data, 0o600))
		shards := []vnbeam.Shard{{Path: first, Shard: 0}, {Path: second, Shard: 1}}

		rows, err := vnbeam.ReadShardRows(context.Background(), shards, "ehr")
		want, wantErr := table.Read(bytes.NewReader(data), table.Options{})
		if wantErr != nil {
			require.Error(t, err, "the table does not read")
			require.True(t, strings.HasPrefix(err.Error(), "vnbeam: shard 1: "), "the error names the shard: %q", err.Error())
			return
		}
		require.NoError(t, err)
		require.Len(t, rows, 1+len(want.Rows))
		require.Equal(t, vnbeam.ShardIndex(0, 0), rows[0].Index)
		m := vnperson.MapColumns(want.Header)
		for i, r := range rows[1:] {
			shard, row := vnbeam.SplitIndex(r.Index)
			require.Equal(t, [2]int{1, i}, [2]int{shard, row}, "index of data row "+strconv.Itoa(i))
			p := m.Person(want.Rows[i].Cells)
			p.Source = "ehr"
			require.Equal(t, vnbeam.RowOf(vnbeam.ShardIndex(1, i), &p), r)
			require.Equal(t, "ehr", r.Person().Source)
		}
	})
}
