import { COURSE_ROUTES } from '@grader/contracts';
import { currentUser } from '../auth/authenticate';
import { respond, serve, type TableHandlers } from '../http/serve-route';
import type { CourseStore } from '../store/course-store';

export function courseHandlers(deps: { courses: CourseStore }): TableHandlers<typeof COURSE_ROUTES> {
  const { createCourse, listCourses } = COURSE_ROUTES;
  return {
    createCourse: serve(createCourse, ({ body }, req, res) => {
      const course = deps.courses.create(body.name, currentUser(req).id);
      res.location(`/api/courses/${course.id}`);
      respond(res, createCourse, 201, course);
    }),
    listCourses: serve(listCourses, (_input, _req, res) => respond(res, listCourses, 200, { items: deps.courses.list() })),
  };
}
