package main

import (
	"fmt"

	"github.com/gocql/gocql"
)

// executor runs the plan's operations with gocql. Every statement has bind markers, so gocql
// prepares it on each host the first time it goes there and sends EXECUTE from then on.
type executor struct {
	session  *gocql.Session
	readCL   gocql.Consistency
	writeCL  gocql.Consistency
	columns  int
	get      string
	multiget string
	scan     string
	insert   string
	names    [][]byte // column0000, column0001, ...
	value    []byte   // the inserts' values are its first SIZE bytes
}

func newExecutor(s *gocql.Session, p *profile, plan []op) (*executor, error) {
	readCL, err := gocql.ParseConsistencyWrapper(p.ReadCL)
	if err != nil {
		return nil, fmt.Errorf("read_cl: %w", err)
	}
	writeCL, err := gocql.ParseConsistencyWrapper(p.WriteCL)
	if err != nil {
		return nil, fmt.Errorf("write_cl: %w", err)
	}
	table := p.quotedTable()
	e := &executor{
		session: s,
		readCL:  readCL,
		writeCL: writeCL,
		columns: p.Columns,
		// A Thrift row is a CQL partition and each of its columns a CQL row (key, column1,
		// value), so a row's first `columns` columns are its first `columns` CQL rows.
		get:      fmt.Sprintf("SELECT column1, value FROM %s WHERE key = ? LIMIT %d", table, p.Columns),
		multiget: fmt.Sprintf("SELECT key, column1, value FROM %s WHERE key IN ? LIMIT ?", table),
		scan:     fmt.Sprintf("SELECT key, column1, value FROM %s WHERE token(key) >= token(?) LIMIT ?", table),
		insert:   fmt.Sprintf("INSERT INTO %s (key, column1, value) VALUES (?, ?, ?)", table),
	}
	for c := 0; c < p.Columns; c++ {
		e.names = append(e.names, []byte(fmt.Sprintf("column%04d", c)))
	}
	largest := 0
	for i := range plan {
		if plan[i].kind == opInsert && plan[i].n > largest {
			largest = plan[i].n
		}
	}
	e.value = make([]byte, largest)
	for i := range e.value {
		e.value[i] = 'v'
	}
	return e, nil
}

// run executes one operation and returns its error and, when gocql says it, the host tried.
func (e *executor) run(o *op) (*gocql.HostInfo, error) {
	switch o.kind {
	case opGet:
		return e.read(e.session.Query(e.get, o.keys[0]), false)
	case opMultiget:
		// One request with the keys in IN, like Thrift's multiget_slice: the coordinator
		// gathers the rows, and LIMIT bounds them to `columns` per key in all.
		return e.read(e.session.Query(e.multiget, o.keys, len(o.keys)*e.columns), true)
	case opRange:
		return e.read(e.session.Query(e.scan, o.keys[0], o.n*e.columns), true)
	default:
		return nil, e.write(o)
	}
}

// read fetches every row of the result (gocql pages beyond PageSize rows on its own).
func (e *executor) read(q *gocql.Query, withKey bool) (*gocql.HostInfo, error) {
	iter := q.Consistency(e.readCL).Iter()
	var key, column, value []byte
	if withKey {
		for iter.Scan(&key, &column, &value) {
		}
	} else {
		for iter.Scan(&column, &value) {
		}
	}
	host := iter.Host()
	err := iter.Close()
	q.Release()
	return host, err
}

// write sends one unlogged batch with `columns` columns for each key. The write timestamp is
// gocql's default: the client's clock in microseconds when the batch is sent.
func (e *executor) write(o *op) error {
	b := e.session.NewBatch(gocql.UnloggedBatch)
	b.SetConsistency(e.writeCL)
	value := e.value[:o.n]
	for _, key := range o.keys {
		for c := 0; c < e.columns; c++ {
			b.Query(e.insert, key, e.names[c], value)
		}
	}
	return e.session.ExecuteBatch(b)
}
