import jsep, { type Expression } from 'jsep';

/**
 * CloudWatch metric math for GetMetricData's `Expression` queries, as the CloudWatch User Guide's
 * "Metric math syntax and functions" describes it: arithmetic (+ - * / ^), comparisons and AND /
 * OR / NOT (1 or 0), `[a, b]` arrays, METRICS(), SUM / AVG / MIN / MAX, FILL, IF, ABS, CEIL,
 * FLOOR and PERIOD. jsep parses; the evaluator is ours.
 */

// CloudWatch's operators on top of jsep's JavaScript ones: `^` is power, words for logic.
jsep.removeBinaryOp('^');
jsep.addBinaryOp('^', 11, true);
jsep.addBinaryOp('AND', 2);
jsep.addBinaryOp('OR', 1);
jsep.addUnaryOp('NOT');

/** A time series: value by period timestamp (ms). */
export interface TimeSeries {
  id?: string;
  label?: string;
  points: Map<number, number>;
}

type Value = number | TimeSeries | TimeSeries[];

/** What an expression sees: other queries by id, the request's metric queries, the period grid. */
export interface MathContext {
  /** The result of another query of the request (metric or expression). */
  resolve(id: string): TimeSeries | undefined;
  /** The request's MetricStat queries, for METRICS(). */
  metrics(): TimeSeries[];
  /** Every period timestamp of the query range (what FILL fills), oldest first. */
  grid: number[];
  periodSeconds: number;
}

export class MathError extends Error {}

const isSeries = (v: Value): v is TimeSeries => typeof v === 'object' && !Array.isArray(v);
const series = (points: Map<number, number>, label?: string): TimeSeries => ({ points, label });

/** Evaluates one expression; the result must be a single time series or a scalar (drawn on the grid). */
export function evaluateExpression(expression: string, context: MathContext): TimeSeries {
  let ast: Expression;
  try {
    ast = jsep(expression);
  } catch (error) {
    throw new MathError(`Syntax error in expression: ${(error as Error).message}`);
  }
  const result = evaluate(ast, context);
  if (typeof result === 'number') {
    return series(new Map(Number.isFinite(result) ? context.grid.map((t) => [t, result]) : []));
  }
  if (Array.isArray(result)) {
    if (result.length === 1 && result[0]) return result[0];
    throw new MathError('The expression must return a single time series, not an array of them.');
  }
  return result;
}

function evaluate(node: Expression, context: MathContext): Value {
  switch (node.type) {
    case 'Literal':
      if (typeof node.value !== 'number') throw new MathError(`Unexpected literal ${String(node.raw)}.`);
      return node.value;
    case 'Identifier': {
      const name = String(node.name);
      const found = context.resolve(name);
      if (!found) throw new MathError(`Unrecognized query ID ${name} in expression.`);
      return found;
    }
    case 'ArrayExpression':
      return (node.elements as Expression[]).flatMap((element) => {
        const value = evaluate(element, context);
        if (typeof value === 'number') throw new MathError('An array can only hold time series.');
        return Array.isArray(value) ? value : [value];
      });
    case 'UnaryExpression': {
      const argument = evaluate(node.argument as Expression, context);
      if (node.operator === '-') return elementwise(argument, (x) => -x);
      if (node.operator === '+') return argument;
      if (node.operator === 'NOT' || node.operator === '!') return elementwise(argument, (x) => (x ? 0 : 1));
      throw new MathError(`Unsupported operator ${String(node.operator)}.`);
    }
    case 'BinaryExpression': {
      const op = binaryOperator(String(node.operator));
      return combine(
        evaluate(node.left as Expression, context),
        evaluate(node.right as Expression, context),
        op,
      );
    }
    case 'CallExpression':
      return call(node, context);
    default:
      throw new MathError(`Unsupported syntax in expression: ${node.type}.`);
  }
}

function binaryOperator(operator: string): (a: number, b: number) => number {
  const ops: Record<string, (a: number, b: number) => number> = {
    '+': (a, b) => a + b,
    '-': (a, b) => a - b,
    '*': (a, b) => a * b,
    '/': (a, b) => a / b,
    '^': (a, b) => a ** b,
    '>': (a, b) => Number(a > b),
    '<': (a, b) => Number(a < b),
    '>=': (a, b) => Number(a >= b),
    '<=': (a, b) => Number(a <= b),
    '==': (a, b) => Number(a === b),
    '!=': (a, b) => Number(a !== b),
    AND: (a, b) => Number(a !== 0 && b !== 0),
    '&&': (a, b) => Number(a !== 0 && b !== 0),
    OR: (a, b) => Number(a !== 0 || b !== 0),
    '||': (a, b) => Number(a !== 0 || b !== 0),
  };
  const op = ops[operator];
  if (!op) throw new MathError(`Unsupported operator ${operator}.`);
  return op;
}

/** Keeps finite results only: a point that divides by zero has no value. */
function put(points: Map<number, number>, t: number, value: number) {
  if (Number.isFinite(value)) points.set(t, value);
}

function elementwise(value: Value, f: (x: number) => number): Value {
  if (typeof value === 'number') return f(value);
  if (Array.isArray(value)) return value.map((s) => elementwise(s, f) as TimeSeries);
  const points = new Map<number, number>();
  for (const [t, x] of value.points) put(points, t, f(x));
  return series(points, value.label);
}

/** Series with series: only the timestamps both have; series with scalar: every point. */
function combine(left: Value, right: Value, op: (a: number, b: number) => number): Value {
  if (Array.isArray(left)) return left.map((s) => combine(s, right, op) as TimeSeries);
  if (Array.isArray(right)) return right.map((s) => combine(left, s, op) as TimeSeries);
  if (typeof left === 'number' && typeof right === 'number') return op(left, right);
  if (typeof left === 'number') return elementwise(right, (x) => op(left, x));
  if (typeof right === 'number') return elementwise(left, (x) => op(x, right));
  const points = new Map<number, number>();
  for (const [t, a] of left.points) {
    const b = right.points.get(t);
    if (b !== undefined) put(points, t, op(a, b));
  }
  return series(points);
}

const AGGREGATES: Record<string, (values: number[]) => number> = {
  SUM: (v) => v.reduce((a, b) => a + b, 0),
  AVG: (v) => v.reduce((a, b) => a + b, 0) / v.length,
  MIN: (v) => Math.min(...v),
  MAX: (v) => Math.max(...v),
};

const ELEMENTWISE: Record<string, (x: number) => number> = {
  ABS: Math.abs,
  CEIL: Math.ceil,
  FLOOR: Math.floor,
};

function call(node: Expression, context: MathContext): Value {
  const callee = node.callee as Expression;
  const name = callee.type === 'Identifier' ? String(callee.name).toUpperCase() : '';
  const args = node.arguments as Expression[];
  if (name === 'METRICS') {
    const filter = args[0];
    if (args.length > 1 || (filter && (filter.type !== 'Literal' || typeof filter.value !== 'string')))
      throw new MathError('METRICS takes no argument or one string.');
    const text = filter ? String(filter.value) : '';
    return context.metrics().filter((m) => m.id?.includes(text));
  }
  if (name === 'FILL') return fill(args, context);
  const values = args.map((arg) => evaluate(arg, context));
  const aggregate = AGGREGATES[name];
  if (aggregate) {
    const [input] = values;
    if (values.length !== 1 || input === undefined) throw new MathError(`${name} takes one argument.`);
    return aggregateOf(input, aggregate);
  }
  const f = ELEMENTWISE[name];
  if (f) {
    if (values.length !== 1 || values[0] === undefined) throw new MathError(`${name} takes one argument.`);
    return elementwise(values[0], f);
  }
  if (name === 'PERIOD') return context.periodSeconds;
  if (name === 'IF') return ifThenElse(values);
  throw new MathError(`Unknown function ${name || 'call'} in expression.`);
}

/** Of one series: a scalar over its points; of an array: a series of the values at each timestamp. */
function aggregateOf(input: Value, aggregate: (values: number[]) => number): Value {
  if (typeof input === 'number') return input;
  if (isSeries(input)) return input.points.size ? aggregate([...input.points.values()]) : Number.NaN;
  const byTime = new Map<number, number[]>();
  for (const s of input) for (const [t, x] of s.points) byTime.set(t, [...(byTime.get(t) ?? []), x]);
  const points = new Map<number, number>();
  for (const [t, xs] of [...byTime].sort((a, b) => a[0] - b[0])) put(points, t, aggregate(xs));
  return series(points);
}

function fill(args: Expression[], context: MathContext): Value {
  const [target, how] = args;
  if (!target || !how || args.length !== 2) throw new MathError('FILL takes two arguments.');
  const input = evaluate(target, context);
  const mode = how.type === 'Identifier' ? String(how.name).toUpperCase() : undefined;
  const fillWith = mode === 'REPEAT' || mode === 'LINEAR' ? undefined : evaluate(how, context);
  const one = (s: TimeSeries): TimeSeries => {
    const points = new Map<number, number>();
    const known = context.grid.filter((t) => s.points.has(t));
    for (const t of context.grid) {
      const own = s.points.get(t);
      if (own !== undefined) {
        points.set(t, own);
        continue;
      }
      const before = known.filter((k) => k < t).at(-1);
      const after = known.find((k) => k > t);
      if (mode === 'REPEAT') {
        if (before !== undefined) points.set(t, s.points.get(before)!);
      } else if (mode === 'LINEAR') {
        if (before !== undefined && after !== undefined) {
          const a = s.points.get(before)!;
          const b = s.points.get(after)!;
          points.set(t, a + ((b - a) * (t - before)) / (after - before));
        }
      } else if (typeof fillWith === 'number') {
        put(points, t, fillWith);
      } else if (fillWith && isSeries(fillWith)) {
        const x = fillWith.points.get(t);
        if (x !== undefined) points.set(t, x);
      }
    }
    return series(points, s.label);
  };
  if (typeof input === 'number') throw new MathError('FILL needs a time series.');
  return Array.isArray(input) ? input.map(one) : one(input);
}

/** IF(condition, whenTrue[, whenFalse]): point by point on the condition's timestamps. */
function ifThenElse(values: Value[]): Value {
  const [condition, whenTrue, whenFalse] = values;
  if (condition === undefined || whenTrue === undefined || values.length > 3)
    throw new MathError('IF takes two or three arguments.');
  if (Array.isArray(condition) || Array.isArray(whenTrue) || Array.isArray(whenFalse))
    throw new MathError('IF works on single time series.');
  const at = (v: Value | undefined, t: number) =>
    v === undefined ? undefined : typeof v === 'number' ? v : (v as TimeSeries).points.get(t);
  if (typeof condition === 'number') return condition !== 0 ? whenTrue : (whenFalse ?? series(new Map()));
  const points = new Map<number, number>();
  for (const [t, c] of condition.points) {
    const x = at(c !== 0 ? whenTrue : whenFalse, t);
    if (x !== undefined) put(points, t, x);
  }
  return series(points);
}
