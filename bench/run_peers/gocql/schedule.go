package main

import (
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// clock is time since t0 (monotonic), injected so that the schedules are tested without waiting.
type clock interface {
	now() time.Duration
	sleepUntil(t time.Duration)
	// timer fires when the clock reaches t; stop releases it.
	timer(t time.Duration) (fire <-chan time.Time, stop func())
}

// realClock reads Go's monotonic clock. It sleeps with nanosleep(2) rather than time.Sleep:
// the Go runtime rounds a sleep under a millisecond up to about one millisecond when the
// process is otherwise idle, which would start most operations of an open loop late by up to
// that much and put the harness, not the client, into the latencies.
type realClock struct{ t0 time.Time }

func (c realClock) now() time.Duration { return time.Since(c.t0) }

func (c realClock) sleepUntil(t time.Duration) {
	for wait := t - c.now(); wait > 0; wait = t - c.now() {
		ts := syscall.NsecToTimespec(int64(wait))
		_ = syscall.Nanosleep(&ts, nil) // interrupted (EINTR): the loop sleeps the rest
	}
}

func (c realClock) timer(t time.Duration) (<-chan time.Time, func()) {
	tm := time.NewTimer(t - c.now())
	return tm.C, func() { tm.Stop() }
}

// openLoop starts operation i at i/rate after t0, or as soon as fewer than maxInFlight
// operations are in flight, and starts none after last (duration + grace).
type openLoop struct {
	ops         int
	rate        float64 // operations per second
	maxInFlight int
	last        time.Duration
}

func (o openLoop) intended(i int) time.Duration {
	return time.Duration(float64(i) / o.rate * float64(time.Second))
}

// run calls start on a goroutine of its own for each operation it starts, waits until every
// started operation has returned, and says how many it started.
func (o openLoop) run(c clock, start func(i int, intended time.Duration)) int {
	slots := make(chan struct{}, o.maxInFlight)
	var running sync.WaitGroup
	started := 0
	for i := 0; i < o.ops; i++ {
		intended := o.intended(i)
		if intended > o.last {
			break
		}
		c.sleepUntil(intended)
		if !o.takeSlot(c, slots) {
			break
		}
		running.Add(1)
		go func(i int, intended time.Duration) {
			defer func() {
				<-slots
				running.Done()
			}()
			start(i, intended)
		}(i, intended)
		started++
	}
	running.Wait()
	return started
}

// takeSlot waits for a free slot until last; false: the run is over.
func (o openLoop) takeSlot(c clock, slots chan struct{}) bool {
	select {
	case slots <- struct{}{}:
	default:
		fire, stop := c.timer(o.last)
		defer stop()
		select {
		case slots <- struct{}{}:
		case <-fire:
			return false
		}
	}
	if c.now() > o.last {
		<-slots
		return false
	}
	return true
}

// closedLoop runs workers that each take the next operation when their last one has ended,
// until end; with cycles the plan starts again at line 0 while the index keeps counting.
type closedLoop struct {
	ops     int
	workers int
	cycles  bool
	end     time.Duration
}

// run calls do(worker, index, plan line) on the workers' goroutines and returns when all are done.
func (l closedLoop) run(c clock, do func(worker, i, line int)) {
	var next atomic.Int64
	var workers sync.WaitGroup
	for w := 0; w < l.workers; w++ {
		workers.Add(1)
		go func(w int) {
			defer workers.Done()
			for c.now() < l.end {
				i := int(next.Add(1) - 1)
				if i >= l.ops && !l.cycles {
					return
				}
				do(w, i, i%l.ops)
			}
		}(w)
	}
	workers.Wait()
}
