/**
 * Work in progress, kept in this browser across reloads: one entry per exercise and file (a
 * cache of the draft on the server, see draft-sync.ts), and a copy of each file set submitted
 * from here (older API answers did not carry a submission's files).
 */
const DRAFT_PREFIX = 'grader.draft.v1';
const SUBMITTED_PREFIX = 'grader.submitted.v1';
const SYNC_STATE_PREFIX = 'grader.draft.v1.sync';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage disabled (private mode): drafts simply do not persist
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // quota or disabled storage: the editor still works, the draft is not kept
  }
}

/** This browser's copy of an exercise's files, for those of `names` it holds; null when it holds none. */
export function loadLocalDraft(exercise: string, names: readonly string[]): Record<string, string> | null {
  const held = names.flatMap((name) => {
    const text = read(`${DRAFT_PREFIX}:${exercise}:${name}`);
    return text === null ? [] : [[name, text] as const];
  });
  return held.length > 0 ? Object.fromEntries(held) : null;
}

/** Keeps `files` in this browser; `unsynced`: they are not (yet) saved on the server. */
export function saveLocalDraft(exercise: string, files: Record<string, string>, unsynced: boolean): void {
  for (const [name, text] of Object.entries(files)) write(`${DRAFT_PREFIX}:${exercise}:${name}`, text);
  markUnsynced(exercise, unsynced);
}

export function clearLocalDraft(exercise: string, names: readonly string[]): void {
  for (const name of names) remove(`${DRAFT_PREFIX}:${exercise}:${name}`);
  remove(`${SYNC_STATE_PREFIX}:${exercise}`);
}

/**
 * Whether this browser's copy holds edits the server has not taken (made offline, or just
 * before leaving). A copy without a mark was written before drafts were kept on the server:
 * it counts as unsynced, so it is sent rather than lost.
 */
export function hasUnsyncedDraft(exercise: string): boolean {
  return read(`${SYNC_STATE_PREFIX}:${exercise}`) !== 'synced';
}

export function markUnsynced(exercise: string, unsynced: boolean): void {
  write(`${SYNC_STATE_PREFIX}:${exercise}`, unsynced ? 'unsynced' : 'synced');
}

function remove(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    /* nothing kept, nothing to clear */
  }
}

export function rememberSubmittedFiles(submissionId: string, files: Record<string, string>): void {
  write(`${SUBMITTED_PREFIX}:${submissionId}`, JSON.stringify(files));
}

export function submittedFiles(submissionId: string): Record<string, string> | null {
  const raw = read(`${SUBMITTED_PREFIX}:${submissionId}`);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Record<string, string>;
  } catch {
    return null;
  }
}
