// `render config|servicedef|taskdef`: what cortado will send, after templates, Jsonnet and key normalisation.
import { UsageError } from '../core/errors.js';
import type { DeployContext } from './deploy-context.js';
import { ecspressoConfig } from './render-config.js';

export const RENDER_TARGETS = ['config', 'servicedef', 'taskdef', 'expressdef'] as const;
export type RenderTarget = (typeof RENDER_TARGETS)[number];

export async function render(ctx: DeployContext, what: RenderTarget): Promise<unknown> {
  switch (what) {
    case 'config':
      return ecspressoConfig(ctx.config);
    case 'taskdef':
      return ctx.taskDefinition();
    case 'expressdef': {
      const xd = await ctx.expressDefinition();
      if (!xd) throw new UsageError('NO_SERVICE_DEFINITION', `${ctx.config.path} has no express_service_definition`);
      return xd;
    }
    case 'servicedef': {
      const sd = await ctx.serviceDefinition();
      if (!sd) throw new UsageError('NO_SERVICE_DEFINITION', `${ctx.config.path} has no service_definition`);
      return sd;
    }
  }
}

/** ecspresso's long names for the definitions. */
const ALIASES: Readonly<Record<string, RenderTarget>> = {
  'service-definition': 'servicedef',
  'task-definition': 'taskdef',
  'express-definition': 'expressdef',
  'express-service-definition': 'expressdef',
};

export function renderTarget(s: string | undefined): RenderTarget {
  if ((RENDER_TARGETS as readonly string[]).includes(s ?? '')) return s as RenderTarget;
  const alias = ALIASES[s ?? ''];
  if (alias) return alias;
  throw new UsageError(
    'BAD_ARGUMENTS',
    `render expects one of ${RENDER_TARGETS.join(', ')} (or service-definition, task-definition, express-definition), got ${JSON.stringify(s ?? '')}`,
  );
}
