// `npm start` rebuilds better-sqlite3 for Electron's ABI; tests run in plain Node. This puts the
// Node build back when (and only when) the module cannot load here, so `npm test` works after `npm start`.
import { execSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  const Database = require('better-sqlite3');
  new Database(':memory:').close();
} catch (error) {
  if (!/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(String(error))) throw error;
  console.error('better-sqlite3 was built for Electron; rebuilding it for Node (about 2 minutes)...');
  execSync('npm rebuild better-sqlite3', { stdio: 'inherit' });
}
