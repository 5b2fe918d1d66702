/** An API Gateway error as the service sends it: `x-amzn-ErrorType` header and `{"message"}` body. */
export class AwsError extends Error {
  constructor(
    readonly type:
      | 'BadRequestException'
      | 'UnauthorizedException'
      | 'NotFoundException'
      | 'ConflictException'
      | 'LimitExceededException'
      | 'TooManyRequestsException'
      | 'ServiceUnavailableException',
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return statusOf[this.type];
  }
}

const statusOf: Record<AwsError['type'], number> = {
  BadRequestException: 400,
  UnauthorizedException: 401,
  NotFoundException: 404,
  ConflictException: 409,
  LimitExceededException: 429,
  TooManyRequestsException: 429,
  ServiceUnavailableException: 503,
};

export const notFound = (what: string) => new AwsError('NotFoundException', `Invalid ${what} specified`);
export const badRequest = (message: string) => new AwsError('BadRequestException', message);
