import { randomBytes } from 'node:crypto';
import express, { type CookieOptions, type Request } from 'express';
import type { z } from 'zod';
import { LIMITS, LTI_ROUTES, LtiDeepLinkChoice, LtiLaunchForm, LtiLoginRequest } from '@grader/contracts';
import { SESSION_COOKIE, sessionCookieOptions } from '../auth/authenticate';
import { sha256 } from '../auth/secrets';
import { AppError, Errors } from '../http/app-error';
import { cookieOf } from '../http/cookies';
import { fieldErrors } from '../http/parse';
import { respond, serve, type TableHandlers } from '../http/serve-route';
import { CLAIM, isDeepLinking, roleFromLti, SCORE_SCOPE, type DeepLinkingLaunch } from './claims';
import { deepLinkingResponse, linkOptions, resolveChoice } from './deep-linking';
import { courseForContext, resourceLinkLaunch, userForLaunch, type LaunchAccountDeps } from './launch-accounts';
import { launchRefused, type LaunchVerifier } from './launch-verification';
import { sendAutoPost, sendDeepLinkPicker } from './lti-pages';
import type { Platform } from './lti-store';
import type { ToolKeys } from './tool-keys';

export interface LtiRouteDeps extends LaunchAccountDeps {
  keys: ToolKeys;
  verifier: LaunchVerifier;
  secureCookies: boolean;
  /** GRADER_PUBLIC_URL: the grader's address as platforms and browsers know it (unset: each request's own). */
  publicUrl?: string;
}

const FORM = 'application/x-www-form-urlencoded';
/** LTI forms are a few fields; a launch's id_token is the largest (a few KB, 64 KB at most). */
const formBodies = express.urlencoded({ extended: false, limit: LIMITS.http.bodyBytes, parameterLimit: 16, type: FORM });

/** A form body parsed with its schema, or a clear error (a body of another type, a field missing or repeated). */
function parseForm<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  if (req.body === undefined || !req.is(FORM)) throw new AppError('unsupported_media_type', `Send the body as ${FORM}.`);
  const parsed = schema.safeParse(req.body);
  if (!parsed.success) throw Errors.validation(fieldErrors(parsed.error));
  return parsed.data;
}

function loginRefused(detail: string): AppError {
  return new AppError('lti_login_refused', `The LTI login was refused: ${detail}.`);
}

/**
 * The login's state cookie, one per login (two tabs launching at once keep theirs), named after
 * the state's hash. SameSite=None when served over HTTPS: the platform posts the launch from its
 * own site, and a Lax cookie would stay behind; over plain HTTP (loopback) browsers refuse None.
 */
function stateCookie(state: string): string {
  return `grader_lti_${sha256(state).slice(0, 16)}`;
}

/** The grader's address as platforms and browsers know it: GRADER_PUBLIC_URL, else this request's scheme and host. */
function baseUrl(deps: LtiRouteDeps, req: Request): string {
  return deps.publicUrl ?? `${req.protocol}://${req.get('host')}`;
}

/** The grader's own LTI addresses (the tool configuration a platform's admin enters). */
function toolUrls(deps: LtiRouteDeps, req: Request) {
  const base = baseUrl(deps, req);
  return { loginUrl: `${base}/lti/login`, launchUrl: `${base}/lti/launch`, deepLinkingUrl: `${base}/lti/launch`, jwksUrl: `${base}/lti/jwks`, scopes: [SCORE_SCOPE] };
}

function sameOrigin(url: string, base: string): boolean {
  try {
    return new URL(url).origin === new URL(base).origin;
  } catch {
    return false;
  }
}

export function ltiHandlers(deps: LtiRouteDeps): TableHandlers<typeof LTI_ROUTES> {
  const R = LTI_ROUTES;
  const stateCookieOptions: CookieOptions = { httpOnly: true, secure: deps.secureCookies, sameSite: deps.secureCookies ? 'none' : 'lax', path: '/lti' };

  /** OIDC third-party initiated login (LTI 1.3 §5.1.1.1-2): check who asks, remember state and nonce, send the browser to the platform. */
  const login = (params: z.infer<typeof LtiLoginRequest>, req: Request, res: express.Response) => {
    const candidates = deps.lti.platformsOf(params.iss, params.client_id);
    if (candidates.length === 0) throw loginRefused(`no platform is registered with issuer ${JSON.stringify(params.iss)}${params.client_id === undefined ? '' : ` and client id ${JSON.stringify(params.client_id)}`}`);
    if (candidates.length > 1) throw loginRefused('several clients of this issuer are registered, and the login names no client_id');
    const platform = candidates[0]!;
    if (params.lti_deployment_id !== undefined && !platform.deploymentIds.includes(params.lti_deployment_id)) throw loginRefused(`the deployment ${JSON.stringify(params.lti_deployment_id)} is not registered for this platform`);
    const urls = toolUrls(deps, req);
    if (!sameOrigin(params.target_link_uri, baseUrl(deps, req))) throw loginRefused('the target_link_uri is not an address of this grader');

    const state = randomBytes(32).toString('base64url');
    const nonce = randomBytes(32).toString('base64url');
    deps.lti.openLogin(state, platform.id, nonce, new Date(Date.now() + LIMITS.lti.loginMs));
    res.cookie(stateCookie(state), state, { ...stateCookieOptions, maxAge: LIMITS.lti.loginMs });
    const auth = new URL(platform.authLoginUrl);
    const query = {
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: platform.clientId,
      redirect_uri: urls.launchUrl,
      login_hint: params.login_hint,
      state,
      nonce,
      ...(params.lti_message_hint === undefined ? {} : { lti_message_hint: params.lti_message_hint }),
    };
    for (const [name, value] of Object.entries(query)) auth.searchParams.set(name, value);
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, auth.href);
  };

  /** A deep-linking request (Deep Linking 2.0 §4.4): staff only, for a platform that takes resource links; the page of what to link. */
  const deepLinkingPage = (platform: Platform, launch: DeepLinkingLaunch, res: express.Response) => {
    if (roleFromLti(launch[CLAIM.roles]) !== 'instructor') throw launchRefused('deep linking is for a course’s instructors');
    const settings = launch[CLAIM.deepLinkingSettings];
    if (!settings.accept_types.includes('ltiResourceLink')) throw launchRefused('the platform does not accept resource links from deep linking (accept_types)');
    const courseId = deps.db.transaction(() => {
      const user = userForLaunch(deps, platform, launch);
      return courseForContext(deps, platform, launch, user.id, false) ?? null;
    })();
    const choiceToken = randomBytes(32).toString('base64url');
    deps.lti.openDeepLinkChoice(
      choiceToken,
      { platformId: platform.id, deploymentId: launch[CLAIM.deploymentId], returnUrl: settings.deep_link_return_url, data: settings.data ?? null, courseId },
      new Date(Date.now() + LIMITS.lti.deepLinkChoiceMs),
    );
    sendDeepLinkPicker(res, { action: '/lti/deep-link', choiceToken, groups: linkOptions(deps, courseId) });
  };

  return {
    ltiPlatforms: serve(R.ltiPlatforms, (_input, req, res) => respond(res, R.ltiPlatforms, 200, { items: deps.lti.platforms(), tool: toolUrls(deps, req) })),

    registerLtiPlatform: serve(R.registerLtiPlatform, ({ body }, _req, res) => {
      const platform = deps.lti.registerPlatform(body);
      if (!platform) throw new AppError('lti_platform_exists', `A platform with issuer ${body.issuer} and client id ${body.clientId} is registered.`);
      respond(res, R.registerLtiPlatform, 201, platform);
    }),

    ltiJwks: serve(R.ltiJwks, async (_input, _req, res) => {
      // Platforms cache it; a key added later is found by its kid when they fetch again.
      res.setHeader('Cache-Control', 'max-age=300');
      respond(res, R.ltiJwks, 200, await deps.keys.jwks());
    }),

    ltiLogin: serve(R.ltiLogin, ({ query }, req, res) => login(query, req, res)),

    ltiLoginForm: serve(R.ltiLoginForm, (_input, req, res) => login(parseForm(req, LtiLoginRequest), req, res), [formBodies]),

    ltiLaunch: serve(
      R.ltiLaunch,
      async (_input, req, res) => {
        const form = parseForm(req, LtiLaunchForm);
        const cookie = stateCookie(form.state);
        const cookieState = cookieOf(req, cookie);
        res.clearCookie(cookie, stateCookieOptions);
        const { platform, launch } = await deps.verifier.verify(form, cookieState);
        if (isDeepLinking(launch)) return deepLinkingPage(platform, launch, res);
        const { user, page } = resourceLinkLaunch(deps, platform, launch);
        const opened = deps.users.openSession(user.id, LIMITS.http.sessionMs);
        res.cookie(SESSION_COOKIE, opened.session, { ...sessionCookieOptions(deps.secureCookies), expires: opened.expiresAt });
        res.setHeader('Cache-Control', 'no-store');
        res.redirect(303, page);
      },
      [formBodies],
    ),

    ltiDeepLinkChoice: serve(
      R.ltiDeepLinkChoice,
      async (_input, req, res) => {
        const form = parseForm(req, LtiDeepLinkChoice);
        const choice = deps.lti.takeDeepLinkChoice(form.choice);
        if (!choice) throw launchRefused('the deep-linking page has expired or was used; start deep linking again from the platform');
        const platform = deps.lti.platform(choice.platformId);
        const target = platform && resolveChoice(deps, choice, form.item);
        if (!platform || !target) throw launchRefused('the chosen item was not offered on the deep-linking page');
        const jwt = await deepLinkingResponse(deps.keys, platform, choice, target, toolUrls(deps, req).launchUrl);
        sendAutoPost(res, choice.returnUrl, { JWT: jwt }, 'Sending your choice to the platform…');
      },
      [formBodies],
    ),
  };
}
