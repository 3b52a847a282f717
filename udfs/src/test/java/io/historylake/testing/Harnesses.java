package io.historylake.testing;

import io.historylake.enrich.LakeEnricher;
import io.historylake.enrich.TableKey;
import io.historylake.model.CdcEvent;
import io.historylake.model.RowChange;
import io.historylake.serde.CdcTypeInfo;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** Harnesses for keyed operators, and what they emitted and hold in state. */
public final class Harnesses {

    private Harnesses() {}

    /** The records the operator emitted so far, in order. */
    @SuppressWarnings("unchecked")
    public static <T> List<T> output(KeyedOneInputStreamOperatorTestHarness<?, ?, T> harness) {
        return harness.getOutput().stream()
                .filter(StreamRecord.class::isInstance)
                .map(r -> ((StreamRecord<T>) r).getValue())
                .toList();
    }

    /** The value of state {@code name} under {@code key}, or null. */
    public static <K, T> T value(
            KeyedOneInputStreamOperatorTestHarness<K, ?, ?> harness,
            K key,
            String name,
            TypeInformation<T> type)
            throws Exception {
        AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) harness.getOperator();
        operator.setCurrentKey(key);
        ValueState<T> state =
                operator.getKeyedStateBackend()
                        .getPartitionedState(
                                VoidNamespace.INSTANCE,
                                VoidNamespaceSerializer.INSTANCE,
                                new ValueStateDescriptor<>(name, type));
        return state.value();
    }

    /** A harness for the enrichment step, keyed by table as in the job. */
    public static KeyedOneInputStreamOperatorTestHarness<String, CdcEvent, RowChange> enricher(
            LakeEnricher enricher) throws Exception {
        var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(enricher), new TableKey(), Types.STRING);
        harness.setup(
                CdcTypeInfo.ROWS.createSerializer(
                        harness.getExecutionConfig().getSerializerConfig()));
        return harness;
    }
}
