/**
 * A class at a deadline: `students` students submit `perStudent` times each, all at once, and
 * the pipeline grades every one. Prints the time to drain (first accepted to last recorded) and the submit-to-graded latency
 * percentiles (from the submissions' own createdAt and finishedAt); throws if a submission is lost, refused or graded wrong.
 */
import type { ApiClient } from '../tests/support/http';
import type { Pipeline } from '../tests/support/pipeline';
import { quantile } from './stats';

export interface ClassBurstFigures {
  submissions: number;
  drainS: number;
  p50S: number;
  p95S: number;
  perSecond: number;
}

export async function classBurst(
  pipeline: Pipeline,
  work: { exercise: string; files: Record<string, string> },
  size: { students: number; perStudent: number },
): Promise<ClassBurstFigures> {
  const students: ApiClient[] = [];
  for (let i = 0; i < size.students; i++) students.push(await pipeline.createUser('student', `class-${i}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`));
  const latencies: number[] = [];
  const span = { first: Number.POSITIVE_INFINITY, last: 0 };
  await Promise.all(
    students.map(async (student) => {
      const submitted = await Promise.all(
        Array.from({ length: size.perStudent }, async () => {
          const created = await student.submit(work.exercise, work.files);
          if (created.status !== 202) throw new Error(`a class submission was refused: ${created.status} ${JSON.stringify(created.body)}`);
          return { id: created.body.id as string };
        }),
      );
      // The last one first, once a second (a hundred students polling ten times a second would
      // be a load of their own); then the others, which are done by then or soon after.
      for (const { id } of [...submitted].reverse()) {
        for (;;) {
          const { status, body } = await student.request('GET', `/api/submissions/${id}`);
          if (status !== 200) throw new Error(`GET submission ${id}: ${status}`);
          if (body.status === 'graded' || body.status === 'error') {
            if (body.status !== 'graded' || body.score !== body.maxScore) throw new Error(`submission ${id} ended ${body.status} with ${body.score}`);
            // The server's own timestamps: accepted to recorded, whatever the polling period.
            latencies.push((Date.parse(body.finishedAt) - Date.parse(body.createdAt)) / 1000);
            span.first = Math.min(span.first, Date.parse(body.createdAt));
            span.last = Math.max(span.last, Date.parse(body.finishedAt));
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 1_000));
        }
      }
    }),
  );
  const drainS = (span.last - span.first) / 1000;
  const submissions = size.students * size.perStudent;
  if (latencies.length !== submissions) throw new Error(`only ${latencies.length} submissions graded of ${submissions}`);
  return { submissions, drainS, p50S: quantile(latencies, 0.5), p95S: quantile(latencies, 0.95), perSecond: submissions / drainS };
}
