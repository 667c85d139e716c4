export {
  type BuildDigestInput,
  buildDigest,
  DIGEST_TOP_MOVERS,
  DIGEST_TOP_RECOMMENDATIONS,
  type DigestScope,
  lastFullDays,
  REALISED_WINDOW_DAYS,
  type RealisedSaving,
  realisedSavings,
} from './build-digest.ts';
export {
  type DigestRecommendationSource,
  decidedSavings,
  type OpenSavings,
  openSavings,
} from './digest-recommendations.ts';
export {
  createEngineTagCompliance,
  type TagComplianceFigure,
  type TagComplianceSource,
} from './tag-compliance-source.ts';
