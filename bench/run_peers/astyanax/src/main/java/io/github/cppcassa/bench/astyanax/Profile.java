package io.github.cppcassa.bench.astyanax;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.codehaus.jackson.JsonNode;
import org.codehaus.jackson.map.ObjectMapper;

/** What cppcassa-bench asks of this run: the profile file of ../README.md, read and checked. */
final class Profile {
    final List<String> hosts;
    final String keyspace;
    final String columnFamily;
    /** null: no login. */
    final String user;
    final String readCl;
    final String writeCl;
    final int columns;
    final int connections;
    /** Operations per second of the open loop; null for a closed loop. */
    final Double rate;
    final int concurrency;
    final int maxInFlight;
    final long durationMs;
    final long graceMs;
    final int timeoutMs;
    /** Reads before t0, unmeasured (../README.md, "Running the plan"); 0: none. */
    final int warmupOps;
    final Path plan;
    final long planOps;
    final boolean planCycles;
    final Path results;

    static final int WARMUP_OPS_DEFAULT = 300;

    private Profile(JsonNode root) {
        hosts = new ArrayList<>();
        for (JsonNode host : required(root, "hosts")) {
            if (!host.isTextual()) throw new IllegalArgumentException("'hosts' must hold strings (host:port)");
            hosts.add(host.getTextValue());
        }
        if (hosts.isEmpty()) throw new IllegalArgumentException("'hosts' is empty");
        keyspace = text(root, "keyspace");
        columnFamily = text(root, "column_family");
        user = required(root, "user").isNull() ? null : text(root, "user");
        readCl = text(root, "read_cl");
        writeCl = text(root, "write_cl");
        columns = positive(root, "columns");
        connections = positive(root, "connections");
        rate = required(root, "rate").isNull() ? null : required(root, "rate").getDoubleValue();
        if (rate != null && !(rate > 0)) throw new IllegalArgumentException("'rate' must be positive or null");
        concurrency = positive(root, "concurrency");
        maxInFlight = positive(root, "max_in_flight");
        durationMs = required(root, "duration_ms").getLongValue();
        graceMs = required(root, "grace_ms").getLongValue();
        timeoutMs = positive(root, "timeout_ms");
        // A profile from before warmup_ops existed warms up with the default.
        JsonNode warmup = root.get("warmup_ops");
        warmupOps = warmup == null || warmup.isNull() ? WARMUP_OPS_DEFAULT : warmup.getIntValue();
        if (warmupOps < 0) throw new IllegalArgumentException("'warmup_ops' must not be negative");
        plan = Path.of(text(root, "plan"));
        planOps = required(root, "plan_ops").getLongValue();
        planCycles = required(root, "plan_cycles").getBooleanValue();
        results = Path.of(text(root, "results"));
    }

    static Profile read(Path path) throws IOException {
        JsonNode root = new ObjectMapper().readTree(new File(path.toString()));
        try {
            return new Profile(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("profile " + path + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null) throw new IllegalArgumentException("missing field '" + name + "'");
        return node;
    }

    private static String text(JsonNode root, String name) {
        JsonNode node = required(root, name);
        if (!node.isTextual()) throw new IllegalArgumentException("'" + name + "' must be a string");
        return node.getTextValue();
    }

    private static int positive(JsonNode root, String name) {
        int value = required(root, name).getIntValue();
        if (value <= 0) throw new IllegalArgumentException("'" + name + "' must be a positive integer");
        return value;
    }
}
