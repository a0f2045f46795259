import { Match } from 'aws-cdk-lib/assertions';
import { operatorPasswordPolicy } from '../../lib/auth/operator-password-policy';
import { synthesizeStage } from './synthesized-stage';

const auth = () => synthesizeStage('dev').template('auth');

describe('auth stack', () => {
  // admin-web's Authenticator signs in with USER_PASSWORD_AUTH, the flow cognito-local supports.
  test('admin-web client allows password sign-in', () => {
    auth().hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: Match.absent(),
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
      RefreshTokenValidity: 720,
    });
  });

  // admin-web shows the same rules on its new-password forms.
  test('pool enforces the shared password policy', () => {
    auth().hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: operatorPasswordPolicy.minLength,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
    });
  });

  test('pool offers optional TOTP', () => {
    auth().hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
  });
});
