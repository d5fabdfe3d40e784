{{/*
The gateway's identity settings that are not secrets, rendered into both apps from gateway.identity.* and
gateway.publicBaseUrl: the gateway acts on them, tenant-admin shows them. Call with (dict "root" $ "component" "gateway").
*/}}
{{- define "mtg.identityEnv" -}}
{{- $values := .root.Values.gateway }}
{{- $oidc := $values.identity.oidc }}
- name: MCPGATEWAY_TRUST_PLAIN_HEADERS
  value: {{ $values.identity.trustPlainHeaders | quote }}
{{- with $values.publicBaseUrl }}
- name: MCPGATEWAY_PUBLICBASEURL
  value: {{ . | quote }}
{{- end }}
{{- if $oidc.issuerUri }}
- name: MCPGATEWAY_IDENTITY_OIDC_ISSUERURI
  value: {{ $oidc.issuerUri | quote }}
- name: MCPGATEWAY_IDENTITY_OIDC_AUDIENCES
  value: {{ required "gateway.identity.oidc.audiences needs at least one audience when gateway.identity.oidc.issuerUri is set" (join "," $oidc.audiences) | quote }}
- name: MCPGATEWAY_IDENTITY_OIDC_EMAILCLAIM
  value: {{ $oidc.emailClaim | quote }}
{{- with $oidc.scopes }}
- name: MCPGATEWAY_IDENTITY_OIDC_SCOPES
  value: {{ join "," . | quote }}
{{- end }}
{{- if and $oidc.jwkSetUri (eq .component "gateway") }}
- name: MCPGATEWAY_IDENTITY_OIDC_JWKSETURI
  value: {{ $oidc.jwkSetUri | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/* The TCP port of an http(s) URL: its explicit port, else 80 for http and 443 for https. */}}
{{- define "mtg.urlPort" -}}
{{- $url := urlParse . }}
{{- $hostAndPort := splitList ":" $url.host }}
{{- if gt (len $hostAndPort) 1 }}{{ last $hostAndPort }}{{ else if eq $url.scheme "http" }}80{{ else }}443{{ end }}
{{- end }}

{{/* Gateway egress to the IdP (discovery and keys) while IdP tokens are on. */}}
{{- define "mtg.gateway.idpEgress" -}}
{{- $oidc := .Values.gateway.identity.oidc }}
{{- if $oidc.issuerUri }}
{{- $ports := list (include "mtg.urlPort" $oidc.issuerUri) }}
{{- with $oidc.jwkSetUri }}
{{- $ports = append $ports (include "mtg.urlPort" .) | uniq }}
{{- end }}
# the IdP: OpenID discovery and the JWKS that verify access tokens
- ports:
    {{- range $ports }}
    - port: {{ . | int }}
      protocol: TCP
    {{- end }}
{{- end }}
{{- end }}
