#!/usr/bin/env node
// npm install drops two lock entries inside the bundled tree of @aws-amplify/graphql-api-construct
// that npm ci then requires (npm/cli#9821). Run this after every `npm install` that rewrites
// package-lock.json, until npm ships the fix; it is a no-op when the entries are present.
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const bundled = 'node_modules/@aws-amplify/graphql-api-construct/node_modules/@opentelemetry/';
const nestedCore = {
  version: '2.0.0',
  resolved: 'https://registry.npmjs.org/@opentelemetry/core/-/core-2.0.0.tgz',
  integrity: 'sha512-SLX36allrcnVaPYG3R78F/UZZsBsvbc7lMCLx37LyH5MJ1KAAZ2E3mW9OAD3zGz0G8q/BtoS5VUrjzDydhD6LQ==',
  dev: true,
  license: 'Apache-2.0',
  dependencies: { '@opentelemetry/semantic-conventions': '^1.29.0' },
  engines: { node: '^18.19.0 || >=20.6.0' },
  peerDependencies: { '@opentelemetry/api': '>=1.0.0 <1.10.0' },
};

let restored = 0;
for (const parent of ['resources', 'sdk-trace-base']) {
  const key = `${bundled}${parent}/node_modules/@opentelemetry/core`;
  if (lock.packages[`${bundled}${parent}`] && !lock.packages[key]) {
    lock.packages[key] = nestedCore;
    restored += 1;
  }
}
if (restored > 0) writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(restored > 0 ? `restored ${restored} lock entries` : 'lock entries already present');
