-- Leases: since when the holder has held the lease (kept through renewals), so that a standby and the
-- status can say which instance leads and since when. Leases taken before this have none.
ALTER TABLE leases ADD COLUMN acquired_at TIMESTAMPTZ;
