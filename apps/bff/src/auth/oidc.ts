import type { Role } from '@gateway-console/contract';
import * as client from 'openid-client';

/** Company sign-in through an OpenID Connect provider (authorization code + PKCE). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The console's own callback, as the provider knows it: `https://console.example/api/session/oidc/callback`. */
  redirectUrl: string;
  /** The ID-token claim listing the person's groups (default `groups`). */
  groupsClaim: string;
  adminGroups: string[];
  operatorGroups: string[];
}

/** What the browser keeps (in a short-lived cookie) between leaving for the provider and coming back. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
}

/** The role the groups claim maps to: admin, then operator groups; everyone else views. */
export function roleFromGroups(
  groups: unknown,
  settings: Pick<OidcSettings, 'adminGroups' | 'operatorGroups'>,
): Role {
  const mine = new Set(
    Array.isArray(groups) ? groups.map(String) : typeof groups === 'string' ? [groups] : [],
  );
  if (settings.adminGroups.some((g) => mine.has(g))) return 'admin';
  if (settings.operatorGroups.some((g) => mine.has(g))) return 'operator';
  return 'viewer';
}

export class OidcSignIn {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(readonly settings: OidcSettings) {}

  // Discovered on first use and kept; a failed discovery is tried again on the next sign-in.
  private config(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    // Plain http only for a provider on this machine (tests, a local IdP); anything else must be https.
    const local = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(issuer);
    this.configuration ??= client
      .discovery(
        new URL(issuer),
        clientId,
        clientSecret,
        undefined,
        local ? { execute: [client.allowInsecureRequests] } : {},
      )
      .catch((err) => {
        this.configuration = undefined;
        throw err;
      });
    return this.configuration;
  }

  /** Where to send the browser, and what to remember until it comes back. */
  async start(): Promise<{ url: string; pending: PendingSignIn }> {
    const config = await this.config();
    const pending = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUrl,
      scope: 'openid profile email',
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /** Exchanges the code the provider sent back; the person's name and the role their groups give. */
  async finish(query: string, pending: PendingSignIn): Promise<{ username: string; role: Role }> {
    const config = await this.config();
    const callback = new URL(this.settings.redirectUrl);
    callback.search = query;
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('the provider sent no ID token');
    const name = claims.preferred_username ?? claims.email ?? claims.sub;
    return { username: String(name), role: roleFromGroups(claims[this.settings.groupsClaim], this.settings) };
  }
}
