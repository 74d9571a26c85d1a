/**
 * `npm run restore -- <backup>`: puts an online backup (POST /api/admin/backups, or the schedule's)
 * in place of the grader's SQLite file, with the API stopped (refused while a process of this host
 * holds the file open). <backup> is a path, or a name in the backup directory
 * (GRADER_DATA_DIR/backups: the same GRADER_DATA_DIR as the API's). The replaced file is kept beside it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '@grader/runtime';
import { backupDir, databaseFile } from '../api/src/store/database';
import { restoreBackup } from '../api/src/operations/backups';

function main(): void {
  const [given] = process.argv.slice(2);
  const config = loadConfig();
  if (!given) {
    console.error('usage: npm run restore -- <backup file, or its name in the backup directory>');
    const dir = backupDir(config.dataDir);
    const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.sqlite')).sort().reverse() : [];
    console.error(names.length > 0 ? `backups in ${dir}, newest first:\n  ${names.join('\n  ')}` : `no backup in ${dir}`);
    process.exitCode = 2;
    return;
  }
  const backup = fs.existsSync(given) ? path.resolve(given) : path.join(backupDir(config.dataDir), given);
  const target = databaseFile(config.dataDir);
  if (!fs.existsSync(backup)) {
    // The data directory is this command's GRADER_DATA_DIR: set it as the API had it.
    console.error(`✗ not restored: no backup ${given}, neither as a path nor in ${backupDir(config.dataDir)} (GRADER_DATA_DIR=${config.dataDir}: set it as the API had it)`);
    process.exitCode = 1;
    return;
  }
  try {
    const { keptAs } = restoreBackup(backup, target);
    console.log(`✓ ${target} is now the backup ${path.basename(backup)}${keptAs ? `; the file it replaced is kept as ${keptAs}` : ''}. Start the API again.`);
  } catch (err) {
    console.error(`✗ not restored: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}

main();
