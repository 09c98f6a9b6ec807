// IAM (awsQuery, global, signing name iam): roles with trust policies, managed-policy attachments, inline policies, tags.
import { AwsError } from '../../aws-error.js';
import type { SandboxEnv } from '../../env.js';
import { loadModel } from '../../model/model.js';
import type { Handler, SandboxService } from '../../service.js';
import { restoreIam, snapshotIam } from './iam-persistence.js';
import { checkPolicy, createIamStore, encodePolicy, findRole, markerPage, roleId, roleView, type IamRole, type Tag } from './iam-roles.js';

const policyName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
const MANAGED_ARN = /^arn:aws[\w-]*:iam::(aws|\d{12}):policy\/(.+)$/;

export function createIamService(env: SandboxEnv): SandboxService {
  const store = createIamStore();
  const role = (input: Record<string, unknown>) => findRole(store, input.RoleName as string);

  const handlers: Record<string, Handler> = {
    CreateRole: (input) => {
      const name = input.RoleName as string;
      if (store.roles.has(name.toLowerCase())) throw new AwsError('EntityAlreadyExists', `Role with name ${name} already exists.`, 409);
      const doc = input.AssumeRolePolicyDocument as string;
      checkPolicy(doc);
      const path = (input.Path as string | undefined) ?? '/';
      const r: IamRole = {
        name,
        path,
        id: roleId(),
        arn: `arn:aws:iam::${env.accountId}:role${path}${name}`,
        createDate: env.clock.now(),
        assumeRolePolicyDocument: doc,
        maxSessionDuration: (input.MaxSessionDuration as number | undefined) ?? 3600,
        ...(input.Description !== undefined ? { description: input.Description as string } : {}),
        ...(input.PermissionsBoundary !== undefined ? { permissionsBoundary: input.PermissionsBoundary as string } : {}),
        tags: [...((input.Tags as Tag[] | undefined) ?? [])],
        attached: [],
        inline: new Map(),
      };
      store.roles.set(name.toLowerCase(), r);
      return { Role: roleView(r) };
    },
    GetRole: (input) => ({ Role: { ...roleView(role(input)), RoleLastUsed: {} } }),
    DeleteRole: (input) => {
      const r = role(input);
      if (r.attached.length > 0) throw new AwsError('DeleteConflict', 'Cannot delete entity, must detach all policies first.', 409);
      if (r.inline.size > 0) throw new AwsError('DeleteConflict', 'Cannot delete entity, must delete policies first.', 409);
      store.roles.delete(r.name.toLowerCase());
      return {};
    },
    ListRoles: (input) => {
      const prefix = (input.PathPrefix as string | undefined) ?? '/';
      const all = [...store.roles.values()].filter((r) => r.path.startsWith(prefix)).sort((a, b) => (a.name < b.name ? -1 : 1));
      const p = markerPage(all, input);
      return { Roles: p.items.map((r) => roleView(r, false)), IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
    },
    AttachRolePolicy: (input) => {
      const r = role(input);
      const arn = input.PolicyArn as string;
      if (!MANAGED_ARN.test(arn)) throw new AwsError('InvalidInput', `ARN ${arn} is not valid.`);
      if (!r.attached.includes(arn)) r.attached.push(arn);
      return {};
    },
    DetachRolePolicy: (input) => {
      const r = role(input);
      const arn = input.PolicyArn as string;
      const at = r.attached.indexOf(arn);
      if (at < 0) throw new AwsError('NoSuchEntity', `Policy ${arn} was not found.`, 404);
      r.attached.splice(at, 1);
      return {};
    },
    ListAttachedRolePolicies: (input) => {
      const prefix = (input.PathPrefix as string | undefined) ?? '/';
      const all = role(input).attached.filter((arn) => `/${MANAGED_ARN.exec(arn)?.[2] ?? ''}`.startsWith(prefix));
      const p = markerPage(all, input);
      return {
        AttachedPolicies: p.items.map((arn) => ({ PolicyName: policyName(arn), PolicyArn: arn })),
        IsTruncated: p.IsTruncated,
        ...(p.Marker ? { Marker: p.Marker } : {}),
      };
    },
    PutRolePolicy: (input) => {
      const r = role(input);
      const doc = input.PolicyDocument as string;
      checkPolicy(doc);
      r.inline.set(input.PolicyName as string, doc);
      return {};
    },
    GetRolePolicy: (input) => {
      const r = role(input);
      const name = input.PolicyName as string;
      const doc = r.inline.get(name);
      if (doc === undefined) throw new AwsError('NoSuchEntity', `The role policy with name ${name} cannot be found.`, 404);
      return { RoleName: r.name, PolicyName: name, PolicyDocument: encodePolicy(doc) };
    },
    DeleteRolePolicy: (input) => {
      const r = role(input);
      const name = input.PolicyName as string;
      if (!r.inline.delete(name)) throw new AwsError('NoSuchEntity', `The role policy with name ${name} cannot be found.`, 404);
      return {};
    },
    ListRolePolicies: (input) => {
      const p = markerPage([...role(input).inline.keys()].sort(), input);
      return { PolicyNames: p.items, IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
    },
    TagRole: (input) => {
      const r = role(input);
      const next = new Map(r.tags.map((t) => [t.Key, t.Value]));
      for (const t of input.Tags as Tag[]) next.set(t.Key, t.Value);
      if (next.size > 50) throw new AwsError('LimitExceeded', 'Cannot exceed quota for TagsPerRole: 50.', 409);
      r.tags = [...next].map(([Key, Value]) => ({ Key, Value }));
      return {};
    },
    UntagRole: (input) => {
      const r = role(input);
      const drop = new Set(input.TagKeys as string[]);
      r.tags = r.tags.filter((t) => !drop.has(t.Key));
      return {};
    },
    ListRoleTags: (input) => {
      const p = markerPage(role(input).tags, input);
      return { Tags: p.items, IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
    },
  };

  return {
    name: 'iam',
    model: loadModel('iam'),
    validation: { code: 'ValidationError' },
    handlers,
    snapshot: () => snapshotIam(store),
    restore: (saved) => restoreIam(store, saved),
  };
}
