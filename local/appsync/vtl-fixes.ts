/**
 * Text rewrites of synthesized VTL for gaps of the AppSync simulator's Velocity engine
 * (@aws-amplify/amplify-appsync-simulator 2.16.20). Each rewrite keeps what the template does
 * on AppSync, except where its comment names a difference. Applied to every template locally and
 * never to what CDK deploys.
 */
export interface VtlFix {
  readonly name: string;
  readonly pattern: RegExp;
  readonly replacement: string;
}

export const vtlFixes: readonly VtlFix[] = [
  {
    // The simulator's parser fails on a property named `or` or `and` (Velocity keywords in
    // its grammar), e.g. `$ctx.stash.authFilter.or`. A map lookup by key reads the same value.
    name: 'keyword property to get()',
    pattern: /(\$[A-Za-z_][\w.]*)\.(or|and)\b(?!\s*\()/g,
    replacement: '$1.get("$2")',
  },
  {
    // The simulator has no `$extensions`, so a subscription with a filter argument fails.
    // Without the server-side filter every subscriber receives every change it is authorized
    // to read, and DataStore filters on the client, as it does for syncExpressions.
    name: 'drop setSubscriptionFilter',
    pattern: /\$extensions\.setSubscriptionFilter\([^\n]*\)\n?/g,
    replacement: '',
  },
  {
    // A versioned data source returns the stored item with a ConflictUnhandled error. The
    // simulator keeps `$ctx.result` null when the loader throws, so the local loader puts the
    // stored item on the error's `data` and the response template reads it from there.
    name: 'conflict data from error',
    pattern: /\$util\.error\(\$ctx\.error\.message, \$ctx\.error\.type, \$ctx\.result\)/g,
    replacement: '$util.error($ctx.error.message, $ctx.error.type, $util.defaultIfNull($ctx.result, $ctx.error.data))',
  },
];

/** Applies every fix of `vtlFixes` to one template. */
export function applyVtlFixes(template: string): string {
  return vtlFixes.reduce((text, fix) => text.replace(fix.pattern, fix.replacement), template);
}
