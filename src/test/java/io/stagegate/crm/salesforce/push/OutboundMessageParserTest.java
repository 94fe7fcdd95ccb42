package io.stagegate.crm.salesforce.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagegate.intake.PushRefused;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SOAP envelope of salesforce.md §5a, read safely and strictly enough. */
class OutboundMessageParserTest {
    private static final String DOC_EXAMPLE = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
            + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
            + " <soapenv:Body><notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\">\n"
            + "  <OrganizationId>00D5g000000XXXXEAA</OrganizationId><ActionId>04k5g000000XXXXAAA</ActionId>\n"
            + "  <SessionId xsi:nil=\"true\"/>\n"
            + "  <EnterpriseUrl>https://acme.my.salesforce.com/services/Soap/c/62.0/00D5g000000XXXX</EnterpriseUrl>\n"
            + "  <PartnerUrl>https://acme.my.salesforce.com/services/Soap/u/62.0/00D5g000000XXXX</PartnerUrl>\n"
            + "  <Notification><Id>04l5g00000AbCdEAAV</Id>\n"
            + "   <sObject xsi:type=\"sf:Opportunity\" xmlns:sf=\"urn:sobject.enterprise.soap.sforce.com\">\n"
            + "    <sf:Id>0065g00000AbCdEAAV</sf:Id><sf:StageName>Negotiation/Review</sf:StageName><sf:Amount>125000.0</sf:Amount>\n"
            + "   </sObject></Notification>\n"
            + " </notifications></soapenv:Body></soapenv:Envelope>";

    private static OutboundMessage parse(String xml) {
        return OutboundMessageParser.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheDocumentedExample() {
        OutboundMessage message = parse(DOC_EXAMPLE);

        assertThat(message.organizationId()).isEqualTo("00D5g000000XXXXEAA");
        assertThat(message.actionId()).isEqualTo("04k5g000000XXXXAAA");
        assertThat(message.notifications()).singleElement().satisfies(notification -> {
            assertThat(notification.id()).isEqualTo("04l5g00000AbCdEAAV");
            assertThat(notification.objectType()).isEqualTo("Opportunity");
            assertThat(notification.recordId()).isEqualTo("0065g00000AbCdEAAV");
            assertThat(notification.fields()).containsExactly(java.util.Map.entry("Id", "0065g00000AbCdEAAV"),
                    java.util.Map.entry("StageName", "Negotiation/Review"), java.util.Map.entry("Amount", "125000.0"));
        });
    }

    @Test
    void keepsNilsAndEscapedTextSkipsCompoundValuesAndUnknownElements() {
        String xml = DOC_EXAMPLE.replace("<sf:Amount>125000.0</sf:Amount>", "<sf:Amount xsi:nil=\"true\"/><sf:Name>A &amp; B <![CDATA[<x>]]></sf:Name>"
                + "<sf:BillingAddress><sf:City>Ghent</sf:City></sf:BillingAddress>")
                .replace("<PartnerUrl>", "<Future><Nested/></Future><PartnerUrl>");

        OutboundMessage.Notification notification = parse(xml).notifications().get(0);

        assertThat(notification.fields()).containsEntry("Amount", null).containsEntry("Name", "A & B <x>").doesNotContainKey("BillingAddress")
                .doesNotContainKey("City");
    }

    @Test
    void refusesAnyDoctypeBeforeReadingIt() {
        String external = "<!DOCTYPE x [<!ENTITY e SYSTEM \"http://127.0.0.1:9/never-fetched\">]>" + DOC_EXAMPLE.replace("Negotiation/Review", "&e;");
        String parameterEntity = "<!DOCTYPE x [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>" + DOC_EXAMPLE;
        String externalDtd = "<!DOCTYPE x SYSTEM \"file:///etc/passwd\">" + DOC_EXAMPLE;

        for (String xml : List.of(external, parameterEntity, externalDtd)) {
            assertThatThrownBy(() -> parse(xml)).isInstanceOf(PushRefused.class).hasMessage("DOCTYPE declarations and entities are not allowed");
        }
    }

    @Test
    void refusesWhatIsNotAnOutboundMessage() {
        assertThatThrownBy(() -> parse(DOC_EXAMPLE.replace("<OrganizationId>00D5g000000XXXXEAA</OrganizationId>", "")))
                .hasMessage("the message has no OrganizationId");
        assertThatThrownBy(() -> parse(DOC_EXAMPLE.replace("http://soap.sforce.com/2005/09/outbound", "urn:other")))
                .hasMessage("the SOAP Body holds no notifications element of http://soap.sforce.com/2005/09/outbound");
        assertThatThrownBy(() -> parse(DOC_EXAMPLE.replace("<sf:Id>0065g00000AbCdEAAV</sf:Id>", "")))
                .hasMessage("Notification 1 (04l5g00000AbCdEAAV): the sObject has no Id");
        assertThatThrownBy(() -> parse("")).isInstanceOf(PushRefused.class).hasMessageStartingWith("the body is not well-formed XML");

        List<String> notifications = new ArrayList<>();
        String one = DOC_EXAMPLE.substring(DOC_EXAMPLE.indexOf("<Notification>"), DOC_EXAMPLE.indexOf("</Notification>") + "</Notification>".length());
        for (int i = 0; i < 101; i++) {
            notifications.add(one);
        }
        assertThatThrownBy(() -> parse(DOC_EXAMPLE.replace(one, String.join("", notifications))))
                .hasMessage("more than 100 notifications in one message");
    }
}
