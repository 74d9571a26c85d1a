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
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/landlock.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

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

/*
 * The rest of the process's life without the ways around the recorder that no audit hook sees,
 * for this thread and every thread it starts after (the runner calls it before any other exists):
 *
 * - Landlock: no file under /proc opens (so no /proc/self/mem to read the nonce or rewrite the
 *   recorder, by any path: //proc, a symlink, /dev/fd, a directory descriptor), and every other
 *   top-level directory as before. Needs Landlock (Linux 5.13); without it, -2.
 * - seccomp: no new program (execve), no new process (fork, vfork, clone without CLONE_THREAD;
 *   clone3 reports ENOSYS and the C library falls back to clone, whose flags a filter can read),
 *   no ptrace and no process_vm_readv or process_vm_writev.
 *
 * 0 once both hold; -1 without the secret; -2, -3 when Landlock, seccomp could not be set.
 */

#if defined(__x86_64__)
#define GRADER_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define GRADER_AUDIT_ARCH AUDIT_ARCH_AARCH64
#else
#error "unknown architecture: add its AUDIT_ARCH"
#endif

static int deny_proc(void) {
  int abi = (int)syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
  if (abi < 1) return -1;
  __u64 rights = (LANDLOCK_ACCESS_FS_MAKE_SYM << 1) - 1;  /* ABI 1: every right up to MAKE_SYM */
  /* Linking or renaming across directories is refused under ABI 1 unless handled (and allowed below). Rights
     of later ABIs (truncate, ioctl) stay unhandled: they are not restricted at all. */
  if (abi >= 2) rights |= LANDLOCK_ACCESS_FS_REFER;
  struct landlock_ruleset_attr attr = {.handled_access_fs = rights};
  int ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0);
  if (ruleset < 0) return -1;
  DIR *root = opendir("/");
  if (root == NULL) {
    close(ruleset);
    return -1;
  }
  int failed = 0;
  struct dirent *entry;
  while ((entry = readdir(root)) != NULL && !failed) {
    if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0 || strcmp(entry->d_name, "proc") == 0) continue;
    char path[300];
    snprintf(path, sizeof path, "/%s", entry->d_name);
    int fd = open(path, O_PATH | O_CLOEXEC);
    if (fd < 0) continue;
    struct stat st;
    /* A top-level symlink (/lib to usr/lib) is followed: its target's rule is added, once or twice. */
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
      struct landlock_path_beneath_attr beneath = {.allowed_access = rights, .parent_fd = fd};
      /* The target of a symlink such as /lib is /usr/lib, itself allowed beneath /usr; a directory inside /proc never is. */
      char target[300];
      ssize_t n = readlink(path, target, sizeof target - 1);
      int into_proc = n > 0 && (target[n] = '\0', strncmp(target, "/proc", 5) == 0 || strncmp(target, "proc", 4) == 0);
      if (!into_proc && syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &beneath, 0) != 0) failed = 1;
    }
    close(fd);
  }
  closedir(root);
  if (!failed && syscall(SYS_landlock_restrict_self, ruleset, 0) != 0) failed = 1;
  close(ruleset);
  return failed ? -1 : 0;
}

static int deny_processes(void) {
  struct sock_filter filter[] = {
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, GRADER_AUDIT_ARCH, 1, 0),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone3, 0, 1),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone, 0, 3),
    /* clone's flags, the first argument (its low 32 bits): a thread shares the process, anything else is a new one. */
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
    BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_THREAD, 0, 1),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone, 6, 0),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_execve, 5, 0),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_execveat, 4, 0),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_ptrace, 3, 0),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_process_vm_readv, 2, 0),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_process_vm_writev, 1, 0),
#if defined(SYS_fork)
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_fork, 0, 1),
#else
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0xffffffff, 0, 1),
#endif
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
#if defined(SYS_vfork)
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_vfork, 0, 1),
#else
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0xffffffff, 0, 1),
#endif
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  struct sock_fprog program = {.len = (unsigned short)(sizeof filter / sizeof filter[0]), .filter = filter};
  return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &program) == 0 ? 0 : -1;
}

int grader_sqltrace_lockdown(const char *given) {
  pthread_mutex_lock(&lock);
  int ok = holds(given);
  pthread_mutex_unlock(&lock);
  if (!ok) return -1;
  /* Both need it (without CAP_SYS_ADMIN): no exec may regain privileges, which none can anyway. */
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -3;
  if (deny_proc() != 0) return -2;
  if (deny_processes() != 0) return -3;
  return 0;
}
