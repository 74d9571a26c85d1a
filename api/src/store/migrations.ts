/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
 * Never edit a migration that has shipped: add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE exercises (
    slug            TEXT PRIMARY KEY,
    status          TEXT NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
    current_version INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
  );

  -- Every version an exercise ever had; a submission points at the one it was graded against.
  CREATE TABLE exercise_versions (
    slug        TEXT NOT NULL REFERENCES exercises (slug),
    version     INTEGER NOT NULL,
    bundle_hash TEXT NOT NULL,
    manifest    TEXT NOT NULL,
    files       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (slug, version)
  );
  CREATE INDEX exercise_versions_by_hash ON exercise_versions (bundle_hash);

  CREATE TABLE submissions (
    id               TEXT PRIMARY KEY,
    exercise_slug    TEXT NOT NULL,
    exercise_version INTEGER NOT NULL,
    files            TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('queued', 'running', 'graded', 'error')),
    score            REAL,
    max_score        REAL,
    verdict          TEXT,
    result           TEXT,
    error            TEXT,
    worker_id        TEXT,
    created_at       TEXT NOT NULL,
    started_at       TEXT,
    finished_at      TEXT,
    FOREIGN KEY (exercise_slug, exercise_version) REFERENCES exercise_versions (slug, version)
  );
  CREATE INDEX submissions_by_status ON submissions (status, created_at);
  CREATE INDEX submissions_by_exercise ON submissions (exercise_slug, created_at);
  `,
  `
  CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    username       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name   TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('student', 'instructor', 'admin')),
    -- scrypt; NULL for accounts that only use API tokens.
    password_hash  TEXT,
    -- Signs this user's webhook deliveries; shown to the user, never to others.
    webhook_secret TEXT NOT NULL,
    created_by     TEXT REFERENCES users (id),
    created_at     TEXT NOT NULL
  );

  -- API tokens are stored as their sha256: a database leak does not leak tokens.
  CREATE TABLE api_tokens (
    token_hash   TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    label        TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
  );

  CREATE TABLE sessions (
    session_hash TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    csrf_token   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL
  );

  CREATE TABLE courses (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    join_code  TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL
  );

  CREATE TABLE course_members (
    course_id TEXT NOT NULL REFERENCES courses (id),
    user_id   TEXT NOT NULL REFERENCES users (id),
    joined_at TEXT NOT NULL,
    PRIMARY KEY (course_id, user_id)
  );

  ALTER TABLE submissions ADD COLUMN user_id TEXT REFERENCES users (id);
  CREATE INDEX submissions_by_user ON submissions (user_id, created_at);

  -- A retried POST with the same key answers with the submission the first one created.
  CREATE TABLE idempotency_keys (
    user_id       TEXT NOT NULL REFERENCES users (id),
    key           TEXT NOT NULL,
    request_hash  TEXT NOT NULL,
    submission_id TEXT NOT NULL REFERENCES submissions (id),
    created_at    TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
  );
  `,
  `
  -- Where to POST the result when grading ends; NULL when the client did not ask.
  ALTER TABLE submissions ADD COLUMN callback_url TEXT;

  -- Every attempt at delivering a webhook, failed or not: what the owner sees at /deliveries.
  -- delivery_id is the X-Grader-Delivery header, the same for every attempt of one delivery.
  CREATE TABLE webhook_attempts (
    delivery_id   TEXT NOT NULL,
    attempt       INTEGER NOT NULL,
    submission_id TEXT NOT NULL REFERENCES submissions (id),
    event         TEXT NOT NULL,
    url           TEXT NOT NULL,
    at            TEXT NOT NULL,
    -- The receiver's HTTP status; NULL when it never answered (see error).
    status_code   INTEGER,
    error         TEXT,
    duration_ms   INTEGER NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
  );
  CREATE INDEX webhook_attempts_by_submission ON webhook_attempts (submission_id, at);
  `,
];
