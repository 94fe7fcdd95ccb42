package io.stagegate.crm.salesforce;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.stagegate.config.EngineProducer;
import io.stagegate.criteria.Playbook;
import io.stagegate.testsupport.InjectWireMock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/** Common ground of the WireMock tests: a fresh WireMock, a gateway without session, caches or open circuits. */
abstract class SalesforceWireMockTest {
    static final Playbook PLAYBOOK = EngineProducer.shipped("salesforce").playbook();

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    SalesforceGateway gateway;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    SalesforceStubs stubs;

    @BeforeEach
    void freshOrg() {
        wireMock.resetAll();
        gateway.reset();
        circuitBreakers.resetAll();
        stubs = new SalesforceStubs(wireMock);
    }
}
