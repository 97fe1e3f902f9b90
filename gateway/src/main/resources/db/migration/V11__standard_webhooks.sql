-- gateway: Standard Webhooks. A secret is now whsec_ + the base64 of the HMAC key; before, the whole
-- secret's UTF-8 bytes were the key. Secrets of before are re-encoded so that their key, and so the
-- deprecated Civic-Signature their receivers check, stays the same.
update webhook_subscription
set secret = 'whsec_' || translate(encode(convert_to(secret, 'UTF8'), 'base64'), E'\n', '');

-- The webhook-id of a delivery: the same on every attempt and redelivery, the receivers' idempotency key.
alter table webhook_delivery
    add column message_id text not null default ('msg_' || replace(gen_random_uuid()::text, '-', ''));
alter table webhook_delivery add constraint webhook_delivery_message_id unique (message_id);

-- A rotated secret's predecessor, still signed with (a second signature) until previous_secret_until.
alter table webhook_subscription add column previous_secret text;
alter table webhook_subscription add column previous_secret_until timestamptz;
