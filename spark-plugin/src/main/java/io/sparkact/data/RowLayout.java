package io.sparkact.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * Positions of the encoded columns in a row type, resolved once on the driver so that executors index
 * rows by position. The label is optional (-1 when absent, e.g. rows to score).
 */
final class RowLayout implements Serializable {
    private static final long serialVersionUID = 1L;

    final int label;
    final int[] categorical;
    final int[] numeric;
    final int[] id;
    /** The encoded sequence columns (empty when the encoding has none). */
    final int[] sequence;

    private RowLayout(int label, int[] categorical, int[] numeric, int[] id, int[] sequence) {
        this.label = label;
        this.categorical = categorical;
        this.numeric = numeric;
        this.id = id;
        this.sequence = sequence;
    }

    static RowLayout of(StructType type, FeatureEncoding enc) {
        List<String> names = Arrays.asList(type.fieldNames());
        return new RowLayout(names.indexOf(enc.labelColumn()), find(names, enc.categoricalFields()),
                find(names, enc.numericFields()), findOptional(names, enc.idColumns()),
                find(names, enc.sequenceFields()));
    }

    private static int[] find(List<String> names, List<String> wanted) {
        int[] at = new int[wanted.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = names.indexOf(wanted.get(i));
            if (at[i] < 0) {
                throw new InputException("rows to encode have no column '" + wanted.get(i) + "'; they have: "
                        + String.join(", ", names));
            }
        }
        return at;
    }

    private static int[] findOptional(List<String> names, List<String> wanted) {
        return wanted.stream().mapToInt(names::indexOf).toArray();
    }
}
