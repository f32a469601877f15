/** The rule pack: the 60 rules of security-rules.md §8, in table order. */
import type { Rule } from "../model";
import { vpcFlowLogsEnabled } from "./PI-NET-001";
import { vpcDefaultSecurityGroupClosed } from "./PI-NET-002";
import { subnetNoAutoPublicIp } from "./PI-NET-003";
import { privateSubnetsRouteViaNat } from "./PI-NET-004";
import { naclRestrictive } from "./PI-NET-005";
import { securityGroupIngressRestricted } from "./PI-NET-006";
import { securityGroupEgressRestricted } from "./PI-NET-007";
import { securityGroupDescribedAndUsed } from "./PI-NET-008";
import { albListenerHttps } from "./PI-ALB-001";
import { albListenerModernTls } from "./PI-ALB-002";
import { albHeaderHardening } from "./PI-ALB-003";
import { elbLoggingEnabled } from "./PI-ALB-004";
import { elbDeletionProtection } from "./PI-ALB-005";
import { elbMultiAz } from "./PI-ALB-006";
import { targetGroupHealthCheck } from "./PI-ALB-007";
import { albProtectedByWaf } from "./PI-WAF-001";
import { wafWebAclComplete } from "./PI-WAF-002";
import { ecsClusterContainerInsights } from "./PI-ECS-001";
import { ecsServiceHardened } from "./PI-ECS-002";
import { ecsTaskIsolated } from "./PI-ECS-003";
import { ecsTaskLogging } from "./PI-ECS-004";
import { ecsTaskNoSecretsInEnvironment } from "./PI-ECS-005";
import { ecsEfsVolumeSecured } from "./PI-ECS-006";
import { ecsTaskRolesSeparated } from "./PI-ECS-007";
import { ecsContainerNonRootReadOnly } from "./PI-ECS-008";
import { rdsStorageEncrypted } from "./PI-RDS-001";
import { rdsNotPubliclyAccessible } from "./PI-RDS-002";
import { rdsMultiAz } from "./PI-RDS-003";
import { rdsBackupRetention } from "./PI-RDS-004";
import { rdsDeletionSafeguards } from "./PI-RDS-005";
import { rdsAutoMinorVersionUpgrade } from "./PI-RDS-006";
import { rdsLoggingAndMonitoring } from "./PI-RDS-007";
import { rdsRequireTls } from "./PI-RDS-008";
import { rdsNoLiteralCredentials } from "./PI-RDS-009";
import { efsEncrypted } from "./PI-EFS-001";
import { efsInBackupPlan } from "./PI-EFS-002";
import { efsAccessPointScoped } from "./PI-EFS-003";
import { backupPlanSound } from "./PI-BAK-001";
import { lambdaSupportedRuntime } from "./PI-LAM-001";
import { lambdaInVpcMultiAz } from "./PI-LAM-002";
import { lambdaNoSecretsInEnvironment } from "./PI-LAM-003";
import { lambdaPermissionScoped } from "./PI-LAM-004";
import { s3BucketNotPublic } from "./PI-S3-001";
import { s3BucketPolicyEnforcesTls } from "./PI-S3-002";
import { s3DefaultEncryption } from "./PI-S3-003";
import { s3VersioningEnabled } from "./PI-S3-004";
import { s3LifecycleConfigured } from "./PI-S3-005";
import { s3AccessLogging } from "./PI-S3-006";
import { secretNoLiteralValue } from "./PI-SEC-001";
import { secretRotated } from "./PI-SEC-002";
import { logGroupRetention } from "./PI-LOG-001";
import { iamNoAdminAccess } from "./PI-IAM-001";
import { iamNoServiceWildcards } from "./PI-IAM-002";
import { iamResourceScoped } from "./PI-IAM-003";
import { iamRoleTrustScoped } from "./PI-IAM-004";
import { iamManagedPolicyAllowList } from "./PI-IAM-005";
import { kmsKeyHardened } from "./PI-KMS-001";
import { dataStoresUseCmk } from "./PI-KMS-002";
import { acmCertificateManaged } from "./PI-ACM-001";
import { route53RecordAttached } from "./PI-DNS-001";

export const RULES: readonly Rule[] = [
  vpcFlowLogsEnabled,
  vpcDefaultSecurityGroupClosed,
  subnetNoAutoPublicIp,
  privateSubnetsRouteViaNat,
  naclRestrictive,
  securityGroupIngressRestricted,
  securityGroupEgressRestricted,
  securityGroupDescribedAndUsed,
  albListenerHttps,
  albListenerModernTls,
  albHeaderHardening,
  elbLoggingEnabled,
  elbDeletionProtection,
  elbMultiAz,
  targetGroupHealthCheck,
  albProtectedByWaf,
  wafWebAclComplete,
  ecsClusterContainerInsights,
  ecsServiceHardened,
  ecsTaskIsolated,
  ecsTaskLogging,
  ecsTaskNoSecretsInEnvironment,
  ecsEfsVolumeSecured,
  ecsTaskRolesSeparated,
  ecsContainerNonRootReadOnly,
  rdsStorageEncrypted,
  rdsNotPubliclyAccessible,
  rdsMultiAz,
  rdsBackupRetention,
  rdsDeletionSafeguards,
  rdsAutoMinorVersionUpgrade,
  rdsLoggingAndMonitoring,
  rdsRequireTls,
  rdsNoLiteralCredentials,
  efsEncrypted,
  efsInBackupPlan,
  efsAccessPointScoped,
  backupPlanSound,
  lambdaSupportedRuntime,
  lambdaInVpcMultiAz,
  lambdaNoSecretsInEnvironment,
  lambdaPermissionScoped,
  s3BucketNotPublic,
  s3BucketPolicyEnforcesTls,
  s3DefaultEncryption,
  s3VersioningEnabled,
  s3LifecycleConfigured,
  s3AccessLogging,
  secretNoLiteralValue,
  secretRotated,
  logGroupRetention,
  iamNoAdminAccess,
  iamNoServiceWildcards,
  iamResourceScoped,
  iamRoleTrustScoped,
  iamManagedPolicyAllowList,
  kmsKeyHardened,
  dataStoresUseCmk,
  acmCertificateManaged,
  route53RecordAttached,
];
