/**
 * Glyph advance widths read straight from a TrueType file, so vega can lay text out with the
 * same widths resvg will draw. Without a canvas, vega guesses 0.8 em per character, which is
 * a third wider than DejaVu Sans: axis gutters come out too wide and truncation too eager.
 * Only what width measurement needs is parsed: head, hhea, hmtx and a Unicode cmap (format 4).
 */
export interface FontMetrics {
  /** Width in pixels of `text` set at `fontSize` px, ignoring kerning. */
  measure(text: string, fontSize: number): number;
}

interface TableRecord {
  offset: number;
  length: number;
}

function readTables(view: DataView): Map<string, TableRecord> {
  const tableCount = view.getUint16(4);
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < tableCount; i += 1) {
    const record = 12 + i * 16;
    const tag = String.fromCharCode(
      view.getUint8(record),
      view.getUint8(record + 1),
      view.getUint8(record + 2),
      view.getUint8(record + 3),
    );
    tables.set(tag, { offset: view.getUint32(record + 8), length: view.getUint32(record + 12) });
  }
  return tables;
}

function requireTable(tables: Map<string, TableRecord>, tag: string): TableRecord {
  const table = tables.get(tag);
  if (!table) throw new Error(`font has no '${tag}' table; expected a TrueType (.ttf) font`);
  return table;
}

/** Maps BMP code points to glyph ids using the Windows Unicode (3,1) or Unicode (0,x) format 4 subtable. */
function readCmap(view: DataView, cmapOffset: number): Map<number, number> {
  const subtableCount = view.getUint16(cmapOffset + 2);
  let subtableOffset = -1;
  for (let i = 0; i < subtableCount; i += 1) {
    const record = cmapOffset + 4 + i * 8;
    const platform = view.getUint16(record);
    const encoding = view.getUint16(record + 2);
    const offset = cmapOffset + view.getUint32(record + 4);
    const isUnicode = platform === 0 || (platform === 3 && encoding === 1);
    if (isUnicode && view.getUint16(offset) === 4) {
      subtableOffset = offset;
      break;
    }
  }
  if (subtableOffset < 0) throw new Error('font has no Unicode format-4 cmap subtable');

  const segCount = view.getUint16(subtableOffset + 6) / 2;
  const endCodes = subtableOffset + 14;
  const startCodes = endCodes + segCount * 2 + 2;
  const idDeltas = startCodes + segCount * 2;
  const idRangeOffsets = idDeltas + segCount * 2;
  const glyphs = new Map<number, number>();
  for (let segment = 0; segment < segCount; segment += 1) {
    const end = view.getUint16(endCodes + segment * 2);
    const start = view.getUint16(startCodes + segment * 2);
    const delta = view.getInt16(idDeltas + segment * 2);
    const rangeOffsetAddress = idRangeOffsets + segment * 2;
    const rangeOffset = view.getUint16(rangeOffsetAddress);
    for (let code = start; code <= end && code !== 0xffff; code += 1) {
      let glyph: number;
      if (rangeOffset === 0) {
        glyph = (code + delta) & 0xffff;
      } else {
        const glyphAddress = rangeOffsetAddress + rangeOffset + (code - start) * 2;
        const raw = view.getUint16(glyphAddress);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) glyphs.set(code, glyph);
    }
  }
  return glyphs;
}

export function createFontMetrics(fontData: Uint8Array): FontMetrics {
  const view = new DataView(fontData.buffer, fontData.byteOffset, fontData.byteLength);
  const tables = readTables(view);
  const unitsPerEm = view.getUint16(requireTable(tables, 'head').offset + 18);
  const metricCount = view.getUint16(requireTable(tables, 'hhea').offset + 34);
  const hmtxOffset = requireTable(tables, 'hmtx').offset;
  const glyphs = readCmap(view, requireTable(tables, 'cmap').offset);

  const advanceOfGlyph = (glyph: number): number => {
    // Glyphs past numberOfHMetrics share the last advance (monospaced tail).
    const index = Math.min(glyph, metricCount - 1);
    return view.getUint16(hmtxOffset + index * 4);
  };
  // Unknown characters are drawn as .notdef (glyph 0) by resvg when no fallback font exists.
  const fallbackAdvance = advanceOfGlyph(0);
  const cache = new Map<number, number>();
  const advanceOf = (codePoint: number): number => {
    let advance = cache.get(codePoint);
    if (advance === undefined) {
      const glyph = glyphs.get(codePoint);
      advance = glyph === undefined ? fallbackAdvance : advanceOfGlyph(glyph);
      cache.set(codePoint, advance);
    }
    return advance;
  };

  return {
    measure(text, fontSize) {
      let units = 0;
      for (const character of text) units += advanceOf(character.codePointAt(0) ?? 0);
      return (units / unitsPerEm) * fontSize;
    },
  };
}
