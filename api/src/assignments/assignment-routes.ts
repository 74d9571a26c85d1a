import type { z } from 'zod';
import { ASSIGNMENT_ROUTES, type CreateAssignmentBody } from '@grader/contracts';
import { currentUser } from '../auth/authenticate';
import { isStaff } from '../auth/roles';
import { AppError, Errors, type FieldError } from '../http/app-error';
import { respond, serve, type TableHandlers } from '../http/serve-route';
import type { CourseStore } from '../store/course-store';
import type { ExerciseStore } from '../store/exercise-store';
import type { User, UserStore } from '../store/user-store';
import type { AssignmentStore, StoredAssignment } from './assignment-store';
import { assignmentView, gradebookCsv, gradebookView } from './assignment-views';

export interface AssignmentRouteDeps {
  assignments: AssignmentStore;
  courses: CourseStore;
  exercises: ExerciseStore;
  users: UserStore;
}

const R = ASSIGNMENT_ROUTES;
const iso = (at: string): string => new Date(at).toISOString();

/** What is wrong with an assignment's body beyond its shape: dates out of order, an exercise twice or not published. */
function assignmentProblems(body: z.output<typeof CreateAssignmentBody>, exercises: ExerciseStore): FieldError[] {
  const problems: FieldError[] = [];
  if (Date.parse(body.opensAt) >= Date.parse(body.dueAt)) problems.push({ path: 'dueAt', message: 'must be after opensAt' });
  body.exercises.forEach((slug, i) => {
    if (body.exercises.indexOf(slug) !== i) problems.push({ path: `exercises.${i}`, message: `"${slug}" is named twice` });
    else if (!exercises.findPublished(slug)) problems.push({ path: `exercises.${i}`, message: `no published exercise is called "${slug}"` });
  });
  return problems;
}

export function assignmentHandlers(deps: AssignmentRouteDeps): TableHandlers<typeof ASSIGNMENT_ROUTES> {
  const courseOf = (id: string) => {
    const course = deps.courses.get(id);
    if (!course) throw Errors.notFound(`Course "${id}"`);
    return course;
  };
  const assignmentOf = (id: string): StoredAssignment => {
    const assignment = deps.assignments.get(id);
    if (!assignment) throw Errors.notFound(`Assignment "${id}"`);
    return assignment;
  };
  /** Staff see an assignment plainly; a member with their own dates; anyone else is refused. */
  const viewFor = (user: User, assignment: StoredAssignment) => {
    if (isStaff(user.role)) return assignmentView(assignment);
    return assignmentView(assignment, {
      extension: deps.assignments.extension(assignment.id, user.id),
      counts: deps.assignments.submissionCounts(assignment.id, user.id),
      now: new Date(),
    });
  };
  const requireMember = (user: User, courseId: string): void => {
    if (!isStaff(user.role) && !deps.assignments.isMember(courseId, user.id)) throw new AppError('not_in_course', 'You are not a member of this course.');
  };
  const gradebookOf = (assignment: StoredAssignment) =>
    gradebookView(assignment, {
      students: deps.assignments.students(assignment.courseId),
      extensions: deps.assignments.extensions(assignment.id),
      submissions: deps.assignments.submissions(assignment.id),
      // Archived exercises too: an assignment keeps its grades when an exercise is taken away.
      exercises: new Map(deps.exercises.listAll().map((e) => [e.slug, { title: e.title, maxScore: e.maxScore }])),
    });

  return {
    myCourses: serve(R.myCourses, (_input, req, res) => {
      const user = currentUser(req);
      const courses = isStaff(user.role) ? deps.courses.list().map(({ id, name }) => ({ id, name })) : deps.assignments.coursesOf(user.id);
      respond(res, R.myCourses, 200, { items: courses });
    }),
    createAssignment: serve(R.createAssignment, ({ params, body }, req, res) => {
      courseOf(params.courseId);
      const problems = assignmentProblems(body, deps.exercises);
      if (problems.length > 0) throw new AppError('invalid_assignment', 'The assignment cannot be set as it is; see errors.', { errors: problems });
      const created = deps.assignments.create({ ...body, courseId: params.courseId, opensAt: iso(body.opensAt), dueAt: iso(body.dueAt) }, currentUser(req).id);
      res.location(`/api/assignments/${created.id}`);
      respond(res, R.createAssignment, 201, assignmentView(created));
    }),
    listAssignments: serve(R.listAssignments, ({ params }, req, res) => {
      const user = currentUser(req);
      courseOf(params.courseId);
      requireMember(user, params.courseId);
      respond(res, R.listAssignments, 200, { items: deps.assignments.listByCourse(params.courseId).map((a) => viewFor(user, a)) });
    }),
    getAssignment: serve(R.getAssignment, ({ params }, req, res) => {
      const user = currentUser(req);
      const assignment = assignmentOf(params.assignmentId);
      requireMember(user, assignment.courseId);
      respond(res, R.getAssignment, 200, viewFor(user, assignment));
    }),
    grantExtension: serve(R.grantExtension, ({ params, body }, req, res) => {
      const assignment = assignmentOf(params.assignmentId);
      if (!deps.users.get(params.userId) || !deps.assignments.isMember(assignment.courseId, params.userId)) {
        throw new AppError('not_in_course', `User "${params.userId}" is not a member of this assignment's course.`);
      }
      const extension = deps.assignments.grantExtension(assignment.id, params.userId, iso(body.dueAt), currentUser(req).id);
      respond(res, R.grantExtension, 200, extension);
    }),
    assignmentGradebook: serve(R.assignmentGradebook, ({ params }, _req, res) => {
      respond(res, R.assignmentGradebook, 200, gradebookOf(assignmentOf(params.assignmentId)));
    }),
    assignmentGradebookCsv: serve(R.assignmentGradebookCsv, ({ params }, _req, res) => {
      const csv = gradebookCsv(gradebookOf(assignmentOf(params.assignmentId)));
      res.type('text/csv; charset=utf-8').attachment('assignment-gradebook.csv').send(csv);
    }),
  };
}
