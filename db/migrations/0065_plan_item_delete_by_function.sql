-- 0065: an item leaves a plan only through jz.plan_item_remove(), which
-- requires and records the reason (issue 5: "a caseworker may change an item
-- only with a reason, recorded"). A plain DELETE by a caseworker would skip
-- that record, so the table privilege goes; the function runs as the owner.
revoke delete on jz.plan_items from jz_caseworker;
