// gocql-peer runs a plan of `cppcassa-bench run` with gocql over CQL's native protocol:
//
//	gocql-peer PROFILE.json
//
// The profile, the plan and the results file are described in ../README.md. Over CQL the
// Thrift column family is the table (key blob, column1 blob, value blob) with COMPACT STORAGE:
// get is one partition with LIMIT columns, insert one UNLOGGED batch, multiget one
// `key IN ?` query (one request that the coordinator fans out, as Thrift's multiget_slice
// does, rather than a query per key), range `token(key) >= token(?)` with LIMIT rows*columns.
// The session is set up in session.go, the statements in ops.go, the warm-up before t0 in
// warmup.go, the schedules in schedule.go.
package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	if len(os.Args) != 2 {
		fail(fmt.Errorf("usage: %s PROFILE.json", os.Args[0]))
	}
	if err := run(os.Args[1]); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "gocql peer: %v\n", err)
	os.Exit(1)
}

func run(profilePath string) error {
	p, err := loadProfile(profilePath)
	if err != nil {
		return err
	}
	plan, err := loadPlan(p.Plan)
	if err != nil {
		return err
	}
	if len(plan) == 0 {
		return fmt.Errorf("plan %s has no operations", p.Plan)
	}
	if p.PlanOps != len(plan) {
		return fmt.Errorf("plan %s has %d operations, the profile says %d", p.Plan, len(plan), p.PlanOps)
	}
	session, err := connect(p)
	if err != nil {
		return err
	}
	defer closeSession(session)
	exec, err := newExecutor(session, p, plan)
	if err != nil {
		return err
	}
	if err := warmUp(warmupOps(plan, p.warmupOps()), func(o *op) error {
		_, err := exec.run(o)
		return err
	}, os.Stderr); err != nil {
		return err
	}

	cpuAtStart := processCPUSeconds()
	c := realClock{t0: time.Now()}
	if p.Rate != nil {
		outcomes := make([]outcome, len(plan))
		loop := openLoop{ops: len(plan), rate: *p.Rate, maxInFlight: p.MaxInFlight, last: p.duration() + p.grace()}
		started := loop.run(c, func(i int, intended time.Duration) {
			o := &outcomes[i]
			o.index, o.intended, o.start = i, intended, c.now()
			o.host, o.err = exec.run(&plan[i])
			o.end = c.now()
		})
		// Operations start in the plan's order, so the started ones are the first.
		return writeResults(p.Results, processCPUSeconds()-cpuAtStart, outcomes[:started])
	}

	perWorker := make([][]outcome, p.Concurrency)
	for w := range perWorker {
		perWorker[w] = make([]outcome, 0, len(plan)/p.Concurrency+1024)
	}
	loop := closedLoop{ops: len(plan), workers: p.Concurrency, cycles: p.PlanCycles, end: p.duration()}
	loop.run(c, func(w, i, line int) {
		start := c.now()
		host, err := exec.run(&plan[line])
		perWorker[w] = append(perWorker[w], outcome{index: i, intended: start, start: start, end: c.now(), err: err, host: host})
	})
	return writeResults(p.Results, processCPUSeconds()-cpuAtStart, perWorker...)
}
