/**
 * Every limit of the product, with the reason beside it. Exercise manifests may lower
 * or raise the per-exercise ones within the bounds given here.
 */
export const LIMITS = {
  http: {
    /** JSON bodies larger than this are refused with 413: submissions are source files, not data. */
    bodyBytes: 512 * 1024,
    /** How long a refused connection may stay half-closed, for the client to read the answer, before it is destroyed. */
    lingerMs: 2_000,
    /** What a client is told to wait after a 503 from health: Redis reconnects within seconds when it can. */
    retryAfterSeconds: 5,
    /** A browser session lasts a working day plus a night. */
    sessionMs: 16 * 3600 * 1000,
    /**
     * How long a Redis command on a request path (queueing a submission, health) may take: Redis
     * answers in well under a millisecond on a LAN; a command this late means Redis (or the way to
     * it) is in trouble, and the client is better told 503 now than kept waiting. (2 s was reached
     * by a burst of 150 submissions on a 2-core machine under a stress load; an unreachable Redis
     * fails at once whatever this is, as the offline queue is off.)
     */
    redisCommandTimeoutMs: 5_000,
  },
  store: {
    /**
     * Prepared SQL statements the API keeps for reuse (store/database.ts): preparing one costs
     * more than running a simple one. The stores' statements are a few hundred fixed texts;
     * the bound only guards against texts built from data.
     */
    preparedStatements: 1_000,
    /**
     * An API token's last use is written at most this often, milliseconds: writing it on every
     * request made each read a write (a tenth of a status read's CPU); to the minute is what
     * an admin deciding to revoke a token needs.
     */
    tokenLastUsedEveryMs: 60_000,
    /**
     * How long an API process answers for a token from memory, milliseconds, without reading
     * its row (the token's hash and its user's join were a fifth of a status read's CPU).
     * Users and tokens cannot change today; when revoking a token or changing a role is
     * added, the change takes effect on this process at once (it must clear the cache) and
     * on other API hosts within this time, as Kubernetes' token caches do with their TTL.
     */
    tokenCacheMs: 5_000,
    /** Tokens remembered at most (the least recently used goes): a large class, each on a device or two. */
    tokenCacheEntries: 10_000,
    /**
     * Stored grading results kept parsed, by the characters of their stored text (so a changed
     * result is a new entry, on every host), at most this many characters in all: parsing and
     * validating a result again was a third of a status read's own work, and a class polls the
     * same few hundred results at a deadline. 16 Mi characters is a few thousand results.
     */
    parsedResultChars: 16 * 1024 * 1024,
    /**
     * Submissions kept with the row they were read from, so that a status read of an unchanged
     * one reuses its JSON (a class polls the same few hundred at a deadline). Each holds its
     * files and result text, a few KiB: 2,000 are some 10 MiB.
     */
    recentSubmissions: 2_000,
  },
  submission: {
    /** A source file larger than this is almost certainly not a hand-written solution. */
    fileBytes: 64 * 1024,
    /** Keeps one submission's files, stored and queued, small. */
    files: 20,
    /** Long enough for nested folders, short enough to show in a report. */
    pathChars: 200,
  },
  exercise: {
    /** Default wall time per test, milliseconds: generous for a query, short for a loop. */
    testTimeMs: 2_000,
    testTimeMsMax: 30_000,
    /** Default memory for the whole container, MiB (harness included); swap is off. */
    memoryMb: 256,
    memoryMbMin: 96,
    memoryMbMax: 1024,
    /** A student process's captured stdout+stderr beyond this is discarded and counted. */
    outputBytes: 64 * 1024,
    /** Rows a query may return before it counts as an output-limit overrun. */
    resultRows: 10_000,
    /**
     * Default time a student's web app gets from process start to listening, milliseconds:
     * Node and Express load in well under a second, the rest is margin for a slow host.
     */
    startupTimeMs: 3_000,
    startupTimeMsMax: 15_000,
    /**
     * How many times its limit a student process (or the reference's) may take in wall time when
     * the host, not the process, made it slow. A one-shot process's time (a fixed test's query or
     * calls, a run of the student's tests) is charged as wall time less the time it waited for a
     * CPU (common/process/charged-time.ts), and a web app's start as its CPU time
     * (wait-for-listening.ts), up to this bound: on a busy host (CI running the suite's gradings
     * side by side on two cores) a correct query waited seconds for a CPU and was graded
     * time_limit_exceeded. A loop runs out of its time as on an idle host; a process that sleeps
     * or waits for what never comes is charged its sleep and ends on time. The calls of a
     * generated search keep wall-time limits (mailbox.ts says why).
     */
    starvedFactor: 3,
    /** One HTTP answer of a student's app larger than this is an output-limit overrun: tests exchange small JSON documents. */
    responseBytes: 1024 * 1024,
    /**
     * Time a PostgreSQL engine gets to start, milliseconds: its runner's Node, a copy of the
     * image's cluster and a PostgreSQL 15 server on it take about 0.15 s on the reference
     * machine; the rest is margin for a slow or busy host (a warm container starts two at once,
     * perhaps beside other gradings). The student's queries start one; a runaway query is
     * killed with it, and the next test starts another.
     */
    postgresStartupMs: 8_000,
    /**
     * Memory a PostgreSQL exercise needs at least, MiB. Measured: a warm container with both
     * engines started (two runners, two PostgreSQL servers, their data directories in tmpfs)
     * holds 86 MiB; the rest is the queries': a sort or hash takes up to work_mem (4 MiB) per
     * node before it spills to temporary files, an array or a string as much as it builds. Set
     * when the engine was PGlite (400 MiB each) and kept: no exercise has asked for less.
     */
    postgresMemoryMbMin: 512,
    /** Time the harness gets to type-check and compile a TypeScript submission, milliseconds (about 2 s of CPU on the reference machine). */
    typeCheckMs: 10_000,
    /**
     * Sandbox time a test of a Python data-access module gets beyond its testTimeMs, milliseconds:
     * each test starts a Python runner (0.1 to 0.2 s idle, its interpreter, sqlite3 and the SQL
     * recorder; a SQLAlchemy module adds 0.3 s of imports), and a generated check runs both
     * solutions' Python per input where a JavaScript reference is called in the harness. Without
     * it a busy machine used the generated checks' share up on the fixed tests, and a correct
     * module, the reference included, was "too slow for the generated check".
     */
    pythonInjectionTestMs: 2_000,
    /**
     * The same for a Python web app (rest-endpoint), beyond its startupTimeMs: every sequence of a
     * generated check imports the student's modules again (a SQLAlchemy app some 0.3 s idle), and
     * on a busy machine a correct FastAPI app with SQLAlchemy ran out of its checks' time.
     */
    pythonAppTestMs: 2_000,
    /**
     * Sandbox time a secure-auth test gets beyond its testTimeMs and the app's start,
     * milliseconds: a slow password hash is slow on purpose (bcrypt at cost 10 or scrypt's
     * defaults take 50 to 100 ms of CPU each in the sandbox), a test signs up and logs in a few
     * accounts, and the storage check recomputes a hash of each; on a busy machine that is seconds.
     */
    slowHashTestMs: 3_000,
    /**
     * The largest database file (or its write-ahead log) of a student's app that a secure-auth
     * test reads, bytes: the tests' accounts and notes take kilobytes; more means the app wrote
     * something else there, and the test fails rather than copy it.
     */
    appDatabaseBytes: 8 * 1024 * 1024,
    /**
     * What one call of a student's data-access function may return, serialised as JSON, bytes:
     * the tests' databases hold a few dozen rows; far more means the function dumped a table.
     */
    callResultBytes: 256 * 1024,
  },
  cache: {
    /**
     * Default time the redis-cache kind's slow source takes per answer, milliseconds: slow enough
     * that a cache is worth having, short enough that a test's handful of misses costs little.
     * The tests count the source's requests; nothing is judged by time.
     */
    sourceLatencyMs: 100,
    /**
     * Sandbox time a redis-cache test gets for its own Redis server to start and be checked,
     * milliseconds: some 20 ms idle, seconds on a starved machine (2 s was once exceeded on two
     * cores busy with a full test run, a type check and another suite: an internal error).
     * Only a server that never comes up waits it out.
     */
    serverStartMs: 5_000,
    /**
     * The test's Redis server's memory for data, bytes (maxmemory, policy noeviction): the
     * tests cache a few kilobytes; an app that fills this gets Redis's OOM errors, its own failure.
     */
    serverMemoryBytes: 32 * 1024 * 1024,
    /** Clients the test's Redis server accepts at once: an app's pool of connections and the grader's one. */
    serverClients: 64,
    /** The largest reply the grader reads from the test's Redis server, bytes: cached entries are small JSON documents. */
    replyBytes: 1024 * 1024,
  },
  testWriting: {
    /**
     * Sandbox time one run of the student's tests gets beyond the exercise's testTimeMs,
     * milliseconds: starting Jest or pytest, some 0.3 s idle, seconds on a starved machine.
     */
    runStartMs: 3_000,
    /**
     * Test cases one run may report: a suite is a few dozen; a report of more (generated by a
     * loop) is cut here, and a case past the cut is not counted, so no report can be made large.
     */
    casesMax: 500,
    /** The longest failure message kept of one test case, characters: the start of an assertion's diff. */
    messageChars: 600,
    /**
     * The share of the given implementation's lines (of 24 characters or more) that the
     * student's tests may repeat: a test repeats a line or two; a suite that pastes the module
     * in, to check the module against its copy, repeats most of them and grades nothing.
     */
    copiedShareMax: 0.4,
    /**
     * Correct implementations beyond the given one an exercise may name, each costing one more
     * run: a couple written differently throughout, and one per place a mutant changes.
     */
    equivalentsMax: 16,
  },
  dataSource: {
    /** The most an exercise may hold back each answer of the data source the harness serves to an app, milliseconds. */
    latencyMsMax: 2_000,
    /** The largest body a request to the data source may carry, bytes: a resource is a small JSON document. */
    bodyBytes: 64 * 1024,
    /** Requests the data source records per test; more are still answered, not recorded (and a count that needs them fails). */
    requestsMax: 10_000,
  },
  generated: {
    /**
     * Inputs a generated check tries when its manifest says nothing: enough to find the usual
     * mistakes (a missing escape, a wrong boundary) in a second or two of the sandbox's time.
     */
    runs: 100,
    /** The most a manifest may ask for: each run costs a call of both solutions (or a request sequence). */
    runsMax: 1_000,
    /**
     * The share of a generated check's drawn inputs (a REST check's sequences, a SQL test's
     * datasets) that must have been judged, all agreeing, for it to pass when its time ran out
     * first (a REST check's coverage sequences then still run): a machine
     * under load slows the apps (a stress load beside the suite cut a correct app's check to 30
     * of 42 sequences), and a verdict must not follow the machine's load. Fewer is a time-out,
     * never a pass, so that an app cannot cut the search short by answering slowly.
     */
    enoughRunsFraction: 0.5,
    /**
     * The share of a cut-short search's time that the student's own code may have taken for
     * enoughRunsFraction to apply (a SQL test's queries; a REST check's app, beyond the
     * reference's time): at this share or more, the student's code cut the search short and it
     * is a time-out. A wrong query that slept (pg_sleep) or burned CPU on generated
     * data made its search stop before the dataset that shows its mistake, and passed (a fresh
     * reviewer's case, kept in fixtures/golden): the search's time must have gone to the host or
     * the harness for an unfinished search to pass.
     */
    studentShareMax: 0.5,
    /**
     * Time one generated check may search, milliseconds, shrinking included; when it runs out the
     * check stops with what it found so far (a counterexample found is kept and shrunk as far as time allows).
     */
    timeMs: 10_000,
    timeMsMax: 30_000,
    /**
     * The least a generated check may search when the tests before it used the sandbox's time
     * (a slow submission): a few runs, then the sandbox's own wall-time limit decides.
     */
    timeMsMin: 2_000,
    /** How long the last input (dataset, call, sequence) of a search may run past its budget, plus a runner's start. */
    marginMs: 1_000,
  },
  sandbox: {
    /** Fork bombs stop here; Node alone needs about a dozen threads, the harness and one child two dozen. */
    pids: 128,
    /** Open files per process (RLIMIT_NOFILE): enough for Node, not enough to exhaust the host. */
    openFiles: 256,
    /** Largest file a process may write (RLIMIT_FSIZE), bytes. */
    fileSizeBytes: 16 * 1024 * 1024,
    /** Size of each writable tmpfs; the root file system is read-only. */
    tmpfsBytes: 64 * 1024 * 1024,
    /** One CPU per container, so that two submissions on a two-core machine do not starve the host. */
    cpus: 1,
    /** Container start, harness set-up and teardown, on top of the tests' own time. */
    overheadMs: 10_000,
    /** The harness's result document; PrairieLearn caps the same at 1 MB. */
    resultBytes: 1024 * 1024,
    /** What the worker reads from the container's streams at most; the rest is dropped. */
    streamBytes: 2 * 1024 * 1024,
    /**
     * Time a dataset gets to load in the student's runner before the query's own time starts (a
     * test's limit counts from the end of the load). Catalogue datasets load in under half a
     * second; more is a broken exercise or a starved host (an internal error).
     */
    datasetLoadMs: 5_000,
    /** How long a student-side runner whose stdin closed gets to exit by itself before it is killed. */
    runnerCloseGraceMs: 2_000,
  },
  fairUse: {
    /** Submissions one user may make per minute: enough to iterate, not enough to flood. */
    submissionsPerMinute: 20,
    /**
     * Saves of code in progress one user may make per minute: the web app saves 1.5 s after
     * typing stops, at most 40 a minute from one tab; this leaves room for a few tabs and devices.
     */
    codeDraftSavesPerMinute: 120,
    /** Submissions one user may have waiting for a grade; a class's deadline rush stays fair. */
    queuedPerUser: 5,
    /**
     * Trial runs (the visible tests only, nothing recorded) one user may start per minute: apart
     * from the submissions' limit so that trying does not spend submitting, and as many, since
     * each costs a sandbox all the same.
     */
    trialRunsPerMinute: 20,
    /** Trial runs one user may have waiting or running: the newest answer is the one they read. */
    trialRunsInFlightPerUser: 1,
    /** Hours a trial run's result is kept for its owner (then deleted: it is not a submission). */
    trialRunKeepHours: 24,
    /**
     * A trial run still waiting or running after this long is ended as the grader's failure
     * (its job lost with Redis, say), so that the page stops waiting and the student may try
     * again: longer than a job's retries take (queue.attempts, about 7 minutes), milliseconds.
     */
    trialRunStuckMs: 10 * 60_000,
    /**
     * BullMQ priority of trial runs' jobs: behind every live submission (they carry none, and
     * BullMQ takes those first), ahead of regrades (regrade.priority): trying never delays a grade.
     */
    trialRunPriority: 5,
    /** Jobs waiting in the grade queue beyond which the API refuses work it cannot grade soon (503). */
    queueCapacity: 1000,
  },
  queue: {
    /**
     * Attempts for an infrastructure failure (engine down or restarting, image missing, API
     * unreachable), with a capped exponential backoff (see retry-policy.ts): 2, 4, 8, 16, 32 s
     * then every minute, about 7 minutes in all, so an engine restart or a host reboot ends
     * in a grade, not in an error the student must resubmit after.
     */
    attempts: 12,
    firstRetryDelayMs: 2_000,
    maxRetryDelayMs: 60_000,
    /**
     * Times a job may go back to the queue because its worker died while holding it (BullMQ's
     * stalled check). Workers die for reasons of their own (a deploy, the OOM killer, a host
     * reboot); a job whose worker died this often more is failed, and the reconciler records
     * why for staff, who can queue it again once the workers are healthy.
     */
    stalledRestarts: 3,
    /** Finished grade jobs are kept a day (at most this many) so the reconciler can tell "done" from "lost", seconds. */
    keepCompletedGradeJobsSeconds: 24 * 3600,
    keepCompletedGradeJobs: 50_000,
    /** Finished validate jobs kept, likewise: drafts are validated far less often than submissions are graded. */
    keepCompletedValidateJobs: 10_000,
    /** Failed grade and validate jobs are kept a week, for staff to see why, seconds. */
    keepFailedJobsSeconds: 7 * 24 * 3600,
    /** Result messages are retried this often, from this delay doubling: the recorder may be restarting; a message waits rather than being lost. */
    resultAttempts: 10,
    resultBackoffMs: 500,
    /** How often the reconcilers look for jobs that went missing or failed for good. */
    reconcileEveryMs: 30_000,
    /** Rows younger than this are left to the reconcilers: one being queued right now is not lost. */
    reconcileGraceMs: 10_000,
    /** Submissions one bulk re-queue takes at most: a long outage's worth, small enough for one request. */
    requeueBatch: 1_000,
  },
  worker: {
    /** How often a worker reports its health to the API. */
    heartbeatMs: 10_000,
    /** A report older than this is from a worker that stopped: three missed beats. */
    heartbeatStaleMs: 30_000,
    /** A ping of the Docker engine that takes longer counts as the engine being down. */
    enginePingTimeoutMs: 3_000,
    /** Exercise bundles a worker keeps in memory; a class works on a handful at a time. */
    bundleCacheEntries: 64,
    /** A bundle fetch taking longer is the API being unavailable (an infrastructure failure, retried). */
    bundleFetchTimeoutMs: 10_000,
    /**
     * Pauses before a bundle fetch is tried again within the same attempt (the API unreachable
     * or 5xx), milliseconds: a slow API under a burst is waited for here rather than by failing
     * the attempt, whose retry BullMQ queues behind every waiting submission.
     */
    bundleFetchRetryPausesMs: [1_000, 3_000] as readonly number[],
    /** How often a worker removes containers that outlived their deadline (a crashed worker's). */
    sweepEveryMs: 60_000,
    /** A container's own worker removes it at its deadline; others wait this much longer before they step in. */
    staleContainerGraceMs: 30_000,
    /** What the worker keeps of a container's stderr (harness diagnostics), for staff, bytes. */
    stderrBytes: 64 * 1024,
    /** After a container exits, how long its last output may take to arrive. */
    streamDrainMs: 2_000,
  },
  health: {
    /**
     * Between two canary gradings (GRADER_CANARY_EVERY_S's default): a stall is seen within this
     * plus canaryOverdueMs; each costs one grading of a starter (about 0.5 s of one core).
     */
    canaryEveryMs: 20_000,
    /**
     * A canary not graded this long after it was queued means grading has stalled: it goes to the
     * front of the queue, so only a busy slot's longest grading (a minute or so at the worst) and
     * a container start stand before it.
     */
    canaryOverdueMs: 30_000,
  },
  backups: {
    /** Between two scheduled backups of the database (GRADER_BACKUP_EVERY_MINUTES's default). */
    everyMinutes: 60,
    /** Backups kept (GRADER_BACKUP_KEEP's default): a day of hourly ones. */
    keep: 24,
  },
  pool: {
    /**
     * A warm container older than this is replaced unused: it bounds how long a container made
     * from an image since rebuilt can still be handed out, and what a crashed worker leaves
     * idle. Replacing one costs a container start (about 0.3-0.8 s of CPU) per slot per period.
     */
    maxAgeMs: 10 * 60_000,
    /** How often the pool looks for containers past their age, or dead while they waited. */
    checkEveryMs: 30_000,
    /** After a warm container failed to start, the pool waits this long before trying that image again (the engine is likely down). */
    retryAfterFailureMs: 5_000,
    /** Failed starts in a row after which the pool stops keeping an image warm until it is asked for again (an image removed, say). */
    failuresBeforeGivingUp: 5,
    /**
     * Warm containers in a row whose profile could not be prepared (PostgreSQL engines that did
     * not start in time on a busy host, say) that the pool replaces; past that it keeps them as
     * they are (a submission taking one starts its engines itself, as a cold container would),
     * rather than spend a core on starts that keep failing.
     */
    unpreparedReplacements: 3,
    /**
     * How long closing the pool waits for starts under way, milliseconds; a start still hanging
     * then (an engine that stopped answering) has its container removed instead of waited for.
     * A start takes well under a second even on a busy host.
     */
    closeWaitMs: 15_000,
    /**
     * A warm container no submission claimed that has been exited this long (its worker was
     * killed: the attach closes, its harness reads an empty input and ends), or created this
     * long without starting, is removed by any worker's sweep rather than at its deadline half
     * an hour later. Its own pool, if alive, replaces a dead one within checkEveryMs.
     */
    abandonedAfterMs: 60_000,
  },
  text: {
    /** A test's message, expected or actual text in a result document. */
    testChars: 4_000,
    /** A result's summary message: a compile error or the first failure, with room to spare. */
    resultMessageChars: 8_000,
    /** A test's message, expected and actual output in a validation report: a draft's author reads many at once. */
    reportChars: 1_000,
    /** Why a candidate missed its mark in a validation report: a sentence or two, with an excerpt of what differed. */
    problemChars: 2_000,
    /** Why a grading or validation failed, for staff: enough for an error and its context. */
    reasonChars: 4_000,
    /** The end of the harness's stderr kept in a log line when it gave no valid result. */
    diagnosticsChars: 4_000,
    /** An error message carried by a failed BullMQ job. */
    errorChars: 500,
    /** Places of unwanted characters reported per submitted file: enough to find the problem, few enough to read. */
    placesPerFile: 3,
    /** The most-failed tests an exercise's statistics list: the ones worth an author's look. */
    mostFailedTests: 10,
  },
  events: {
    /**
     * A comment line on an idle event stream this often: proxies and load balancers commonly
     * close a connection that stays silent for 30 to 60 s.
     */
    heartbeatMs: 15_000,
    /** How long a client waits before reconnecting a dropped stream (the SSE `retry:` field). */
    reconnectMs: 3_000,
    /** Event streams one user may hold open at once: each holds a socket; one per open page is plenty. */
    streamsPerUser: 10,
  },
  webhooks: {
    /**
     * Attempts per delivery, the first included. With the backoff below the last one comes
     * about a quarter of an hour after the first: long enough for a receiver to restart or
     * redeploy, short enough that a result still arrives while the student is waiting.
     */
    attempts: 6,
    /** Delay before the first retry, milliseconds; it doubles each time (30 s, 1, 2, 4, 8 min). */
    backoffMs: 30_000,
    /**
     * A receiver that has not answered within this is a failed attempt. Receivers should
     * queue the work and answer at once; a slow one must not hold a delivery slot.
     */
    timeoutMs: 5_000,
    /** Resolving a callback URL's host when a submission arrives waits at most this. */
    resolveTimeoutMs: 3_000,
    /** Deliveries in flight at once in the API process, so slow receivers cannot starve the others. */
    concurrency: 8,
    /** Longer than any URL a person configures; keeps stored rows and queued jobs small. */
    urlChars: 2_000,
    /** Characters kept of an attempt's error message: enough to say what happened. */
    errorChars: 300,
    /** Delivery jobs are kept a week after success, so a result delivered again finds its job and queues nothing new, seconds. */
    keepDeliveredSeconds: 7 * 24 * 3600,
    /** Failed deliveries are kept a month, for staff to see why, seconds. */
    keepFailedSeconds: 30 * 24 * 3600,
  },
  lti: {
    /**
     * A login started at the grader must come back as a launch within this, milliseconds: the
     * platform answers its authentication request at once, so minutes cover a slow browser while
     * a stolen state goes stale soon.
     */
    loginMs: 10 * 60_000,
    /** An instructor picks what to link on the deep-linking page within this, milliseconds. */
    deepLinkChoiceMs: 30 * 60_000,
    /** Clock difference between platform and grader tolerated on a token's exp and iat, seconds (the spec's "small leeway"). */
    clockToleranceSeconds: 60,
    /** A launch token older than this (by its iat) is refused even before its exp: a platform signs it for one launch. */
    tokenMaxAgeSeconds: 10 * 60,
    /** Tokens the grader signs (deep-linking responses, client assertions) expire after this, seconds. */
    signedTokenSeconds: 5 * 60,
    /** A platform's keyset is fetched again after this, milliseconds (jose refetches at once for an unknown kid, at most every cooldown). */
    keysetCacheMs: 10 * 60_000,
    /** Fetching a platform's keyset, token or posting a score waits at most this, milliseconds. */
    requestTimeoutMs: 10_000,
    /** Attempts to post one score, the first included; backoff doubles from webhooks.backoffMs. A platform down for the rest is logged. */
    scoreAttempts: 8,
  },
  exercisePackage: {
    /**
     * An uploaded archive (.tar.gz or .zip), compressed: ten times the largest catalogue
     * exercise, with room for datasets. The only route whose body may exceed http.bodyBytes.
     */
    archiveBytes: 5 * 1024 * 1024,
    /** All files of a package, unpacked: what the API stores per version and sends to every worker. */
    unpackedBytes: 8 * 1024 * 1024,
    /** Entries of a package (files and folders): exercises have dozens; more is a mistake or an attack. */
    entries: 200,
    /** One file of a package: datasets are the largest, and a 2 MiB SQL script already fills a test's time. */
    fileBytes: 2 * 1024 * 1024,
  },
  regrade: {
    /**
     * BullMQ priority of regrade jobs. Live submissions carry none, and BullMQ takes jobs
     * without a priority first: a regrade batch never delays a student waiting for a grade.
     */
    priority: 10,
    /** Submissions one regrade batch may hold: a large course's whole history of one exercise. */
    batchSubmissions: 20_000,
    /** Jobs added to Redis in one call when a batch is queued: one round trip each, none too large. */
    enqueueChunk: 500,
  },
  tooling: {
    /** Provisioning waits this long for a redis-server it started to answer PING. */
    redisStartMs: 20_000,
    /** Provisioning waits this long for a dockerd it started to answer; an engine takes seconds, more on a first start. */
    dockerStartMs: 60_000,
    /** A ping of the Docker engine during provisioning that takes longer counts as no engine. */
    dockerPingTimeoutMs: 3_000,
    /** A provisioning step that took longer gets its duration on its ✓ line. */
    showDurationMs: 1_000,
    /** What provisioning keeps of a command's output stream (its end), bytes: enough for an error's context. */
    commandOutputBytes: 256 * 1024,
    /** The exercise CLI polls a draft's validation this often, and gives up after this long (a busy worker pool). */
    validationPollMs: 500,
    validationWaitMs: 10 * 60_000,
    /** How long `npm start` lets a child stop after SIGTERM before SIGKILL: a worker finishes its running gradings. */
    stopGraceMs: 30_000,
    /** stress-ng stops by itself after this long, should the under-load script die without stopping it, seconds. */
    underLoadSecondsMax: 3 * 3600,
  },
} as const;
