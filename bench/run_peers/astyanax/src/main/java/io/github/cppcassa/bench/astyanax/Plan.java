package io.github.cppcassa.bench.astyanax;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The operations of the plan file (../README.md), parsed once before t0 so that running one costs
 * an array look-up, not a parse.
 */
final class Plan {
    enum Kind { GET, INSERT, MULTIGET, RANGE }

    private final Kind[] kinds;
    private final String[][] keys;
    /** Bytes per value of an insert, rows of a range, 0 otherwise. */
    private final int[] numbers;

    private Plan(Kind[] kinds, String[][] keys, int[] numbers) {
        this.kinds = kinds;
        this.keys = keys;
        this.numbers = numbers;
    }

    int size() { return kinds.length; }
    Kind kind(int op) { return kinds[op]; }
    String[] keys(int op) { return keys[op]; }
    /** Bytes per value of an insert. */
    int valueSize(int op) { return numbers[op]; }
    /** Rows a range asks for. */
    int rangeRows(int op) { return numbers[op]; }

    static Plan read(Path path) throws IOException {
        List<Kind> kinds = new ArrayList<>();
        List<String[]> keys = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.US_ASCII)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) continue;
                String[] f = line.split(" ");
                try {
                    switch (f[0]) {
                    case "get" -> add(kinds, keys, numbers, Kind.GET, f, 2, f[1], 0);
                    case "insert" -> add(kinds, keys, numbers, Kind.INSERT, f, 3, f[2], count(f[1]));
                    case "multiget" -> add(kinds, keys, numbers, Kind.MULTIGET, f, 2, f[1], 0);
                    case "range" -> add(kinds, keys, numbers, Kind.RANGE, f, 3, f[1], count(f[2]));
                    default -> throw new IllegalArgumentException("unknown operation '" + f[0] + "'");
                    }
                } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                    throw new IllegalArgumentException(
                            "plan " + path + " line " + (kinds.size() + 1) + " '" + line + "': " + e.getMessage(), e);
                }
            }
        }
        int[] n = new int[numbers.size()];
        for (int i = 0; i < n.length; i++) n[i] = numbers.get(i);
        return new Plan(kinds.toArray(new Kind[0]), keys.toArray(new String[0][]), n);
    }

    private static void add(List<Kind> kinds, List<String[]> keys, List<Integer> numbers, Kind kind,
                            String[] fields, int fieldCount, String keyList, int number) {
        if (fields.length != fieldCount) throw new IllegalArgumentException("expected " + fieldCount + " fields");
        String[] k = keyList.split(",");
        if (kind == Kind.GET || kind == Kind.RANGE) {
            if (k.length != 1) throw new IllegalArgumentException("expected one key");
        }
        kinds.add(kind);
        keys.add(k);
        numbers.add(number);
    }

    private static int count(String field) {
        int n = Integer.parseInt(field);
        if (n < 0) throw new IllegalArgumentException("negative number " + n);
        return n;
    }
}
