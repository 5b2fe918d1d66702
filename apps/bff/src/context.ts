import type { OidcSettings } from './auth/oidc.ts';
import type { User } from './auth/users.ts';
import type { Gateway } from './aws/gateway.ts';
import type { EnvironmentInfo } from './aws/identity.ts';
import type { Logs } from './aws/logs.ts';
import type { Metrics } from './aws/metrics.ts';
import type { Storage } from './db/database.ts';

// The BFF's dependencies and the Hono context every route sees, apart from app.ts so that routes and
// middleware need not import the app that mounts them.

export interface Deps {
  gateway: Gateway;
  metrics: Metrics;
  /** CloudWatch Logs: stages' access logs and Logs Insights. */
  logs: Logs;
  storage: Storage;
  /** Where the console points (account, region, endpoint, name), for every page's header. */
  environment: EnvironmentInfo;
  /** Injected so tests control session expiry and audit times. */
  clock?: () => Date;
  /** TLS ends at a proxy in front of the BFF: cookies get `Secure` + `__Host-`, responses HSTS. */
  behindHttpsProxy?: boolean;
  /**
   * How long a replica trusts a session it checked in the database (default 5 s): a sign-out, a disabled
   * user or a changed role on another replica takes effect within this long.
   */
  sessionRecheckMs?: number;
  /** Company sign-in through OpenID Connect (GET /api/session/oidc). */
  oidc?: OidcSettings;
  /** SSO mode: trust this proxy's identity header. */
  trustedProxy?: TrustedProxy;
  /** A proxy in front writes the caller's address into this header (e.g. `X-Forwarded-For`); unset: the socket's peer. */
  clientAddressHeader?: string;
  /**
   * Origins a change may come from (`CONSOLE_PUBLIC_ORIGIN`, or the listen address): the CSRF check
   * compares `Origin` with these, never with the Host header a DNS-rebinding page controls. Unset
   * (in-process tests): the request's own origin.
   */
  allowedOrigins?: readonly string[];
  /** Whether POST /api/session accepts passwords (`CONSOLE_PASSWORD_SIGN_IN`; off by default behind an SSO proxy). */
  passwordSignIn?: boolean;
  /** A session unused for this long ends (`CONSOLE_SESSION_IDLE_MINUTES`; default SESSION_IDLE_MS). */
  sessionIdleMs?: number;
}

export type AppEnv = {
  Variables: {
    requestId: string;
    /** The caller's own `X-Request-Id`, when well-formed: logged beside ours, never used as ours. */
    clientRequestId?: string;
    user: User | undefined;
    audit: AuditNote;
  };
};

/** SSO mode: a proxy in front of the console authenticates people and names them in a header. */
export interface TrustedProxy {
  /** Header carrying the signed-in username, e.g. `X-Forwarded-User`. */
  userHeader: string;
  /** Shared secret the proxy sends in `X-Console-Proxy-Secret`, so nobody else can claim an identity. */
  secret: string;
}

/** What a handler tells the audit log about its mutation. */
export interface AuditNote {
  /** Who acted when nobody is signed in yet (the username of a sign-in attempt). */
  actor?: string;
  /**
   * {@link actor}, when finding it costs a database read: asked only if a row is written, so a flood of
   * refused sign-ins, whose rows are mostly left out, costs no read each.
   */
  findActor?: () => Promise<string>;
  /** What the change is about when it is not a stage (`users/alice`). */
  target?: string;
  /** The stage the change is about when the body names it rather than the path (a new stage, a deployment onto one). */
  stage?: string;
  before?: unknown;
  after?: unknown;
  detail?: string;
}
