package io.historylake.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlCommentsTest {

    @Test
    void sqlcommenterTagsAreReadAndUrlDecoded() {
        assertThat(
                        SqlComments.tags(
                                "UPDATE t SET a = 1 /*user_id='15016',request_id='abc-123',"
                                        + "route='%2Fapi%2Fv1%20x',traceparent='00-4bf9-01'*/"))
                .containsExactly(
                        Map.entry("user_id", "15016"),
                        Map.entry("request_id", "abc-123"),
                        Map.entry("route", "/api/v1 x"),
                        Map.entry("traceparent", "00-4bf9-01"));
    }

    @Test
    void escapedQuotesAndSpacesAroundTagsAreAllowed() {
        assertThat(SqlComments.tags("SELECT 1 /* user_id='o\\'brien' , request_id='r 1' */"))
                .containsEntry("user_id", "o'brien")
                .containsEntry("request_id", "r 1");
    }

    @Test
    void statementsWithoutTagsOrWithOrdinaryCommentsGiveNoTags() {
        assertThat(SqlComments.tags(null)).isEmpty();
        assertThat(SqlComments.tags("DELETE FROM t WHERE id = 3")).isEmpty();
        assertThat(SqlComments.tags("/* nightly cleanup */ DELETE FROM t")).isEmpty();
        assertThat(SqlComments.tags("UPDATE t SET a = '/*' WHERE b = 2")).isEmpty();
    }

    @Test
    void aLaterCommentWinsOverAnEarlierOne() {
        assertThat(SqlComments.tags("/*user_id='1'*/ UPDATE t SET a = 1 /*user_id='2'*/"))
                .containsEntry("user_id", "2");
    }
}
