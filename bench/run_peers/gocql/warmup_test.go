package main

import (
	"errors"
	"io"
	"testing"
)

func kinds(ops []op) string {
	names := map[opKind]byte{opGet: 'g', opInsert: 'i', opMultiget: 'm', opRange: 'r'}
	var s []byte
	for _, o := range ops {
		s = append(s, names[o.kind])
	}
	return string(s)
}

func TestWarmupTakesThePlansReadsInOrderAndStartsOverWhenShort(t *testing.T) {
	plan := []op{{kind: opInsert}, {kind: opGet}, {kind: opRange}, {kind: opInsert}, {kind: opMultiget}}
	if got := kinds(warmupOps(plan, 2)); got != "gr" {
		t.Errorf("2 of them: %q", got)
	}
	if got := kinds(warmupOps(plan, 7)); got != "grmgrmg" {
		t.Errorf("7 of them: %q", got)
	}
	if got := warmupOps(plan, 0); got != nil {
		t.Errorf("0 of them: %v", got)
	}
}

func TestWarmupOfAnInsertOnlyPlanGetsEachInsertsFirstKey(t *testing.T) {
	plan := []op{{kind: opInsert, n: 100, keys: [][]byte{[]byte("k1"), []byte("k2")}}}
	ops := warmupOps(plan, 2)
	if kinds(ops) != "gg" || len(ops[0].keys) != 1 || string(ops[0].keys[0]) != "k1" || ops[0].n != 0 {
		t.Fatalf("%+v", ops)
	}
}

func TestWarmupFailsOnlyWhenNoReadSucceeded(t *testing.T) {
	ops := make([]op, 300)
	calls := 0
	refused := errors.New("unconfigured table")
	err := warmUp(ops, func(*op) error { calls++; return refused }, io.Discard)
	if err == nil || calls != warmupFailuresInRow {
		t.Fatalf("all failing: %v after %d calls", err, calls)
	}

	calls = 0
	err = warmUp(ops, func(*op) error {
		calls++
		if calls == 1 {
			return nil
		}
		return refused
	}, io.Discard)
	if err != nil || calls != 1+warmupFailuresInRow {
		t.Fatalf("one success then failures: %v after %d calls", err, calls)
	}

	calls = 0
	err = warmUp(ops, func(*op) error {
		calls++
		if calls%2 == 0 {
			return refused
		}
		return nil
	}, io.Discard)
	if err != nil || calls != len(ops) {
		t.Fatalf("every other failing: %v after %d calls", err, calls)
	}
}
