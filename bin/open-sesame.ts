import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addOpenSesameStacks } from '../lib/open-sesame-app';
import { resolveStageConfig } from '../lib/stage-config';

/** CDK app of one stage: `npx cdk deploy --all -c stage=dev` (or stg, prod). */
const app = new App();
const config = resolveStageConfig(app.node.tryGetContext('stages'), app.node.tryGetContext('stage'));

addOpenSesameStacks(app, config);

// Synthesis fails on any AwsSolutions finding that is not acknowledged with a reason.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
