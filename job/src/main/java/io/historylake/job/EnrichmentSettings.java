package io.historylake.job;

import io.historylake.enrich.AttributionRules;
import io.historylake.mask.MaskingRules;
import java.io.Serializable;

/**
 * How the pipeline enriches and protects changes: attribution rules, whether statement text is
 * kept, and the masking of personal data.
 */
public record EnrichmentSettings(
        AttributionRules attribution, boolean captureQuery, MaskingRules masking)
        implements Serializable {

    /** Conventional attribution, no statement text, no masking. */
    public static EnrichmentSettings defaults() {
        return new EnrichmentSettings(AttributionRules.defaults(), false, MaskingRules.none());
    }
}
