package io.github.cppcassa.bench.astyanax;

import com.netflix.astyanax.connectionpool.Host;
import com.netflix.astyanax.connectionpool.exceptions.ConnectionException;
import com.netflix.astyanax.connectionpool.exceptions.HostDownException;
import com.netflix.astyanax.connectionpool.exceptions.NoAvailableHostsException;
import com.netflix.astyanax.connectionpool.exceptions.OperationTimeoutException;
import com.netflix.astyanax.connectionpool.exceptions.PoolTimeoutException;
import com.netflix.astyanax.connectionpool.exceptions.TimeoutException;
import com.netflix.astyanax.connectionpool.exceptions.TokenRangeOfflineException;
import com.netflix.astyanax.connectionpool.exceptions.TransportException;

/**
 * The six kinds of ../README.md from Astyanax's exception types. Astyanax has already turned the
 * Thrift and socket exceptions into its own (ThriftConverter.ToConnectionPoolException):
 * Cassandra's TimedOutException is OperationTimeoutException, its UnavailableException is
 * TokenRangeOfflineException, a socket read timeout is TimeoutException, and a broken or refused
 * socket is TransportException.
 */
final class ErrorKind {
    private ErrorKind() {}

    static String of(Throwable e) {
        if (e instanceof OperationTimeoutException) return "timeout";
        if (e instanceof TokenRangeOfflineException) return "unavailable";
        // TimeoutException: no answer within the socket timeout (timeout_ms). PoolTimeoutException:
        // no connection came free within maxTimeoutWhenExhausted, also timeout_ms here.
        if (e instanceof TimeoutException || e instanceof PoolTimeoutException) return "client_timeout";
        // NoAvailableHostsException: every host's pool is marked down. HostDownException: the
        // pool picked was marked down (reconnecting) when the call reached it.
        if (e instanceof NoAvailableHostsException || e instanceof HostDownException) return "no_server_available";
        // Refused, reset, closed (ConnectionAbortedException is a TransportException).
        if (e instanceof TransportException) return "connection";
        // The rest: BadRequestException (Cassandra's InvalidRequestException), an authentication
        // error, UnknownException (what Astyanax did not recognise), or no ConnectionException.
        return "other";
    }

    /** The server of the failed attempt as host:port, or "-" when Astyanax does not say. */
    static String host(Throwable e) {
        if (!(e instanceof ConnectionException)) return "-";
        Host host = ((ConnectionException) e).getHost();
        if (host == null || host == Host.NO_HOST) return "-";
        String address = host.getIpAddress();
        if (address.indexOf(':') >= 0) address = "[" + address + "]";
        return address + ":" + host.getPort();
    }

    /** Astyanax's own text of the error, on one line. */
    static String message(Throwable e) {
        String text = e.getMessage();
        if (text == null || text.isEmpty()) text = e.getClass().getName();
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}
