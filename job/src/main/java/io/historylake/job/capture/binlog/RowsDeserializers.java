package io.historylake.job.capture.binlog;

import io.historylake.shaded.binlog.event.TableMapEventData;
import io.historylake.shaded.binlog.event.deserialization.ColumnType;
import io.historylake.shaded.binlog.event.deserialization.DeleteRowsEventDataDeserializer;
import io.historylake.shaded.binlog.event.deserialization.UpdateRowsEventDataDeserializer;
import io.historylake.shaded.binlog.event.deserialization.WriteRowsEventDataDeserializer;
import io.historylake.shaded.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;

/** The library's rows-event decoders with the cells of {@link BinlogCells} decoded our way. */
final class RowsDeserializers {

    private RowsDeserializers() {}

    /** Inserts. */
    static final class Write extends WriteRowsEventDataDeserializer {
        Write(Map<Long, TableMapEventData> tables) {
            super(tables);
        }

        @Override
        protected Serializable deserializeCell(
                ColumnType type, int meta, int length, ByteArrayInputStream in) throws IOException {
            return BinlogCells.decodeOr(type, meta, length, in, super::deserializeCell);
        }
    }

    /** Updates. */
    static final class Update extends UpdateRowsEventDataDeserializer {
        Update(Map<Long, TableMapEventData> tables) {
            super(tables);
        }

        @Override
        protected Serializable deserializeCell(
                ColumnType type, int meta, int length, ByteArrayInputStream in) throws IOException {
            return BinlogCells.decodeOr(type, meta, length, in, super::deserializeCell);
        }
    }

    /** Deletes. */
    static final class Delete extends DeleteRowsEventDataDeserializer {
        Delete(Map<Long, TableMapEventData> tables) {
            super(tables);
        }

        @Override
        protected Serializable deserializeCell(
                ColumnType type, int meta, int length, ByteArrayInputStream in) throws IOException {
            return BinlogCells.decodeOr(type, meta, length, in, super::deserializeCell);
        }
    }
}
