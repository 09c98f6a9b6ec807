// Copies the generated API models next to the compiled sandbox (tsc does not copy JSON it does not import).
import { cpSync, mkdirSync } from 'node:fs';
mkdirSync('dist/local/model/generated', { recursive: true });
cpSync('src/local/model/generated', 'dist/local/model/generated', { recursive: true });
