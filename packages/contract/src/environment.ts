import { z } from 'zod';

/** What the console talks to: AWS itself, another endpoint (LocalStack, an emulator), or the embedded demo. */
export const EnvironmentKind = z.enum(['aws', 'endpoint', 'demo']);
export type EnvironmentKind = z.infer<typeof EnvironmentKind>;

/** Where the console points, shown on every page (GET /api/environment). */
export const Environment = z.object({
  kind: EnvironmentKind,
  /** From STS GetCallerIdentity; null while AWS cannot be asked. */
  accountId: z.string().nullable(),
  region: z.string(),
  endpoint: z.string().optional(),
  /** The operator's name for it (`CONSOLE_ENVIRONMENT`, e.g. `prod-eu`); "Demo" for the embedded world. */
  name: z.string(),
  /** `CONSOLE_ENVIRONMENT_COLOUR`, a `#rrggbb` colour for the header's band. */
  colour: z.string().optional(),
});
export type Environment = z.infer<typeof Environment>;

/** `#rrggbb`, the only colour form the header accepts from configuration. */
export const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
