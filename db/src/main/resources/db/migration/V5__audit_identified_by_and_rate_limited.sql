-- Issues 10 and 11: the audit names the proof that identified the caller and the calls a limit refused.

-- Which proof identified the caller of a call: Open WebUI's signed header, an IdP access token, or plain headers
-- behind a client key. NULL when the caller proved no person (and for admin changes).
ALTER TABLE audit_event ADD COLUMN identified_by text
    CONSTRAINT audit_event_identified_by_values CHECK (identified_by IN ('openwebui-jwt', 'oidc', 'plain'));

-- A call refused by a rate or concurrency limit keeps decision 'deny' and gets outcome 'rate_limited', so the log
-- can tell a limit from a missing permission without reading the reason.
ALTER TABLE audit_event DROP CONSTRAINT audit_event_outcome_values;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_outcome_values
    CHECK (outcome IN ('pending', 'succeeded', 'failed', 'rate_limited'));
CREATE INDEX audit_event_rate_limited_idx ON audit_event (occurred_at DESC) WHERE outcome = 'rate_limited';
