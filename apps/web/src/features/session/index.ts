/** The session feature's public surface: who is signed in and what they may do. */
export { sessionKeys, sessionQuery } from './api/keys.ts';
export { type Access, useAccess } from './api/useAccess.ts';
export { CHANGE_PASSWORD_PATH, RequireSession } from './components/RequireSession.tsx';
export { SessionMenu } from './components/SessionMenu.tsx';
