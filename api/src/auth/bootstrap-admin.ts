import fs from 'node:fs';
import path from 'node:path';
import { type Logger } from '@grader/runtime';

import type { UserStore } from '../store/user-store';

export const ADMIN_TOKEN_FILE = 'admin-token';

/**
 * On the very first start there is no account to sign in with: create an admin and write
 * its API token, readable by this OS user only, to the data folder. There is no default
 * password anywhere. The file can be deleted once the token is stored elsewhere.
 */
export function bootstrapAdmin(users: UserStore, dataDir: string, logger: Logger): void {
  if (users.countByRole('admin') > 0) return;
  const admin = users.create({ username: 'admin', displayName: 'Administrator', role: 'admin' });
  const token = users.issueToken(admin.id, 'first start');
  const file = path.join(dataDir, ADMIN_TOKEN_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.rmSync(file, { force: true });
  // 'wx' refuses to follow anything planted at that path; 0600 keeps other users out.
  fs.writeFileSync(file, `${token}\n`, { flag: 'wx', mode: 0o600 });
  logger.warn({ file }, `created the first admin account; its API token is in ${file} (readable by you only)`);
}
