-- gateway: why a subscription was disabled by the gateway itself (its receiver answered 410 Gone).
alter table webhook_subscription add column status_reason text;
