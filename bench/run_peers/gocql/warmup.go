package main

import (
	"fmt"
	"io"
)

// warmupOps are the reads the warm-up runs (README.md, "Running the plan"): the plan's reads in
// its order, again from the start when it holds fewer than count; in a plan of inserts only, a
// get of each insert's first key, since an insert would write now what the run writes later.
func warmupOps(plan []op, count int) []op {
	if count <= 0 {
		return nil
	}
	var reads []op
	for i := 0; i < len(plan) && len(reads) < count; i++ {
		if plan[i].kind != opInsert {
			reads = append(reads, plan[i])
		}
	}
	if len(reads) == 0 {
		for i := 0; i < len(plan) && len(reads) < count; i++ {
			reads = append(reads, op{kind: opGet, keys: plan[i].keys[:1]})
		}
	}
	if len(reads) == 0 {
		return nil
	}
	ops := make([]op, count)
	for i := range ops {
		ops[i] = reads[i%len(reads)]
	}
	return ops
}

// warmupFailuresInRow end the warm-up: a server that fails this many reads in a row is not
// warming up, and the run will show its errors by kind.
const warmupFailuresInRow = 5

// warmUp runs ops one after the other, before t0 and unmeasured, and says on warnings how many
// failed. It is an error only when the warm-up ended without a single success: then the plan
// cannot run here (a wrong column family, a server refusing reads), and the peer says why
// rather than record nothing but failures.
func warmUp(ops []op, run func(*op) error, warnings io.Writer) error {
	failed, inRow := 0, 0
	var last error
	for i := range ops {
		err := run(&ops[i])
		if err == nil {
			inRow = 0
			continue
		}
		failed, inRow, last = failed+1, inRow+1, err
		if inRow < warmupFailuresInRow {
			continue
		}
		if failed == i+1 {
			return fmt.Errorf("the warm-up's first %d reads failed, the last with: %s", failed, errorMessage(last))
		}
		break
	}
	if failed > 0 {
		fmt.Fprintf(warnings, "gocql peer: warning: %d warm-up reads failed, the last with: %s\n", failed, errorMessage(last))
	}
	return nil
}
