import { ApiError, api } from '../api-client';
import type { User } from '@grader/contracts';
import { h, replaceChildren } from '../dom';

/** Username and password; on success the app goes where the student was headed. */
export function signInPage(main: HTMLElement, signedIn: (user: User) => void): void {
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const message = h('p', { class: 'error', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit' }, 'Sign in');
  const form = h('form', { class: 'sign-in card', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Sign in'),
    h('label', { for: 'username' }, 'Username'), username,
    h('label', { for: 'password' }, 'Password'), password,
    message,
    button,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    message.hidden = true;
    try {
      signedIn(await api.signIn(username.value.trim(), password.value));
    } catch (err) {
      message.textContent = err instanceof ApiError && err.status === 401 ? 'Wrong username or password.' : (err as Error).message;
      message.hidden = false;
      password.select();
    } finally {
      button.disabled = false;
    }
  });
  replaceChildren(main, form);
  username.focus();
}
