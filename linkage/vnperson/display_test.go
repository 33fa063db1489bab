package vnperson_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnlink/vnlink/linkage/vnperson"
	"github.com/vnlink/vnlink/normalize"
)

func TestPrepareDisplay(t *testing.T) {
	tests := []struct {
		name string
		in   vnperson.Person
		// want holds the fields checked; the others must be what Prepare
		// made of the same row.
		hamlet, commune string
		outdated        bool
		name2, birth    string
	}{
		{"new address", vnperson.Person{FullName: "nguyen van an", BirthDate: "12/3/1985",
			Address: "Thôn Đoài, xã Ngọc Hồi, TP Hà Nội"}, "thôn Đoài", "xã Ngọc Hồi", false, "Nguyen Van An", "12/03/1985"},
		{"pre-2025 address", vnperson.Person{FullName: "Trần Thị Bình", BirthDate: "1990",
			Address: "xóm Bãi, xã Liên Ninh, huyện Thanh Trì, Hà Nội"}, "xóm Bãi", "xã Liên Ninh", true, "Trần Thị Bình", "1990"},
		{"no commune", vnperson.Person{FullName: "Lê Văn Cường", Address: "Hà Nội"}, "", "", false, "Lê Văn Cường", ""},
		{"no address", vnperson.Person{FullName: "Lê Văn Cường"}, "", "", false, "Lê Văn Cường", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, disp, _ := vnperson.PrepareDisplay([]vnperson.Person{tt.in}, vnperson.PrepareOptions{Workers: 1})
			require.Len(t, disp, 1)
			d := disp[0]
			assert.Equal(t, tt.hamlet, d.Hamlet)
			assert.Equal(t, tt.commune, d.Commune)
			assert.Equal(t, tt.outdated, d.AddressOutdated)
			assert.Equal(t, recs[0].Name.String(), d.FullName, "the display name is the parsed one")
			if tt.name2 != "" {
				assert.Equal(t, tt.name2, d.FullName)
			}
			assert.Equal(t, tt.birth, d.BirthDate)
		})
	}
}

func TestPrepareDisplayWard(t *testing.T) {
	opts := vnperson.PrepareOptions{Resolver: normalize.DefaultResolver()}
	people := []vnperson.Person{
		{FullName: "A", Address: "Thôn Ngọc Hồi, Xã Ngọc Hồi, Thành phố Hà Nội"},
		{FullName: "B", Address: "X. Ngọc Hồi, H. Thanh Trì, HN"},
		{FullName: "C", Address: "xã Liên Ninh, huyện Thanh Trì, Hà Nội"},
		{FullName: "D", Address: "Thôn 3"},
		{FullName: "E"},
	}
	_, disp, _ := vnperson.PrepareDisplay(people, opts)
	require.Len(t, disp, len(people))
	ngocHoi := disp[0].Ward
	require.Contains(t, ngocHoi, "Ngọc Hồi")
	require.Contains(t, ngocHoi, "Hà Nội")
	require.Nil(t, disp[0].WardCandidates)
	// The old commune, absorbed whole, is today's Ngọc Hồi.
	require.Equal(t, ngocHoi, disp[1].Ward)
	// An old commune split in two: no ward, both candidates.
	require.Empty(t, disp[2].Ward)
	require.Len(t, disp[2].WardCandidates, 2)
	require.Contains(t, disp[2].WardCandidates, ngocHoi)
	for _, d := range disp[3:] {
		require.Empty(t, d.Ward)
		require.Nil(t, d.WardCandidates)
	}
	// Without units nothing resolves.
	_, bare, _ := vnperson.PrepareDisplay(people[:3], vnperson.PrepareOptions{})
	for _, d := range bare {
		require.Empty(t, d.Ward)
		require.Nil(t, d.WardCandidates)
	}
}

func TestPrepareDisplayBHXH(t *testing.T) {
	_, disp, _ := vnperson.PrepareDisplay([]vnperson.Person{
		{FullName: "A", InsuranceID: "GD 4 01 0123456789"},
		{FullName: "B", InsuranceID: "0123456789"},
		{FullName: "C"},
	}, vnperson.PrepareOptions{})
	require.Equal(t, "0123456789", disp[0].BHXH)
	require.Equal(t, "0123456789", disp[1].BHXH)
	require.Empty(t, disp[2].BHXH)
}

func TestResultDisplay(t *testing.T) {
	people := []vnperson.Person{
		{ID: "1", FullName: "nguyễn  văn AN", BirthDate: "1/2/1990", Sex: "nam", Phone: "0912345678"},
		{ID: "2", FullName: "Nguyễn Văn An", BirthDate: "01/02/1990", Sex: "Nam", Phone: "0912 345 678"},
		{ID: "3", FullName: "Trần Thị Bình", BirthDate: "1985"},
	}
	res, err := vnperson.Dedupe(people, vnperson.Options{})
	require.NoError(t, err)
	require.False(t, res.HasDisplay(), "no display forms unless asked")
	assert.Equal(t, vnperson.Display{}, res.Display(0))

	res, err = vnperson.Dedupe(people, vnperson.Options{Display: true})
	require.NoError(t, err)
	require.True(t, res.HasDisplay())
	assert.Equal(t, "Nguyễn Văn An", res.Display(0).FullName)
	assert.Equal(t, res.Display(0), res.Display(1))
	assert.Equal(t, "1985", res.Display(2).BirthDate)
	assert.Panics(t, func() { res.Display(3) })

	res, err = vnperson.Link(people[:1], people[1:], vnperson.Options{Display: true})
	require.NoError(t, err)
	assert.Equal(t, "Trần Thị Bình", res.RightDisplay(1).FullName)
	assert.Equal(t, "0912345678", res.Display(0).Phone)
}

func TestRecordRendersItsDisplayNameAndDate(t *testing.T) {
	people := []vnperson.Person{
		{FullName: "nguyen thi  THUY", BirthDate: "3/4/1990"},
		{FullName: "Trần Văn Nam", BirthDate: "1985"},
		{FullName: "Lê Hoa", BirthDate: "04/1990"},
		{FullName: "", BirthDate: ""},
		{FullName: "12345", BirthDate: "not a date"},
	}
	recs, disp, _ := vnperson.PrepareDisplay(people, vnperson.PrepareOptions{})
	for i := range recs {
		assert.Equal(t, disp[i].FullName, recs[i].FullName(), "row %d", i+1)
		assert.Equal(t, disp[i].BirthDate, recs[i].BirthDate(), "row %d", i+1)
	}
	assert.Equal(t, "03/04/1990", recs[0].BirthDate())
	assert.Equal(t, "1985", recs[1].BirthDate())
	assert.Empty(t, recs[3].FullName())
	assert.Empty(t, recs[4].BirthDate())
}
