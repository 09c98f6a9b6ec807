// Preview environments as functions over a session: what the package exports, so every host (CLI, HTTP server) makes one call.
import type { Session } from '../session/index.js';
import { createEnv as createOn, type CreateRequest, type CreateResult } from './create-env.js';
import { deleteEnv as deleteOn, type DeleteOptions, type DeleteResult } from './delete-env.js';
import { gcEnvs as gcOn, type GcOptions, type GcResult } from './gc-envs.js';
import { listEnvs as listOn, type Listing } from './list-envs.js';
import { openPreview } from './open-preview.js';
import type { ServiceRef } from './preview-config.js';
import { publishEndpoints as publishOn, type PublishResult } from './publish-endpoints.js';

/** `reference` replaces the config's reference service (the CLI's --from). */
export async function createEnv(session: Session, req: CreateRequest, reference?: ServiceRef): Promise<CreateResult> {
  return createOn(await openPreview(session, reference), req, session.signal);
}

export async function deleteEnv(session: Session, name: string, options: DeleteOptions = {}): Promise<DeleteResult> {
  return deleteOn(await openPreview(session), name, options, session.signal);
}

export async function listEnvs(session: Session): Promise<Listing> {
  return listOn(await openPreview(session), session.signal);
}

export async function gcEnvs(session: Session, options: GcOptions): Promise<GcResult> {
  return gcOn(await openPreview(session), options, session.signal);
}

export async function publishEndpoints(session: Session, to: string): Promise<PublishResult> {
  return publishOn(await openPreview(session), to, session.signal);
}
