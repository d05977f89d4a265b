{{- define "kt.fullname" -}}{{ .Release.Name | trunc 40 | trimSuffix "-" }}{{- end -}}

{{- define "kt.labels" -}}
app.kubernetes.io/name: kt-remedy
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Values.image.tag | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Pod selector of one component (rasa, actions, provision, seed). */}}
{{- define "kt.selector" -}}
app.kubernetes.io/name: kt-remedy
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "kt.image" -}}
{{- if .Values.image.digest -}}
{{ .Values.image.repository }}@{{ .Values.image.digest }}
{{- else -}}
{{ .Values.image.repository }}:{{ .Values.image.tag }}
{{- end -}}
{{- end -}}

{{- define "kt.modelImage" -}}
{{- if .Values.model.digest -}}
{{ .Values.model.repository }}@{{ .Values.model.digest }}
{{- else -}}
{{ .Values.model.repository }}:{{ .Values.model.version }}
{{- end -}}
{{- end -}}

{{/* Non-root, nothing writable but the emptyDirs, no capabilities, the runtime's seccomp profile. */}}
{{- define "kt.podSecurity" -}}
runAsNonRoot: true
runAsUser: {{ .Values.podSecurity.runAsUser }}
runAsGroup: {{ .Values.podSecurity.runAsGroup }}
fsGroup: {{ .Values.podSecurity.runAsGroup }}
seccompProfile: {type: RuntimeDefault}
{{- end -}}

{{- define "kt.containerSecurity" -}}
runAsNonRoot: true
runAsUser: {{ .Values.podSecurity.runAsUser }}
runAsGroup: {{ .Values.podSecurity.runAsGroup }}
allowPrivilegeEscalation: false
privileged: false
readOnlyRootFilesystem: true
capabilities: {drop: [ALL]}
seccompProfile: {type: RuntimeDefault}
{{- end -}}

{{- define "kt.secret" -}}
- name: {{ .key }}
  valueFrom: {secretKeyRef: {name: {{ .name }}, key: {{ .key }}{{ if .optional }}, optional: true{{ end }}}}
{{- end -}}

{{/*
The bot's environment: the same names as compose's x-bot-env (tests/test_k8s.py compares them).
Secrets by reference only; DATABASE_URL is put together by the kubelet from the variables above
it ($(VAR) expansion), as compose builds it from PG_PASSWORD.
*/}}
{{- define "kt.botEnv" -}}
{{- $s := .Values.secrets.name -}}
{{- range $k, $v := .Values.settings }}
- {name: {{ $k }}, value: {{ $v | quote }}}
{{- end }}
- {name: PG_HOST, value: {{ .Values.postgres.host | quote }}}
- {name: PG_PORT, value: {{ .Values.postgres.port | quote }}}
- {name: REDIS_HOST, value: {{ .Values.redis.host | quote }}}
- {name: REDIS_PORT, value: {{ .Values.redis.port | quote }}}
- {name: ACTION_URL, value: {{ printf "http://%s-actions:%v/webhook" (include "kt.fullname" .) .Values.actions.port | quote }}}
{{- range list "PG_PASSWORD" "REDIS_PASSWORD" "ACTION_SERVER_TOKEN" "RASA_JWT_SECRET" "AGENT_JWT_SECRET" "OPS_JWT_SECRET" "WEB_SESSION_SECRET" "BOT_SEAL_KEY" "REST_CHANNEL_TOKEN" "KAKAO_SKILL_SECRET" }}
{{ include "kt.secret" (dict "name" $s "key" .) }}
{{- end }}
{{ include "kt.secret" (dict "name" $s "key" "TRACKER_DB_URL" "optional" (not .Values.secrets.trackerReplicaRequired)) }}
- {name: DATABASE_URL, value: "postgresql+psycopg2://$(PG_USER):$(PG_PASSWORD)@$(PG_HOST):$(PG_PORT)/$(SUBSCRIBER_DB)"}
{{- end -}}

{{/* Writable paths on a read-only root: Rasa's home and caches (var/), the unpacked model (/tmp). */}}
{{- define "kt.writableMounts" -}}
- {name: var, mountPath: /app/var}
- {name: tmp, mountPath: /tmp}
{{- end -}}
{{- define "kt.writableVolumes" -}}
- {name: var, emptyDir: {sizeLimit: 256Mi}}
- {name: tmp, emptyDir: {sizeLimit: 1Gi}}
{{- end -}}
