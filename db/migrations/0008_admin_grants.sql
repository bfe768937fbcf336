-- 0008: the administrator also removes a community entered by mistake
-- (foreign keys refuse it once anything refers to it; the audit trail keeps
-- the deleted row).
GRANT DELETE ON jz.communities TO jz_admin;
