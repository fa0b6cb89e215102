-- Referral programs (issue 11): one row per program, its document as the program manager wrote it (JSON text), and
-- the columns the service selects programs by. A program loaded from a file of referralbridge.programs.directory
-- names that file in source; one created through the API has source 'api'.
create table program_definition (
    program_key varchar(64)  primary key,
    name        varchar(200) not null,
    is_default  boolean      not null,
    start_date  date         not null,
    end_date    date,
    document    text         not null,
    source      varchar(300) not null,
    updated_at  timestamp with time zone not null,
    updated_by  varchar(128) not null,
    version     bigint       not null
);
