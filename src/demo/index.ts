export type { DemoAccount, DemoTags, Team } from './accounts.ts';
export { ALL_ACCOUNTS, LINKED_ACCOUNTS, PAYER_ACCOUNT, TEAMS } from './accounts.ts';
export type { PlantedAnomaly } from './anomalies.ts';
export { defaultAnomalies } from './anomalies.ts';
export type { DemoManifest, DemoStory } from './demo-manifest.ts';
export { DEMO_META_KEY, readDemoManifest } from './demo-manifest.ts';
export type { DemoOptions } from './generate-demo-organisation.ts';
export { DEMO_DELIVERY_PREFIX, generateDemoOrganisation } from './generate-demo-organisation.ts';
export { DEMO_REGIONS } from './prices.ts';
