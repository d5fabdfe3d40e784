{{/*
The gateway's call limits (gateway.rateLimit) as MCPGATEWAY_RATE_LIMIT_* variables, and the Redis their buckets live
in. Rates kept in memory would multiply by the replica count, so store=memory with a rate and more than one replica
(or autoscaling) fails the install. The Redis URL is passed as host, port, database and TLS flag rather than
SPRING_DATA_REDIS_URL because Spring Boot ignores spring.data.redis.password whenever a URL is set.
*/}}
{{- define "mtg.gateway.rateLimitEnv" -}}
{{- $values := .Values.gateway }}
{{- $limit := $values.rateLimit }}
{{- if $limit.enabled }}
{{- $replicas := int $values.replicaCount }}
{{- $setting := "gateway.replicaCount" }}
{{- if $values.autoscaling.enabled }}
{{- $replicas = int $values.autoscaling.maxReplicas }}
{{- $setting = "gateway.autoscaling.maxReplicas" }}
{{- end }}
{{- range $name := list "perUser" "tenant" }}
{{- $bucket := get $limit $name }}
{{- if lt (int $bucket.burst) (int $bucket.requestsPerSecond) }}
{{- fail (printf "gateway.rateLimit.%s.burst (%d) must be at least gateway.rateLimit.%s.requestsPerSecond (%d)" $name (int $bucket.burst) $name (int $bucket.requestsPerSecond)) }}
{{- end }}
{{- end }}
{{- $rated := or (gt (int $limit.perUser.requestsPerSecond) 0) (gt (int $limit.tenant.requestsPerSecond) 0) }}
{{- if and (eq $limit.store "memory") $rated (gt $replicas 1) }}
{{- fail (printf "gateway.rateLimit.store is memory, but the gateway runs up to %d replicas (%s): each replica would keep its own buckets and the limit would multiply by the replica count. Set gateway.rateLimit.store=redis with gateway.rateLimit.redis.url, or run one replica without autoscaling, or set the rates (gateway.rateLimit.perUser/tenant.requestsPerSecond) to 0" $replicas $setting) }}
{{- end }}
- name: MCPGATEWAY_RATE_LIMIT_STORE
  value: {{ $limit.store | quote }}
- name: MCPGATEWAY_RATE_LIMIT_FAIL_CLOSED
  value: {{ $limit.failClosed | quote }}
- name: MCPGATEWAY_RATE_LIMIT_PER_USER_REQUESTS_PER_SECOND
  value: {{ int $limit.perUser.requestsPerSecond | quote }}
- name: MCPGATEWAY_RATE_LIMIT_PER_USER_BURST
  value: {{ int $limit.perUser.burst | quote }}
- name: MCPGATEWAY_RATE_LIMIT_TENANT_REQUESTS_PER_SECOND
  value: {{ int $limit.tenant.requestsPerSecond | quote }}
- name: MCPGATEWAY_RATE_LIMIT_TENANT_BURST
  value: {{ int $limit.tenant.burst | quote }}
- name: MCPGATEWAY_RATE_LIMIT_MAX_CONCURRENT_CALLS
  value: {{ int $limit.maxConcurrentCalls | quote }}
{{- if eq $limit.store "redis" }}
{{- if not $limit.redis.url }}
{{- fail "gateway.rateLimit.redis.url is empty, but gateway.rateLimit.store is redis: give the URL of an existing Redis (e.g. redis://redis-master.redis.svc:6379, password in gateway.rateLimit.redis.existingSecret), or use store=memory with one replica" }}
{{- end }}
{{- $url := urlParse $limit.redis.url }}
{{- $port := trimPrefix ":" (regexFind ":[0-9]+$" $url.host) | default "6379" }}
- name: SPRING_DATA_REDIS_HOST
  value: {{ $url.hostname | quote }}
- name: SPRING_DATA_REDIS_PORT
  value: {{ $port | quote }}
- name: SPRING_DATA_REDIS_SSL_ENABLED
  value: {{ eq $url.scheme "rediss" | quote }}
{{- with trimPrefix "/" $url.path }}
- name: SPRING_DATA_REDIS_DATABASE
  value: {{ . | quote }}
{{- end }}
{{- with $url.userinfo }}
- name: SPRING_DATA_REDIS_USERNAME
  value: {{ . | quote }}
{{- end }}
{{- with $limit.redis.existingSecret }}
- name: SPRING_DATA_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $limit.redis.passwordKey }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* Gateway egress to Redis, when the rate-limit buckets live there. */}}
{{- define "mtg.gateway.redisEgress" -}}
{{- $limit := .Values.gateway.rateLimit }}
{{- if and $limit.enabled (eq $limit.store "redis") }}
# Redis, where every replica's rate-limit buckets live
- {{- with .Values.networkPolicy.redisTo }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  ports:
    - port: {{ .Values.networkPolicy.redisPort }}
      protocol: TCP
{{- end }}
{{- end }}
