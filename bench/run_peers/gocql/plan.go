package main

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
)

type opKind uint8

const (
	opGet opKind = iota
	opInsert
	opMultiget
	opRange
)

// op is one line of the plan. Keys are slices of the plan file's bytes, read once before t0.
type op struct {
	kind opKind
	keys [][]byte // get, range: one key; insert, multiget: several
	n    int      // insert: value size in bytes; range: rows
}

// loadPlan reads the whole plan into memory so that running it costs no parsing.
func loadPlan(path string) ([]op, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the plan: %w", err)
	}
	lines := bytes.Split(bytes.TrimRight(text, "\n"), []byte("\n"))
	if len(text) == 0 {
		lines = nil
	}
	plan := make([]op, len(lines))
	for i, line := range lines {
		if plan[i], err = parseOp(line); err != nil {
			return nil, fmt.Errorf("plan %s line %d: %w", path, i+1, err)
		}
	}
	return plan, nil
}

// fieldsOf is how many fields each operation's line has, its name included.
var fieldsOf = map[string]int{"get": 2, "insert": 3, "multiget": 2, "range": 3}

func parseOp(line []byte) (op, error) {
	fields := bytes.Split(line, []byte(" "))
	name := string(fields[0])
	if n, known := fieldsOf[name]; !known || len(fields) != n {
		return op{}, fmt.Errorf("not an operation: %q", line)
	}
	switch name {
	case "get":
		return op{kind: opGet, keys: [][]byte{fields[1]}}, nil
	case "multiget":
		return op{kind: opMultiget, keys: bytes.Split(fields[1], []byte(","))}, nil
	case "insert":
		size, err := strconv.Atoi(string(fields[1]))
		if err != nil || size < 0 {
			return op{}, fmt.Errorf("insert size %q is not a size", fields[1])
		}
		return op{kind: opInsert, keys: bytes.Split(fields[2], []byte(",")), n: size}, nil
	default:
		rows, err := strconv.Atoi(string(fields[2]))
		if err != nil || rows <= 0 {
			return op{}, fmt.Errorf("range rows %q is not a count", fields[2])
		}
		return op{kind: opRange, keys: [][]byte{fields[1]}, n: rows}, nil
	}
}
