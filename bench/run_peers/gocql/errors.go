package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"syscall"

	"github.com/gocql/gocql"
)

// errorKind names a failure with one of the six kinds of the results file, from gocql's own
// error types and values. gocql returns Cassandra's error frames as *RequestErr... types,
// its own time limit as ErrTimeoutNoResponse, and socket failures as they come from the net
// package (or as ErrConnectionClosed for the requests waiting on a connection that closed).
func errorKind(err error) string {
	var readTimeout *gocql.RequestErrReadTimeout
	var writeTimeout *gocql.RequestErrWriteTimeout
	var unavailable *gocql.RequestErrUnavailable
	var netErr *net.OpError
	switch {
	case errors.As(err, &readTimeout), errors.As(err, &writeTimeout):
		return "timeout"
	case errors.As(err, &unavailable):
		return "unavailable"
	case errors.Is(err, gocql.ErrTimeoutNoResponse):
		return "client_timeout"
	case errors.Is(err, gocql.ErrNoConnections):
		return "no_server_available"
	case errors.Is(err, gocql.ErrConnectionClosed),
		errors.Is(err, gocql.ErrTooManyTimeouts), // gocql closes a connection after too many
		errors.As(err, &netErr),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.EPIPE):
		return "connection"
	default:
		return "other"
	}
}

// errorHost is the server of the failed attempt as host:port: the host gocql's iterator names
// (reads), else the peer of a failed socket operation, else "-" (gocql's ExecuteBatch does not
// say which host a batch went to).
func errorHost(err error, host *gocql.HostInfo) string {
	if host != nil {
		return net.JoinHostPort(host.ConnectAddress().String(), strconv.Itoa(host.Port()))
	}
	var netErr *net.OpError
	if errors.As(err, &netErr) && netErr.Addr != nil {
		return netErr.Addr.String()
	}
	return "-"
}

// errorMessage is the error's text on one line.
func errorMessage(err error) string {
	if text := strings.Join(strings.Fields(err.Error()), " "); text != "" {
		return text
	}
	return fmt.Sprintf("(%T without a message)", err)
}
