-- Who changed a record, as the public may see it: the role and the jurisdictions the writer's token
-- granted ("editor, gwangju"). changed_by (the token's subject, often an e-mail address) stays for
-- admins only. Rows written before this have neither and show no role.
alter table record_history add column changed_by_role text;
alter table record_history add column changed_by_jurisdictions text;
