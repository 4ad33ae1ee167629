import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Lexer, type Token, type Tokens, walkTokens } from 'marked';
import { projectRoot } from '../../src/paths.js';

/**
 * The examples of README.md and docs/*.md, as docs/testing.md ("Examples in the docs") writes
 * them: a ```graphql block followed by a ```json block is a query and its answer; a ```sh block
 * with one `npm run …` command followed by a ```text block is a command and its output. An
 * `<!-- example: key=value … -->` comment right before says how it is sent; before a lone
 * ```json block it reuses the query above it with other options.
 */
export interface DocExample {
  /** `README.md:42`: where the answer is printed. */
  where: string;
  kind: 'graphql' | 'cli';
  /** The GraphQL document, or the command line. */
  source: string;
  /** The answer as printed: parsed JSON (with CUT and ANY markers), or the output's lines. */
  answer: unknown;
  options: ExampleOptions;
}

interface ExampleOptions {
  /** Examples of one session run in order on a database of their own; the others share one. */
  session?: string;
  /** Settings of the session's server (every example of the session may add some). */
  server?: Record<string, string>;
  /** Role of the token in the Authorization header, created as `npm run token -- create` does. */
  token?: 'reader' | 'editor' | 'admin';
  /** Name of that token (the author of revisions). */
  name?: string;
  vars?: Record<string, unknown>;
  /** Any other key is a request header, e.g. accept-language="en-GB,en;q=0.8". */
  headers: Record<string, string>;
  /** Expected HTTP status; 200 unless given. */
  status: number;
  /** `expect-x-cache=HIT`: response headers the answer must carry. */
  expect: Record<string, string>;
  /** Automatic persisted query: the query's SHA-256 with its text, or instead of it. */
  persisted?: 'with-query' | 'hash-only';
  method: 'GET' | 'POST';
}

/** `…` as the last item of a printed list: the list goes on. */
const CUT = Symbol('cut');
/** `…` as a printed value: it varies from run to run (a secret, a time, the id of a new row). */
const ANY = Symbol('any');

export const docFiles = (): string[] => [
  'README.md',
  ...readdirSync(path.join(projectRoot, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];

export const readDoc = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8');

/** The top-level Markdown blocks of a file with their line numbers, blank space left out. */
function blocks(text: string): { token: Token; line: number }[] {
  const out: { token: Token; line: number }[] = [];
  let line = 1;
  for (const token of new Lexer().lex(text)) {
    if (token.type !== 'space') out.push({ token, line });
    line += token.raw.split('\n').length - 1;
  }
  return out;
}

const COMMENT = /^<!--\s*example:(.*?)-->\s*$/s;

function parseOptions(text: string): ExampleOptions {
  const options: ExampleOptions = { headers: {}, status: 200, expect: {}, method: 'POST' };
  // key=value, the value bare, "a JSON string" or {a JSON object}.
  const pair = /([\w-]+)=("(?:[^"\\]|\\.)*"|\{.*?\}(?=\s+[\w-]+=|\s*$)|\S+)/gs;
  for (const [, key, raw] of text.trim().matchAll(pair)) {
    const value = raw!.startsWith('"') || raw!.startsWith('{') ? JSON.parse(raw!) : raw!;
    if (key === 'session' || key === 'name') options[key] = value;
    else if (key === 'token') options.token = value;
    else if (key === 'vars') options.vars = value;
    else if (key === 'server') options.server = value;
    else if (key === 'status') options.status = Number(value);
    else if (key === 'persisted') options.persisted = value;
    else if (key === 'method') options.method = value;
    else if (key!.startsWith('expect-')) options.expect[key!.slice('expect-'.length)] = value;
    else options.headers[key!] = value;
  }
  return options;
}

/** JSON where a bare `…` (outside strings) is a marker: CUT at the end of a list, ANY elsewhere. */
function parseAnswer(text: string): unknown {
  let json = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString && ch === '\\') {
      json += ch + text[++i];
      continue;
    }
    if (ch === '"') inString = !inString;
    json += !inString && ch === '…' ? '"\\u0000…"' : ch;
  }
  const marked = (value: unknown): unknown => {
    if (value === '\u0000…') return ANY;
    if (Array.isArray(value)) return value.map((v, i) => (v === '\u0000…' && i === value.length - 1 ? CUT : marked(v)));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, marked(v)]));
    return value;
  };
  return marked(JSON.parse(json));
}

/** `actual` as far as `printed` shows it: cut lists cut, varying values taken as they came. */
export function asPrinted(printed: unknown, actual: unknown): unknown {
  if (printed === ANY) return actual === undefined ? '(missing)' : ANY;
  if (Array.isArray(printed) && Array.isArray(actual)) {
    const cut = printed.at(-1) === CUT;
    const shown = cut ? actual.slice(0, printed.length - 1) : actual;
    const out = shown.map((v, i) => asPrinted(printed[i], v));
    return cut && actual.length >= printed.length ? [...out, CUT] : out;
  }
  if (printed && actual && typeof printed === 'object' && typeof actual === 'object' && !Array.isArray(actual)) {
    const p = printed as Record<string, unknown>;
    return Object.fromEntries(Object.entries(actual).map(([k, v]) => [k, asPrinted(p[k], v)]));
  }
  return actual;
}

/** Output lines as far as the printed ones show them: a line `…` (indented or not) skips lines. */
export function outputAsPrinted(printed: string[], actual: string[]): string[] {
  const out: string[] = [];
  let a = 0;
  for (let p = 0; p < printed.length; p++) {
    if (printed[p]!.trim() !== '…') {
      out.push(actual[a++] ?? '(missing)');
      continue;
    }
    out.push(printed[p]!);
    const next = printed[p + 1];
    while (a < actual.length && actual[a] !== next) a++;
  }
  return [...out, ...actual.slice(a)];
}

export interface DocCheck {
  examples: DocExample[];
  /** ```json or ```text blocks that are no example's answer (an untested promise). */
  stray: string[];
}

export function parseExamples(file: string, text = readDoc(file)): DocCheck {
  const examples: DocExample[] = [];
  const stray: string[] = [];
  const list = blocks(text);
  let lastQuery: string | null = null;
  for (let i = 0; i < list.length; i++) {
    const { token, line } = list[i]!;
    if (token.type !== 'code') continue;
    const code = token as Tokens.Code;
    const before = list[i - 1]?.token;
    const comment = before?.type === 'html' ? COMMENT.exec(before.raw.trim()) : null;
    const previous = list[i - 1]?.token as Tokens.Code | undefined;
    const where = `${file}:${line}`;
    if (code.lang === 'graphql') {
      lastQuery = code.text;
      const next = list[i + 1]?.token as Tokens.Code | undefined;
      if (next?.type === 'code' && next.lang === 'json') {
        examples.push({
          where: `${file}:${list[i + 1]!.line}`,
          kind: 'graphql',
          source: code.text,
          answer: parseAnswer(next.text),
          options: parseOptions(comment?.[1] ?? ''),
        });
        i++;
      }
    } else if (code.lang === 'json') {
      if (comment && lastQuery)
        examples.push({ where, kind: 'graphql', source: lastQuery, answer: parseAnswer(code.text), options: parseOptions(comment[1]!) });
      else stray.push(where);
    } else if (code.lang === 'text') {
      if (previous?.type === 'code' && previous.lang === 'sh') {
        const cliComment = list[i - 2]?.token.type === 'html' ? COMMENT.exec(list[i - 2]!.token.raw.trim()) : null;
        examples.push({ where, kind: 'cli', source: previous.text.trim(), answer: code.text.split('\n'), options: parseOptions(cliComment?.[1] ?? '') });
      } else stray.push(where);
    }
  }
  return { examples, stray };
}

/** Every link of a file: its target and line. */
export function links(file: string, text = readDoc(file)): { href: string; where: string }[] {
  const out: { href: string; where: string }[] = [];
  for (const { token, line } of blocks(text)) {
    // walkTokens is synchronous when its callback is: nothing to await.
    void walkTokens([token], (t) => {
      if (t.type === 'link') out.push({ href: (t as Tokens.Link).href, where: `${file}:${line}` });
    });
  }
  return out;
}
