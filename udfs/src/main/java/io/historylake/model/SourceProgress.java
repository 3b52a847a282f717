package io.historylake.model;

/** The source has read the binlog up to {@code position}; never leaves the source operator. */
public record SourceProgress(BinlogPosition position) implements CdcEvent {}
