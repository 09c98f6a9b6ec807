// The tags canary setup puts on what it creates: who made it, for which stable service, and what it changed on the route.
import { MANAGED_BY, TAG_MANAGED_BY, type TagMap } from '../../aws/resource-tags.js';

/** `<cluster>/<stable service>`: the release a resource was set up for. */
export const TAG_SETUP = 'cortado:canary:setup';
/** On the canary target group: the rule or listener whose forward action setup added it to (teardown takes it out again). */
export const TAG_ROUTE = 'cortado:canary:route';

export const setupIdentity = (cluster: string, stableService: string): string => `${cluster}/${stableService}`;

export function setupTags(identity: string, extra: TagMap = {}): TagMap {
  return { [TAG_MANAGED_BY]: MANAGED_BY, [TAG_SETUP]: identity, ...extra };
}

/** True when the tags say canary setup made the resource for this identity. */
export const madeBySetup = (tags: TagMap, identity: string): boolean => tags[TAG_MANAGED_BY] === MANAGED_BY && tags[TAG_SETUP] === identity;
