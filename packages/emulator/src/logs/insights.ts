import { fieldAt } from './filter-pattern.ts';
import type { LogEvent } from './store.ts';

/**
 * Logs Insights, the documented subset the console needs: `fields` (with `as`), `filter` (comparisons,
 * `and`/`or`/`not`, `like`, `in`, `ispresent()`), `stats` (`count(*)`, `count`, `sum`, `avg`, `min`,
 * `max` … `by` fields and `bin(5m)`), `sort … asc|desc`, `limit`, `display`.
 */

/** What StartQuery answers MalformedQueryException with, located as AWS locates it. */
export class QueryCompileError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

/** The most rows a query returns: AWS's default when no `limit` is given, and the StartQuery maximum. */
export const MAX_QUERY_ROWS = 10_000;

type Token =
  | { kind: 'ident'; value: string; at: number; end: number }
  | { kind: 'number'; value: number; at: number; end: number }
  | { kind: 'duration'; value: number; at: number; end: number }
  | { kind: 'string'; value: string; at: number; end: number }
  | { kind: 'regex'; value: RegExp; at: number; end: number }
  | { kind: 'op'; value: string; at: number; end: number };

const DURATION_UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  sec: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const at = i;
    const rest = query.slice(i);
    const duration = /^(\d+(?:\.\d+)?)([a-z]+)\b/.exec(rest);
    const number = /^\d+(?:\.\d+)?/.exec(rest);
    const ident = /^[@A-Za-z_$][\w.@$]*/.exec(rest);
    const op = /^(=~|!=|<=|>=|==|[=<>|,()[\]*+\-/!])/.exec(rest);
    if (duration && DURATION_UNITS[duration[2]!] !== undefined) {
      const value = Number(duration[1]) * DURATION_UNITS[duration[2]!]!;
      tokens.push({ kind: 'duration', value, at, end: at + duration[0].length });
      i += duration[0].length;
    } else if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]), at, end: at + number[0].length });
      i += number[0].length;
    } else if (ch === '"' || ch === "'") {
      let j = i + 1;
      let value = '';
      while (j < query.length && query[j] !== ch) {
        if (query[j] === '\\' && j + 1 < query.length) j++;
        value += query[j];
        j++;
      }
      if (j >= query.length) throw new QueryCompileError('unterminated string', at, query.length);
      tokens.push({ kind: 'string', value, at, end: j + 1 });
      i = j + 1;
    } else if (ch === '`') {
      const close = query.indexOf('`', i + 1);
      if (close < 0) throw new QueryCompileError('unterminated `', at, query.length);
      tokens.push({ kind: 'ident', value: query.slice(i + 1, close), at, end: close + 1 });
      i = close + 1;
    } else if (
      ch === '/' &&
      tokens.at(-1)?.kind === 'ident' &&
      /^(like|=~)$/i.test(String(tokens.at(-1)!.value))
    ) {
      const close = query.indexOf('/', i + 1);
      if (close < 0) throw new QueryCompileError('unterminated regular expression', at, query.length);
      const flags = /^[a-z]*/.exec(query.slice(close + 1))![0];
      try {
        tokens.push({
          kind: 'regex',
          value: new RegExp(query.slice(i + 1, close), flags.replace(/[^ims]/g, '')),
          at,
          end: close + 1 + flags.length,
        });
      } catch {
        throw new QueryCompileError('invalid regular expression', at, close + 1);
      }
      i = close + 1 + flags.length;
    } else if (ident) {
      tokens.push({ kind: 'ident', value: ident[0], at, end: at + ident[0].length });
      i += ident[0].length;
    } else if (op) {
      // `=~` reads like `like`: kept as an ident so a following /regex/ lexes as one.
      tokens.push(
        op[0] === '=~'
          ? { kind: 'ident', value: '=~', at, end: at + 2 }
          : { kind: 'op', value: op[0], at, end: at + op[0].length },
      );
      i += op[0].length;
    } else {
      throw new QueryCompileError(`unexpected character ${ch}`, at, at + 1);
    }
  }
  return tokens;
}

type Value = string | number | boolean | null | undefined;
/** A row before `stats` is an event; after, the aggregated record. */
type Row = LogEvent | Record<string, Value>;
type Getter = (row: Row) => Value;

type Expr =
  | { type: 'field'; name: string }
  | { type: 'literal'; value: Value }
  | { type: 'regex'; value: RegExp }
  | { type: 'list'; items: Expr[] }
  | { type: 'call'; name: string; args: Expr[]; star: boolean; duration?: number }
  | { type: 'unary'; op: 'not' | '-'; arg: Expr }
  | { type: 'binary'; op: string; left: Expr; right: Expr };

interface Named {
  expr: Expr;
  name: string;
}

type Command =
  | { kind: 'fields'; items: Named[] }
  | { kind: 'display'; items: Named[] }
  | { kind: 'filter'; expr: Expr }
  | { kind: 'stats'; aggregates: Named[]; by: Named[] }
  | { kind: 'sort'; keys: { expr: Expr; desc: boolean }[] }
  | { kind: 'limit'; n: number };

const AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max']);
const FUNCTIONS = new Set(['bin', 'ispresent', 'tolower', 'toupper', 'strlen', 'abs', 'floor', 'ceil']);

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly query: string,
  ) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }
  private next(): Token {
    const token = this.tokens[this.i++];
    if (!token) throw new QueryCompileError('unexpected end of query', this.query.length, this.query.length);
    return token;
  }
  private isOp(value: string, token = this.peek()): boolean {
    return token?.kind === 'op' && token.value === value;
  }
  private isWord(word: string, token = this.peek()): boolean {
    return token?.kind === 'ident' && token.value.toLowerCase() === word;
  }
  private fail(message: string, token = this.peek()): never {
    const at = token?.at ?? this.query.length;
    throw new QueryCompileError(message, at, token?.end ?? at);
  }

  parse(): Command[] {
    const commands: Command[] = [];
    do {
      commands.push(this.command());
    } while (this.isOp('|') && this.next());
    if (this.peek()) this.fail(`unexpected ${String(this.peek()!.value)}`);
    return commands;
  }

  private command(): Command {
    const word = this.next();
    if (word.kind !== 'ident')
      this.fail('expected a command (fields, filter, stats, sort, limit, display)', word);
    switch (word.value.toLowerCase()) {
      case 'fields':
      case 'display':
        return { kind: word.value.toLowerCase() as 'fields' | 'display', items: this.namedList() };
      case 'filter':
        return { kind: 'filter', expr: this.expression() };
      case 'stats': {
        const aggregates = this.namedList();
        for (const { expr } of aggregates) {
          if (expr.type !== 'call' || !AGGREGATES.has(expr.name))
            this.fail('stats needs aggregate functions such as count(*), sum(x), avg(x)');
        }
        const by = this.isWord('by') && this.next() ? this.namedList() : [];
        return { kind: 'stats', aggregates, by };
      }
      case 'sort': {
        const keys: { expr: Expr; desc: boolean }[] = [];
        do {
          const expr = this.expression();
          let desc = true;
          if (this.isWord('asc')) {
            this.next();
            desc = false;
          } else if (this.isWord('desc')) this.next();
          keys.push({ expr, desc });
        } while (this.isOp(',') && this.next());
        return { kind: 'sort', keys };
      }
      case 'limit': {
        const n = this.next();
        if (n.kind !== 'number' || !Number.isInteger(n.value) || n.value < 1 || n.value > MAX_QUERY_ROWS)
          this.fail(`limit takes a whole number from 1 to ${MAX_QUERY_ROWS}`, n);
        return { kind: 'limit', n: n.value };
      }
      default:
        this.fail(`unknown command ${word.value}`, word);
    }
  }

  private namedList(): Named[] {
    const items: Named[] = [];
    do {
      const start = this.peek();
      const expr = this.expression();
      // A field is named as it is spelled without backticks; anything else by its text.
      let name =
        expr.type === 'field'
          ? expr.name
          : this.query.slice(start?.at ?? 0, this.tokens[this.i - 1]!.end).trim();
      if (this.isWord('as')) {
        this.next();
        const alias = this.next();
        if (alias.kind !== 'ident') this.fail('expected a name after as', alias);
        name = alias.value;
      }
      items.push({ expr, name });
    } while (this.isOp(',') && this.next());
    return items;
  }

  private expression(): Expr {
    let left = this.conjunction();
    while (this.isWord('or')) {
      this.next();
      left = { type: 'binary', op: 'or', left, right: this.conjunction() };
    }
    return left;
  }

  private conjunction(): Expr {
    let left = this.negation();
    while (this.isWord('and')) {
      this.next();
      left = { type: 'binary', op: 'and', left, right: this.negation() };
    }
    return left;
  }

  private negation(): Expr {
    if (this.isWord('not') || this.isOp('!')) {
      this.next();
      return { type: 'unary', op: 'not', arg: this.negation() };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.additive();
    const token = this.peek();
    if (token?.kind === 'op' && ['=', '==', '!=', '<', '<=', '>', '>='].includes(token.value)) {
      this.next();
      return { type: 'binary', op: token.value === '==' ? '=' : token.value, left, right: this.additive() };
    }
    if (this.isWord('not') && (this.isWord('like', this.peek(1)) || this.isWord('in', this.peek(1)))) {
      this.next();
      const op = String(this.next().value).toLowerCase();
      return { type: 'unary', op: 'not', arg: { type: 'binary', op, left, right: this.additive() } };
    }
    if (this.isWord('like') || this.isWord('=~') || this.isWord('in')) {
      const op = String(this.next().value).toLowerCase();
      return { type: 'binary', op: op === '=~' ? 'like' : op, left, right: this.additive() };
    }
    return left;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = String(this.next().value);
      left = { type: 'binary', op, left, right: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.primary();
    while ((this.isOp('*') || this.isOp('/')) && this.peek(1) && !this.isOp(')', this.peek(1))) {
      const op = String(this.next().value);
      left = { type: 'binary', op, left, right: this.primary() };
    }
    return left;
  }

  private primary(): Expr {
    const token = this.next();
    if (token.kind === 'number') return { type: 'literal', value: token.value };
    if (token.kind === 'string') return { type: 'literal', value: token.value };
    if (token.kind === 'regex') return { type: 'regex', value: token.value };
    if (token.kind === 'op' && token.value === '-') return { type: 'unary', op: '-', arg: this.primary() };
    if (token.kind === 'op' && token.value === '(') {
      const inner = this.expression();
      if (!this.isOp(')')) this.fail('missing )');
      this.next();
      return inner;
    }
    if (token.kind === 'op' && token.value === '[') {
      const items: Expr[] = [];
      if (!this.isOp(']')) {
        do items.push(this.additive());
        while (this.isOp(',') && this.next());
      }
      if (!this.isOp(']')) this.fail('missing ]');
      this.next();
      return { type: 'list', items };
    }
    if (token.kind !== 'ident') this.fail(`unexpected ${String(token.value)}`, token);
    if (!this.isOp('(')) {
      const lower = token.value.toLowerCase();
      if (lower === 'true' || lower === 'false') return { type: 'literal', value: lower === 'true' };
      return { type: 'field', name: token.value };
    }
    const name = token.value.toLowerCase();
    if (!AGGREGATES.has(name) && !FUNCTIONS.has(name)) this.fail(`unknown function ${token.value}`, token);
    this.next();
    if (name === 'bin') {
      const duration = this.next();
      if (duration.kind !== 'duration' || duration.value <= 0)
        this.fail('bin takes a period such as 5m', duration);
      if (!this.isOp(')')) this.fail('missing )');
      this.next();
      return { type: 'call', name, args: [], star: false, duration: duration.value };
    }
    if (this.isOp('*')) {
      this.next();
      if (name !== 'count') this.fail(`${name}(*) is not allowed; only count(*)`, token);
      if (!this.isOp(')')) this.fail('missing )');
      this.next();
      return { type: 'call', name, args: [], star: true };
    }
    const args: Expr[] = [];
    if (!this.isOp(')')) {
      do args.push(this.expression());
      while (this.isOp(',') && this.next());
    }
    if (!this.isOp(')')) this.fail('missing )');
    this.next();
    return { type: 'call', name, args, star: false };
  }
}

/** A parsed query, ready to run over any events. */
export interface CompiledQuery {
  commands: Command[];
}

export function compileQuery(query: string): CompiledQuery {
  if (query.trim() === '') throw new QueryCompileError('the query is empty', 0, 0);
  return { commands: new Parser(tokenize(query), query).parse() };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** Insights' timestamp form: `2026-12-02 11:05:00.000` (UTC). */
export function insightsTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

const numberOf = (value: Value): number => {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return Number.NaN;
};

function compare(a: Value, b: Value): number {
  const x = numberOf(a);
  const y = numberOf(b);
  if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
  return String(a ?? '').localeCompare(String(b ?? ''));
}

function equal(a: Value, b: Value): boolean {
  if (a === undefined || a === null || b === undefined || b === null) return a === b;
  const x = numberOf(a);
  const y = numberOf(b);
  if (!Number.isNaN(x) && !Number.isNaN(y)) return x === y;
  return String(a) === String(b);
}

/** Reads fields of an event: system fields (`@timestamp`, `@message`, `@logStream`…) or its JSON. */
function eventField(name: string, logGroupName: (event: LogEvent) => string): (event: LogEvent) => Value {
  switch (name) {
    case '@timestamp':
      return (e) => e.timestamp;
    case '@ingestionTime':
      return (e) => e.ingestionTime;
    case '@message':
      return (e) => e.message;
    case '@logStream':
      return (e) => e.logStreamName;
    case '@log':
      return logGroupName;
    default:
      return (e) => {
        const value = fieldAt(e.fields, name);
        return typeof value === 'object' && value !== null ? JSON.stringify(value) : (value as Value);
      };
  }
}

interface Scope {
  /** How a field name reads in the current phase (events, or rows after stats). */
  field(name: string): Getter;
}

function compileExpr(expr: Expr, scope: Scope): Getter {
  switch (expr.type) {
    case 'field':
      return scope.field(expr.name);
    case 'literal':
      return () => expr.value;
    case 'regex':
      return () => expr.value.source;
    case 'list': {
      const items = expr.items.map((item) => compileExpr(item, scope));
      return (row) => JSON.stringify(items.map((item) => item(row)));
    }
    case 'unary': {
      const arg = compileExpr(expr.arg, scope);
      return expr.op === 'not' ? (row) => !truthy(arg(row)) : (row) => -numberOf(arg(row));
    }
    case 'call':
      return compileCall(expr, scope);
    case 'binary':
      return compileBinary(expr, scope);
  }
}

const truthy = (value: Value) =>
  value !== undefined && value !== null && value !== false && value !== '' && value !== 0;

function compileBinary(expr: Extract<Expr, { type: 'binary' }>, scope: Scope): Getter {
  const left = compileExpr(expr.left, scope);
  if (expr.op === 'like') {
    const pattern =
      expr.right.type === 'regex'
        ? expr.right.value
        : expr.right.type === 'literal'
          ? new RegExp(String(expr.right.value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          : undefined;
    if (!pattern) throw new QueryCompileError('like needs a string or /regex/', 0, 0);
    return (row) => {
      const value = left(row);
      return value !== undefined && value !== null && pattern.test(String(value));
    };
  }
  if (expr.op === 'in') {
    if (expr.right.type !== 'list') throw new QueryCompileError('in needs a list such as [400, 403]', 0, 0);
    const items = expr.right.items.map((item) => compileExpr(item, scope));
    return (row) => {
      const value = left(row);
      return items.some((item) => equal(value, item(row)));
    };
  }
  const right = compileExpr(expr.right, scope);
  switch (expr.op) {
    case 'and':
      return (row) => truthy(left(row)) && truthy(right(row));
    case 'or':
      return (row) => truthy(left(row)) || truthy(right(row));
    case '=':
      return (row) => equal(left(row), right(row));
    case '!=':
      return (row) => {
        const l = left(row);
        return l !== undefined && !equal(l, right(row));
      };
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const test = {
        '<': (d: number) => d < 0,
        '<=': (d: number) => d <= 0,
        '>': (d: number) => d > 0,
        '>=': (d: number) => d >= 0,
      }[expr.op];
      return (row) => {
        const l = left(row);
        const r = right(row);
        return l !== undefined && l !== null && r !== undefined && r !== null && test(compare(l, r));
      };
    }
    default: {
      const op = expr.op;
      return (row) => {
        const l = numberOf(left(row));
        const r = numberOf(right(row));
        return op === '+' ? l + r : op === '-' ? l - r : op === '*' ? l * r : l / r;
      };
    }
  }
}

function compileCall(expr: Extract<Expr, { type: 'call' }>, scope: Scope): Getter {
  if (expr.name === 'bin') {
    const timestamp = scope.field('@timestamp');
    const period = expr.duration!;
    return (row) => {
      const t = numberOf(timestamp(row));
      return Number.isNaN(t) ? undefined : insightsTime(Math.floor(t / period) * period);
    };
  }
  if (AGGREGATES.has(expr.name)) throw new QueryCompileError(`${expr.name}() belongs in stats`, 0, 0);
  const args = expr.args.map((arg) => compileExpr(arg, scope));
  const first = args[0] ?? (() => undefined);
  switch (expr.name) {
    case 'ispresent':
      return (row) => {
        const value = first(row);
        return value !== undefined && value !== null;
      };
    case 'tolower':
      return (row) => String(first(row) ?? '').toLowerCase();
    case 'toupper':
      return (row) => String(first(row) ?? '').toUpperCase();
    case 'strlen':
      return (row) => String(first(row) ?? '').length;
    case 'abs':
      return (row) => Math.abs(numberOf(first(row)));
    case 'floor':
      return (row) => Math.floor(numberOf(first(row)));
    default:
      return (row) => Math.ceil(numberOf(first(row)));
  }
}

/** One aggregate's running state. */
interface Accumulator {
  count: number;
  sum: number;
  min: number;
  max: number;
}

function renderValue(value: Value): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
  return String(value);
}

export interface QueryOutput {
  results: { field: string; value: string }[][];
  recordsMatched: number;
  recordsScanned: number;
  bytesScanned: number;
}

/**
 * Runs a compiled query over events (oldest first) of the given groups. Before `stats` every step
 * reads events in place; `stats` groups in one pass without building a row per event.
 */
export function runQuery(
  query: CompiledQuery,
  events: Iterable<LogEvent>,
  logGroupOf: (event: LogEvent) => string,
  limit = MAX_QUERY_ROWS,
): QueryOutput {
  const aliases = new Map<string, Getter>();
  let shown: string[] | null = null;
  const eventScope: Scope = {
    field: (name) => {
      const alias = aliases.get(name);
      if (alias) return alias;
      return eventField(name, logGroupOf) as Getter;
    },
  };
  let scope = eventScope;
  let rowLimit = limit;
  const filters: Getter[] = [];
  const commands = query.commands;
  let statsAt = commands.findIndex((c) => c.kind === 'stats');
  if (statsAt < 0) statsAt = commands.length;

  // Steps before stats: filters and field definitions, applied lazily while scanning.
  const preSorts: { get: Getter; desc: boolean }[][] = [];
  for (const command of commands.slice(0, statsAt)) {
    if (command.kind === 'fields' || command.kind === 'display') {
      for (const item of command.items) {
        if (item.expr.type !== 'field' || item.name !== item.expr.name)
          aliases.set(item.name, compileExpr(item.expr, scope));
      }
      if (command.kind === 'display' || shown === null) shown = command.items.map((item) => item.name);
      else shown = [...shown, ...command.items.map((item) => item.name)];
    } else if (command.kind === 'filter') filters.push(compileExpr(command.expr, scope));
    else if (command.kind === 'sort')
      preSorts.push(command.keys.map((k) => ({ get: compileExpr(k.expr, scope), desc: k.desc })));
    else if (command.kind === 'limit') rowLimit = Math.min(rowLimit, command.n);
  }

  let scanned = 0;
  let bytes = 0;
  const matched: LogEvent[] = [];
  const stats =
    commands[statsAt]?.kind === 'stats'
      ? (commands[statsAt] as Extract<Command, { kind: 'stats' }>)
      : undefined;
  let rows: Record<string, Value>[];
  let matchedCount = 0;
  if (stats) {
    const by = stats.by.map((item) => ({ name: item.name, get: compileExpr(item.expr, scope) }));
    const aggregates = stats.aggregates.map((item) => {
      const call = item.expr as Extract<Expr, { type: 'call' }>;
      return {
        name: item.name,
        fn: call.name,
        star: call.star,
        get: call.args[0] ? compileExpr(call.args[0], scope) : undefined,
      };
    });
    const groups = new Map<string, { keys: Value[]; acc: Accumulator[] }>();
    for (const event of events) {
      scanned++;
      bytes += event.message.length;
      if (!filters.every((f) => truthy(f(event)))) continue;
      matchedCount++;
      const keys = by.map((b) => b.get(event));
      const key = by.length === 1 ? String(keys[0]) : JSON.stringify(keys);
      let group = groups.get(key);
      if (!group) {
        group = { keys, acc: aggregates.map(() => ({ count: 0, sum: 0, min: Infinity, max: -Infinity })) };
        groups.set(key, group);
      }
      for (let i = 0; i < aggregates.length; i++) {
        const aggregate = aggregates[i]!;
        const acc = group.acc[i]!;
        if (aggregate.star) {
          acc.count++;
          continue;
        }
        const value = aggregate.get!(event);
        if (value === undefined || value === null) continue;
        acc.count++;
        const n = numberOf(value);
        if (!Number.isNaN(n)) {
          acc.sum += n;
          acc.min = Math.min(acc.min, n);
          acc.max = Math.max(acc.max, n);
        }
      }
    }
    rows = [...groups.values()].map((group) => {
      const row: Record<string, Value> = {};
      by.forEach((b, i) => {
        row[b.name] = group.keys[i];
      });
      aggregates.forEach((a, i) => {
        const acc = group.acc[i]!;
        row[a.name] =
          a.fn === 'count'
            ? acc.count
            : acc.count === 0
              ? null
              : a.fn === 'sum'
                ? acc.sum
                : a.fn === 'avg'
                  ? acc.sum / acc.count
                  : a.fn === 'min'
                    ? acc.min
                    : acc.max;
      });
      return row;
    });
    shown = [...by.map((b) => b.name), ...aggregates.map((a) => a.name)];
    scope = { field: (name) => (row) => (row as Record<string, Value>)[name] };
    for (const command of commands.slice(statsAt + 1)) {
      if (command.kind === 'filter') {
        const f = compileExpr(command.expr, scope);
        rows = rows.filter((row) => truthy(f(row)));
      } else if (command.kind === 'sort')
        rows = sortRows(
          rows,
          command.keys.map((k) => ({ get: compileExpr(k.expr, scope), desc: k.desc })),
        );
      else if (command.kind === 'limit') rowLimit = Math.min(rowLimit, command.n);
      else if (command.kind === 'stats')
        throw new QueryCompileError('only one stats command is supported', 0, 0);
      else shown = command.items.map((item) => item.name);
    }
    return {
      results: rows
        .slice(0, rowLimit)
        .map((row) => shown!.map((field) => ({ field, value: renderValue(row[field]) }))),
      recordsMatched: matchedCount,
      recordsScanned: scanned,
      bytesScanned: bytes,
    };
  }
  for (const event of events) {
    scanned++;
    bytes += event.message.length;
    if (filters.every((f) => truthy(f(event)))) matched.push(event);
  }
  // Without a sort, the newest events come first, as the Insights console shows them.
  let ordered: LogEvent[] = preSorts.length
    ? (sortRows(matched as unknown as Record<string, Value>[], preSorts.at(-1)!) as unknown as LogEvent[])
    : matched.reverse();
  ordered = ordered.slice(0, rowLimit);
  const fields = shown ?? ['@timestamp', '@message', '@logStream', '@log'];
  const getters = fields.map((field) => ({ field, get: eventScope.field(field) }));
  return {
    results: ordered.map((event) => [
      ...getters.map(({ field, get }) => {
        const value = get(event);
        return {
          field,
          value:
            field === '@timestamp' || field === '@ingestionTime'
              ? insightsTime(Number(value))
              : renderValue(value),
        };
      }),
      { field: '@ptr', value: Buffer.from(`${logGroupOf(event)}\u0000${event.seq}`).toString('base64') },
    ]),
    recordsMatched: matched.length,
    recordsScanned: scanned,
    bytesScanned: bytes,
  };
}

function sortRows<T extends Row>(rows: T[], keys: { get: Getter; desc: boolean }[]): T[] {
  return [...rows].sort((a, b) => {
    for (const key of keys) {
      const d = compare(key.get(a), key.get(b));
      if (d !== 0 && !Number.isNaN(d)) return key.desc ? -d : d;
    }
    return 0;
  });
}
