-- One row per asset name of an app: reserves the name (exact_name uniqueness), counts the bytes the
-- app stores (plan quota) and pages the tenant-scoped list. A row is 'pending' from presign until the
-- upload is seen in storage ('stored'); pending rows past expires_at whose object never arrived are
-- removed when the app's usage is next reconciled.
CREATE TABLE _asset_object (
    app_id text NOT NULL,
    name text NOT NULL,
    size bigint NOT NULL,
    content_type text NOT NULL,
    access text NOT NULL,
    state text NOT NULL,
    owner_id text,
    created_at timestamp without time zone NOT NULL,
    expires_at timestamp without time zone,
    CONSTRAINT _asset_object_pkey PRIMARY KEY (app_id, name),
    CONSTRAINT _asset_object_size_check CHECK (size >= 0),
    CONSTRAINT _asset_object_access_check CHECK (access IN ('public', 'private')),
    CONSTRAINT _asset_object_state_check CHECK (state IN ('pending', 'stored'))
);
CREATE INDEX _asset_object_pending_idx ON _asset_object (app_id, expires_at) WHERE state = 'pending';
