import { z } from 'zod';
import { defineRoute } from '../route';
import { JsonWebKeySet, LtiDeepLinkChoice, LtiLaunchForm, LtiLoginRequest, LtiPlatform, LtiPlatforms, RegisterPlatformBody } from '../lti';

const tags = ['lti'] as const;
const FORM = 'application/x-www-form-urlencoded';
const redirect = z.object({ Location: z.string().meta({ description: 'Where the browser goes next.' }) });
const html = (description: string) => ({ description, schema: z.string(), contentType: 'text/html' });

/**
 * LTI 1.3: the platform-facing routes (public: each message carries its own proof, a signed
 * token or a one-time state) and the admins' registration of platforms.
 */
export const LTI_ROUTES = {
  ltiPlatforms: defineRoute({
    method: 'get',
    path: '/api/admin/lti/platforms',
    access: 'admin',
    tags,
    summary: 'Registered LTI platforms, and the addresses to give a new one (admin)',
    responses: { 200: { description: 'Every platform, and the grader’s tool configuration.', schema: LtiPlatforms } },
  }),
  registerLtiPlatform: defineRoute({
    method: 'post',
    path: '/api/admin/lti/platforms',
    access: 'admin',
    tags,
    summary: 'Register an LTI 1.3 platform (admin)',
    description: 'What the platform’s tool registration shows: its issuer, the client id it gave the grader, its deployments and endpoints.',
    body: RegisterPlatformBody,
    responses: { 201: { description: 'The platform.', schema: LtiPlatform } },
    errors: ['lti_platform_exists'],
  }),
  ltiJwks: defineRoute({
    method: 'get',
    path: '/lti/jwks',
    access: 'public',
    tags,
    summary: 'The grader’s public keyset (RFC 7517)',
    description: 'Platforms verify the grader’s client assertions (grade passback) and deep-linking responses with it.',
    responses: { 200: { description: 'Public keys.', schema: JsonWebKeySet } },
  }),
  ltiLogin: defineRoute({
    method: 'get',
    path: '/lti/login',
    access: 'public',
    tags,
    summary: 'OpenID Connect login initiation (LTI 1.3 §5.1.1), as a link',
    query: LtiLoginRequest,
    responses: { 302: { description: 'To the platform’s authentication endpoint, with state and nonce.', headers: redirect } },
    errors: ['lti_login_refused'],
  }),
  ltiLoginForm: defineRoute({
    method: 'post',
    path: '/lti/login',
    access: 'public',
    tags,
    summary: 'OpenID Connect login initiation (LTI 1.3 §5.1.1), as a form',
    body: LtiLoginRequest,
    bodyContentType: FORM,
    responses: { 302: { description: 'To the platform’s authentication endpoint, with state and nonce.', headers: redirect } },
    errors: ['lti_login_refused', 'validation_failed', 'unsupported_media_type', 'payload_too_large'],
  }),
  ltiLaunch: defineRoute({
    method: 'post',
    path: '/lti/launch',
    access: 'public',
    tags,
    summary: 'An LTI 1.3 launch (the platform’s authentication response)',
    description:
      'Checks the state against the browser’s login cookie, the token’s signature against the platform’s keyset, its issuer, audience, expiry and nonce (once only), its deployment and LTI claims. A resource link signs the user in and goes to its exercise; a deep-linking request shows staff the exercises to link.',
    body: LtiLaunchForm,
    bodyContentType: FORM,
    responses: {
      200: html('The deep-linking page (staff).'),
      303: { description: 'Signed in: to the linked exercise.', headers: redirect },
    },
    errors: ['lti_launch_refused', 'validation_failed', 'unsupported_media_type', 'payload_too_large'],
  }),
  ltiDeepLinkChoice: defineRoute({
    method: 'post',
    path: '/lti/deep-link',
    access: 'public',
    tags,
    summary: 'Send the chosen exercise back to the platform (LTI Deep Linking 2.0)',
    body: LtiDeepLinkChoice,
    bodyContentType: FORM,
    responses: { 200: html('A form that posts the signed deep-linking response to the platform.') },
    errors: ['lti_launch_refused', 'validation_failed', 'unsupported_media_type', 'payload_too_large'],
    errorNotes: { lti_launch_refused: 'the page’s token is unknown, used or expired, or the choice was not offered' },
  }),
} as const;
