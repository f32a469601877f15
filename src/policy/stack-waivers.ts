/**
 * The file synth writes beside each stack's cdk.tf.json with the waivers its configuration implies (the operator's and
 * the design waivers), so `npm run policy -- cdktf.out` judges a stack exactly as synth's summary did. Terraform
 * ignores it (it is not a .tf.json file).
 */
export const STACK_WAIVERS_FILE = "policy-waivers.json";
