import type { ErrorCode, Problem } from '@gateway-console/contract';
import { deniedAction } from '../aws/access-denied.ts';

/** A failure the BFF reports to its client as problem+json. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Partial<Pick<Problem, 'errors' | 'current' | 'steps'>> & {
      headers?: Record<string, string>;
    } = {},
  ) {
    super(detail ?? title);
  }
}

export function problemBody(error: ProblemError, requestId: string): Problem {
  return {
    type: `https://gateway-console.dev/problems/${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: error.title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    requestId,
    ...(error.extra.errors ? { errors: error.extra.errors } : {}),
    ...(error.extra.current !== undefined ? { current: error.extra.current } : {}),
    ...(error.extra.steps ? { steps: error.extra.steps } : {}),
  };
}

interface SdkErrorLike {
  name: string;
  message: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
  retryAfterSeconds?: string;
  code?: string;
}

const isSdkError = (err: unknown): err is SdkErrorLike =>
  err instanceof Error && ('$metadata' in err || '$fault' in err);

// Names the SDK and AWS use when the BFF's own AWS identity is missing, wrong or not allowed.
const credentialErrors = new Set([
  'CredentialsProviderError',
  'UnauthorizedException',
  'UnrecognizedClientException',
  'AccessDeniedException',
  'ExpiredTokenException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'MissingAuthenticationTokenException',
]);

const networkErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'EPIPE',
]);

/** Turns anything thrown while serving a request into the problem the client sees; AWS internals stay out. */
export function toProblem(err: unknown): ProblemError {
  if (err instanceof ProblemError) return err;
  if (!(err instanceof Error)) return internal();
  const denied = deniedAction(err);
  if (denied) {
    return new ProblemError(
      403,
      'AWS_ACCESS_DENIED',
      'AWS denied the console a permission',
      `The console's IAM identity is not allowed ${denied}. Add it to the console's IAM policy (the README's IAM section), then try again.`,
    );
  }
  if (credentialErrors.has(err.name)) {
    return new ProblemError(
      502,
      'AWS_CREDENTIALS',
      'AWS rejected the console’s credentials',
      'The console could not authenticate to AWS or is not allowed to do this. Check its AWS credentials and IAM permissions.',
    );
  }
  if (err.name === 'TimeoutError' || err.name === 'RequestTimeout') {
    return new ProblemError(504, 'AWS_TIMEOUT', 'AWS did not answer in time', 'Try again in a moment.');
  }
  const code = (err as { code?: string }).code;
  if (code && networkErrorCodes.has(code)) {
    return new ProblemError(503, 'AWS_UNAVAILABLE', 'AWS is unreachable', 'The console could not reach AWS.');
  }
  if (!isSdkError(err)) return internal();
  return fromSdkError(err);
}

function fromSdkError(err: SdkErrorLike): ProblemError {
  switch (err.name) {
    case 'NotFoundException':
      return new ProblemError(404, 'NOT_FOUND', 'Not found', err.message);
    case 'ConflictException':
      return new ProblemError(409, 'CONFLICT', 'Conflict', err.message);
    case 'BadRequestException':
    // AWS checks a request's shape before looking anything up, and answers ValidationException for it.
    case 'ValidationException':
      return new ProblemError(400, 'AWS_BAD_REQUEST', 'AWS rejected the request', err.message);
    case 'TooManyRequestsException':
    case 'LimitExceededException':
      return throttled(err);
    case 'ServiceUnavailableException':
      return new ProblemError(
        503,
        'AWS_UNAVAILABLE',
        'AWS is unavailable',
        'API Gateway is unavailable; try again.',
      );
  }
  if (err.$fault === 'server' || (err.$metadata?.httpStatusCode ?? 0) >= 500) {
    return new ProblemError(
      502,
      'AWS_UNAVAILABLE',
      'AWS failed',
      'API Gateway answered with a server error.',
    );
  }
  return new ProblemError(502, 'AWS_BAD_REQUEST', 'AWS refused the request', err.message);
}

/** When AWS gives no usable `Retry-After`, ask the client to wait this long. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;

/**
 * AWS still refused after the SDK's retries with backoff: 429 with AWS's own `Retry-After` (whole
 * seconds), so the console's reads can wait as asked and try again by themselves.
 */
function throttled(err: SdkErrorLike): ProblemError {
  const hinted = Number(err.retryAfterSeconds);
  const seconds = Number.isFinite(hinted) && hinted > 0 ? Math.ceil(hinted) : DEFAULT_RETRY_AFTER_SECONDS;
  return new ProblemError(
    429,
    'AWS_THROTTLED',
    'AWS is throttling requests to API Gateway',
    'API Gateway refused the console’s requests as too many, even after the console retried with backoff.',
    { headers: { 'Retry-After': String(seconds) } },
  );
}

const internal = () =>
  new ProblemError(500, 'INTERNAL', 'Internal error', 'Something went wrong on our side.');
