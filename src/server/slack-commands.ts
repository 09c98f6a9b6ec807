// `/cortado ...` in Slack: the words parsed into one action (pure), so the slash command and its help stay in step.
export type SlackCommand =
  | { readonly kind: 'help' }
  | {
      readonly kind: 'canary';
      readonly action: 'status' | 'pause' | 'resume' | 'promote' | 'abort';
      readonly app: string;
      readonly skipAnalysis: boolean;
    }
  | { readonly kind: 'canary-start'; readonly app: string; readonly tag: string }
  | { readonly kind: 'env'; readonly action: 'create' | 'delete'; readonly name: string; readonly app?: string }
  | { readonly kind: 'bad'; readonly message: string };

export const SLACK_HELP = [
  '*cortado* commands:',
  '`/cortado canary status|pause|resume|promote|abort <app>` (promote takes `--skip-analysis`)',
  '`/cortado canary start <app> <tag>`',
  '`/cortado env create|delete <name> [<app>]` (the app may be left out when there is one with a preview: section)',
  '`/cortado help`',
].join('\n');

export function parseSlackCommand(text: string): SlackCommand {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [group, verb, ...rest] = words;
  if (!group || group === 'help') return { kind: 'help' };
  if (group === 'canary') {
    if (verb === 'start') {
      if (rest.length !== 2) return { kind: 'bad', message: 'usage: /cortado canary start <app> <tag>' };
      return { kind: 'canary-start', app: rest[0]!, tag: rest[1]! };
    }
    if (verb === 'status' || verb === 'pause' || verb === 'resume' || verb === 'promote' || verb === 'abort') {
      const skip = rest.includes('--skip-analysis');
      const args = rest.filter((w) => w !== '--skip-analysis');
      if (args.length !== 1 || (skip && verb !== 'promote'))
        return { kind: 'bad', message: `usage: /cortado canary ${verb} <app>${verb === 'promote' ? ' [--skip-analysis]' : ''}` };
      return { kind: 'canary', action: verb, app: args[0]!, skipAnalysis: skip };
    }
    return { kind: 'bad', message: `unknown canary command ${JSON.stringify(verb ?? '')}; try /cortado help` };
  }
  if (group === 'env') {
    if ((verb === 'create' || verb === 'delete') && (rest.length === 1 || rest.length === 2))
      return { kind: 'env', action: verb, name: rest[0]!, ...(rest[1] ? { app: rest[1] } : {}) };
    return { kind: 'bad', message: 'usage: /cortado env create|delete <name> [<app>]' };
  }
  return { kind: 'bad', message: `unknown command ${JSON.stringify(group)}; try /cortado help` };
}
