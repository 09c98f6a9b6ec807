// Regenerates src/config/shape/ecs-fields.ts from the installed @aws-sdk/client-ecs (run after an SDK upgrade): node --import tsx scripts/gen-definition-fields.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fieldTree, fieldTreeModule } from './definition-fields.js';

const require = createRequire(import.meta.url);
const { version } = JSON.parse(readFileSync(require.resolve('@aws-sdk/client-ecs/package.json'), 'utf8')) as { version: string };
writeFileSync(new URL('../src/config/shape/ecs-fields.ts', import.meta.url), fieldTreeModule(fieldTree(), version));
