import { crc32, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildAppPackage } from '../../../adapters/teams/scripts/package-app.ts';

const CLIENT = '5a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

/** Reads a ZIP through its central directory (APPNOTE 4.3.12), inflating and checking each entry. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let index = 0; index < count; index++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const localNameLength = zip.readUInt16LE(localOffset + 26);
    const localExtraLength = zip.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    const raw = zip.subarray(start, start + compressedSize);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

describe('buildAppPackage', () => {
  it('should zip the manifest with the bot id filled in and both icons at the root', () => {
    const files = readZip(buildAppPackage({ clientId: CLIENT, publicUrl: 'https://finops.example.com' }));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(String(files.get('manifest.json')));
    expect(Number(manifest.manifestVersion)).toBeGreaterThanOrEqual(1.17);
    expect(manifest.id).toBe(CLIENT);
    expect(manifest.bots).toEqual([
      expect.objectContaining({
        botId: CLIENT,
        scopes: ['personal', 'team', 'groupChat'],
        commandLists: [expect.objectContaining({ commands: expect.arrayContaining([expect.anything()]) })],
      }),
    ]);
    expect(manifest.validDomains).toEqual(['finops.example.com']);
    expect(JSON.stringify(manifest)).not.toContain('TEAMS_CLIENT_ID');
    // PNG IHDR width/height: 192 × 192 colour, 32 × 32 outline, as Teams requires.
    const size = (png: Buffer | undefined) => [png?.readUInt32BE(16), png?.readUInt32BE(20)];
    expect(size(files.get('color.png'))).toEqual([192, 192]);
    expect(size(files.get('outline.png'))).toEqual([32, 32]);
  });

  it('should refuse a client id that is not a GUID', () => {
    expect(() => buildAppPackage({ clientId: 'my-bot' })).toThrow(/TEAMS_CLIENT_ID must be .* GUID/);
  });
});
