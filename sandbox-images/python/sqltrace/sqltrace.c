/*
 * The SQL texts a Python process prepares, recorded where Python code cannot reach them.
 *
 * Loaded with LD_PRELOAD into the injection runner's process (injection_runner.py), this library
 * interposes SQLite's prepare functions, which every statement of the sqlite3 module goes through
 * (execute, executemany, executescript, the implicit BEGIN), and keeps a copy of each text as the
 * code wrote it: a bound parameter stays a `?` here, where sqlite3's own trace callback would show
 * the value written in. Python's sqlite3 offers no way to replace or switch this off (unlike
 * set_trace_callback), and the texts live in this library's memory, which the runner's audit hook
 * keeps Python code from reading (no ctypes, no /proc/self/mem).
 *
 * It also keeps the messages of the errors SQLite reports (sqlite3_errmsg, which the sqlite3 module
 * reads to build every exception it raises): a message of the database carried in the code's own
 * words is told from the code's own words by these (markDatabaseErrorText, call-outcome.ts).
 *
 * The runner claims the recorder once, before any of the student's code runs, with a secret; every
 * later call must present it. Bounds: MAX_TEXTS distinct texts per recording (then `truncated`),
 * each cut to MAX_TEXT_BYTES.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
typedef int (*prepare_fn)(sqlite3 *, const char *, int, sqlite3_stmt **, const char **);
typedef int (*prepare_v3_fn)(sqlite3 *, const char *, int, unsigned int, sqlite3_stmt **, const char **);
typedef int (*exec_fn)(sqlite3 *, const char *, int (*)(void *, int, char **, char **), void *, char **);

#define MAX_TEXTS 200
#define MAX_ERRORS 20
#define MAX_ERROR_BYTES 2000
#define MAX_TEXT_BYTES (64 * 1024)
#define SECRET_BYTES 64

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char *texts[MAX_TEXTS];
static size_t lengths[MAX_TEXTS];
static int count;
static int truncated;
static char *errors[MAX_ERRORS];
static size_t error_lengths[MAX_ERRORS];
static int error_count;
static char secret[SECRET_BYTES + 1];
static int claimed;

static void record(const char *sql, int nbyte) {
  if (sql == NULL) return;
  size_t limit = nbyte < 0 || nbyte > MAX_TEXT_BYTES ? MAX_TEXT_BYTES : (size_t)nbyte;
  size_t n = strnlen(sql, limit);
  pthread_mutex_lock(&lock);
  int seen = 0;
  for (int i = 0; i < count && !seen; i++) seen = lengths[i] == n && memcmp(texts[i], sql, n) == 0;
  if (!seen) {
    if (count >= MAX_TEXTS) {
      truncated = 1;
    } else {
      char *copy = malloc(n + 1);
      if (copy != NULL) {
        memcpy(copy, sql, n);
        copy[n] = '\0';
        texts[count] = copy;
        lengths[count] = n;
        count++;
      } else {
        truncated = 1;
      }
    }
  }
  pthread_mutex_unlock(&lock);
}

static void record_error(const char *message) {
  if (message == NULL) return;
  size_t n = strnlen(message, MAX_ERROR_BYTES);
  pthread_mutex_lock(&lock);
  int seen = 0;
  for (int i = 0; i < error_count && !seen; i++) seen = error_lengths[i] == n && memcmp(errors[i], message, n) == 0;
  if (!seen && error_count < MAX_ERRORS) {
    char *copy = malloc(n + 1);
    if (copy != NULL) {
      memcpy(copy, message, n);
      copy[n] = '\0';
      errors[error_count] = copy;
      error_lengths[error_count] = n;
      error_count++;
    }
  }
  pthread_mutex_unlock(&lock);
}

/*
 * SQLite's own function of that name. Python loads the sqlite3 module, and with it SQLite, after
 * this library and into a scope of its own (RTLD_LOCAL), where RTLD_NEXT does not look: SQLite is
 * found by its name. No SQLite at all is a broken image: abort, never a statement unrecorded.
 */
static void *next(const char *name) {
  void *found = dlsym(RTLD_NEXT, name);
  if (found != NULL) return found;
  void *sqlite = dlopen("libsqlite3.so.0", RTLD_LAZY | RTLD_NOLOAD);
  if (sqlite == NULL) sqlite = dlopen("libsqlite3.so.0", RTLD_LAZY);
  found = sqlite == NULL ? NULL : dlsym(sqlite, name);
  if (found == NULL) abort();
  return found;
}

int sqlite3_prepare_v2(sqlite3 *db, const char *sql, int nbyte, sqlite3_stmt **stmt, const char **tail) {
  static prepare_fn real;
  if (real == NULL) real = (prepare_fn)next("sqlite3_prepare_v2");
  record(sql, nbyte);
  return real(db, sql, nbyte, stmt, tail);
}

int sqlite3_prepare(sqlite3 *db, const char *sql, int nbyte, sqlite3_stmt **stmt, const char **tail) {
  static prepare_fn real;
  if (real == NULL) real = (prepare_fn)next("sqlite3_prepare");
  record(sql, nbyte);
  return real(db, sql, nbyte, stmt, tail);
}

int sqlite3_prepare_v3(sqlite3 *db, const char *sql, int nbyte, unsigned int flags, sqlite3_stmt **stmt, const char **tail) {
  static prepare_v3_fn real;
  if (real == NULL) real = (prepare_v3_fn)next("sqlite3_prepare_v3");
  record(sql, nbyte);
  return real(db, sql, nbyte, flags, stmt, tail);
}

int sqlite3_exec(sqlite3 *db, const char *sql, int (*callback)(void *, int, char **, char **), void *arg, char **errmsg) {
  static exec_fn real;
  if (real == NULL) real = (exec_fn)next("sqlite3_exec");
  record(sql, -1);
  return real(db, sql, callback, arg, errmsg);
}

const char *sqlite3_errmsg(sqlite3 *db) {
  static const char *(*real)(sqlite3 *);
  if (real == NULL) real = (const char *(*)(sqlite3 *))next("sqlite3_errmsg");
  const char *message = real(db);
  record_error(message);
  return message;
}

static int holds(const char *given) {
  return claimed && given != NULL && strncmp(given, secret, SECRET_BYTES + 1) == 0;
}

/** Takes the recorder with `given` (16 to 64 characters); 0, or -1 once it is taken. */
int grader_sqltrace_claim(const char *given) {
  pthread_mutex_lock(&lock);
  size_t n = given == NULL ? 0 : strnlen(given, SECRET_BYTES + 1);
  int ok = !claimed && n >= 16 && n <= SECRET_BYTES;
  if (ok) {
    memcpy(secret, given, n);
    secret[n] = '\0';
    claimed = 1;
  }
  pthread_mutex_unlock(&lock);
  return ok ? 0 : -1;
}

/** Forgets what was recorded: the next call's texts start here. 0, or -1 without the secret. */
int grader_sqltrace_begin(const char *given) {
  pthread_mutex_lock(&lock);
  int ok = holds(given);
  if (ok) {
    for (int i = 0; i < count; i++) free(texts[i]);
    for (int i = 0; i < error_count; i++) free(errors[i]);
    count = 0;
    truncated = 0;
    error_count = 0;
  }
  pthread_mutex_unlock(&lock);
  return ok ? 0 : -1;
}

/**
 * How many SQL texts (`errors` 0) or error messages (`errors` 1) were recorded since begin; -1
 * without the secret. For texts, MAX_TEXTS + 1 more when some were dropped.
 */
int grader_sqltrace_count(const char *given, int errors_wanted) {
  pthread_mutex_lock(&lock);
  int n = !holds(given) ? -1 : errors_wanted ? error_count : count + (truncated ? MAX_TEXTS + 1 : 0);
  pthread_mutex_unlock(&lock);
  return n;
}

/** Copies text (or error message) `i` into `out`, at most `cap` bytes, no terminator; its length, or -1. */
int grader_sqltrace_text(const char *given, int errors_wanted, int i, char *out, int cap) {
  pthread_mutex_lock(&lock);
  int n = -1;
  int available = errors_wanted ? error_count : count;
  if (holds(given) && i >= 0 && i < available && out != NULL && cap >= 0) {
    size_t length = errors_wanted ? error_lengths[i] : lengths[i];
    n = length < (size_t)cap ? (int)length : cap;
    memcpy(out, errors_wanted ? errors[i] : texts[i], (size_t)n);
  }
  pthread_mutex_unlock(&lock);
  return n;
}
