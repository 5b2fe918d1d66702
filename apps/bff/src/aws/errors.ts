import { APIGatewayServiceException } from '@aws-sdk/client-api-gateway';
import { CloudWatchServiceException } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsServiceException } from '@aws-sdk/client-cloudwatch-logs';
import { STSServiceException } from '@aws-sdk/client-sts';
import {
  type AwsFailure,
  type AwsService,
  awsFailures,
  awsServiceNames,
  problemTitle,
} from '@gateway-console/contract';
import { ProblemError } from '../problem.ts';
import { deniedAction } from './access-denied.ts';

interface SdkErrorLike extends Error {
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
  retryAfterSeconds?: string;
  code?: string;
}

// Names the SDK and AWS use when the console's own AWS identity is missing, wrong or not allowed.
const CREDENTIAL_ERRORS = new Set([
  'CredentialsProviderError',
  'UnauthorizedException',
  'UnrecognizedClientException',
  'AccessDeniedException',
  'AccessDenied',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'IncompleteSignature',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'MissingAuthenticationTokenException',
]);
const THROTTLING_ERRORS = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'LimitExceeded',
  'Throttling',
  'ThrottlingException',
]);
const TIMEOUT_ERRORS = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'EPIPE',
]);
const NAMED_FAILURES: Record<string, AwsFailure> = {
  NotFoundException: 'notFound',
  ResourceNotFoundException: 'notFound',
  ConflictException: 'conflict',
  BadRequestException: 'badRequest',
  // AWS checks a request's shape before looking anything up, and answers ValidationException for it.
  ValidationException: 'badRequest',
  ServiceUnavailableException: 'unavailable',
  ServiceUnavailable: 'unavailable',
};

/** When AWS gives no usable `Retry-After`, ask the client to wait this long. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;

/** Which service an SDK error came from, by its exception class. */
function serviceOf(err: Error): AwsService | undefined {
  if (err instanceof APIGatewayServiceException) return 'apigateway';
  if (err instanceof CloudWatchServiceException) return 'cloudwatch';
  if (err instanceof CloudWatchLogsServiceException) return 'logs';
  if (err instanceof STSServiceException) return 'sts';
  return undefined;
}

const isSdkError = (err: Error): err is SdkErrorLike => '$metadata' in err || '$fault' in err;

/** The kind of AWS failure an error is, or undefined when it is not an AWS (or AWS-connection) error. */
function failureOf(err: SdkErrorLike): AwsFailure | undefined {
  if (CREDENTIAL_ERRORS.has(err.name)) return 'credentials';
  if (TIMEOUT_ERRORS.has(err.name)) return 'timeout';
  if (err.code && NETWORK_ERROR_CODES.has(err.code)) return 'unavailable';
  if (!isSdkError(err)) return undefined;
  const status = err.$metadata?.httpStatusCode ?? 0;
  if (THROTTLING_ERRORS.has(err.name) || status === 429) return 'throttled';
  const named = NAMED_FAILURES[err.name];
  if (named) return named;
  if (err.$fault === 'server' || status >= 500) return 'failed';
  return 'refused';
}

/** What the operator is told for each kind, in the service's name; AWS's own message where it helps. */
function detailOf(failure: AwsFailure, err: SdkErrorLike, name: string): string {
  switch (failure) {
    case 'credentials':
      return 'The console could not authenticate to AWS or is not allowed to do this. Check its AWS credentials and IAM permissions.';
    case 'timeout':
      return 'Try again in a moment.';
    case 'throttled':
      return `${name} refused the console’s requests as too many, even after the console retried with backoff.`;
    case 'unavailable':
      return err.code && NETWORK_ERROR_CODES.has(err.code)
        ? `The console could not reach ${name}.`
        : `${name} is unavailable; try again.`;
    case 'failed':
      return `${name} answered with a server error.`;
    default:
      return err.message;
  }
}

/**
 * Any AWS service's failure (API Gateway, CloudWatch, CloudWatch Logs, STS) as the problem the operator
 * sees, or undefined when `err` is not an AWS failure. `service` names the service when the error itself
 * cannot (a connection that failed before any service answered).
 */
export function awsProblem(err: unknown, service?: AwsService): ProblemError | undefined {
  if (err instanceof ProblemError) return err;
  if (!(err instanceof Error)) return undefined;
  const denied = deniedAction(err);
  if (denied) {
    return new ProblemError(
      awsFailures.accessDenied.status,
      'AWS_ACCESS_DENIED',
      problemTitle('AWS_ACCESS_DENIED'),
      `The console's IAM identity is not allowed ${denied}. Add it to the console's IAM policy (the README's IAM section), then try again.`,
    );
  }
  const failure = failureOf(err);
  if (!failure) return undefined;
  const from = serviceOf(err) ?? service;
  const { code, status } = awsFailures[failure];
  const title = problemTitle(code, from);
  const detail = detailOf(failure, err, from ? awsServiceNames[from] : 'AWS');
  if (failure !== 'throttled') return new ProblemError(status, code, title, detail);
  // AWS still refused after the SDK's retries with backoff: its own `Retry-After` (whole seconds), so
  // the console's reads can wait as asked and try again by themselves.
  const hinted = Number((err as SdkErrorLike).retryAfterSeconds);
  const seconds = Number.isFinite(hinted) && hinted > 0 ? Math.ceil(hinted) : DEFAULT_RETRY_AFTER_SECONDS;
  return new ProblemError(status, code, title, detail, { headers: { 'Retry-After': String(seconds) } });
}
