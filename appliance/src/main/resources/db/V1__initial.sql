-- Version 1 of the configuration store. Statements end with ';' at the end of a line.
-- H2 commits DDL at once, so every statement here can be run again (IF NOT EXISTS): a migration
-- interrupted before its schema_version row was written is simply applied again on the next boot.

-- Every configuration object, whatever its component: the store knows no component.
CREATE TABLE IF NOT EXISTS objects (
    kind VARCHAR(200) NOT NULL,
    full_path VARCHAR(1000) NOT NULL,
    body CHARACTER LARGE OBJECT NOT NULL,
    generation BIGINT NOT NULL,
    PRIMARY KEY (kind, full_path)
);

-- One row per acknowledged commit; the store's generation is MAX(generation) here, or 0.
CREATE TABLE IF NOT EXISTS commit_log (
    generation BIGINT PRIMARY KEY,
    epoch_millis BIGINT NOT NULL,
    principal VARCHAR(200) NOT NULL,
    origin VARCHAR(100) NOT NULL,
    changeset CHARACTER LARGE OBJECT NOT NULL,
    tmsh CHARACTER LARGE OBJECT NOT NULL
);

-- Facts about the store itself (the boot self-test writes 'last-open' here).
CREATE TABLE IF NOT EXISTS meta (
    name VARCHAR(100) PRIMARY KEY,
    text_value VARCHAR(1000) NOT NULL
);
