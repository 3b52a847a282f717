package io.historylake.job.config;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** The S3 options of a local run (a cluster takes them from its own Flink configuration). */
public final class S3Options {

    private S3Options() {}

    public static final ConfigOption<String> ENDPOINT =
            ConfigOptions.key("s3.endpoint")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "S3 endpoint with its scheme, e.g. http://127.0.0.1:9000 for a local"
                                    + " S3 server; unset for AWS (region from the AWS chain).");
    public static final ConfigOption<Boolean> PATH_STYLE_ACCESS =
            ConfigOptions.key("s3.path.style.access")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription("Path-style S3 URLs (local S3 servers need them).");
    public static final ConfigOption<String> ACCESS_KEY =
            ConfigOptions.key("s3.access-key")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "S3 access key; unset uses the AWS credential chain (instance or task"
                                    + " role, environment, profile).");
    public static final ConfigOption<String> SECRET_KEY =
            ConfigOptions.key("s3.secret-key")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "S3 secret key, from the AWS_SECRET_ACCESS_KEY environment variable"
                                    + " or a --config file (never a flag); never logged.");
}
