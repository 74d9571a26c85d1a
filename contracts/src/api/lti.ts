import { z } from 'zod';

/**
 * LTI 1.3 (1EdTech Learning Tools Interoperability): a learning platform (Moodle, Canvas, …)
 * registered by an admin launches students and instructors into the grader, and receives their
 * grades through Assignment and Grade Services. Browser-safe, like every contract.
 */

const Timestamp = z.iso.datetime().meta({ description: 'ISO 8601, UTC', example: '2026-11-21T09:40:24.700Z' });

/** Hosts a platform may be reached on over plain HTTP: this machine only (a test's or a developer's platform). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A platform's endpoint: HTTPS, as the LTI Security Framework requires of every message, or
 * plain HTTP on loopback only. No credentials in it, and no fragment.
 */
export const PlatformUrl = z
  .url()
  .max(2000)
  .refine((raw) => {
    const url = new URL(raw);
    if (url.username || url.password || url.hash) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  }, 'must be an https URL (http only on loopback), without credentials or fragment')
  .meta({ example: 'https://lms.example.edu/mod/lti/auth.php' });

const Identifier = z.string().trim().min(1).max(255);

/** What an admin enters from the platform's tool registration page. */
export const RegisterPlatformBody = z
  .strictObject({
    name: z.string().trim().min(1).max(120).meta({ description: 'How staff call the platform', example: 'University Moodle' }),
    issuer: PlatformUrl.meta({ description: 'The platform’s `iss`, exactly as its launches carry it' }),
    clientId: Identifier.meta({ description: 'The client id the platform gave the grader' }),
    deploymentIds: z.array(Identifier).min(1).max(50).meta({ description: 'Deployments of the grader on the platform that may launch it' }),
    authLoginUrl: PlatformUrl.meta({ description: 'The platform’s OpenID Connect authentication endpoint' }),
    authTokenUrl: PlatformUrl.meta({ description: 'The platform’s OAuth 2 token endpoint (grade passback)' }),
    jwksUrl: PlatformUrl.meta({ description: 'The platform’s public keyset' }),
  })
  .meta({ id: 'RegisterPlatformBody' });
export type RegisterPlatformBody = z.infer<typeof RegisterPlatformBody>;

export const LtiPlatform = RegisterPlatformBody.extend({ id: z.uuid(), createdAt: Timestamp }).meta({ id: 'LtiPlatform' });

/** What the admin gives the platform: the grader's own addresses as a tool. */
export const LtiToolConfiguration = z
  .object({
    loginUrl: z.url().meta({ description: 'OpenID Connect login initiation URL' }),
    launchUrl: z.url().meta({ description: 'Redirect URI and target link URI of every launch' }),
    deepLinkingUrl: z.url().meta({ description: 'Where the platform sends deep-linking requests (the launch URL too)' }),
    jwksUrl: z.url().meta({ description: 'The grader’s public keyset (client assertions, deep-linking responses)' }),
    scopes: z.array(z.string()).meta({ description: 'The Assignment and Grade Services scopes the grader asks for' }),
  })
  .meta({ id: 'LtiToolConfiguration' });

export const LtiPlatforms = z.object({ items: z.array(LtiPlatform), tool: LtiToolConfiguration }).meta({ id: 'LtiPlatforms' });

/** A JSON Web Key Set (RFC 7517 §5): public keys only. */
export const JsonWebKeySet = z
  .object({ keys: z.array(z.object({ kty: z.string(), kid: z.string(), alg: z.string(), use: z.string() }).catchall(z.unknown())) })
  .meta({ id: 'JsonWebKeySet' });

/** OpenID Connect third-party initiated login (LTI 1.3 §5.1.1), as a query or a form. */
export const LtiLoginRequest = z
  .object({
    iss: z.string().max(2000),
    login_hint: z.string().min(1).max(2000),
    target_link_uri: z.string().max(2000),
    lti_message_hint: z.string().max(4000).optional(),
    client_id: z.string().max(255).optional(),
    lti_deployment_id: z.string().max(255).optional(),
  })
  .meta({ id: 'LtiLoginRequest' });

/** The authentication response the platform posts back (OpenID Connect form_post). */
export const LtiLaunchForm = z
  .object({
    id_token: z.string().min(1).max(64_000).meta({ description: 'The platform-signed launch (JWT)' }),
    state: z.string().min(1).max(200).meta({ description: 'What the grader sent at login' }),
  })
  .meta({ id: 'LtiLaunchForm' });

/** An instructor's choice on the deep-linking page. */
export const LtiDeepLinkChoice = z
  .object({
    choice: z.string().min(1).max(200).meta({ description: 'The one-time token of the deep-linking page' }),
    item: z.string().min(1).max(400).meta({ description: '`exercise:<slug>` or `assignment:<id>:<slug>`' }),
  })
  .meta({ id: 'LtiDeepLinkChoice' });
