export { type ConnectInMemoryOptions, connectInMemory } from './connect-in-memory.ts';
