import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseQueryForm, queryErrorXml, queryResponseXml } from './query-protocol.ts';
import { CLOUDWATCH_TARGET_PREFIX, CloudWatchError, type cloudWatchService } from './service.ts';

/** The SigV4 credential scope's service (`Credential=AKID/20260101/us-east-1/monitoring/aws4_request`). */
function signedService(req: IncomingMessage): string | undefined {
  return /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(req.headers.authorization ?? '')?.[1];
}

const isForm = (req: IncomingMessage) =>
  /^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '');

/**
 * True for CloudWatch calls: AWS JSON 1.0 with a Granite `X-Amz-Target` (SDK v3), or the Query
 * protocol — a form-encoded POST signed for the `monitoring` service (AWS CLI, older SDKs).
 */
export function isCloudWatchRequest(req: IncomingMessage): boolean {
  if (req.method !== 'POST') return false;
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return target.startsWith(CLOUDWATCH_TARGET_PREFIX);
  return isForm(req) && signedService(req) === 'monitoring';
}

function failure(err: unknown): CloudWatchError {
  if (err instanceof CloudWatchError) return err;
  console.error('[emulator] CloudWatch failure', err);
  return new CloudWatchError('InternalServiceFault', 'Internal service error', 500);
}

/**
 * Serves CloudWatch in both of its protocols. JSON 1.0 as @aws-sdk/client-cloudwatch 3.x speaks it
 * (`awsQueryCompatible`: errors carry `__type` and `x-amzn-query-error: Code;Sender|Receiver`);
 * Query as `Action=…&Version=2010-08-01` forms answered in XML.
 */
export async function handleCloudWatch(
  service: ReturnType<typeof cloudWatchService>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const requestId = randomUUID();
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (typeof req.headers['x-amz-target'] === 'string') answerJson(service, req, res, text, requestId);
  else answerQuery(service, res, text, requestId);
}

function answerJson(
  service: ReturnType<typeof cloudWatchService>,
  req: IncomingMessage,
  res: ServerResponse,
  text: string,
  requestId: string,
): void {
  const operation = String(req.headers['x-amz-target']).slice(CLOUDWATCH_TARGET_PREFIX.length);
  let status = 200;
  let payload: unknown;
  const headers: Record<string, string> = {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-requestid': requestId,
  };
  try {
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
    const error = failure(err);
    status = error.status;
    payload = { __type: `com.amazonaws.cloudwatch#${error.type}`, message: error.message };
    headers['x-amzn-query-error'] = `${error.queryCode};${status >= 500 ? 'Receiver' : 'Sender'}`;
  }
  res.writeHead(status, headers);
  res.end(JSON.stringify(payload));
}

function answerQuery(
  service: ReturnType<typeof cloudWatchService>,
  res: ServerResponse,
  text: string,
  requestId: string,
): void {
  const { action, input } = parseQueryForm(text);
  const headers = { 'content-type': 'text/xml', 'x-amzn-requestid': requestId };
  try {
    if (!action)
      throw new CloudWatchError('MissingRequiredParameterException', 'The parameter Action is required.');
    const body = queryResponseXml(action, service(action, input), requestId);
    res.writeHead(200, headers);
    res.end(body);
  } catch (err) {
    const error = failure(err);
    res.writeHead(error.status, headers);
    res.end(
      queryErrorXml({ code: error.queryCode, message: error.message, sender: error.status < 500 }, requestId),
    );
  }
}
