import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LOGS_TARGET_PREFIX, LogsError, type logsService } from './service.ts';

/** True for the SDK's CloudWatch Logs calls: AWS JSON 1.1 with a `Logs_20140328.` target. */
export function isLogsRequest(req: IncomingMessage): boolean {
  const target = req.headers['x-amz-target'];
  return req.method === 'POST' && typeof target === 'string' && target.startsWith(LOGS_TARGET_PREFIX);
}

/** Serves CloudWatch Logs as @aws-sdk/client-cloudwatch-logs speaks it (AwsJson1_1, `__type` errors). */
export async function handleLogs(
  service: ReturnType<typeof logsService>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const operation = String(req.headers['x-amz-target']).slice(LOGS_TARGET_PREFIX.length);
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let status = 200;
  let payload: unknown;
  try {
    let input: unknown;
    try {
      input = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    } catch {
      throw new LogsError('InvalidParameterException', 'The request body is not valid JSON.');
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      throw new LogsError('InvalidParameterException', 'The request body must be a JSON object.');
    payload = service(operation, input as Record<string, unknown>);
  } catch (err) {
    if (!(err instanceof LogsError)) console.error('[emulator] CloudWatch Logs failure', err);
    const error =
      err instanceof LogsError
        ? err
        : new LogsError('ServiceUnavailableException', 'Internal failure', {}, 500);
    status = error.status;
    payload = { __type: error.type, message: error.message, ...error.extra };
  }
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() });
  res.end(JSON.stringify(payload));
}
