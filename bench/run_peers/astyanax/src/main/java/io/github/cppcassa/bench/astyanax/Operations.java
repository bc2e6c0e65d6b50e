package io.github.cppcassa.bench.astyanax;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import com.netflix.astyanax.ColumnListMutation;
import com.netflix.astyanax.Keyspace;
import com.netflix.astyanax.MutationBatch;
import com.netflix.astyanax.connectionpool.exceptions.ConnectionException;
import com.netflix.astyanax.model.ByteBufferRange;
import com.netflix.astyanax.model.ColumnFamily;
import com.netflix.astyanax.model.ColumnList;
import com.netflix.astyanax.model.Row;
import com.netflix.astyanax.model.Rows;
import com.netflix.astyanax.serializers.BytesArraySerializer;
import com.netflix.astyanax.serializers.StringSerializer;
import com.netflix.astyanax.util.RangeBuilder;

/**
 * One plan operation as an Astyanax user writes it. Row keys and column names are ASCII strings
 * (StringSerializer), values bytes (BytesArraySerializer); consistency levels are the keyspace's
 * defaults (AstyanaxClient sets them from the profile), so no call names one.
 */
final class Operations {
    private final Keyspace keyspace;
    private final Plan plan;
    private final ColumnFamily<String, String> columnFamily;
    /** The whole row, first `columns` columns: what every read asks for. */
    private final ByteBufferRange firstColumns;
    private final String[] columnNames;
    /** One value per size the plan's inserts use; the bytes themselves do not matter. */
    private final Map<Integer, byte[]> values = new HashMap<>();

    Operations(Keyspace keyspace, Plan plan, String columnFamily, int columns) {
        this.keyspace = keyspace;
        this.plan = plan;
        this.columnFamily = new ColumnFamily<>(columnFamily, StringSerializer.get(), StringSerializer.get(),
                BytesArraySerializer.get());
        this.firstColumns = new RangeBuilder().setLimit(columns).build();
        this.columnNames = new String[columns];
        for (int c = 0; c < columns; c++) columnNames[c] = String.format("column%04d", c);
        for (int op = 0; op < plan.size(); op++) {
            if (plan.kind(op) == Plan.Kind.INSERT) {
                values.computeIfAbsent(plan.valueSize(op), size -> {
                    byte[] value = new byte[size];
                    Arrays.fill(value, (byte) 'v');
                    return value;
                });
            }
        }
    }

    /**
     * Runs plan operation `op` and returns how many columns it read or wrote. Reads walk their
     * columns, as a user would, because Astyanax wraps the Thrift columns lazily; values are not
     * copied out (cppcassa's own run does not copy them either).
     */
    int run(int op) throws ConnectionException {
        String[] keys = plan.keys(op);
        switch (plan.kind(op)) {
        case GET:
            return get(keys[0]);
        case MULTIGET:
            return countColumns(keyspace.prepareQuery(columnFamily).getKeySlice(keys)
                    .withColumnRange(firstColumns).execute().getResult());
        case RANGE:
            // From the key's token to the end of the ring (an empty end key), in token order.
            return countColumns(keyspace.prepareQuery(columnFamily)
                    .getKeyRange(keys[0], "", null, null, plan.rangeRows(op))
                    .withColumnRange(firstColumns).execute().getResult());
        case INSERT: {
            // The batch takes its timestamp (microseconds since the epoch) from Astyanax's clock
            // when it is prepared, that is at the time of the call.
            MutationBatch batch = keyspace.prepareMutationBatch();
            byte[] value = values.get(plan.valueSize(op));
            for (String key : keys) {
                ColumnListMutation<String> row = batch.withRow(columnFamily, key);
                for (String name : columnNames) row.putColumn(name, value);
            }
            batch.execute();
            return keys.length * columnNames.length;
        }
        default:
            throw new IllegalStateException("unknown operation kind " + plan.kind(op));
        }
    }

    /** The row's first `columns` columns (one get_slice); returns how many came back. */
    int get(String key) throws ConnectionException {
        ColumnList<String> row = keyspace.prepareQuery(columnFamily).getKey(key)
                .withColumnRange(firstColumns).execute().getResult();
        return countColumns(row);
    }

    private static int countColumns(ColumnList<String> row) {
        int n = 0;
        for (var column : row) if (column != null) n++;
        return n;
    }

    private static int countColumns(Rows<String, String> rows) {
        int n = 0;
        for (Row<String, String> row : rows) n += countColumns(row.getColumns());
        return n;
    }
}
