import { Router } from 'express';
import { currentUser, requireRole } from '../auth/authenticate';
import { parseBody } from '../http/parse';
import type { CourseStore } from '../store/course-store';
import { CreateCourseBody } from '@grader/contracts';

export function courseRoutes(deps: { courses: CourseStore }): Router {
  const router = Router();
  router.use(requireRole('instructor', 'admin'));

  router.post('/', (req, res) => {
    const body = parseBody(req, CreateCourseBody);
    const course = deps.courses.create(body.name, currentUser(req).id);
    res.status(201).location(`/api/courses/${course.id}`).json(course);
  });

  router.get('/', (_req, res) => {
    res.json({ items: deps.courses.list() });
  });

  return router;
}
