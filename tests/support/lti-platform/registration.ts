import type { Pipeline } from '../pipeline';
import { startLtiPlatform, type LtiPlatform } from './index';

/**
 * A simulated platform that knows the grader as its tool, registered with the grader by its
 * admin (POST /api/admin/lti/platforms), as an LMS administrator and the grader's would do.
 */
export async function startRegisteredPlatform(pipeline: Pipeline): Promise<LtiPlatform> {
  const platform = await startLtiPlatform();
  platform.registerTool({ loginUrl: `${pipeline.url}/lti/login`, redirectUris: [`${pipeline.url}/lti/launch`], jwksUrl: `${pipeline.url}/lti/jwks` });
  const registered = await pipeline.admin.request('POST', '/api/admin/lti/platforms', {
    name: 'Simulated LMS',
    issuer: platform.issuer,
    clientId: platform.clientId,
    deploymentIds: [platform.deploymentId],
    authLoginUrl: platform.authLoginUrl,
    authTokenUrl: platform.authTokenUrl,
    jwksUrl: platform.jwksUrl,
  });
  if (registered.status !== 201) throw new Error(`the platform was not registered: ${JSON.stringify(registered.body)}`);
  return platform;
}
