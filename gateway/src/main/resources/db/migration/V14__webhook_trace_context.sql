-- The change's W3C trace context (null when no tracer runs): a delivery is sent inside the trace of
-- the request that made the change, whenever and however often it is attempted.
alter table webhook_delivery add column trace_parent text, add column trace_state text;
