package io.sparkact.jobs.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkact.jobs.cli.CliRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The small generated data set of the fault tests and the train arguments they share: {@code generate} run
 * in-process on local[2] (3 numeric and 3 categorical fields of 10 values each, as in TrainClusterIT), so a small
 * net learns most of what the true model knows in a few short epochs.
 */
public final class FaultData {

    private FaultData() {
    }

    /** Generates {@code rows} rows (80% train, 20% valid) into {@code dir}/train and {@code dir}/valid. */
    public static void generate(Path dir, long rows) {
        SparkSession local = SparkSession.builder().appName("fault data").master("local[2]")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            CliRunner.Result r = CliRunner.run("generate", "--set", "rows=" + rows, "--set", "output=" + dir,
                    "--set", "numeric_fields=3", "--set", "categorical_fields=3", "--set", "cardinalities=10");
            assertEquals(0, r.code, r.toString());
        } finally {
            local.stop();
        }
    }

    /** {@code --set} arguments for training on {@code data}: the model and settings of the fault tests. */
    public static List<String> trainSets(Path data, int epochs, String master) {
        List<String> a = new ArrayList<>();
        for (String kv : List.of("input.train=" + data.resolve("train"), "input.valid=" + data.resolve("valid"),
                "input.schema.numeric=I1,I2,I3", "input.schema.categorical=C1,C2,C3", "features.hash_buckets=1000",
                "model.hidden=32,16", "model.embedding_dim=8", "training.epochs=" + epochs,
                "training.batch_size=128", "training.learning_rate=0.01", "training.master=" + master)) {
            a.add("--set");
            a.add(kv);
        }
        return a;
    }
}
