{{/*
Expand the name of the chart.
*/}}
{{- define "stagegate.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create a default fully qualified app name.
We truncate at 63 chars because some Kubernetes name fields are limited to this (by the DNS naming spec).
If release name contains chart name it will be used as a full name.
*/}}
{{- define "stagegate.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Create chart name and version as used by the chart label.
*/}}
{{- define "stagegate.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels
*/}}
{{- define "stagegate.labels" -}}
helm.sh/chart: {{ include "stagegate.chart" . }}
{{ include "stagegate.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: stagegate
{{- end }}

{{/*
Selector labels
*/}}
{{- define "stagegate.selectorLabels" -}}
app.kubernetes.io/name: {{ include "stagegate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: service
{{- end }}

{{/*
Create the name of the service account to use
*/}}
{{- define "stagegate.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "stagegate.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The image reference: a digest wins over a tag; the tag defaults to the chart's appVersion.
*/}}
{{- define "stagegate.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
The Secret holding the credentials: the operator's own, or the one this chart creates.
*/}}
{{- define "stagegate.secretName" -}}
{{- default (printf "%s-secrets" (include "stagegate.fullname" .)) .Values.secrets.existingSecret }}
{{- end }}

{{/*
The trial database's name and labels.
*/}}
{{- define "stagegate.trialDatabaseName" -}}
{{- printf "%s-postgresql-trial" (include "stagegate.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "stagegate.trialDatabaseSelectorLabels" -}}
app.kubernetes.io/name: {{ include "stagegate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: postgresql-trial
{{- end }}

{{/*
Where PostgreSQL is: database.host, or the trial StatefulSet. An external PostgreSQL is required otherwise; the chart
never lets the service fall back to its embedded database, whose data would die with the pod.
*/}}
{{- define "stagegate.databaseHost" -}}
{{- if .Values.postgresqlTrial.enabled }}
{{- if .Values.database.host }}
{{- fail "set either database.host (an external PostgreSQL) or postgresqlTrial.enabled, not both" }}
{{- end }}
{{- include "stagegate.trialDatabaseName" . }}
{{- else }}
{{- required "database.host is required: Stagegate needs an external PostgreSQL (docs/operations.md#external-postgresql); for a throwaway trial set postgresqlTrial.enabled=true instead" .Values.database.host }}
{{- end }}
{{- end }}

{{- define "stagegate.databaseParameters" -}}
{{- if .Values.database.parameters }}{{ printf "?%s" (trimPrefix "?" .Values.database.parameters) }}{{ end }}
{{- end }}

{{/*
The public base URL under which HubSpot calls the webhooks: explicit, or derived from the ingress host.
*/}}
{{- define "stagegate.hubspotWebhookBaseUrl" -}}
{{- if .Values.hubspot.webhookBaseUrl }}
{{- .Values.hubspot.webhookBaseUrl }}
{{- else if and .Values.ingress.enabled .Values.ingress.host }}
{{- printf "%s://%s" (ternary "https" "http" .Values.ingress.tls.enabled) .Values.ingress.host }}
{{- end }}
{{- end }}

{{/*
Keys of the credentials Secret, each an environment variable of the service. Only the database password is required.
*/}}
{{- define "stagegate.secretKeys" -}}
QUARKUS_DATASOURCE_PASSWORD STAGEGATE_SALESFORCE_CLIENT_SECRET STAGEGATE_SALESFORCE_PRIVATE_KEY STAGEGATE_SALESFORCE_OUTBOUND_SECRET STAGEGATE_SALESFORCE_EVENTS_SECRET STAGEGATE_HUBSPOT_CLIENT_SECRET STAGEGATE_HUBSPOT_ACCESS_TOKEN STAGEGATE_HUBSPOT_REFRESH_TOKEN STAGEGATE_ADMIN_TOKEN STAGEGATE_VIEWER_TOKEN STAGEGATE_OIDC_CLIENT_SECRET
{{- end }}

{{/*
The service's non-secret settings, as environment variables (the ConfigMap <fullname>-env). Settings left empty in
values.yaml are not rendered, so the service's own default applies.
*/}}
{{- define "stagegate.envData" -}}
{{- $v := .Values -}}
PORT: {{ $v.containerPort | quote }}
STAGEGATE_MODE: "service"
{{- /* The simulated CRMs are for the quick start and for tests, never beside a real org. */}}
STAGEGATE_SANDBOX_ENABLED: "false"
QUARKUS_DATASOURCE_REACTIVE_URL: {{ printf "postgresql://%s:%v/%s%s" (include "stagegate.databaseHost" .) $v.database.port $v.database.name (include "stagegate.databaseParameters" .) | quote }}
QUARKUS_DATASOURCE_JDBC_URL: {{ printf "jdbc:postgresql://%s:%v/%s%s" (include "stagegate.databaseHost" .) $v.database.port $v.database.name (include "stagegate.databaseParameters" .) | quote }}
QUARKUS_DATASOURCE_USERNAME: {{ $v.database.username | quote }}
STAGEGATE_PLAYBOOK_CRM: {{ $v.playbook.crm | quote }}
{{- if $v.playbook.inline }}
STAGEGATE_PLAYBOOK_FILE: "/etc/stagegate/playbook/playbook.yaml"
{{- end }}
{{- with $v.zone }}
STAGEGATE_ZONE: {{ . | quote }}
{{- end }}
STAGEGATE_LOG_JSON: {{ $v.logJson | quote }}
{{- with $v.corsOrigins }}
STAGEGATE_CORS_ORIGINS: {{ join "," . | quote }}
{{- end }}
{{- with $v.oidc.authServerUrl }}
STAGEGATE_OIDC_AUTH_SERVER_URL: {{ . | quote }}
{{- end }}
{{- with $v.oidc.audience }}
STAGEGATE_OIDC_AUDIENCE: {{ join "," . | quote }}
{{- end }}
{{- with $v.oidc.rolesClaim }}
STAGEGATE_OIDC_ROLES_CLAIM: {{ . | quote }}
{{- end }}
{{- with $v.oidc.adminRoles }}
STAGEGATE_OIDC_ADMIN_ROLES: {{ join "," . | quote }}
{{- end }}
{{- with $v.oidc.viewerRoles }}
STAGEGATE_OIDC_VIEWER_ROLES: {{ join "," . | quote }}
{{- end }}
{{- with $v.oidc.clientId }}
STAGEGATE_OIDC_CLIENT_ID: {{ . | quote }}
{{- end }}
{{- if $v.management.enabled }}
STAGEGATE_MANAGEMENT_PORT: {{ $v.management.port | quote }}
{{- end }}
STAGEGATE_SYNC_ENABLED: {{ $v.sync.enabled | quote }}
STAGEGATE_SYNC_WRITE_BACK: {{ $v.sync.writeBack | quote }}
{{- with $v.sync.writeBackPipelines }}
STAGEGATE_SYNC_WRITE_BACK_PIPELINES: {{ join "," . | quote }}
{{- end }}
{{- range $key, $name := dict "pollInterval" "STAGEGATE_SYNC_POLL_INTERVAL" "workInterval" "STAGEGATE_SYNC_WORK_INTERVAL" "sweepInterval" "STAGEGATE_SYNC_SWEEP_INTERVAL" "relayBatch" "STAGEGATE_SYNC_RELAY_BATCH" "inboxBatch" "STAGEGATE_SYNC_INBOX_BATCH" "lease" "STAGEGATE_SYNC_LEASE" "maxAttempts" "STAGEGATE_SYNC_MAX_ATTEMPTS" "backoff" "STAGEGATE_SYNC_BACKOFF" "maxBackoff" "STAGEGATE_SYNC_MAX_BACKOFF" "leaderCheck" "STAGEGATE_SYNC_LEADER_CHECK" "manualCooldown" "STAGEGATE_SYNC_MANUAL_COOLDOWN" }}
{{- $value := index $v.sync $key }}
{{- if not (kindIs "invalid" $value) }}{{ if ne (toString $value) "" }}
{{ $name }}: {{ include "stagegate.scalar" $value | quote }}
{{- end }}{{ end }}
{{- end }}
{{- with $v.backtest }}{{ if not (kindIs "invalid" .maxOpportunities) }}
STAGEGATE_BACKTEST_MAX_OPPORTUNITIES: {{ include "stagegate.scalar" .maxOpportunities | quote }}
{{- end }}{{ end }}
STAGEGATE_SALESFORCE_ENABLED: {{ $v.salesforce.enabled | quote }}
{{- range $key, $name := dict "loginUrl" "STAGEGATE_SALESFORCE_LOGIN_URL" "authFlow" "STAGEGATE_SALESFORCE_AUTH_FLOW" "clientId" "STAGEGATE_SALESFORCE_CLIENT_ID" "username" "STAGEGATE_SALESFORCE_USERNAME" "privateKeyFile" "STAGEGATE_SALESFORCE_PRIVATE_KEY_FILE" "jwtAudience" "STAGEGATE_SALESFORCE_JWT_AUDIENCE" "apiVersion" "STAGEGATE_SALESFORCE_API_VERSION" "pageSize" "STAGEGATE_SALESFORCE_PAGE_SIZE" "overlap" "STAGEGATE_SALESFORCE_OVERLAP" "lag" "STAGEGATE_SALESFORCE_LAG" "quotaStopShare" "STAGEGATE_SALESFORCE_QUOTA_STOP_SHARE" "quotaCheckInterval" "STAGEGATE_SALESFORCE_QUOTA_CHECK_INTERVAL" "connectTimeout" "STAGEGATE_SALESFORCE_CONNECT_TIMEOUT" "readTimeout" "STAGEGATE_SALESFORCE_READ_TIMEOUT" "organizationId" "STAGEGATE_SALESFORCE_ORGANIZATION_ID" "eventsTolerance" "STAGEGATE_SALESFORCE_EVENTS_TOLERANCE" }}
{{- $value := index $v.salesforce $key }}
{{- if not (kindIs "invalid" $value) }}{{ if ne (toString $value) "" }}
{{ $name }}: {{ include "stagegate.scalar" $value | quote }}
{{- end }}{{ end }}
{{- end }}
STAGEGATE_HUBSPOT_ENABLED: {{ $v.hubspot.enabled | quote }}
{{- range $key, $name := dict "baseUrl" "STAGEGATE_HUBSPOT_BASE_URL" "authFlow" "STAGEGATE_HUBSPOT_AUTH_FLOW" "oauthClientId" "STAGEGATE_HUBSPOT_OAUTH_CLIENT_ID" "refreshAhead" "STAGEGATE_HUBSPOT_REFRESH_AHEAD" "appId" "STAGEGATE_HUBSPOT_APP_ID" "overlap" "STAGEGATE_HUBSPOT_OVERLAP" "lag" "STAGEGATE_HUBSPOT_LAG" "searchPerSecond" "STAGEGATE_HUBSPOT_SEARCH_PER_SECOND" "quotaStopShare" "STAGEGATE_HUBSPOT_QUOTA_STOP_SHARE" "quotaCheckInterval" "STAGEGATE_HUBSPOT_QUOTA_CHECK_INTERVAL" "bootstrapOnStart" "STAGEGATE_HUBSPOT_BOOTSTRAP_ON_START" "connectTimeout" "STAGEGATE_HUBSPOT_CONNECT_TIMEOUT" "readTimeout" "STAGEGATE_HUBSPOT_READ_TIMEOUT" }}
{{- $value := index $v.hubspot $key }}
{{- if not (kindIs "invalid" $value) }}{{ if ne (toString $value) "" }}
{{ $name }}: {{ include "stagegate.scalar" $value | quote }}
{{- end }}{{ end }}
{{- end }}
{{- with include "stagegate.hubspotWebhookBaseUrl" . }}
STAGEGATE_HUBSPOT_WEBHOOK_BASE_URL: {{ . | quote }}
{{- end }}
{{- with $v.intake.maxBodySize }}
STAGEGATE_INTAKE_MAX_BODY_SIZE: {{ . | quote }}
{{- end }}
{{- with $v.evaluate.maxConcurrent }}
STAGEGATE_EVALUATE_MAX_CONCURRENT: {{ include "stagegate.scalar" . | quote }}
{{- end }}
{{- with $v.evaluate.httpReadTimeout }}
STAGEGATE_HTTP_READ_TIMEOUT: {{ . | quote }}
{{- end }}
{{- with $v.evaluate.spoolDirectory }}
STAGEGATE_EVALUATE_SPOOL_DIRECTORY: {{ . | quote }}
{{- end }}
{{- end }}

{{/*
A value as the service expects it: whole numbers without an exponent (YAML numbers reach templates as float64, which
toString would print as 1e+06).
*/}}
{{- define "stagegate.scalar" -}}
{{- if and (kindIs "float64" .) (eq (float64 (int64 .)) .) }}
{{- printf "%d" (int64 .) }}
{{- else }}
{{- toString . }}
{{- end }}
{{- end }}
