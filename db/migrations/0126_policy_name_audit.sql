-- 0126 jz.policy_name (0125) is audited as jz.policy is (0005): an
-- administrator may rename a figure, and who did it and when belongs in the
-- trail with the other reference data.
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON jz.policy_name
  FOR EACH ROW EXECUTE FUNCTION jz.audit_row('key');
