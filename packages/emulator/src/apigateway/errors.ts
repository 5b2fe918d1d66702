/** The error types API Gateway's control plane sends, with their HTTP statuses. */
export const AWS_ERROR_STATUS = {
  BadRequestException: 400,
  UnauthorizedException: 401,
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
