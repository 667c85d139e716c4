import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadConfig } from '../../../src/config.ts';
import { FinopsError } from '../../../src/errors.ts';
import { createZip } from './zip-writer.ts';

/**
 * Builds the Teams app package (manifest.json, color.png, outline.png at the zip's root) with the
 * Azure Bot's Microsoft App ID filled in, ready to upload in Teams (Apps → Manage your apps → Upload
 * an app). `TEAMS_CLIENT_ID=<app id> node --import tsx adapters/teams/scripts/package-app.ts`
 * writes build/finops-copilot-teams.zip.
 */
const TEAMS_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
/** Where manifest.json takes the bot id; written with a `$` and braces like the Teams Toolkit's placeholders. */
const CLIENT_ID_PLACEHOLDER = ['$', '{TEAMS_CLIENT_ID}'].join('');
export const PACKAGE_PATH = join('build', 'finops-copilot-teams.zip');

const optionsSchema = z.object({
  clientId: z.uuid({
    message:
      "TEAMS_CLIENT_ID must be the Azure Bot's Microsoft App ID, a GUID such as 5a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
  }),
  publicUrl: z
    .url({ message: 'TEAMS_PUBLIC_URL must be a URL such as https://finops.example.com' })
    .optional(),
});

export function buildAppPackage(options: { clientId: string; publicUrl?: string | undefined }): Buffer {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new FinopsError(
      'finops_config_error',
      `${parsed.error.issues[0]?.message ?? 'invalid options'}; see docs/teams.md`,
    );
  }
  const manifest = JSON.parse(
    readFileSync(join(TEAMS_DIR, 'manifest.json'), 'utf8').replaceAll(
      CLIENT_ID_PLACEHOLDER,
      parsed.data.clientId,
    ),
  ) as { validDomains: string[] };
  // Hosted chart images come from the bot's own host; Teams only loads card images from valid domains.
  if (parsed.data.publicUrl) manifest.validDomains = [new URL(parsed.data.publicUrl).host];
  return createZip([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: 'color.png', data: readFileSync(join(TEAMS_DIR, 'color.png')) },
    { name: 'outline.png', data: readFileSync(join(TEAMS_DIR, 'outline.png')) },
  ]);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    // The environment is read where all of it is read: the config (TEAMS_* passed through).
    const teams = loadConfig().teamsEnvironment;
    const zip = buildAppPackage({
      clientId: teams.TEAMS_CLIENT_ID ?? '',
      publicUrl: teams.TEAMS_PUBLIC_URL || undefined,
    });
    mkdirSync(dirname(PACKAGE_PATH), { recursive: true });
    writeFileSync(PACKAGE_PATH, zip);
    console.log(
      `Wrote ${PACKAGE_PATH} (${zip.length} bytes). Upload it in Teams: Apps → Manage your apps → Upload an app.`,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
