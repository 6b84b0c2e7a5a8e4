package io.sparkact.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which input columns play which role ({@code input.schema.*}): the label, numeric, categorical, sequence
 * and id columns, and for CSV the delimiter and whether each file starts with a header line.
 *
 * <p>Immutable and validated. The canonical column order, used by the readers' output and by CSV files
 * without a header, is: label, numeric…, categorical…, sequence…, id…. {@link #criteo()} is Criteo's fixed
 * layout: label, I1..I13, C1..C26, tab-separated, no header.
 *
 * <p>An empty label means "no label column": allowed here because rows to score have none
 * ({@link ReadPurpose#SCORE}); {@link InputSpec} refuses it for training.
 */
public final class Schema implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Default of {@code input.schema.max_sequence_length}. */
    public static final int DEFAULT_MAX_SEQUENCE_LENGTH = 50;
    /** Largest {@code input.schema.max_sequence_length}: the network input is padded to it. */
    public static final int MAX_SEQUENCE_LENGTH = 1000;

    private final String label;
    private final List<String> numeric;
    private final List<String> categorical;
    private final List<String> sequence;
    private final List<String> id;
    private final List<String> sequenceCandidate;
    private final int maxSequenceLength;
    private final char delimiter;
    private final boolean header;

    private Schema(Builder b) {
        this.label = b.label;
        this.numeric = List.copyOf(b.numeric);
        this.categorical = List.copyOf(b.categorical);
        this.sequence = List.copyOf(b.sequence);
        this.id = List.copyOf(b.id);
        this.sequenceCandidate = List.copyOf(b.sequenceCandidate);
        this.maxSequenceLength = b.maxSequenceLength;
        this.delimiter = b.delimiter;
        this.header = b.header;
    }

    /** Criteo's layout (label, I1..I13 integers, C1..C26 strings, tab-separated, no header). */
    public static Schema criteo() {
        Builder b = builder().label("label").delimiter("\t").header(false);
        List<String> num = new ArrayList<>();
        for (int i = 1; i <= 13; i++) {
            num.add("I" + i);
        }
        List<String> cat = new ArrayList<>();
        for (int i = 1; i <= 26; i++) {
            cat.add("C" + i);
        }
        return b.numeric(num).categorical(cat).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The label column, or "" when the schema has none (see {@link #hasLabel()}). */
    public String label() { return label; }
    public boolean hasLabel() { return !label.isEmpty(); }
    public List<String> numeric() { return numeric; }
    public List<String> categorical() { return categorical; }
    public List<String> sequence() { return sequence; }
    public List<String> id() { return id; }
    /**
     * The candidate column of each sequence column ({@code input.schema.sequence_candidate}, same order): a
     * categorical column whose hash space the sequence's ids share, so history and candidate share embeddings.
     */
    public List<String> sequenceCandidate() { return sequenceCandidate; }
    /** {@code input.schema.max_sequence_length}: longer sequences keep their last (most recent) ids. */
    public int maxSequenceLength() { return maxSequenceLength; }
    public char delimiter() { return delimiter; }
    public boolean header() { return header; }

    /** Every configured column in canonical order: label (when there is one), numeric, categorical, sequence, id. */
    public List<String> columns() {
        List<String> all = new ArrayList<>();
        if (hasLabel()) {
            all.add(label);
        }
        all.addAll(features());
        return all;
    }

    /** The columns other than the label, in canonical order: numeric, categorical, sequence, id. */
    public List<String> features() {
        List<String> all = new ArrayList<>();
        all.addAll(numeric);
        all.addAll(categorical);
        all.addAll(sequence);
        all.addAll(id);
        return all;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Schema)) {
            return false;
        }
        Schema s = (Schema) o;
        return label.equals(s.label) && numeric.equals(s.numeric) && categorical.equals(s.categorical)
                && sequence.equals(s.sequence) && id.equals(s.id) && sequenceCandidate.equals(s.sequenceCandidate)
                && maxSequenceLength == s.maxSequenceLength && delimiter == s.delimiter && header == s.header;
    }

    @Override
    public int hashCode() {
        return columns().hashCode() * 31 + delimiter + (header ? 1 : 0);
    }

    @Override
    public String toString() {
        return "Schema{label=" + label + ", numeric=" + numeric + ", categorical=" + categorical + ", sequence="
                + sequence + ", sequenceCandidate=" + sequenceCandidate + ", maxSequenceLength=" + maxSequenceLength
                + ", id=" + id + ", delimiter='" + delimiter + "', header=" + header + "}";
    }

    /** Builder; {@link #build()} validates and names the {@code input.schema.*} key of any error. */
    public static final class Builder {
        private String label = "label";
        private List<String> numeric = List.of();
        private List<String> categorical = List.of();
        private List<String> sequence = List.of();
        private List<String> id = List.of();
        private List<String> sequenceCandidate = List.of();
        private int maxSequenceLength = DEFAULT_MAX_SEQUENCE_LENGTH;
        private char delimiter = ',';
        private boolean header = true;

        private Builder() { }

        /** The label column; "" (or blank) for none, which only scoring accepts. */
        public Builder label(String v) { label = v; return this; }
        public Builder numeric(List<String> v) { numeric = copy("numeric", v); return this; }
        public Builder categorical(List<String> v) { categorical = copy("categorical", v); return this; }
        public Builder sequence(List<String> v) { sequence = copy("sequence", v); return this; }
        public Builder id(List<String> v) { id = copy("id", v); return this; }
        public Builder sequenceCandidate(List<String> v) { sequenceCandidate = copy("sequence_candidate", v); return this; }
        public Builder maxSequenceLength(int v) { maxSequenceLength = v; return this; }
        public Builder header(boolean v) { header = v; return this; }

        /** One character; {@code "\t"} (a real tab) for TSV. Quotes and line breaks are not allowed. */
        public Builder delimiter(String v) {
            if (v == null || v.length() != 1 || "\"\r\n".indexOf(v.charAt(0)) >= 0) {
                throw new InputException("input.schema.delimiter given invalid value '" + v
                        + "'; allowed: a single character other than a double quote or a line break");
            }
            delimiter = v.charAt(0);
            return this;
        }

        private static List<String> copy(String key, List<String> v) {
            if (v == null) {
                throw new InputException("input.schema." + key + " given invalid value null; allowed: a list of column names");
            }
            return new ArrayList<>(v);
        }

        public Schema build() {
            if (label == null) {
                throw new InputException("input.schema.label given invalid value null; allowed: a column name, "
                        + "or empty for none (scoring only)");
            }
            label = label.isBlank() ? "" : label;
            Set<String> seen = new HashSet<>();
            if (!label.isEmpty()) {
                seen.add(label);
            }
            checkNames("numeric", numeric, seen);
            checkNames("categorical", categorical, seen);
            checkNames("sequence", sequence, seen);
            checkNames("id", id, seen);
            checkSequences();
            return new Schema(this);
        }

        /**
         * Either no candidates (the sequence columns are read and passed along, not encoded), or one per sequence
         * column, each a distinct categorical column (its hash space is shared): the sequence columns then form
         * one behaviour (e.g. item id and item category) per position.
         */
        private void checkSequences() {
            if (!sequenceCandidate.isEmpty() && sequenceCandidate.size() != sequence.size()) {
                throw new InputException("input.schema.sequence_candidate given invalid value " + sequenceCandidate
                        + "; allowed: [] or one categorical column per input.schema.sequence column " + sequence);
            }
            Set<String> seen = new HashSet<>();
            for (String c : sequenceCandidate) {
                if (!categorical.contains(c) || !seen.add(c)) {
                    throw new InputException("input.schema.sequence_candidate given invalid value '" + c
                            + "'; allowed: distinct columns of input.schema.categorical " + categorical);
                }
            }
            if (maxSequenceLength < 1 || maxSequenceLength > MAX_SEQUENCE_LENGTH) {
                throw new InputException("input.schema.max_sequence_length given invalid value " + maxSequenceLength
                        + "; allowed: 1 <= value <= " + MAX_SEQUENCE_LENGTH);
            }
        }

        private static void checkNames(String key, List<String> names, Set<String> seen) {
            for (String n : names) {
                if (n == null || n.isBlank()) {
                    throw new InputException("input.schema." + key + " given invalid value '" + n
                            + "'; allowed: non-empty column names");
                }
                if (!seen.add(n)) {
                    throw new InputException("input.schema." + key + " given invalid value '" + n
                            + "'; allowed: each column in at most one role (label, numeric, categorical, sequence, id)");
                }
            }
        }
    }
}
