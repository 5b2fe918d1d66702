import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

// STS speaks the AWS Query protocol: a form-encoded POST (`Action=GetCallerIdentity&Version=2011-06-15`)
// answered in XML. The SDK signs it for the `sts` service, which is how it is told apart from CloudWatch's
// Query calls on the same port.
const STS_SCOPE = /\/sts\/aws4_request/;
const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** True for calls signed for STS. */
export function isStsRequest(req: IncomingMessage): boolean {
  return req.method === 'POST' && STS_SCOPE.test(String(req.headers.authorization ?? ''));
}

/** GetCallerIdentity, as `@aws-sdk/client-sts` and the AWS CLI expect it; any other action is refused as AWS does. */
export async function handleSts(accountId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  const action = form.get('Action');
  const requestId = randomUUID();
  if (action === 'GetCallerIdentity') {
    reply(
      res,
      200,
      requestId,
      `<GetCallerIdentityResponse xmlns="${NAMESPACE}"><GetCallerIdentityResult>` +
        `<Arn>arn:aws:iam::${accountId}:root</Arn><UserId>${accountId}</UserId><Account>${accountId}</Account>` +
        `</GetCallerIdentityResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
        '</GetCallerIdentityResponse>',
    );
    return;
  }
  const message = action
    ? `Could not find operation ${escapeXml(action)} for version 2011-06-15`
    : 'Missing Action';
  reply(
    res,
    400,
    requestId,
    `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>Sender</Type><Code>InvalidAction</Code>` +
      `<Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  );
}

function reply(res: ServerResponse, status: number, requestId: string, xml: string): void {
  res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
  res.end(xml);
}

const escapeXml = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );
