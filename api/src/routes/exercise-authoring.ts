import { Router } from 'express';
import { z } from 'zod';
import { manifestJsonSchema } from '@grader/contracts';
import { type Logger } from '@grader/runtime';
import { requireRole } from '../auth/authenticate';
import { Errors } from '../http/app-error';
import { parseParams, parseQuery } from '../http/parse';
import type { AuthoringServices } from '../instructor/authoring-services';
import { gradebookCsv } from '../instructor/gradebook-csv';
import type { GradeQueue } from '../queue/grade-queue';
import type { CourseStore } from '../store/course-store';
import type { Db } from '../store/database';
import type { ExerciseStore } from '../store/exercise-store';
import type { SubmissionStore } from '../store/submission-store';
import { draftRoutes, validationRoutes } from './instructor-drafts';
import { instructorExerciseRoutes, regradeRoutes } from './instructor-exercises';

export interface AuthoringRouteDeps {
  db: Db;
  exercises: ExerciseStore;
  submissions: SubmissionStore;
  courses: CourseStore;
  queue: GradeQueue;
  logger: Logger;
  authoring: AuthoringServices;
}

export const GradebookQuery = z.strictObject({
  /** Only this course's students. */
  course: z.uuid().optional(),
});

/**
 * Exercise authoring, mounted under /api: the manifest's JSON Schema for anyone, and under
 * /api/instructor everything instructors and admins do with exercises (students get 403).
 */
export function exerciseAuthoringRoutes(deps: AuthoringRouteDeps): Router {
  const router = Router();

  /** The same schema as docs/exercise.schema.json, for editors and the CLI. */
  router.get('/exercise-schema.json', (_req, res) => {
    res.type('application/schema+json').json(manifestJsonSchema());
  });

  const instructor = Router();
  instructor.use(requireRole('instructor', 'admin'));
  instructor.use('/drafts', draftRoutes(deps));
  instructor.use('/validations', validationRoutes(deps));
  instructor.use('/exercises', instructorExerciseRoutes(deps));
  instructor.use('/regrades', regradeRoutes(deps));

  /** A submission's grades: the current one, then those a regrade replaced. */
  instructor.get('/submissions/:id/grades', (req, res) => {
    const id = parseParams(req.params.id, z.uuid(), `Submission "${req.params.id}"`);
    const s = deps.submissions.get(id);
    if (!s) throw Errors.notFound(`Submission "${id}"`);
    res.json({
      submissionId: s.id,
      current: { exerciseVersion: s.exerciseVersion, status: s.status, score: s.score, maxScore: s.maxScore, verdict: s.verdict, gradedAt: s.finishedAt },
      history: deps.authoring.regrades.historyOf(s.id),
    });
  });

  /** One row per student, one column per exercise, the best score in each cell. */
  instructor.get('/gradebook.csv', (req, res) => {
    const query = parseQuery(req, GradebookQuery);
    if (query.course && !deps.courses.get(query.course)) throw Errors.notFound(`Course "${query.course}"`);
    const csv = gradebookCsv(deps.authoring.reports.gradebook({ courseId: query.course }));
    res.type('text/csv; charset=utf-8').attachment('gradebook.csv').send(csv);
  });

  router.use('/instructor', instructor);
  return router;
}
