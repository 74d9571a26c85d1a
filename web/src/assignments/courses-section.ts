import type { CourseDocument } from '@grader/contracts';
import { api } from '../api-client';
import { h, replaceChildren } from '../dom';

/** Staff's courses on the overview: each opens its assignments; a new one is made here, with its join code. */
export function coursesSection(initial: CourseDocument[]): HTMLElement {
  let courses = initial;
  const list = h('ul', { class: 'compact courses' });
  const show = () =>
    replaceChildren(
      list,
      courses.length === 0
        ? h('li', { class: 'empty' }, 'No courses yet.')
        : courses.map((c) =>
            h('li', { 'data-course': c.id }, h('a', { href: `/instructor/courses/${c.id}`, 'data-link': true }, c.name), h('span', { class: 'muted' }, ` · join code `, h('code', {}, c.joinCode))),
          ),
    );
  const name = h('input', { id: 'new-course-name', required: true, maxlength: 200 });
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const form = h('form', { class: 'inline-form' }, h('label', { for: 'new-course-name' }, 'New course'), name, h('button', { type: 'submit' }, 'Create course'), error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    try {
      courses = [...courses, await api.createCourse(name.value)];
      name.value = '';
      show();
    } catch (err) {
      error.textContent = (err as Error).message;
      error.hidden = false;
    }
  });
  show();
  return h('section', { 'aria-labelledby': 'courses-heading' }, h('h2', { id: 'courses-heading' }, 'Courses'), list, form);
}
