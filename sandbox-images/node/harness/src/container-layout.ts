/**
 * Where things are inside a sandbox container, and who the student is. The worker's
 * container policy (worker/src/sandbox/container-policy.ts) mounts these tmpfs paths;
 * a unit test there checks that both sides agree.
 */
export const CONTAINER_LAYOUT = {
  /** The harness's private workspace (tmpfs, root, 0700): hidden datasets and reference databases. */
  graderDir: '/grader',
  /** The student's files, written by the harness (tmpfs, root, 0755): readable, not writable, by the student. */
  submissionDir: '/submission',
  /** Scratch space for everyone (tmpfs, 1777); per-test directories the student may read are made here. */
  tmpDir: '/tmp',
  /** The student's home (tmpfs owned by the student, 0755: see container-policy.ts). */
  studentHome: '/home/student',
  /** Student-side runners, bundled (root, 0755): each kind's (Kind.studentRunners) and the common ones (common/student-runner.ts). */
  runnerDir: '/opt/runner',
  /** Packages student code may require (express, zod, better-sqlite3): its NODE_PATH (root, 0755). */
  nodeModulesDir: '/opt/node_modules',
  /** POSIX shared memory (tmpfs, 1777): writable by the student, so cleared between tests like /tmp. */
  sharedMemoryDir: '/dev/shm',
  /**
   * POSIX message queues (Docker's mqueue mount, 1777): each queue is a file here that outlives
   * its process, so cleared between tests like /tmp.
   */
  messageQueueDir: '/dev/mqueue',
  /** The Node interpreter of the image. */
  node: '/usr/local/bin/node',
  /** Debian's Python 3.11, in the python runtime's image (with Flask, FastAPI, uvicorn, SQLAlchemy). */
  python: '/usr/bin/python3',
  /**
   * PostgreSQL's cluster, made when the image is built (`pg-runner.js --make-cluster`): each
   * engine copies it and starts a server on the copy, some 0.1 s. Root, readable by all.
   */
  pgCluster: '/opt/pg/cluster',
  /** Debian's PostgreSQL 15 server binaries (postgres, initdb). */
  pgBin: '/usr/lib/postgresql/15/bin',
  /** Debian's Redis 7 server, which a redis-cache test starts for the student's app. */
  redisServer: '/usr/bin/redis-server',
} as const;

/**
 * The ports the kernel picks from for an outgoing connection's local end inside a sandbox
 * (net.ipv4.ip_local_port_range, Linux's default, set by the container policy so that no
 * host's tuning changes it).
 */
export const EPHEMERAL_PORTS = { first: 32_768, last: 60_999 } as const;

/**
 * The loopback port a student's web app is made to listen on (its PORT). Unprivileged, not
 * 3000 or 8080, which a student might also listen on by habit, and below EPHEMERAL_PORTS: a
 * port in that range can be the local end of the harness's own connection to it while nothing
 * listens (TCP connects a socket to itself), which then holds the port against the student's
 * app (EADDRINUSE, a correct app reported as crashed: seen about once in 15,000 connections).
 */
export const STUDENT_APP_PORT = 31_000;

/**
 * The loopback ports of the services a test starts beside the student's app, below
 * EPHEMERAL_PORTS as STUDENT_APP_PORT is: redis-cache's Redis server (Redis's usual port, which
 * the student's client defaults to) and the data source the harness serves (SOURCE_URL).
 */
export const SERVICE_PORTS = { redis: 6_379, dataSource: 31_100 } as const;

/** The unprivileged identity every student process runs as. */
export const STUDENT = { uid: 1001, gid: 1001 } as const;

/**
 * The identity the reference solution's PostgreSQL server runs as: not root (PostgreSQL refuses
 * it) and not the student (whose processes could then reach the reference's files).
 */
export const REFERENCE_DB = { uid: 1002, gid: 1002 } as const;

/**
 * The identity a redis-cache test's Redis server runs as: neither root nor the student, so the
 * student's processes can neither signal it nor read its memory, environment or files.
 */
export const CACHE_SERVER = { uid: 1003, gid: 1003 } as const;

/**
 * The harness's environment variable naming a warm container's profile (WARM_PROFILES): what it
 * prepares before its submission arrives. In the environment, not on the command line, because
 * student processes can read every command line (/proc/<pid>/cmdline) but not another uid's
 * environment, and get a fresh one of their own.
 */
export const WARM_PROFILE_ENV = 'GRADER_WARM_PROFILE';

/**
 * What the harness writes on stderr, once, when it waits for its input with its warm profile's
 * preparation over: `prepared` when there was nothing to prepare or all of it is ready,
 * `unprepared` when a preparation failed (logged before it; the grading then starts what it
 * needs itself). Read by the worker (started-container.ts: harnessReady) for the pool's figures
 * and tests; a submission never waits for it.
 */
export const HARNESS_READY_LINE = { prepared: '[harness] ready for input\n', unprepared: '[harness] ready for input, unprepared\n' } as const;
