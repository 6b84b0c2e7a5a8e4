package io.sparkact.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The behaviour-sequence part of {@link FeatureEncoding}'s layout (see there): splitting "|"-separated cells,
 * keeping the most recent ids, aligning the columns at the recent end, hashing each id into its candidate's
 * bucket and writing the feature mask.
 */
final class SequenceCells {

    /** The separator of ids in a sequence cell. */
    static final char SEPARATOR = '|';

    private SequenceCells() { }

    /** The ids of a cell, oldest first; an empty or null cell has none, an empty id is "" (missing). */
    static List<String> ids(Object cell) {
        List<String> out = new ArrayList<>();
        if (cell == null) {
            return out;
        }
        String s = cell.toString();
        if (s.isEmpty()) {
            return out;
        }
        int from = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == SEPARATOR) {
                out.add(s.substring(from, i));
                from = i + 1;
            }
        }
        return out;
    }

    /** Writes the sequence ids and the mask of one row at {@code at} (the row's offset in both arrays). */
    static void encode(FeatureEncoding enc, RowLayout layout, Row row, float[] cat, float[] mask, int at) {
        int nCat = enc.fieldInputs();   // the categorical fields and the numeric bucket fields come first
        int k = layout.sequence.length;
        int maxLen = enc.maxSequenceLength();
        List<List<String>> cols = new ArrayList<>(k);
        int len = 0;
        for (int q = 0; q < k; q++) {
            List<String> ids = ids(row.get(layout.sequence[q]));
            cols.add(ids);
            len = Math.max(len, ids.size());
        }
        int kept = Math.min(len, maxLen);
        for (int c = 0; c < nCat; c++) {
            mask[at + c] = 1f;
        }
        List<String> candidates = enc.candidateFields();
        for (int j = 0; j < maxLen; j++) {
            for (int q = 0; q < k; q++) {
                int slot = at + nCat + j * k + q;
                if (j >= kept) {
                    cat[slot] = 0f; // padding: any valid index, masked out
                    mask[slot] = 0f;
                    continue;
                }
                List<String> ids = cols.get(q);
                // position j of the kept window [len - kept, len); this column starts len - ids.size() late
                int i = len - kept + j - (len - ids.size());
                String id = i < 0 || ids.get(i).isEmpty() ? null : ids.get(i);
                cat[slot] = enc.bucket(candidates.get(q), id);
                mask[slot] = 1f;
            }
        }
    }

    /** Rows whose longest sequence column has more than {@code maxLen} ids (one action; 0 without columns). */
    static long countLonger(Dataset<Row> rows, List<String> sequence, int maxLen) {
        if (sequence.isEmpty()) {
            return 0;
        }
        Column longer = null;
        for (String s : sequence) {
            // split keeps empty ids ("a||b" has 3); size(split(null)) is -1
            Column c = size(split(col(s).cast("string"), "\\|")).gt(lit(maxLen));
            longer = longer == null ? c : longer.or(c);
        }
        return rows.filter(longer).count();
    }
}
