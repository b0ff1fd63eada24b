{{/* Chart name, truncated to the 63 characters a label value allows. */}}
{{- define "inference.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's object name: <release>-inference, or the release name when it already holds the chart name. */}}
{{- define "inference.fullname" -}}
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

{{- define "inference.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "inference.labels" -}}
helm.sh/chart: {{ include "inference.chart" . }}
{{ include "inference.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "inference.selectorLabels" -}}
app.kubernetes.io/name: {{ include "inference.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: server
{{- end }}

{{/* Whether the server pod asks for GPUs. */}}
{{- define "inference.gpuEnabled" -}}
{{- if gt (int .Values.gpu.count) 0 }}true{{ end }}
{{- end }}

{{/* The server image: the tag defaults to the chart's appVersion, with "-cuda" when GPUs are requested. */}}
{{- define "inference.image" -}}
{{- $tag := .Values.image.tag }}
{{- if not $tag }}
{{- $tag = printf "%s%s" .Chart.AppVersion (ternary "-cuda" "" (eq (include "inference.gpuEnabled" .) "true")) }}
{{- end }}
{{- printf "%s:%s" .Values.image.repository $tag }}
{{- end }}

{{/* The Secret holding the API keys (one per line under apiKey.secretKey). */}}
{{- define "inference.apiKeySecretName" -}}
{{- default (printf "%s-api-keys" (include "inference.fullname" .)) .Values.apiKey.existingSecret }}
{{- end }}

{{/* The claim of the model cache, when the cache is a volume claim. */}}
{{- define "inference.cacheClaimName" -}}
{{- default (printf "%s-cache" (include "inference.fullname" .)) .Values.cache.existingClaim }}
{{- end }}

{{/* Seconds Kubernetes waits after SIGTERM: the drain timeout plus a margin, unless set (then it must exceed the drain). */}}
{{- define "inference.terminationGracePeriodSeconds" -}}
{{- $drain := int .Values.server.drainTimeout }}
{{- if .Values.terminationGracePeriodSeconds }}
{{- if le (int .Values.terminationGracePeriodSeconds) $drain }}
{{- fail (printf "terminationGracePeriodSeconds (%d) must be longer than server.drainTimeout (%d)" (int .Values.terminationGracePeriodSeconds) $drain) }}
{{- end }}
{{- int .Values.terminationGracePeriodSeconds }}
{{- else }}
{{- add $drain 15 }}
{{- end }}
{{- end }}

{{/* Whether a model reference must be downloaded (hf: or an http(s) URL) rather than read from a mounted path. */}}
{{- define "inference.isRemoteRef" -}}
{{- if or (hasPrefix "hf:" .) (hasPrefix "https://" .) (hasPrefix "http://" .) }}true{{ end }}
{{- end }}

{{/* The agent's names. */}}
{{- define "inference.agent.fullname" -}}
{{- printf "%s-agent" (include "inference.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "inference.agent.selectorLabels" -}}
app.kubernetes.io/name: {{ include "inference.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: agent
{{- end }}

{{- define "inference.agent.labels" -}}
helm.sh/chart: {{ include "inference.chart" . }}
{{ include "inference.agent.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "inference.agent.serviceAccountName" -}}
{{- default (include "inference.agent.fullname" .) .Values.agent.serviceAccount.name }}
{{- end }}

{{/* HF_TOKEN (from a Secret) and HF_ENDPOINT, for the pull init containers and the server. */}}
{{- define "inference.huggingFaceEnv" -}}
{{- with .Values.huggingFaceTokenSecret }}
- name: HF_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: HF_TOKEN
{{- end }}
{{- with .Values.huggingFaceEndpoint }}
- name: HF_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- end }}
