-- 0007: row-level security for staff: a supervisor or administrator sees
-- every account; other staff see themselves and the staff of their own
-- communities. Later migrations scope personal data the same way, through
-- jz.my_community_ids().
ALTER TABLE jz.staff ENABLE ROW LEVEL SECURITY;
ALTER TABLE jz.staff_community ENABLE ROW LEVEL SECURITY;

CREATE POLICY staff_read ON jz.staff FOR SELECT
  USING (pg_has_role('jz_supervisor', 'MEMBER')
         OR pg_has_role('jz_admin', 'MEMBER')
         OR login = session_user
         OR login IN (SELECT sc.login FROM jz.staff_community sc
                       WHERE sc.community_id IN (SELECT jz.my_community_ids())));

CREATE POLICY staff_community_read ON jz.staff_community FOR SELECT
  USING (pg_has_role('jz_supervisor', 'MEMBER')
         OR pg_has_role('jz_admin', 'MEMBER')
         OR login = session_user
         OR community_id IN (SELECT jz.my_community_ids()));
