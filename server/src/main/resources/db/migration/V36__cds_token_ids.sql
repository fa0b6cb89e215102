-- The CDS clients' JWT ids already used (CDS Hooks: a jti is used once), shared by every instance so a token replayed
-- to another instance is refused too. The key is a SHA-256 of the issuer and the jti; rows go once the token expired.
create table cds_token_ids (
    token_key  varchar(64) primary key,
    expires_at timestamp with time zone not null
);
create index cds_token_ids_expiry on cds_token_ids (expires_at);
