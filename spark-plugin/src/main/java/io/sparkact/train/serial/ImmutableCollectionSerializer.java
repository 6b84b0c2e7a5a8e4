package io.sparkact.train.serial;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kryo serialisers for the JDK's immutable collections ({@code List.of}, {@code List.copyOf},
 * {@code Stream.toList()}, {@code Set.of}, {@code Map.of}, ...). Kryo's default collection serialisers create an
 * empty instance and call {@code add}/{@code put}, which these classes refuse, so without this a broadcast or a
 * task result holding one fails under Kryo. They are read back as immutable collections with the same
 * elements (in the same iteration order); a list with nulls (only {@code Stream.toList()} makes one) comes back
 * as an unmodifiable list.
 */
final class ImmutableCollectionSerializer {

    private ImmutableCollectionSerializer() {
    }

    /** Registers the serialisers for every immutable collection class of this JDK. */
    static void register(Kryo kryo) {
        ListSer list = new ListSer();
        for (Object o : new Object[] {List.of(), List.of(1), List.of(1, 2, 3), List.of(1, 2, 3).subList(0, 2),
                java.util.stream.Stream.of(1, 2, 3).toList()}) {
            kryo.register(o.getClass(), list);
        }
        SetSer set = new SetSer();
        for (Object o : new Object[] {Set.of(), Set.of(1), Set.of(1, 2, 3)}) {
            kryo.register(o.getClass(), set);
        }
        MapSer map = new MapSer();
        for (Object o : new Object[] {Map.of(), Map.of(1, 1), Map.of(1, 1, 2, 2)}) {
            kryo.register(o.getClass(), map);
        }
    }

    private static void writeAll(Kryo kryo, Output out, Collection<?> c) {
        out.writeInt(c.size(), true);
        for (Object e : c) {
            kryo.writeClassAndObject(out, e);
        }
    }

    private static final class ListSer extends Serializer<List<?>> {
        ListSer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, List<?> list) {
            writeAll(kryo, out, list);
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public List<?> read(Kryo kryo, Input in, Class<List<?>> type) {
            int n = in.readInt(true);
            List<Object> items = new ArrayList<>(n);
            boolean nulls = false;
            for (int i = 0; i < n; i++) {
                Object e = kryo.readClassAndObject(in);
                nulls |= e == null;
                items.add(e);
            }
            return nulls ? Collections.unmodifiableList(items) : List.copyOf(items);
        }
    }

    private static final class SetSer extends Serializer<Set<?>> {
        SetSer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, Set<?> set) {
            writeAll(kryo, out, set);
        }

        @Override
        public Set<?> read(Kryo kryo, Input in, Class<Set<?>> type) {
            int n = in.readInt(true);
            Set<Object> items = new LinkedHashSet<>();
            for (int i = 0; i < n; i++) {
                items.add(kryo.readClassAndObject(in));
            }
            return Set.copyOf(items);
        }
    }

    private static final class MapSer extends Serializer<Map<?, ?>> {
        MapSer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, Map<?, ?> map) {
            out.writeInt(map.size(), true);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                kryo.writeClassAndObject(out, e.getKey());
                kryo.writeClassAndObject(out, e.getValue());
            }
        }

        @Override
        public Map<?, ?> read(Kryo kryo, Input in, Class<Map<?, ?>> type) {
            int n = in.readInt(true);
            Map<Object, Object> items = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                Object k = kryo.readClassAndObject(in);
                items.put(k, kryo.readClassAndObject(in));
            }
            return Map.copyOf(items);
        }
    }
}
