package io.sparkact.train.serial;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Kryo serialiser for ND4J arrays that copies the data buffer's bytes in bulk.
 *
 * <p>Why: under parameter averaging every split sends the parameters and the Adam moments (3x the model) to
 * the workers and back. ND4J's own serialisers, Java's ({@code BaseNDArrayProxy}) and Kryo's
 * ({@code Nd4jSerializer}), write and read such an array one element at a time through a data stream, which
 * a profile of {@code train} (JFR, 200k rows, averaging on local[2]) showed to be ~40% of the run: more than
 * the training itself. A bulk copy of the same bytes is memory-bandwidth bound.
 *
 * <p>Format: a version byte, the data type's name, the rank, the shape, then {@code length * width} bytes of
 * the array in C order and little-endian (ND4J's native layout on linux-x86_64, the only platform SparkAct
 * ships; a big-endian JVM is refused rather than misread). Views and F-order arrays are copied to a dense
 * C-order array first, so the reader always gets a fresh, detached, C-order array with the same values.
 */
public final class BulkArraySerializer extends Serializer<INDArray> {

    static final byte VERSION = 1;

    public BulkArraySerializer() {
        super(false, true);
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalStateException("BulkArraySerializer needs a little-endian platform, this one is "
                    + ByteOrder.nativeOrder());
        }
    }

    @Override
    public void write(Kryo kryo, Output out, INDArray array) {
        INDArray a = !array.isEmpty() && (array.isView() || array.ordering() != 'c') ? array.dup('c') : array;
        out.writeByte(VERSION);
        out.writeString(a.dataType().name());
        long[] shape = a.shape();
        out.writeInt(shape.length, true);
        for (long d : shape) {
            out.writeLong(d, true);
        }
        if (a.isEmpty()) {
            return;
        }
        long bytes = a.length() * a.dataType().width();
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new KryoException("array of " + bytes + " bytes is too large for one Kryo record");
        }
        ByteBuffer src = a.data().asNio().order(ByteOrder.LITTLE_ENDIAN);
        byte[] chunk = new byte[(int) Math.min(bytes, 1 << 20)];
        long offset = a.offset() * a.dataType().width();
        for (long done = 0; done < bytes; ) {
            int n = (int) Math.min(chunk.length, bytes - done);
            src.get(Math.toIntExact(offset + done), chunk, 0, n);
            out.writeBytes(chunk, 0, n);
            done += n;
        }
        // src views native memory without keeping a alive; ND4J frees it once a is unreachable
        Reference.reachabilityFence(a);
    }

    @Override
    public INDArray read(Kryo kryo, Input in, Class<INDArray> type) {
        byte version = in.readByte();
        if (version != VERSION) {
            throw new KryoException("unknown BulkArraySerializer format version " + version + "; this build reads "
                    + VERSION);
        }
        DataType dtype = DataType.valueOf(in.readString());
        int rank = in.readInt(true);
        long[] shape = new long[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = in.readLong(true);
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            long length = 1;
            for (long d : shape) {
                length *= d;
            }
            if (length == 0) {
                return Nd4j.create(dtype, shape);
            }
            INDArray a = Nd4j.createUninitialized(dtype, shape, 'c');
            long bytes = length * dtype.width();
            ByteBuffer dst = a.data().asNio().order(ByteOrder.LITTLE_ENDIAN);
            byte[] chunk = new byte[(int) Math.min(bytes, 1 << 20)];
            for (long done = 0; done < bytes; ) {
                int n = (int) Math.min(chunk.length, bytes - done);
                in.readBytes(chunk, 0, n);
                dst.put(Math.toIntExact(done), chunk, 0, n);
                done += n;
            }
            return a;
        }
    }
}
