-- gateway: the latest version of each record seen on the topics. A change at or below it is a
-- repeat or a stale resend (delivery upstream is at least once) and gets no webhook delivery.
create table webhook_record_version (
    topic   text    not null,
    subject text    not null,
    version integer not null,
    primary key (topic, subject)
);
