import { APIGatewayServiceException } from '@aws-sdk/client-api-gateway';
import { CloudWatchServiceException } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsServiceException } from '@aws-sdk/client-cloudwatch-logs';
import { STSServiceException } from '@aws-sdk/client-sts';
import { type AwsService, Problem } from '@gateway-console/contract';
import { describe, expect, it } from 'vitest';
import { problemBody } from '../problem.ts';
import { awsProblem } from './errors.ts';

type Options = {
  name: string;
  $fault: 'client' | 'server';
  $metadata: { httpStatusCode: number };
  message: string;
};
const exceptions: Record<AwsService, new (options: Options) => Error> = {
  apigateway: APIGatewayServiceException,
  cloudwatch: CloudWatchServiceException,
  logs: CloudWatchLogsServiceException,
  sts: STSServiceException,
};
const names: Record<AwsService, string> = {
  apigateway: 'API Gateway',
  cloudwatch: 'CloudWatch',
  logs: 'CloudWatch Logs',
  sts: 'STS',
};
const awsError = (service: AwsService, name: string, httpStatusCode: number, message = name) =>
  new exceptions[service]({
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode },
    message,
  });
const services = Object.keys(exceptions) as AwsService[];

describe('awsProblem: one mapping for every AWS service', () => {
  it.each(services)('%s: each kind of failure is the same problem, in the service’s name', (service) => {
    const name = names[service];
    const cases: [Error, Partial<Problem>][] = [
      [
        awsError(service, 'NotFoundException', 404, 'no such thing'),
        { status: 404, code: 'NOT_FOUND', detail: 'no such thing' },
      ],
      [awsError(service, 'ConflictException', 409), { status: 409, code: 'CONFLICT' }],
      [
        awsError(service, 'BadRequestException', 400, 'cache cluster is not enabled'),
        {
          status: 400,
          code: 'AWS_BAD_REQUEST',
          title: `${name} rejected the request`,
          detail: 'cache cluster is not enabled',
        },
      ],
      [awsError(service, 'InvalidParameterValue', 400), { status: 502, code: 'AWS_BAD_REQUEST' }],
      [
        awsError(service, 'TooManyRequestsException', 429),
        { status: 429, code: 'AWS_THROTTLED', title: `AWS is throttling requests to ${name}` },
      ],
      [awsError(service, 'Throttling', 400), { status: 429, code: 'AWS_THROTTLED' }],
      [
        awsError(service, 'ServiceUnavailableException', 503),
        { status: 503, code: 'AWS_UNAVAILABLE', title: `${name} is unavailable` },
      ],
      [awsError(service, 'InternalServiceError', 500), { status: 502, code: 'AWS_UNAVAILABLE' }],
      [awsError(service, 'ExpiredTokenException', 403), { status: 502, code: 'AWS_CREDENTIALS' }],
      [awsError(service, 'AccessDenied', 403), { status: 502, code: 'AWS_CREDENTIALS' }],
      [
        awsError(service, 'RequestTimeout', 408),
        { status: 504, code: 'AWS_TIMEOUT', title: `${name} did not answer in time` },
      ],
    ];
    for (const [error, expected] of cases) {
      const problem = awsProblem(error);
      expect(problem, error.name).toBeDefined();
      const body = Problem.parse(problemBody(problem!, 'req-1'));
      expect(body, `${service} ${error.name}`).toMatchObject(expected);
      expect(JSON.stringify(body)).not.toMatch(/\$metadata|\$fault/);
    }
  });

  it('a throttled answer carries Retry-After: AWS’s own, else 5 seconds', () => {
    const throttled = awsError('cloudwatch', 'Throttling', 400);
    expect(awsProblem(throttled)?.extra.headers).toEqual({ 'Retry-After': '5' });
    Object.assign(throttled, { retryAfterSeconds: '1.2' });
    expect(awsProblem(throttled)?.extra.headers).toEqual({ 'Retry-After': '2' });
  });

  it.each(services)('%s: an access-denied error names the IAM action AWS refused', (service) => {
    const error = awsError(
      service,
      'AccessDeniedException',
      403,
      `User: arn:aws:iam::000000000000:user/console is not authorized to perform: ${service}:DoThing on resource: *`,
    );
    const problem = awsProblem(error);
    expect(problem).toMatchObject({ status: 403, code: 'AWS_ACCESS_DENIED' });
    expect(problem?.detail).toContain(`not allowed ${service}:DoThing`);
    expect(problem?.detail).not.toContain('arn:aws:iam');
  });

  it('a service that cannot be reached is unavailable, named by the caller', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
      $metadata: { attempts: 1 },
    });
    expect(awsProblem(refused, 'cloudwatch')).toMatchObject({
      status: 503,
      code: 'AWS_UNAVAILABLE',
      title: 'CloudWatch is unavailable',
      detail: 'The console could not reach CloudWatch.',
    });
    expect(awsProblem(refused)).toMatchObject({ status: 503, title: 'AWS is unavailable' });
  });

  it('is not for errors that are not AWS’s', () => {
    expect(awsProblem(new TypeError('x is undefined'))).toBeUndefined();
    expect(awsProblem('a string')).toBeUndefined();
  });
});
