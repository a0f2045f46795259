import { Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { isDeletionProtected, statefulRemovalPolicy, type StageConfig } from '../stage-config';
import { operatorPasswordPolicy } from './operator-password-policy';

export interface AuthStackProps extends StackProps {
  readonly config: StageConfig;
}

/** Cognito groups. Handlers authorize on the `cognito:groups` claim. */
export const userGroups = ['owner', 'manager', 'staff', 'kiosk'] as const;

/**
 * Sign-in for head-office users and paired kiosk devices: one user pool, one app client per
 * front end. Users carry their tenant and facility as immutable custom attributes.
 */
export class AuthStack extends Stack {
  readonly userPool: cognito.UserPool;
  readonly adminWebClient: cognito.UserPoolClient;
  readonly kioskClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: AuthStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      signInAliases: { email: true },
      autoVerify: { email: true },
      selfSignUpEnabled: false,
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        ...operatorPasswordPolicy,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      customAttributes: {
        tenantId: new cognito.StringAttribute({ mutable: false, minLen: 1, maxLen: 64 }),
        facilityId: new cognito.StringAttribute({ mutable: false, minLen: 1, maxLen: 64 }),
      },
      deletionProtection: isDeletionProtected(config),
      removalPolicy: statefulRemovalPolicy(config),
    });

    for (const group of userGroups) {
      new cognito.CfnUserPoolGroup(this, `Group-${group}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group,
      });
    }

    // Both clients allow USER_PASSWORD_AUTH because cognito-local, which serves the same
    // clients locally, rejects SRP. Deployed front ends may use either flow.
    const clientDefaults: cognito.UserPoolClientOptions = {
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
    };
    this.adminWebClient = this.userPool.addClient('AdminWebClient', {
      ...clientDefaults,
      refreshTokenValidity: Duration.hours(12),
    });
    // A paired kiosk stays signed in unattended, so its refresh token lasts 30 days.
    this.kioskClient = this.userPool.addClient('KioskClient', {
      ...clientDefaults,
      refreshTokenValidity: Duration.days(30),
    });

    Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG2',
        reason:
          'TOTP MFA is optional so that kiosk device users, which sign in unattended with generated passwords, can exist in the same pool as operators.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'Threat protection needs the Cognito Plus feature plan, billed per monthly active user; the pool has no self sign-up and a strict password policy. TODO: decide on Plus when hardening sign-in security.',
      });
  }
}
