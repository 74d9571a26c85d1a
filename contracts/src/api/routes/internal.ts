import { z } from 'zod';
import { defineRoute } from '../route';
import { BundleHash, ExerciseBundle } from '../../jobs';

/** Routes for workers only (their shared secret), left out of the public document. */
export const INTERNAL_ROUTES = {
  bundle: defineRoute({
    method: 'get',
    path: '/internal/bundles/{hash}',
    access: 'worker',
    tags: ['internal'],
    summary: 'An exercise bundle (hidden tests included) by content hash, published or draft',
    params: z.strictObject({ hash: BundleHash }),
    resource: 'Bundle',
    responses: { 200: { description: 'The bundle; immutable, so cached for a year.', schema: ExerciseBundle } },
  }),
} as const;
