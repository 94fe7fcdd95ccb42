-- The close month ('YYYY-MM', '' when the opportunity has no close date) of the open opportunities a snapshot row adds
-- up, so the forecast of a period can be read as it stood on the period's first day (/api/forecast/accuracy). Rows taken
-- before this column existed keep '' and sum every close date; they cannot be split by period.
ALTER TABLE forecast_snapshot ADD COLUMN close_month TEXT NOT NULL DEFAULT '';
ALTER TABLE forecast_snapshot DROP CONSTRAINT forecast_snapshot_pkey;
ALTER TABLE forecast_snapshot ADD PRIMARY KEY (day, crm, pipeline, owner, currency, close_month);
