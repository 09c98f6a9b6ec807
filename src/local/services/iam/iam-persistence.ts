// --state-dir support for IAM: roles with their trust policies, attached and inline policies as JSON, and back.
import type { IamRole, IamStore } from './iam-roles.js';

type RoleJson = Omit<IamRole, 'createDate' | 'inline'> & { readonly createDate: string; readonly inline: Array<[string, string]> };

export const snapshotIam = (store: IamStore): RoleJson[] =>
  JSON.parse(JSON.stringify([...store.roles.values()].map((r) => ({ ...r, inline: [...r.inline] })))) as RoleJson[];

/** Replaces the store's roles in place (handlers hold the map); keys are lower-case names, as IAM names are unique that way. */
export function restoreIam(store: IamStore, saved: unknown): void {
  if (!Array.isArray(saved)) throw new Error('IAM state in the state file has an unexpected shape; move the file away to start empty');
  store.roles.clear();
  for (const r of saved as RoleJson[])
    store.roles.set(r.name.toLowerCase(), { ...r, createDate: new Date(r.createDate), inline: new Map(r.inline) });
}
