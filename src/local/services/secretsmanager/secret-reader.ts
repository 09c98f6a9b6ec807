// The SecretReader seam (env.seams.secrets): SSM and Secrets Manager each plug in a lookup, ECS resolves valueFrom through it.
import type { SandboxEnv, SecretReader } from '../../env.js';
import { extractJsonKey, parseSecretReference } from './secret-reference.js';

export type ParameterLookup = (name: string) => { readonly kind: 'found'; readonly value: string } | { readonly kind: 'missing' };

export type SecretLookup = (query: { readonly secretId: string; readonly versionStage?: string; readonly versionId?: string }) =>
  | { readonly kind: 'found'; readonly value: string }
  /** `error` is the AWS error as ECS quotes it, e.g. `ResourceNotFoundException: Secrets Manager can't find the specified secret.` */
  | { readonly kind: 'missing'; readonly error: string };

interface Sources {
  parameters?: ParameterLookup;
  secrets?: SecretLookup;
}

const registry = new WeakMap<SandboxEnv, Sources>();

// A failure's `reason` is the detail ECS's agent writes after "ResourceInitializationError: unable to pull secrets or
// registry auth: execution resource retrieval failed: unable to retrieve secret from <ssm|asm>: " (ECS adds that prefix).
const RETRIED = 'service call has been retried 1 time(s)';

export function createSecretReader(sources: Sources): SecretReader {
  return {
    resolve(valueFrom) {
      const ref = parseSecretReference(valueFrom);
      if (ref.kind === 'invalid') return { kind: 'error', reason: ref.reason };
      if (ref.kind === 'ssm') {
        const ssmFailure = (detail: string) => ({ kind: 'error' as const, reason: `${RETRIED}: ${detail}` });
        if (!sources.parameters) return ssmFailure('SSM Parameter Store is not running in this sandbox');
        for (const name of ref.names) {
          const hit = sources.parameters(name);
          if (hit.kind === 'found') return { kind: 'ok', value: hit.value };
        }
        return ssmFailure(`invalid ssm parameters: ${ref.names[ref.names.length - 1]!}`);
      }
      const asmFailure = (detail: string) => ({ kind: 'error' as const, reason: `${RETRIED}: ${detail}` });
      if (!sources.secrets) return asmFailure('Secrets Manager is not running in this sandbox');
      const hit = sources.secrets({
        secretId: ref.secretId,
        ...(ref.versionStage ? { versionStage: ref.versionStage } : {}),
        ...(ref.versionId ? { versionId: ref.versionId } : {}),
      });
      if (hit.kind === 'missing') return asmFailure(`failed to fetch secret ${ref.secretId} from secrets manager: ${hit.error}`);
      if (!ref.jsonKey) return { kind: 'ok', value: hit.value };
      const extracted = extractJsonKey(hit.value, ref.jsonKey);
      return extracted.kind === 'ok' ? extracted : { kind: 'error', reason: extracted.reason };
    },
  };
}

/** Called by the SSM and Secrets Manager factories; the first call installs env.seams.secrets. */
export function provideSecretLookup(env: SandboxEnv, part: Sources): void {
  let sources = registry.get(env);
  if (!sources) {
    sources = {};
    registry.set(env, sources);
    env.seams.secrets = createSecretReader(sources);
  }
  if (part.parameters) sources.parameters = part.parameters;
  if (part.secrets) sources.secrets = part.secrets;
}
