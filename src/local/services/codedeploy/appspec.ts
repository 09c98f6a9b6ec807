// Reads an ECS AppSpec (YAML or JSON) from a deployment's revision: the target service's task definition, container and port.
import { parse } from 'yaml';
import { type Json, err } from './codedeploy-state.js';

export interface EcsAppSpec {
  readonly taskDefinition: string;
  readonly containerName: string;
  readonly containerPort: number;
  readonly platformVersion?: string;
  readonly networkConfiguration?: Json;
  /** Lifecycle hook name → Lambda function (recorded, not invoked). */
  readonly hooks: Readonly<Record<string, string>>;
}

const invalid = (m: string) => err('InvalidRevisionException', m);

/** The AppSpec text of an AppSpecContent or String revision (S3 and GitHub revisions are not emulated). */
export function appSpecText(revision: Json | undefined): string {
  if (!revision) throw err('RevisionRequiredException', 'The revision ID was not specified.');
  const type = revision.revisionType;
  const body = (type === 'AppSpecContent' ? revision.appSpecContent : type === 'String' ? revision.string : undefined) as Json | undefined;
  if (type !== 'AppSpecContent' && type !== 'String')
    throw invalid(`cortado local reads AppSpecContent and String revisions only, not ${String(type)}.`);
  if (!body || typeof body.content !== 'string') throw invalid('The revision has no AppSpec content.');
  return body.content;
}

/** Keys as AppSpec files write them (PascalCase); ecspresso and the AWS docs both use that form. */
const pick = (o: unknown, key: string): unknown => (o && typeof o === 'object' ? (o as Json)[key] : undefined);

function networkOf(raw: unknown): Json | undefined {
  const vpc = pick(raw, 'AwsvpcConfiguration');
  if (!vpc) return undefined;
  const list = (k: string) => (pick(vpc, k) as string[] | undefined) ?? undefined;
  const assign = pick(vpc, 'AssignPublicIp') as string | undefined;
  return {
    awsvpcConfiguration: {
      subnets: list('Subnets') ?? [],
      ...(list('SecurityGroups') ? { securityGroups: list('SecurityGroups') } : {}),
      ...(assign ? { assignPublicIp: assign } : {}),
    },
  };
}

export function parseEcsAppSpec(text: string): EcsAppSpec {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw invalid(`The AppSpec file is not valid YAML or JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const resources = pick(doc, 'Resources');
  if (!Array.isArray(resources) || resources.length !== 1)
    throw invalid('The AppSpec file must list exactly one resource under Resources for an ECS deployment.');
  const entry = resources[0] as Json;
  const resource = Object.values(entry)[0];
  if (pick(resource, 'Type') !== 'AWS::ECS::Service') throw invalid('The AppSpec resource Type must be AWS::ECS::Service.');
  const props = pick(resource, 'Properties');
  const td = pick(props, 'TaskDefinition');
  if (typeof td !== 'string' || td === '') throw invalid('The AppSpec file must specify Properties.TaskDefinition.');
  const lb = pick(props, 'LoadBalancerInfo');
  const containerName = pick(lb, 'ContainerName');
  const containerPort = Number(pick(lb, 'ContainerPort'));
  if (typeof containerName !== 'string' || !Number.isInteger(containerPort))
    throw invalid('The AppSpec file must specify LoadBalancerInfo.ContainerName and LoadBalancerInfo.ContainerPort.');
  const hooks: Record<string, string> = {};
  const rawHooks = pick(doc, 'Hooks');
  if (Array.isArray(rawHooks)) for (const h of rawHooks as Json[]) for (const [k, v] of Object.entries(h)) hooks[k] = String(v);
  const platformVersion = pick(props, 'PlatformVersion');
  const networkConfiguration = networkOf(pick(props, 'NetworkConfiguration'));
  return {
    taskDefinition: td,
    containerName,
    containerPort,
    ...(typeof platformVersion === 'string' ? { platformVersion } : {}),
    ...(networkConfiguration ? { networkConfiguration } : {}),
    hooks,
  };
}
