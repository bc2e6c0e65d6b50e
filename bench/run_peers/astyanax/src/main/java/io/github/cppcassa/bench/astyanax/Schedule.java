package io.github.cppcassa.bench.astyanax;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the plan on the profile's schedule (../README.md) with worker threads calling Astyanax's
 * synchronous API, t0 and every time from System.nanoTime (monotonic).
 *
 * Why threads and not executeAsync: Astyanax's executeAsync only submits the synchronous call to
 * an executor (ThriftKeyspaceImpl), so the thread count bounds the operations in flight either
 * way; owning the threads keeps that bound visible and the hand-over out of the measurement.
 *
 * Open loop: `threads` workers take the plan's operations in order from one counter; a worker
 * sleeps until its operation's intended start t0 + i / rate and starts it then, or as soon as it
 * is free again, so an operation waits exactly while all workers are busy. Main sizes `threads`
 * to min(max_in_flight, the pool's connections): a thread beyond the connections could only
 * wait in the pool for one (see AstyanaxClient).
 *
 * Closed loop: `threads` (the profile's concurrency) workers, each taking the next operation when
 * its last one ends, until duration_ms; with plan_cycles the plan starts over at line 0 while the
 * index keeps counting.
 */
final class Schedule {
    private final Plan plan;
    private final Operations operations;
    private final int threads;

    Schedule(Plan plan, Operations operations, int threads) {
        this.plan = plan;
        this.operations = operations;
        this.threads = threads;
    }

    /** Operation i is meant to start at t0 + i / rate; none starts after durationNs + graceNs. */
    List<Results> openLoop(double rate, long durationNs, long graceNs) throws InterruptedException {
        final int n = plan.size();
        final double nanosPerOp = 1e9 / rate;
        final long lastStart = durationNs + graceNs;
        return run(n / threads + 16, (t0, next, results) -> {
            for (;;) {
                long i = next.getAndIncrement();
                if (i >= n) return;
                long intended = t0 + (long) (i * nanosPerOp);
                long now;
                while ((now = System.nanoTime()) < intended) LockSupport.parkNanos(intended - now);
                // The counter hands operations out in order, so every later one is late too.
                if (now - t0 > lastStart) return;
                execute(results, t0, i, (int) i, intended, now);
            }
        });
    }

    /** Each worker starts its next operation when its last one ends, until durationNs. */
    List<Results> closedLoop(long durationNs, boolean cycles) throws InterruptedException {
        final int n = plan.size();
        return run(1 << 14, (t0, next, results) -> {
            for (;;) {
                long now = System.nanoTime();
                if (now - t0 >= durationNs) return;
                long i = next.getAndIncrement();
                if (i >= n && !cycles) return;
                execute(results, t0, i, (int) (i % n), now, now);
            }
        });
    }

    private void execute(Results results, long t0, long index, int op, long intended, long start) {
        try {
            operations.run(op);
            results.ok(index, intended - t0, start - t0, System.nanoTime() - t0);
        } catch (Exception e) {
            results.failed(index, intended - t0, start - t0, System.nanoTime() - t0, e);
        }
    }

    private interface Worker {
        void work(long t0, AtomicLong next, Results results);
    }

    /**
     * Starts the workers, waits until every one is ready, takes t0 and lets them go, so that
     * thread start-up is not measured; returns when all have ended.
     */
    private List<Results> run(int expectedPerWorker, Worker worker) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong next = new AtomicLong();
        long[] t0 = new long[1];
        AtomicReference<Throwable> crashed = new AtomicReference<>();
        List<Results> all = new ArrayList<>();
        List<Thread> started = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            Results results = new Results(expectedPerWorker);
            all.add(results);
            Thread thread = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    worker.work(t0[0], next, results);
                } catch (Throwable e) {
                    crashed.compareAndSet(null, e);
                }
            }, "peer-worker-" + w);
            thread.setDaemon(true);
            thread.start();
            started.add(thread);
        }
        ready.await();
        t0[0] = System.nanoTime();  // published to the workers by go's countDown / await
        go.countDown();
        for (Thread thread : started) thread.join();
        if (crashed.get() != null) throw new IllegalStateException("a worker thread failed", crashed.get());
        return all;
    }
}
