// When AWS refuses the console's own IAM identity an action, the operator needs to know which one to grant.

/** The IAM service prefix of a client: API Gateway, CloudWatch or CloudWatch Logs. */
export type IamService = 'apigateway' | 'cloudwatch' | 'logs';

const DENIED_NAMES = new Set(['AccessDeniedException', 'AccessDenied']);
// AWS's own wording, "User: arn:… is not authorized to perform: apigateway:PATCH on resource: …".
const AWS_NAMES_ACTION = /not authorized to perform: ([a-z0-9-]+:[A-Za-z0-9*]+)/;

const DENIED_ACTION = Symbol('deniedAction');
type Annotated = Error & { [DENIED_ACTION]?: string; Code?: string };

const isAccessDenied = (err: Annotated) => DENIED_NAMES.has(err.name) || DENIED_NAMES.has(err.Code ?? '');

/** The IAM action AWS denied in this error, or undefined when it is not an access-denied error. */
export function deniedAction(err: unknown): string | undefined {
  if (!(err instanceof Error) || !isAccessDenied(err)) return undefined;
  return AWS_NAMES_ACTION.exec(err.message)?.[1] ?? (err as Annotated)[DENIED_ACTION];
}

/** The action IAM authorizes a command by: API Gateway by HTTP method, the others by operation name. */
export function iamActionOf(service: IamService, commandName: string, httpMethod: string): string {
  return service === 'apigateway'
    ? `apigateway:${httpMethod}`
    : `${service}:${commandName.replace(/Command$/, '')}`;
}

type Next = (args: { request?: unknown }) => Promise<unknown>;
interface AnyClient {
  middlewareStack: unknown;
}

/**
 * Makes the client's access-denied errors remember the IAM action of the command that was refused
 * (the request's HTTP method is known once it is built), for {@link deniedAction}.
 */
export function namesDeniedActions<C extends AnyClient>(client: C, service: IamService): C {
  const stack = client.middlewareStack as {
    add(middleware: (next: Next, context: { commandName?: string }) => Next, options: object): void;
  };
  stack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        if (err instanceof Error && isAccessDenied(err)) {
          const method = (args.request as { method?: string } | undefined)?.method ?? 'POST';
          (err as Annotated)[DENIED_ACTION] = iamActionOf(service, context.commandName ?? '', method);
        }
        throw err;
      }
    },
    { step: 'build', name: 'namesDeniedActions' },
  );
  return client;
}
