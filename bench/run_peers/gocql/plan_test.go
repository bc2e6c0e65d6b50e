package main

import "testing"

func TestParseOpReadsEveryKind(t *testing.T) {
	cases := map[string]op{
		"get k1":            {kind: opGet, keys: [][]byte{[]byte("k1")}},
		"insert 100 k1,k2":  {kind: opInsert, keys: [][]byte{[]byte("k1"), []byte("k2")}, n: 100},
		"multiget k1,k2,k3": {kind: opMultiget, keys: [][]byte{[]byte("k1"), []byte("k2"), []byte("k3")}},
		"range k1 100":      {kind: opRange, keys: [][]byte{[]byte("k1")}, n: 100},
	}
	for line, want := range cases {
		got, err := parseOp([]byte(line))
		if err != nil || got.kind != want.kind || got.n != want.n || len(got.keys) != len(want.keys) {
			t.Fatalf("%q: %+v %v", line, got, err)
		}
		for i := range want.keys {
			if string(got.keys[i]) != string(want.keys[i]) {
				t.Fatalf("%q: key %d is %q", line, i, got.keys[i])
			}
		}
	}
	for _, bad := range []string{"", "get", "put k1", "insert x k1", "range k1 0", "get k1 k2"} {
		if _, err := parseOp([]byte(bad)); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}
