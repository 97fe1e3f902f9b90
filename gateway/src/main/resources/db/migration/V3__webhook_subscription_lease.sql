-- gateway: a subscription being served is leased to one gateway instance, so replicas never send
-- two of one receiver's deliveries at once, without holding a row lock (and a transaction) while a
-- receiver takes its time to answer. A crashed instance's lease runs out at leased_until.
alter table webhook_subscription add column lease_owner text;
alter table webhook_subscription add column leased_until timestamptz;
