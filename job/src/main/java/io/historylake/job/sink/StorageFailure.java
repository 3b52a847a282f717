package io.historylake.job.sink;

import io.historylake.job.config.KnownOptions;
import io.historylake.job.config.RunOptions;
import io.historylake.job.config.S3Options;
import java.nio.file.FileAlreadyExistsException;
import java.util.List;
import java.util.Locale;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.Path;

/**
 * Why a directory could not be written, and the fix, in one line. The S3 file system is a plugin in
 * a class loader of its own, so its exceptions are recognised by name and message.
 */
final class StorageFailure {

    /** Longest part of an exception's message kept in the line. */
    private static final int CAUSE_LENGTH = 300;

    private enum Kind {
        NO_FILE_SYSTEM(
                "is on a file system this run cannot open",
                "a local run loads flink-s3-fs-hadoop from FLINK_PLUGINS_DIR (bin/history-lake"
                        + " sets job/target/plugins), a cluster from plugins/s3-fs-hadoop/",
                "UnsupportedFileSystemSchemeException",
                "could not find a file system implementation"),
        NO_BUCKET(
                "is in a bucket that does not exist",
                "create the bucket, or correct the bucket name in --%s",
                "UnknownStoreException",
                "NoSuchBucket",
                "bucket does not exist"),
        NO_CREDENTIALS(
                "cannot be accessed: no S3 credentials were found",
                "set --s3.access-key and the AWS_SECRET_ACCESS_KEY environment variable, or give"
                        + " the process credentials of the AWS chain (role, profile, AWS_* variables)",
                "NoAuthWithAWSException",
                "no aws credentials",
                "unable to load aws credentials"),
        DENIED(
                "is refused by S3: the credentials are wrong or may not write there",
                "check --s3.access-key and AWS_SECRET_ACCESS_KEY (or the role or profile the"
                        + " AWS chain finds), and that they are allowed s3:ListBucket, s3:PutObject"
                        + " and s3:DeleteObject there",
                "InvalidAccessKeyId",
                "SignatureDoesNotMatch",
                "AccessDenied",
                "status code: 403",
                "403 forbidden"),
        UNREACHABLE(
                "cannot be reached",
                "check --s3.endpoint (with its scheme, http:// or https://) and that the S3"
                        + " server answers",
                "UnknownHostException",
                "ConnectException",
                "connection refused",
                "connect timed out",
                "unable to execute http request"),
        LOCAL(
                "is not writable",
                "choose another --%s, or let the user "
                        + System.getProperty("user.name")
                        + " create and write it");

        final String problem;
        final String fix;
        final List<String> signs;

        Kind(String problem, String fix, String... signs) {
            this.problem = problem;
            this.fix = fix;
            this.signs = List.of(signs);
        }

        /** Whether a sign of this kind is in the (lower-case) exception chain. */
        boolean seenIn(String chain) {
            for (String sign : signs) {
                if (chain.contains(sign.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
            return false;
        }
    }

    private StorageFailure() {}

    /**
     * "Checkpoint directory 'file:/x' (--checkpoint.dir) is not writable (cause): fix", with the
     * secrets of {@code options} masked.
     */
    static String describe(String key, Path dir, Throwable failure, Configuration options) {
        Kind kind = kind(dir, chain(failure).toLowerCase(Locale.ROOT));
        boolean checkpoints = key.equals(RunOptions.CHECKPOINT_DIR.key());
        String endpoint =
                kind == Kind.NO_BUCKET || kind == Kind.UNREACHABLE
                        ? options.getOptional(S3Options.ENDPOINT).map(e -> " at " + e).orElse("")
                        : "";
        String message =
                (checkpoints ? "Checkpoint directory '" : "Lake path '")
                        + dir
                        + "' (--"
                        + key
                        + ") "
                        + kind.problem
                        + endpoint
                        + " ("
                        + cause(failure)
                        + "): "
                        + String.format(kind.fix, key);
        return masked(message, options);
    }

    /** S3's failures only for S3: "access denied" of a local file is no S3 credential. */
    private static Kind kind(Path dir, String chain) {
        String scheme = String.valueOf(dir.toUri().getScheme());
        if (!scheme.equals("file") && Kind.NO_FILE_SYSTEM.seenIn(chain)) {
            return Kind.NO_FILE_SYSTEM;
        }
        if (scheme.startsWith("s3")) {
            for (Kind kind : Kind.values()) {
                if (kind.seenIn(chain)) {
                    return kind;
                }
            }
        }
        return Kind.LOCAL;
    }

    /** Every exception of the chain, type and message. */
    private static String chain(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    /** The innermost exception, its type and the first line of its message. */
    private static String cause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage()).lines().findFirst().orElse("");
        if (root instanceof FileAlreadyExistsException) {
            return message + " is a file, not a directory"; // what a local mkdirs says
        }
        if (message.length() > CAUSE_LENGTH) {
            message = message.substring(0, CAUSE_LENGTH) + "...";
        }
        return root.getClass().getSimpleName() + ": " + message;
    }

    private static String masked(String message, Configuration options) {
        String text = message;
        for (String key : KnownOptions.SECRETS.keySet()) {
            String secret = options.toMap().get(key);
            if (secret != null && !secret.isEmpty()) {
                text = text.replace(secret, "****");
            }
        }
        return text;
    }
}
