// The validated deploy configuration (cortado.yml or an ecspresso.yml as it is).
import type { PluginSpec } from './plugins/template-plugin.js';

export type ConfigFormat = 'yaml' | 'json' | 'jsonnet';

export interface DeployConfig {
  /** Absolute path of the config file, and its directory (definition paths are relative to it). */
  readonly path: string;
  readonly dir: string;
  readonly format: ConfigFormat;
  /** An ecspresso.yml read as it is (required_version then names ecspresso's version). */
  readonly ecspresso: boolean;
  readonly region?: string;
  readonly cluster: string;
  readonly service?: string;
  readonly serviceDefinitionPath?: string;
  /** ecspresso's `express_service_definition`: the service is an ECS Express Mode service created from this file. */
  readonly expressServiceDefinitionPath?: string;
  /** Required by the deploy commands; a config for canary releases or previews alone may leave it out. */
  readonly taskDefinitionPath?: string;
  readonly timeoutMs: number;
  readonly plugins: readonly PluginSpec[];
  readonly requiredVersion?: string;
  readonly ignoreTags: readonly string[];
  readonly assumeRoleArn?: string;
  /** How often waits poll AWS (cortado extension; default 5 s). */
  readonly pollIntervalMs?: number;
  /** ecspresso's `codedeploy:` section: which CodeDeploy application and deployment group deploy the service. */
  readonly codedeploy?: { readonly applicationName?: string; readonly deploymentGroupName?: string };
  /** ecspresso's `appspec:` section (its Hooks go into the AppSpec of CodeDeploy deployments). */
  readonly appspec?: Readonly<Record<string, unknown>>;
}

export const DEFAULT_TIMEOUT_MS = 10 * 60_000;
export const DEFAULT_CLUSTER = 'default';
