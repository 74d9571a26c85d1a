import './styles.css';
import { api, whenSignedOut } from './api-client';
import { isStaff } from '@grader/contracts/src/api/predicates';
import type { User } from '@grader/contracts';
import { h, replaceChildren } from './dom';
import { loadInto } from './load-state';
import { exerciseListPage } from './pages/exercise-list';
import { exercisePage } from './pages/exercise-page';
import { instructorDashboardPage } from './instructor/dashboard-page';
import { operationsPage } from './admin/operations-page';
import { draftPage } from './instructor/draft-page';
import { instructorExercisePage } from './instructor/exercise-page';
import { newExercisePage } from './instructor/new-exercise-page';
import { instructorSubmissionPage } from './instructor/submission-page';
import { mayLeave } from './leave-guard';
import { signInPage } from './pages/sign-in';
import { coursesPage } from './assignments/courses-page';
import { courseAdminPage } from './assignments/course-admin-page';
import { assignmentAdminPage } from './assignments/assignment-admin-page';

/**
 * The app's router: page addresses are real paths (the server answers index.html for
 * them), so links can be opened in new tabs and reloads land on the same page.
 */
const main = document.getElementById('main')!;
const account = document.getElementById('account')!;
let user: User | null = null;
let generation = 0;
let leave: () => void = () => undefined;

function navigate(path: string, replace = false): void {
  if (!mayLeave()) return;
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  route();
}

function showAccount(): void {
  if (!user) return replaceChildren(account);
  const signOut = h('button', { type: 'button', class: 'link-button' }, 'Sign out');
  signOut.addEventListener('click', async () => {
    await api.signOut().catch(() => undefined);
    user = null;
    navigate('/', true);
  });
  // Staff land on their overview at `/`; the exercises as students see them are at /exercises.
  const staffLinks = isStaff(user.role)
    ? [h('a', { href: '/exercises', 'data-link': true }, 'Exercises'), ' ', h('a', { href: '/instructor', 'data-link': true }, 'Instructor'), ' ']
    : [h('a', { href: '/', 'data-link': true }, 'Exercises'), ' ', h('a', { href: '/courses', 'data-link': true }, 'Courses'), ' '];
  if (user.role === 'admin') staffLinks.push(h('a', { href: '/admin', 'data-link': true }, 'Operations'), ' ');
  replaceChildren(account, staffLinks, h('span', { class: 'muted' }, `Signed in as ${user.displayName}`), ' ', signOut);
}

function route(): void {
  leave();
  leave = () => undefined;
  const current = ++generation;
  const isCurrent = () => current === generation;
  showAccount();
  if (!user) {
    document.title = 'Sign in · grader';
    signInPage(main, (signedIn) => {
      user = signedIn;
      route();
    });
    return;
  }
  // What staff come for is the class, so their home is the overview (the address says so).
  if (isStaff(user.role) && location.pathname === '/') history.replaceState(null, '', '/instructor');
  const staffPage = user.role === 'admin' && /^\/admin\/?$/.test(location.pathname)
    ? (isCurrent: () => boolean) => ((document.title = 'Operations · grader'), operationsPage(main, isCurrent))
    : isStaff(user.role) ? instructorRoute(location.pathname) : undefined;
  if (staffPage) {
    leave = staffPage(isCurrent) ?? leave;
    main.focus({ preventScroll: true });
    return;
  }
  const exercise = /^\/exercises\/([^/]+)\/?$/.exec(location.pathname);
  if (exercise) {
    document.title = 'Exercise · grader';
    leave = exercisePage(main, decodeURIComponent(exercise[1]!), isCurrent, new URLSearchParams(location.search).get('assignment') ?? undefined);
  } else if (/^\/courses\/?$/.test(location.pathname)) {
    document.title = 'Courses · grader';
    coursesPage(main, isCurrent);
  } else {
    document.title = 'Exercises · grader';
    exerciseListPage(main, navigate, isCurrent);
  }
  main.focus({ preventScroll: true });
}

/** The staff pages by address: each renders into main and may return what to do when it is left. */
function instructorRoute(pathname: string): ((isCurrent: () => boolean) => (() => void) | void) | undefined {
  const path = pathname.replace(/\/$/, '');
  const titled = (title: string) => (document.title = `${title} · grader`);
  if (path === '/instructor') return (isCurrent) => (titled('Instructor'), instructorDashboardPage(main, isCurrent));
  if (path === '/instructor/new') return (isCurrent) => (titled('New exercise'), newExercisePage(main, isCurrent, navigate));
  const draft = /^\/instructor\/drafts\/([^/]+)$/.exec(path);
  if (draft) return (isCurrent) => (titled('Draft'), draftPage(main, decodeURIComponent(draft[1]!), isCurrent, navigate));
  const submission = /^\/instructor\/submissions\/([^/]+)$/.exec(path);
  if (submission) return (isCurrent) => (titled('Submission'), instructorSubmissionPage(main, decodeURIComponent(submission[1]!), isCurrent));
  const course = /^\/instructor\/courses\/([^/]+)$/.exec(path);
  if (course) return (isCurrent) => (titled('Course'), courseAdminPage(main, decodeURIComponent(course[1]!), isCurrent, navigate));
  const assignment = /^\/instructor\/assignments\/([^/]+)$/.exec(path);
  if (assignment) return (isCurrent) => (titled('Assignment'), assignmentAdminPage(main, decodeURIComponent(assignment[1]!), isCurrent));
  const exercise = /^\/instructor\/exercises\/([^/]+)$/.exec(path);
  if (exercise) return (isCurrent) => (titled('Exercise'), instructorExercisePage(main, decodeURIComponent(exercise[1]!), isCurrent, navigate));
  return undefined;
}

// Links inside the app (marked with data-link, or the brand) stay in the page.
document.addEventListener('click', (event) => {
  const link = (event.target as Element).closest?.('a[data-link], a.brand');
  if (!link || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  navigate(link.getAttribute('href') ?? '/');
});
window.addEventListener('popstate', route);
whenSignedOut(() => {
  if (!user) return;
  user = null;
  route();
});

void loadInto(main, () => api.resume(), (found) => {
  user = found;
  route();
}, () => true);
