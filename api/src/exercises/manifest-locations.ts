import YAML, { LineCounter, isCollection, type Node } from 'yaml';

/** A problem with a package, and where in which file when that is known (1-based line and column). */
export interface PackageProblem {
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/**
 * A manifest that does not parse, as one line with its place: the `yaml` library's message
 * ends with a code frame over several lines (useless once squashed into a problem's one line),
 * and JSON.parse says "position N", which no editor shows.
 */
export function manifestSyntaxProblem(file: string, text: string, err: unknown): PackageProblem {
  const language = file.endsWith('.json') ? 'JSON' : 'YAML';
  if (err instanceof YAML.YAMLError && err.linePos) {
    const [start] = err.linePos;
    const said = err.message.replace(/:\n[\s\S]*$/, '').replace(/ at line \d+, column \d+$/, '');
    return { message: `${file} is not valid ${language}: ${said} (line ${start.line}, column ${start.col})`, file, line: start.line, column: start.col };
  }
  const message = (err as Error).message;
  const position = /position (\d+)/.exec(message);
  if (!position) return { message: `${file} is not valid ${language}: ${message}`, file };
  const { line, col } = positionOf(text, Number(position[1]));
  return { message: `${file} is not valid ${language}: ${message} (line ${line}, column ${col})`, file, line, column: col };
}

/**
 * Where a value of the manifest is written: the node at `path`, or, when the key is missing (a
 * required field), the nearest enclosing node that exists. JSON is read as YAML for this (a JSON
 * document is YAML), so both formats point at the spot. Undefined when the text does not parse.
 */
export function locateInManifest(text: string, path: ReadonlyArray<PropertyKey>): { line: number; column: number } | undefined {
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter, keepSourceTokens: false });
  if (doc.errors.length > 0 || !doc.contents) return undefined;
  let node: Node = doc.contents;
  for (const key of path) {
    if (!isCollection(node)) break;
    const child = node.get(typeof key === 'symbol' ? String(key) : key, true) as Node | undefined;
    if (!child || !child.range) break;
    node = child;
  }
  if (!node.range) return undefined;
  const { line, col } = lineCounter.linePos(node.range[0]);
  return { line, column: col };
}

/** Line and column (1-based) of a character offset. */
function positionOf(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before[before.length - 1]!.length + 1 };
}
