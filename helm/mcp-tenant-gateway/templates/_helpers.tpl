{{/* Chart name, truncated to the 63 characters Kubernetes names allow. */}}
{{- define "mtg.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Resource name prefix: the release name, plus the chart name unless the release name already contains it. */}}
{{- define "mtg.fullname" -}}
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

{{/* A component's resource name, e.g. "<fullname>-gateway". Call with (dict "root" $ "component" "gateway"). */}}
{{- define "mtg.componentName" -}}
{{- printf "%s-%s" (include "mtg.fullname" .root | trunc 50 | trimSuffix "-") .component }}
{{- end }}

{{- define "mtg.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every resource. helm.sh/chart and the version change on upgrade, so they never go into selectors. */}}
{{- define "mtg.labels" -}}
helm.sh/chart: {{ include "mtg.chart" . }}
{{ include "mtg.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: mcp-tenant-gateway
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Stable labels that select the release's pods. */}}
{{- define "mtg.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mtg.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels of one component. Call with (dict "root" $ "component" "gateway"). */}}
{{- define "mtg.componentLabels" -}}
{{ include "mtg.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Selector labels of one component. Call with (dict "root" $ "component" "gateway"). */}}
{{- define "mtg.componentSelectorLabels" -}}
{{ include "mtg.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* An image reference from an image block: repository@digest, or repository:tag (tag defaults to appVersion). */}}
{{- define "mtg.image" -}}
{{- if .image.digest }}
{{- printf "%s@%s" .image.repository .image.digest }}
{{- else }}
{{- printf "%s:%s" .image.repository (default .root.Chart.AppVersion .image.tag) }}
{{- end }}
{{- end }}

{{- define "mtg.gateway.serviceAccountName" -}}
{{- if .Values.gateway.serviceAccount.create }}
{{- default (include "mtg.componentName" (dict "root" . "component" "gateway")) .Values.gateway.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.gateway.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "mtg.tenantAdmin.serviceAccountName" -}}
{{- if .Values.tenantAdmin.serviceAccount.create }}
{{- default (include "mtg.componentName" (dict "root" . "component" "tenant-admin")) .Values.tenantAdmin.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.tenantAdmin.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Database connection, from values and the existing Secret. */}}
{{- define "mtg.databaseEnv" -}}
- name: DATABASE_URL
  value: {{ .Values.database.url | quote }}
- name: DATABASE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.existingSecret }}
      key: {{ .Values.database.usernameKey }}
- name: DATABASE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.existingSecret }}
      key: {{ .Values.database.passwordKey }}
{{- end }}

{{/*
The key that encrypts the gateway's MCP session ids, from the identity Secret. Every replica needs the same one, so
more than one replica (or autoscaling) without it fails the install instead of breaking /mcp sessions at run time.
An MCPGATEWAY_MCP_SESSION_KEY entry in gateway.extraEnv may supply it instead (with gateway.identity.mcpSessionKeyKey
empty), never both.
*/}}
{{- define "mtg.gateway.sessionKeyEnv" -}}
{{- $values := .Values.gateway }}
{{- $name := "MCPGATEWAY_MCP_SESSION_KEY" }}
{{- $inExtraEnv := false }}
{{- range $values.extraEnv }}
{{- if eq .name $name }}
{{- $inExtraEnv = true }}
{{- end }}
{{- end }}
{{- if $values.identity.mcpSessionKeyKey }}
{{- if $inExtraEnv }}
{{- fail (printf "gateway.extraEnv sets %s, which the chart already sets from key %q of Secret %s (gateway.identity.mcpSessionKeyKey): remove the gateway.extraEnv entry" $name $values.identity.mcpSessionKeyKey $values.identity.existingSecret) }}
{{- end }}
- name: {{ $name }}
  valueFrom:
    secretKeyRef:
      name: {{ $values.identity.existingSecret }}
      key: {{ $values.identity.mcpSessionKeyKey }}
{{- else if not $inExtraEnv }}
{{- $replicas := int $values.replicaCount }}
{{- $setting := "gateway.replicaCount" }}
{{- if $values.autoscaling.enabled }}
{{- $replicas = int $values.autoscaling.maxReplicas }}
{{- $setting = "gateway.autoscaling.maxReplicas" }}
{{- end }}
{{- if gt $replicas 1 }}
{{- fail (printf "gateway.identity.mcpSessionKeyKey is empty, but the gateway runs up to %d replicas (%s): every replica must encrypt MCP session ids with the same key, or /mcp sessions break whenever a request lands on another pod. Add a key to Secret %s (e.g. --from-literal=mcp-session-key=$(openssl rand -base64 32)) and set gateway.identity.mcpSessionKeyKey to its name, or run one replica without autoscaling" $replicas $setting $values.identity.existingSecret) }}
{{- end }}
{{- end }}
{{- end }}

{{/* Vault connection and login. Call with (dict "root" $ "role" "<vault role>"). */}}
{{- define "mtg.vaultEnv" -}}
{{- $vault := .root.Values.vault }}
- name: VAULT_ENABLED
  value: {{ $vault.enabled | quote }}
{{- if $vault.enabled }}
- name: VAULT_ADDR
  value: {{ $vault.address | quote }}
{{- if eq $vault.authMethod "kubernetes" }}
- name: SPRING_CLOUD_VAULT_AUTHENTICATION
  value: KUBERNETES
- name: SPRING_CLOUD_VAULT_KUBERNETES_ROLE
  value: {{ .role | quote }}
- name: SPRING_CLOUD_VAULT_KUBERNETES_KUBERNETES_PATH
  value: {{ $vault.kubernetes.mountPath | quote }}
- name: SPRING_CLOUD_VAULT_KUBERNETES_SERVICE_ACCOUNT_TOKEN_FILE
  value: /var/run/secrets/vault/token
{{- else }}
- name: SPRING_CLOUD_VAULT_AUTHENTICATION
  value: TOKEN
- name: VAULT_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ required "vault.token.existingSecret is required when vault.authMethod is token" $vault.token.existingSecret }}
      key: {{ $vault.token.key }}
{{- end }}
- name: MCPGATEWAY_VAULT_KV_MOUNT
  value: {{ $vault.kvMount | quote }}
- name: MCPGATEWAY_VAULT_TENANT_PATH
  value: {{ $vault.tenantPath | quote }}
{{- end }}
{{- end }}

{{/* The projected ServiceAccount token Vault's Kubernetes auth reads; the pods do not automount API credentials. */}}
{{- define "mtg.vaultTokenVolume" -}}
{{- $vault := .Values.vault }}
{{- if and $vault.enabled (eq $vault.authMethod "kubernetes") }}
- name: vault-token
  projected:
    sources:
      - serviceAccountToken:
          path: token
          expirationSeconds: {{ $vault.kubernetes.tokenExpirationSeconds }}
          {{- with $vault.kubernetes.tokenAudience }}
          audience: {{ . }}
          {{- end }}
{{- end }}
{{- end }}

{{- define "mtg.vaultTokenMount" -}}
{{- if and .Values.vault.enabled (eq .Values.vault.authMethod "kubernetes") }}
- name: vault-token
  mountPath: /var/run/secrets/vault
  readOnly: true
{{- end }}
{{- end }}

{{/* Probes on the actuator health groups, on the management port. Call with (dict "values" .Values.<component>). */}}
{{- define "mtg.probes" -}}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: management
  {{- toYaml .values.startupProbe | nindent 2 }}
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: management
  {{- toYaml .values.livenessProbe | nindent 2 }}
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: management
  {{- toYaml .values.readinessProbe | nindent 2 }}
{{- end }}

{{/*
A pause before shutdown: endpoints and ingress controllers learn of a terminating pod with a delay, so the pod keeps
serving meanwhile; Spring's graceful shutdown then lets calls in flight finish. Call with (dict "values" .Values.<component>).
*/}}
{{- define "mtg.preStop" -}}
{{- if gt (int .values.preStopSleepSeconds) 0 }}
lifecycle:
  preStop:
    exec:
      command: ["sleep", {{ .values.preStopSleepSeconds | quote }}]
{{- end }}
{{- end }}

{{/* A soft spread of this release's gateway pods over nodes (or zones). Call with the component dict. */}}
{{- define "mtg.gateway.defaultSpread" -}}
{{- $spread := .root.Values.gateway.defaultTopologySpread }}
{{- if $spread.enabled }}
- maxSkew: {{ $spread.maxSkew }}
  topologyKey: {{ $spread.topologyKey }}
  whenUnsatisfiable: ScheduleAnyway
  labelSelector:
    matchLabels:
      {{- include "mtg.componentSelectorLabels" . | nindent 6 }}
{{- end }}
{{- end }}

{{/* Pod scheduling settings shared by both Deployments. Call with (dict "values" .Values.<component>). */}}
{{- define "mtg.scheduling" -}}
{{- with .values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- if .values.topologySpreadConstraints }}
topologySpreadConstraints:
  {{- toYaml .values.topologySpreadConstraints | nindent 2 }}
{{- else if .defaultSpread }}
topologySpreadConstraints:
  {{- .defaultSpread | trim | nindent 2 }}
{{- end }}
{{- with .values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- end }}

{{/* Egress both apps need: DNS, PostgreSQL and (when on) Vault. */}}
{{- define "mtg.commonEgress" -}}
- to:
    {{- toYaml .Values.networkPolicy.dnsTo | nindent 4 }}
  ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
- {{- with .Values.networkPolicy.databaseTo }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  ports:
    - port: {{ .Values.networkPolicy.databasePort }}
      protocol: TCP
{{- if .Values.vault.enabled }}
- {{- with .Values.networkPolicy.vaultTo }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  ports:
    - port: {{ .Values.networkPolicy.vaultPort }}
      protocol: TCP
{{- end }}
{{- end }}
