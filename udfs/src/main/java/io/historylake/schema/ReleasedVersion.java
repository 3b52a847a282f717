package io.historylake.schema;

import io.historylake.model.TableId;
import java.io.Serializable;

/** A quarantined schema version of a table that someone released: its rows go to the lake. */
public record ReleasedVersion(TableId table, int version) implements Serializable {}
