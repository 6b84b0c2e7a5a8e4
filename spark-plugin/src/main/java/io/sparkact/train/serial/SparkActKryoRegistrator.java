package io.sparkact.train.serial;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;
import org.nd4j.kryo.Nd4jRegistrator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Kryo registrations for training: ND4J's own ({@link Nd4jRegistrator}: its array serialiser, and the
 * unmodifiable and synchronized JDK collections that DL4J's objects hold), then {@link BulkArraySerializer} in
 * place of ND4J's element-by-element array serialiser, and {@link ImmutableCollectionSerializer} for the JDK's
 * {@code List.of}-style collections, which Kryo cannot rebuild by itself, and Java serialisation for records. Spark's {@code spark.kryo.registrator};
 * {@link io.sparkact.train.SparkSetup#configure} sets it.
 */
public final class SparkActKryoRegistrator implements KryoRegistrator {

    @Override
    public void registerClasses(Kryo kryo) {
        new Nd4jRegistrator().registerClasses(kryo);
        kryo.register(Nd4j.getBackend().getNDArrayClass(), new BulkArraySerializer());
        ImmutableCollectionSerializer.register(kryo);
        // Kryo 4 cannot build a FieldSerializer for a record (its final fields cannot be set reflectively);
        // records that travel in tasks, results or broadcasts are Serializable, so Java serialisation carries them
        kryo.addDefaultSerializer(Record.class, new JavaSerializer());
    }
}
