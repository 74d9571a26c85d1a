import { Router } from 'express';
import { Slug } from '@grader/contracts';
import { Errors } from '../http/app-error';
import { parseParams } from '../http/parse';
import { exerciseDetail, exerciseSummary } from '../presenters/exercise-view';
import type { ExerciseStore } from '../store/exercise-store';

export function exerciseRoutes(exercises: ExerciseStore): Router {
  const router = Router();

  router.get('/', (_req, res) => {
    res.json({ items: exercises.listPublished().map(exerciseSummary) });
  });

  router.get('/:slug', (req, res) => {
    const slug = parseParams(req.params.slug, Slug, `Exercise "${req.params.slug}"`);
    const exercise = exercises.findPublished(slug);
    if (!exercise) throw Errors.notFound(`Exercise "${slug}"`);
    res.json(exerciseDetail(exercise));
  });

  return router;
}
