import path from 'node:path';
import type * as TS from 'typescript';

/**
 * The harness's type check and compilation of a TypeScript submission (rest.language
 * `typescript`), before anything of it runs: the TypeScript compiler (5.9, shipped in the
 * image) reads the student's .ts files where the harness wrote them, with the type
 * declarations of Node, Express, better-sqlite3 and zod, and writes CommonJS JavaScript next
 * to them (with inline source maps, so that a stack trace names the .ts line). A type error
 * is the submission's compile error, named by file and line.
 */
export interface TypeScriptSetup {
  /** Where the student's files are (absolute). */
  rootDir: string;
  /** The packages and their declarations (`<dir>/@types/node`, `<dir>/express`, …). */
  nodeModulesDir: string;
}

export type CompileOutcome =
  | { ok: true; outputs: Map<string, string> }
  /** Each problem on a line: `app.ts:12: Type 'string' is not assignable to type 'number'. (TS2322)`. */
  | { ok: false; message: string };

/** Diagnostics shown at most; the first few are the ones to fix. */
const SHOWN_DIAGNOSTICS = 10;

/** The compiler's options for a submission under `rootDir`: the same for the warm-up and the check, so that parsed declarations are the same. */
function compilerOptions(ts: typeof TS, nodeModulesDir: string, rootDir: string): TS.CompilerOptions {
  return {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    forceConsistentCasingInFileNames: true,
    noEmitOnError: true,
    inlineSourceMap: true,
    types: ['node'],
    typeRoots: [path.join(nodeModulesDir, '@types')],
    // Packages resolve from the image's node_modules whatever the student's folder: types first.
    baseUrl: '/',
    paths: { '*': [path.join(nodeModulesDir, '@types', '*'), path.join(nodeModulesDir, '*')] },
    rootDir,
    newLine: ts.NewLineKind.LineFeed,
  };
}

function loadTypeScript(): typeof TS {
  // Loaded only for TypeScript exercises: some 9 MB of JavaScript to parse.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('typescript') as typeof TS;
}

/** Declaration files parsed and bound ahead of a submission (prepareTypeScript), by file name and parse settings. */
let prepared: Map<string, TS.SourceFile> | undefined;

const sourceKey = (fileName: string, settings: TS.ScriptTarget | TS.CreateSourceFileOptions) =>
  `${fileName}\u0000${typeof settings === 'object' ? `${settings.languageVersion}:${settings.impliedNodeFormat ?? ''}` : settings}`;

/** A root file that imports every package a student may use, so that the warm-up parses each one's declarations. */
const WARM_ROOT = '/warm-up/app.ts';
const WARM_SOURCE = "import express from 'express';\nimport Database from 'better-sqlite3';\nimport { z } from 'zod';\nexport const parts = [express(), Database, z];\n";

/**
 * A warm container's preparation for a TypeScript submission (profile `typescript`, before its
 * input arrives): loads the compiler and parses and binds the declarations a submission is
 * checked against (ES2022, Node, Express, better-sqlite3, zod: some 170 files, most of the
 * check's time). compileTypeScript then takes those files as they are (a SourceFile keeps its
 * binding, and the checker of each program is its own: the language service shares files
 * across programs the same way), so the diagnostics are those of a cold check. Runs trusted
 * code only; synchronous (about a second of CPU).
 */
export function prepareTypeScript(nodeModulesDir: string): void {
  const ts = loadTypeScript();
  const options = compilerOptions(ts, nodeModulesDir, path.dirname(WARM_ROOT));
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => name === WARM_ROOT || fileExists.call(host, name);
  host.readFile = (name) => (name === WARM_ROOT ? WARM_SOURCE : readFile.call(host, name));
  host.getSourceFile = (name, settings, ...rest) => (name === WARM_ROOT ? ts.createSourceFile(name, WARM_SOURCE, settings) : getSourceFile.call(host, name, settings, ...rest));
  const program = ts.createProgram({ rootNames: [WARM_ROOT], options, host });
  ts.getPreEmitDiagnostics(program); // binds every file
  const settingsOf = (file: TS.SourceFile): TS.CreateSourceFileOptions => ({ languageVersion: file.languageVersion, impliedNodeFormat: file.impliedNodeFormat });
  prepared = new Map(program.getSourceFiles().filter((f) => f.fileName !== WARM_ROOT).map((f) => [sourceKey(f.fileName, settingsOf(f)), f]));
}

export function compileTypeScript(files: readonly string[], setup: TypeScriptSetup): CompileOutcome {
  const ts = loadTypeScript();
  const options = compilerOptions(ts, setup.nodeModulesDir, setup.rootDir);
  const rootNames = files.map((file) => path.join(setup.rootDir, file));
  const host = ts.createCompilerHost(options);
  const ready = prepared;
  // One submission per container: the prepared files serve it, then their memory goes back.
  prepared = undefined;
  if (ready) {
    const { getSourceFile } = host;
    host.getSourceFile = (name, settings, onError, fresh) => {
      const cached = fresh || name.startsWith(setup.rootDir) ? undefined : ready.get(sourceKey(name, settings));
      return cached ?? getSourceFile.call(host, name, settings, onError, fresh);
    };
  }
  const program = ts.createProgram({ rootNames, options, host });
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (diagnostics.length > 0) return { ok: false, message: describe(ts, diagnostics, setup.rootDir) };

  const outputs = new Map<string, string>();
  const emitted = program.emit(undefined, (fileName, text) => {
    if (fileName.endsWith('.js')) outputs.set(path.relative(setup.rootDir, fileName), text);
  });
  const emitErrors = emitted.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (emitErrors.length > 0) return { ok: false, message: describe(ts, emitErrors, setup.rootDir) };
  return { ok: true, outputs };
}

/** The compiled name of a submitted .ts file: `app.ts` → `app.js`, `lib/db.cts` → `lib/db.cjs`. */
export function compiledName(file: string): string {
  return file.replace(/\.cts$/, '.cjs').replace(/\.ts$/, '.js');
}

function describe(ts: typeof TS, diagnostics: readonly TS.Diagnostic[], rootDir: string): string {
  const lines = diagnostics.slice(0, SHOWN_DIAGNOSTICS).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
    const hint = hintFor(d.code);
    const message = `${text} (TS${d.code})${hint ? `: ${hint}` : ''}`;
    if (!d.file || d.start === undefined) return message;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    const name = path.relative(rootDir, d.file.fileName);
    // A declaration file's own error would point outside the student's files: say where, whole.
    return `${name.startsWith('..') ? d.file.fileName : name}:${line + 1}: ${message}`;
  });
  const more = diagnostics.length - SHOWN_DIAGNOSTICS;
  if (more > 0) lines.push(`… and ${more} more`);
  return lines.join('\n');
}

function hintFor(code: number): string | undefined {
  switch (code) {
    case 7006:
      return 'give the parameter a type, e.g. (id: number) or (req: Request, res: Response)';
    case 2307:
      return 'available packages: express, zod, better-sqlite3 and Node’s own modules';
    case 7016:
      return 'this package has no type declarations here';
    case 18046:
    case 18048:
      return 'check the value before using it (typeof, a zod schema, or ?? a default)';
    default:
      return undefined;
  }
}

/**
 * A trusted TypeScript file (the reference solution of an exercise, checked when it was
 * published) compiled to CommonJS without a type check: a few milliseconds instead of the
 * seconds the checker takes to read Node's declarations.
 */
export function transpileTypeScript(text: string, fileName: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof TS;
  return ts.transpileModule(text, {
    fileName,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true, inlineSourceMap: true },
  }).outputText;
}
