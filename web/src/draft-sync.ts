import { api } from './api-client';
import { h } from './dom';
import { clearLocalDraft, hasUnsyncedDraft, loadLocalDraft, markUnsynced, saveLocalDraft } from './drafts';

/** Saves go to the server this long after typing stops: a save per pause, not per key. */
const SAVE_AFTER_MS = 1_500;

/**
 * Where an exercise's code in progress starts from, and whether it still has to reach the
 * server: this browser's copy when it holds edits the server has not taken (made offline, or in
 * the moment before the page closed); otherwise the server's draft, which may come from another
 * device, or the starter when the server holds none (a draft discarded elsewhere is not brought
 * back from this browser's copy); this browser's copy only when the server cannot be asked
 * (`server` undefined). No clocks are compared (a device's clock may be wrong): the last save wins.
 */
export function startingFiles(
  exercise: string,
  starter: Record<string, string>,
  server: { files: Record<string, string> } | null | undefined,
): { files: Record<string, string>; unsynced: boolean } {
  const names = Object.keys(starter);
  const local = loadLocalDraft(exercise, names);
  const unsynced = local !== null && hasUnsyncedDraft(exercise);
  const chosen = unsynced ? local : server === undefined ? (local ?? {}) : (server?.files ?? {});
  const files = Object.fromEntries(names.map((name) => [name, chosen[name] ?? starter[name] ?? '']));
  if (!unsynced && server !== undefined) {
    if (server) saveLocalDraft(exercise, files, false);
    else clearLocalDraft(exercise, names);
  }
  return { files, unsynced };
}

export interface DraftSync {
  /** Says where the code is kept: "Saved to your account", "Saving…", or kept in this browser only. */
  status: HTMLElement;
  /** After each edit: kept in this browser at once, on the server after a pause. */
  changed(files: Record<string, string>): void;
  /** Sends a pending save now, one that outlives the page (the student leaves). */
  flush(): void;
  /** Back to the starter: forgets the draft here and on the server. */
  discard(): Promise<void>;
  /** Stops the timers and listeners; a pending save is flushed. */
  close(): void;
}

/**
 * Keeps one exercise's code in progress in this browser and in the student's account (PUT
 * /api/exercises/{slug}/draft), so that it follows them to another device. A save the server
 * did not take (offline, a rate limit) leaves the copy here marked unsynced, tried again on the
 * next edit, when the browser is back online, and when the page is left.
 */
export function draftSync(exercise: string, names: readonly string[], start: 'saved' | 'unsynced' | 'unreachable'): DraftSync {
  const status = h('p', { class: 'draft-status muted', 'data-draft-status': true });
  let pending: Record<string, string> | null = null;
  let timer: number | undefined;
  let generation = 0;
  const say = (text: string, state: 'saved' | 'saving' | 'local') => {
    status.textContent = text;
    status.dataset.state = state;
  };

  const save = async (keepalive = false) => {
    window.clearTimeout(timer);
    if (!pending) return;
    const files = pending;
    const mine = ++generation;
    say('Saving…', 'saving');
    try {
      await api.saveCodeDraft(exercise, files, keepalive);
      if (mine !== generation) return; // a newer edit is on its way
      pending = null;
      markUnsynced(exercise, false);
      say('Saved to your account.', 'saved');
    } catch {
      if (mine === generation) say('Not saved to your account yet (no connection?): kept in this browser, tried again as you type.', 'local');
    }
  };
  const online = () => void save();
  const hidden = () => {
    if (document.visibilityState === 'hidden') void save(true);
  };
  window.addEventListener('online', online);
  document.addEventListener('visibilitychange', hidden);
  if (start === 'saved') say('Saved to your account.', 'saved');
  else say(start === 'unsynced' ? 'Kept in this browser; saving to your account…' : 'Kept in this browser: your account cannot be reached right now.', 'local');

  return {
    status,
    changed(files) {
      saveLocalDraft(exercise, files, true);
      pending = files;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void save(), SAVE_AFTER_MS);
    },
    flush: () => void save(true),
    async discard() {
      window.clearTimeout(timer);
      pending = null;
      generation++;
      clearLocalDraft(exercise, names);
      try {
        await api.discardCodeDraft(exercise);
        say('Back to the starter files.', 'saved');
      } catch {
        say('Back to the starter files here; your account still holds the old draft until the next save.', 'local');
      }
    },
    close() {
      window.removeEventListener('online', online);
      document.removeEventListener('visibilitychange', hidden);
      void save(true);
    },
  };
}
