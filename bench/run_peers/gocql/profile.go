package main

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"strings"
	"time"
)

// profile is the run's description that cppcassa-bench writes (README.md beside this directory).
type profile struct {
	Hosts        []string `json:"hosts"` // Thrift endpoints host:port; only their addresses are used here
	CQLPort      int      `json:"cql_port"`
	Keyspace     string   `json:"keyspace"`
	ColumnFamily string   `json:"column_family"`
	User         *string  `json:"user"` // nil: no login
	ReadCL       string   `json:"read_cl"`
	WriteCL      string   `json:"write_cl"`
	Columns      int      `json:"columns"`
	Connections  int      `json:"connections"` // in all, over every host
	Rate         *float64 `json:"rate"`        // ops/s; nil: closed loop
	Concurrency  int      `json:"concurrency"`
	MaxInFlight  int      `json:"max_in_flight"`
	DurationMs   int64    `json:"duration_ms"`
	GraceMs      int64    `json:"grace_ms"`
	TimeoutMs    int64    `json:"timeout_ms"`
	WarmupOps    *int     `json:"warmup_ops"` // nil: a profile from before it existed, defaultWarmupOps
	Plan         string   `json:"plan"`
	PlanOps      int      `json:"plan_ops"`
	PlanCycles   bool     `json:"plan_cycles"`
	Results      string   `json:"results"`
}

func loadProfile(path string) (*profile, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the profile: %w", err)
	}
	var p profile
	if err := json.Unmarshal(text, &p); err != nil {
		return nil, fmt.Errorf("profile %s is not valid JSON: %w", path, err)
	}
	if err := p.check(); err != nil {
		return nil, fmt.Errorf("profile %s: %w", path, err)
	}
	return &p, nil
}

func (p *profile) check() error {
	switch {
	case len(p.Hosts) == 0:
		return fmt.Errorf("no hosts")
	case p.CQLPort <= 0 || p.CQLPort > 65535:
		return fmt.Errorf("cql_port %d is not a port", p.CQLPort)
	case p.Keyspace == "" || p.ColumnFamily == "":
		return fmt.Errorf("keyspace and column_family are required")
	case p.Columns <= 0:
		return fmt.Errorf("columns must be positive")
	case p.Connections <= 0:
		return fmt.Errorf("connections must be positive")
	case p.Rate != nil && *p.Rate <= 0:
		return fmt.Errorf("rate must be positive (or null for a closed loop)")
	case p.Rate != nil && p.MaxInFlight <= 0:
		return fmt.Errorf("max_in_flight must be positive in an open loop")
	case p.Rate == nil && p.Concurrency <= 0:
		return fmt.Errorf("concurrency must be positive in a closed loop")
	case p.DurationMs <= 0 || p.GraceMs < 0 || p.TimeoutMs <= 0:
		return fmt.Errorf("duration_ms and timeout_ms must be positive, grace_ms not negative")
	case p.WarmupOps != nil && *p.WarmupOps < 0:
		return fmt.Errorf("warmup_ops must not be negative")
	case p.Plan == "" || p.Results == "":
		return fmt.Errorf("plan and results paths are required")
	}
	return nil
}

// addresses are the hosts without their Thrift port: the CQL port is the profile's cql_port.
func (p *profile) addresses() ([]string, error) {
	out := make([]string, 0, len(p.Hosts))
	for _, h := range p.Hosts {
		addr, _, err := net.SplitHostPort(h)
		if err != nil {
			return nil, fmt.Errorf("host %q is not host:port: %w", h, err)
		}
		out = append(out, addr)
	}
	return out, nil
}

// defaultWarmupOps is the warm-up of a profile without warmup_ops (README.md, "Running the plan").
const defaultWarmupOps = 300

func (p *profile) warmupOps() int {
	if p.WarmupOps == nil {
		return defaultWarmupOps
	}
	return *p.WarmupOps
}

func (p *profile) duration() time.Duration { return time.Duration(p.DurationMs) * time.Millisecond }
func (p *profile) grace() time.Duration    { return time.Duration(p.GraceMs) * time.Millisecond }
func (p *profile) timeout() time.Duration  { return time.Duration(p.TimeoutMs) * time.Millisecond }

// quotedTable is the column family as a CQL identifier: Thrift names keep their case, which
// CQL only preserves inside double quotes.
func (p *profile) quotedTable() string {
	return `"` + strings.ReplaceAll(p.ColumnFamily, `"`, `""`) + `"`
}
