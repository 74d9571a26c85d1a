import { z } from 'zod';
import { defineRoute } from '../route';
import { Slug } from '../../manifest';
import { ExerciseDetail, ExerciseSummary, items } from '../documents';

/** The path parameter of one exercise. */
export const ExerciseSlugParams = z.strictObject({ slug: Slug });

/** The published exercises, as students see them. */
export const EXERCISE_ROUTES = {
  listExercises: defineRoute({
    method: 'get',
    path: '/api/exercises',
    access: 'signed-in',
    tags: ['exercises'],
    summary: 'The published exercises',
    responses: { 200: { description: 'By slug.', schema: items(ExerciseSummary) } },
  }),
  exercise: defineRoute({
    method: 'get',
    path: '/api/exercises/{slug}',
    access: 'signed-in',
    tags: ['exercises'],
    summary: 'One exercise: statement, starter files, limits, tests you can see',
    params: ExerciseSlugParams,
    resource: 'Exercise',
    responses: { 200: { description: 'The current version.', schema: ExerciseDetail } },
  }),
} as const;
