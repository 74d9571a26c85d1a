import { timingSafeEqual, createHash } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { BundleHash } from '@grader/contracts';
import { Errors } from '../http/app-error';
import { parseParams } from '../http/parse';
import type { ExerciseStore } from '../store/exercise-store';

/** Constant-time comparison of a bearer token against the workers' shared secret. */
export function requireBearer(secret: string): RequestHandler {
  const expected = createHash('sha256').update(secret).digest();
  return (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer (.+)$/.exec(header);
    const given = createHash('sha256').update(match?.[1] ?? '').digest();
    if (!match || !timingSafeEqual(given, expected)) return next(Errors.unauthorized());
    next();
  };
}

/** Routes for workers only: exercise bundles (hidden tests included) by content hash, published or draft. */
export function internalRoutes(deps: { exercises: ExerciseStore; internalToken: string }): Router {
  const router = Router();
  router.use(requireBearer(deps.internalToken));
  router.get('/bundles/:hash', (req, res) => {
    const hash = parseParams(req.params.hash, BundleHash, `Bundle "${req.params.hash}"`);
    const bundle = deps.exercises.findBundle(hash);
    if (!bundle) throw Errors.notFound(`Bundle "${hash}"`);
    // Content-addressed: the same hash always has the same content.
    res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    res.json({ hash, manifest: bundle.manifest, files: bundle.files });
  });
  return router;
}
