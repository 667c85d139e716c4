export { createDigestBuilder, type DigestBuilder, type DigestBuilderOptions } from './digest-builder.ts';
export type { DigestPoster } from './digest-poster.ts';
export { type RunningDigests, type StartDigestsOptions, startDigests } from './start-digests.ts';
export { type StructuredLog, structuredDigestLog } from './structured-digest-log.ts';
