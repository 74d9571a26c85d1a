import { z } from 'zod';
import type { Role } from '../auth/roles';

/** Claim names of LTI 1.3 (§5.3, §5.4), Deep Linking 2.0 (§4.4) and Assignment and Grade Services 2.0 (§3.1). */
export const CLAIM = {
  messageType: 'https://purl.imsglobal.org/spec/lti/claim/message_type',
  version: 'https://purl.imsglobal.org/spec/lti/claim/version',
  deploymentId: 'https://purl.imsglobal.org/spec/lti/claim/deployment_id',
  targetLinkUri: 'https://purl.imsglobal.org/spec/lti/claim/target_link_uri',
  resourceLink: 'https://purl.imsglobal.org/spec/lti/claim/resource_link',
  roles: 'https://purl.imsglobal.org/spec/lti/claim/roles',
  context: 'https://purl.imsglobal.org/spec/lti/claim/context',
  custom: 'https://purl.imsglobal.org/spec/lti/claim/custom',
  deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
  contentItems: 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items',
  deepLinkingData: 'https://purl.imsglobal.org/spec/lti-dl/claim/data',
  agsEndpoint: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
} as const;

/** The AGS scope that lets the grader post scores (AGS §3.4). */
export const SCORE_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';

const Url = z.url({ protocol: /^https?$/ }).max(2000);
const Id = z.string().min(1).max(255);

/** What every LTI launch carries besides the OpenID Connect claims (LTI 1.3 §5.3). */
const Common = z.object({
  sub: Id,
  name: z.string().max(200).optional(),
  given_name: z.string().max(100).optional(),
  family_name: z.string().max(100).optional(),
  [CLAIM.version]: z.literal('1.3.0'),
  [CLAIM.deploymentId]: Id,
  [CLAIM.roles]: z.array(z.string().max(300)).max(100),
  [CLAIM.context]: z.object({ id: Id, title: z.string().max(200).optional(), label: z.string().max(200).optional() }).optional(),
  [CLAIM.custom]: z.record(z.string(), z.unknown()).optional(),
});

/** A resource link launch (LTI 1.3 §5.3.3; AGS §3.1 for the endpoint claim). */
export const ResourceLinkLaunch = Common.extend({
  [CLAIM.messageType]: z.literal('LtiResourceLinkRequest'),
  [CLAIM.targetLinkUri]: Url,
  [CLAIM.resourceLink]: z.object({ id: Id, title: z.string().max(200).optional() }),
  [CLAIM.agsEndpoint]: z.object({ scope: z.array(z.string()).optional(), lineitem: Url.optional(), lineitems: Url.optional() }).optional(),
});
export type ResourceLinkLaunch = z.infer<typeof ResourceLinkLaunch>;

/** A deep-linking request (Deep Linking 2.0 §4.4): where to send the choice, and what the platform takes. */
export const DeepLinkingLaunch = Common.extend({
  [CLAIM.messageType]: z.literal('LtiDeepLinkingRequest'),
  [CLAIM.deepLinkingSettings]: z.object({
    deep_link_return_url: Url,
    accept_types: z.array(z.string()).min(1),
    accept_presentation_document_targets: z.array(z.string()).optional(),
    accept_multiple: z.boolean().optional(),
    data: z.string().max(4000).optional(),
  }),
});
export type DeepLinkingLaunch = z.infer<typeof DeepLinkingLaunch>;

export const Launch = z.discriminatedUnion(CLAIM.messageType, [ResourceLinkLaunch, DeepLinkingLaunch]);
export type Launch = z.infer<typeof Launch>;

export function isDeepLinking(launch: Launch): launch is DeepLinkingLaunch {
  return launch[CLAIM.messageType] === 'LtiDeepLinkingRequest';
}

/**
 * LIS context roles that teach (LTI 1.3 §A.2.3), as full URIs, sub-roles included
 * (`…/membership/Instructor#TeachingAssistant`), or as the simple names §A.2.3.1 lets a
 * platform send (`Instructor`).
 */
const TEACHING = /^(http:\/\/purl\.imsglobal\.org\/vocab\/lis\/v2\/membership(#|\/))?(Instructor|Administrator|ContentDeveloper)(#\w+)?$/;

/**
 * The grader role a launch earns: instructor for a context's teaching roles, student for the
 * rest. Never admin: a platform (or its administrator) runs its own courses, not this server.
 */
export function roleFromLti(roles: readonly string[]): Exclude<Role, 'admin'> {
  return roles.some((r) => TEACHING.test(r)) ? 'instructor' : 'student';
}

/** The name to show: the `name` claim, else given and family names, else a neutral one. */
export function displayNameOf(launch: Pick<Launch, 'name' | 'given_name' | 'family_name'>): string {
  const joined = [launch.given_name, launch.family_name].filter(Boolean).join(' ');
  return (launch.name?.trim() || joined.trim() || 'LTI user').slice(0, 100);
}
