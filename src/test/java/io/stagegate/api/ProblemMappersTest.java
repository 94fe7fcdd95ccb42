package io.stagegate.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    @Test
    void anUnexpectedFailureIsLoggedUnderTheErrorIdTheClientGets() {
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ProblemMappers.class.getName());
        logger.addHandler(capture);
        try {
            Response response = new ProblemMappers().unexpected(new java.io.IOException("disk full"));

            Problem problem = (Problem) response.getEntity();
            assertThat(response.getStatus()).isEqualTo(500);
            Matcher id = Pattern.compile("error id ([0-9a-f-]{36})").matcher(problem.detail());
            assertThat(id.find()).as("error id in %s", problem.detail()).isTrue();
            assertThat(records).anySatisfy(record -> {
                assertThat(new java.util.logging.SimpleFormatter().formatMessage(record)).contains(id.group(1));
                assertThat(record.getThrown()).hasMessage("disk full");
            });
        } finally {
            logger.removeHandler(capture);
        }
    }

    @Test
    void aProblemDocumentQuotesOnlyAPrefixOfAnyValue() {
        String huge = "x".repeat(1_000_000);
        Response response = new ProblemMappers().badInput(new BadInputException("stage " + huge,
                List.of(new InputError(0, 2, huge, huge, "stage " + Quote.of(huge) + " is not mapped")), 1));

        Problem problem = (Problem) response.getEntity();
        assertThat(problem.detail()).hasSizeLessThanOrEqualTo(Quote.MAX_MESSAGE_CHARS + 1);
        InputError error = (InputError) problem.errors().get(0);
        assertThat(error.id()).isEqualTo("x".repeat(60) + "…");
        assertThat(error.field()).hasSize(61);
        assertThat(error.message()).isEqualTo("stage '" + "x".repeat(60) + "…' is not mapped");
    }

    @Test
    void aRefusalCarryingItsProblemKeepsItsDetail() {
        Problem conflict = new Problem("/problems/nothing-synced", "Nothing is synced", 409, "no CRM is configured; name the CRM with ?crm=salesforce",
                null, null);

        Response response = new ProblemMappers().webApplication(new jakarta.ws.rs.WebApplicationException(
                Response.status(409).type(Problem.MEDIA_TYPE).entity(conflict).build()));

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        assertThat((Problem) response.getEntity()).isEqualTo(conflict);
    }

    @Test
    void aBareRefusalIsDescribedByItsStatus() {
        Response response = new ProblemMappers().webApplication(new jakarta.ws.rs.NotFoundException());

        Problem problem = (Problem) response.getEntity();
        assertThat(problem.status()).isEqualTo(404);
        assertThat(problem.title()).isEqualTo("Not Found");
        assertThat(problem.detail()).isEqualTo("HTTP 404 Not Found");
    }
}
