package io.historylake.model;

/** The kind of a row change, with the one-letter code stored in the lake's {@code _op} column. */
public enum Op {
    /** A row read by the initial snapshot. */
    READ("r"),
    /** An insert. */
    CREATE("c"),
    /** An update. */
    UPDATE("u"),
    /** A delete; the lake row carries the before image. */
    DELETE("d");

    private final String code;

    Op(String code) {
        this.code = code;
    }

    /** The code stored in {@code _op}. */
    public String code() {
        return code;
    }

    /** The op for a Debezium {@code op} code ("r", "c", "u", "d"). */
    public static Op ofCode(String code) {
        return switch (code) {
            case "r" -> READ;
            case "c" -> CREATE;
            case "u" -> UPDATE;
            case "d" -> DELETE;
            default -> throw new IllegalArgumentException("Unknown change op '" + code + "'");
        };
    }
}
