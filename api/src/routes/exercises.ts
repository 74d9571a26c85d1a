import { EXERCISE_ROUTES } from '@grader/contracts';
import { Errors } from '../http/app-error';
import { respond, serve, type TableHandlers } from '../http/serve-route';
import { exerciseDetail, exerciseSummary } from '../presenters/exercise-view';
import type { ExerciseStore } from '../store/exercise-store';

export function exerciseHandlers(exercises: ExerciseStore): TableHandlers<typeof EXERCISE_ROUTES> {
  const { listExercises, exercise } = EXERCISE_ROUTES;
  return {
    listExercises: serve(listExercises, (_input, _req, res) => respond(res, listExercises, 200, { items: exercises.listPublished().map(exerciseSummary) })),
    exercise: serve(exercise, ({ params }, _req, res) => {
      const found = exercises.findPublished(params.slug);
      if (!found) throw Errors.notFound(`Exercise "${params.slug}"`);
      respond(res, exercise, 200, exerciseDetail(found));
    }),
  };
}
