-- Up Migration

-- The member of each accepted event, so that a brand's answer whose payload does not say whom it
-- answers (a Page replying to a comment, a Discourse staff reply) can be attributed to the author
-- of the event it answers. Personal data: erased with the member.
ALTER TABLE accepted_events ADD COLUMN member_platform_id text;

-- Down Migration

ALTER TABLE accepted_events DROP COLUMN member_platform_id;
