import { api, ApiError } from '../api-client';
import type { LtiPlatformsDocument } from '@grader/contracts';
import { formatTime, h } from '../dom';

const FIELDS = [
  ['name', 'Name', 'University Moodle'],
  ['issuer', 'Issuer (iss)', 'https://lms.example.edu'],
  ['clientId', 'Client id', ''],
  ['deploymentIds', 'Deployment ids (comma-separated)', '1'],
  ['authLoginUrl', 'Authentication URL', 'https://lms.example.edu/mod/lti/auth.php'],
  ['authTokenUrl', 'Token URL', 'https://lms.example.edu/mod/lti/token.php'],
  ['jwksUrl', 'Keyset URL', 'https://lms.example.edu/mod/lti/certs.php'],
] as const;

/**
 * Admins' LTI 1.3 section of the Operations page: the addresses to give a platform, the
 * platforms registered, and a form to register one (what the platform's tool registration shows).
 */
export function ltiSection(doc: LtiPlatformsDocument, reload: (said: string) => void, said: string): HTMLElement {
  const inputs = Object.fromEntries(FIELDS.map(([name, , placeholder]) => [name, h('input', { id: `lti-${name}`, name, required: true, placeholder })])) as Record<(typeof FIELDS)[number][0], HTMLInputElement>;
  const status = h('p', { role: 'status', class: 'muted' }, said);
  const form = h('form', { 'aria-label': 'Register a platform', class: 'lti-form' },
    FIELDS.map(([name, label]) => h('p', { class: 'field' }, h('label', { for: `lti-${name}` }, label), inputs[name])),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Register the platform')),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name: keyof typeof inputs) => inputs[name].value.trim();
    try {
      const platform = await api.registerLtiPlatform({
        name: value('name'),
        issuer: value('issuer'),
        clientId: value('clientId'),
        deploymentIds: value('deploymentIds').split(',').map((d) => d.trim()).filter(Boolean),
        authLoginUrl: value('authLoginUrl'),
        authTokenUrl: value('authTokenUrl'),
        jwksUrl: value('jwksUrl'),
      });
      reload(`${platform.name} registered.`);
    } catch (err) {
      const fields = err instanceof ApiError && err.errors.length > 0 ? `: ${err.errors.map((e) => `${e.path} ${e.message}`).join('; ')}` : '';
      status.textContent = `Not registered: ${(err as Error).message}${fields}`;
    }
  });
  const tool = doc.tool;
  return h('section', { 'aria-labelledby': 'lti-heading' },
    h('h2', { id: 'lti-heading' }, 'Learning platforms (LTI 1.3)'),
    h('p', {}, 'Give the platform these addresses when you add the grader as an LTI 1.3 tool:'),
    h('dl', { class: 'lti-tool' },
      h('dt', {}, 'Login URL'), h('dd', {}, h('code', {}, tool.loginUrl)),
      h('dt', {}, 'Redirect and target link URL'), h('dd', {}, h('code', {}, tool.launchUrl)),
      h('dt', {}, 'Keyset URL'), h('dd', {}, h('code', {}, tool.jwksUrl)),
    ),
    doc.items.length === 0
      ? h('p', { class: 'empty' }, 'No platform is registered.')
      : h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Platforms', tabindex: 0 },
          h('table', { class: 'stats' },
            h('thead', {}, h('tr', {}, ['Platform', 'Issuer', 'Client id', 'Deployments', 'Registered'].map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', {}, doc.items.map((p) =>
              h('tr', { 'data-platform': p.issuer },
                h('th', { scope: 'row' }, p.name),
                h('td', {}, p.issuer),
                h('td', {}, p.clientId),
                h('td', {}, p.deploymentIds.join(', ')),
                h('td', { class: 'nowrap' }, formatTime(p.createdAt)),
              ))),
          ),
        ),
    h('h3', {}, 'Register a platform'),
    form,
  );
}
