-- The local user store of the embedded default (referralbridge.security.mode=local): staff who sign in with a user
-- name and password. Only a hash of the password is kept (bcrypt, with its work factor in the hash). Roles are the
-- four of the service, comma-separated. Production signs in through the clinic's OIDC provider and leaves it empty.
create table staff_user (
    id uuid primary key,
    username varchar(64) not null,
    password_hash varchar(100) not null,
    roles varchar(200) not null,
    created_at timestamp with time zone not null,
    created_by varchar(64) not null,
    constraint staff_user_username_unique unique (username)
);
