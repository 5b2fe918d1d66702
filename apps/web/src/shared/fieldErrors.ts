import { useState } from 'react';
import { ApiError } from './http.ts';

/** Field name → message, from a zod failure on the client or the problem's `errors` from the server. */
export type FieldErrors = Record<string, string>;

/** Accepts a ZodError (structurally, so the web needs no zod import of its own). */
export function zodFieldErrors(error: { issues: { path: PropertyKey[]; message: string }[] }): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    fields[field] ??= issue.message;
  }
  return fields;
}

export function serverFieldErrors(error: unknown): FieldErrors {
  const fields: FieldErrors = {};
  if (!(error instanceof ApiError)) return fields;
  for (const { path, message } of error.problem.errors ?? []) {
    // Server paths look like "name" or "/name" or "methodSettings.*\/*.cacheTtlInSeconds"; the form knows top-level fields.
    const field = path.replace(/^\//, '').split(/[./]/)[0] ?? '';
    fields[field] ??= message;
  }
  return fields;
}

/** A form's field errors: its own checks' (set with `setClientErrors`) over those the server sent back in `serverError`. */
export function useFieldErrors(serverError: unknown) {
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  return { errors: { ...serverFieldErrors(serverError), ...clientErrors }, setClientErrors };
}
