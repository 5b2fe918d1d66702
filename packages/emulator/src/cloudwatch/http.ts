import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLOUDWATCH_TARGET_PREFIX, CloudWatchError, type cloudWatchService } from './service.ts';

/** True for the SDK's CloudWatch calls: AWS JSON 1.0 with a Granite `X-Amz-Target`. */
export function isCloudWatchRequest(req: IncomingMessage): boolean {
  const target = req.headers['x-amz-target'];
  return req.method === 'POST' && typeof target === 'string' && target.startsWith(CLOUDWATCH_TARGET_PREFIX);
}

/**
 * Serves CloudWatch the way @aws-sdk/client-cloudwatch 3.x speaks it: AwsJson1_0Protocol with
 * `awsQueryCompatible`, so errors carry `__type` and `x-amzn-query-error: Code;Sender|Receiver`.
 */
export async function handleCloudWatch(
  service: ReturnType<typeof cloudWatchService>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const operation = String(req.headers['x-amz-target']).slice(CLOUDWATCH_TARGET_PREFIX.length);
  const requestId = randomUUID();
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let status = 200;
  let payload: unknown;
  const headers: Record<string, string> = {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-requestid': requestId,
  };
  try {
    const text = Buffer.concat(chunks).toString('utf8');
    let input: unknown;
    try {
      input = text ? JSON.parse(text) : {};
    } catch {
      throw new CloudWatchError('InvalidParameterValueException', 'The request body is not valid JSON.');
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new CloudWatchError('InvalidParameterValueException', 'The request body must be a JSON object.');
    }
    payload = service(operation, input as Record<string, unknown>);
  } catch (err) {
    const error =
      err instanceof CloudWatchError
        ? err
        : new CloudWatchError('InternalServiceFault', 'Internal service error', 500);
    if (!(err instanceof CloudWatchError)) console.error('[emulator] CloudWatch failure', err);
    status = error.status;
    payload = { __type: `com.amazonaws.cloudwatch#${error.type}`, message: error.message };
    headers['x-amzn-query-error'] = `${error.queryCode};${status >= 500 ? 'Receiver' : 'Sender'}`;
  }
  res.writeHead(status, headers);
  res.end(JSON.stringify(payload));
}
