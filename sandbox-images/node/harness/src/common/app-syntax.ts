import { findPythonSyntaxErrors } from './python/syntax-check';
import { describeSyntaxErrors, findSyntaxErrors } from './source-check';

/**
 * Why a web app's submitted files cannot run, checked before anything of the student's runs: every
 * .js file parsed as CommonJS (JavaScript and TypeScript apps, whose compiled output is checked
 * by the compiler), or every .py file compiled by Python; undefined when they all parse.
 */
export async function appSyntaxError(language: 'javascript' | 'typescript' | 'python', files: Record<string, string>): Promise<string | undefined> {
  const syntax = language === 'python' ? await findPythonSyntaxErrors(files) : { kind: 'checked' as const, problems: findSyntaxErrors(files) };
  if (syntax.kind === 'failed') return syntax.message;
  return syntax.problems.length > 0 ? describeSyntaxErrors(syntax.problems) : undefined;
}
