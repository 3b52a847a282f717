package io.historylake.job.testing;

import io.historylake.model.CdcEvent;
import io.historylake.serde.CdcTypeInfo;
import java.util.List;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/** A bounded source of given change events, in order, for running the pipeline in tests. */
public final class ListedEvents implements GeneratorFunction<Long, CdcEvent> {

    private static final long serialVersionUID = 1L;
    private final List<CdcEvent> events;

    private ListedEvents(List<CdcEvent> events) {
        this.events = List.copyOf(events);
    }

    /** The source emitting the events once, in order. */
    public static DataGeneratorSource<CdcEvent> source(List<CdcEvent> events) {
        return new DataGeneratorSource<>(
                new ListedEvents(events), events.size(), CdcTypeInfo.EVENTS);
    }

    @Override
    public CdcEvent map(Long index) {
        return events.get(index.intValue());
    }
}
