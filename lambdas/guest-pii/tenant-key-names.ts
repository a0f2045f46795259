/**
 * Names of the per-tenant KMS keys, shared by the handlers that use the keys and the CDK stacks
 * that grant access to them. No SDK imports, so CDK code can load it.
 */

/** Tag keys on every tenant key; IAM policies match `open-sesame:stage`. */
export const tenantKeyTags = { stage: 'open-sesame:stage', tenant: 'open-sesame:tenant' } as const;

/** Prefix of the tenant key aliases of one stage, `alias/open-sesame/<stage>/tenant/`. */
export function tenantKeyAliasPrefix(stage: string): string {
  return `alias/open-sesame/${stage}/tenant/`;
}
