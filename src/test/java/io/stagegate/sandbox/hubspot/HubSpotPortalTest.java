package io.stagegate.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.stagegate.criteria.OutputField;
import io.stagegate.sandbox.org.OrgGenerator;
import io.stagegate.sandbox.org.SyntheticDeal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The portal store: seeding from synthetic deals, writes, derived properties, history and change events. */
class HubSpotPortalTest {
    private static final long APP_ID = 54321;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00.123Z"));
    private HubSpotPortal portal;
    private final List<DealChange> changes = new ArrayList<>();

    @BeforeEach
    void seed() {
        portal = new HubSpotPortal(HubSpotFixtures.playbook(), clock, APP_ID);
        portal.seed(HubSpotFixtures.deals().stream());
        portal.addListener(changes::add);
    }

    @Test
    void dealIdsFollowTheSequence() {
        assertThat(HubSpotPortal.dealId(0)).isEqualTo("10000000000");
        assertThat(portal.get(HubSpotFixtures.id(3))).get().extracting(DealSnapshot::id).isEqualTo("10000000003");
        assertThat(portal.size()).isEqualTo(12);
    }

    @Test
    void aGeneratedOrgSpreadsItsDealsOverBothPipelinesWithTheirOwnStages() {
        portal.seed(new OrgGenerator(HubSpotFixtures.playbook(), 42, 1_000, clock).deals());
        Map<String, List<DealSnapshot>> byPipeline = portal.liveDeals().collect(Collectors.groupingBy(deal -> deal.property("pipeline")));

        assertThat(byPipeline).containsOnlyKeys("default", "75839201");
        assertThat(byPipeline.get("75839201")).hasSizeBetween(400, 600)
                .allSatisfy(deal -> assertThat(deal.property("dealstage")).startsWith("758392"));
        assertThat(byPipeline.get("default")).allSatisfy(deal -> assertThat(deal.property("dealstage")).matches("[a-z]+"));
        assertThat(byPipeline.get("75839201").stream().map(deal -> deal.property("dealstage")).distinct()).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void settingAnAssociationCountAddsOrRemovesContactsAndRecalculatesTheirNumber() {
        String id = HubSpotFixtures.id(0);
        assertThat(portal.get(id).orElseThrow().property("num_associated_contacts")).isEqualTo("1");
        clock.set(Instant.parse("2026-03-02T08:00:00Z"));

        DealSnapshot more = portal.setAssociationCount(id, "contacts", 4, ChangeSource.user(portal.ownerId(HubSpotFixtures.OPTIMIST)));

        assertThat(more.associationCounts()).containsEntry("contacts", 4);
        assertThat(more.property("num_associated_contacts")).isEqualTo("4");
        assertThat(more.property("hs_lastmodifieddate")).isEqualTo("2026-03-02T08:00:00.000Z");
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).changes()).extracting(DealChange.PropertyChange::name, DealChange.PropertyChange::value)
                .containsExactly(tuple("num_associated_contacts", "4"));
        assertThat(changes.get(0).source().sourceType()).isEqualTo(ChangeSource.CRM_UI);
        assertThat(portal.setAssociationCount(id, "contacts", 2, ChangeSource.calculated()).associationCounts()).containsEntry("contacts", 2);
        assertThatThrownBy(() -> portal.setAssociationCount("999", "contacts", 1, ChangeSource.calculated())).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void liveDealsInIdOrder() {
        portal.archive(HubSpotFixtures.id(0), ChangeSource.integration(APP_ID));
        assertThat(portal.liveDeals().map(DealSnapshot::id)).hasSize(11).first().isEqualTo(HubSpotFixtures.id(1));
    }

    @Test
    void seededValuesAreHubSpotStrings() {
        DealSnapshot deal = portal.get(HubSpotFixtures.id(2)).orElseThrow();
        assertThat(deal.property("hs_object_id")).isEqualTo("10000000002");
        assertThat(deal.property("dealname")).isEqualTo("Initech pilot");
        assertThat(deal.property("dealstage")).isEqualTo("presentationscheduled");
        assertThat(deal.property("pipeline")).isEqualTo("default");
        assertThat(deal.property("amount")).isEqualTo("3000");
        assertThat(deal.property("deal_currency_code")).isEqualTo("EUR");
        assertThat(deal.property("closedate")).isEqualTo("2026-04-02T00:00:00.000Z");
        assertThat(deal.property("createdate")).isEqualTo("2026-01-07T09:00:00.000Z");
        assertThat(deal.property("budget_confirmed")).isEqualTo("true");
        assertThat(deal.property("next_step_date")).isEqualTo("2026-02-27");
        assertThat(deal.property("hs_deal_stage_probability")).isEqualTo("0.59999999999999997779553950749686919152736663818359375");
        assertThat(deal.property("hs_is_closed")).isEqualTo("false");
        assertThat(deal.property("hs_projected_amount")).isEqualTo("1800");
        assertThat(deal.property("hubspot_owner_id")).isEqualTo(portal.ownerId(HubSpotFixtures.RELIABLE)).matches("\\d+");
        assertThat(deal.associationCounts()).containsEntry("contacts", 3);
    }

    @Test
    void seededStageHistoryGivesTheStageDates() {
        DealSnapshot deal = portal.get(HubSpotFixtures.id(2)).orElseThrow();
        assertThat(deal.property("hs_v2_date_entered_appointmentscheduled")).isEqualTo("2026-01-07T09:00:00.000Z");
        assertThat(deal.property("hs_v2_date_exited_appointmentscheduled")).isEqualTo("2026-01-10T09:00:00.000Z");
        assertThat(deal.property("hs_v2_date_entered_presentationscheduled")).isEqualTo("2026-01-13T09:00:00.000Z");
        assertThat(deal.property("hs_v2_date_entered_current_stage")).isEqualTo("2026-01-13T09:00:00.000Z");
        assertThat(deal.property("hs_v2_date_entered_contractsent")).isNull();
        assertThat(deal.updatedAt()).isEqualTo(Instant.parse("2026-01-13T09:00:00Z"));
        List<HistoryEntry> history = portal.history(portal.live(deal.id()), "dealstage");
        assertThat(history).extracting(HistoryEntry::value).containsExactly("presentationscheduled", "qualifiedtobuy", "appointmentscheduled");
        assertThat(history.get(0).source().sourceType()).isEqualTo("CRM_UI");
        assertThat(history.get(0).source().sourceId()).isEqualTo("userId:" + portal.ownerId(HubSpotFixtures.RELIABLE));
    }

    @Test
    void closedStagesAreDerived() {
        DealSnapshot won = portal.get(HubSpotFixtures.id(5)).orElseThrow();
        assertThat(won.property("hs_is_closed_won")).isEqualTo("true");
        assertThat(won.property("hs_deal_stage_probability")).isEqualTo("1");
        DealSnapshot lost = portal.get(HubSpotFixtures.id(6)).orElseThrow();
        assertThat(lost.property("hs_is_closed_lost")).isEqualTo("true");
        assertThat(lost.property("hs_deal_stage_probability")).isEqualTo("0");
    }

    @Test
    void criteriaAndOutputPropertiesAreDefined() {
        assertThat(portal.schema.get("verbal_commitment")).get().extracting(PropertyDefinition::type).isEqualTo(PropertyType.BOOL);
        assertThat(portal.schema.get("contract_received_date")).get().extracting(PropertyDefinition::type).isEqualTo(PropertyType.DATE);
        for (OutputField field : OutputField.values()) {
            assertThat(portal.schema.get(io.stagegate.playbook.CrmDialects.HUBSPOT.outputField(field))).as(field.name()).isPresent();
        }
        assertThat(portal.schema.get("hs_deal_stage_probability")).get().extracting(PropertyDefinition::readOnlyValue).isEqualTo(true);
    }

    @Test
    void anUpdateBumpsTheModificationDateAndRecordsHistoryWithItsSource() {
        clock.set(Instant.parse("2026-03-02T08:30:00.456Z"));
        DealSnapshot updated = portal.update(HubSpotFixtures.id(0), Map.of("stagegate_stage_skip", "true", "amount", "1500"),
                ChangeSource.integration(APP_ID));
        assertThat(updated.property("hs_lastmodifieddate")).isEqualTo("2026-03-02T08:30:00.456Z");
        assertThat(updated.property("amount")).isEqualTo("1500");
        assertThat(updated.property("hs_projected_amount")).isEqualTo("300");
        List<HistoryEntry> amount = portal.history(portal.live(HubSpotFixtures.id(0)), "amount");
        assertThat(amount).extracting(HistoryEntry::value).containsExactly("1500", "1000");
        assertThat(amount.get(0).source()).isEqualTo(ChangeSource.integration(APP_ID));
        assertThat(amount.get(0).timestamp()).isEqualTo(Instant.parse("2026-03-02T08:30:00.456Z"));
        assertThat(amount.get(1).source().sourceType()).isEqualTo("CRM_UI");
    }

    @Test
    void aStageChangeMovesTheStageDatesAndTellsTheListeners() {
        clock.set(Instant.parse("2026-03-03T10:00:00Z"));
        portal.update(HubSpotFixtures.id(0), Map.of("dealstage", "contractsent"), ChangeSource.user("77"));
        DealSnapshot deal = portal.get(HubSpotFixtures.id(0)).orElseThrow();
        assertThat(deal.property("hs_v2_date_entered_contractsent")).isEqualTo("2026-03-03T10:00:00.000Z");
        assertThat(deal.property("hs_v2_date_exited_appointmentscheduled")).isEqualTo("2026-03-03T10:00:00.000Z");
        assertThat(deal.property("hs_v2_date_entered_current_stage")).isEqualTo("2026-03-03T10:00:00.000Z");
        assertThat(deal.property("hs_deal_stage_probability")).startsWith("0.9");
        assertThat(changes).hasSize(1);
        DealChange change = changes.get(0);
        assertThat(change.kind()).isEqualTo(DealChange.Kind.UPDATED);
        assertThat(change.source().sourceId()).isEqualTo("userId:77");
        assertThat(change.changes()).extracting(DealChange.PropertyChange::name)
                .contains("dealstage", "hs_deal_stage_probability", "hs_v2_date_entered_contractsent");
        assertThat(change.changes()).filteredOn(c -> c.name().equals("hs_deal_stage_probability")).extracting(c -> c.source().sourceType())
                .containsExactly("CALCULATED");
    }

    @Test
    void unchangedValuesOnlyBumpTheModificationDate() {
        clock.set(Instant.parse("2026-03-04T10:00:00Z"));
        portal.update(HubSpotFixtures.id(1), Map.of("amount", "2000.50"), ChangeSource.integration(APP_ID));
        assertThat(changes.get(0).changes()).isEmpty();
        assertThat(portal.get(HubSpotFixtures.id(1)).orElseThrow().updatedAt()).isEqualTo(Instant.parse("2026-03-04T10:00:00Z"));
        assertThat(portal.history(portal.live(HubSpotFixtures.id(1)), "amount")).hasSize(1);
    }

    @Test
    void anEmptyStringClearsAValue() {
        portal.update(HubSpotFixtures.id(1), Map.of("amount", ""), ChangeSource.integration(APP_ID));
        assertThat(portal.get(HubSpotFixtures.id(1)).orElseThrow().property("amount")).isNull();
        assertThat(portal.history(portal.live(HubSpotFixtures.id(1)), "amount")).extracting(HistoryEntry::value).containsExactly("", "2000.50");
        assertThat(changes.get(0).changes()).contains(new DealChange.PropertyChange("amount", "", ChangeSource.integration(APP_ID)));
    }

    @Test
    void valuesAreValidatedAndNormalised() {
        Map<String, String> values = new HashMap<>();
        values.put("closedate", "1775001600000");
        values.put("next_step_date", "1775001600000");
        values.put("verbal_commitment", "TRUE");
        values.put("stagegate_qualified_forecast_category", "COMMIT");
        DealSnapshot deal = portal.update(HubSpotFixtures.id(1), values, ChangeSource.integration(APP_ID));
        assertThat(deal.property("closedate")).isEqualTo("2026-04-01T00:00:00.000Z");
        assertThat(deal.property("next_step_date")).isEqualTo("2026-04-01");
        assertThat(deal.property("verbal_commitment")).isEqualTo("true");
        assertThat(deal.property("stagegate_qualified_forecast_category")).isEqualTo("COMMIT");
    }

    @Test
    void anInvalidValueRefusesTheWholeWrite() {
        Map<String, String> values = new HashMap<>();
        values.put("amount", "12k");
        values.put("hs_deal_stage_probability", "0.5");
        values.put("no_such_property", "x");
        values.put("dealstage", "nowhere");
        values.put("next_step_date", "1775001600001");
        values.put("dealname", "fine");
        assertThatThrownBy(() -> portal.update(HubSpotFixtures.id(1), values, ChangeSource.integration(APP_ID)))
                .isInstanceOfSatisfying(InvalidPropertiesException.class, e -> assertThat(e.problems())
                        .extracting(InvalidPropertiesException.Invalid::error)
                        .containsExactlyInAnyOrder("INVALID_INTEGER", "READ_ONLY_VALUE", "PROPERTY_DOESNT_EXIST", "INVALID_OPTION", "INVALID_DATE"));
        assertThat(portal.get(HubSpotFixtures.id(1)).orElseThrow().property("dealname")).isEqualTo("Globex expansion");
        assertThat(changes).isEmpty();
    }

    @Test
    void errorMessagesReadLikeHubSpots() {
        assertThatThrownBy(() -> portal.update(HubSpotFixtures.id(1), Map.of("amount", "1.4210854715202004e-14"), ChangeSource.integration(APP_ID)))
                .hasMessage("1.4210854715202004e-14 was not a valid number.");
        assertThatThrownBy(() -> portal.update(HubSpotFixtures.id(1), Map.of("hs_object_id", "1"), ChangeSource.integration(APP_ID)))
                .hasMessage("\"hs_object_id\" is a read only property; its value cannot be set.");
        assertThatThrownBy(() -> portal.update(HubSpotFixtures.id(1), Map.of("missing", "1"), ChangeSource.integration(APP_ID)))
                .hasMessage("Property \"missing\" does not exist");
        assertThatThrownBy(() -> portal.update(HubSpotFixtures.id(1), Map.of("next_step_date", "1579179660000"), ChangeSource.integration(APP_ID)))
                .hasMessage("1579179660000 is at 13:1:0.0 UTC, not midnight!");
        assertThatThrownBy(() -> portal.update(HubSpotFixtures.id(1), Map.of("closedate", "tomorrow"), ChangeSource.integration(APP_ID)))
                .hasMessage("tomorrow was not a valid long.");
        assertThatThrownBy(() -> portal.update(HubSpotFixtures.id(1), Map.of("stagegate_qualified_forecast_category", "MAYBE"),
                ChangeSource.integration(APP_ID))).hasMessage("MAYBE was not one of the allowed options: [OMIT, PIPELINE, BEST_CASE, COMMIT, CLOSED]");
    }

    @Test
    void archivedDealsAreGoneForReadsAndWrites() {
        portal.archive(HubSpotFixtures.id(4), ChangeSource.integration(APP_ID));
        assertThat(portal.get(HubSpotFixtures.id(4))).isEmpty();
        assertThat(portal.size()).isEqualTo(11);
        assertThat(changes).extracting(DealChange::kind).containsExactly(DealChange.Kind.ARCHIVED);
        assertThatThrownBy(() -> portal.update(HubSpotFixtures.id(4), Map.of("amount", "1"), ChangeSource.integration(APP_ID)))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void createReportsANewDeal() {
        SyntheticDeal deal = HubSpotFixtures.deal(20 % 12);
        SyntheticDeal fresh = new SyntheticDeal(500, "Fresh deal", deal.owner(), "default", "appointmentscheduled", deal.amount(), "USD",
                deal.closeDate(), clock.instant(), Map.of(), Map.of(), List.of(), false);
        AtomicReference<DealChange> created = new AtomicReference<>();
        portal.addListener(created::set);
        assertThat(portal.create(fresh).id()).isEqualTo(HubSpotPortal.dealId(500));
        assertThat(created.get().kind()).isEqualTo(DealChange.Kind.CREATED);
        assertThat(created.get().source().sourceType()).isEqualTo("CRM_UI");
        assertThatThrownBy(() -> portal.create(fresh)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDealInAnUnknownStageIsAGeneratorError() {
        SyntheticDeal deal = HubSpotFixtures.deal(0);
        SyntheticDeal odd = new SyntheticDeal(0, "x", deal.owner(), "default", "nowhere", null, null, null, null, Map.of(), Map.of(), List.of(), false);
        assertThatThrownBy(() -> portal.seed(java.util.stream.Stream.of(odd))).hasMessageContaining("has no stage 'nowhere'");
        SyntheticDeal lost = new SyntheticDeal(0, "x", deal.owner(), "other", "closedwon", null, null, null, null, Map.of(), Map.of(), List.of(), false);
        assertThatThrownBy(() -> portal.seed(java.util.stream.Stream.of(lost))).hasMessageContaining("no pipeline 'other'");
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
