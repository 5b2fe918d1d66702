/** The environment feature's public surface: where the console points, on every page. */
export { environmentQuery, whereText } from './api/keys.ts';
export { EnvironmentBadge } from './components/EnvironmentBadge.tsx';
