-- gateway: a paused subscription's changes are queued but not sent until it is resumed.
alter table webhook_subscription drop constraint webhook_subscription_status_check;
alter table webhook_subscription add constraint webhook_subscription_status_check check (status in ('ACTIVE', 'PAUSED', 'DISABLED'));
