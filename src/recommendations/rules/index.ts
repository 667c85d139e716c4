export { ebsGp2ToGp3Rule, ebsOldSnapshotRule, ebsUnattachedRule, volumeMonthlyCost } from './ebs-rules.ts';
export {
  currentGenerationEquivalent,
  fits,
  gravitonEquivalent,
  isSpecialPurpose,
  rightsizeTarget,
} from './ec2-candidates.ts';
export { ec2GravitonRule, ec2IdleRule, ec2PreviousGenerationRule, ec2RightsizeRule } from './ec2-rules.ts';
export { rdsGp2ToGp3Rule, rdsIdleRule, rdsRightsizeRule } from './rds-rules.ts';
export { s3LifecycleMissingRule, s3StorageClassRule, storageClassOptions } from './s3-rules.ts';
