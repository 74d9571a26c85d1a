import { ProvisionError } from './errors';
import { findExecutable, isRoot, run } from './exec';
import type { Progress } from './progress';

/**
 * Installing Debian packages. One Apt per provisioning run: `apt-get update` runs at most
 * once in it, before the first install.
 */
export class Apt {
  private updated = false;

  /**
   * Makes sure `command` exists, installing `pkg` when it does not (root only).
   * Returns the command's absolute path.
   */
  async ensureCommand(command: string, pkg: string, progress: Progress): Promise<{ path: string; installed: boolean }> {
    const found = findExecutable(command);
    if (found) return { path: found, installed: false };
    await this.install([pkg], progress, `${command} is missing`);
    const after = findExecutable(command);
    if (!after) throw new ProvisionError(`package ${pkg} installed but ${command} is still not found`);
    return { path: after, installed: true };
  }

  async install(packages: readonly string[], progress: Progress, why: string): Promise<void> {
    const manual = `sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`;
    if (!isRoot()) {
      throw new ProvisionError(`${why}: install the Debian package${packages.length > 1 ? 's' : ''} as root (${manual}) and run this again`);
    }
    if (!findExecutable('apt-get')) {
      throw new ProvisionError(`${why} and there is no apt-get here (not Debian?): install ${packages.join(', ')} by hand`);
    }
    progress(`installing ${packages.join(', ')} from Debian packages (${why})`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const lockWait = ['-o', 'DPkg::Lock::Timeout=120'];
    if (!this.updated) {
      await run('apt-get', [...lockWait, 'update'], { env });
      this.updated = true;
    }
    await run('apt-get', [...lockWait, 'install', '-y', ...packages], { env });
  }
}
