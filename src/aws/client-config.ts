// The one configuration every SDK client is built from: region, endpoint, credentials chain or assume-role, adaptive retries.
import type { ResolvedAwsSettings } from './aws-settings.js';

/** What the credential chain returns; named through the provider module so no extra package is needed. */
export type CredentialProvider = ReturnType<typeof import('@aws-sdk/credential-providers').fromNodeProviderChain>;

export interface ClientConfig {
  readonly region?: string;
  readonly endpoint?: string;
  readonly credentials: CredentialProvider;
  readonly retryMode: 'adaptive';
  readonly maxAttempts: number;
  /** Attempts while AWS throttles (THROTTLED_ATTEMPTS unless set; maxAttempts hands throttling back sooner). */
  readonly throttledAttempts?: number;
}

/** Loads the credential providers lazily: `cortado --version` and `render` never pay for them. */
export async function buildClientConfig(s: ResolvedAwsSettings): Promise<ClientConfig> {
  const fixed = s.credentials;
  const common = {
    ...(s.region ? { region: s.region } : {}),
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    retryMode: 'adaptive' as const,
    maxAttempts: s.maxAttempts,
  };
  if (fixed && !s.assumeRoleArn) return { ...common, credentials: async () => ({ ...fixed }) };
  const providers = await import('@aws-sdk/credential-providers');
  const base = fixed ? async () => ({ ...fixed }) : providers.fromNodeProviderChain(s.profile ? { profile: s.profile } : {});
  if (!s.assumeRoleArn) return { ...common, credentials: base };
  const credentials = providers.fromTemporaryCredentials({
    masterCredentials: base,
    params: { RoleArn: s.assumeRoleArn, RoleSessionName: `cortado-${Date.now()}`, DurationSeconds: 3600 },
    clientConfig: { ...common },
  });
  return { ...common, credentials };
}
