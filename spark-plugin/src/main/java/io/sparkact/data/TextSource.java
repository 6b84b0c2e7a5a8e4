package io.sparkact.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.hadoop.util.LineReader;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Reads text input (Criteo TSV, CSV) as {@link Outcome}s that know their file and byte offset.
 *
 * <p>Lines come from Hadoop's {@link TextInputFormat} (key = byte offset of the line in its file), and
 * {@link JavaNewHadoopRDD#mapPartitionsWithInputSplit} tells each partition which file its split belongs to.
 * With {@code header = true} the first line of every file (offset 0) is the header: the driver reads each
 * file's header first (one short read per file) so that each file's columns are found by name, in
 * whatever order that file has them, and a header lacking a configured column fails before any job runs.
 */
final class TextSource {

    private TextSource() { }

    static JavaRDD<Outcome> outcomes(SparkSession spark, InputSpec spec, List<Path> files) throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Schema schema = spec.schema();
        Map<String, TextRowParser.Layout> layouts = schema.header() ? headerLayouts(spec, files, conf) : null;
        TextRowParser parser = new TextRowParser(spec, layouts);

        Job job = Job.getInstance(conf);
        FileInputFormat.setInputPaths(job, files.toArray(new Path[0]));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        @SuppressWarnings("unchecked")
        JavaNewHadoopRDD<LongWritable, Text> lines = (JavaNewHadoopRDD<LongWritable, Text>) jsc.newAPIHadoopRDD(
                job.getConfiguration(), TextInputFormat.class, LongWritable.class, Text.class);
        return lines.mapPartitionsWithInputSplit((split, it) -> parseAll(parser, split, it), false);
    }

    private static Iterator<Outcome> parseAll(TextRowParser parser, InputSplit split,
                                              Iterator<Tuple2<LongWritable, Text>> it) {
        String file = ((FileSplit) split).getPath().toString();
        return new Iterator<>() {
            private Outcome next = advance();

            // Hadoop reuses the Text object: each line is parsed before the reader moves on.
            private Outcome advance() {
                while (it.hasNext()) {
                    Tuple2<LongWritable, Text> t = it.next();
                    Outcome o = parser.parse(file, t._1().get(), t._2().getBytes(), t._2().getLength());
                    if (o != null) {
                        return o;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Outcome next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Outcome o = next;
                next = advance();
                return o;
            }
        };
    }

    /**
     * Reads the header of every file and maps the columns read to field positions (when scoring, the label
     * is not among them: a header may lack it, and a label it has is ignored).
     */
    private static Map<String, TextRowParser.Layout> headerLayouts(InputSpec spec, List<Path> files,
                                                                  Configuration conf) throws IOException {
        Schema schema = spec.schema();
        Map<String, TextRowParser.Layout> layouts = new HashMap<>();
        List<String> columns = spec.readColumns();
        for (Path f : files) {
            List<String> names = headerFields(schema, f, conf);
            int[] fieldOf = new int[columns.size()];
            for (int i = 0; i < fieldOf.length; i++) {
                fieldOf[i] = names.indexOf(columns.get(i));
                if (fieldOf[i] < 0) {
                    throw new InputException("input file " + f + " has no column '" + columns.get(i)
                            + "' in its header; the header has: " + String.join(", ", names));
                }
            }
            layouts.put(f.toString(), new TextRowParser.Layout(fieldOf, names.size()));
        }
        return layouts;
    }

    private static List<String> headerFields(Schema schema, Path f, Configuration conf) throws IOException {
        FileSystem fs = f.getFileSystem(conf);
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(f);
        Text line = new Text();
        try (InputStream raw = fs.open(f);
             InputStream in = codec == null ? raw : codec.createInputStream(raw)) {
            new LineReader(in, conf).readLine(line);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(line.getBytes(), 0, line.getLength())).toString();
        } catch (CharacterCodingException e) {
            throw new InputException("input file " + f + " has a header line that is not valid UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a UTF-8 byte order mark is not part of the first column's name
        }
        try {
            List<String> names = new ArrayList<>();
            for (String n : LineSplitter.split(text, schema.delimiter(), true)) {
                names.add(n.strip());
            }
            return names;
        } catch (Rejection r) {
            throw new InputException("input file " + f + " has an unparseable header line: " + r.getMessage());
        }
    }
}
