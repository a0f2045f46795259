import { Stack, type StackProps } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import type { StageConfig } from '../stage-config';

export interface MailStackProps extends StackProps {
  readonly config: StageConfig;
}

/**
 * Outgoing mail through SES: the stage's sender domain as a verified identity (DKIM records to
 * publish are in the SES console after deploy) and a configuration set used by default for it.
 */
export class MailStack extends Stack {
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly fromAddress: string;

  constructor(scope: Construct, id: string, props: MailStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
    });

    this.identity = new ses.EmailIdentity(this, 'SenderDomain', {
      identity: ses.Identity.domain(config.mailSenderDomain),
      configurationSet: this.configurationSet,
      dkimSigning: true,
    });

    this.fromAddress = config.mailFromAddress;
  }
}
