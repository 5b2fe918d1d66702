/** The error types API Gateway's control plane sends, with their HTTP statuses. */
export const AWS_ERROR_STATUS = {
  BadRequestException: 400,
  ValidationException: 400,
  UnauthorizedException: 401,
  /** IAM refused the caller this action (a fault to inject: the emulator itself authorizes everyone). */
  AccessDeniedException: 403,
  NotFoundException: 404,
  ConflictException: 409,
  LimitExceededException: 429,
  TooManyRequestsException: 429,
  ServiceUnavailableException: 503,
} as const;

export type AwsErrorType = keyof typeof AWS_ERROR_STATUS;

export const isAwsErrorType = (value: unknown): value is AwsErrorType =>
  typeof value === 'string' && Object.hasOwn(AWS_ERROR_STATUS, value);

/** An API Gateway error as the service sends it: `x-amzn-ErrorType` header and `{"message"}` body. */
export class AwsError extends Error {
  constructor(
    readonly type: AwsErrorType,
    message: string,
    /** A 429's `Retry-After`, when the thrower knows it. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  get status(): number {
    return AWS_ERROR_STATUS[this.type];
  }
}

export const notFound = (what: string) => new AwsError('NotFoundException', `Invalid ${what} specified`);
export const badRequest = (message: string) => new AwsError('BadRequestException', message);
export const conflict = (message: string) => new AwsError('ConflictException', message);

/**
 * The framework-level validation error AWS sends before any lookup, e.g.
 * `1 validation error detected: Value 'x' at 'statusCode' failed to satisfy constraint: …`.
 */
export function validationError(violations: string[]): AwsError {
  const count = `${violations.length} validation error${violations.length === 1 ? '' : 's'} detected`;
  return new AwsError('ValidationException', `${count}: ${violations.join('; ')}`);
}

/** One violation of an enum constraint, worded as AWS words it. */
export const enumViolation = (value: string, at: string, allowed: readonly string[]) =>
  `Value '${value}' at '${at}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`;

/** Throws the collected violations, if any. */
export function throwViolations(violations: string[]): void {
  if (violations.length > 0) throw validationError(violations);
}

/** The patch operations the request shape allows; anything else fails AWS's enum check. */
export const PATCH_OPS = ['add', 'remove', 'move', 'test', 'replace', 'copy'] as const;

/**
 * AWS checks every operation's `op` against the enum before it applies any of them, and reports
 * each bad one by its 1-based position in `<input>.patchOperations`.
 */
export function patchOpViolations(operations: { op?: string }[] | undefined, input: string): string[] {
  return (operations ?? []).flatMap(({ op }, i) =>
    op !== undefined && (PATCH_OPS as readonly string[]).includes(op)
      ? []
      : [enumViolation(op ?? 'null', `${input}.patchOperations.${i + 1}.member.op`, PATCH_OPS)],
  );
}
