-- 0003: staff. Each staff member is a PostgreSQL LOGIN role in one group
-- role; this table adds the display name and the communities they serve.
-- Rows are written only through the jz.staff_* functions (0006).
CREATE TABLE jz.staff (
  login text PRIMARY KEY
    CONSTRAINT staff_login_role_name CHECK (login ~ '^[a-z_][a-z0-9_]{0,62}$'),
  display_name text NOT NULL
    CONSTRAINT staff_display_name_length
      CHECK (char_length(btrim(display_name)) BETWEEN 1 AND 64),
  group_role text NOT NULL
    CONSTRAINT staff_group_role_known
      CHECK (group_role IN ('jz_reception', 'jz_caseworker', 'jz_supervisor', 'jz_admin')),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE jz.staff IS 'staff: login is the PostgreSQL role name';

CREATE TABLE jz.staff_community (
  login text NOT NULL REFERENCES jz.staff (login) ON UPDATE CASCADE,
  community_id integer NOT NULL REFERENCES jz.communities (id),
  PRIMARY KEY (login, community_id)
);
CREATE INDEX staff_community_community ON jz.staff_community (community_id);

GRANT SELECT ON jz.staff, jz.staff_community
  TO jz_reception, jz_caseworker, jz_supervisor, jz_admin;
