package io.github.cppcassa.bench.astyanax;

import java.nio.file.Path;
import java.util.List;

/**
 * The astyanax peer of `cppcassa-bench run --peers` (../README.md): reads the profile named by
 * its one argument, connects, runs the plan, writes the results file, exits 0; or says on stderr
 * why it cannot run and exits 1.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java ... io.github.cppcassa.bench.astyanax.Main PROFILE.json");
            System.exit(2);
        }
        int status;
        try {
            run(Path.of(args[0]));
            status = 0;
        } catch (Exception e) {
            System.err.println("astyanax peer: " + ErrorKind.message(e));
            status = 1;
        }
        // Astyanax leaves pool maintenance threads behind; exit now rather than wait for them.
        System.exit(status);
    }

    private static void run(Path profilePath) throws Exception {
        Profile p = Profile.read(profilePath);
        Plan plan = Plan.read(p.plan);
        if (plan.size() != p.planOps) {
            throw new IllegalArgumentException("plan " + p.plan + " has " + plan.size()
                    + " operations, the profile says plan_ops " + p.planOps);
        }
        if (plan.size() == 0 && p.rate == null) throw new IllegalArgumentException("the plan is empty");
        String password = null;
        if (p.user != null) {
            password = System.getenv("CPPCASSA_RUN_PASSWORD");
            if (password == null) {
                throw new IllegalArgumentException("the profile logs in as '" + p.user
                        + "' but CPPCASSA_RUN_PASSWORD is not set");
            }
        }
        // Open loop: a thread per connection at most (see Schedule); closed loop: `concurrency`.
        int perHost = (p.connections + p.hosts.size() - 1) / p.hosts.size();
        int threads = p.rate != null ? Math.min(p.maxInFlight, perHost * p.hosts.size()) : p.concurrency;

        try (AstyanaxClient client = AstyanaxClient.open(p, password, threads)) {
            List<String> down = client.hostsDown();
            if (down.size() == client.hosts) {
                throw new IllegalStateException("no connection to any host: " + String.join(", ", down));
            }
            if (!down.isEmpty()) {
                System.err.println("astyanax peer: warning: running without " + String.join(", ", down));
            }
            Operations operations = new Operations(client.keyspace, plan, p.columnFamily, p.columns);
            Warmup.run(operations, plan, Warmup.calls(p.warmupOps, client.totalConnections()));

            Schedule schedule = new Schedule(plan, operations, threads);
            long cpuAtStart = processCpuNanos();
            List<Results> results = p.rate != null
                    ? schedule.openLoop(p.rate, p.durationMs * 1_000_000L, p.graceMs * 1_000_000L)
                    : schedule.closedLoop(p.durationMs * 1_000_000L, p.planCycles);
            Results.write(p.results, results, (processCpuNanos() - cpuAtStart) / 1e9);
        }
    }

    /** The JVM process's CPU time so far (every thread, the JIT and the collector included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
