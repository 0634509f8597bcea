-- Version 2: refused changes, so the audit log shows failed attempts next to the commits.
-- One row per refused batch: when, by whom, through which interface, what was attempted (tmsh
-- words, without property values) and the refusal as tmsh printed it.
CREATE TABLE IF NOT EXISTS refusals (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    epoch_millis BIGINT NOT NULL,
    principal VARCHAR(200) NOT NULL,
    origin VARCHAR(100) NOT NULL,
    tmsh CHARACTER LARGE OBJECT NOT NULL,
    status CHARACTER LARGE OBJECT NOT NULL
);
