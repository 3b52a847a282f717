package io.historylake.job;

import io.historylake.enrich.AttributionRules;
import io.historylake.mask.MaskingRules;
import io.historylake.schema.SchemaPolicies;
import io.historylake.schema.SchemaPolicy;
import java.io.Serializable;

/**
 * How the pipeline enriches and protects changes: attribution rules, whether statement text is
 * kept, the masking of personal data, and what a schema violation does per table.
 */
public record EnrichmentSettings(
        AttributionRules attribution,
        boolean captureQuery,
        MaskingRules masking,
        SchemaPolicies schemaPolicies)
        implements Serializable {

    /** Conventional attribution, no statement text, no masking, quarantine on violations. */
    public static EnrichmentSettings defaults() {
        return new EnrichmentSettings(
                AttributionRules.defaults(),
                false,
                MaskingRules.none(),
                SchemaPolicies.all(SchemaPolicy.QUARANTINE));
    }
}
