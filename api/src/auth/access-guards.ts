import type { AccessGuards } from '../http/serve-route';
import { requireBearer } from '../routes/internal';
import { requireRole, requireUser } from './authenticate';

/** What each access level of the route table checks before a handler runs; `worker` needs the deployment's shared secret. */
export function accessGuards(internalToken: string): AccessGuards {
  return {
    public: [],
    'signed-in': [requireUser],
    staff: [requireRole('instructor', 'admin')],
    admin: [requireRole('admin')],
    worker: [requireBearer(internalToken)],
  };
}
