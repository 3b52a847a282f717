package io.historylake.metrics;

import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.OperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.InternalOperatorIOMetricGroup;

/**
 * Makes the job page's record counters move. The dashboard shows each task's records received and
 * sent; a task that starts with a source and ends in file sinks has neither (a source task counts
 * no input, a sink no output), so at parallelism 1, where the whole pipeline is one chained task,
 * it showed 0 / 0 after any snapshot. The task counts the records entering its first operator after
 * the source as received and the rows handed to the lake's writers as sent, as Flink does for the
 * head and tail of other chains.
 */
public final class TaskCounters {

    private TaskCounters() {}

    /** The task's records received are this operator's records in. */
    public static void countInputForTask(MetricGroup operator) {
        if (operator instanceof OperatorMetricGroup group
                && group.getIOMetricGroup() instanceof InternalOperatorIOMetricGroup io) {
            io.reuseInputMetricsForTask();
        }
    }

    /** The task's records sent include this operator's records out. */
    public static void countOutputForTask(MetricGroup operator) {
        if (operator instanceof OperatorMetricGroup group
                && group.getIOMetricGroup() instanceof InternalOperatorIOMetricGroup io) {
            io.reuseOutputMetricsForTask();
        }
    }
}
