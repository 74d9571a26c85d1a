import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { autoPostPage, escapeHtml } from './forms';
import { PlatformKeys, ToolKeyset } from './keys';

export { parseAutoPostForm } from './forms';
export { startRegisteredPlatform } from './registration';

/**
 * A learning platform (LMS) for the grader's LTI 1.3 tests, written from the specifications
 * (1EdTech LTI Core 1.3, Security Framework 1.0, Deep Linking 2.0, Assignment and Grade Services
 * 2.0): its own RS256 key and keyset, the OpenID Connect authentication endpoint, an OAuth 2
 * token endpoint taking signed client assertions, line items taking scores, and the deep-linking
 * return. It checks what a platform checks of a tool, and can send launches that are wrong in
 * one way each, for the tool's security tests. Loopback only.
 */

const CLAIM = 'https://purl.imsglobal.org/spec/lti/claim';
const AGS = 'https://purl.imsglobal.org/spec/lti-ags';
const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim';
export const AGS_SCOPES = { lineitem: `${AGS}/scope/lineitem`, resultReadonly: `${AGS}/scope/result.readonly`, score: `${AGS}/scope/score` } as const;

export const ROLES = {
  learner: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
  instructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
  admin: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator',
} as const;

export interface ToolRegistration {
  /** The tool's OIDC login initiation URL (third-party initiated login). */
  loginUrl: string;
  /** Redirect URIs the tool may ask the id_token to be posted to (the launch URL). */
  redirectUris: string[];
  /** The tool's public keyset (client assertions, deep-linking responses). */
  jwksUrl: string;
}

export interface LaunchUser {
  sub: string;
  name?: string;
  email?: string;
  /** Full LIS role URIs. */
  roles: string[];
}

export interface LaunchOptions {
  user: LaunchUser;
  messageType?: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
  context?: { id: string; title?: string; label?: string };
  resourceLink?: { id: string; title?: string };
  targetLinkUri: string;
  custom?: Record<string, string>;
  /** The AGS endpoint claim with this resource link's line item; default true for resource links. */
  ags?: boolean;
  /** Claims overridden after the platform built them (undefined deletes one): a wrong launch. */
  claims?: Record<string, unknown>;
  /** Signed by a key the keyset does not publish (same kid). */
  forgeSignature?: boolean;
  kid?: string;
  deepLinking?: Partial<{ accept_types: string[]; accept_multiple: boolean; data: string }>;
}

export interface ReceivedScore {
  lineItem: string;
  resourceLinkId: string;
  body: { userId: string; scoreGiven?: number; scoreMaximum?: number; activityProgress: string; gradingProgress: string; timestamp: string; comment?: string };
}

export interface ReceivedDeepLink {
  payload: Record<string, unknown>;
  contentItems: unknown[];
}

export interface LtiPlatform {
  url: string;
  issuer: string;
  clientId: string;
  deploymentId: string;
  jwksUrl: string;
  authLoginUrl: string;
  authTokenUrl: string;
  registerTool(tool: ToolRegistration): void;
  prepareLaunch(options: LaunchOptions): { loginInitiationUrl: string; launchPageUrl: string; loginHint: string; messageHint: string };
  lineItemUrl(resourceLinkId: string): string;
  readonly scores: ReceivedScore[];
  /** Score posts refused, with the userId they carried when they had one. */
  readonly refusedScores: { status: number; reason: string; userId?: string }[];
  waitForScore(predicate: (s: ReceivedScore) => boolean, timeoutMs?: number): Promise<ReceivedScore>;
  readonly deepLinkResponses: ReceivedDeepLink[];
  readonly deepLinkRefusals: string[];
  readonly authRefusals: string[];
  readonly tokenRequests: { ok: boolean; reason?: string; scope?: string }[];
  /** The next `count` score posts (for `userId` only, when given) are answered `status` (an outage of the platform's gradebook), then scores are taken again. */
  failNextScores(count: number, status?: number, userId?: string): void;
  close(): Promise<void>;
}

/** AGS §3.4.6: a score's fields. */
const ScoreBody = z
  .object({
    userId: z.string().min(1),
    scoreGiven: z.number().min(0).optional(),
    scoreMaximum: z.number().positive().optional(),
    comment: z.string().optional(),
    timestamp: z.iso.datetime({ offset: true }),
    activityProgress: z.enum(['Initialized', 'Started', 'InProgress', 'Submitted', 'Completed']),
    gradingProgress: z.enum(['FullyGraded', 'Pending', 'PendingManual', 'Failed', 'NotReady']),
  })
  .refine((s) => (s.scoreGiven === undefined) === (s.scoreMaximum === undefined), 'scoreGiven and scoreMaximum go together');

const now = () => Math.floor(Date.now() / 1000);

export async function startLtiPlatform(options: { clientId?: string; deploymentId?: string } = {}): Promise<LtiPlatform> {
  const keys = await PlatformKeys.create();
  const toolKeys = new ToolKeyset();
  const clientId = options.clientId ?? `client-${randomBytes(4).toString('hex')}`;
  const deploymentId = options.deploymentId ?? 'deployment-1';
  let tool: ToolRegistration | undefined;
  const launches = new Map<string, LaunchOptions & { messageHint: string; data?: string }>();
  const tokens = new Map<string, { scopes: string[]; until: number }>();
  const seenJti = new Set<string>();
  const lastScoreAt = new Map<string, string>();
  let outage: { left: number; status: number; userId?: string } = { left: 0, status: 503 };
  const state = {
    scores: [] as ReceivedScore[],
    refusedScores: [] as { status: number; reason: string; userId?: string }[],
    deepLinkResponses: [] as ReceivedDeepLink[],
    deepLinkRefusals: [] as string[],
    authRefusals: [] as string[],
    tokenRequests: [] as { ok: boolean; reason?: string; scope?: string }[],
  };

  const app = express();
  app.disable('x-powered-by');
  app.use(express.urlencoded({ extended: false }));
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const lineItemUrl = (resourceLinkId: string) => `${url}/lineitems/${encodeURIComponent(resourceLinkId)}`;

  /** The id_token of a prepared launch (LTI 1.3 §5.3, §5.4; AGS §3.1; Deep Linking §4.4), tampered as asked. */
  const idToken = (launch: LaunchOptions & { data?: string }, nonce: string): Promise<string> => {
    const type = launch.messageType ?? 'LtiResourceLinkRequest';
    const claims: Record<string, unknown> = {
      iss: url,
      aud: clientId,
      azp: clientId,
      sub: launch.user.sub,
      iat: now(),
      exp: now() + 300,
      nonce,
      ...(launch.user.name ? { name: launch.user.name } : {}),
      ...(launch.user.email ? { email: launch.user.email } : {}),
      [`${CLAIM}/message_type`]: type,
      [`${CLAIM}/version`]: '1.3.0',
      [`${CLAIM}/deployment_id`]: deploymentId,
      [`${CLAIM}/target_link_uri`]: launch.targetLinkUri,
      [`${CLAIM}/roles`]: launch.user.roles,
      [`${CLAIM}/tool_platform`]: { guid: `platform-${clientId}`, name: 'Simulated LMS' },
      [`${CLAIM}/launch_presentation`]: { document_target: 'window', return_url: `${url}/return` },
      ...(launch.context ? { [`${CLAIM}/context`]: { ...launch.context, type: ['http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering'] } } : {}),
      ...(launch.custom ? { [`${CLAIM}/custom`]: launch.custom } : {}),
    };
    if (type === 'LtiResourceLinkRequest') {
      if (launch.resourceLink) claims[`${CLAIM}/resource_link`] = launch.resourceLink;
      if (launch.ags !== false && launch.resourceLink) {
        claims[`${AGS}/claim/endpoint`] = { scope: Object.values(AGS_SCOPES), lineitems: `${url}/lineitems`, lineitem: lineItemUrl(launch.resourceLink.id) };
      }
    } else {
      claims[`${DL}/deep_linking_settings`] = {
        deep_link_return_url: `${url}/deep-link-return`,
        accept_types: ['ltiResourceLink'],
        accept_presentation_document_targets: ['iframe', 'window'],
        accept_multiple: false,
        ...launch.deepLinking,
        data: launch.data,
      };
    }
    for (const [name, value] of Object.entries(launch.claims ?? {})) {
      if (value === undefined) delete claims[name];
      else claims[name] = value;
    }
    return keys.sign(claims, { forged: launch.forgeSignature, kid: launch.kid });
  };

  app.get('/jwks', (_req, res) => void res.json({ keys: [keys.publicJwk] }));

  /** The platform's page that starts a launch in a browser: the login initiation as a POST form (LTI 1.3 §5.1.1.1). */
  app.get('/launch/:hint', (req, res) => {
    const launch = launches.get(req.params.hint);
    if (!launch || !tool) return void res.status(404).type('text').send('no such launch');
    res.type('html').send(autoPostPage(tool.loginUrl, loginParams(req.params.hint, launch)));
  });

  const loginParams = (hint: string, launch: LaunchOptions & { messageHint: string }) => ({
    iss: url,
    login_hint: hint,
    target_link_uri: launch.targetLinkUri,
    lti_message_hint: launch.messageHint,
    client_id: clientId,
    lti_deployment_id: deploymentId,
  });

  /** The OIDC authentication request (LTI 1.3 §5.1.1.2, Security Framework §5.1.1.1): each parameter checked, then the form_post. */
  const authenticate = async (req: Request, res: Response) => {
    const p = { ...(req.query as Record<string, string>), ...(req.body as Record<string, string> | undefined) };
    const refuse = (reason: string) => {
      state.authRefusals.push(reason);
      res.status(400).type('text').send(reason);
    };
    if (p.scope !== 'openid') return refuse('scope must be openid');
    if (p.response_type !== 'id_token') return refuse('response_type must be id_token');
    if (p.response_mode !== 'form_post') return refuse('response_mode must be form_post');
    if (p.prompt !== 'none') return refuse('prompt must be none');
    if (p.client_id !== clientId) return refuse('unknown client_id');
    if (!tool || !tool.redirectUris.includes(p.redirect_uri ?? '')) return refuse('redirect_uri is not registered');
    const launch = launches.get(p.login_hint ?? '');
    if (!launch || p.lti_message_hint !== launch.messageHint) return refuse('login_hint or lti_message_hint names no launch');
    if (!p.state) return refuse('state is missing');
    if (!p.nonce) return refuse('nonce is missing');
    const token = await idToken(launch, p.nonce);
    res.type('html').send(autoPostPage(p.redirect_uri!, { id_token: token, state: p.state }));
  };
  app.get('/auth', (req, res, next) => void authenticate(req, res).catch(next));
  app.post('/auth', (req, res, next) => void authenticate(req, res).catch(next));

  /** OAuth 2 client credentials with a JWT client assertion (Security Framework §4.1, RFC 7523 §3). */
  app.post('/token', async (req, res) => {
    const refuse = (status: number, error: string, reason: string) => {
      state.tokenRequests.push({ ok: false, reason });
      res.status(status).json({ error, error_description: reason });
    };
    const b = req.body as Record<string, string>;
    if (b.grant_type !== 'client_credentials') return refuse(400, 'unsupported_grant_type', 'grant_type must be client_credentials');
    if (b.client_assertion_type !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') return refuse(400, 'invalid_client', 'client_assertion_type must be jwt-bearer');
    if (!tool) return refuse(401, 'invalid_client', 'no tool is registered');
    let claims;
    try {
      claims = await toolKeys.verify(b.client_assertion ?? '', tool.jwksUrl, { issuer: clientId, audience: [`${url}/token`, url] });
    } catch (err) {
      return refuse(401, 'invalid_client', `client assertion: ${(err as Error).message}`);
    }
    if (claims.sub !== clientId) return refuse(401, 'invalid_client', 'client assertion: sub must be the client id');
    if (!claims.jti || seenJti.has(claims.jti)) return refuse(401, 'invalid_client', 'client assertion: jti missing or used before');
    seenJti.add(claims.jti);
    const scopes = (b.scope ?? '').split(' ').filter(Boolean);
    if (scopes.length === 0 || scopes.some((s) => !(Object.values(AGS_SCOPES) as string[]).includes(s))) return refuse(400, 'invalid_scope', `scope ${b.scope ?? ''} is not granted`);
    const accessToken = randomBytes(24).toString('base64url');
    tokens.set(accessToken, { scopes, until: Date.now() + 3600_000 });
    state.tokenRequests.push({ ok: true, scope: b.scope });
    res.json({ access_token: accessToken, token_type: 'Bearer', expires_in: 3600, scope: scopes.join(' ') });
  });

  const bearerScopes = (req: Request): string[] => {
    const token = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '')?.[1];
    const granted = token === undefined ? undefined : tokens.get(token);
    return granted && granted.until > Date.now() ? granted.scopes : [];
  };

  /** The score publish service (AGS §3.4): a bearer with the score scope, the score media type, a valid and newer score. */
  app.post('/lineitems/:id/scores', express.json({ type: () => true }), (req, res) => {
    const refuse = (status: number, reason: string) => {
      const userId = (req.body as { userId?: unknown } | undefined)?.userId;
      state.refusedScores.push({ status, reason, ...(typeof userId === 'string' ? { userId } : {}) });
      res.status(status).type('text').send(reason);
    };
    if (outage.left > 0 && (outage.userId === undefined || outage.userId === (req.body as { userId?: unknown } | undefined)?.userId)) {
      outage.left -= 1;
      return refuse(outage.status, 'the gradebook is down (failNextScores)');
    }
    if (!bearerScopes(req).includes(AGS_SCOPES.score)) return refuse(401, 'no access token with the score scope');
    if (req.get('content-type') !== 'application/vnd.ims.lis.v1.score+json') return refuse(415, `content type ${req.get('content-type')} is not application/vnd.ims.lis.v1.score+json`);
    const resourceLinkId = req.params.id!;
    const parsed = ScoreBody.safeParse(req.body);
    if (!parsed.success) return refuse(400, `not a score: ${parsed.error.issues[0]!.message}`);
    const key = `${resourceLinkId}\0${parsed.data.userId}`;
    const last = lastScoreAt.get(key);
    if (last && Date.parse(parsed.data.timestamp) <= Date.parse(last)) return refuse(409, 'a score with a timestamp no later than the last one');
    lastScoreAt.set(key, parsed.data.timestamp);
    state.scores.push({ lineItem: lineItemUrl(resourceLinkId), resourceLinkId, body: parsed.data });
    res.status(204).end();
  });

  app.get('/lineitems/:id', (req, res) => {
    const scopes = bearerScopes(req);
    if (!scopes.includes(AGS_SCOPES.lineitem) && !scopes.includes(`${AGS}/scope/lineitem.readonly`)) return void res.status(401).end();
    res.type('application/vnd.ims.lis.v2.lineitem+json').send(JSON.stringify({ id: lineItemUrl(req.params.id!), scoreMaximum: 100, label: req.params.id, resourceLinkId: req.params.id }));
  });

  /** The deep-linking response (Deep Linking 2.0 §4.5): signed by the tool, for this platform, echoing the request's data. */
  app.post('/deep-link-return', async (req, res) => {
    const refuse = (reason: string) => {
      state.deepLinkRefusals.push(reason);
      res.status(400).type('text').send(reason);
    };
    if (!tool) return refuse('no tool is registered');
    let payload;
    try {
      payload = await toolKeys.verify((req.body as Record<string, string>).JWT ?? '', tool.jwksUrl, { issuer: clientId, audience: url });
    } catch (err) {
      return refuse(`JWT: ${(err as Error).message}`);
    }
    if (typeof payload.nonce !== 'string' || payload.nonce === '') return refuse('nonce is missing');
    if (payload[`${CLAIM}/message_type`] !== 'LtiDeepLinkingResponse') return refuse('message_type must be LtiDeepLinkingResponse');
    if (payload[`${CLAIM}/version`] !== '1.3.0') return refuse('version must be 1.3.0');
    if (payload[`${CLAIM}/deployment_id`] !== deploymentId) return refuse('deployment_id is not this deployment');
    const sent = [...launches.values()].map((l) => l.data).filter(Boolean);
    if (!sent.includes(payload[`${DL}/data`] as string)) return refuse('data is not what a deep-linking request sent');
    const items = payload[`${DL}/content_items`];
    if (!Array.isArray(items)) return refuse('content_items must be an array');
    state.deepLinkResponses.push({ payload, contentItems: items });
    res.type('html').send(`<!doctype html><title>Linked</title><p>Received ${escapeHtml(String(items.length))} item(s).</p>`);
  });

  return {
    url,
    issuer: url,
    clientId,
    deploymentId,
    jwksUrl: `${url}/jwks`,
    authLoginUrl: `${url}/auth`,
    authTokenUrl: `${url}/token`,
    registerTool: (registration) => void (tool = registration),
    prepareLaunch(launch) {
      if (!tool) throw new Error('registerTool first');
      const hint = randomUUID();
      const messageHint = randomUUID();
      const data = launch.messageType === 'LtiDeepLinkingRequest' ? (launch.deepLinking?.data ?? randomUUID()) : undefined;
      launches.set(hint, { ...launch, messageHint, data });
      const login = new URL(tool.loginUrl);
      for (const [name, value] of Object.entries(loginParams(hint, { ...launch, messageHint }))) login.searchParams.set(name, value);
      return { loginInitiationUrl: login.href, launchPageUrl: `${url}/launch/${hint}`, loginHint: hint, messageHint };
    },
    lineItemUrl,
    ...state,
    failNextScores: (count, status = 503, userId) => void (outage = { left: count, status, userId }),
    async waitForScore(predicate, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = state.scores.findLast(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no score as expected within ${timeoutMs} ms; received ${JSON.stringify(state.scores)}, refused ${JSON.stringify(state.refusedScores)}, tokens ${JSON.stringify(state.tokenRequests)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())).then(() => server.closeAllConnections()),
  };
}
