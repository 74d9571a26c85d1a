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
];
