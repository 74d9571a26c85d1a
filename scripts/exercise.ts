/**
 * `npm run exercise -- <command>`: tools for exercise authors.
 *
 *   validate <dir>                               grade the folder's solutions in the local sandbox
 *   push <dir> --server URL [--token T] [--no-publish]
 *                                                upload as a draft, validate on the server, publish if it passes;
 *                                                the token from GRADER_TOKEN when --token is not given (a token on the
 *                                                command line is echoed by npm and seen in ps)
 *   schema [--check]                             write (or check) docs/exercise.schema.json
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MANIFEST_SCHEMA_FILE, manifestJsonSchemaText } from '@grader/contracts';
import { loadConfig } from '@grader/runtime';
import { pushFolder } from './exercise/push-folder';
import { formatReport } from './exercise/report';
import { validateFolder } from './exercise/validate-folder';

const ROOT = path.resolve(__dirname, '..');
const USAGE = `usage:
  npm run exercise -- validate <dir>
  npm run exercise -- push <dir> --server <url> [--token <token>, or GRADER_TOKEN in the environment] [--no-publish]
  npm run exercise -- schema [--check]`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { server: { type: 'string' }, token: { type: 'string' }, 'no-publish': { type: 'boolean' }, check: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  const [command, dir] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  switch (command) {
    case 'validate': {
      if (!dir) throw new Error(USAGE);
      const config = loadConfig();
      console.log(`validating ${dir} in the local sandbox…`);
      const { passed, candidates } = await validateFolder(path.resolve(dir), { dockerSocket: config.dockerSocket, imagePrefix: config.sandboxImagePrefix });
      console.log(formatReport(candidates));
      return passed ? 0 : 1;
    }
    case 'push': {
      const token = values.token ?? process.env.GRADER_TOKEN;
      if (!dir || !values.server || !token) throw new Error(USAGE);
      const result = await pushFolder(path.resolve(dir), { server: values.server, token, publish: !values['no-publish'], log: (line) => console.log(line) });
      if (result.validation.status === 'error') {
        console.log(`the validation could not be completed: ${result.validation.error}`);
        return 1;
      }
      console.log(formatReport(result.validation.candidates ?? []));
      if (result.published) {
        const { slug, version, created } = result.published;
        console.log(created ? `published ${slug} version ${version}` : `${slug} version ${version} already had this content`);
      } else if (result.validation.status === 'passed') {
        console.log(`validated; not published (--no-publish): draft ${result.draftId}`);
      }
      return result.validation.status === 'passed' ? 0 : 1;
    }
    case 'schema': {
      const file = path.join(ROOT, MANIFEST_SCHEMA_FILE);
      const text = manifestJsonSchemaText();
      if (values.check) {
        const same = fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text;
        console.log(same ? `${MANIFEST_SCHEMA_FILE} is up to date` : `${MANIFEST_SCHEMA_FILE} is out of date: run npm run exercise -- schema`);
        return same ? 0 : 1;
      }
      fs.writeFileSync(file, text);
      console.log(`wrote ${MANIFEST_SCHEMA_FILE}`);
      return 0;
    }
    default:
      throw new Error(`unknown command ${command}\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`✗ ${(err as Error).message}`);
    process.exit(2);
  },
);
