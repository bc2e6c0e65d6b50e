package io.github.cppcassa.bench.astyanax;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The results of one worker thread, kept in memory during the run (no lock, no I/O, no object
 * per successful operation) and written after the last operation has ended. Times are
 * nanoseconds since t0 here and microseconds in the file.
 */
final class Results {
    private long[] indexes;
    /** Intended start, start, end of operation j at 3j, 3j+1, 3j+2. */
    private long[] times;
    /** null for a success; else "KIND HOST MESSAGE". */
    private String[] errors;
    private int size;

    Results(int expected) {
        int capacity = Math.max(16, expected);
        indexes = new long[capacity];
        times = new long[3 * capacity];
        errors = new String[capacity];
    }

    void ok(long index, long intended, long start, long end) {
        add(index, intended, start, end, null);
    }

    void failed(long index, long intended, long start, long end, Throwable e) {
        add(index, intended, start, end,
                ErrorKind.of(e) + " " + ErrorKind.host(e) + " " + ErrorKind.message(e));
    }

    int size() { return size; }

    private void add(long index, long intended, long start, long end, String error) {
        if (size == indexes.length) grow();
        indexes[size] = index;
        times[3 * size] = intended;
        times[3 * size + 1] = start;
        times[3 * size + 2] = end;
        errors[size] = error;
        size++;
    }

    private void grow() {
        int capacity = 2 * indexes.length;
        indexes = Arrays.copyOf(indexes, capacity);
        times = Arrays.copyOf(times, 3 * capacity);
        errors = Arrays.copyOf(errors, capacity);
    }

    /**
     * Writes the run's CPU seconds as the "# run_cpu_s" note, then every worker's lines to `path`:
     * "INDEX INTENDED START END ok|KIND HOST MESSAGE".
     */
    static void write(Path path, List<Results> all, double runCpuSeconds) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            out.append(String.format(java.util.Locale.ROOT, "# run_cpu_s %.6f%n", runCpuSeconds));
            StringBuilder line = new StringBuilder(128);
            for (Results r : all) {
                for (int j = 0; j < r.size; j++) {
                    line.setLength(0);
                    line.append(r.indexes[j]).append(' ')
                            .append(r.times[3 * j] / 1000).append(' ')
                            .append(r.times[3 * j + 1] / 1000).append(' ')
                            .append(r.times[3 * j + 2] / 1000).append(' ')
                            .append(r.errors[j] == null ? "ok" : r.errors[j]).append('\n');
                    out.append(line);
                }
            }
        }
    }
}
