package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"time"

	"github.com/gocql/gocql"
)

// connect opens a gocql session configured as a Go user would for this profile, and returns
// once every connection gocql opens has been made (or readyWait has passed).
func connect(p *profile) (*gocql.Session, error) {
	addrs, err := p.addresses()
	if err != nil {
		return nil, err
	}
	readCL, err := gocql.ParseConsistencyWrapper(p.ReadCL)
	if err != nil {
		return nil, fmt.Errorf("read_cl: %w", err)
	}
	cluster := gocql.NewCluster(addrs...)
	cluster.Port = p.CQLPort
	cluster.Keyspace = p.Keyspace
	cluster.Consistency = readCL // the default; writes name theirs
	// gocql keeps NumConns connections to every host it uses, each multiplexing up to 32768
	// requests (protocol v3 and later), so the profile's connections in all become
	// ceil(connections / hosts) per host. gocql also keeps one control connection for
	// metadata and events, which carries no requests.
	cluster.NumConns = (p.Connections + len(addrs) - 1) / len(addrs)
	cluster.Timeout = p.timeout()
	cluster.ConnectTimeout = p.timeout()
	// gocql's advice: route each request to a replica of its partition, round robin otherwise.
	cluster.PoolConfig.HostSelectionPolicy = gocql.TokenAwareHostPolicy(gocql.RoundRobinHostPolicy())
	// Each failure counts once, as for every peer: no retries.
	cluster.RetryPolicy = nil
	// The servers the profile names, as the Thrift clients know them: gocql would otherwise
	// add every node of the ring it discovers.
	cluster.HostFilter = gocql.WhiteListHostFilter(addrs...)
	if p.User != nil {
		cluster.Authenticator = gocql.PasswordAuthenticator{
			Username: *p.User,
			Password: os.Getenv("CPPCASSA_RUN_PASSWORD"),
		}
	}
	count := &connectionCount{dialer: net.Dialer{Timeout: cluster.ConnectTimeout}, dialed: map[string]int{}}
	cluster.Dialer = count
	cluster.ConnectObserver = count

	session, err := cluster.CreateSession()
	if errors.Is(err, gocql.ErrNoConnectionsStarted) {
		return nil, fmt.Errorf("cannot open a gocql session to %v port %d: %w (gocql's log above says why for each host: "+
			"a keyspace that does not exist, a login refused, ...)", addrs, p.CQLPort, err)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot open a gocql session to %v port %d: %w", addrs, p.CQLPort, err)
	}
	deadline := time.Now().Add(readyWait + cluster.ConnectTimeout)
	for !count.ready(cluster.NumConns) {
		if time.Now().After(deadline) {
			fmt.Fprintf(os.Stderr, "gocql peer: starting with %s\n", count.describe(cluster.NumConns))
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	return session, nil
}

// readyWait bounds the wait for the pools beyond the connect timeout: a host that took the
// session's first connection and refuses the others must not hold the run forever.
const readyWait = 10 * time.Second

// connectionCount follows the connections gocql makes, through the two hooks gocql offers:
// the dialer (TCP connections) and the connect observer (the CQL handshake that follows).
// CreateSession returns once each host holds its first pooled connection; gocql opens the
// others in the background, so the run waits for them here. The count is kept outside the
// connections themselves: wrapping a net.Conn would hide the *net.TCPConn that gocql's write
// coalescing needs for writev.
type connectionCount struct {
	dialer     net.Dialer
	mu         sync.Mutex
	dialed     map[string]int // TCP connections made, per address
	tcp        int            // TCP connections made
	tcpFailed  int            // TCP connections refused or timed out
	handshakes int            // CQL handshakes finished, successful or not
}

func (c *connectionCount) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	conn, err := c.dialer.DialContext(ctx, network, addr)
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil {
		c.tcpFailed++
	} else {
		c.dialed[addr]++
		c.tcp++
	}
	return conn, err
}

func (c *connectionCount) ObserveConnect(gocql.ObservedConnect) {
	c.mu.Lock()
	c.handshakes++
	c.mu.Unlock()
}

// beyondPools is the TCP connections gocql makes before the pools: one to find the protocol
// version (closed again), one for the control connection.
const beyondPools = 2

// ready: every host that accepted a connection holds numConns pooled ones, and each
// connection's handshake has ended (a failed TCP connect is observed too).
func (c *connectionCount) ready(numConns int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.tcp >= beyondPools+len(c.dialed)*numConns && c.handshakes >= c.tcp+c.tcpFailed
}

func (c *connectionCount) describe(numConns int) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return fmt.Sprintf("%d TCP connections made (%v), %d failed, %d handshakes ended; %d pooled per host expected",
		c.tcp, c.dialed, c.tcpFailed, c.handshakes, numConns)
}

// closeWait bounds closeSession.
const closeWait = 2 * time.Second

// closeSession closes the session, waiting at most closeWait: gocql 1.3's Session.Close
// deadlocks when the control connection is reconnecting at that moment, as it does after its
// heartbeat timed out on a loaded server (apache/cassandra-gocql-driver issue 1687, fixed after
// 1.3.2). The results are written by then, and the exit closes the sockets anyway.
func closeSession(s *gocql.Session) {
	closed := make(chan struct{})
	go func() {
		s.Close()
		close(closed)
	}()
	select {
	case <-closed:
	case <-time.After(closeWait):
		fmt.Fprintf(os.Stderr, "gocql peer: warning: the session did not close within %v "+
			"(gocql's Close waits on a reconnecting control connection); exiting without it\n", closeWait)
	}
}
