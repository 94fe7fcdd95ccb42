package io.stagegate.api;

/** The examples the OpenAPI document shows for the leaders' lists (figures consistent with each other). */
final class LeaderExamples {
    static final String FORECAST = """
            {"crm": "SALESFORCE", "by": "quarter",
             "totals": [{"currency": "EUR", "open": 3, "overStaged": 1, "amount": 180000, "recorded": 97000, "qualified": 61000, "gap": 36000, "won": 40000}],
             "items": [{"owner": "Jim Optimist", "period": "2026-Q4", "periodStart": "2026-10-01", "pipeline": "new_business", "currency": "EUR",
                        "open": 2, "overStaged": 1, "amount": 120000, "recorded": 82000, "qualified": 46000, "gap": 36000, "won": 40000}],
             "next": "WyJmb3JlY2FzdC1xdWFydGVyIiwiSmltIE9wdGltaXN0IiwiMjAyNi0xMC0wMSIsIm5ld19idXNpbmVzcyIsIkVVUiJd"}""";
    static final String FORECAST_CSV = "owner,period,pipeline,currency,open,over_staged,amount,recorded_forecast,qualified_forecast,gap,won\r\n"
            + "Jim Optimist,2026-Q4,new_business,EUR,2,1,120000,82000,46000,36000,40000\r\n";

    static final String ACCURACY = """
            {"crm": "SALESFORCE", "by": "quarter",
             "items": [
              {"period": "2026-Q3", "start": "2026-07-01", "end": "2026-10-01", "forecastAsOf": "2026-07-01", "total": true, "owner": null,
               "currency": "EUR", "won": 100000,
               "recorded": {"forecast": 150000, "accuracy": 0.5000, "error": 0.5000, "bias": "over"},
               "qualified": {"forecast": 110000, "accuracy": 0.9000, "error": 0.1000, "bias": "over"}},
              {"period": "2026-Q3", "start": "2026-07-01", "end": "2026-10-01", "forecastAsOf": "2026-07-01", "total": false, "owner": "Maria Careful",
               "currency": "EUR", "won": 60000,
               "recorded": {"forecast": 50000, "accuracy": 0.8333, "error": -0.1667, "bias": "under"},
               "qualified": {"forecast": 50000, "accuracy": 0.8333, "error": -0.1667, "bias": "under"}}],
             "reps": [{"owner": "Maria Careful", "currency": "EUR", "periods": 1,
                       "recorded": {"over": 0, "under": 1, "exact": 0, "won": 60000,
                                    "summed": {"forecast": 50000, "accuracy": 0.8333, "error": -0.1667, "bias": "under"}},
                       "qualified": {"over": 0, "under": 1, "exact": 0, "won": 60000,
                                     "summed": {"forecast": 50000, "accuracy": 0.8333, "error": -0.1667, "bias": "under"}}}],
             "next": null}""";
    static final String ACCURACY_CSV = "period,forecast_as_of,owner,currency,won,recorded_forecast,recorded_accuracy,recorded_error,recorded_bias,"
            + "qualified_forecast,qualified_accuracy,qualified_error,qualified_bias\r\n"
            + "2026-Q3,2026-07-01,(all owners),EUR,100000,150000,0.5000,0.5000,over,110000,0.9000,0.1000,over\r\n"
            + "2026-Q3,2026-07-01,Maria Careful,EUR,60000,50000,0.8333,-0.1667,under,50000,0.8333,-0.1667,under\r\n";

    static final String DEBRIEF = """
            {"crm": "SALESFORCE",
             "items": [{"owner": "Jim Optimist", "opportunityId": "006Dn000004C1aBIAS", "pipeline": "new_business", "stage": "Negotiation/Review",
                        "recordedStage": "decision", "qualifiedStage": "consideration_pain", "currency": "EUR", "amount": 80000, "closeDate": "2026-12-15",
                        "recordedForecast": 72000, "qualifiedForecast": 16000, "impact": 56000,
                        "unmetCriteria": [{"key": "solution_fit", "label": "Solution fit confirmed", "stage": 2, "observed": "empty"}],
                        "questions": ["Has the buyer confirmed solution fit?"]}],
             "next": null}""";
    static final String DEBRIEF_CSV = "owner,opportunity_id,pipeline,stage,recorded_stage,qualified_stage,currency,amount,close_date,"
            + "recorded_forecast,qualified_forecast,impact,unmet_criteria,questions\r\n"
            + "Jim Optimist,006Dn000004C1aBIAS,new_business,Negotiation/Review,decision,consideration_pain,EUR,80000,2026-12-15,72000,16000,56000,"
            + "Solution fit confirmed,Has the buyer confirmed solution fit?\r\n";

    static final String JUMPS = """
            {"crm": "SALESFORCE",
             "items": [{"id": 4711, "opportunityId": "006Dn000004C1aBIAS", "owner": "Jim Optimist", "pipeline": "new_business",
                        "from": "Qualification", "to": "Negotiation/Review", "movedAt": "2026-11-20T09:14:03Z", "kind": "ADVANCE",
                        "skippedCriteria": true, "skippedStages": true, "regression": false,
                        "skippedStageKeys": ["consideration_pain", "consideration_investment", "consideration_decision"],
                        "unmetCriteria": [{"key": "demo_done", "label": "Demo held, next step set", "stageIndex": 1, "observed": "empty"}],
                        "source": "history"}],
             "next": null}""";
    static final String JUMPS_CSV = "moved_at,owner,opportunity_id,pipeline,from,to,kind,skipped_stages,unmet_criteria,source\r\n"
            + "2026-11-20T09:14:03Z,Jim Optimist,006Dn000004C1aBIAS,new_business,Qualification,Negotiation/Review,ADVANCE,"
            + "consideration_pain consideration_investment consideration_decision,\"Demo held, next step set\",history\r\n";

    static final String AUDIT = """
            {"items": [
              {"id": "audit:12", "at": "2026-12-03T10:02:11Z", "actor": "api:admin", "action": "dead-letters.replayed", "crm": "SALESFORCE",
               "detail": {"count": 3, "ids": []}},
              {"id": "playbook:4", "at": "2026-12-02T16:40:00Z", "actor": "startup", "action": "playbook.activated", "crm": "SALESFORCE",
               "detail": {"version": 4, "name": "default", "source": "classpath:playbooks/default.yaml", "sha256": "9f2c…",
                          "activation": "startup"}}],
             "next": null}""";
    static final String AUDIT_CSV = "at,actor,action,crm,id,detail\r\n"
            + "2026-12-03T10:02:11Z,api:admin,dead-letters.replayed,SALESFORCE,audit:12,\"{\"\"count\"\":3,\"\"ids\"\":[]}\"\r\n";

    private LeaderExamples() {
    }
}
