import type { Context } from 'hono';
import type { z } from 'zod';
import { type ProblemError, problem } from '../problem.ts';
import { clip } from './text.ts';

/** Issues a 400 lists; a body with thousands of mistakes gets an answer of bounded size. */
export const MAX_LISTED_ISSUES = 20;
const MAX_ISSUE_CHARS = 200;

const short = (text: string) => clip(text, MAX_ISSUE_CHARS);

function invalid(error: z.ZodError): ProblemError {
  const errors = error.issues.slice(0, MAX_LISTED_ISSUES).map((issue) => ({
    path: short(issue.path.map(String).join('.') || '(body)'),
    message: short(issue.message),
  }));
  const more = error.issues.length - errors.length;
  return problem(
    'VALIDATION_FAILED',
    errors.map((e) => `${e.path}: ${e.message}`).join('; ') + (more > 0 ? `; and ${more} more` : ''),
    { errors },
  );
}

/** The request's JSON body, parsed by a contract schema; bad input never reaches AWS. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    // Strict UTF-8, and a byte-order mark is not JSON (RFC 8259 §8.1).
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(await c.req.arrayBuffer());
    raw = JSON.parse(text);
  } catch {
    throw problem('VALIDATION_FAILED', 'The body is not valid JSON (send {} for no fields).');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  return parsed.data;
}

/** Like {@link jsonBody}, but an empty body is `{}` (a route whose fields are all optional). */
export async function optionalJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  // Hono keeps the body it read (the body-size middleware read it first): read through it, never the raw stream.
  const raw = await c.req.arrayBuffer();
  if (raw.byteLength === 0) {
    const parsed = schema.safeParse({});
    if (!parsed.success) throw invalid(parsed.error);
    return parsed.data;
  }
  return jsonBody(c, schema);
}

/** The query string, parsed by a contract schema. */
export function queryParams<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw invalid(parsed.error);
  return parsed.data;
}

/** A path parameter checked by a contract schema (a stage name, an id). */
export function pathParam<S extends z.ZodType>(c: Context, name: string, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.param(name));
  if (!parsed.success) {
    const first = parsed.error.issues[0]?.message ?? 'invalid';
    throw problem('VALIDATION_FAILED', `${name}: ${first}`, {
      errors: [{ path: name, message: first }],
    });
  }
  return parsed.data;
}
