package main

import (
	"sync"
	"testing"
	"time"
)

// fakeClock moves only when the schedule sleeps or an operation advances it.
type fakeClock struct {
	mu sync.Mutex
	t  time.Duration
}

func (c *fakeClock) now() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) sleepUntil(t time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t > c.t {
		c.t = t
	}
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t += d
}

// timer never fires: these tests end their waits by finishing operations.
func (c *fakeClock) timer(time.Duration) (<-chan time.Time, func()) { return nil, func() {} }

func TestOpenLoopStartsEachOperationAtItsIntendedTime(t *testing.T) {
	c := &fakeClock{}
	loop := openLoop{ops: 5, rate: 1000, maxInFlight: 10, last: time.Second}
	var mu sync.Mutex
	startedAt := map[int]time.Duration{}
	n := loop.run(c, func(i int, intended time.Duration) {
		mu.Lock()
		defer mu.Unlock()
		if intended != time.Duration(i)*time.Millisecond {
			t.Errorf("operation %d intended at %v", i, intended)
		}
		startedAt[i] = c.now()
	})
	if n != 5 || len(startedAt) != 5 {
		t.Fatalf("started %d (%v), want 5", n, startedAt)
	}
	for i, at := range startedAt {
		if at < time.Duration(i)*time.Millisecond {
			t.Errorf("operation %d started at %v, before its time", i, at)
		}
	}
}

// lateClock wakes every sleep 100 ms late, like a harness far slower than its rate.
type lateClock struct{ fakeClock }

func (c *lateClock) sleepUntil(t time.Duration) {
	c.fakeClock.sleepUntil(t)
	c.advance(100 * time.Millisecond)
}

func TestOpenLoopStartsNothingAfterDurationAndGrace(t *testing.T) {
	c := &lateClock{}
	loop := openLoop{ops: 100, rate: 100, maxInFlight: 10, last: 250 * time.Millisecond}
	// Woken at 100 ms and 200 ms, the third time at 300 ms: past the end.
	if n := loop.run(c, func(int, time.Duration) {}); n != 2 {
		t.Fatalf("started %d, want 2", n)
	}
}

func TestOpenLoopKeepsAtMostMaxInFlight(t *testing.T) {
	c := &fakeClock{}
	loop := openLoop{ops: 5, rate: 1e6, maxInFlight: 2, last: time.Second}
	started := make(chan int, 5)
	release := make(chan struct{})
	done := make(chan int)
	go func() {
		done <- loop.run(c, func(i int, intended time.Duration) {
			started <- i
			<-release
		})
	}()
	<-started
	<-started
	select {
	case i := <-started:
		t.Fatalf("operation %d started with 2 in flight", i)
	case <-time.After(20 * time.Millisecond):
	}
	release <- struct{}{}
	<-started // a slot freed: the next one starts
	close(release)
	if n := <-done; n != 5 {
		t.Fatalf("started %d, want 5", n)
	}
}

func TestClosedLoopCyclesThePlanWhileIndexesCountOn(t *testing.T) {
	c := &fakeClock{}
	loop := closedLoop{ops: 4, workers: 3, cycles: true, end: time.Second}
	var mu sync.Mutex
	lines := map[int]int{}
	loop.run(c, func(w, i, line int) {
		mu.Lock()
		defer mu.Unlock()
		lines[i] = line
		c.advance(10 * time.Millisecond)
	})
	if len(lines) < 100 || len(lines) > 102 {
		t.Fatalf("%d operations in 1 s of 10 ms each", len(lines))
	}
	for i := 0; i < len(lines); i++ {
		if line, ok := lines[i]; !ok || line != i%4 {
			t.Fatalf("operation %d ran line %d (present %v)", i, line, ok)
		}
	}
}

func TestClosedLoopWithoutCyclesStopsAtThePlansEnd(t *testing.T) {
	c := &fakeClock{}
	loop := closedLoop{ops: 7, workers: 3, end: time.Hour}
	var mu sync.Mutex
	seen := map[int]bool{}
	loop.run(c, func(w, i, line int) {
		mu.Lock()
		defer mu.Unlock()
		seen[i] = true
	})
	if len(seen) != 7 {
		t.Fatalf("ran %d operations of a plan of 7", len(seen))
	}
}
