package io.sparkact.data.synth;

import org.apache.spark.sql.SparkSession;

/**
 * Throughput of {@link SyntheticData#write} (not a unit test: run by hand with the test classpath).
 * Arguments: rows, output directory, format (parquet|criteo); prints rows/s and the oracle metrics.
 */
public final class SyntheticDataBench {

    private SyntheticDataBench() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(args[0]);
        SyntheticData.Format format = SyntheticData.Format.parse(args.length > 2 ? args[2] : "parquet");
        SparkSession spark = LocalSpark.start("SyntheticDataBench");
        spark.sparkContext().setLogLevel("WARN");
        SynthSpec spec = SynthSpec.builder().rows(rows).build();
        SyntheticData.write(spark, spec.toBuilder().rows(1000).build(), args[1], format);   // warm-up
        long t0 = System.nanoTime();
        OracleMetrics m = SyntheticData.write(spark, spec, args[1], format);
        double s = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        long n = SyntheticData.generate(spark, spec).filter("p >= 0").count();
        double g = (System.nanoTime() - t1) / 1e9;
        long t2 = System.nanoTime();
        OracleMetrics.compute(SyntheticData.generate(spark, spec), spec);
        double o = (System.nanoTime() - t2) / 1e9;
        System.out.printf("oracle metrics alone: %.1f s%n", o);
        System.out.printf("write %d rows (%s, train+valid+oracle): %.1f s, %.0f rows/s%n", rows, format, s, rows / s);
        System.out.printf("generate+count only: %.1f s, %.0f rows/s (%d rows)%n", g, n / g, n);
        System.out.println(m);
        spark.stop();
    }
}
