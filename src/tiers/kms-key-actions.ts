/**
 * What a key policy grants the account itself so IAM policies can administer the key (never `kms:*`, which would
 * include key-policy lockout-prone actions without review). Shared by every customer-managed key of the stack.
 */
export const KMS_ADMINISTRATION_ACTIONS = [
  "kms:Create*",
  "kms:Describe*",
  "kms:Enable*",
  "kms:List*",
  "kms:Put*",
  "kms:Update*",
  "kms:Revoke*",
  "kms:Disable*",
  "kms:Get*",
  "kms:Delete*",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
] as const;

/** Encrypt and decrypt with the key. */
export const KMS_USE_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"] as const;
