-- Version 4: a finding that follows from another (a rate computed from a figure that
-- finding already flags) names it, so it is shown with it and never counted as a second
-- error. The value is the other finding's key (juesuan.model.Finding.key); NULL otherwise.
ALTER TABLE findings ADD COLUMN IF NOT EXISTS follows VARCHAR;
