package io.sparkact.train.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.sparkact.train.SparkSetup;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import scala.reflect.ClassTag$;

class BulkArraySerializerTest {

    private static Kryo kryo() {
        Kryo k = new Kryo();
        k.setRegistrationRequired(false);
        k.setInstantiatorStrategy(new Kryo.DefaultInstantiatorStrategy(new org.objenesis.strategy.StdInstantiatorStrategy()));
        new SparkActKryoRegistrator().registerClasses(k);
        return k;
    }

    private static byte[] write(Kryo k, Object o) {
        Output out = new Output(1 << 10, -1);
        k.writeClassAndObject(out, o);
        return out.toBytes();
    }

    private static Object read(Kryo k, byte[] bytes) {
        return k.readClassAndObject(new Input(bytes));
    }

    private static INDArray roundTrip(INDArray a) {
        Kryo k = kryo();
        return (INDArray) read(k, write(k, a));
    }

    private static void assertSame(INDArray expected, INDArray actual) {
        assertEquals(expected.dataType(), actual.dataType());
        assertArrayEquals(expected.shape(), actual.shape());
        assertEquals('c', actual.ordering());
        assertEquals(expected, actual, "values");
    }

    @Test
    void everyDataTypeComesBackWithItsValuesAndShape() {
        INDArray base = Nd4j.linspace(-5, 6, 12, DataType.DOUBLE).reshape(3, 4);
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE, DataType.HALF, DataType.INT,
                DataType.LONG, DataType.BYTE, DataType.BOOL}) {
            INDArray a = base.castTo(t);
            assertSame(a, roundTrip(a));
        }
    }

    @Test
    void viewsAndFortranOrderAreWrittenAsDenseCOrderCopies() {
        INDArray a = Nd4j.linspace(1, 24, 24, DataType.FLOAT).reshape(4, 6);
        INDArray column = a.get(NDArrayIndex.all(), NDArrayIndex.point(3));      // a strided view, offset 3
        INDArray block = a.get(NDArrayIndex.interval(1, 3), NDArrayIndex.interval(2, 5));
        INDArray fortran = a.dup('f');
        assertSame(column, roundTrip(column));
        assertSame(block, roundTrip(block));
        assertSame(fortran, roundTrip(fortran));
        assertEquals(column.getFloat(2), roundTrip(column).getFloat(2));         // 16 = row 2, column 3
        assertEquals(16f, roundTrip(column).getFloat(2));
    }

    @Test
    void emptyAndScalarArrays() {
        INDArray empty = Nd4j.create(DataType.FLOAT, 0, 3);
        INDArray back = roundTrip(empty);
        assertTrue(back.isEmpty());
        assertArrayEquals(new long[] {0, 3}, back.shape());
        INDArray scalar = Nd4j.scalar(2.5f);
        assertSame(scalar, roundTrip(scalar));
        assertEquals(0, roundTrip(scalar).rank());
    }

    @Test
    void theDataIsTheRawLittleEndianIeeeBytesAfterTheHeader() {
        // Golden bytes, derived by hand from IEEE 754 single precision: 1.0f = 0x3F800000, -2.0f = 0xC0000000,
        // 0.5f = 0x3F000000; little-endian puts the low byte first.
        INDArray a = Nd4j.createFromArray(1f, -2f, 0.5f);
        Kryo k = kryo();
        Output out = new Output(64, -1);
        new BulkArraySerializer().write(k, out, a);
        byte[] bytes = out.toBytes();
        byte[] tail = Arrays.copyOfRange(bytes, bytes.length - 12, bytes.length);
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0, 0, (byte) 0xC0, 0, 0, 0, 0x3F}, tail);
        assertEquals(BulkArraySerializer.VERSION, bytes[0]);
    }

    @Test
    void anUnknownFormatVersionIsRefusedByNumber() {
        Kryo k = kryo();
        Output out = new Output(64, -1);
        new BulkArraySerializer().write(k, out, Nd4j.createFromArray(1f));
        byte[] bytes = out.toBytes();
        bytes[0] = 9;
        KryoException e = assertThrows(KryoException.class,
                () -> new BulkArraySerializer().read(k, new Input(bytes), INDArray.class));
        assertTrue(e.getMessage().contains("version 9"), e.getMessage());
    }

    @Test
    void immutableCollectionsRoundTripWithTheirElements() {
        Kryo k = kryo();
        List<String> withNull = Stream.of("a", null, "c").toList();
        for (Object o : new Object[] {List.of(), List.of("x"), List.of(1, 2, 3), List.of(1, 2, 3).subList(1, 3),
                Set.of(), Set.of("s"), Set.of(4, 5, 6), Map.of(), Map.of("k", 1), Map.of("k", 1, "j", 2),
                List.copyOf(new ArrayList<>(List.of(7, 8))), withNull}) {
            assertEquals(o, read(k, write(k, o)), o.getClass().getName());
        }
        @SuppressWarnings("unchecked")
        List<Object> back = (List<Object>) read(k, write(k, withNull));
        assertNull(back.get(1));
        assertThrows(UnsupportedOperationException.class, () -> back.add("d"));
    }

    /** A record like the sweep's task descriptions: Kryo 4 alone fails on it ("Unable to create serializer"). */
    record Task(String from, int epochsDone, List<String> names) implements java.io.Serializable {
    }

    @Test
    void recordsTravelByJavaSerialisation() {
        Kryo k = kryo();
        Task t = new Task("ckpt/a", 3, List.of("x", "y"));
        assertEquals(t, read(k, write(k, t)));
        assertThrows(RuntimeException.class, () -> {
            Kryo plain = new Kryo();
            plain.setRegistrationRequired(false);
            plain.writeClassAndObject(new Output(64, -1), t);
        }, "the negative control: plain Kryo 4 cannot serialise a record");
    }

    @Test
    void sparkKryoConfiguredBySparkSetupUsesTheBulkSerializer() {
        SparkConf conf = SparkSetup.configure(new SparkConf(false));
        SerializerInstance ser = new KryoSerializer(conf).newInstance();
        INDArray params = Nd4j.rand(DataType.FLOAT, 1000, 16);
        Map<String, Object> result = Map.of("params", params, "names", List.of("emb", "h0"));
        assertTrue(new KryoSerializer(conf).newKryo().getRegistration(params.getClass()).getSerializer()
                instanceof BulkArraySerializer);
        ByteBuffer bytes = ser.serialize(result, ClassTag$.MODULE$.apply(Map.class));
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) ser.deserialize(bytes, ClassTag$.MODULE$.apply(Map.class));
        assertEquals(params, back.get("params"));
        assertEquals(List.of("emb", "h0"), back.get("names"));
    }
}
