package io.historylake.job.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> KNOWN =
            List.of("mysql.host", "mysql.port", "mysql.user", "lake.path", "checkpoint.dir");

    @Test
    void swappedLettersCountAsOneEdit() {
        assertThat(Suggestions.distance("mysql.hots", "mysql.host")).isEqualTo(1);
        assertThat(Suggestions.nearest("mysql.hots", KNOWN)).containsExactly("mysql.host");
    }

    @Test
    void theNearestNamesWinOverFartherOnes() {
        assertThat(Suggestions.nearest("mysql.hort", KNOWN))
                .containsExactly("mysql.host", "mysql.port");
    }

    @Test
    void aNameFarFromEveryKnownOneGetsNoSuggestion() {
        assertThat(Suggestions.nearest("parallelism", KNOWN)).isEmpty();
    }

    @Test
    void aDottedPartSuggestsTheNamesItBelongsTo() {
        assertThat(Suggestions.nearest("user", KNOWN)).containsExactly("mysql.user");
        assertThat(Suggestions.nearest("checkpoint", KNOWN)).containsExactly("checkpoint.dir");
    }

    @Test
    void caseDoesNotMatter() {
        assertThat(Suggestions.nearest("Lake.Path", KNOWN)).containsExactly("lake.path");
    }
}
