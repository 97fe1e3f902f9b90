-- The longest event bounds how early an event overlapping a window can start: a window query
-- (from=) can then scan the schedule index from (from - longest duration) instead of from the
-- first event ever. This index makes that maximum a single index probe (docs/benchmarks.md).
create index event_duration on event ((last_at - starts_at));
