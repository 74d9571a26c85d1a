import type { AssignmentDocument, InstructorExercise } from '@grader/contracts';
import { api } from '../api-client';
import { h, replaceChildren } from '../dom';
import { loadInto } from '../load-state';
import { problemView } from '../problem-view';
import { latePolicyText, standingView } from './standing';

/** A datetime-local input's value (the browser's local time) as an ISO instant, or '' when empty. */
const instant = (local: string): string => (local ? new Date(local).toISOString() : '');

/** The form that sets an assignment: its exercises, dates, late policy, limit, which submission counts, and whether tests are revealed after the due date. */
function assignmentForm(exercises: InstructorExercise[], create: (body: Record<string, unknown>) => Promise<void>): HTMLElement {
  const field = (id: string, label: string, input: HTMLElement) => h('p', { class: 'field' }, h('label', { for: id }, label), input);
  const title = h('input', { id: 'assignment-title', required: true, maxlength: 200 });
  const opens = h('input', { id: 'assignment-opens', type: 'datetime-local', required: true });
  const due = h('input', { id: 'assignment-due', type: 'datetime-local', required: true });
  const late = h('select', { id: 'assignment-late' }, h('option', { value: 'closed' }, 'No late submissions'), h('option', { value: 'accepted' }, 'Late submissions with a penalty'));
  const lateDays = h('input', { id: 'assignment-late-days', type: 'number', min: 1, max: 120, value: 3 });
  const penalty = h('input', { id: 'assignment-penalty', type: 'number', min: 0, max: 100, step: 'any', value: 10 });
  const maxSubmissions = h('input', { id: 'assignment-max', type: 'number', min: 1, max: 1000, placeholder: 'no limit' });
  const counts = h('select', { id: 'assignment-counts' }, h('option', { value: 'best' }, 'best score'), h('option', { value: 'last' }, 'last submission'));
  const reveal = h('input', { id: 'assignment-reveal', type: 'checkbox' });
  const boxes = exercises.map((e) => h('input', { type: 'checkbox', value: e.slug, id: `assignment-exercise-${e.slug}` }));
  const lateFields = h('div', { class: 'late-fields', hidden: true }, field('assignment-late-days', 'Late period (days)', lateDays), field('assignment-penalty', 'Penalty per day late (%)', penalty));
  late.addEventListener('change', () => (lateFields.hidden = late.value !== 'accepted'));
  const outcome = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'assignment-form', 'aria-label': 'New assignment' },
    field('assignment-title', 'Title', title),
    h('fieldset', {}, h('legend', {}, 'Exercises'), exercises.map((e, i) => h('p', { class: 'check' }, boxes[i]!, h('label', { for: `assignment-exercise-${e.slug}` }, `${e.title} (${e.slug})`)))),
    field('assignment-opens', 'Opens', opens),
    field('assignment-due', 'Due', due),
    field('assignment-late', 'After the due date', late),
    lateFields,
    field('assignment-max', 'Submissions per exercise', maxSubmissions),
    field('assignment-counts', 'Counts in the gradebook', counts),
    h('p', { class: 'check' }, reveal, h('label', { for: 'assignment-reveal' }, 'Show students every test whole after their due date')),
    h('button', { type: 'submit', class: 'primary' }, 'Set the assignment'),
    outcome,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replaceChildren(outcome);
    const body = {
      title: title.value,
      exercises: boxes.filter((b) => b.checked).map((b) => b.value),
      opensAt: instant(opens.value),
      dueAt: instant(due.value),
      late: late.value === 'accepted' ? { kind: 'accepted', days: Number(lateDays.value), penaltyPercentPerDay: Number(penalty.value) } : { kind: 'closed' },
      maxSubmissions: maxSubmissions.value ? Number(maxSubmissions.value) : null,
      counts: counts.value,
      revealTestsAfterDue: reveal.checked,
    };
    try {
      await create(body);
      form.reset();
      lateFields.hidden = true;
    } catch (err) {
      replaceChildren(outcome, problemView(err));
    }
  });
  return form;
}

/** A course for staff: its assignments (each opens its gradebook) and the form for a new one. */
export function courseAdminPage(main: HTMLElement, courseId: string, isCurrent: () => boolean, navigate: (path: string) => void): void {
  const load = async () => {
    const [courses, assignments, exercises] = await Promise.all([api.courses(), api.assignments(courseId), api.instructorExercises()]);
    return { course: courses.find((c) => c.id === courseId), assignments, exercises: exercises.filter((e) => e.status === 'published') };
  };
  void loadInto(main, load, ({ course, assignments, exercises }) => {
    const list = (items: AssignmentDocument[]) =>
      items.length === 0
        ? h('p', { class: 'empty' }, 'No assignments yet.')
        : h('ul', { class: 'assignment-list' }, items.map((a) =>
            h('li', { class: 'card', 'data-assignment': a.id },
              h('h3', {}, h('a', { href: `/instructor/assignments/${a.id}`, 'data-link': true }, a.title)),
              standingView(a),
              h('p', { class: 'muted' }, `${a.exercises.join(', ')} · ${latePolicyText(a)}`),
            ),
          ));
    replaceChildren(main,
      h('p', {}, h('a', { href: '/instructor', 'data-link': true }, '← Instructor overview')),
      h('h1', {}, course?.name ?? 'Course'),
      course ? h('p', { class: 'muted' }, 'Students join with the code ', h('code', {}, course.joinCode), '.') : null,
      h('h2', {}, 'Assignments'),
      list(assignments),
      h('h2', {}, 'New assignment'),
      assignmentForm(exercises, async (body) => {
        const created = await api.createAssignment(courseId, body);
        navigate(`/instructor/assignments/${created.id}`);
      }),
    );
  }, isCurrent);
}
