/**
 * Every limit of the product, with the reason beside it. Exercise manifests may lower
 * or raise the per-exercise ones within the bounds given here.
 */
export const LIMITS = {
  http: {
    /** JSON bodies larger than this are refused with 413: submissions are source files, not data. */
    bodyBytes: 512 * 1024,
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
    /** One HTTP answer of a student's app larger than this is an output-limit overrun: tests exchange small JSON documents. */
    responseBytes: 1024 * 1024,
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
  },
  fairUse: {
    /** Submissions one user may make per minute: enough to iterate, not enough to flood. */
    submissionsPerMinute: 20,
    /** Submissions one user may have waiting for a grade; a class's deadline rush stays fair. */
    queuedPerUser: 5,
    /** Jobs waiting in the grade queue beyond which the API refuses work it cannot grade soon (503). */
    queueCapacity: 1000,
  },
  queue: {
    /** Attempts for an infrastructure failure (engine down, image missing), with exponential backoff. */
    attempts: 4,
    backoffMs: 2_000,
  },
} as const;
