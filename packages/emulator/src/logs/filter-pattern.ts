import type { LogEvent } from './store.ts';

/** A filter pattern AWS would refuse: FilterLogEvents answers InvalidParameterException. */
export class FilterPatternError extends Error {}

/** The value at a dotted path of a JSON log event (`error.responseType`), or undefined. */
export function fieldAt(fields: Record<string, unknown> | null, path: string): unknown {
  if (!fields) return undefined;
  if (path in fields) return fields[path];
  let value: unknown = fields;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

type Matcher = (event: LogEvent) => boolean;

/**
 * Compiles a CloudWatch Logs filter pattern: terms (`ERROR`, `"exact phrase"`, `-excluded`,
 * `?either ?or`) or a JSON selector (`{ $.status = 429 }`, `{ $.status >= 500 && $.path = "/pets*" }`,
 * `IS NULL`, `NOT EXISTS`, `IS TRUE`, `IS FALSE`). An empty pattern matches everything.
 */
export function compileFilterPattern(pattern: string | undefined): Matcher {
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  if (text.startsWith('{')) {
    if (!text.endsWith('}')) throw new FilterPatternError('Invalid filter pattern: missing closing }');
    return compileJsonPattern(text.slice(1, -1));
  }
  return compileTerms(text);
}

function compileTerms(text: string): Matcher {
  const terms: { word: string; mode: 'all' | 'any' | 'none' }[] = [];
  const tokens = text.match(/[?-]?"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
  for (const token of tokens) {
    const mode = token.startsWith('?') ? 'any' : token.startsWith('-') ? 'none' : 'all';
    let word = mode === 'all' ? token : token.slice(1);
    if (word.startsWith('"')) {
      if (!word.endsWith('"') || word.length < 2)
        throw new FilterPatternError(`Invalid filter pattern: unterminated quote in ${token}`);
      word = word.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    if (word === '') throw new FilterPatternError(`Invalid filter pattern: empty term in ${token}`);
    terms.push({ word, mode });
  }
  const all = terms.filter((t) => t.mode === 'all').map((t) => t.word);
  const any = terms.filter((t) => t.mode === 'any').map((t) => t.word);
  const none = terms.filter((t) => t.mode === 'none').map((t) => t.word);
  // Terms are case sensitive, as in AWS.
  return ({ message }) =>
    all.every((w) => message.includes(w)) &&
    (any.length === 0 || any.some((w) => message.includes(w))) &&
    !none.some((w) => message.includes(w));
}

interface Cursor {
  text: string;
  at: number;
}

const skipSpace = (c: Cursor) => {
  while (c.at < c.text.length && /\s/.test(c.text[c.at]!)) c.at++;
};

function expect(c: Cursor, token: string): boolean {
  skipSpace(c);
  if (c.text.startsWith(token, c.at)) {
    c.at += token.length;
    return true;
  }
  return false;
}

function fail(c: Cursor, what: string): never {
  throw new FilterPatternError(`Invalid filter pattern: ${what} at character ${c.at + 1}`);
}

function compileJsonPattern(body: string): Matcher {
  const c: Cursor = { text: body, at: 0 };
  const matcher = parseOr(c);
  skipSpace(c);
  if (c.at < c.text.length) fail(c, `unexpected "${c.text.slice(c.at, c.at + 10)}"`);
  return matcher;
}

function parseOr(c: Cursor): Matcher {
  const parts = [parseAnd(c)];
  while (expect(c, '||')) parts.push(parseAnd(c));
  return parts.length === 1 ? parts[0]! : (e) => parts.some((m) => m(e));
}

function parseAnd(c: Cursor): Matcher {
  const parts = [parseUnit(c)];
  while (expect(c, '&&')) parts.push(parseUnit(c));
  return parts.length === 1 ? parts[0]! : (e) => parts.every((m) => m(e));
}

function parseUnit(c: Cursor): Matcher {
  if (expect(c, '(')) {
    const inner = parseOr(c);
    if (!expect(c, ')')) fail(c, 'missing )');
    return inner;
  }
  skipSpace(c);
  const selector = /^\$((?:\.[A-Za-z0-9_@-]+|\[\d+\])+)/.exec(c.text.slice(c.at));
  if (!selector) fail(c, 'expected a selector such as $.status');
  c.at += selector[0].length;
  const path = selector[1]!.slice(1).replace(/\[(\d+)\]/g, '.$1');
  const get = (e: LogEvent) => fieldAt(e.fields, path);
  skipSpace(c);
  const rest = c.text.slice(c.at);
  const keyword = /^(IS\s+NULL|NOT\s+EXISTS|IS\s+TRUE|IS\s+FALSE)\b/i.exec(rest);
  if (keyword) {
    c.at += keyword[0].length;
    const word = keyword[1]!.toUpperCase().replace(/\s+/g, ' ');
    if (word === 'IS NULL') return (e) => get(e) === null;
    if (word === 'NOT EXISTS') return (e) => get(e) === undefined;
    const wanted = word === 'IS TRUE';
    return (e) => get(e) === wanted;
  }
  const operator = /^(=|!=|<=|>=|<|>)/.exec(rest)?.[1];
  if (!operator) fail(c, 'expected =, !=, <, <=, > or >=');
  c.at += operator.length;
  skipSpace(c);
  const literal = /^("(?:[^"\\]|\\.)*"|[^\s&|)]+)/.exec(c.text.slice(c.at))?.[1];
  if (!literal) fail(c, 'expected a value');
  c.at += literal.length;
  const quoted = literal.startsWith('"');
  const raw = quoted ? literal.slice(1, -1).replace(/\\(.)/g, '$1') : literal;
  const number = quoted ? Number.NaN : Number(raw);
  if (!Number.isNaN(number)) {
    const compare = numericComparison(operator);
    return (e) => {
      const value = get(e);
      const n =
        typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN;
      return !Number.isNaN(n) && compare(n, number);
    };
  }
  if (operator !== '=' && operator !== '!=') fail(c, `${operator} needs a number, got ${literal}`);
  // `*` is a wildcard in string values.
  const regex = new RegExp(`^${raw.split('*').map(escapeRegex).join('.*')}$`);
  const equal = (e: LogEvent) => {
    const value = get(e);
    return (
      (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') &&
      regex.test(String(value))
    );
  };
  return operator === '=' ? equal : (e) => get(e) !== undefined && !equal(e);
}

function numericComparison(operator: string): (a: number, b: number) => boolean {
  switch (operator) {
    case '=':
      return (a, b) => a === b;
    case '!=':
      return (a, b) => a !== b;
    case '<':
      return (a, b) => a < b;
    case '<=':
      return (a, b) => a <= b;
    case '>':
      return (a, b) => a > b;
    default:
      return (a, b) => a >= b;
  }
}

export const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
