// Copies the generated API models next to the compiled sandbox (tsc does not copy JSON it does not import).
import { cpSync, mkdirSync } from 'node:fs';
mkdirSync('dist/local/model/generated', { recursive: true });
cpSync('src/local/model/generated', 'dist/local/model/generated', { recursive: true });
// The server's dashboard (static files, served as they are) beside the compiled server.
import { existsSync } from 'node:fs';
if (existsSync('src/server/dashboard')) {
  mkdirSync('dist/server/dashboard', { recursive: true });
  cpSync('src/server/dashboard', 'dist/server/dashboard', { recursive: true });
}
