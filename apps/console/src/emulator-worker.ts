// The embedded emulator's own thread: its seeding, simulated demo traffic and data plane never wait on
// (or hold up) the BFF's event loop, and at start it seeds while the BFF opens its database.
import { parentPort, workerData } from 'node:worker_threads';
import { type EmulatorOptions, startEmulator } from '@gateway-console/emulator';

const emulator = await startEmulator(workerData as EmulatorOptions);
parentPort?.postMessage(emulator.url);
