package io.github.cppcassa.bench.astyanax;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.netflix.astyanax.AstyanaxContext;
import com.netflix.astyanax.Keyspace;
import com.netflix.astyanax.connectionpool.Host;
import com.netflix.astyanax.connectionpool.HostConnectionPool;
import com.netflix.astyanax.connectionpool.NodeDiscoveryType;
import com.netflix.astyanax.connectionpool.impl.ConnectionPoolConfigurationImpl;
import com.netflix.astyanax.connectionpool.impl.ConnectionPoolType;
import com.netflix.astyanax.connectionpool.impl.CountingConnectionPoolMonitor;
import com.netflix.astyanax.connectionpool.impl.SimpleAuthenticationCredentials;
import com.netflix.astyanax.impl.AstyanaxConfigurationImpl;
import com.netflix.astyanax.model.ConsistencyLevel;
import com.netflix.astyanax.retry.RunOnce;
import com.netflix.astyanax.thrift.ThriftFamilyFactory;

/**
 * The Astyanax keyspace client, configured from the profile as a user would for this run.
 *
 * - Hosts: the profile's, as seeds, with NodeDiscoveryType.NONE: the pool uses exactly those
 *   hosts (no describe_ring), like every other client of the run.
 * - Pool: ConnectionPoolType.ROUND_ROBIN. TOKEN_AWARE needs the ring's tokens, which only ring
 *   discovery supplies; with the hosts given it has none to route by.
 * - Connections: the profile's `connections` in all, spread evenly: maxConnsPerHost =
 *   ceil(connections / hosts) (Astyanax sizes its pool per host), all opened by start()
 *   (initConnsPerHost = maxConnsPerHost).
 * - timeout_ms: the socket (read) timeout, the connect timeout, and how long a call may wait for
 *   a free connection (maxTimeoutWhenExhausted), so no call waits longer than that for anything.
 * - No retry: RunOnce and maxFailoverCount 0, one attempt per operation, so each failure counts
 *   (cppcassa's run with --retries 0). Astyanax still marks a host down after repeated failures
 *   and skips it while it reconnects in the background: that is its failover, and it shows as
 *   no_server_available when no host is left.
 * - Consistency: the profile's read_cl and write_cl as the keyspace's defaults.
 * - Login: SimpleAuthenticationCredentials(user, password) when the profile has a user.
 * - Nothing here asks Cassandra 3.11 for what it no longer serves: no CQL version is set (Astyanax
 *   calls set_cql_version only when one is configured), no schema or ring is described.
 */
final class AstyanaxClient implements AutoCloseable {
    final AstyanaxContext<Keyspace> context;
    final Keyspace keyspace;
    final int connectionsPerHost;
    final int hosts;
    private final ConnectFailures failures;

    private AstyanaxClient(AstyanaxContext<Keyspace> context, int connectionsPerHost, int hosts,
                           ConnectFailures failures) {
        this.context = context;
        this.keyspace = context.getClient();
        this.connectionsPerHost = connectionsPerHost;
        this.hosts = hosts;
        this.failures = failures;
    }

    int totalConnections() { return connectionsPerHost * hosts; }

    /**
     * Builds the client and opens every connection; `callers` is the most threads that may wait
     * for a connection at once (the closed loop's concurrency may exceed the connections).
     */
    static AstyanaxClient open(Profile p, String password, int callers) {
        int perHost = (p.connections + p.hosts.size() - 1) / p.hosts.size();
        ConnectionPoolConfigurationImpl pool = new ConnectionPoolConfigurationImpl("cppcassa-bench-run")
                .setSeeds(String.join(",", p.hosts))
                .setMaxConnsPerHost(perHost)
                .setInitConnsPerHost(perHost)
                .setSocketTimeout(p.timeoutMs)
                .setConnectTimeout(p.timeoutMs)
                .setMaxTimeoutWhenExhausted(p.timeoutMs)
                .setMaxFailoverCount(0)
                // The default (25) fails a call outright once 25 threads wait on one host's pool.
                .setMaxBlockedThreadsPerHost(Math.max(callers, 25));
        if (p.user != null) pool.setAuthenticationCredentials(new SimpleAuthenticationCredentials(p.user, password));

        AstyanaxConfigurationImpl config = new AstyanaxConfigurationImpl()
                .setDiscoveryType(NodeDiscoveryType.NONE)
                .setConnectionPoolType(ConnectionPoolType.ROUND_ROBIN)
                .setRetryPolicy(RunOnce.get())
                .setDefaultReadConsistencyLevel(consistency(p.readCl, "read_cl"))
                .setDefaultWriteConsistencyLevel(consistency(p.writeCl, "write_cl"));

        ConnectFailures failures = new ConnectFailures();
        AstyanaxContext<Keyspace> context = new AstyanaxContext.Builder()
                .forKeyspace(p.keyspace)
                .withAstyanaxConfiguration(config)
                .withConnectionPoolConfiguration(pool)
                .withConnectionPoolMonitor(failures)
                .buildKeyspace(ThriftFamilyFactory.getInstance());
        context.start();  // opens initConnsPerHost connections to each host, one after the other
        return new AstyanaxClient(context, perHost, p.hosts.size(), failures);
    }

    /** Hosts that have no open connection, each with why, or an empty list. */
    List<String> hostsDown() {
        List<String> down = new ArrayList<>();
        for (HostConnectionPool<?> pool : context.getConnectionPool().getPools()) {
            if (pool.getActiveConnectionCount() > 0 && !pool.isReconnecting()) continue;
            Exception why = failures.last.get(pool.getHost());
            down.add(pool.getHost().getUrl() + " (" + (why == null ? "no connection" : ErrorKind.message(why)) + ")");
        }
        return down;
    }

    @Override
    public void close() { context.shutdown(); }

    private static ConsistencyLevel consistency(String name, String field) {
        try {
            return ConsistencyLevel.valueOf("CL_" + name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("profile " + field + " '" + name + "' is no consistency level Astyanax knows");
        }
    }

    /** Keeps why a connection could not be opened, for the message when no host is usable. */
    private static final class ConnectFailures extends CountingConnectionPoolMonitor {
        final Map<Host, Exception> last = new ConcurrentHashMap<>();

        @Override
        public void incConnectionCreateFailed(Host host, Exception reason) {
            super.incConnectionCreateFailed(host, reason);
            if (host != null && reason != null) last.put(host, reason);
        }
    }
}
