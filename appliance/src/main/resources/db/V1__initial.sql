CREATE TABLE objects (
    kind VARCHAR(200) NOT NULL,
    full_path VARCHAR(1000) NOT NULL,
    body CLOB NOT NULL,
    generation BIGINT NOT NULL,
    PRIMARY KEY (kind, full_path)
);

CREATE TABLE commit_log (
    generation BIGINT PRIMARY KEY,
    at_millis BIGINT NOT NULL,
    principal VARCHAR(200) NOT NULL,
    origin VARCHAR(40) NOT NULL,
    changeset CLOB NOT NULL,
    tmsh CLOB NOT NULL
);
