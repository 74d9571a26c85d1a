import type { z } from 'zod';
import type { DraftDetail, DraftSummary, RegradeView, ValidationView } from '@grader/contracts';
import type { Draft } from './draft-store';
import type { Regrade, RegradeBatch } from './regrade-store';
import { gradeChanged } from './regrade-store';
import type { Validation } from './validation-store';

/** Instructors' views of drafts, validations and regrades (typed by their response schemas): staff only, so hidden tests are named. */

export function draftSummary(d: Draft, latest: Validation | undefined): z.input<typeof DraftSummary> {
  return {
    id: d.id,
    slug: d.slug,
    state: d.state,
    title: d.manifest.title,
    kind: d.manifest.kind,
    maxScore: d.manifest.maxScore,
    bundleHash: d.bundleHash,
    paths: Object.keys(d.files).sort(),
    createdBy: d.createdBy,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    publishedVersion: d.publishedVersion,
    publishedAt: d.publishedAt,
    latestValidation: latest
      ? { id: latest.id, status: latest.status, upToDate: latest.bundleHash === d.bundleHash, url: `/api/instructor/validations/${latest.id}` }
      : null,
  };
}

export function draftDetail(d: Draft, latest: Validation | undefined): z.input<typeof DraftDetail> {
  return { ...draftSummary(d, latest), manifest: d.manifest, files: d.files };
}

export function validationView(v: Validation, draft: Draft | undefined): z.input<typeof ValidationView> {
  return {
    id: v.id,
    draftId: v.draftId,
    slug: draft?.slug ?? null,
    bundleHash: v.bundleHash,
    /** Whether the draft still has the content this validation checked. */
    upToDate: draft?.bundleHash === v.bundleHash,
    status: v.status,
    /** One line per candidate that did not land where it must. */
    problems: (v.candidates ?? []).filter((c) => !c.ok).map((c) => ({ candidate: c.candidate, problem: c.problem ?? '' })),
    candidates: v.candidates,
    error: v.error,
    createdAt: v.createdAt,
    finishedAt: v.finishedAt,
  };
}

function regradeRow(r: Regrade) {
  const delta = r.status === 'graded' && r.new.score !== null && r.old.score !== null ? r.new.score - r.old.score : null;
  return {
    submissionId: r.submissionId,
    userId: r.userId,
    username: r.username,
    old: r.old,
    new: r.status === 'graded' ? r.new : null,
    delta,
    status: r.status,
    error: r.error,
    outcome: r.outcome,
  };
}

/** A batch as a preview: progress, the grades that would change (and by how much), and the ones that could not be regraded. */
export function regradeView(batch: RegradeBatch, rows: readonly Regrade[]): z.input<typeof RegradeView> {
  const count = (status: Regrade['status']) => rows.filter((r) => r.status === status).length;
  const pending = count('queued') + count('running');
  const changes = rows.filter(gradeChanged);
  return {
    id: batch.id,
    exercise: batch.exercise,
    targetVersion: batch.targetVersion,
    state: batch.state,
    finished: pending === 0,
    progress: { total: rows.length, queued: count('queued'), running: count('running'), graded: count('graded'), error: count('error') },
    summary: {
      changed: changes.length,
      unchanged: count('graded') - changes.length,
      raised: changes.filter((r) => (r.new.score ?? 0) > (r.old.score ?? 0)).length,
      lowered: changes.filter((r) => (r.new.score ?? 0) < (r.old.score ?? 0)).length,
    },
    changes: changes.map(regradeRow),
    errors: rows.filter((r) => r.status === 'error').map(regradeRow),
    createdBy: batch.createdBy,
    createdAt: batch.createdAt,
    closedBy: batch.closedBy,
    closedAt: batch.closedAt,
  };
}
