import vm from 'node:vm';

/**
 * The harness's check of the student's JavaScript before anything of it runs: each file is
 * compiled, never executed, exactly as Node would wrap a CommonJS module (so a top-level
 * `return` is fine and an `import` statement is not). A syntax error is the student's
 * compile error, named by file and line.
 */
export interface SyntaxProblem {
  file: string;
  line?: number;
  message: string;
}

const COMMONJS_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname'];
const CHECKED = /\.c?js$/;

/** Every syntax error of the submitted .js and .cjs files, in path order. */
export function findSyntaxErrors(files: Record<string, string>): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  for (const file of Object.keys(files).filter((f) => CHECKED.test(f)).sort()) {
    const problem = syntaxError(file, files[file]!);
    if (problem) problems.push(problem);
  }
  return problems;
}

function syntaxError(file: string, source: string): SyntaxProblem | undefined {
  try {
    vm.compileFunction(source, COMMONJS_PARAMETERS, { filename: file });
    return undefined;
  } catch (err) {
    // By name, not instanceof: the error may come from another realm (as under jest).
    const { name, message, stack } = err as { name?: unknown; message?: unknown; stack?: unknown };
    if (name !== 'SyntaxError') throw err;
    // V8 puts "<filename>:<line>" as the first line of a syntax error's stack.
    const line = typeof stack === 'string' ? /:(\d+)$/.exec(stack.split('\n', 1)[0] ?? '')?.[1] : undefined;
    return { file, ...(line !== undefined && { line: Number(line) }), message: String(message) };
  }
}

/** One line per problem, e.g. `app.js:12: Unexpected token '}'`, with a hint where one helps. */
export function describeSyntaxErrors(problems: readonly SyntaxProblem[]): string {
  return problems
    .map((p) => {
      const hint = hintFor(p.message);
      return `${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}${hint ? ` (${hint})` : ''}`;
    })
    .join('\n');
}

function hintFor(message: string): string | undefined {
  if (/Cannot use import statement outside a module/.test(message)) return "your app is a CommonJS module: load packages with require('express')";
  if (/Unexpected token 'export'/.test(message)) return 'your app is a CommonJS module: export with module.exports = { createApp }';
  if (/await is only valid/.test(message)) return 'await works only inside an async function';
  if (/Unexpected end of input/.test(message)) return 'the file ends too early: look for a bracket, brace or quote that is never closed';
  return undefined;
}
