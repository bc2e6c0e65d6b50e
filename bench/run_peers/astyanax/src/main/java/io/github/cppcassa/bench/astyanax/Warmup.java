package io.github.cppcassa.bench.astyanax;

/**
 * The warm-up before t0 (../README.md, "Running the plan"): reads from the plan one after the
 * other, unmeasured, for two reasons. Astyanax sets the keyspace on a connection at its first
 * call, and its pool hands out idle connections in turn (first in, first out), so 2 x connections
 * calls in a row set it on every connection: the warm-up makes at least that many, whatever
 * warmup_ops says, since setting the keyspace is part of being connected before t0 (and a wrong
 * keyspace stops the peer here, with Cassandra's message). And the JVM compiles the client's hot
 * paths after some hundreds of calls, as a user's long-running service has long done.
 */
final class Warmup {
    /** Failed reads in a row that end the warm-up: a server failing that many is not warming up. */
    static final int FAILURES_IN_ROW = 5;

    private Warmup() {}

    /** How many reads: warmup_ops, and at least two per connection. */
    static int calls(int warmupOps, int connections) {
        return Math.max(warmupOps, 2 * connections);
    }

    /**
     * The plan lines the warm-up runs, `count` of them: the plan's reads in its order, again from
     * the start when it holds fewer; in a plan of inserts only, the inserts' lines, each standing
     * for a get of its first key (an insert would write now what the run writes later).
     */
    static int[] lines(Plan plan, int count) {
        int[] reads = new int[Math.min(count, plan.size())];
        int n = 0;
        for (int op = 0; op < plan.size() && n < reads.length; op++) {
            if (plan.kind(op) != Plan.Kind.INSERT) reads[n++] = op;
        }
        if (n == 0) {  // inserts only: the first of them
            for (; n < reads.length; n++) reads[n] = n;
        }
        int[] lines = new int[n == 0 ? 0 : count];
        for (int i = 0; i < lines.length; i++) lines[i] = reads[i % n];
        return lines;
    }

    /**
     * Runs the reads; failures are not results, only counted on stderr. A warm-up that ended
     * without a single success throws: the plan cannot run here (wrong keyspace or column family,
     * a server refusing reads).
     */
    static void run(Operations operations, Plan plan, int count) {
        int[] lines = lines(plan, count);
        int failed = 0;
        int inRow = 0;
        Exception last = null;
        for (int i = 0; i < lines.length; i++) {
            int op = lines[i];
            try {
                if (plan.kind(op) == Plan.Kind.INSERT) operations.get(plan.keys(op)[0]);
                else operations.run(op);
                inRow = 0;
            } catch (Exception e) {
                failed++;
                inRow++;
                last = e;
                if (inRow < FAILURES_IN_ROW) continue;
                if (failed == i + 1) {
                    throw new IllegalStateException("the warm-up's first " + failed + " reads failed, the last with: "
                            + ErrorKind.message(e), e);
                }
                break;
            }
        }
        if (failed > 0) {
            System.err.println("astyanax peer: warning: " + failed + " warm-up reads failed, the last with: "
                    + ErrorKind.message(last));
        }
    }
}
