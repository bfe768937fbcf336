-- 0105 回访 (follow-ups due) pages by an index in their own order.
--
-- jz.follow_ups_due reads the open follow-ups of the caller's communities
-- (RLS) oldest first, (due_date, id), a page at a time. The only index on
-- open follow-ups led with community_id, so for staff of several
-- communities every open follow-up was read, joined and sorted before the
-- first 50 were kept: 1.4 s a page with 120,000 active plans
-- (jiuzhu-bench-paths). In due order the scan stops after the page; the
-- community filter is checked on the rows it passes.
create index follow_ups_open_due_idx on jz.follow_ups (due_date, id) where outcome is null;
