/** API Gateway's default gateway responses (status, `x-amzn-ErrorType`, `{"message"}`), by response type. */
export const GATEWAY_RESPONSES = {
  MISSING_AUTHENTICATION_TOKEN: {
    status: 403,
    errorType: 'MissingAuthenticationTokenException',
    message: 'Missing Authentication Token',
  },
  INVALID_API_KEY: { status: 403, errorType: 'ForbiddenException', message: 'Forbidden' },
  UNAUTHORIZED: { status: 401, errorType: 'UnauthorizedException', message: 'Unauthorized' },
  THROTTLED: { status: 429, errorType: 'TooManyRequestsException', message: 'Too Many Requests' },
  INTEGRATION_TIMEOUT: {
    status: 504,
    errorType: 'InternalServerErrorException',
    message: 'Endpoint request timed out',
  },
  /** Connection refused, reset, or an upstream that is not valid HTTP. */
  BAD_GATEWAY: { status: 502, errorType: 'InternalServerErrorException', message: 'Internal server error' },
  /** Misconfiguration: no integration, no matching integration response, unsupported type. */
  INTERNAL_ERROR: {
    status: 500,
    errorType: 'InternalServerErrorException',
    message: 'Internal server error',
  },
} as const;

export type GatewayResponseType = keyof typeof GATEWAY_RESPONSES;
