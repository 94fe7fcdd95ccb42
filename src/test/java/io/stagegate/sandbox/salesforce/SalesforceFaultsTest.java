package io.stagegate.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.sandbox.FaultKind;
import io.stagegate.sandbox.FaultSettings;
import io.stagegate.sandbox.SandboxCrm;
import io.stagegate.sandbox.SandboxGate;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each injected fault, rendered as Salesforce renders the failure it stands for. */
@QuarkusTest
@TestProfile(SalesforceSandboxProfile.class)
class SalesforceFaultsTest {
    @Inject
    SandboxGate gate;

    @Inject
    SalesforceOrg org;

    private FaultSettings original;
    private String token;

    @BeforeEach
    void remember() {
        original = gate.settings(SandboxCrm.SALESFORCE);
        org.seed(TestDeals.many(5));
        token = SalesforceApi.token();
    }

    @AfterEach
    void restore() {
        gate.configure(SandboxCrm.SALESFORCE, original);
    }

    private void always(FaultKind kind) {
        gate.configure(SandboxCrm.SALESFORCE, new FaultSettings(0, 0, Map.of(kind, 1.0), 10, original.dailyQuota(), 0, 10_000));
    }

    @ParameterizedTest
    @CsvSource({
            "RATE_LIMIT, 429, REQUEST_LIMIT_EXCEEDED",
            "SERVER_ERROR, 500, UNKNOWN_EXCEPTION",
            "UNAVAILABLE, 503, SERVER_UNAVAILABLE",
            "TIMEOUT, 504, REQUEST_RUNNING_TOO_LONG",
            "SESSION_EXPIRED, 401, INVALID_SESSION_ID",
            "LOCK_ERROR, 400, UNABLE_TO_LOCK_ROW"
    })
    void randomFaultsAreRenderedInSalesforcesShape(FaultKind kind, int status, String errorCode) {
        always(kind);
        SalesforceApi.as(token).queryParam("q", "SELECT Id FROM Opportunity").get(SalesforceApi.DATA + "/query")
                .then().statusCode(status).contentType("application/json")
                .header("Sforce-Limit-Info", matchesPattern("api-usage=\\d+/\\d+"))
                .body("[0].errorCode", equalTo(errorCode));
    }

    @Test
    void messagesOfTheFaultsClientsReadClosely() {
        always(FaultKind.SESSION_EXPIRED);
        SalesforceApi.as(token).get(SalesforceApi.DATA + "/limits").then().statusCode(401).body("[0].message", equalTo("Session expired or invalid"));
        restore();
        SalesforceApi.as(token).get(SalesforceApi.DATA + "/limits").then().statusCode(401);
        SalesforceApi.as(SalesforceApi.token()).get(SalesforceApi.DATA + "/limits").then().statusCode(200);
        always(FaultKind.LOCK_ERROR);
        SalesforceApi.as(token).contentType("application/json").body("{\"Name\":\"x\"}")
                .patch(SalesforceApi.DATA + "/sobjects/Opportunity/" + org.opportunityId(2)).then().statusCode(400)
                .body("[0].errorCode", equalTo("UNABLE_TO_LOCK_ROW"))
                .body("[0].message", equalTo("unable to obtain exclusive access to this record or 1 records: " + org.opportunityId(2)));
    }

    @Test
    void aLockErrorInACollectionFailsOneRecordAndTheRestApply() {
        always(FaultKind.LOCK_ERROR);
        String body = "{\"records\":["
                + "{\"attributes\":{\"type\":\"Opportunity\"},\"id\":\"" + org.opportunityId(1) + "\",\"Over_Staged__c\":true},"
                + "{\"attributes\":{\"type\":\"Opportunity\"},\"id\":\"" + org.opportunityId(2) + "\",\"Over_Staged__c\":true}]}";
        SalesforceApi.as(token).contentType("application/json").body(body).patch(SalesforceApi.DATA + "/composite/sobjects")
                .then().statusCode(200)
                .body("[0].success", equalTo(false)).body("[0].errors[0].statusCode", equalTo("UNABLE_TO_LOCK_ROW"))
                .body("[0].errors[0].message", equalTo("unable to obtain exclusive access to this record or 1 records: " + org.opportunityId(1)))
                .body("[1].success", equalTo(true));
        assertThat(org.opportunity(org.opportunityId(1)).orElseThrow()).containsEntry("Over_Staged__c", false);
        assertThat(org.opportunity(org.opportunityId(2)).orElseThrow()).containsEntry("Over_Staged__c", true);
    }

    @Test
    void theDailyQuotaEndsIn403RequestLimitExceeded() {
        long used = gate.usage(SandboxCrm.SALESFORCE).used();
        gate.configure(SandboxCrm.SALESFORCE, new FaultSettings(0, 0, Map.of(), 10, used + 1, 0, 10_000));
        SalesforceApi.as(token).get(SalesforceApi.DATA + "/limits").then().statusCode(200).body("DailyApiRequests.Remaining", equalTo(0));
        Stream.of(SalesforceApi.DATA + "/limits", SalesforceApi.DATA + "/sobjects").forEach(path ->
                SalesforceApi.as(token).get(path).then().statusCode(403)
                        .header("Sforce-Limit-Info", equalTo("api-usage=" + (used + 1) + "/" + (used + 1)))
                        .body("[0].errorCode", equalTo("REQUEST_LIMIT_EXCEEDED")).body("[0].message", equalTo("TotalRequests Limit exceeded.")));
        SalesforceApi.token();
    }
}
