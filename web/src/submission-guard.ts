import type { Submission } from '@grader/contracts';

/** Two file sets alike, file by file (the same names, the same text). */
function sameFiles(a: Record<string, string>, b: Record<string, string>): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => b[name] === a[name]);
}

/**
 * Why these files should not be sent, or null when they may: nothing written at all, the
 * starter unchanged, or exactly the files of the student's latest submission (its result is
 * already there; one the grader failed on may be sent again). Stopped in the page: each would spend one of the student's submissions on a
 * grade they can already tell, and an empty one was graded "did not compile".
 */
export function reasonNotToSubmit(files: Record<string, string>, starter: Record<string, string>, latest: Submission | undefined): string | null {
  if (Object.values(files).every((text) => text.trim() === '')) return 'Nothing to submit: your files are empty. Write your solution in the editor first.';
  if (Object.values(starter).some((text) => text.trim() !== '') && sameFiles(files, starter)) return 'Nothing to submit yet: these are the starter files, unchanged. Write your solution first.';
  if (latest?.status === 'graded' && Object.keys(latest.files).length > 0 && sameFiles(files, latest.files)) {
    return `You already submitted exactly this code (it scored ${latest.score}/${latest.maxScore}): its result is below. Change something before submitting again.`;
  }
  return null;
}
