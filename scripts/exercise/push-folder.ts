import { CandidateReport, LIMITS } from '@grader/contracts';
import { z } from 'zod';
import { loadExerciseFolder } from '../../api/src/exercises/exercise-package';
import { packageTarGz } from '../../api/src/exercises/package-archive-writer';

export interface PushResult {
  draftId: string;
  validation: { id: string; status: string; candidates: CandidateReport[] | null; error: string | null };
  published?: { slug: string; version: number; created: boolean };
}

const Validation = z.object({ id: z.string(), status: z.string(), candidates: z.array(CandidateReport).nullable(), error: z.string().nullable() });

/**
 * Uploads an exercise folder to a server as a draft (.tar.gz), validates it there and, when
 * the validation passes, publishes it as the exercise's next version.
 */
export async function pushFolder(
  dir: string,
  options: { server: string; token: string; publish: boolean; log?: (line: string) => void },
): Promise<PushResult> {
  const log = options.log ?? (() => undefined);
  const base = options.server.replace(/\/+$/, '');
  // Checked here first, so a broken folder fails before anything is uploaded.
  const pkg = loadExerciseFolder(dir);
  const call = async (method: string, path: string, body?: Buffer): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${options.token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/gzip' } : {}) },
      body,
    });
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    return { status: response.status, body: parsed };
  };
  const fail = (what: string, r: { status: number; body: any }): never => {
    const errors = (r.body?.errors ?? []).map((e: { path: string; message: string }) => `\n  ${e.path}: ${e.message}`).join('');
    throw new Error(`${what}: ${r.status} ${r.body?.detail ?? JSON.stringify(r.body)}${errors}`);
  };

  const created = await call('POST', '/api/instructor/drafts', await packageTarGz(pkg.files));
  if (created.status !== 201) fail('the server refused the package', created);
  const draftId = created.body.id as string;
  log(`draft ${draftId} for ${pkg.manifest.slug}; validating on the server…`);

  const started = await call('POST', `/api/instructor/drafts/${draftId}/validations`);
  if (started.status !== 202) fail('the server refused to validate', started);
  const deadline = Date.now() + LIMITS.tooling.validationWaitMs;
  let validation = Validation.parse(started.body);
  while (validation.status === 'queued') {
    if (Date.now() > deadline) throw new Error(`validation ${validation.id} still queued after ${LIMITS.tooling.validationWaitMs / 1000} s`);
    await new Promise((r) => setTimeout(r, LIMITS.tooling.validationPollMs));
    const polled = await call('GET', `/api/instructor/validations/${validation.id}`);
    if (polled.status !== 200) fail('could not read the validation', polled);
    validation = Validation.parse(polled.body);
  }
  const result: PushResult = { draftId, validation };
  if (validation.status !== 'passed' || !options.publish) return result;

  const published = await call('POST', `/api/instructor/drafts/${draftId}/publish`);
  if (published.status !== 201 && published.status !== 200) fail('the server refused to publish', published);
  result.published = { slug: published.body.slug, version: published.body.version, created: published.body.created };
  return result;
}
