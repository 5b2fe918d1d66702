import { HEX_COLOUR } from '@gateway-console/contract';
import { z } from 'zod';
import type { OidcSettings } from './auth/oidc.ts';
import { DEFAULT_CALLS_PER_SECOND } from './aws/budget.ts';

/** How the console was started: the demo launcher (`pnpm start`) or the production entry (`pnpm serve`). */
export type Mode = 'start' | 'serve';

const port = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a port number` })
    .int(`${name} must be a whole number`)
    .min(0, `${name} must be between 0 and 65535`)
    .max(65535, `${name} must be between 0 and 65535`);
const flag = (name: string) =>
  z.enum(['true', 'false'], { error: `${name} must be true or false` }).transform((v) => v === 'true');
const url = (name: string) =>
  z.url({ protocol: /^https?$/, error: `${name} must be an http(s) URL, e.g. http://127.0.0.1:4566` });
const region = (name: string) =>
  z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, `${name} must be an AWS region such as eu-west-1`);

const environment = z.object({
  PORT: port('PORT').default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  EMULATOR_PORT: port('EMULATOR_PORT').default(4566),
  AWS_REGION: region('AWS_REGION').optional(),
  AWS_DEFAULT_REGION: region('AWS_DEFAULT_REGION').optional(),
  AWS_ENDPOINT_URL: url('AWS_ENDPOINT_URL').optional(),
  CONSOLE_DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  CONSOLE_DEMO_PASSWORD: z
    .string()
    .min(8, 'CONSOLE_DEMO_PASSWORD must have at least 8 characters')
    .optional(),
  CONSOLE_ADMIN_USERNAME: z.string().min(1).optional(),
  CONSOLE_ADMIN_PASSWORD: z
    .string()
    .min(12, 'CONSOLE_ADMIN_PASSWORD must have at least 12 characters')
    .optional(),
  CONSOLE_ENVIRONMENT: z
    .string()
    .trim()
    .min(1)
    .max(40, 'CONSOLE_ENVIRONMENT must be at most 40 characters')
    .optional(),
  CONSOLE_ENVIRONMENT_COLOUR: z
    .string()
    .regex(HEX_COLOUR, 'CONSOLE_ENVIRONMENT_COLOUR must be a #rrggbb colour, e.g. #b42318')
    .optional(),
  CONSOLE_SESSION_CHECK_SECONDS: z.coerce
    .number({ error: 'CONSOLE_SESSION_CHECK_SECONDS must be a number of seconds' })
    .min(0, 'CONSOLE_SESSION_CHECK_SECONDS must be between 0 and 300')
    .max(300, 'CONSOLE_SESSION_CHECK_SECONDS must be between 0 and 300')
    .default(5),
  CONSOLE_OIDC_ISSUER: url('CONSOLE_OIDC_ISSUER').optional(),
  CONSOLE_OIDC_CLIENT_ID: z.string().min(1).optional(),
  CONSOLE_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  CONSOLE_OIDC_REDIRECT_URL: url('CONSOLE_OIDC_REDIRECT_URL').optional(),
  CONSOLE_OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
  CONSOLE_OIDC_ADMIN_GROUPS: z.string().default(''),
  CONSOLE_OIDC_OPERATOR_GROUPS: z.string().default(''),
  CONSOLE_BEHIND_HTTPS: flag('CONSOLE_BEHIND_HTTPS').default(false),
  CONSOLE_PUBLIC_ORIGIN: z
    .string()
    .transform((v) => v.split(',').map((o) => o.trim()))
    .pipe(
      z.array(
        z
          .url({
            protocol: /^https?$/,
            error: 'CONSOLE_PUBLIC_ORIGIN must be origins such as https://console.example.com',
          })
          .refine(
            (o) => new URL(o).origin === o,
            'CONSOLE_PUBLIC_ORIGIN must be origins (scheme://host[:port]), without a path',
          ),
      ),
    )
    .optional(),
  CONSOLE_CLIENT_ADDRESS_HEADER: z.string().min(1).optional(),
  CONSOLE_PASSWORD_SIGN_IN: flag('CONSOLE_PASSWORD_SIGN_IN').optional(),
  CONSOLE_SESSION_IDLE_MINUTES: z.coerce
    .number({ error: 'CONSOLE_SESSION_IDLE_MINUTES must be a number of minutes' })
    .int('CONSOLE_SESSION_IDLE_MINUTES must be a whole number')
    .min(1, 'CONSOLE_SESSION_IDLE_MINUTES must be between 1 and 720')
    .max(720, 'CONSOLE_SESSION_IDLE_MINUTES must be between 1 and 720')
    .optional(),
  CONSOLE_AWS_CALLS_PER_SECOND: z.coerce
    .number({ error: 'CONSOLE_AWS_CALLS_PER_SECOND must be a number of calls per second' })
    .int('CONSOLE_AWS_CALLS_PER_SECOND must be a whole number')
    .min(1, 'CONSOLE_AWS_CALLS_PER_SECOND must be between 1 and 10 (AWS allows an account about 10 a second)')
    .max(
      10,
      'CONSOLE_AWS_CALLS_PER_SECOND must be between 1 and 10 (AWS allows an account about 10 a second)',
    )
    .default(DEFAULT_CALLS_PER_SECOND),
  CONSOLE_TRUSTED_PROXY_HEADER: z.string().min(1).optional(),
  CONSOLE_TRUSTED_PROXY_SECRET: z
    .string()
    .min(16, 'CONSOLE_TRUSTED_PROXY_SECRET must have at least 16 characters')
    .optional(),
});

/** Everything the console reads from its environment; nothing in a request can change these. */
export interface Config {
  mode: Mode;
  port: number;
  host: string;
  emulatorPort: number;
  region: string;
  /** Set: talk to this endpoint (LocalStack, an emulator). Unset: real AWS, or the embedded emulator under `pnpm start`. */
  endpointUrl: string | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  demoPassword: string | undefined;
  /** `pnpm serve`: the first admin, created on a database without users. */
  firstAdmin: { username: string; password: string } | undefined;
  /** The name and colour every page's header shows (`CONSOLE_ENVIRONMENT`, `CONSOLE_ENVIRONMENT_COLOUR`). */
  environment: { name: string | undefined; colour: string | undefined };
  /** How long a replica trusts a checked session (`CONSOLE_SESSION_CHECK_SECONDS`, default 5 s). */
  sessionRecheckMs: number;
  /** Company sign-in (`CONSOLE_OIDC_*`), undefined when not configured. */
  oidc: OidcSettings | undefined;
  /** TLS ends at a proxy in front of the console (`CONSOLE_BEHIND_HTTPS=true`). */
  behindHttpsProxy: boolean;
  /** SSO: header naming the user, trusted only with the shared secret. */
  trustedProxy: { userHeader: string; secret: string } | undefined;
  /** Where browsers reach the console (`CONSOLE_PUBLIC_ORIGIN`, comma-separated); unset: the listen address. */
  publicOrigins: string[] | undefined;
  /** Header a proxy in front writes the caller's address into (`CONSOLE_CLIENT_ADDRESS_HEADER`, e.g. X-Forwarded-For). */
  clientAddressHeader: string | undefined;
  /** Whether people may sign in with a password (`CONSOLE_PASSWORD_SIGN_IN`); default: not behind an SSO proxy. */
  passwordSignIn: boolean;
  /** A session unused this long ends (`CONSOLE_SESSION_IDLE_MINUTES`); unset: the console's default. */
  sessionIdleMs: number | undefined;
  /** API Gateway calls per second all replicas together may make (`CONSOLE_AWS_CALLS_PER_SECOND`, default 5). */
  awsCallsPerSecond: number;
}

/** A setting that makes no sense: the console refuses to start and says which and why. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment once, at start; an empty variable counts as unset. */
export function configFromEnv(mode: Mode, env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = environment.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      `The console cannot start with this configuration:\n${parsed.error.issues.map((i) => `- ${i.message}`).join('\n')}`,
    );
  }
  const e = parsed.data;
  const region = e.AWS_REGION ?? e.AWS_DEFAULT_REGION;
  if (mode === 'serve' && !region) {
    throw new ConfigError(
      'AWS_REGION is not set: pnpm serve talks to AWS and must be told which region, e.g. AWS_REGION=eu-west-1.',
    );
  }
  if (Boolean(e.CONSOLE_TRUSTED_PROXY_HEADER) !== Boolean(e.CONSOLE_TRUSTED_PROXY_SECRET)) {
    throw new ConfigError(
      'CONSOLE_TRUSTED_PROXY_HEADER and CONSOLE_TRUSTED_PROXY_SECRET go together: set both or neither.',
    );
  }
  if (Boolean(e.CONSOLE_ADMIN_USERNAME) !== Boolean(e.CONSOLE_ADMIN_PASSWORD)) {
    throw new ConfigError(
      'CONSOLE_ADMIN_USERNAME and CONSOLE_ADMIN_PASSWORD go together: set both or neither.',
    );
  }
  const oidcSet = [
    e.CONSOLE_OIDC_ISSUER,
    e.CONSOLE_OIDC_CLIENT_ID,
    e.CONSOLE_OIDC_CLIENT_SECRET,
    e.CONSOLE_OIDC_REDIRECT_URL,
  ];
  if (oidcSet.some(Boolean) && !oidcSet.every(Boolean)) {
    throw new ConfigError(
      'OpenID Connect needs all of CONSOLE_OIDC_ISSUER, CONSOLE_OIDC_CLIENT_ID, CONSOLE_OIDC_CLIENT_SECRET and CONSOLE_OIDC_REDIRECT_URL.',
    );
  }
  if (e.CONSOLE_PASSWORD_SIGN_IN === false && !e.CONSOLE_OIDC_ISSUER && !e.CONSOLE_TRUSTED_PROXY_HEADER) {
    throw new ConfigError(
      'CONSOLE_PASSWORD_SIGN_IN=false leaves no way in: configure OpenID Connect (CONSOLE_OIDC_*) or a trusted proxy.',
    );
  }
  const groups = (list: string) =>
    list
      .split(',')
      .map((g) => g.trim())
      .filter(Boolean);
  return {
    mode,
    port: e.PORT,
    host: e.HOST,
    emulatorPort: e.EMULATOR_PORT,
    region: region ?? 'us-east-1',
    endpointUrl: e.AWS_ENDPOINT_URL,
    dataDir: e.CONSOLE_DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    demoPassword: e.CONSOLE_DEMO_PASSWORD,
    firstAdmin:
      e.CONSOLE_ADMIN_USERNAME && e.CONSOLE_ADMIN_PASSWORD
        ? { username: e.CONSOLE_ADMIN_USERNAME, password: e.CONSOLE_ADMIN_PASSWORD }
        : undefined,
    environment: { name: e.CONSOLE_ENVIRONMENT, colour: e.CONSOLE_ENVIRONMENT_COLOUR },
    sessionRecheckMs: e.CONSOLE_SESSION_CHECK_SECONDS * 1000,
    oidc:
      e.CONSOLE_OIDC_ISSUER &&
      e.CONSOLE_OIDC_CLIENT_ID &&
      e.CONSOLE_OIDC_CLIENT_SECRET &&
      e.CONSOLE_OIDC_REDIRECT_URL
        ? {
            issuer: e.CONSOLE_OIDC_ISSUER,
            clientId: e.CONSOLE_OIDC_CLIENT_ID,
            clientSecret: e.CONSOLE_OIDC_CLIENT_SECRET,
            redirectUrl: e.CONSOLE_OIDC_REDIRECT_URL,
            groupsClaim: e.CONSOLE_OIDC_GROUPS_CLAIM,
            adminGroups: groups(e.CONSOLE_OIDC_ADMIN_GROUPS),
            operatorGroups: groups(e.CONSOLE_OIDC_OPERATOR_GROUPS),
          }
        : undefined,
    behindHttpsProxy: e.CONSOLE_BEHIND_HTTPS,
    trustedProxy:
      e.CONSOLE_TRUSTED_PROXY_HEADER && e.CONSOLE_TRUSTED_PROXY_SECRET
        ? { userHeader: e.CONSOLE_TRUSTED_PROXY_HEADER, secret: e.CONSOLE_TRUSTED_PROXY_SECRET }
        : undefined,
    publicOrigins: e.CONSOLE_PUBLIC_ORIGIN,
    clientAddressHeader: e.CONSOLE_CLIENT_ADDRESS_HEADER,
    passwordSignIn: e.CONSOLE_PASSWORD_SIGN_IN ?? !e.CONSOLE_TRUSTED_PROXY_HEADER,
    sessionIdleMs:
      e.CONSOLE_SESSION_IDLE_MINUTES === undefined ? undefined : e.CONSOLE_SESSION_IDLE_MINUTES * 60_000,
    awsCallsPerSecond: e.CONSOLE_AWS_CALLS_PER_SECOND,
  };
}

/** The configuration, or a clear message on stderr and exit code 2. */
export function loadConfig(mode: Mode): Config {
  try {
    return configFromEnv(mode);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}
