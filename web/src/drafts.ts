/**
 * Work in progress, kept in this browser across reloads: one entry per exercise and file,
 * and a copy of each file set submitted from here (the history's diff needs it; the API
 * does not send submitted files back).
 */
const DRAFT_PREFIX = 'grader.draft.v1';
const SUBMITTED_PREFIX = 'grader.submitted.v1';

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

export function loadDraft(exercise: string, file: string): string | null {
  return read(`${DRAFT_PREFIX}:${exercise}:${file}`);
}

export function saveDraft(exercise: string, file: string, content: string): void {
  write(`${DRAFT_PREFIX}:${exercise}:${file}`, content);
}

export function clearDraft(exercise: string, file: string): void {
  try {
    localStorage.removeItem(`${DRAFT_PREFIX}:${exercise}:${file}`);
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
