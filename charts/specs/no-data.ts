import { COLORS, THEME } from '../theme.ts';
import type { SpecOptions, VegaLiteSpec } from './common.ts';

/**
 * A normal-sized image that says plainly there was nothing to draw, so a chat message never
 * shows a broken or empty picture.
 */
export function noDataSpec(title: string, options: SpecOptions): VegaLiteSpec {
  const { width, height } = options;
  const padding = 16;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: width - padding * 2,
    height: height - padding * 2,
    padding,
    autosize: { type: 'none' },
    config: { ...THEME, padding },
    data: { values: [{ title, message: `No data for ${title}` }] },
    layer: [
      {
        mark: {
          type: 'text',
          align: 'left',
          baseline: 'top',
          x: 0,
          y: 0,
          fontSize: 16,
          fontWeight: 'bold',
          color: COLORS.text,
          limit: width - padding * 2,
        },
        encoding: { text: { field: 'title' } },
      },
      {
        mark: {
          type: 'text',
          align: 'center',
          baseline: 'middle',
          x: (width - padding * 2) / 2,
          y: (height - padding * 2) / 2,
          fontSize: 18,
          color: COLORS.mutedText,
          limit: width - padding * 4,
        },
        encoding: { text: { field: 'message' } },
      },
    ],
  } as VegaLiteSpec;
}
