package io.sparkact.jobs.sweep;

import java.util.Map;

/** Where an executor reports each trial the moment it ends; called from several threads at once. */
interface TrialSink {

    /** A trial finished; {@code result} is {@link TrialMetrics#of}'s map. */
    void finished(Trial trial, Map<String, Object> result, double seconds);

    /** A trial failed with {@code error}; the sweep goes on. */
    void failed(Trial trial, Throwable error, double seconds);
}
