-- The W3C trace context of the request that made the change (null when no tracer runs): the relay
-- sends the event inside that trace, so one trace goes from the request to the stream's consumers.
alter table outbox_event add column trace_parent text, add column trace_state text;
alter table outbox_parked add column trace_parent text, add column trace_state text;
