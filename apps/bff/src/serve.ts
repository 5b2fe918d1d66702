// `pnpm serve`: the production entry. The BFF alone against AWS through the standard credential chain
// (or AWS_ENDPOINT_URL); never an emulator, never demo users.
import { createFirstAdmin } from './auth/users.ts';
import { loadConfig } from './config.ts';
import { startServer, stopOnSignals } from './server.ts';

const config = loadConfig('serve');
const running = await startServer(config, {
  prepare: async (storage) => {
    const admin = await createFirstAdmin(storage.db, config.firstAdmin);
    if (admin === 'created') console.log(`First admin ${config.firstAdmin?.username} created.`);
    if (admin === 'missing') {
      console.warn(
        'No users yet: set CONSOLE_ADMIN_USERNAME and CONSOLE_ADMIN_PASSWORD to create the first admin.',
      );
    }
  },
});
console.log(`Region ${config.region}${config.endpointUrl ? `, endpoint ${config.endpointUrl}` : ', AWS'}`);
stopOnSignals(running);
