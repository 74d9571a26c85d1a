import type { AssignmentDocument, MyCourseDocument } from '@grader/contracts';
import { api } from '../api-client';
import { h, replaceChildren } from '../dom';
import { loadInto } from '../load-state';
import { latePolicyText, standingView } from './standing';

/** The address of an exercise opened for an assignment: submissions from there count for it. */
export function exerciseInAssignment(slug: string, assignmentId: string): string {
  return `/exercises/${encodeURIComponent(slug)}?assignment=${encodeURIComponent(assignmentId)}`;
}

function assignmentCard(a: AssignmentDocument): HTMLElement {
  const used = (slug: string) => a.mine?.submissions[slug] ?? 0;
  return h('li', { class: 'card assignment-card', 'data-assignment': a.id },
    h('h3', {}, a.title),
    standingView(a),
    h('p', { class: 'muted' }, latePolicyText(a), a.maxSubmissions === null ? '' : ` At most ${a.maxSubmissions} submissions per exercise.`),
    h('ul', { class: 'compact' },
      a.exercises.map((slug) =>
        h('li', {},
          h('a', { href: exerciseInAssignment(slug, a.id), 'data-link': true }, slug),
          h('span', { class: 'muted' }, ` · ${used(slug)}${a.maxSubmissions === null ? '' : ` of ${a.maxSubmissions}`} submission${used(slug) === 1 ? '' : 's'}`),
        ),
      ),
    ),
  );
}

/** A student's courses with their assignments: due dates as theirs (extensions applied), time left, submissions used. */
export function coursesPage(main: HTMLElement, isCurrent: () => boolean): void {
  const load = async () => {
    const courses = await api.myCourses();
    const assignments = await Promise.all(courses.map((c) => api.assignments(c.id)));
    return courses.map((course, i) => ({ course, assignments: assignments[i] ?? [] }));
  };
  void loadInto(main, load, render, isCurrent);

  function render(rows: Array<{ course: MyCourseDocument; assignments: AssignmentDocument[] }>) {
    replaceChildren(main,
      h('h1', {}, 'Courses'),
      rows.length === 0
        ? h('p', { class: 'empty' }, 'You are not in a course yet: ask your instructor for a join code.')
        : rows.map(({ course, assignments }) =>
            h('section', { class: 'course', 'aria-label': course.name },
              h('h2', {}, course.name),
              assignments.length === 0 ? h('p', { class: 'muted' }, 'No assignments yet.') : h('ul', { class: 'assignment-list' }, assignments.map(assignmentCard)),
            ),
          ),
    );
  }
}
