package io.stagegate.criteria;

import static io.stagegate.criteria.TestPlaybooks.BUDGET_CONFIRMED;
import static io.stagegate.criteria.TestPlaybooks.CONTACT_ROLES;
import static io.stagegate.criteria.TestPlaybooks.CONTRACT_RECEIVED;
import static io.stagegate.criteria.TestPlaybooks.DEMO_DATE;
import static io.stagegate.criteria.TestPlaybooks.DEPLOYMENT_PLAN;
import static io.stagegate.criteria.TestPlaybooks.DISCOVERY_DATE;
import static io.stagegate.criteria.TestPlaybooks.EXPECTED_SIGNING;
import static io.stagegate.criteria.TestPlaybooks.NEXT_STEP_DATE;
import static io.stagegate.criteria.TestPlaybooks.SOLUTION_FIT;
import static io.stagegate.criteria.TestPlaybooks.SOLUTION_NOTES;
import static io.stagegate.criteria.TestPlaybooks.TECH_TEAMS_MET;
import static io.stagegate.criteria.TestPlaybooks.TODAY;
import static io.stagegate.criteria.TestPlaybooks.VERBAL_COMMITMENT;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds opportunities for the {@link TestPlaybooks} journey; fields are filled stage by stage with values that meet the criteria. */
final class Opps {
    static final LocalDate DISCOVERY_ON = TODAY.minusDays(56);
    static final LocalDate DEMO_ON = TODAY.minusDays(42);
    static final LocalDate NEXT_STEP_ON = TODAY.plusDays(7);
    static final LocalDate CONTRACT_RECEIVED_ON = TODAY.minusDays(6);
    static final LocalDate EXPECTED_SIGNING_ON = TODAY.plusDays(14);
    static final String SOLUTION_TEXT = "Co-designed the rollout with their IT team";

    private Opps() {
    }

    static Builder opp(String id) {
        return new Builder(id);
    }

    /** Puts into {@code fields}/{@code related} values that meet every exit criterion of journey stage {@code index}. */
    static void meet(int index, Map<String, Object> fields, Map<String, Integer> related) {
        switch (index) {
            case 0:
                fields.put(DISCOVERY_DATE, DISCOVERY_ON);
                break;
            case 1:
                fields.put(DEMO_DATE, DEMO_ON);
                fields.put(NEXT_STEP_DATE, NEXT_STEP_ON);
                fields.put(TECH_TEAMS_MET, Boolean.TRUE);
                break;
            case 2:
                related.put(CONTACT_ROLES, 4);
                fields.put(SOLUTION_NOTES, SOLUTION_TEXT);
                fields.put(SOLUTION_FIT, Boolean.TRUE);
                fields.put(NEXT_STEP_DATE, NEXT_STEP_ON);
                break;
            case 3:
                fields.put(BUDGET_CONFIRMED, Boolean.TRUE);
                fields.put(NEXT_STEP_DATE, NEXT_STEP_ON);
                break;
            case 4:
                fields.put(DEPLOYMENT_PLAN, Boolean.TRUE);
                break;
            case 5:
                fields.put(VERBAL_COMMITMENT, Boolean.TRUE);
                fields.put(CONTRACT_RECEIVED, CONTRACT_RECEIVED_ON);
                fields.put(EXPECTED_SIGNING, EXPECTED_SIGNING_ON);
                break;
            default:
                throw new IllegalArgumentException("no journey stage " + index);
        }
    }

    static final class Builder {
        private final String id;
        private String pipeline;
        private String stage = TestPlaybooks.PROSPECTING;
        private BigDecimal amount = new BigDecimal("100000.00");
        private String currency = "USD";
        private LocalDate closeDate = TODAY.plusDays(30);
        private String owner = "jim";
        private final Map<String, Object> fields = new LinkedHashMap<>();
        private final Map<String, Integer> related = new LinkedHashMap<>();
        private LocalDate stageEnteredOn;
        private final List<StageChange> history = new ArrayList<>();

        private Builder(String id) {
            this.id = id;
        }

        Builder stage(String crmStage) {
            this.stage = crmStage;
            return this;
        }

        Builder pipeline(String crmPipeline) {
            this.pipeline = crmPipeline;
            return this;
        }

        Builder amount(String amount) {
            this.amount = new BigDecimal(amount);
            return this;
        }

        Builder amount(BigDecimal amount) {
            this.amount = amount;
            return this;
        }

        Builder noAmount() {
            this.amount = null;
            return this;
        }

        Builder currency(String currency) {
            this.currency = currency;
            return this;
        }

        Builder owner(String owner) {
            this.owner = owner;
            return this;
        }

        Builder field(String name, Object value) {
            fields.put(name, value);
            return this;
        }

        Builder without(String name) {
            fields.remove(name);
            related.remove(name);
            return this;
        }

        Builder related(String relation, int count) {
            related.put(relation, count);
            return this;
        }

        Builder enteredOn(LocalDate day) {
            this.stageEnteredOn = day;
            return this;
        }

        Builder history(String crmStage, String isoInstant) {
            history.add(new StageChange(crmStage, Instant.parse(isoInstant)));
            return this;
        }

        /** Meets every exit criterion of the given journey stages. */
        Builder meeting(int... stageIndexes) {
            for (int index : stageIndexes) {
                meet(index, fields, related);
            }
            return this;
        }

        /** Meets every exit criterion of journey stages 0 … k-1: qualified for stage k. */
        Builder meetingAllBefore(int k) {
            for (int index = 0; index < k; index++) {
                meet(index, fields, related);
            }
            return this;
        }

        /** Meets every exit criterion of the journey. */
        Builder meetingAll() {
            return meetingAllBefore(6);
        }

        Opportunity build() {
            return new Opportunity(id, pipeline, stage, amount, currency, closeDate, owner,
                    new LinkedHashMap<>(fields), new LinkedHashMap<>(related), stageEnteredOn, new ArrayList<>(history));
        }
    }
}
