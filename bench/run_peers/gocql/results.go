package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"time"

	"github.com/gocql/gocql"
)

// outcome is one finished operation, kept in memory until the run is over.
type outcome struct {
	index                int
	intended, start, end time.Duration // since t0
	err                  error
	host                 *gocql.HostInfo // the host gocql tried, when it says (failures only)
}

// processCPUSeconds is the process's CPU time so far (user + system, every thread).
func processCPUSeconds() float64 {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return float64(u.Utime.Sec+u.Stime.Sec) + float64(u.Utime.Usec+u.Stime.Usec)/1e6
}

// writeResults writes the results file: the run's CPU seconds as the "# run_cpu_s" note, then one
// line per outcome, times in microseconds since t0, errors classified only now so that the run
// itself does no formatting.
func writeResults(path string, runCPUSeconds float64, sets ...[]outcome) error {
	file, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("cannot write the results: %w", err)
	}
	w := bufio.NewWriterSize(file, 1<<20)
	if _, err := fmt.Fprintf(w, "# run_cpu_s %.6f\n", runCPUSeconds); err != nil {
		file.Close()
		return fmt.Errorf("cannot write the results: %w", err)
	}
	var line []byte
	for _, set := range sets {
		for i := range set {
			line = appendOutcome(line[:0], &set[i])
			if _, err := w.Write(line); err != nil {
				file.Close()
				return fmt.Errorf("cannot write the results: %w", err)
			}
		}
	}
	if err := w.Flush(); err != nil {
		file.Close()
		return fmt.Errorf("cannot write the results: %w", err)
	}
	return file.Close()
}

func appendOutcome(line []byte, o *outcome) []byte {
	line = strconv.AppendInt(line, int64(o.index), 10)
	for _, t := range []time.Duration{o.intended, o.start, o.end} {
		line = append(line, ' ')
		line = strconv.AppendInt(line, t.Microseconds(), 10)
	}
	if o.err == nil {
		return append(line, " ok\n"...)
	}
	line = append(line, ' ')
	line = append(line, errorKind(o.err)...)
	line = append(line, ' ')
	line = append(line, errorHost(o.err, o.host)...)
	line = append(line, ' ')
	line = append(line, errorMessage(o.err)...)
	return append(line, '\n')
}
