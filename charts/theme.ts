import type { Config } from 'vega-lite';
import { FONT_FAMILY } from './fonts.ts';

/**
 * Okabe-Ito, the palette designed to stay distinguishable with every common colour-vision
 * deficiency, ordered so the first colours are the most distinct on white; its yellow comes
 * last because it is faint on a light background, and Paul Tol's wine replaces its black.
 */
export const SERIES_PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#882255',
  '#F0E442',
] as const;

/**
 * Fixed meanings, used the same way in every chart. For cost an increase is bad news, so
 * increases are vermillion and decreases blue (never red/green, which many readers cannot tell apart).
 */
export const COLORS = {
  other: '#B4B4B4',
  primary: '#0072B2',
  secondary: '#9DB9D3',
  increase: '#D55E00',
  decrease: '#0072B2',
  total: '#4D4D4D',
  savings: '#009E73',
  tagged: '#0072B2',
  untagged: '#E69F00',
  anomaly: '#D55E00',
  expected: '#6B6B6B',
  band: '#56B4E9',
  budget: '#D55E00',
  text: '#1D1C1D',
  mutedText: '#616061',
  grid: '#E8E8E8',
  axis: '#BBBBBB',
} as const;

export const DEFAULT_SIZE = { width: 800, height: 450 } as const;

/** Light theme: white background, dark text, quiet grid; sits well in Slack and Teams light mode. */
export const THEME: Config = {
  font: FONT_FAMILY,
  background: '#FFFFFF',
  padding: 16,
  view: { stroke: null },
  title: {
    anchor: 'start',
    fontSize: 16,
    fontWeight: 'bold',
    color: COLORS.text,
    subtitleFontSize: 12,
    subtitleColor: COLORS.mutedText,
    subtitlePadding: 4,
    offset: 14,
    limit: 760,
  },
  axis: {
    labelFontSize: 11,
    labelColor: COLORS.mutedText,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    titleColor: COLORS.mutedText,
    gridColor: COLORS.grid,
    domainColor: COLORS.axis,
    tickColor: COLORS.axis,
    labelLimit: 260,
    labelPadding: 4,
  },
  legend: {
    labelFontSize: 11,
    labelColor: COLORS.text,
    titleFontSize: 11,
    titleColor: COLORS.mutedText,
    symbolType: 'square',
    labelLimit: 200,
  },
  range: { category: [...SERIES_PALETTE] },
  text: { fontSize: 11, color: COLORS.text },
};
