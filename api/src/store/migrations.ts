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
  `
  -- Exercise authoring (instructors): drafts, their validation in the sandbox, regrades, and
  -- the grades a regrade replaced.

  -- Content an instructor is preparing; students never see it. Publishing a draft makes its
  -- content the exercise's next version; the draft stays as the record of what was validated.
  CREATE TABLE exercise_drafts (
    id                TEXT PRIMARY KEY,
    slug              TEXT NOT NULL,
    state             TEXT NOT NULL CHECK (state IN ('draft', 'published', 'discarded')),
    bundle_hash       TEXT NOT NULL,
    manifest          TEXT NOT NULL,
    files             TEXT NOT NULL,
    created_by        TEXT NOT NULL REFERENCES users (id),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    published_version INTEGER,
    published_at      TEXT
  );
  CREATE INDEX exercise_drafts_by_slug ON exercise_drafts (slug, updated_at);
  -- Workers fetch a draft's bundle by hash to validate it.
  CREATE INDEX exercise_drafts_by_hash ON exercise_drafts (bundle_hash);

  -- A draft's content graded in the sandbox. Publishing needs the draft's latest validation
  -- to have passed for exactly its current content (bundle_hash).
  CREATE TABLE exercise_validations (
    id           TEXT PRIMARY KEY,
    draft_id     TEXT NOT NULL REFERENCES exercise_drafts (id),
    bundle_hash  TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('queued', 'passed', 'failed', 'error')),
    -- Every candidate's report (JSON) when complete; never a partial one.
    report       TEXT,
    -- Why it could not be completed, when status is error.
    error        TEXT,
    worker_id    TEXT,
    requested_by TEXT NOT NULL REFERENCES users (id),
    created_at   TEXT NOT NULL,
    finished_at  TEXT
  );
  CREATE INDEX exercise_validations_by_draft ON exercise_validations (draft_id, created_at);

  -- An exercise's submissions graded again against one version, kept apart from their grades
  -- until an instructor applies the batch.
  CREATE TABLE regrade_batches (
    id             TEXT PRIMARY KEY,
    exercise_slug  TEXT NOT NULL,
    target_version INTEGER NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('open', 'applied', 'discarded')),
    created_by     TEXT NOT NULL REFERENCES users (id),
    created_at     TEXT NOT NULL,
    closed_by      TEXT REFERENCES users (id),
    closed_at      TEXT,
    FOREIGN KEY (exercise_slug, target_version) REFERENCES exercise_versions (slug, version)
  );
  CREATE INDEX regrade_batches_by_exercise ON regrade_batches (exercise_slug, created_at);

  CREATE TABLE regrades (
    batch_id      TEXT NOT NULL REFERENCES regrade_batches (id),
    submission_id TEXT NOT NULL REFERENCES submissions (id),
    -- The grade when the batch was made; applying skips a submission whose grade moved since.
    old_version   INTEGER NOT NULL,
    old_score     REAL,
    old_max_score REAL,
    old_verdict   TEXT,
    status        TEXT NOT NULL CHECK (status IN ('queued', 'running', 'graded', 'error')),
    new_score     REAL,
    new_max_score REAL,
    new_verdict   TEXT,
    new_result    TEXT,
    error         TEXT,
    finished_at   TEXT,
    -- What applying the batch did to this submission.
    outcome       TEXT CHECK (outcome IN ('applied', 'stale', 'not_graded')),
    PRIMARY KEY (batch_id, submission_id)
  );

  -- Grades that a regrade replaced; the current grade stays on the submission.
  CREATE TABLE grade_history (
    submission_id    TEXT NOT NULL REFERENCES submissions (id),
    exercise_version INTEGER NOT NULL,
    score            REAL,
    max_score        REAL,
    verdict          TEXT,
    result           TEXT,
    graded_at        TEXT,
    replaced_at      TEXT NOT NULL,
    replaced_by      TEXT NOT NULL REFERENCES regrade_batches (id),
    PRIMARY KEY (submission_id, replaced_by)
  );
  `,
  `
  -- The per-user queue cap counts a user's unfinished submissions on every accept: without this
  -- index the count read every submission of the user (a class's burst made accepts slower and slower).
  CREATE INDEX submissions_unfinished_by_user ON submissions (user_id) WHERE status IN ('queued', 'running');
  `,
  `
  -- A course's exercises with dates: see api/src/assignments/.
  CREATE TABLE assignments (
    id              TEXT PRIMARY KEY,
    course_id       TEXT NOT NULL REFERENCES courses (id),
    title           TEXT NOT NULL,
    opens_at        TEXT NOT NULL,
    due_at          TEXT NOT NULL,
    -- LatePolicy as JSON: {"kind":"closed"} or {"kind":"accepted","days":..,"penaltyPercentPerDay":..}.
    late            TEXT NOT NULL,
    max_submissions INTEGER,
    counts          TEXT NOT NULL CHECK (counts IN ('best', 'last')),
    -- 1: a student sees every test whole once their due date has passed.
    reveal_tests_after_due INTEGER NOT NULL DEFAULT 0,
    created_by      TEXT NOT NULL REFERENCES users (id),
    created_at      TEXT NOT NULL
  );
  CREATE INDEX assignments_by_course ON assignments (course_id, due_at);

  CREATE TABLE assignment_exercises (
    assignment_id TEXT NOT NULL REFERENCES assignments (id),
    position      INTEGER NOT NULL,
    exercise_slug TEXT NOT NULL REFERENCES exercises (slug),
    PRIMARY KEY (assignment_id, exercise_slug)
  );

  CREATE TABLE assignment_extensions (
    assignment_id TEXT NOT NULL REFERENCES assignments (id),
    user_id       TEXT NOT NULL REFERENCES users (id),
    due_at        TEXT NOT NULL,
    granted_by    TEXT NOT NULL REFERENCES users (id),
    granted_at    TEXT NOT NULL,
    PRIMARY KEY (assignment_id, user_id)
  );

  -- Decided when the submission is accepted, from the submitter's due date at that moment.
  ALTER TABLE submissions ADD COLUMN assignment_id TEXT REFERENCES assignments (id);
  ALTER TABLE submissions ADD COLUMN days_late INTEGER;
  ALTER TABLE submissions ADD COLUMN penalty_percent REAL;
  CREATE INDEX submissions_by_assignment ON submissions (assignment_id, user_id, exercise_slug) WHERE assignment_id IS NOT NULL;
  `,
  `
  -- LTI 1.3: see api/src/lti/.
  CREATE TABLE lti_platforms (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    issuer         TEXT NOT NULL,
    client_id      TEXT NOT NULL,
    deployment_ids TEXT NOT NULL, -- JSON array of strings
    auth_login_url TEXT NOT NULL,
    auth_token_url TEXT NOT NULL,
    jwks_url       TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    UNIQUE (issuer, client_id)
  );

  -- The grader's signing keys (RS256), private part included: the newest signs.
  CREATE TABLE lti_tool_keys (
    kid         TEXT PRIMARY KEY,
    private_jwk TEXT NOT NULL,
    public_jwk  TEXT NOT NULL,
    created_at  TEXT NOT NULL
  );

  -- A login in flight: its state (as a hash; the browser holds it in a cookie) and the nonce the launch must carry. Used once.
  CREATE TABLE lti_logins (
    state_hash  TEXT PRIMARY KEY,
    platform_id TEXT NOT NULL REFERENCES lti_platforms (id),
    nonce       TEXT NOT NULL,
    expires_at  TEXT NOT NULL
  );

  -- Who a platform's user is here.
  CREATE TABLE lti_identities (
    platform_id TEXT NOT NULL REFERENCES lti_platforms (id),
    subject     TEXT NOT NULL,
    user_id     TEXT NOT NULL UNIQUE REFERENCES users (id),
    PRIMARY KEY (platform_id, subject)
  );

  -- Which course a platform's course (LTI context) is here.
  CREATE TABLE lti_contexts (
    platform_id TEXT NOT NULL REFERENCES lti_platforms (id),
    context_id  TEXT NOT NULL,
    course_id   TEXT NOT NULL REFERENCES courses (id),
    PRIMARY KEY (platform_id, context_id)
  );

  -- A platform's link to an exercise (of an assignment or on its own), and the line item its grades go to.
  CREATE TABLE lti_resource_links (
    id               TEXT PRIMARY KEY,
    platform_id      TEXT NOT NULL REFERENCES lti_platforms (id),
    resource_link_id TEXT NOT NULL,
    exercise_slug    TEXT NOT NULL REFERENCES exercises (slug),
    assignment_id    TEXT REFERENCES assignments (id),
    line_item_url    TEXT,
    UNIQUE (platform_id, resource_link_id)
  );

  -- Who launched a link: their grade for its exercise goes to its line item, as the platform's subject.
  CREATE TABLE lti_link_learners (
    link_id TEXT NOT NULL REFERENCES lti_resource_links (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    subject TEXT NOT NULL,
    PRIMARY KEY (link_id, user_id)
  );
  CREATE INDEX lti_link_learners_by_user ON lti_link_learners (user_id);

  -- A deep-linking page shown to an instructor: what it may send back, and where. Used once.
  CREATE TABLE lti_deep_link_choices (
    token_hash    TEXT PRIMARY KEY,
    platform_id   TEXT NOT NULL REFERENCES lti_platforms (id),
    deployment_id TEXT NOT NULL,
    return_url    TEXT NOT NULL,
    data          TEXT,
    course_id     TEXT REFERENCES courses (id),
    expires_at    TEXT NOT NULL
  );
  `,
  `
  -- A student's code in progress on an exercise, saved from the web app so that it follows them
  -- to another device: one per user and exercise, the last save wins.
  CREATE TABLE code_drafts (
    user_id       TEXT NOT NULL REFERENCES users (id),
    exercise_slug TEXT NOT NULL REFERENCES exercises (slug),
    files         TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (user_id, exercise_slug)
  );
  `,
  `
  -- A student's trial of the visible tests: graded like a submission, recorded apart from them
  -- (it never counts, staff do not grade it) and deleted after a day.
  CREATE TABLE trial_runs (
    id               TEXT PRIMARY KEY,
    user_id          TEXT NOT NULL REFERENCES users (id),
    exercise_slug    TEXT NOT NULL REFERENCES exercises (slug),
    exercise_version INTEGER NOT NULL,
    files            TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('queued', 'running', 'graded', 'error')),
    max_score        REAL NOT NULL,
    result           TEXT,
    error            TEXT,
    created_at       TEXT NOT NULL,
    started_at       TEXT,
    finished_at      TEXT
  );
  CREATE INDEX trial_runs_by_user ON trial_runs (user_id, status);
  CREATE INDEX trial_runs_by_age ON trial_runs (created_at);
  `,
];
