package io.historylake.schema;

import io.historylake.model.SchemaVersion;
import io.historylake.model.TableId;
import java.io.Serializable;
import java.util.List;

/**
 * The schema versions a lake already holds for a table, oldest first. The enrichment step asks once
 * per table it has no state for (a new snapshot into a lake with the table's history, with {@code
 * --snapshot.new}), and numbers on from them: a schema file is never written twice with different
 * content, and the new schema is judged against every earlier one.
 */
public interface LakeSchemaHistory extends Serializable {

    /** A lake with no history: numbering starts at 1. */
    LakeSchemaHistory NONE = table -> List.of();

    List<SchemaVersion> versions(TableId table) throws Exception;
}
